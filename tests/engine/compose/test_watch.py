"""`compose watch` against the real v2 binary: the same edits to a copy of tests/compose_fixtures/watch-basic
watched by v2 and by pydock, then what each printed and what the containers hold compared.

Both use the classic builder (`DOCKER_BUILDKIT=0`), so a rebuild prints the same kind of lines. Each tool
watches its own copy of the project (its own project name); every step waits for the watcher's message
before it looks at the container, then the next edit comes after v2's 500 ms quiet period.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time

import pytest

from tests.compose_oracle import compose_binary
from tests.conftest import ROOT, run_docker
from tests.engine.conftest import COMPOSE_PREFIX, remove_compose_projects

FIXTURE = ROOT / "tests" / "compose_fixtures" / "watch-basic"
PYDOCK = [str(ROOT / ".venv" / "bin" / "pydock"), "compose"]
ENV = {"DOCKER_BUILDKIT": "0", "NO_COLOR": "1"}


def argv(tool: str) -> list[str]:
    return [str(compose_binary())] if tool == "v2" else list(PYDOCK)


class Watch:
    """A `compose watch` process with its output collected line by line."""

    def __init__(self, tool: str, project: str, cwd, *args: str, verb: tuple[str, ...] = ("watch",)):
        env = {**os.environ, **ENV}
        self.p = subprocess.Popen([*argv(tool), "-p", project, *verb, *args], cwd=str(cwd), env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out: list[str] = []
        self.err: list[str] = []
        self.cond = threading.Condition()
        for stream, into in ((self.p.stdout, self.out), (self.p.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, into), daemon=True).start()

    def _read(self, stream, into) -> None:
        for line in stream:
            with self.cond:
                into.append(line.rstrip("\n"))
                self.cond.notify_all()

    def wait_for(self, needle: str, count: int = 1, timeout: float = 60) -> None:
        """Until `needle` has been printed on stdout `count` times."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while sum(needle in line for line in self.out) < count:
                left = deadline - time.monotonic()
                if left <= 0 or self.p.poll() is not None and not self.cond.wait(0.2):
                    raise AssertionError(f"no {needle!r} x{count}: out={self.out} err={self.err} rc={self.p.poll()}")
                self.cond.wait(min(left, 0.5))

    def interrupt(self) -> int:
        self.p.send_signal(signal.SIGINT)
        try:
            return self.p.wait(20)
        finally:
            if self.p.poll() is None:
                self.p.kill()

    def finish(self, project: str, *, strip_ansi: bool = False) -> dict:
        """Ctrl-C, then the exit status and both outputs with what varies between runs normalised."""
        seen = {"exit": self.interrupt()}
        out = [re.sub(r"\x1b\[[0-9;]*m", "", line) if strip_ansi else line for line in self.out]
        seen["stdout"] = normalise([line.replace(project, "<p>") for line in out])
        # v2 warns that it would rather build with Bake (it has no buildx here); pydock has no Bake to want
        seen["stderr"] = [re.sub(r'time="[^"]*"', 'time="<t>"', line).replace(project, "<p>") for line in self.err
                          if "using Bake" not in line]
        return seen

    def close(self) -> None:
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def container(project: str, service: str = "web") -> dict:
    """The service's first container."""
    r = run_docker("inspect", f"{project}-{service}-1")
    assert r.returncode == 0, r
    return json.loads(r.stdout)[0]


def listing(project: str, path: str, until=None, timeout: float = 20, service: str = "web") -> str:
    """Every file below `path` with its content; with `until`, polled until it holds: the watcher prints
    its message before it syncs, as v2 does, so the message alone does not say the files are there."""
    deadline = time.monotonic() + timeout
    while True:
        r = run_docker("exec", f"{project}-{service}-1", "sh", "-c",
                       f"cd {path} && find . | sort && find . -type f | sort | xargs cat")
        text = r.stdout if r.returncode == 0 else f"<{r.returncode} {r.stderr.strip()}>"
        if until is None or until(text) or time.monotonic() > deadline:
            return text
        time.sleep(0.2)


