"""`pydock image inspect`."""

from __future__ import annotations

import click

from .._complete import complete_images
from .._inspect import run_inspect
from .._lazy import command
from ..inspect import FORMAT_HELP


EXAMPLES = (
    ("An image's entrypoint and command", "pydock image inspect -f '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' myapp:1.2"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] IMAGE [IMAGE...]", args=(1, None),
         help="Display detailed information on one or more images")
@click.argument("names", nargs=-1, shell_complete=complete_images)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.pass_obj
def command(app, names, format_):
    run_inspect(app, names, kind="image", format_=format_)
