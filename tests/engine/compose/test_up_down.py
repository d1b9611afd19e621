"""Differential: `compose up` / `down` against docker compose v2.40.3 on real projects.

Each test runs the same fixture twice: v2 with the project `<name>v`, pydock with `<name>` (both
removed by the `compose_project` fixture). What is compared:
- the plain progress lines on stderr (stderr is a pipe here), the v2 project name replaced by ours;
  events of one object keep their order, while across objects only v2's own concurrency may
  reorder them, so the comparison is per object plus the whole multiset;
- what the engine holds (`docker inspect` of containers, networks, volumes), with ids, timestamps,
  addresses and the project names normalised.
The helpers here are used by the other modules of this directory too.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections import Counter

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose
from tests.conftest import ROOT, run_docker

FIXTURES = ROOT / "tests" / "compose_fixtures"
WEB = FIXTURES / "up-web"


# -- helpers --------------------------------------------------------------------------------------

def theirs_name(project: str) -> str:
    return project + "v"


def v2(project: str, *args, cwd=WEB, env=None, timeout=120):
    return run_compose("-p", theirs_name(project), *args, cwd=cwd, env=env, timeout=timeout)


def ours(project: str, *args, cwd=WEB, env=None, timeout=120):
    return run_pydock_compose("-p", project, *args, cwd=cwd, env=env, timeout=timeout)


def unify(text: str, project: str) -> str:
    """v2's output with its project name turned into ours; logrus timestamps blanked."""
    text = text.replace(theirs_name(project), project)
    return re.sub(r'time="[^"]+"', 'time="T"', text)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def by_object(text: str) -> dict[str, list[str]]:
    """Progress lines grouped by their object (` Container p-web-1  Created` -> `Container p-web-1`)."""
    out: dict[str, list[str]] = {}
    for line in lines(text):
        m = re.match(r"^ (\S+ \S+)  ?(.*)$", line)
        key = m.group(1) if m else "<other>"
        out.setdefault(key, []).append(line)
    return out


def assert_same_progress(theirs_text: str, ours_text: str, project: str) -> None:
    t = unify(theirs_text, project)
    o = re.sub(r'time="[^"]+"', 'time="T"', ours_text)
    assert Counter(lines(o)) == Counter(lines(t)), f"\n--- v2\n{t}--- pydock\n{o}"
    assert by_object(o) == by_object(t), f"\n--- v2\n{t}--- pydock\n{o}"


def position(text: str, line: str) -> int:
    return lines(text).index(line)


def ids(project: str) -> dict[str, str]:
    r = run_docker("ps", "-a", "--no-trunc", "--filter", f"label=com.docker.compose.project={project}",
                   "--format", "{{.Names}} {{.ID}}")
    return dict(line.split(" ", 1) for line in r.stdout.splitlines() if line)


def inspect(*names: str, kind: str = "container") -> list[dict]:
    r = run_docker(kind, "inspect", *names)
    assert r.returncode == 0, r
    return json.loads(r.stdout)


_DROP_CONTAINER = {"Id", "Created", "State", "NetworkSettings", "ResolvConfPath", "HostnamePath", "HostsPath",
                   "LogPath", "GraphDriver", "Image", "SizeRw", "SizeRootFs", "ExecIDs"}


