"""`pydock container inspect`."""

from __future__ import annotations

import click

from .._complete import complete_containers
from .._inspect import run_inspect
from .._lazy import command
from ..inspect import FORMAT_HELP


EXAMPLES = (
    ('One field of a container', "pydock container inspect -f '{{.State.Status}}' web"),
    ('The IP address on each network', "pydock container inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' web"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None),
         help="Display detailed information on one or more containers")
@click.argument("names", nargs=-1, shell_complete=complete_containers)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("-s", "--size", is_flag=True, help="Display total file sizes")
@click.pass_obj
def command(app, names, format_, size):
    run_inspect(app, names, kind="container", format_=format_, size=size)
