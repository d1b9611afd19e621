"""`pydock network inspect`."""

from __future__ import annotations

import click

from .._complete import complete_networks
from .._inspect import run_inspect
from .._lazy import command
from ..inspect import FORMAT_HELP


EXAMPLES = (
    ("A network's subnet", "pydock network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' backend"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] NETWORK [NETWORK...]", args=(1, None),
         help="Display detailed information on one or more networks")
@click.argument("names", nargs=-1, shell_complete=complete_networks)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("-v", "--verbose", is_flag=True, help="Verbose output for diagnostics")
@click.pass_obj
def command(app, names, format_, verbose):
    """`--verbose` only adds swarm service details, which pydock does not ask for (no swarm support)."""
    run_inspect(app, names, kind="network", format_=format_)