def normal_container(c: dict, project: str, anon: dict[str, str] | None = None) -> dict:
    c = {k: v for k, v in c.items() if k not in _DROP_CONTAINER}
    c["Config"] = {k: v for k, v in c["Config"].items() if k != "Hostname"}
    labels = dict(c["Config"].get("Labels") or {})
    labels.pop("com.docker.compose.project.config_files", None)  # same file, same label: kept below
    c["Config"]["Labels"] = labels
    mounts = []
    for m in c.get("Mounts") or []:
        m = dict(m)
        if m.get("Type") == "volume" and re.fullmatch(r"[0-9a-f]{64}", m.get("Name", "")):
            m["Name"] = m["Source"] = "<anonymous>"
        mounts.append(m)
    c["Mounts"] = sorted(mounts, key=lambda m: m.get("Destination", ""))
    # v2 builds Binds and HostConfig.Mounts from a Go map: their order changes from run to run
    host = dict(c.get("HostConfig") or {})
    for key in ("Binds", "Mounts"):
        if host.get(key):
            host[key] = sorted(host[key], key=lambda x: json.dumps(x, sort_keys=True))
    c["HostConfig"] = host
    return json.loads(json.dumps(c).replace(theirs_name(project), project))


def _no_hash(labels: dict) -> dict:
    """The network/volume config-hash covers the resource's name, which holds the project name."""
    return {k: v for k, v in (labels or {}).items() if k != "com.docker.compose.config-hash"}


def normal_network(n: dict, project: str) -> dict:
    n = {k: v for k, v in n.items() if k not in ("Id", "Created", "Containers")}
    n["Labels"] = _no_hash(n.get("Labels"))
    n["IPAM"] = {k: v for k, v in n["IPAM"].items() if k != "Config"}
    return json.loads(json.dumps(n).replace(theirs_name(project), project))


def normal_volume(v: dict, project: str) -> dict:
    v = {k: v2_ for k, v2_ in v.items() if k not in ("CreatedAt",)}
    v["Labels"] = _no_hash(v.get("Labels"))
    return json.loads(json.dumps(v).replace(theirs_name(project), project))


def host_port(container: str, port: str = "8080/tcp") -> int:
    r = run_docker("port", container, port)
    assert r.returncode == 0, r
    return int(r.stdout.splitlines()[0].rsplit(":", 1)[1])


def http_get(port: int) -> str:
    for _ in range(20):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3) as resp:
                return resp.read().decode()
        except OSError:
            time.sleep(0.25)
    raise AssertionError(f"nothing answers on 127.0.0.1:{port}")


def up_both(project: str, *args, cwd=WEB, env=None):
    t = v2(project, "up", "-d", *args, cwd=cwd, env=env)
    o = ours(project, "up", "-d", *args, cwd=cwd, env=env)
    return t, o


# -- tests ----------------------------------------------------------------------------------------

def test_up_detached_progress_and_engine_state_match_v2(compose_project):
    p = compose_project
    t, o = up_both(p)
    assert t.returncode == 0, t
    assert o.returncode == 0, o
    assert o.stdout == t.stdout == ""
    assert_same_progress(t.stderr, o.stderr, p)
    # dependency waits: init done before web starts, web healthy before client starts
    for text in (o.stderr,):
        assert position(text, f" Container {p}-init-1  Exited") < position(text, f" Container {p}-web-1  Starting")
        assert position(text, f" Container {p}-web-1  Healthy") < position(text, f" Container {p}-client-1  Starting")
    for svc in ("init", "web", "client"):
        mine = inspect(f"{p}-{svc}-1")[0]
        theirs = inspect(f"{theirs_name(p)}-{svc}-1")[0]
        assert normal_container(mine, p) == normal_container(theirs, p), svc
    assert normal_network(inspect(f"{p}_default", kind="network")[0], p) == \
        normal_network(inspect(f"{theirs_name(p)}_default", kind="network")[0], p)
    assert normal_volume(inspect(f"{p}_data", kind="volume")[0], p) == \
        normal_volume(inspect(f"{theirs_name(p)}_data", kind="volume")[0], p)


