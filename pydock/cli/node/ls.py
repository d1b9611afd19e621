"""`pydock node ls`: the swarm's nodes, `*` beside this daemon's own (docker 28's columns and order)."""

from __future__ import annotations

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, filter_option, format_option, quiet_option

EXAMPLES = (
    ("The managers of the swarm", "pydock node ls --filter role=manager"),
)


@command("ls", examples=EXAMPLES, help="List nodes in the swarm")
@filter_option("node ls")
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only display IDs")
@click.pass_obj
def command(app, filters, format_, quiet):
    from ...engine.api import swarm, system
    from ...opts.filters import build_filters
    from ...render.views_swarm import NODE_RAW, NODE_RAW_QUIET, NODE_TABLE, NodeView
    from .._objects import sort_by_name
    from .._swarm import list_format, write_rows

    nodes = swarm.node_list(app.engine, filters=build_filters(filters))
    info = system.info(app.engine) if nodes and not quiet else {}
    fmt = list_format(format_, quiet, NODE_TABLE, app.config.get("nodesFormat") or "", NODE_RAW, NODE_RAW_QUIET)
    rows = [NodeView(n, info) for n in sort_by_name(nodes, lambda n: (n.get("Description") or {}).get("Hostname", ""))]
    write_rows(app, fmt, rows, NodeView.headers)
