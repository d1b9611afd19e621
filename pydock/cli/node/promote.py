"""`pydock node promote`: make workers managers."""

from __future__ import annotations

import click

from .._complete import complete_nodes
from .._lazy import command

EXAMPLES = (
    ("Make a worker a manager", "pydock node promote node-2"),
)


@command("promote", examples=EXAMPLES, usage="NODE [NODE...]", args=(1, None),
         help="Promote one or more nodes to manager in the swarm")
@click.argument("names", nargs=-1, shell_complete=complete_nodes)
@click.pass_obj
def command(app, names):
    from .._swarm import set_role

    set_role(app, names, "manager")