def settle() -> None:
    time.sleep(0.8)  # past v2's 500 ms debounce: the next edit is a batch of its own


def normalise(lines: list[str]) -> list[str]:
    """Ids the engine makes up in build output, and build cache decisions, are not the tools' doing: the
    second tool to build finds the first one's layers cached, and whether the first did depends on what the
    daemon built before. So a step's lines are kept down to its `Step n/m` and its resulting ` ---> <id>`."""
    out = []
    for line in lines:
        line = re.sub(r"\b[0-9a-f]{12}\b", "<id>", line)
        line = re.sub(r"Sending build context to Docker daemon\s+\S+", "Sending build context to Docker daemon <n>", line)
        if line.strip() in ("---> Using cache", "---> Running in <id>", "Removing intermediate container <id>"):
            continue
        out.append(line)
    return out


def side_by_side(tmp_path_factory, label: str, scenario, service: str):
    """`scenario` run by v2, then by pydock, each on its own copy under its own project name; their
    containers, networks and built images removed afterwards."""
    base = tmp_path_factory.mktemp(label)
    names = {tool: f"{COMPOSE_PREFIX}-{label}-{tool}" for tool in ("v2", "pydock")}
    try:
        yield {tool: scenario(tool, names[tool], base / tool) for tool in names}
    finally:
        for name in names.values():
            remove_compose_projects(name)
            run_docker("rmi", "-f", f"{name}-{service}")


def scenario(tool: str, project: str, workdir) -> dict:
    """The edits, with what the container holds after each."""
    shutil.copytree(FIXTURE, workdir)
    src, conf = workdir / "src", workdir / "conf"
    w = Watch(tool, project, workdir)
    seen: dict = {}
    try:
        w.wait_for("Watch enabled")
        first = container(project)
        seen["up"] = listing(project, "/app/src")
        settle()
        (src / "b.txt").write_text("two\n")
        (src / "skip.tmp").write_text("ignored by the trigger\n")
        (src / ".b.txt.swp").write_text("ignored: an editor's file\n")
        (src / "ignored.txt").write_text("ignored: .dockerignore\n")
        w.wait_for("Syncing", 1)
        seen["sync"] = listing(project, "/app/src", until=lambda t: "b.txt" in t)
        settle()
        (conf / "x.conf").write_text("conf 2\n")
        w.wait_for("restarted", 1)
        after = container(project)
        seen["restart"] = (listing(project, "/etc/conf", until=lambda t: "conf 2" in t), after["Id"] == first["Id"],
                           after["State"]["StartedAt"] != first["State"]["StartedAt"])
        settle()
        (src / "a.txt").unlink()
        (src / "sub").mkdir()
        (src / "sub" / "deep.txt").write_text("deep\n")
        w.wait_for("Syncing", 3)
        seen["delete+mkdir"] = listing(project, "/app/src", until=lambda t: "deep" in t and "a.txt" not in t)
        settle()
        with open(workdir / "Dockerfile", "a") as f:
            f.write('LABEL rebuilt="yes"\n')
        w.wait_for("successfully built", 1)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = container(project)
            if now["Id"] != first["Id"] and now["State"]["Running"]:
                break
            time.sleep(0.2)
        seen["rebuild"] = (now["Id"] != first["Id"], now["Config"]["Labels"].get("rebuilt"),
                           now["State"]["Running"], listing(project, "/app/src"))
        settle()
        seen.update(w.finish(project))
        seen["db_untouched"] = container(project, "db")["RestartCount"]
    finally:
        w.close()
    return seen


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    yield from side_by_side(tmp_path_factory, "watch", scenario, "web")


@pytest.mark.parametrize("step", ["up", "sync", "restart", "delete+mkdir", "rebuild", "exit", "db_untouched"])
def test_watch_step_leaves_containers_as_v2(runs, step):
    assert runs["pydock"][step] == runs["v2"][step]


