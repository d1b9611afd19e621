"""`compose cp`, `commit`, `export` and `build` against the real v2 binary (helper H7).

cp/commit/export work on a project the oracle brought up (tests/compose_fixtures/ops-basic); build
compares the images pydock's classic build makes with `DOCKER_BUILDKIT=0 docker compose build` of the
same project (tests/compose_fixtures/ops-build): labels, config and build-arg results.
"""

from __future__ import annotations

import io
import json
import os
import stat
import tarfile

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose
from tests.conftest import ROOT, run_docker
from tests.engine.conftest import LABEL

BASIC = ROOT / "tests" / "compose_fixtures" / "ops-basic"
BUILD = ROOT / "tests" / "compose_fixtures" / "ops-build"
CLASSIC = {"DOCKER_BUILDKIT": "0"}


def both(project: str, *args: str, cwd=BASIC, env: dict | None = None, input: str = ""):
    v2 = run_compose("-p", project, *args, cwd=cwd, env=env, input=input)
    ours = run_pydock_compose("-p", project, *args, cwd=cwd, env=env, input=input)
    return v2, ours


def same(v2, ours) -> None:
    """Byte-identical, but for the program's name in usage messages."""
    expected = v2.stderr.replace("docker compose", "pydock compose").replace("docker: ", "pydock: ")
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, expected), (v2, ours)


def cat(container: str, path: str) -> str:
    r = run_docker("exec", container, "cat", path)
    return r.stdout if r.returncode == 0 else f"<{r.stderr.strip()}>"


def inspect(ref: str) -> dict:
    r = run_docker("inspect", ref)
    assert r.returncode == 0, r
    return json.loads(r.stdout)[0]


# -- cp -----------------------------------------------------------------------------------------------

def test_cp_to_a_service_reaches_every_replica(up, tmp_path):
    src = tmp_path / "f.txt"
    src.write_text("data\n")
    v2 = run_compose("-p", up, "cp", str(src), "web:/v2.txt", cwd=BASIC)
    r = run_pydock_compose("-p", up, "cp", str(src), "web:/f.txt", cwd=BASIC)
    assert r.returncode == v2.returncode == 0 and r.stdout == v2.stdout == "", (v2, r)
    for path in ("/f.txt", "/v2.txt"):
        assert cat(f"{up}-web-1", path) == cat(f"{up}-web-2", path) == "data\n"
        assert cat(f"{up}-db-1", path).startswith("<")
    # both replicas are copied to concurrently: the events come in any order
    assert sorted(r.stderr.splitlines()) == sorted(v2.stderr.replace("/v2.txt", "/f.txt").splitlines())
    assert len(r.stderr.splitlines()) == 4


def test_cp_index_and_from_a_service(up, tmp_path):
    src = tmp_path / "g.txt"
    src.write_text("second\n")
    r = run_pydock_compose("-p", up, "cp", "--index", "2", str(src), "web:/g.txt", cwd=BASIC)
    assert r.returncode == 0, r
    assert cat(f"{up}-web-2", "/g.txt") == "second\n" and cat(f"{up}-web-1", "/g.txt").startswith("<")
    v2, ours = both(up, "cp", "--index", "2", "web:/g.txt", str(tmp_path / "back.txt"))
    same(v2, ours)
    assert (tmp_path / "back.txt").read_text() == "second\n"


def test_cp_from_a_service_to_stdout(up):
    for n in (1, 2):  # v2 copies from the first container the engine lists, either replica
        run_docker("exec", f"{up}-web-{n}", "sh", "-c", "echo one > /one.txt")
    v2 = run_compose("-p", up, "cp", "web:/one.txt", "-", cwd=BASIC)
    ours = run_pydock_compose("-p", up, "cp", "web:/one.txt", "-", cwd=BASIC)
    assert ours.returncode == v2.returncode == 0
    names = [m.name for m in tarfile.open(fileobj=io.BytesIO(ours.stdout.encode("latin-1")), mode="r:")]
    assert names == ["one.txt"] and ours.stderr == v2.stderr


