"""`stack ls`, `stack services` and `stack ps` on the shared swarm daemon, side by side with docker.

A stack is what these three commands look for: services labelled `com.docker.stack.namespace=<stack>`
(docker's GetStacks / getStackFilter), named `<stack>_<service>` as `stack deploy` names them. The module
makes two such stacks with docker (the oracle) and compares only them: `stack ls` lists every stack on the
daemon (other test runs' too), so its rows are compared for our stacks alone.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.swarmd import swarm  # noqa: F401  (the fixture)
from tests.engine.test_service_list import compare

A, B = f"pdstk{RUN_ID}a", f"pdstk{RUN_ID}b"
NAMESPACE = "com.docker.stack.namespace"


def _service(swarm, stack: str, name: str, *args: str, cmd=("sleep", "100000")) -> None:  # noqa: F811
    r = swarm.docker("service", "create", "-d", "--name", f"{stack}_{name}", "--label", LABEL,
                     "--label", f"{NAMESPACE}={stack}", *args, TEST_IMAGE, *cmd)
    assert r.returncode == 0, r.stderr.decode()


@pytest.fixture(scope="module")
def stacks(swarm):  # noqa: F811
    try:
        _service(swarm, A, "web", "--replicas", "2")
        _service(swarm, A, "db", "--mode", "global")
        _service(swarm, A, "bad", "--restart-max-attempts", "1", "--restart-delay", "100ms", cmd=("no-such-command",))
        _service(swarm, B, "one")
        deadline = time.monotonic() + 60
        while True:
            r = swarm.docker("stack", "ps", "--format", "{{.CurrentState}}|{{.DesiredState}}", A)
            rows = r.stdout.decode().splitlines()
            states = [row.split()[0] for row in rows]
            if (r.returncode == 0 and len(rows) == 5 and states.count("Running") == 3
                    and states.count("Failed") == 2 and all(row.endswith("|Shutdown") or "Running" in row for row in rows)):
                break
            assert time.monotonic() < deadline, rows
            time.sleep(0.5)
        yield swarm
    finally:
        ours = swarm.docker("service", "ls", "-q", "--filter", f"label={LABEL}",
                            "--filter", f"name=pdstk{RUN_ID}").stdout.decode().split()
        if ours:
            swarm.docker("service", "rm", *ours)


def same(swarm, *args: str):  # noqa: F811
    return compare(*args, env=swarm.env)


def test_stack_ls(stacks):
    """Our stacks' rows (the table's columns re-split: other stacks' names set the width)."""
    mine = f"pdstk{RUN_ID}"
    for verb, args in (("ls", ()), ("ls", ("--format", "json")), ("ls", ("--format", "{{.Name}}: {{.Services}}")),
                       ("list", ("--format", "table {{.Services}} {{.Name}}"))):
        theirs, ours = run_docker("stack", verb, *args, env=stacks.env), run_pydock("stack", verb, *args, env=stacks.env)
        assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr)
        pick = lambda text: [line.split() for line in text.splitlines() if mine in line]  # noqa: E731
        assert pick(ours.stdout) == pick(theirs.stdout) and len(pick(theirs.stdout)) == 2, (ours, theirs)
        if not args:
            assert ours.stdout.splitlines()[0].split() == ["NAME", "SERVICES"]
            assert pick(ours.stdout) == [[A, "3"], [B, "1"]]


def test_stack_ls_errors(stacks):
    same(stacks, "stack", "ls", "--format", "{{.Nope}}")
    same(stacks, "stack", "ls", "extra")


@pytest.mark.parametrize("args", [
    (A,),
    ("-q", A),
    ("--format", "json", A),
    ("--format", "{{.Name}} {{.Mode}} {{.Replicas}}", A),
    ("--filter", "mode=global", A),
    ("--filter", f"name={A}_w", A),
    (B,),
])
def test_stack_services(stacks, args):
    same(stacks, "stack", "services", *args)


def test_stack_services_nothing_and_errors(stacks):
    r = same(stacks, "stack", "services", f"pdstk{RUN_ID}none")
    assert r.stderr == f"Nothing found in stack: pdstk{RUN_ID}none\n" and r.returncode == 0
    same(stacks, "stack", "services", "--filter", "name=nothing-like-it", A)
    same(stacks, "stack", "services", " ' ")
    same(stacks, "stack", "services")


@pytest.mark.parametrize("args", [
    (A,),
    ("-q", A),  # stack ps -q keeps the IDs truncated (service ps does not)
    ("-q", "--no-trunc", A),
    ("--no-trunc", "--no-resolve", A),
    ("--format", "json", A),
    ("--filter", "desired-state=running", "--format", "table {{.Name}}\t{{.Node}}", A),
    ("--filter", f"name={A}_bad", A),
    (B,),
])
def test_stack_ps(stacks, args):
    r = same(stacks, "stack", "ps", *args)
    if args == (A,):
        assert " \\_ " in r.stdout and '"starting container failed' in r.stdout


def test_stack_ps_nothing_and_errors(stacks):
    r = same(stacks, "stack", "ps", f"pdstk{RUN_ID}none")
    assert r.returncode == 1 and r.stderr == f"nothing found in stack: pdstk{RUN_ID}none\n"
    same(stacks, "stack", "ps", '""')
    same(stacks, "stack", "ps", A, B)
    r = same(stacks, "stack", "ps", "--orchestrator", "all", B)  # deprecated, ignored with docker's warning
    assert "deprecated" in r.stdout
