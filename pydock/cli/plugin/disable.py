"""`pydock plugin disable`."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Disable a plugin even while it is in use", "pydock plugin disable -f vieux/sshfs"),)


@command("disable", examples=EXAMPLES, usage="[OPTIONS] PLUGIN", args=(1, 1), help="Disable a plugin")
@click.argument("names", nargs=-1)
@click.option("-f", "--force", is_flag=True, help="Force the disable of an active plugin")
@click.pass_obj
def command(app, names, force):
    from ...engine.api import plugins

    plugins.disable(app.engine, names[0], force=force)
    app.write(names[0] + "\n")
