"""Engine tests: the real daemon at /var/run/docker.sock, with the docker CLI as the oracle.

Every object a test creates carries the label `pydock.test=<run id>` and is removed at the end of the
session. Without an engine these tests skip, except under CI=true, where a missing engine fails.
(pytest-xdist: each worker is a session of its own, with its own run id.)

Anonymous volumes cannot carry a label: the session watches the daemon's events instead (`VolumeWatch`),
and when it ends, an anonymous volume one of its containers had, still there after the clean-up, fails
the run (and is removed): a test removed a container without `-v`.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import threading
import time
import uuid

import pytest

from tests.conftest import _env, run_docker

TEST_IMAGE = "pydock-test/busybox:latest"
RUN_ID = uuid.uuid4().hex[:12]
LABEL = f"pydock.test={RUN_ID}"
# Compose projects made by tests are named `<COMPOSE_PREFIX>-...`; the session removes all of them.
COMPOSE_PREFIX = f"pdt{RUN_ID[:8]}"


def _engine_available() -> str | None:
    try:
        r = run_docker("version", "--format", "{{.Server.APIVersion}}", timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    if r.returncode != 0:
        return r.stderr.strip() or "docker version failed"
    if run_docker("image", "inspect", TEST_IMAGE).returncode != 0:
        return f"test image {TEST_IMAGE} missing: run scripts/engine-up"
    return None


_PROBLEM = _engine_available()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/engine/" in str(item.fspath):
            item.add_marker(pytest.mark.engine)


@pytest.fixture(autouse=True)
def _require_engine():
    if _PROBLEM is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no Docker Engine for the engine tests under CI: {_PROBLEM}")
        pytest.skip(f"no Docker Engine: {_PROBLEM}")


class _UnixConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect("/var/run/docker.sock")


def _ours(attrs: dict) -> bool:
    return (attrs.get(LABEL.split("=")[0]) == RUN_ID
            or attrs.get("com.docker.compose.project", "").startswith(COMPOSE_PREFIX))


ANONYMOUS = re.compile(r"[0-9a-f]{64}")


class VolumeWatch:
    """The anonymous volumes of this session's containers (the session label, or a compose project of
    this session), from the daemon's events: a volume `mount` names its container (started containers);
    a container `create` is answered at once with an inspect of its mounts (containers never started:
    a container removed before the inspect answers, and never started, escapes the watch)."""

    def __init__(self):
        self.volumes: dict[str, tuple[str, str]] = {}  # anonymous volume -> (container name, compose project)
        self.names: dict[str, tuple[str, str]] = {}  # container ID -> (name, compose project), ours only
        self.marker = f"pdtV-watch-{RUN_ID}"
        self.seen_marker = threading.Event()
        self._lock = threading.Lock()
        cmd = ["docker", "events", "--since", f"{time.time() - 1:.3f}", "--format", "{{json .}}",
               "--filter", "type=container", "--filter", "type=volume",
               "--filter", "event=create", "--filter", "event=mount"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(None))
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            actor = event.get("Actor") or {}
            attrs, ident = actor.get("Attributes") or {}, actor.get("ID", "")
            kind, action = event.get("Type"), event.get("Action")
            if kind == "container" and action == "create" and _ours(attrs):
                with self._lock:
                    self.names[ident] = (attrs.get("name", ident[:12]), attrs.get("com.docker.compose.project", ""))
                self._inspect(ident)
            elif kind == "volume" and action == "mount" and ANONYMOUS.fullmatch(ident):
                with self._lock:
                    if attrs.get("container") in self.names:
                        self.volumes[ident] = self.names[attrs["container"]]
            elif kind == "volume" and action == "create" and ident == self.marker:
                self.seen_marker.set()

    def _inspect(self, ident: str) -> None:
        conn = _UnixConnection("localhost")
        try:
            conn.request("GET", f"/containers/{ident}/json")
            resp = conn.getresponse()
            info = json.loads(resp.read()) if resp.status == 200 else {}
        except (OSError, ValueError, http.client.HTTPException):
            info = {}
        finally:
            conn.close()
        with self._lock:
            for mount in info.get("Mounts") or []:
                if mount.get("Type") == "volume" and ANONYMOUS.fullmatch(mount.get("Name", "")):
                    self.volumes[mount["Name"]] = self.names[ident]

    def remove_project_volumes(self, prefix: str) -> None:
        """Compose removes a container without its anonymous volumes where v2 does (`rm` without -v,
        `down` without -v, `up -V`, a recreate): the project's clean-up removes them."""
        with self._lock:
            found = sorted(v for v, (_, project) in self.volumes.items() if project.startswith(prefix))
        if found:
            run_docker("volume", "rm", "-f", *found)

    def left_behind(self) -> dict[str, tuple[str, str]]:
        """Stop watching (after a marker event, so that every event before it has been read); the
        anonymous volumes of ours that still exist."""
        if run_docker("volume", "create", "--label", LABEL, self.marker).returncode == 0:
            self.seen_marker.wait(10)
            run_docker("volume", "rm", "-f", self.marker)
        self.proc.terminate()
        self.proc.wait(10)
        self.thread.join(10)
        existing = set(run_docker("volume", "ls", "-q").stdout.split())
        with self._lock:
            return {v: name for v, name in self.volumes.items() if v in existing}


_WATCH: VolumeWatch | None = None


@pytest.fixture(scope="session", autouse=True)
def _cleanup():
    global _WATCH
    _WATCH = VolumeWatch() if _PROBLEM is None else None
    try:
        yield
    finally:
        if _WATCH is not None:
            _remove_session_objects()
            _check_anonymous_volumes(_WATCH)


