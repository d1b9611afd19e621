"""Differential: one project, two tools. A project `docker compose` (v2.40.3) made is taken over by
`pydock compose` without recreating anything, and the other way round; a changed service is recreated
exactly as v2 recreates it on an identical twin; `down` of either tool removes what the other made;
`ps` of either tool lists the other's project as the other lists it.

The project (written to a temporary directory): a user network, two named volumes, a bind mount, a port
published on 127.0.0.1, depends_on with a service_healthy condition (and `restart: true`),
environment and env_file, labels, and a service with 2 replicas.

Project names: `<prefix>-x...` for pydock's side, the same plus `v` for v2's (test_up_down's
`theirs_name`), so that its helpers turn v2's names into ours. The engine state is compared through
`docker inspect` of every container, network and volume, ids, timestamps, addresses and project names
normalised (test_up_down's normal_* helpers).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose
from tests.conftest import run_docker
from tests.engine.compose.test_up_down import (assert_same_progress, ids, inspect, lines, normal_container,
                                               normal_network, normal_volume, theirs_name, unify)
from tests.engine.conftest import COMPOSE_PREFIX, remove_compose_projects

PROJECT_FILE = """\
services:
  db:
    image: pydock-test/busybox:latest
    command: ["sh", "-c", "touch /data/ready; exec sleep 300"]
    volumes: ["data:/data"]
    environment: {ROLE: db}
    labels: {com.example.tier: db}
    healthcheck:
      test: ["CMD", "test", "-f", "/data/ready"]
      interval: 1s
      timeout: 2s
      retries: 20
    networks: [back]
    stop_grace_period: 1s
  web:
    image: pydock-test/busybox:latest
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    ports: ["127.0.0.1::8080"]
    volumes: ["./site:/www:ro", "data:/data:ro"]
    environment:
      MODE: prod
    env_file: [web.env]
    labels:
      com.example.tier: web
    depends_on:
      db: {condition: service_healthy, restart: true}
    networks: [back, default]
    stop_grace_period: 1s
  worker:
    image: pydock-test/busybox:latest
    command: ["sleep", "300"]
    volumes: ["cache:/cache"]
    environment: [QUEUE=jobs]
    depends_on: [db]
    deploy:
      replicas: 2
    networks: [back]
    stop_grace_period: 1s
networks:
  back: {}
volumes:
  data: {}
  cache: {}
"""


def write_project(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    (where / "compose.yaml").write_text(PROJECT_FILE)
    (where / "web.env").write_text("GREETING=hello\n# a comment\nEMPTY=\n")
    (where / "site").mkdir(exist_ok=True)
    (where / "site" / "index.html").write_text("cross\n")
    return where


def v2(project: str, *args, cwd):
    return run_compose("-p", project, *args, cwd=cwd)


def ours(project: str, *args, cwd):
    return run_pydock_compose("-p", project, *args, cwd=cwd)


def resources(project: str, kind: str) -> list[str]:
    """The project's networks or volumes, by label."""
    field = ".Name"
    r = run_docker(kind, "ls", "--filter", f"label=com.docker.compose.project={project}", "--format",
                   "{{%s}}" % field)
    assert r.returncode == 0, r
    return sorted(r.stdout.split())


def engine_state(project: str, peer: str) -> dict:
    """Every container, network and volume of `project`, normalised; `peer`'s name turned into
    `project`'s first when `project` is the v2 one (theirs_name(peer))."""
    assert project in (peer, theirs_name(peer))
    containers = {}
    for c in inspect(*ids(project)) if ids(project) else []:
        n = normal_container(c, peer)
        # the lists v2 builds by iterating a Go map come in random order
        n["Config"]["Env"] = sorted(n["Config"].get("Env") or [])
        for key in ("Binds", "ExtraHosts"):
            n["HostConfig"][key] = sorted(n["HostConfig"].get(key) or [])
        containers[n["Name"]] = n
    networks = {n["Name"]: n for n in (normal_network(x, peer) for x in
                                       inspect(*resources(project, "network"), kind="network"))}
    volumes = {v["Name"]: v for v in (normal_volume(x, peer) for x in
                                      inspect(*resources(project, "volume"), kind="volume"))}
    return {"containers": containers, "networks": networks, "volumes": volumes}


