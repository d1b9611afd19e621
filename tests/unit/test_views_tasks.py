"""The swarm listings' renderer (pydock/render/views_tasks.py) on JSON recorded from a real daemon.

swarm_listing_recorded.json holds one consistent snapshot of the shared swarm daemon (dockerd 20.10, API
1.41): `GET /services?status=true`, `/tasks` and `/nodes`, and what docker 28 printed for `service ps` and
`service ls` at that moment, with the wall-clock instants just before and after each docker run (CURRENT
STATE is relative to "now": docker's text must be what we render at one of the two instants). Services:
a replicated one with `--replicas-max-per-node` and ingress port ranges (one task pending, its error cut
to 30 columns), a global service, a replicated job, a global job, a TTY service, and one whose command
does not exist scaled to 0 (old tasks of slot 1 under ` \\_ `).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pydock.render.formatter import prepare, render_rows
from pydock.render.views_tasks import (ServiceView, StackView, TaskView, append_service_status, service_format,
                                       service_ports, sort_services, stack_rows, task_format, task_rows)

DATA = json.loads((Path(__file__).parent / "swarm_listing_recorded.json").read_text())
SERVICES = {s["ID"]: s["Spec"]["Name"] for s in DATA["services"]}
NODES = {n["ID"]: n["Description"]["Hostname"] for n in DATA["nodes"]}


def _tasks_output(run: dict, now: float, *, quiet=False, trunc=True, resolve=True) -> str:
    args = run["args"]
    source = args[args.index("--format") + 1] if "--format" in args else "table"
    fmt = task_format(source, quiet)
    ident = lambda i: i  # noqa: E731
    rows = task_rows(DATA["tasks"], (lambda i: SERVICES.get(i, i)) if resolve else ident,
                     (lambda i: NODES.get(i, i)) if resolve else ident, trunc=trunc, table=fmt.table, now=now)
    return render_rows(fmt, prepare(fmt), rows, TaskView.headers)


@pytest.mark.parametrize("key, kwargs", [
    ("table", {}),
    ("no_trunc", {"trunc": False}),
    ("no_resolve", {"resolve": False}),
    ("json", {}),
    ("custom", {}),
    ("quiet", {"quiet": True, "trunc": False}),  # service ps -q: full IDs
])
def test_service_ps_as_docker_printed_it(key, kwargs):
    run = DATA["docker"][key]
    ours = {_tasks_output(run, now, **kwargs) for now in (run["before"], run["after"])}
    assert run["stdout"] in ours


def test_recording_covers_the_cases():
    """The snapshot really holds what the tests above claim to check."""
    table = DATA["docker"]["table"]["stdout"]
    assert " \\_ " in table and "…\"" in table and "(max 3 per node)" in DATA["docker"]["ls"]["stdout"]
    assert any(t.get("Slot", 0) == 0 for t in DATA["tasks"])  # global tasks: named by node ID
    assert any(not t.get("NodeID") for t in DATA["tasks"])  # a pending task: empty NODE


def test_old_tasks_are_not_indented_outside_a_table():
    run = DATA["docker"]["custom"]
    assert " \\_ " not in run["stdout"]


@pytest.mark.parametrize("key, source", [("ls", "table"), ("ls_json", "json")])
def test_service_ls_as_docker_printed_it(key, source):
    fmt = service_format(source, False)
    rows = [ServiceView(s) for s in sort_services(DATA["services"])]
    assert render_rows(fmt, prepare(fmt), rows, ServiceView.headers) == DATA["docker"][key]["stdout"]


def test_service_ls_quiet_and_raw_formats():
    assert service_format("table", True).template == "{{.ID}}"
    assert service_format("raw", True).template == "id: {{.ID}}"


def test_service_ports_docker_own_case():
    """cli/command/service/formatter_test.go TestServiceContext_Ports: docker's expected string."""
    spec = [("tcp", 80, 81), ("tcp", 80, 80), ("tcp", 95, 95), ("tcp", 90, 90), ("tcp", 91, 91), ("tcp", 92, 92),
            ("tcp", 93, 93), ("tcp", 94, 94), ("udp", 95, 95), ("udp", 90, 90), ("udp", 96, 96), ("udp", 91, 91),
            ("udp", 92, 92), ("udp", 93, 93), ("udp", 94, 94), ("tcp", 60, 60), ("tcp", 61, 61), ("tcp", 61, 62),
            ("sctp", 97, 97), ("sctp", 98, 98)]
    ports = [{"Protocol": p, "TargetPort": t, "PublishedPort": pub, "PublishMode": "ingress"} for p, t, pub in spec]
    assert service_ports(ports) == ("*:97-98->97-98/sctp, *:60-61->60-61/tcp, *:62->61/tcp, *:80-81->80/tcp, "
                                    "*:90-95->90-95/tcp, *:90-96->90-96/udp")


def test_replicas_counted_from_tasks_as_for_an_old_daemon():
    """Without ServiceStatus (API < 1.41) docker counts the recorded tasks: the result must agree with the
    daemon's own ServiceStatus for the replicated and global services (not for jobs, left as they are)."""
    stripped = [{k: v for k, v in s.items() if k != "ServiceStatus"} for s in DATA["services"]]
    active = {n["ID"] for n in DATA["nodes"] if n["Status"]["State"] != "down"}
    counted = {s["ID"]: s.get("ServiceStatus") for s in append_service_status(stripped, DATA["tasks"], active)}
    for s in DATA["services"]:
        mode = s["Spec"]["Mode"]
        if "Replicated" in mode or "Global" in mode:
            want = s["ServiceStatus"]
            assert counted[s["ID"]] == {"RunningTasks": want["RunningTasks"], "DesiredTasks": want["DesiredTasks"]}
        else:
            assert counted[s["ID"]] is None


def test_stack_rows_count_services_per_namespace():
    label = "com.docker.stack.namespace"
    services = [{"ID": str(i), "Spec": {"Name": f"{ns}_s{i}", "Labels": {label: ns}}}
                for i, ns in enumerate(["b10", "b9", "a", "b9"])]
    rows = stack_rows(services)
    assert [(r.Name(), r.Services()) for r in rows] == [("a", "1"), ("b9", "2"), ("b10", "1")]
    assert isinstance(rows[0], StackView)
