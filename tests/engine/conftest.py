"""Engine tests: the real daemon at /var/run/docker.sock, with the docker CLI as the oracle.

Every object a test creates carries the label `pydock.test=<run id>` and is removed at the end of the
session. Without an engine these tests skip, except under CI=true, where a missing engine fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid

import pytest

from tests.conftest import run_docker

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


@pytest.fixture(scope="session", autouse=True)
def _cleanup():
    yield
    if _PROBLEM is not None:
        return
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
