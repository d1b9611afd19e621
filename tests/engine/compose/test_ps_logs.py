"""Differential: `compose ps` and `compose logs` against docker compose v2.40.3, on one project the ORACLE
created (`up -d`) from tests/compose_fixtures/read-basic.

Tolerated: sub-minute durations ticking between the two runs; in JSON, the order of the joined Labels
(v2 ranges over a Go map); in logs, the order across containers (v2 reads them concurrently) and the
prefix padding (pydock registers every container up front, v2 >= 2.39 at its first line).
"""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose
from tests.conftest import ROOT, run_docker
from tests.engine.conftest import COMPOSE_PREFIX, remove_compose_projects

FIXTURE = ROOT / "tests" / "compose_fixtures" / "read-basic"
_SHORT = re.compile(r"(Less than a second|\d+ seconds?|About a minute)( ago)?")


def _settle(text: str) -> str:
    return re.sub(r" {2,}", "  ", _SHORT.sub("<duration>", text))


def _as_pydock(text: str) -> str:
    return re.sub(r"^docker: ", "pydock: ", text.replace("docker compose", "pydock compose"), flags=re.M)


def both(project, *args, env=None, cwd=FIXTURE):
    env = {"NAMED_CONTAINER": f"{project}-custom", **(env or {})}
    theirs = run_compose(*args, cwd=cwd, env=env)
    ours = run_pydock_compose(*args, cwd=cwd, env=env)
    return theirs, ours


def assert_same(project, *args, env=None, cwd=FIXTURE, retries=3, norm=None):
    for attempt in range(retries):
        theirs, ours = both(project, *args, env=env, cwd=cwd)
        if (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, _as_pydock(theirs.stderr)):
            return ours
        time.sleep(0.3 * (attempt + 1))
    norm = norm or _settle
    assert ours.returncode == theirs.returncode, (ours, theirs)
    assert norm(ours.stdout) == norm(theirs.stdout), f"\n--- v2\n{theirs.stdout}--- pydock\n{ours.stdout}"
    assert ours.stderr == _as_pydock(theirs.stderr)
    return ours


@pytest.fixture(scope="module")
def project():
    name = f"{COMPOSE_PREFIX}-read"
    env = {"NAMED_CONTAINER": f"{name}-custom"}
    r = run_compose("-p", name, "up", "-d", cwd=FIXTURE, env=env)
    assert r.returncode == 0, r
    run_docker("wait", f"{name}-job-1")
    time.sleep(0.5)  # the first lines of the long-running services
    yield name
    remove_compose_projects(name)


# -- ps ----------------------------------------------------------------------------------------------

PS_ARGS = [
    (), ("-a",), ("-q",), ("-a", "-q"), ("--services",), ("-a", "--services"), ("--status", "exited"),
    ("--status", "running", "--status", "exited"), ("--filter", "status=exited"), ("--no-trunc",), ("-a", "--no-trunc"),
    ("web",), ("-a", "job"), ("web", "worker"), ("--orphans=false",), ("--format", "table {{.Name}}\t{{.Service}}"),
    ("-a", "--format", "{{.Name}} {{.ExitCode}} {{.Health}} {{.Publishers}} {{.Project}} {{.State}}"),
    ("--format", "{{.ID}} {{.Names}} {{.Ports}}"), ("-a", "--format", "table"), ("nosuch",),
    ("--filter", "foo=bar"), ("--filter", "x"), ("--filter", "source=image"),
]


@pytest.mark.parametrize("args", PS_ARGS, ids=lambda a: " ".join(a) or "plain")
@pytest.mark.parametrize("with_file", [False, True], ids=["name-only", "file"])
def test_ps(project, args, with_file):
    pre = ("-f", "compose.yaml", "-p", project) if with_file else ("-p", project)
    assert_same(project, *pre, "ps", *args)


def _json_rows(text: str) -> list[dict]:
    rows = []
    for line in text.splitlines():
        row = json.loads(line)
        row["Labels"] = sorted(row["Labels"].split(","))
        for k in ("RunningFor", "Status"):
            row[k] = _SHORT.sub("<duration>", row[k])
        rows.append(row)
    return rows


@pytest.mark.parametrize("args", [("--format", "json"), ("-a", "--format", "json"), ("--format", "json", "web"),
                                  ("-a", "--no-trunc", "--format", "json")])
def test_ps_json(project, args):
    theirs, ours = both(project, "-p", project, "ps", *args)
    assert ours.returncode == theirs.returncode == 0
    assert _json_rows(ours.stdout) == _json_rows(theirs.stdout)
    assert list(json.loads(ours.stdout.splitlines()[0])) == list(json.loads(theirs.stdout.splitlines()[0]))


def test_ps_with_the_project_from_the_file(project):
    # no -p: the project name comes from the loader (COMPOSE_PROJECT_NAME here), the services from the file
    assert_same(project, "ps", "-a", env={"COMPOSE_PROJECT_NAME": project})
    assert_same(project, "ps", "nosuch", env={"COMPOSE_PROJECT_NAME": project})


def test_ps_without_a_file_or_a_name(project, tmp_path):
    assert_same(project, "ps", cwd=tmp_path)
    assert_same(project, "ps", cwd=tmp_path, env={"COMPOSE_PROJECT_NAME": project})


# -- logs --------------------------------------------------------------------------------------------

def per_container(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        name, sep, rest = line.partition(" | ")
        assert sep, line
        out.setdefault(name.rstrip(), []).append(rest)
    return out


@pytest.mark.parametrize("args", [(), ("-n", "1"), ("--tail", "2", "worker"), ("web", "job"), ("--since", "60m"),
                                  ("--until", "1s"), ("--no-color",), ("-t",)])
def test_logs_same_lines_per_container(project, args):
    theirs, ours = both(project, "-p", project, "logs", *args)
    assert ours.returncode == theirs.returncode == 0, (ours, theirs)
    assert ours.stderr == theirs.stderr == ""
    assert per_container(ours.stdout) == per_container(theirs.stdout)
    assert per_container(ours.stdout)  # something was compared


@pytest.mark.parametrize("args", [("web",), ("--no-log-prefix", "worker"), ("-t", "--no-log-prefix", "web"),
                                  ("--index", "1", "worker"), ("--index", "2", "web"), ("--index", "1"),
                                  ("nosuch",), ("--since", "xx"), ("--until", "yesterday"), ("-n", "0", "web")])
def test_logs_identical(project, args):
    assert_same(project, "-p", project, "logs", *args, retries=1)


def test_logs_with_the_file(project):
    assert_same(project, "-f", "compose.yaml", "-p", project, "logs", "job", retries=1)
    assert_same(project, "-f", "compose.yaml", "-p", project, "logs", "nosuch", retries=1)


def test_logs_colour_when_asked(project):
    ours = run_pydock_compose("--ansi", "always", "-p", project, "logs", "job", "web", cwd=FIXTURE)
    assert ours.returncode == 0
    lines = ours.stdout.splitlines()
    assert lines[0] == "\x1b[36mjob-1  | \x1b[0mjob done"
    assert lines[1].startswith("\x1b[33mweb-1  | \x1b[0m")
    plain = run_pydock_compose("--ansi", "always", "-p", project, "logs", "--no-color", "job", cwd=FIXTURE)
    assert plain.stdout == "job-1  | job done\n"
    nocolor = run_pydock_compose("--ansi", "always", "-p", project, "logs", "job", cwd=FIXTURE, env={"NO_COLOR": "1"})
    assert nocolor.stdout == "job-1  | job done\n"