def test_watch_steps_did_what_they_say(runs):
    """Not only the same as v2: each step's effect is there (a comparison of two no-ops would pass)."""
    ours = runs["pydock"]
    assert "b.txt" in ours["sync"] and "two" in ours["sync"]
    assert "skip.tmp" not in ours["sync"] and ".b.txt.swp" not in ours["sync"] and "ignored.txt" not in ours["sync"]
    assert "conf 2" in ours["restart"][0] and ours["restart"][1:] == (True, True)
    assert "a.txt" not in ours["delete+mkdir"] and "deep" in ours["delete+mkdir"]
    assert ours["rebuild"][:3] == (True, "yes", True)
    assert ours["exit"] == 130


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_watch_prints_what_v2_prints(runs, stream):
    assert runs["pydock"][stream] == runs["v2"][stream]


# -- initial sync, include, sync+exec, restart, --no-up ---------------------------------------------

HOOKS = ROOT / "tests" / "compose_fixtures" / "watch-hooks"


def hooks_scenario(tool: str, project: str, workdir) -> dict:
    """`up -d` by the same tool, files changed after the image was made, then `watch --no-up`."""
    shutil.copytree(HOOKS, workdir)
    src, hooks = workdir / "src", workdir / "hooks"
    os.utime(src / "a.txt", (1e9, 1e9))  # older than any image: the initial sync leaves it
    env = {**os.environ, **ENV}
    up = subprocess.run([*argv(tool), "-p", project, "up", "-d"], cwd=str(workdir), env=env,
                        capture_output=True, text=True, timeout=120)
    assert up.returncode == 0, up
    (src / "late.txt").write_text("newer than the image\n")
    (src / "late.md").write_text("include does not apply to the initial sync\n")
    (src / "old.txt").write_text("older\n")
    os.utime(src / "old.txt", (1e9, 1e9))
    seen: dict = {}
    w = Watch(tool, project, workdir, "--no-up")
    try:
        w.wait_for("Watch enabled")
        seen["initial"] = listing(project, "/app/src", service="app")
        settle()
        (src / "skipped.md").write_text("not included\n")
        (src / "b.txt").write_text("two\n")
        w.wait_for("Syncing", 1)
        seen["include"] = listing(project, "/app/src", until=lambda t: "b.txt" in t, service="app")
        settle()
        (hooks / "h1.txt").write_text("h1\n")
        w.wait_for("hook set", 1)
        seen["exec"] = listing(project, "/app/hooks", service="app") + run_docker("exec", f"{project}-app-1", "cat", "/hooked").stdout
        settle()
        first = container(project, "app")
        with open(workdir / "restart.flag", "a") as f:
            f.write("again\n")
        w.wait_for("restarted", 1)
        after = container(project, "app")
        seen["restart"] = (after["Id"] == first["Id"], after["State"]["StartedAt"] != first["State"]["StartedAt"])
        settle()
        (hooks / "fail.txt").write_text("the hook fails\n")
        w.wait_for("hook set", 2)
        deadline = time.monotonic() + 20
        while not any("Error handling changed files" in line for line in w.err) and time.monotonic() < deadline:
            time.sleep(0.2)
        settle()
        seen.update(w.finish(project))
    finally:
        w.close()
    return seen


@pytest.fixture(scope="module")
def hook_runs(tmp_path_factory):
    yield from side_by_side(tmp_path_factory, "watchh", hooks_scenario, "app")


@pytest.mark.parametrize("step", ["initial", "include", "exec", "restart", "exit", "stdout", "stderr"])
def test_watch_hooks_as_v2(hook_runs, step):
    assert hook_runs["pydock"][step] == hook_runs["v2"][step]


def test_watch_hooks_did_what_they_say(hook_runs):
    ours = hook_runs["pydock"]
    assert "late.txt" in ours["initial"] and "late.md" in ours["initial"] and "old.txt" not in ours["initial"]
    assert "b.txt" in ours["include"] and "skipped.md" not in ours["include"]
    assert "h1.txt" in ours["exec"]
    assert ours["restart"] == (True, True)
    assert ours["exit"] == 130
    assert "hook set" in ours["stdout"] and any("Error handling changed files" in line for line in ours["stderr"])


