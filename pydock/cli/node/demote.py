"""`pydock node demote`: make managers workers."""

from __future__ import annotations

import click

from .._complete import complete_nodes
from .._lazy import command

EXAMPLES = (
    ("Make a manager a worker", "pydock node demote node-2"),
)


@command("demote", examples=EXAMPLES, usage="NODE [NODE...]", args=(1, None),
         help="Demote one or more nodes from manager in the swarm")
@click.argument("names", nargs=-1, shell_complete=complete_nodes)
@click.pass_obj
def command(app, names):
    from .._swarm import set_role

    set_role(app, names, "worker")
