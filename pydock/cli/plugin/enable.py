"""`pydock plugin enable`."""

from __future__ import annotations

import click

from .._lazy import command
from .._params import GoInt

EXAMPLES = (("Enable a plugin, waiting up to a minute", "pydock plugin enable --timeout 60 vieux/sshfs"),)


@command("enable", examples=EXAMPLES, usage="[OPTIONS] PLUGIN", args=(1, 1), help="Enable a plugin")
@click.argument("names", nargs=-1)
@click.option("--timeout", type=GoInt(), default=30, metavar="int", help="HTTP client timeout (in seconds) (default 30)")
@click.pass_obj
def command(app, names, timeout):
    from ...engine.api import plugins
    from ...errors import PydockError

    if timeout < 0:
        raise PydockError(f"negative timeout {timeout} is invalid")
    plugins.enable(app.engine, names[0], timeout=timeout)
    app.write(names[0] + "\n")