def test_project_is_reachable_and_services_talk_by_name(compose_project):
    p = compose_project
    t, o = up_both(p)
    assert o.returncode == t.returncode == 0, (t, o)
    for name in (p, theirs_name(p)):  # the same on both sides
        assert http_get(host_port(f"{name}-web-1")) == "hello from pydock fixture\n"  # bind mount served
        r = run_docker("exec", f"{name}-client-1", "wget", "-q", "-O-", "http://web:8080/")
        assert r.returncode == 0, r
        assert r.stdout == "hello from pydock fixture\n"
        r = run_docker("exec", f"{name}-web-1", "cat", "/data/flag")  # the named volume init wrote
        assert r.stdout == "ready\n"
    r = run_docker("port", f"{p}-web-1", "8080/tcp")
    assert r.stdout.startswith("127.0.0.1:"), r  # published on the loopback only, as asked


def test_down_matches_v2_and_keeps_named_volumes(compose_project):
    p = compose_project
    up_both(p)
    t = v2(p, "down")
    o = ours(p, "down")
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
    assert_same_progress(t.stderr, o.stderr, p)
    assert ids(p) == {}
    assert run_docker("network", "inspect", f"{p}_default").returncode != 0
    assert run_docker("volume", "inspect", f"{p}_data").returncode == 0  # survives down
    # data is still there for the next up
    assert ours(p, "up", "-d").returncode == 0
    assert run_docker("exec", f"{p}-web-1", "cat", "/data/flag").stdout == "ready\n"
    v2(p, "up", "-d")
    t = v2(p, "down", "-v")
    o = ours(p, "down", "-v")
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert run_docker("volume", "inspect", f"{p}_data").returncode != 0


def test_down_without_compose_file(compose_project, tmp_path):
    """v2 rebuilds the project from labels when only -p is given (cwd has no compose file)."""
    p = compose_project
    up_both(p)
    t = v2(p, "down", "-v", cwd=tmp_path)
    o = ours(p, "down", "-v", cwd=tmp_path)
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
    assert_same_progress(t.stderr, o.stderr, p)
    assert ids(p) == {}
    assert run_docker("volume", "inspect", f"{p}_data").returncode != 0


def test_down_nothing_to_remove(compose_project, tmp_path):
    p = compose_project
    t = v2(p, "down", cwd=tmp_path)
    o = ours(p, "down", cwd=tmp_path)
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
    assert unify(t.stderr, p) == re.sub(r'time="[^"]+"', 'time="T"', o.stderr)


def test_down_one_service_removes_its_dependents(compose_project):
    p = compose_project
    up_both(p)
    t = v2(p, "down", "web", "-t", "0")
    o = ours(p, "down", "web", "-t", "0")
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
    assert_same_progress(t.stderr, o.stderr, p)
    assert sorted(ids(p)) == [f"{p}-init-1"]


@pytest.mark.parametrize("fixture, extra", [("up-fail", ()), ("up-unhealthy", ()), ("up-nohealth", ())])
def test_dependency_failures_match_v2(compose_project, fixture, extra):
    p = compose_project
    cwd = FIXTURES / fixture
    t, o = up_both(p, *extra, cwd=cwd)
    assert o.returncode == t.returncode != 0, (t, o)
    assert o.stdout == t.stdout
    assert lines(o.stderr)[-1] == unify(lines(t.stderr)[-1], p)
    assert_same_progress(t.stderr, o.stderr, p)


def test_optional_dependency_failure_is_a_warning(compose_project):
    p = compose_project
    cwd = FIXTURES / "up-fail"
    t, o = up_both(p, "optional", cwd=cwd)
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, p)


def test_missing_image_fails_like_v2_and_creates_nothing(compose_project):
    p = compose_project
    cwd = FIXTURES / "up-pull"
    t, o = up_both(p, cwd=cwd)
    assert o.returncode == t.returncode == 1
    assert o.stdout == t.stdout
    assert o.stderr == unify(t.stderr, p)
    assert ids(p) == {}
    assert run_docker("network", "inspect", f"{p}_default").returncode != 0


def test_wait_flag(compose_project):
    p = compose_project
    t, o = up_both(p, "--wait")
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, p)


