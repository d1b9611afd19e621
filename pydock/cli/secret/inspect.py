"""`pydock secret inspect`: the daemon's JSON, a template, or docker's `--pretty` text."""

from __future__ import annotations

import click

from .._complete import complete_secrets
from .._lazy import command
from ..inspect import FORMAT_HELP

EXAMPLES = (
    ("A secret in human-friendly form", "pydock secret inspect --pretty my_secret"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] SECRET [SECRET...]", args=(1, None),
         help="Display detailed information on one or more secrets")
@click.argument("names", nargs=-1, shell_complete=complete_secrets)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("--pretty", is_flag=True, help="Print the information in a human friendly format")
@click.pass_obj
def command(app, names, format_, pretty):
    from ...engine.api import swarm
    from ...render.views_swarm import SECRET_PRETTY, SecretPretty
    from .._swarm import inspect_objects

    inspect_objects(app, names, lambda name: swarm.object_inspect_raw(app.engine, "/secrets", name), format_,
                    pretty, SECRET_PRETTY, SecretPretty)
