"""`pydock swarm leave`: this daemon's node leaves its swarm."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ("Leave, even as the last manager", "pydock swarm leave --force"),
)


@command("leave", examples=EXAMPLES, help="Leave the swarm")
@click.option("-f", "--force", is_flag=True, help="Force this node to leave the swarm, ignoring warnings")
@click.pass_obj
def command(app, force):
    from ...engine.api import swarm

    swarm.leave(app.engine, force=force)
    app.write("Node left the swarm.\n")
