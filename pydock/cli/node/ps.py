"""`pydock node ps`: the tasks on one or more nodes (this node by default), as `docker node ps` lists them."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_nodes
from .._lazy import command
from ..service.ps import FORMAT_HELP, filter_flag


@dataclass(frozen=True)
class NodePsOptions:
    nodes: tuple[str, ...] = ("self",)
    filters: tuple = ()
    format: str | None = None
    no_resolve: bool = False
    no_trunc: bool = False
    quiet: bool = False


EXAMPLES = (
    ("The tasks running on this node", "pydock node ps --filter desired-state=running"),
)


@command("ps", examples=EXAMPLES, usage="[OPTIONS] [NODE...]", args=(0, None),
         help="List tasks running on one or more nodes, defaults to current node")
@click.argument("nodes", nargs=-1, shell_complete=complete_nodes)
@filter_flag()
@click.option("--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("--no-resolve", is_flag=True, help="Do not map IDs to Names")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only display task IDs")
@click.pass_obj
def command(app, nodes, filters, format_, no_resolve, no_trunc, quiet):
    run_node_ps(app, NodePsOptions(tuple(nodes) or ("self",), filters, format_, no_resolve, no_trunc, quiet))


def run_node_ps(app, opts: NodePsOptions) -> None:
    """Each node's tasks (`self` is this engine's node); a node that fails is reported after the table of
    the others' tasks, all failures on one error, as docker does."""
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts.filters import build_filters
    from ..service.ps import node_reference, print_tasks

    errors, tasks = [], []
    for ref in opts.nodes:
        try:
            node = swarm.node_inspect(app.engine, node_reference(app, ref))
            filters = build_filters(opts.filters)
            filters.setdefault("node", {})[node["ID"]] = True
            tasks.extend(swarm.task_list(app.engine, filters=filters))
        except PydockError as e:
            errors.append(str(e))
    if not errors or tasks:
        try:
            print_tasks(app, tasks, no_resolve=opts.no_resolve, trunc=not opts.no_trunc, quiet=opts.quiet,
                        format_=opts.format)
        except PydockError as e:
            errors.append(str(e))
    if errors:
        raise PydockError("\n".join(errors))
