"""`service ls`, `service ps`, `node ps` and `service logs` on the shared swarm daemon, side by side with docker.

The module's services (created by docker, the oracle, named `pdsl-<run>-...` and labelled with the session
label) cover each kind the listings print differently: a replicated service with ingress port ranges, a
global one, a replicated and a global job, a TTY service, one whose command does not exist (two failed
tasks of slot 1, the second under ` \\_ `), one with a host-mode port (PORTS of a task), and a logging one
with 10 replicas at most 1 per node (one task runs, nine stay pending: `1/10 (max 1 per node)`, and the
log prefix padded for two-digit slots). Listings are compared only over these services.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE, free_ports
from tests.engine.swarmd import swarm  # noqa: F401  (the fixture)

P = f"pdsl-{RUN_ID}"
SETTLED = {"running", "complete", "failed", "rejected", "shutdown", "pending"}
LOG_CMD = 'echo one; echo two >&2; echo "three  spaced"; exec sleep 100000'


def _create(swarm, name: str, *args: str, cmd=("sleep", "100000")) -> None:  # noqa: F811
    r = swarm.docker("service", "create", "-d", "--name", f"{P}-{name}", "--label", LABEL, *args, TEST_IMAGE, *cmd)
    assert r.returncode == 0, r.stderr.decode()


def _settle(swarm, timeout: float = 60) -> None:  # noqa: F811
    """Until every task of ours is in a state that stays (no task starting, none about to be restarted)
    and the bad service has failed twice."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        r = swarm.docker("service", "ps", "--format", "{{json .}}", *[f"{P}-{n}" for n in ("rep", "glob", "job", "gjob", "tty", "bad", "host", "logs")])
        rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
        states = {(row["ID"], row["CurrentState"].split()[0].lower()) for row in rows}
        bad = [row for row in rows if row["Name"].endswith(f"{P}-bad.1")]
        if (r.returncode == 0 and all(s in SETTLED for _, s in states) and len(bad) == 2
                and all(row["DesiredState"] == "Shutdown" for row in bad) and states == last):
            return
        last = states
        time.sleep(0.5)
    raise AssertionError(f"the module's services did not settle: {last}")


@pytest.fixture(scope="module")
def services(swarm):  # noqa: F811
    port = free_ports(5)
    try:
        _create(swarm, "rep", "--replicas", "2", "--replicas-max-per-node", "3",
                "-p", f"{port}-{port + 2}:80-82", "-p", f"{port + 3}:9000/udp")
        _create(swarm, "glob", "--mode", "global")
        _create(swarm, "job", "--mode", "replicated-job", "--replicas", "2", cmd=("true",))
        _create(swarm, "gjob", "--mode", "global-job", cmd=("true",))
        _create(swarm, "tty", "-t", cmd=("sh", "-c", "echo tty line; exec sleep 100000"))
        _create(swarm, "bad", "--restart-max-attempts", "1", "--restart-delay", "100ms",
                cmd=("nonexistent-command-of-pydock-tests",))
        _create(swarm, "host", "-p", f"mode=host,published={port + 4},target=96")
        _create(swarm, "logs", "--replicas", "10", "--replicas-max-per-node", "1", cmd=("sh", "-c", LOG_CMD))
        _settle(swarm)
        yield swarm
    finally:
        ours = swarm.docker("service", "ls", "-q", "--filter", f"label={LABEL}").stdout.decode().split()
        if ours:
            swarm.docker("service", "rm", *ours)


def same(swarm, *args: str, env: dict | None = None):  # noqa: F811
    return compare(*args, env=env or swarm.env)


