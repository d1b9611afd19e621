"""`pydock service logs`: a service's or a task's log, as `docker service logs` prints it.

The stream is framed as a container log's (engine/stdcopy); docker asks the daemon for its details
(`com.docker.swarm.node.id=...,com.docker.swarm.service.id=...,com.docker.swarm.task.id=...`) in front
of every line, and turns them into the `name.slot.taskid@node    | ` prefix. `--raw` prints the lines as
the daemon sends them; a TTY service's log is only available raw.
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_swarm_services
from .._lazy import command
from ..container.logs import SINCE_HELP

NODE_KEY, SERVICE_KEY, TASK_KEY = "com.docker.swarm.node.id", "com.docker.swarm.service.id", "com.docker.swarm.task.id"


@dataclass(frozen=True)
class ServiceLogsOptions:
    target: str
    details: bool = False
    follow: bool = False
    no_resolve: bool = False
    no_task_ids: bool = False
    no_trunc: bool = False
    raw: bool = False
    since: str = ""
    tail: str = "all"
    timestamps: bool = False


EXAMPLES = (
    ("Follow a service's last 10 lines", "pydock service logs -f --tail 10 web"),
)


@command("logs", examples=EXAMPLES, usage="[OPTIONS] SERVICE|TASK", args=(1, 1),
         help="Fetch the logs of a service or task")
@click.argument("target", nargs=-1, shell_complete=complete_swarm_services)
@click.option("--details", is_flag=True, help="Show extra details provided to logs")
@click.option("-f", "--follow", is_flag=True, help="Follow log output")
@click.option("--no-resolve", is_flag=True, help="Do not map IDs to Names in output")
@click.option("--no-task-ids", is_flag=True, help="Do not include task IDs in output")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@click.option("--raw", is_flag=True, help="Do not neatly format logs")
@click.option("--since", default="", metavar="string", help=SINCE_HELP)
@click.option("-n", "--tail", default="all", metavar="string", help="Number of lines to show from the end of the logs")
@click.option("-t", "--timestamps", is_flag=True, help="Show timestamps")
@click.pass_obj
def command(app, target, details, follow, no_resolve, no_task_ids, no_trunc, raw, since, tail, timestamps):
    run_service_logs(app, ServiceLogsOptions(target[0], details, follow, no_resolve, no_task_ids, no_trunc, raw, since,
                                             tail, timestamps))


def run_service_logs(app, opts: ServiceLogsOptions) -> None:
    from ...engine import stdcopy
    from ...engine.api import swarm
    from ...errors import NotFound, PydockError
    from ..container.logs import LogsOptions, Sink, query_times

    padding = 1
    try:
        service = swarm.service_inspect(app.engine, opts.target)
    except NotFound:
        try:
            task = swarm.task_inspect(app.engine, opts.target)
        except NotFound:
            raise PydockError(f"no such task or service: {opts.target}") from None
        tty = bool(((task.get("Spec") or {}).get("ContainerSpec") or {}).get("TTY"))
        padding = len(str(task.get("Slot") or 0))
        logs = swarm.task_logs
    else:
        spec = service.get("Spec") or {}
        tty = bool(((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("TTY"))
        replicated = (spec.get("Mode") or {}).get("Replicated")
        if replicated and replicated.get("Replicas") is not None:
            padding = len(str(replicated["Replicas"]))
        logs = swarm.service_logs
    if tty and not opts.raw:
        raise PydockError("tty service logs only supported with --raw")
    since, _ = query_times(LogsOptions((), since=opts.since))
    params = {"stdout": True, "stderr": True, "since": since, "timestamps": opts.timestamps or None,
              "follow": opts.follow or None, "tail": opts.tail, "details": (opts.details or not opts.raw) or None}
    with logs(app.engine, opts.target, params) as resp, Sink(app.out, app.err) as sink:
        chunks = app.engine.iter_bytes(resp)
        if tty:
            for data in chunks:
                sink.write(1, data)
            return
        prefixer = None if opts.raw else TaskPrefix(app.engine, opts, padding)
        for stream, data in stdcopy.frames(chunks):
            sink.write(stream, data if prefixer is None else prefixer.line(data))


def parse_details(text: str) -> dict[str, str]:
    """docker's logdetails.Parse: `k=v,k=v`, each side URL-query-unescaped."""
    from urllib.parse import unquote_plus

    from ...errors import PydockError

    out = {}
    for pair in text.split(","):
        key, eq, value = pair.partition("=")
        if not eq or not key:
            raise PydockError("invalid details format")
        out[unquote_plus(key)] = unquote_plus(value)
    return out


class TaskPrefix:
    """docker's logWriter and taskFormatter: each line's details become `svc.slot.taskid@node` (padded to
    the widest slot number) and `    | `; with --details the other details follow, sorted."""

    def __init__(self, engine, opts: ServiceLogsOptions, padding: int):
        from .ps import IDResolver

        self.engine, self.opts, self.padding = engine, opts, padding
        self.resolver = IDResolver(engine, opts.no_resolve)
        self.cache: dict[tuple[str, str, str], str] = {}

    def line(self, buf: bytes) -> bytes:
        from ...errors import PydockError

        index = 1 if self.opts.timestamps else 0
        parts = buf.split(b" ", index + 1)
        if len(parts) != index + 2:
            raise PydockError(f"invalid context in log message: {buf.decode('utf-8', 'replace')}")
        details = parse_details(parts[index].decode("utf-8", "replace"))
        context = []
        for key, what in ((NODE_KEY, "node"), (SERVICE_KEY, "service"), (TASK_KEY, "task")):
            if key not in details:
                raise PydockError(f"missing {what} id in details: map[{_go_map(details)}]")
            context.append(details.pop(key))
        out = parts[0] + b" " if self.opts.timestamps else b""
        out += self.name(*context).encode() + b"    | "
        if self.opts.details:
            out += ",".join(sorted(f"{k}={v}" for k, v in details.items())).encode() + b" "
        return out + parts[index + 1]

    def name(self, node_id: str, service_id: str, task_id: str) -> str:
        from ...engine.api import swarm
        from ...render.views import truncate_id

        key = (node_id, service_id, task_id)
        if key not in self.cache:
            node, service = self.resolver.node(node_id), self.resolver.service(service_id)
            task = swarm.task_inspect(self.engine, task_id)
            slot = task.get("Slot") or 0
            name = f"{service}.{slot}"
            if not self.opts.no_task_ids:
                name += "." + (task["ID"] if self.opts.no_trunc else truncate_id(task["ID"]))
            self.cache[key] = name + "@" + node + " " * max(0, self.padding - len(str(slot)))
        return self.cache[key]


def _go_map(details: dict) -> str:
    return " ".join(f"{k}:{v}" for k, v in sorted(details.items()))