@pytest.mark.parametrize("args", [
    ("cp", "web:/a", "db:/b"),
    ("cp", "a", "b"),
    ("cp", "nosuch:/a", "/tmp/x"),
    ("cp", "--index", "9", "web:/a", "/tmp/x"),
    ("cp", "", "web:/x"),
    ("cp", "web:/a"),
    ("cp", "--bogus", "a", "web:/x"),  # bad flags: cobra's message and usage line
    ("cp", "--index", "x", "a", "web:/x"),
])
def test_cp_errors(up, args):
    v2, ours = both(up, *args)
    same(v2, ours)
    assert ours.returncode == 1


# -- commit -------------------------------------------------------------------------------------------

def test_commit_matches_v2(up):
    run_docker("exec", f"{up}-web-1", "sh", "-c", "echo changed > /changed.txt")
    refs = (f"{up}-commit-v2:1", f"{up}-commit-ours:1")
    try:
        flags = ("-a", "someone", "-m", "a message", "-c", "ENV COMMITTED=1")
        v2 = run_compose("-p", up, "commit", *flags, "web", refs[0], cwd=BASIC)
        ours = run_pydock_compose("-p", up, "commit", *flags, "web", refs[1], cwd=BASIC)
        assert ours.returncode == v2.returncode == 0, (v2, ours)
        assert ours.stdout == v2.stdout == ""
        image = inspect(refs[1])
        theirs = inspect(refs[0])
        assert ours.stderr == (f" {up}-web-1 Commit {up}-web-1 Committing\n"
                               f" {up}-web-1 Commit {up}-web-1 Committed as {image['Id']}\n")
        for key in ("Cmd", "Env", "Labels", "Entrypoint", "WorkingDir"):
            assert image["Config"][key] == theirs["Config"][key]
        assert (image["Author"], image["Comment"]) == (theirs["Author"], theirs["Comment"]) == ("someone", "a message")
        assert "COMMITTED=1" in image["Config"]["Env"]
        container = inspect(f"{up}-web-1")
        assert image["Config"]["Labels"] == container["Config"]["Labels"]
        assert image["Container"] == container["Id"]
        r = run_docker("run", "--rm", refs[1], "cat", "/changed.txt")
        assert r.stdout == "changed\n"
    finally:
        run_docker("rmi", "-f", *refs)


def test_commit_errors(up):
    for args in (("commit", "nosuch"), ("commit", "--index", "7", "web"), ("commit",), ("commit", "web", "x", "y"),
                 ("commit", "--bogus", "web"), ("commit", "app"), ("commit", "web", "Not:A:Ref")):
        v2, ours = both(up, *args)
        same(v2, ours)


# -- export -------------------------------------------------------------------------------------------

def _members(data: bytes) -> list[str]:
    return sorted(m.name for m in tarfile.open(fileobj=io.BytesIO(data), mode="r:"))


def test_export_to_a_file_and_stdout(up, tmp_path):
    import subprocess
    import sys

    from tests.conftest import _env

    out = tmp_path / "web.tar"
    v2, ours = both(up, "export", "--index", "2", "-o", str(out), "web")
    same(v2, ours)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    expected = subprocess.run(["docker", "export", f"{up}-web-2"], capture_output=True).stdout
    assert _members(out.read_bytes()) == _members(expected)
    p = subprocess.run([sys.executable, "-m", "pydock", "compose", "-p", up, "export", "db"], capture_output=True,
                       env=_env(None), cwd=BASIC)
    assert p.returncode == 0
    assert _members(p.stdout) == _members(subprocess.run(["docker", "export", f"{up}-db-1"], capture_output=True).stdout)
    assert p.stderr.decode() == f" {up}-db-1 export {up}-db-1 to  Exporting\n"