def differences(a, b, path: str = "") -> list[str]:
    """Where two JSON values differ, as `path: a != b` lines (for the assertion messages)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str)
                for d in differences(a.get(k, "<missing>"), b.get(k, "<missing>"), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def assert_same_engine_state(ours_project: str) -> None:
    """pydock's project (`ours_project`) and v2's (its theirs_name) hold the same objects."""
    mine, theirs = engine_state(ours_project, ours_project), engine_state(theirs_name(ours_project), ours_project)
    assert differences(mine, theirs) == []


def changed_ids(before: dict[str, str], after: dict[str, str], project: str) -> list[str]:
    """The short names (`web-1`) whose container id changed (or that appeared or went)."""
    names = set(before) | set(after)
    return sorted(n[len(project) + 1:] for n in names if before.get(n) != after.get(n))


def progress_verbs(text: str) -> set[str]:
    return {line.split("  ")[-1] for line in lines(text)}


# -- one pair for the take-over tests: v2 made `<p>v`, pydock made `<p>` ----------------------------

@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    cwd = write_project(tmp_path_factory.mktemp("cross") / "proj")
    ours_p = f"{COMPOSE_PREFIX}-xpair"
    theirs_p = theirs_name(ours_p)
    t = v2(theirs_p, "up", "-d", cwd=cwd)
    o = ours(ours_p, "up", "-d", cwd=cwd)
    assert t.returncode == 0, t
    assert o.returncode == 0, o
    assert_same_progress(t.stderr, o.stderr, ours_p)
    yield cwd, ours_p, theirs_p
    remove_compose_projects(ours_p)


def test_fresh_up_gives_the_same_engine_state(pair):
    _, p, _ = pair
    assert len(ids(p)) == 4  # db-1, web-1, worker-1, worker-2
    assert_same_engine_state(p)


def test_pydock_takes_over_v2_project_without_recreating(pair):
    cwd, p, theirs = pair
    before = ids(theirs)
    t = v2(theirs, "up", "-d", cwd=cwd)  # what v2 itself prints for its up-to-date project
    o = ours(theirs, "up", "-d", cwd=cwd)
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, theirs)
    assert f" Container {theirs}-db-1  Running" in lines(o.stderr)
    assert f" Container {theirs}-worker-2  Running" in lines(o.stderr)
    assert not progress_verbs(o.stderr) & {"Recreate", "Recreated", "Creating", "Created"}, o.stderr
    assert ids(theirs) == before
    assert_same_engine_state(p)


def test_v2_takes_over_pydock_project_without_recreating(pair):
    cwd, p, _ = pair
    before = ids(p)
    t = v2(p, "up", "-d", cwd=cwd)
    assert t.returncode == 0, t
    assert f" Container {p}-web-1  Running" in lines(t.stderr)
    assert not progress_verbs(t.stderr) & {"Recreate", "Recreated", "Creating", "Created"}, t.stderr
    assert ids(p) == before
    o = ours(p, "up", "-d", cwd=cwd)
    assert o.returncode == 0, o
    assert_same_progress(t.stderr, o.stderr, p)
    assert ids(p) == before
    # `create` as well: both tools leave both projects alone
    for tool in (v2, ours):
        for project in (p, theirs_name(p)):
            r = tool(project, "create", cwd=cwd)
            assert r.returncode == 0, r
            assert not progress_verbs(r.stderr) & {"Recreate", "Creating"}, r.stderr
    assert ids(p) == before
    assert_same_engine_state(p)


_PS_TIME = re.compile(r"\b(About a minute|About an hour|Less than a second|\d+ (seconds?|minutes?|hours?))\b")


def _ps_table(text: str) -> list[list[str]]:
    """The ps table as cells (columns are cut at two or more spaces), times blanked."""
    return [re.split(r"\s{2,}", _PS_TIME.sub("T", line.rstrip())) for line in text.splitlines()]


def _ps_json(text: str, project: str) -> list[dict]:
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    out = []
    for r in rows:
        r = {k: v for k, v in r.items() if k not in ("ID", "CreatedAt", "RunningFor", "Status")}
        for key in ("Labels", "Mounts", "Networks"):  # from Go maps (here or in the engine): random order
            r[key] = ",".join(sorted(r.get(key, "").split(",")))
        r["Ports"] = re.sub(r":\d+->", ":P->", r.get("Ports", ""))
        r["Publishers"] = [{**x, "PublishedPort": 0} for x in r.get("Publishers") or []]
        out.append(json.loads(json.dumps(r).replace(theirs_name(project), project)))
    return out


@pytest.mark.parametrize("args", [(), ("-a",), ("--format", "json"), ("--services",), ("-q",),
                                  ("--status", "running"), ("worker",)],
                         ids=["table", "all", "json", "services", "quiet", "status", "service"])
def test_ps_lists_the_other_tools_project_as_it_does(pair, args):
    cwd, p, theirs = pair
    for project in (p, theirs):
        t = v2(project, "ps", *args, cwd=cwd)
        o = ours(project, "ps", *args, cwd=cwd)
        assert (o.returncode, o.stderr) == (t.returncode, t.stderr), (project, t, o)
        if args == ("--format", "json"):
            assert differences(_ps_json(o.stdout, p), _ps_json(t.stdout, p)) == [], project
        else:
            assert _ps_table(o.stdout) == _ps_table(t.stdout), (project, t.stdout, o.stdout)
    if args == ("--format", "json"):
        # v2 listing pydock's project = pydock listing v2's (names, ports, labels aside from ids and times)
        mine = v2(p, "ps", *args, cwd=cwd).stdout
        their = ours(theirs, "ps", *args, cwd=cwd).stdout
        assert differences(_ps_json(mine, p), _ps_json(their, p)) == []


# -- a changed service: twins both made by v2; v2 converges one, pydock the other ---------------------

# What changes, step after step, and what v2 recreates for it.
CHANGES = [
    # web alone: nothing depends on it
    (("MODE: prod", "MODE: staging"), ["web-1"]),
    # the replicated service: both replicas, keeping their numbers
    (("QUEUE=jobs", "QUEUE=other"), ["worker-1", "worker-2"]),
    # db: its dependents are not recreated (web, `restart: true`, is stopped and started again)
    (("ROLE: db", "ROLE: primary"), ["db-1"]),
]


def test_changed_service_is_recreated_as_v2_does(tmp_path, compose_project):
    """Twins made by v2; after each change v2 converges its twin, pydock the other: the same progress,
    the same containers recreated, the same engine state; then each tool finds the other's result up
    to date."""
    p = compose_project
    theirs = theirs_name(p)
    cwd = write_project(tmp_path / "proj")
    for project in (theirs, p):
        r = v2(project, "up", "-d", cwd=cwd)
        assert r.returncode == 0, r
    text = PROJECT_FILE
    for change, recreated in CHANGES:
        before_ours, before_theirs = ids(p), ids(theirs)
        text = text.replace(*change)
        (cwd / "compose.yaml").write_text(text)
        t = v2(theirs, "up", "-d", cwd=cwd)
        o = ours(p, "up", "-d", cwd=cwd)
        assert o.returncode == t.returncode == 0, (change, t, o)
        assert_same_progress(t.stderr, o.stderr, p)
        assert changed_ids(before_theirs, ids(theirs), theirs) == recreated, change  # the oracle, as documented
        assert changed_ids(before_ours, ids(p), p) == recreated, change
        assert_same_engine_state(p)
    for tool, project in ((v2, p), (ours, theirs)):
        before = ids(project)
        r = tool(project, "up", "-d", cwd=cwd)
        assert r.returncode == 0, r
        assert not progress_verbs(r.stderr) & {"Recreate", "Creating"}, r.stderr
        assert ids(project) == before


# -- down across tools -------------------------------------------------------------------------------

def one_made_by_each(tmp_path, p: str) -> tuple[str, str, Path]:
    """`p` made by pydock, its theirs_name by v2, from the same directory."""
    theirs = theirs_name(p)
    cwd = write_project(tmp_path / "proj")
    assert ours(p, "up", "-d", cwd=cwd).returncode == 0
    assert v2(theirs, "up", "-d", cwd=cwd).returncode == 0
    return p, theirs, cwd


def assert_nothing_left(*projects: str) -> None:
    for project in projects:
        assert ids(project) == {}
        assert resources(project, "network") == []
        assert resources(project, "volume") == []


def test_down_removes_the_other_tools_project(tmp_path, compose_project):
    """pydock down of v2's project, v2 down of pydock's: the same progress, nothing left by label."""
    p, theirs, cwd = one_made_by_each(tmp_path, compose_project)
    t = v2(p, "down", "-v", cwd=cwd)  # v2 removes pydock's project
    o = ours(theirs, "down", "-v", cwd=cwd)  # pydock removes v2's
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout) == (0, "")
    assert_same_progress(t.stderr, unify(o.stderr, p), p)
    assert_nothing_left(p, theirs)


def test_down_without_file_removes_the_other_tools_project(tmp_path, compose_project):
    """Only `-p` (no compose file in the cwd): the project is rebuilt from the labels the other tool wrote."""
    p, theirs, cwd = one_made_by_each(tmp_path, compose_project)
    empty = tmp_path / "empty"
    empty.mkdir()
    t = v2(p, "down", "-v", "-t", "0", cwd=empty)
    o = ours(theirs, "down", "-v", "-t", "0", cwd=empty)
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout) == (0, "")
    assert_same_progress(t.stderr, unify(o.stderr, p), p)
    assert_nothing_left(p, theirs)