def _check_anonymous_volumes(watch: VolumeWatch) -> None:
    left = watch.left_behind()
    if not left:
        return
    run_docker("volume", "rm", "-f", *sorted(left))
    rows = "\n".join(f"  {v[:12]} of container {name}" for v, (name, _) in sorted(left.items(), key=lambda kv: kv[1]))
    pytest.fail(f"the session left {len(left)} anonymous volume(s) behind (now removed): a test removed a "
                f"container without -v (rm -v, run --rm, compose down -v):\n{rows}", pytrace=False)


def _remove_session_objects() -> None:
    flt = f"label={LABEL}"
    ids = run_docker("ps", "-aq", "--filter", flt).stdout.split()
    if ids:
        run_docker("rm", "-f", "-v", *ids)
    for kind in ("volume", "network"):
        names = run_docker(kind, "ls", "-q", "--filter", flt).stdout.split()
        if names:
            run_docker(kind, "rm", *names)
    images = run_docker("images", "-q", "--filter", flt).stdout.split()
    if images:
        run_docker("rmi", "-f", *sorted(set(images)))
    remove_compose_projects(COMPOSE_PREFIX)


def remove_compose_projects(prefix: str) -> None:
    """Every container, network, volume and image whose compose project label starts with `prefix`."""
    key = "com.docker.compose.project"

    def ids(*ls: str, field: str = ".ID") -> list[str]:
        rows = run_docker(*ls, "--filter", f"label={key}", "--format", "{{%s}} {{.Label \"%s\"}}" % (field, key))
        return sorted({r.split(" ", 1)[0] for r in rows.stdout.splitlines()
                       if " " in r and r.split(" ", 1)[1].startswith(prefix)})

    if found := ids("ps", "-a"):
        run_docker("rm", "-f", "-v", *found)
    if found := ids("network", "ls"):
        run_docker("network", "rm", *found)
    if found := ids("volume", "ls", field=".Name"):
        run_docker("volume", "rm", "-f", *found)
    if _WATCH is not None:
        _WATCH.remove_project_volumes(prefix)
    images = run_docker("images", "-q", "--no-trunc", "--filter", f"label={key}").stdout.split()
    if images:
        fmt = "{{.Id}} {{index .Config.Labels \"%s\"}}" % key
        rows = run_docker("image", "inspect", "--format", fmt, *sorted(set(images))).stdout.splitlines()
        found = [r.split(" ", 1)[0] for r in rows if " " in r and r.split(" ", 1)[1].startswith(prefix)]
        if found:
            run_docker("rmi", "-f", *found)


@pytest.fixture
def compose_project(request) -> str:
    """A project name unique to this test (`<prefix>-<test name>`), cleaned up when the test ends."""
    import re

    name = f"{COMPOSE_PREFIX}-" + re.sub(r"[^a-z0-9_-]", "", request.node.name.lower())[:40]
    yield name
    remove_compose_projects(name)


@pytest.fixture(scope="module")
def remove_module_containers():
    """For a module whose containers would disturb later modules that filter on the same session
    label: whatever containers it leaves behind are removed when the module ends. Use with
    `pytestmark = pytest.mark.usefixtures("remove_module_containers")`."""
    def ours():
        return set(run_docker("ps", "-aq", "--no-trunc", "--filter", f"label={LABEL}").stdout.split())

    before = ours()
    yield
    left = ours() - before
    if left:
        run_docker("rm", "-f", "-v", *sorted(left))


def free_ports(count: int) -> int:
    """The first of `count` consecutive host ports free just now on 127.0.0.1 and ::1, for TCP and UDP.
    For a module fixture that publishes ports: fixed ones collided whenever two sessions set the fixture
    up at once (two xdist workers sharing a module under `-n 2` without loadfile, two checkouts on one
    engine), and all but the first failed with "port is already allocated"."""
    import random

    rng = random.Random()
    for _ in range(200):
        base = rng.randrange(20000, 32000)  # below Linux's ephemeral range (32768-)
        socks = []
        try:
            for port in range(base, base + count):
                for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
                    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                        s = socket.socket(family, kind)
                        socks.append(s)
                        s.bind((host, port))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise AssertionError("no free run of host ports on 127.0.0.1 and ::1")


class Objects:
    """Creates labelled engine objects through the docker CLI (the oracle), for tests to look at."""

    def __init__(self):
        self.label = LABEL

    def container(self, *args: str, run: bool = False, cmd: tuple[str, ...] = ("sleep", "300")) -> str:
        verb = ["run", "-d"] if run else ["create"]
        r = run_docker(*verb, "--label", LABEL, *args, TEST_IMAGE, *cmd)
        assert r.returncode == 0, r
        return r.stdout.strip()

    def volume(self, name: str) -> str:
        r = run_docker("volume", "create", "--label", LABEL, name)
        assert r.returncode == 0, r
        return name

    def network(self, name: str) -> str:
        r = run_docker("network", "create", "--label", LABEL, name)
        assert r.returncode == 0, r
        return name

    def image(self, tag: str, *labels: str) -> str:
        """A tagged child image of the test image (docker tag shares layers; labels need a build).
        `labels` are extra `k=v` labels, e.g. one a module filters on alone."""
        extra = [a for label in labels for a in ("--label", label)]
        r = run_docker("build", "-q", "--label", LABEL, *extra, "-t", tag, "-",
                       input=f"FROM {TEST_IMAGE}\nLABEL x={tag}\n", env={"DOCKER_BUILDKIT": "0"})
        assert r.returncode == 0, r
        return tag

    def inspect(self, name: str) -> dict:
        r = run_docker("inspect", name)
        assert r.returncode == 0, r
        return json.loads(r.stdout)[0]


@pytest.fixture
def objects():
    return Objects()


@pytest.fixture
def label():
    return LABEL