def v2_log_lines(text: str) -> list[str]:
    """v2's attached stdout as pydock prints it: v2 writes `\\r\\x1b[K` before `x-1 exited with code N`
    even on a pipe, pydock writes no control codes there (read in text mode, `\\r` ends a line)."""
    return lines(text.replace("\x1b[K", ""))


def test_attached_up_prints_logs_and_exit_codes(compose_project):
    p = compose_project
    cwd = FIXTURES / "up-scale"
    args = ("-f", "attached.yaml", "up")
    t = v2(p, *args, cwd=cwd)
    o = ours(p, *args, cwd=cwd)
    assert o.returncode == t.returncode == 0
    assert lines(o.stdout)[0] == lines(t.stdout)[0] == "Attaching to a-1, b-1"
    assert Counter(lines(o.stdout)) == Counter(v2_log_lines(t.stdout))
    assert Counter(lines(o.stderr)) == Counter(lines(unify(t.stderr, p)))


def test_attached_exit_code_from(compose_project):
    p = compose_project
    cwd = FIXTURES / "up-scale"
    args = ("-f", "attached.yaml", "up", "--exit-code-from", "a")
    t = v2(p, *args, cwd=cwd)
    o = ours(p, *args, cwd=cwd)
    assert o.returncode == t.returncode == 2
    assert Counter(lines(o.stdout)) == Counter(v2_log_lines(t.stdout))
    assert "\x1b[31m\x1b[1mAborting on container exit...\x1b[0m" in o.stderr
    assert Counter(lines(o.stderr)) == Counter(lines(unify(t.stderr, p)))


# -- down's options -----------------------------------------------------------------------------------

def test_down_remove_orphans(compose_project):
    """`down -f fewer.yaml`: the containers of services the file no longer has are orphans; without
    --remove-orphans they stay (and keep the network busy), with it they go."""
    p = compose_project
    up_both(p)
    t = v2(p, "-f", "fewer.yaml", "down", "-t", "0")
    o = ours(p, "-f", "fewer.yaml", "down", "-t", "0")
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
    assert_same_progress(t.stderr, o.stderr, p)
    assert sorted(ids(p)) == sorted(x.replace(theirs_name(p), p) for x in ids(theirs_name(p)))
    assert sorted(ids(p)) == [f"{p}-client-1", f"{p}-init-1"]
    t = v2(p, "-f", "fewer.yaml", "down", "-t", "0", "--remove-orphans")
    o = ours(p, "-f", "fewer.yaml", "down", "-t", "0", "--remove-orphans")
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
    assert_same_progress(t.stderr, o.stderr, p)
    assert ids(p) == ids(theirs_name(p)) == {}
    assert run_docker("network", "inspect", f"{p}_default").returncode != 0


def test_down_timeout(compose_project):
    """busybox httpd as PID 1 ignores SIGTERM: `-t 0` kills at once, the default waits the 1 s
    stop_grace_period; the exit codes the engine records are the same as v2's."""
    p = compose_project
    up_both(p)
    start = time.monotonic()
    o = ours(p, "down", "-t", "0")
    took = time.monotonic() - start
    t = v2(p, "down", "-t", "0")
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert took < 5, took
    assert ids(p) == {}


RMI = """\
services:
  built:
    build: .
    command: ["sleep", "300"]
    stop_grace_period: 1s
  tagged:
    image: {tag}
    command: ["sleep", "300"]
    stop_grace_period: 1s
"""


