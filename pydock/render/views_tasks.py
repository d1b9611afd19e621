"""Swarm listings as docker 28 prints them: the task table (`service ps`, `node ps`, `stack ps`), the
service list (`service ls`, `stack services`) and the stack list (`stack ls`). Pure: the commands fetch,
resolve IDs to names and hand the JSON here.

The task table follows docker's task.Print: every task is named `<service>.<slot>` (`<service>.<node ID>`
for a global service's tasks, which have no slot), sorted by that name (natural order) and, within one
name, newest first; in a table, a task named as the one above it is an older task of the same slot and
gets the ` \\_ ` prefix.
"""

from __future__ import annotations

import functools
import time

from ..opts.natural import natural_less
from ..opts.reference import InvalidReference, parse_normalized
from .humanize import human_duration
from .views import RowView, ellipsis, truncate_id

TASK_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}"
TASK_RAW = ("id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}\\ndesired_state: {{.DesiredState}}"
            "\\ncurrent_state: {{.CurrentState}}\\nerror: {{.Error}}\\nports: {{.Ports}}\\n")
SERVICE_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}"
SERVICE_RAW = "id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}\\nimage: {{.Image}}\\nports: {{.Ports}}\\n"
STACK_TABLE = "table {{.Name}}\t{{.Services}}"
MAX_ERR_LENGTH = 30
STACK_NAMESPACE = "com.docker.stack.namespace"
_U32 = 1 << 32


def _list_format(source: str, quiet: bool, table: str, raw: str):
    """docker's New<Kind>Format: `table` and `raw` have quiet variants; any other value is the template."""
    from .formatter import Format

    if source == "table":
        return Format("{{.ID}}", False) if quiet else Format.parse(table, table)
    if source == "raw":
        return Format.parse("id: {{.ID}}" if quiet else raw, table)
    return Format.parse(source, table)


def task_format(source: str, quiet: bool):
    """docker's task.NewTaskFormat."""
    return _list_format(source, quiet, TASK_TABLE, TASK_RAW)


def service_format(source: str, quiet: bool):
    """docker's service.NewListFormat."""
    return _list_format(source, quiet, SERVICE_TABLE, SERVICE_RAW)


def pretty(value) -> str:
    """formatter.PrettyPrint: the first letter upper case, the rest lower (one letter: lower)."""
    s = "" if value is None else str(value)
    if len(s) <= 1:
        return s.lower()
    return s[0].upper() + s[1:].lower()


def short_image(image: str) -> str:
    """The IMAGE column: a reference with a tag in its familiar form, its digest dropped
    (`docker.io/library/busybox:1@sha256:...` → `busybox:1`); anything else as it is."""
    try:
        ref = parse_normalized(image)
    except InvalidReference:
        return image
    if not ref.tag:
        return image
    return f"{ref.familiar_name()}:{ref.tag}"


def stamp_ns(stamp: str | None) -> int:
    """An engine timestamp in nanoseconds; a missing or unreadable one is Go's zero time."""
    from ..opts.timestamps import rfc3339_ns

    try:
        return rfc3339_ns(stamp or "")
    except (ValueError, IndexError):
        return -62135596800 * 1_000_000_000


# -- tasks -------------------------------------------------------------------------------------------------
class TaskView(RowView):
    go_type = "*task.taskContext"
    json_fields = ("CurrentState", "DesiredState", "Error", "ID", "Image", "Name", "Node", "Ports")
    headers = {"ID": "ID", "Name": "NAME", "Image": "IMAGE", "Node": "NODE", "DesiredState": "DESIRED STATE",
               "CurrentState": "CURRENT STATE", "Error": "ERROR", "Ports": "PORTS"}

    def __init__(self, task: dict, name: str, node: str, trunc: bool = True, now: float | None = None):
        self.t, self.name, self.node, self.trunc = task, name, node, trunc
        self.now = time.time() if now is None else now

    def ID(self) -> str:  # noqa: N802 (the template field names are Go's)
        tid = self.t.get("ID", "")
        return truncate_id(tid) if self.trunc else tid

    def Name(self) -> str:  # noqa: N802
        return self.name

    def Image(self) -> str:  # noqa: N802
        image = ((self.t.get("Spec") or {}).get("ContainerSpec") or {}).get("Image", "")
        return short_image(image) if self.trunc else image

    def Node(self) -> str:  # noqa: N802
        return self.node

    def DesiredState(self) -> str:  # noqa: N802
        return pretty(self.t.get("DesiredState", ""))

    def CurrentState(self) -> str:  # noqa: N802
        status = self.t.get("Status") or {}
        ago = self.now - stamp_ns(status.get("Timestamp")) / 1e9
        return f"{pretty(status.get('State', ''))} {human_duration(ago).lower()} ago"

    def Error(self) -> str:  # noqa: N802
        err = (self.t.get("Status") or {}).get("Err", "")
        if self.trunc:
            err = ellipsis(err, MAX_ERR_LENGTH)
        return f'"{err}"' if err else ""

    def Ports(self) -> str:  # noqa: N802
        ports = ((self.t.get("Status") or {}).get("PortStatus") or {}).get("Ports") or []
        return ",".join(f"*:{p.get('PublishedPort', 0)}->{p.get('TargetPort', 0)}/{p.get('Protocol', '')}"
                        for p in ports)


