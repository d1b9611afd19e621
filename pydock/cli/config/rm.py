"""`pydock config rm`: remove configs one by one; the failures are reported together at the end."""

from __future__ import annotations

import click

from .._complete import complete_configs
from .._lazy import command

EXAMPLES = (
    ("Remove a config", "pydock config rm my_config"),
)


@command("rm", examples=EXAMPLES, usage="CONFIG [CONFIG...]", args=(1, None), help="Remove one or more configs")
@click.argument("names", nargs=-1, shell_complete=complete_configs)
@click.pass_obj
def command(app, names):
    from ...engine.api import swarm
    from .._swarm import remove_each

    remove_each(app, names, lambda name: swarm.object_remove(app.engine, "/configs", name))
