"""`pydock __complete`: the stdlib-only entry point the completion scripts call for engine objects.
Which daemon it asks (docker's order), and that it never hangs nor prints an error into a command line."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from pydock.cli import _complete
from tests.conftest import ROOT


def store_context(config: str, name: str, host: str) -> None:
    d = os.path.join(config, "contexts", "meta", hashlib.sha256(name.encode()).hexdigest())
    os.makedirs(d)
    with open(os.path.join(d, "meta.json"), "w") as f:
        json.dump({"Name": name, "Metadata": {}, "Endpoints": {"docker": {"Host": host}}}, f)


@pytest.fixture
def env(tmp_path, monkeypatch):
    for var in ("DOCKER_HOST", "DOCKER_CONTEXT", "PYDOCK_COMPLETE_CONTEXT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    store_context(str(tmp_path), "remote", "unix:///remote.sock")
    store_context(str(tmp_path), "other", "tcp://10.0.0.1:2375")
    return monkeypatch


def test_local_socket_by_default(env):
    assert _complete._host() == "unix:///var/run/docker.sock"


def test_docker_host_then_docker_context_then_current_context(env, tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"currentContext": "other"}))
    assert _complete._host() == "tcp://10.0.0.1:2375"
    env.setenv("DOCKER_CONTEXT", "remote")
    assert _complete._host() == "unix:///remote.sock"
    env.setenv("DOCKER_HOST", "unix:///h.sock")
    assert _complete._host() == "unix:///h.sock"


def test_context_typed_on_the_line_wins(env):
    env.setenv("DOCKER_HOST", "unix:///h.sock")
    env.setenv("PYDOCK_COMPLETE_CONTEXT", "remote")
    assert _complete._host() == "unix:///remote.sock"
    env.setenv("PYDOCK_COMPLETE_CONTEXT", "default")
    assert _complete._host() == "unix:///var/run/docker.sock"


def test_an_unknown_context_or_a_tcp_daemon_is_not_asked(env):
    env.setenv("PYDOCK_COMPLETE_CONTEXT", "nope")
    assert _complete._socket_path() is None
    env.setenv("PYDOCK_COMPLETE_CONTEXT", "other")
    assert _complete._socket_path() is None and _complete._get("/containers/json") == []


def test_context_names_are_read_from_the_store(env, tmp_path):
    assert sorted(_complete.context_names()) == ["default", "other", "remote"]


@pytest.mark.parametrize("behaviour", ["silent", "trickle"])
def test_a_daemon_that_never_finishes_answering_gets_300_ms(tmp_path, env, behaviour):
    path = str(tmp_path / "d.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    stop = threading.Event()

    def serve():
        conn, _ = server.accept()
        with conn:
            while not stop.is_set():
                if behaviour == "trickle":
                    conn.sendall(b"H")
                time.sleep(0.05)

    threading.Thread(target=serve, daemon=True).start()
    env.setenv("DOCKER_HOST", f"unix://{path}")
    start = time.monotonic()
    try:
        assert _complete._get("/containers/json") == []
    finally:
        stop.set()
    assert time.monotonic() - start < 0.6


@pytest.mark.parametrize("argv", [["containers"], ["images"], ["nonsense"], [], ["--describe", "containers", "running"]])
def test_nothing_on_stderr_and_status_0_whatever_happens(argv, tmp_path):
    p = subprocess.run([sys.executable, "-m", "pydock", "__complete", *argv], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT), "DOCKER_HOST": "unix:///nonexistent.sock"})
    assert (p.returncode, p.stdout, p.stderr) == (0, "", "")


def test_loads_nothing_but_the_standard_library():
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "pydock", "__complete", "containers"],
                       capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT), "DOCKER_HOST": "unix:///nonexistent.sock"})
    mods = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in p.stderr.splitlines() if "|" in line}
    assert not mods & {"click", "httpx", "httpcore", "rich", "yaml"}, mods