@pytest.mark.parametrize("mode, source", [("local", "file"), ("local", "labels"), ("all", "file"), ("all", "labels")])
def test_down_rmi(compose_project, tmp_path, mode, source):
    """--rmi local removes the image compose names itself (`<project>-built`, no `image:`); --rmi all
    the tagged `image:` too. With `-p` alone the project comes from the containers' labels, where
    every service has its container's image as `image:`, so `local` finds nothing unlabelled (v2).
    The images are made beforehand by `docker tag` (no build needed: an existing image is used as
    it is), one set per project."""
    p = compose_project
    (tmp_path / "Dockerfile").write_text("FROM pydock-test/busybox:latest\n")
    images = {}
    for name in (p, theirs_name(p)):
        tag = f"{name}-tagged:1"
        for ref in (f"{name}-built", tag):
            assert run_docker("tag", "pydock-test/busybox:latest", ref).returncode == 0
        d = tmp_path / name
        d.mkdir()
        (d / "compose.yaml").write_text(RMI.format(tag=tag))
        (d / "Dockerfile").write_text("FROM pydock-test/busybox:latest\n")
        images[name] = d
    try:
        t = run_compose("-p", theirs_name(p), "up", "-d", cwd=images[theirs_name(p)])
        o = run_pydock_compose("-p", p, "up", "-d", cwd=images[p])
        assert t.returncode == o.returncode == 0, (t, o)
        f = ("-f", "compose.yaml") if source == "file" else ()
        t = run_compose("-p", theirs_name(p), *f, "down", "-t", "0", "--rmi", mode, cwd=images[theirs_name(p)])
        o = run_pydock_compose("-p", p, *f, "down", "-t", "0", "--rmi", mode, cwd=images[p])
        assert (o.returncode, o.stdout) == (t.returncode, t.stdout)
        # the image names hold the project name: v2's `<p>v-tagged:1` is ours `<p>-tagged:1`
        assert_same_progress(t.stderr, o.stderr, p)
        left = {name: sorted(ref for ref in (f"{name}-built", f"{name}-tagged:1")
                             if run_docker("image", "inspect", ref).returncode == 0) for name in images}
        assert left[p] == [x.replace(theirs_name(p), p) for x in left[theirs_name(p)]]
        expected = {"all": [], "local": [f"{p}-tagged:1"] if source == "file" else [f"{p}-built", f"{p}-tagged:1"]}
        assert left[p] == expected[mode]
    finally:
        for name in images:
            run_docker("rmi", f"{name}-built", f"{name}-tagged:1")


# -- --progress ---------------------------------------------------------------------------------------

def _json_by_object(text: str) -> tuple[Counter, dict]:
    events = [json.loads(line) for line in lines(text)]
    grouped: dict[str, list] = {}
    for e in events:
        grouped.setdefault(e.get("id", ""), []).append(e)
    return Counter(json.dumps(e, sort_keys=True) for e in events), grouped


@pytest.mark.parametrize("mode", ["plain", "quiet", "json"])
@pytest.mark.parametrize("fixture", ["up-scale", "up-fail"])
def test_progress_modes_match_v2(compose_project, mode, fixture):
    """`--progress plain|quiet|json` for `up -d` (a success, and a dependency failure) then `down`."""
    p = compose_project
    cwd = FIXTURES / fixture
    for verb in (("up", "-d"), ("down", "-t", "0")):
        t = v2(p, "--progress", mode, *verb, cwd=cwd)
        o = ours(p, "--progress", mode, *verb, cwd=cwd)
        assert (o.returncode, o.stdout) == (t.returncode, t.stdout), (t, o)
        if mode == "json":
            t_err, o_err = unify(t.stderr, p), o.stderr
            # an error ends with v2's plain message line after the events
            t_msgs = [x for x in lines(t_err) if not x.startswith("{")]
            o_msgs = [x for x in lines(o_err) if not x.startswith("{")]
            assert o_msgs == t_msgs
            t_err = "\n".join(x for x in lines(t_err) if x.startswith("{"))
            o_err = "\n".join(x for x in lines(o_err) if x.startswith("{"))
            assert _json_by_object(o_err) == _json_by_object(t_err), f"\n--- v2\n{t_err}\n--- pydock\n{o_err}"
        elif mode == "quiet":
            assert o.stderr == unify(t.stderr, p)
        else:
            assert_same_progress(t.stderr, o.stderr, p)
