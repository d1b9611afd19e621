"""`pydock plugin inspect`: the daemon's JSON for each plugin, or a template over it."""

from __future__ import annotations

import click

from .._lazy import command
from ..inspect import FORMAT_HELP

EXAMPLES = (
    ("A plugin's enabled state", "pydock plugin inspect -f '{{.Enabled}}' vieux/sshfs"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] PLUGIN [PLUGIN...]", args=(1, None),
         help="Display detailed information on one or more plugins")
@click.argument("names", nargs=-1)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.pass_obj
def command(app, names, format_):
    from ...engine.api import plugins
    from .._inspect import inspect_each

    inspect_each(app, names, lambda name: plugins.inspect_raw(app.engine, name), format_)