def test_export_errors(up):
    for args in (("export", "nosuch"), ("export", "-o", "/nonexistent/dir/x.tar", "web"), ("export",),
                 ("export", "--bogus", "web"), ("export", "app"), ("export", "--index", "3", "web")):
        v2, ours = both(up, *args)
        same(v2, ours)


# -- stats --------------------------------------------------------------------------------------------

def test_stats_lists_the_project_containers(up):
    """The default table (same header, same containers: the figures change between calls), and one
    service's containers through --format."""
    v2, ours = both(up, "stats", "--no-stream")
    assert ours.returncode == v2.returncode == 0, (v2, ours)
    assert ours.stderr == v2.stderr == ""
    mine, theirs = ours.stdout.splitlines(), v2.stdout.splitlines()
    assert mine[0] == theirs[0]
    assert mine[0].split() == ["CONTAINER", "ID", "NAME", "CPU", "%", "MEM", "USAGE", "/", "LIMIT", "MEM", "%",
                               "NET", "I/O", "BLOCK", "I/O", "PIDS"]
    assert sorted(row.split()[:2] for row in mine[1:]) == sorted(row.split()[:2] for row in theirs[1:])
    assert len(mine) == 4  # web-1, web-2, db-1
    v2, ours = both(up, "stats", "--no-stream", "--format", "{{.Name}}", "web")
    assert ours.returncode == v2.returncode == 0, (v2, ours)
    assert sorted(ours.stdout.split()) == sorted(v2.stdout.split()) == [f"{up}-web-1", f"{up}-web-2"]


def test_stats_errors(up):
    for args in (("stats", "a", "b"), ("stats", "--bogus"), ("stats", "--no-stream", "nosuch")):
        v2, ours = both(up, *args)
        same(v2, ours)


# -- build --------------------------------------------------------------------------------------------

@pytest.fixture
def build_projects(compose_project):
    names = (compose_project + "-v2", compose_project + "-ours")
    yield names
    images = [f"{n}-{s}" for n in names for s in ("app", "other")]
    run_docker("rmi", "-f", *images)


def _image_facts(ref: str) -> dict:
    info = inspect(ref)
    cfg = info["Config"]
    return {"labels": cfg["Labels"], "cmd": cfg["Cmd"], "env": cfg["Env"], "entrypoint": cfg["Entrypoint"]}


def test_build_images_match_v2(build_projects):
    v2p, ours_p = build_projects
    env = {**CLASSIC, "FROMENV": "os-value"}
    v2 = run_compose("-p", v2p, "build", "--build-arg", "EXTRA=x", cwd=BUILD, env=env)
    ours = run_pydock_compose("-p", ours_p, "build", "--build-arg", "EXTRA=x", cwd=BUILD, env=env)
    assert v2.returncode == 0, v2
    assert ours.returncode == 0, ours
    for service in ("app", "other"):
        mine, theirs = _image_facts(f"{ours_p}-{service}"), _image_facts(f"{v2p}-{service}")
        assert mine == theirs
    labels = _image_facts(f"{ours_p}-app")["labels"]
    assert labels["com.docker.compose.image.builder"] == "classic"
    assert (labels["greeting"], labels["fromenv"], labels["extra"], labels["x.label"]) == ("hello", "os-value", "x", "yes")
    # dependency order, v2's events (the builds' output is the engine's; step lines are compared without IDs)
    events = [line for line in ours.stderr.splitlines() if "level=warning" not in line]
    assert events == [" Service app  Building", " Service app  Built", " Service other  Building",
                      " Service other  Built", " app  Built", " other  Built"]
    assert sorted(line for line in v2.stderr.splitlines() if "level=warning" not in line) == sorted(events)

    def steps(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.startswith("Step ") or line.startswith("Successfully tagged")]

    assert steps(ours.stdout) == [line.replace(v2p, ours_p) for line in steps(v2.stdout)]