# -- up --watch -------------------------------------------------------------------------------------

def up_watch(tool: str, project: str, workdir) -> dict:
    shutil.copytree(FIXTURE, workdir)
    w = Watch(tool, project, workdir, verb=("up", "--watch"))
    seen: dict = {}
    try:
        w.wait_for("| started")
        (workdir / "src" / "b.txt").write_text("two\n")
        w.wait_for("Syncing", 1)
        seen["sync"] = listing(project, "/app/src", until=lambda t: "b.txt" in t)
        settle()
        # v2 paints the watch logger's mark green even in a pipe with NO_COLOR (its colour choice there
        # only looks at --no-color); pydock writes no control codes off a terminal
        seen.update(w.finish(project, strip_ansi=True))
        seen["states"] = run_docker("ps", "-a", "--filter", f"label=com.docker.compose.project={project}",
                                    "--format", "{{.Names}} {{.State}}").stdout.replace(project, "<p>")
    finally:
        w.close()
    return seen


@pytest.fixture(scope="module")
def up_watch_runs(tmp_path_factory):
    yield from side_by_side(tmp_path_factory, "upwatch", up_watch, "web")


@pytest.mark.parametrize("step", ["sync", "exit", "stdout", "stderr", "states"])
def test_up_watch_as_v2(up_watch_runs, step):
    assert up_watch_runs["pydock"][step] == up_watch_runs["v2"][step]


def test_up_watch_synced_and_stopped(up_watch_runs):
    ours = up_watch_runs["pydock"]
    assert "two" in ours["sync"] and ours["exit"] == 130
    assert "        ⦿ Watch enabled" in ours["stdout"] and "exited" in ours["states"]


# -- errors ----------------------------------------------------------------------------------------

NO_DEVELOP = """\
services:
  a:
    image: pydock-test/busybox
    command: ["sleep", "1000"]
"""
REBUILD_NO_BUILD = NO_DEVELOP + """\
    develop:
      watch:
        - action: rebuild
          path: .
"""
BIND_MOUNTED = NO_DEVELOP + """\
    volumes: ["./src:/app"]
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
"""


def strip_logrus_time(text: str) -> str:
    return re.sub(r'time="[^"]*"', 'time="<t>"', text)


@pytest.mark.parametrize("case, yaml, args", [
    ("no-develop", NO_DEVELOP, ("watch",)),
    ("no-develop-no-up", NO_DEVELOP, ("watch", "--no-up")),
    ("rebuild-without-build", REBUILD_NO_BUILD, ("watch",)),
    ("bind-mounted", BIND_MOUNTED, ("watch",)),
    ("up-no-develop", NO_DEVELOP, ("up", "--watch")),
    ("up-rebuild-without-build", REBUILD_NO_BUILD, ("up", "--watch")),
    ("up-bind-mounted", BIND_MOUNTED, ("up", "--watch")),
    ("up-detach", REBUILD_NO_BUILD, ("up", "--watch", "-d")),
    ("up-no-build", REBUILD_NO_BUILD, ("up", "--watch", "--no-build")),
])
def test_watch_refuses_as_v2(tmp_path, case, yaml, args):
    results = {}
    for tool in ("v2", "pydock"):
        d = tmp_path / tool
        (d / "src").mkdir(parents=True)
        (d / "compose.yaml").write_text(yaml)
        project = f"{COMPOSE_PREFIX}-watch-{case}-{tool}"
        try:
            p = subprocess.run([*argv(tool), "-p", project, *args], cwd=str(d), env={**os.environ, **ENV},
                               capture_output=True, text=True, timeout=60)
            states = run_docker("ps", "-a", "--filter", f"label=com.docker.compose.project={project}",
                                "--format", "{{.Names}} {{.State}}").stdout
        finally:
            remove_compose_projects(project)
        results[tool] = (p.returncode, p.stdout, strip_logrus_time(p.stderr).replace(project, "<p>").replace(
            str(d), "<dir>"), states.replace(project, "<p>"))
    assert results["pydock"] == results["v2"]
    assert results["pydock"][0] == 1
