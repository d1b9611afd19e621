"""`pydock node inspect`: a node (`self` is this daemon's) as JSON, a template, or docker's `--pretty` text."""

from __future__ import annotations

import click

from .._complete import complete_nodes
from .._lazy import command
from ..inspect import FORMAT_HELP

EXAMPLES = (
    ("This daemon's node in human-friendly form", "pydock node inspect --pretty self"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] self|NODE [NODE...]", args=(1, None),
         help="Display detailed information on one or more nodes")
@click.argument("names", nargs=-1, shell_complete=complete_nodes)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("--pretty", is_flag=True, help="Print the information in a human friendly format")
@click.pass_obj
def command(app, names, format_, pretty):
    from ...engine.api import swarm
    from ...render.views_swarm import NODE_PRETTY, NodePretty
    from .._swarm import inspect_objects, node_reference

    inspect_objects(app, names, lambda name: swarm.node_inspect_raw(app.engine, node_reference(app, name)), format_,
                    pretty, NODE_PRETTY, NodePretty)
