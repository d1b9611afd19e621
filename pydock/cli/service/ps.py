"""`pydock service ps`: the tasks of one or more services, as `docker service ps` lists them.

The task table itself (also `node ps` and `stack ps`) is `print_tasks` below over render/views_tasks.py:
docker's task.Print with its ID resolver (service and node IDs to names, once each, unless --no-resolve).
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_swarm_services
from .._lazy import command

FORMAT_HELP = "Pretty-print tasks using a Go template"


def filter_flag():
    """docker's `-f, --filter` of the swarm listings (no completion: docker offers none there)."""
    from .._params import FILTER, drop_empty_filters

    return click.option("-f", "--filter", "filters", multiple=True, type=FILTER, metavar="filter",
                        callback=drop_empty_filters, help="Filter output based on conditions provided")


@dataclass(frozen=True)
class ServicePsOptions:
    services: tuple[str, ...]
    filters: tuple = ()
    format: str | None = None
    no_resolve: bool = False
    no_trunc: bool = False
    quiet: bool = False


EXAMPLES = (
    ("The running tasks of a service", "pydock service ps --filter desired-state=running web"),
)


@command("ps", examples=EXAMPLES, usage="[OPTIONS] SERVICE [SERVICE...]", args=(1, None),
         help="List the tasks of one or more services")
@click.argument("services", nargs=-1, shell_complete=complete_swarm_services)
@filter_flag()
@click.option("--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("--no-resolve", is_flag=True, help="Do not map IDs to Names")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only display task IDs")
@click.pass_obj
def command(app, services, filters, format_, no_resolve, no_trunc, quiet):
    run_service_ps(app, ServicePsOptions(tuple(services), filters, format_, no_resolve, no_trunc, quiet))


def run_service_ps(app, opts: ServicePsOptions) -> None:
    """Services by exact ID, then exact name, then unique ID prefix (docker's createFilter); the ones not
    found are reported after the table, and only when none is found nothing is listed."""
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts.filters import build_filters

    filters = build_filters(opts.filters)
    by_id = swarm.service_list(app.engine, filters={"id": {s: True for s in opts.services}})
    by_name = swarm.service_list(app.engine, filters={"name": {s: True for s in opts.services}})
    notfound, count = [], 0
    for ref in opts.services:
        match = next((s for s in by_id if s["ID"] == ref), None) \
            or next((s for s in by_name if (s.get("Spec") or {}).get("Name") == ref), None)
        if match is not None:
            filters.setdefault("service", {})[match["ID"]] = True
            count += 1
            continue
        prefixed = [s for s in by_id if s["ID"].startswith(ref)]
        if len(prefixed) > 1:
            raise PydockError(f"multiple services found with provided prefix: {ref}")
        if prefixed:
            filters.setdefault("service", {})[prefixed[0]["ID"]] = True
            count += 1
        else:
            notfound.append(f"no such service: {ref}")
    if count == 0:
        raise PydockError("\n".join(notfound))
    node_filters(app, filters)
    tasks = swarm.task_list(app.engine, filters=filters)
    print_tasks(app, tasks, no_resolve=opts.no_resolve, trunc=not (opts.no_trunc or opts.quiet),
                quiet=opts.quiet, format_=opts.format)
    if notfound:
        raise PydockError("\n".join(notfound))


def node_filters(app, filters: dict) -> None:
    """docker's updateNodeFilter: `node=self` becomes this node's ID (other values go as they are)."""
    if "node" in filters:
        filters["node"] = {node_reference(app, n): True for n in filters["node"]}


def node_reference(app, ref: str) -> str:
    """docker's node.Reference: `self` is the ID /info reports for this engine."""
    if ref != "self":
        return ref
    from ...engine.api import swarm, system
    from ...errors import PydockError

    node_id = ((system.info(app.engine) or {}).get("Swarm") or {}).get("NodeID", "")
    if not node_id:
        swarm.node_list(app.engine)  # not a manager: the daemon's own error
        raise PydockError("node ID not found in /info")
    return node_id


class IDResolver:
    """docker's idresolver: a node's name (Spec.Name, else its hostname) or a service's name, each looked
    up once; any failure leaves the ID as it is. With no_resolve, IDs are kept."""

    def __init__(self, engine, no_resolve: bool = False):
        self.engine, self.no_resolve, self.cache = engine, no_resolve, {}

    def node(self, node_id: str) -> str:
        return self._resolve(("node", node_id), node_id, self._node)

    def service(self, service_id: str) -> str:
        return self._resolve(("service", service_id), service_id, self._service)

    def _resolve(self, key, ident: str, get) -> str:
        if self.no_resolve:
            return ident
        if key not in self.cache:
            self.cache[key] = get(ident)
        return self.cache[key]

    def _node(self, node_id: str) -> str:
        from ...engine.api import swarm
        from ...errors import PydockError

        try:
            node = swarm.node_inspect(self.engine, node_id)
        except PydockError:
            return node_id
        return ((node.get("Spec") or {}).get("Name") or (node.get("Description") or {}).get("Hostname")
                or node_id)

    def _service(self, service_id: str) -> str:
        from ...engine.api import swarm
        from ...errors import PydockError

        try:
            return ((swarm.service_inspect(self.engine, service_id).get("Spec") or {}).get("Name", ""))
        except PydockError:
            return service_id


def print_tasks(app, tasks: list[dict], *, no_resolve: bool, trunc: bool, quiet: bool, format_: str | None) -> None:
    """docker's task.Print with task.DefaultFormat (the config file's tasksFormat unless -q)."""
    from ...render.formatter import prepare, render_rows
    from ...render.views_tasks import TaskView, task_format, task_rows

    source = format_ or (not quiet and app.config.get("tasksFormat")) or "table"
    fmt = task_format(source, quiet)
    tmpl = prepare(fmt)
    resolver = IDResolver(app.engine, no_resolve)
    rows = task_rows(tasks, resolver.service, resolver.node, trunc=trunc, table=fmt.table)
    app.write(render_rows(fmt, tmpl, rows, TaskView.headers))