def test_build_one_service_quiet_and_no_cache(build_projects):
    _, ours_p = build_projects
    r = run_pydock_compose("-p", ours_p, "build", "-q", "other", cwd=BUILD, env=CLASSIC)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", ""), r
    first = inspect(f"{ours_p}-other")["Id"]
    assert run_docker("image", "inspect", f"{ours_p}-app").returncode != 0
    r = run_pydock_compose("-p", ours_p, "build", "--no-cache", "other", cwd=BUILD, env=CLASSIC)
    assert r.returncode == 0, r
    assert "Using cache" not in r.stdout and inspect(f"{ours_p}-other")["Id"] != first
    r = run_pydock_compose("-p", ours_p, "build", "other", cwd=BUILD, env=CLASSIC)
    assert "Using cache" in r.stdout


def test_build_with_dependencies(build_projects):
    _, ours_p = build_projects
    r = run_pydock_compose("-p", ours_p, "build", "--with-dependencies", "other", cwd=BUILD, env=CLASSIC)
    assert r.returncode == 0, r
    assert run_docker("image", "inspect", f"{ours_p}-app").returncode == 0


def test_build_errors(build_projects, tmp_path):
    v2p, ours_p = build_projects
    v2 = run_compose("-p", v2p, "build", "nosuch", cwd=BUILD, env=CLASSIC)
    ours = run_pydock_compose("-p", ours_p, "build", "nosuch", cwd=BUILD, env=CLASSIC)
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr) == (1, "", "no such service: nosuch\n")
    for args in (("build", "--bogus"), ("build", "-m", "lots")):  # bad flags
        v2 = run_compose("-p", v2p, *args, cwd=BUILD, env=CLASSIC)
        ours = run_pydock_compose("-p", ours_p, *args, cwd=BUILD, env=CLASSIC)
        same(v2, ours)
    (tmp_path / "compose.yaml").write_text("services:\n  bad:\n    build: .\n")
    # the failed RUN's container stays (classic builder, no --force-rm): the label lets the session remove it
    (tmp_path / "Dockerfile").write_text(f"FROM pydock-test/busybox:latest\nLABEL {LABEL}\nRUN false\n")
    v2 = run_compose("-p", v2p, "build", cwd=tmp_path, env=CLASSIC)
    ours = run_pydock_compose("-p", ours_p, "build", cwd=tmp_path, env=CLASSIC)
    assert ours.returncode == v2.returncode == 1
    last = [line for line in v2.stderr.splitlines() if "level=warning" not in line][-1]
    assert ours.stderr.splitlines()[-1] == last == "The command '/bin/sh -c false' returned a non-zero code: 1"


@pytest.mark.parametrize("service", ["app", "other"])  # the target's image; a dependency's (other needs app)
def test_run_builds_the_missing_image(build_projects, service):
    """`run` builds a missing image first (classic builder), the target's or a dependency's, as v2 does,
    the output on stdout. v2 shows the `Service x Building/Built` events of a dependency's build (inside
    startDependencies' progress display) but not of the target's (built outside any)."""
    v2p, ours_p = build_projects
    v2 = run_compose("-p", v2p, "run", "--rm", service, "echo", "ran", cwd=BUILD, env=CLASSIC)
    ours = run_pydock_compose("-p", ours_p, "run", "--rm", service, "echo", "ran", cwd=BUILD, env=CLASSIC)
    assert ours.returncode == v2.returncode == 0, (v2, ours)
    assert ours.stdout.splitlines()[-1] == v2.stdout.splitlines()[-1] == "ran"
    for built in ("app", service):
        assert _image_facts(f"{ours_p}-{built}") == _image_facts(f"{v2p}-{built}")
    warning = [line for line in v2.stderr.splitlines() if "level=warning" in line]  # v2's bake notice
    assert ours.stderr.splitlines() == [line.replace(v2p, ours_p) for line in v2.stderr.splitlines()
                                        if line not in warning]
