"""`pydock plugin set`."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Turn on a plugin's debug setting", "pydock plugin set vieux/sshfs DEBUG=1"),)


@command("set", examples=EXAMPLES, usage="PLUGIN KEY=VALUE [KEY=VALUE...]", args=(2, None),
         help="Change settings for a plugin")
@click.argument("args", nargs=-1)
@click.pass_obj
def command(app, args):
    from ...engine.api import plugins

    plugins.set(app.engine, args[0], list(args[1:]))