def task_name(task: dict, service_name: str) -> str:
    """`svc.<slot>`, or `svc.<node ID>` for a task without a slot (a global service's)."""
    slot = task.get("Slot") or 0
    return f"{service_name}.{slot}" if slot else f"{service_name}.{task.get('NodeID', '')}"


def _task_order(a: tuple[str, int], b: tuple[str, int]) -> int:
    if a[0] != b[0]:
        return -1 if natural_less(a[0], b[0]) else (1 if natural_less(b[0], a[0]) else 0)
    return -1 if b[1] < a[1] else (1 if a[1] < b[1] else 0)


def task_rows(tasks: list[dict], service_name, node_name, *, trunc: bool = True, table: bool = True,
              now: float | None = None) -> list[TaskView]:
    """docker's task.Print: `service_name(id)` and `node_name(id)` resolve IDs (or return them, with
    --no-resolve); rows sorted by name, newest first within a name, older ones indented in a table."""
    named = [(task_name(t, service_name(t.get("ServiceID", ""))), stamp_ns(t.get("CreatedAt")), t) for t in tasks]
    named.sort(key=functools.cmp_to_key(lambda a, b: _task_order(a[:2], b[:2])))
    indent = " \\_ " if table else ""
    now = time.time() if now is None else now
    shown, prev = {}, ""
    for name, _, t in named:
        # keyed by task ID as docker's map is: a task listed twice (`node ps self <this node>`) shows the
        # name of its last row, indented, on both rows
        shown[t.get("ID", "")] = indent + name if name == prev else name
        prev = name
    return [TaskView(t, shown[t.get("ID", "")], node_name(t.get("NodeID", "")), trunc, now) for _, _, t in named]


# -- services ----------------------------------------------------------------------------------------------
def service_mode(spec: dict) -> str:
    mode = spec.get("Mode") or {}
    for key, text in (("Global", "global"), ("Replicated", "replicated"), ("ReplicatedJob", "replicated job"),
                      ("GlobalJob", "global job")):
        if mode.get(key) is not None:
            return text
    return ""


