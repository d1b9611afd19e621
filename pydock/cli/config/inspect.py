"""`pydock config inspect`: the daemon's JSON, a template, or docker's `--pretty` text."""

from __future__ import annotations

import click

from .._complete import complete_configs
from .._lazy import command
from ..inspect import FORMAT_HELP

EXAMPLES = (
    ("A config in human-friendly form", "pydock config inspect --pretty my_config"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] CONFIG [CONFIG...]", args=(1, None),
         help="Display detailed information on one or more configs")
@click.argument("names", nargs=-1, shell_complete=complete_configs)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("--pretty", is_flag=True, help="Print the information in a human friendly format")
@click.pass_obj
def command(app, names, format_, pretty):
    from ...engine.api import swarm
    from ...render.views_swarm import CONFIG_PRETTY, ConfigPretty
    from .._swarm import inspect_objects

    inspect_objects(app, names, lambda name: swarm.object_inspect_raw(app.engine, "/configs", name), format_,
                    pretty, CONFIG_PRETTY, ConfigPretty)
