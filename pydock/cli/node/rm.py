"""`pydock node rm`: remove nodes from the swarm one by one; the failures are reported together."""

from __future__ import annotations

import click

from .._complete import complete_nodes
from .._lazy import command

EXAMPLES = (
    ("Remove a node that is down", "pydock node rm node-2"),
)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] NODE [NODE...]", args=(1, None),
         help="Remove one or more nodes from the swarm")
@click.argument("names", nargs=-1, shell_complete=complete_nodes)
@click.option("-f", "--force", is_flag=True, help="Force remove a node from the swarm")
@click.pass_obj
def command(app, names, force):
    from ...engine.api import swarm
    from .._swarm import remove_each

    remove_each(app, names, lambda name: swarm.node_remove(app.engine, name, force=force))