class ServiceView(RowView):
    go_type = "*service.serviceContext"
    json_fields = ("ID", "Image", "Mode", "Name", "Ports", "Replicas")
    headers = {"ID": "ID", "Name": "NAME", "Mode": "MODE", "Replicas": "REPLICAS", "Image": "IMAGE",
               "Ports": "PORTS"}

    def __init__(self, service: dict):
        self.s = service
        self.spec = service.get("Spec") or {}

    def ID(self) -> str:  # noqa: N802
        return truncate_id(self.s.get("ID", ""))

    def Name(self) -> str:  # noqa: N802
        return self.spec.get("Name", "")

    def Mode(self) -> str:  # noqa: N802
        return service_mode(self.spec)

    def Replicas(self) -> str:  # noqa: N802
        status = self.s.get("ServiceStatus") or {}
        running, desired = status.get("RunningTasks", 0), status.get("DesiredTasks", 0)
        completed = status.get("CompletedTasks", 0)
        mode = self.spec.get("Mode") or {}
        if mode.get("ReplicatedJob") is not None:
            total = mode["ReplicatedJob"].get("TotalCompletions", 0)
            return f"{running}/{desired} ({completed}/{total} completed)"
        if mode.get("GlobalJob") is not None:
            return f"{running}/{desired} ({completed}/{desired + completed} completed)"
        placement = (self.spec.get("TaskTemplate") or {}).get("Placement") or {}
        if self.Mode() == "replicated" and placement.get("MaxReplicas", 0) > 0:
            return f"{running}/{desired} (max {placement['MaxReplicas']} per node)"
        return f"{running}/{desired}"

    def Image(self) -> str:  # noqa: N802
        image = ((self.spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image", "")
        return short_image(image)

    def Ports(self) -> str:  # noqa: N802
        return service_ports((self.s.get("Endpoint") or {}).get("Ports"))


def service_ports(ports: list[dict] | None) -> str:
    """docker's serviceContext.Ports: ingress ports sorted by protocol then published port, consecutive
    ones joined into ranges (`*:8080-8082->80-82/tcp`); the comparisons are Go's uint32 arithmetic."""
    if ports is None:
        return ""
    ordered = sorted(ports, key=lambda p: (p.get("Protocol", ""), p.get("PublishedPort", 0)))
    out: list[str] = []
    cur = None  # [pStart, pEnd, tStart, tEnd, protocol]
    for p in ordered:
        if p.get("PublishMode", "ingress") != "ingress":
            continue
        pub, tgt, proto = p.get("PublishedPort", 0), p.get("TargetPort", 0), p.get("Protocol", "")
        c = cur or [0, 0, 0, 0, ""]
        is_range = c[3] != c[2]
        overlaps = tgt <= c[3]
        if proto != c[4] or (pub - c[1]) % _U32 > 1 or (tgt - c[3]) % _U32 > 1 or (is_range and overlaps):
            if c[0] > 0:
                out.append(_port_range(c))
            cur = [pub, pub, tgt, tgt, proto]
            continue
        c[1], c[3] = pub, tgt
        cur = c
    if cur and cur[0] > 0:
        out.append(_port_range(cur))
    return ", ".join(out)


def _port_range(c: list) -> str:
    pub = f"{c[0]}-{c[1]}" if c[1] > c[0] else str(c[0])
    tgt = f"{c[2]}-{c[3]}" if c[3] > c[2] else str(c[2])
    return f"*:{pub}->{tgt}/{c[4]}"


def sort_services(services: list[dict]) -> list[dict]:
    def order(a: dict, b: dict) -> int:
        x, y = (a.get("Spec") or {}).get("Name", ""), (b.get("Spec") or {}).get("Name", "")
        return -1 if natural_less(x, y) else (1 if natural_less(y, x) else 0)

    return sorted(services, key=functools.cmp_to_key(order))


def needs_task_status(services: list[dict]) -> list[str]:
    """IDs of the services the daemon sent without a ServiceStatus (API < 1.41) that docker counts from
    their tasks: replicated and global ones (jobs are left without)."""
    out = []
    for s in services:
        mode = (s.get("Spec") or {}).get("Mode") or {}
        if s.get("ServiceStatus") is None and (mode.get("Replicated") is not None or mode.get("Global") is not None):
            out.append(s["ID"])
    return out


def append_service_status(services: list[dict], tasks: list[dict], active_nodes: set[str]) -> list[dict]:
    """docker's AppendServiceStatus for a daemon without ServiceStatus: desired = replicas (0 for global)
    plus every task not meant to be shut down; running = running tasks on nodes that are not down."""
    wanted = set(needs_task_status(services))
    status = {}
    out = []
    for s in services:
        s = dict(s)
        if s.get("ID") in wanted:
            replicated = ((s.get("Spec") or {}).get("Mode") or {}).get("Replicated")
            s["ServiceStatus"] = {"RunningTasks": 0, "DesiredTasks": (replicated or {}).get("Replicas", 0) or 0}
            status[s["ID"]] = {"RunningTasks": 0, "DesiredTasks": 0}
        out.append(s)
    if not status or not tasks:
        return out
    for t in tasks:
        st = status.get(t.get("ServiceID"))
        if st is None:
            continue
        if t.get("DesiredState") != "shutdown":
            st["DesiredTasks"] += 1
        if t.get("NodeID") in active_nodes and (t.get("Status") or {}).get("State") == "running":
            st["RunningTasks"] += 1
    for s in out:
        if s.get("ID") in status:
            s["ServiceStatus"] = status[s["ID"]]
    return out


# -- stacks ------------------------------------------------------------------------------------------------
class StackView(RowView):
    go_type = "*formatter.stackContext"
    json_fields = ("Name", "Services")
    headers = {"Name": "NAME", "Services": "SERVICES"}

    def __init__(self, name: str, services: int):
        self.name, self.services = name, services

    def Name(self) -> str:  # noqa: N802
        return self.name

    def Services(self) -> str:  # noqa: N802
        return str(self.services)


def stack_rows(services: list[dict]) -> list[StackView]:
    """docker's GetStacks: services counted per namespace label, sorted by name (natural order).
    A service without the label is docker's error, which the caller filtered out already (the daemon
    answers only labelled ones)."""
    counts: dict[str, int] = {}
    for s in services:
        name = ((s.get("Spec") or {}).get("Labels") or {}).get(STACK_NAMESPACE)
        if name is None:
            from ..errors import PydockError

            raise PydockError(f"cannot get label {STACK_NAMESPACE} for service {s.get('ID', '')}")
        counts[name] = counts.get(name, 0) + 1
    names = sorted(counts, key=functools.cmp_to_key(
        lambda a, b: -1 if natural_less(a, b) else (1 if natural_less(b, a) else 0)))
    return [StackView(n, counts[n]) for n in names]