def compare(*args: str, env: dict, retries: int = 2):
    """differential.assert_same, with docker and pydock run at the same time. The ages in CURRENT STATE
    ("Running 5 seconds ago") may tick between the two (pydock starts slower): as in assert_same, only
    sub-minute durations may differ (the unit tests check them exactly on recorded docker output)."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.engine.differential import _same, _settle, as_pydock

    with ThreadPoolExecutor(2) as pool:
        for _ in range(retries):  # a retry for a task that changed state between the two runs
            theirs, ours = pool.submit(run_docker, *args, env=env), pool.submit(run_pydock, *args, env=env)
            theirs, ours = theirs.result(), ours.result()
            if _same(ours, theirs, True, fuzzy=True):
                return ours
    assert ours.returncode == theirs.returncode, (ours, theirs)
    assert _settle(ours.stdout) == _settle(theirs.stdout), f"\n--- docker\n{theirs.stdout}--- pydock\n{ours.stdout}"
    assert ours.stderr == as_pydock(theirs.stderr), f"\n--- docker\n{theirs.stderr}--- pydock\n{ours.stderr}"
    return ours


# -- service ls ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    (),
    ("-q",),
    ("--format", "json"),
    ("--format", "{{.Name}}: {{.Mode}} {{.Replicas}} [{{.Ports}}]"),
    ("--format", "table {{.Name}}\t{{.Replicas}}\t{{.Image}}"),
    ("--format", "raw"),
    ("--filter", "mode=global"),
    ("--filter", f"name={P}-r"),
])
def test_service_ls(services, args):
    r = same(services, "service", "ls", "--filter", f"label={LABEL}", *args)
    if not args:
        assert "1/10 (max 1 per node)" in r.stdout and "(1/1 completed)" in r.stdout and "->80-82/tcp" in r.stdout


def test_service_ls_alias_and_id_filter(services):
    sid = services.docker("service", "inspect", "--format", "{{.ID}}", f"{P}-glob").stdout.decode().strip()
    same(services, "service", "list", "--filter", f"id={sid[:6]}", "--filter", f"label={LABEL}")


def test_service_ls_counts_tasks_before_api_1_41(services):
    """API 1.40 has no ServiceStatus: docker counts replicas from the tasks (jobs stay at 0)."""
    env = {**services.env, "DOCKER_API_VERSION": "1.40"}
    r = compare("service", "ls", "--filter", f"label={LABEL}", env=env)
    assert "(0/2 completed)" in r.stdout and f"{P}-bad " in r.stdout


def test_service_ls_formats_from_the_config_file(services, tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"servicesFormat": "{{.Name}}={{.Replicas}}",
                                                      "tasksFormat": "{{.Name}}/{{.DesiredState}}"}))
    env = {**services.env, "DOCKER_CONFIG": str(tmp_path)}
    compare("service", "ls", "--filter", f"label={LABEL}", env=env)
    compare("service", "ls", "-q", "--filter", f"label={LABEL}", env=env)  # -q ignores servicesFormat
    compare("service", "ps", f"{P}-bad", f"{P}-glob", env=env)


def test_service_ls_errors(services):
    same(services, "service", "ls", "--filter", "bogus=1")
    same(services, "service", "ls", "--format", "{{.Nope}}", "--filter", f"label={LABEL}")


# -- service ps ----------------------------------------------------------------------------------------
ALL = ("rep", "glob", "job", "gjob", "tty", "bad", "host")


@pytest.mark.parametrize("args", [
    (),
    ("--no-trunc",),
    ("--no-resolve",),
    ("-q",),
    ("--format", "json"),
    ("--format", "{{.ID}} {{.Name}} {{.Node}} {{.Error}} {{.Ports}}"),
    ("--filter", "desired-state=running"),
    ("--filter", "node=self", "--filter", "desired-state=shutdown"),
])
def test_service_ps(services, args):
    r = same(services, "service", "ps", *args, *[f"{P}-{n}" for n in ALL])
    if not args:
        assert " \\_ " in r.stdout and '"starting container failed: ' in r.stdout and "->96/tcp" in r.stdout


def test_service_ps_by_id_prefix_and_task_filter(services):
    sid = services.docker("service", "inspect", "--format", "{{.ID}}", f"{P}-bad").stdout.decode().strip()
    tid = services.docker("service", "ps", "-q", f"{P}-bad").stdout.decode().split()[0]
    same(services, "service", "ps", sid[:8], f"{P}-glob")
    same(services, "service", "ps", "--filter", f"id={tid[:5]}", sid)


def test_service_ps_not_found(services):
    same(services, "service", "ps", f"{P}-glob", f"{P}-missing", f"{P}-also-missing")
    same(services, "service", "ps", f"{P}-missing", f"{P}-also-missing")
    same(services, "service", "ps")
    same(services, "service", "ps", "--filter", "node=no-such-node", f"{P}-glob")


# -- node ps -------------------------------------------------------------------------------------------
def test_node_ps(services):
    node = services.docker("node", "ls", "-q").stdout.decode().split()[0]
    hostname = services.docker("node", "inspect", "--format", "{{.Description.Hostname}}", "self").stdout.decode().strip()
    for args in ((), ("-q", "--no-trunc")):
        same(services, "node", "ps", "--filter", f"name={P}-bad", *args)
    # the same node twice: every task twice, and both rows of a task named (indented) as its last
    same(services, "node", "ps", "--filter", f"name={P}-glob", "self", node)
    same(services, "node", "ps", "--filter", f"name={P}-logs", "--filter", "desired-state=running", hostname)


def test_node_ps_errors(services):
    same(services, "node", "ps", "--filter", f"name={P}-glob", "self", "no-such-node")
    same(services, "node", "ps", "no-such-node", "other-missing-node")


# -- service logs --------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    (),
    ("-n", "2", "--timestamps"),
    ("--details", "-t"),
    ("--no-task-ids", "--no-trunc"),
    ("--no-resolve",),
    ("--raw", "--details"),
    ("--since", "1h"),
])
def test_service_logs(services, args):
    r = same(services, "service", "logs", *args, f"{P}-logs")
    if not args:
        assert "three  spaced" in r.stdout and "two" in r.stderr


def test_service_logs_of_a_task(services):
    rows = services.docker("service", "ps", "--no-trunc", "--format", "{{.ID}} {{.CurrentState}}", f"{P}-logs").stdout.decode()
    tid = next(line.split()[0] for line in rows.splitlines() if " Running " in f" {line} ")
    r = same(services, "service", "logs", tid)
    assert "| one" in r.stdout
    same(services, "service", "logs", "--no-trunc", "-t", tid)


def test_service_logs_tty_and_errors(services):
    same(services, "service", "logs", f"{P}-tty")
    r = same(services, "service", "logs", "--raw", f"{P}-tty")
    assert "tty line" in r.stdout
    same(services, "service", "logs", f"{P}-missing")
    same(services, "service", "logs", "--since", "yesterday", f"{P}-logs")
    same(services, "service", "logs")  # docker's "requires 1 argument", exit 1


def _follow(program: list[str], env: dict, want: int) -> list[bytes]:
    """The first `want` lines of a followed log (the stream never ends by itself), then stop it."""
    p = subprocess.Popen(program, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    try:
        lines = []
        deadline = time.monotonic() + 20
        while len(lines) < want and time.monotonic() < deadline:
            line = p.stdout.readline()
            if not line:
                break
            lines.append(line)
        assert p.poll() is None, "a followed log ended by itself"
        return lines
    finally:
        p.kill()
        p.wait()


def test_service_logs_follow(services):
    env = {k: v for k, v in services.env.items()}
    env["PYTHONPATH"] = str(ROOT)
    args = ["service", "logs", "-f", "--tail", "2", f"{P}-logs"]
    theirs = _follow(["docker", *args], env, 1)
    ours = _follow([sys.executable, "-m", "pydock", *args], env, 1)
    assert ours == theirs and theirs and b"    | " in theirs[0]


def test_commands_need_a_manager():
    """On the main daemon, which is no swarm manager: the daemon's error, docker's exit status."""
    env = {"DOCKER_HOST": os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"}
    for args in (("service", "ls"), ("node", "ps")):
        theirs, ours = run_docker(*args, env=env), run_pydock(*args, env=env)
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr), args
