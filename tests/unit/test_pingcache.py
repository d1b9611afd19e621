"""The ping cache (pydock/engine/pingcache.py) through Engine, at the HTTP level: a real socket file gives
the key its identity, httpx.MockTransport plays the daemon."""

import json
import os
import socket

import pytest

from pydock.config import Endpoint
from pydock.engine import pingcache
from pydock.engine._httpx import httpx
from pydock.engine.client import Engine


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pydock" / "ping.json"


def bind(path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    return sock


class Daemon:
    """Answers /_ping and every request with its API version, as dockerd's version middleware does; a
    request for a newer version than its own is refused with 400 before anything happens."""

    def __init__(self, version="1.41"):
        self.version, self.calls = version, []

    def __call__(self, request):
        self.calls.append(f"{request.method} {request.url.path}")
        headers = {"Api-Version": self.version, "Ostype": "linux"}
        if request.url.path == "/_ping":
            return httpx.Response(200, headers=headers, text="OK")
        asked = request.url.path.split("/")[1][1:]
        if tuple(map(int, asked.split("."))) > tuple(map(int, self.version.split("."))):
            return httpx.Response(400, headers=headers, json={
                "message": f"client version {asked} is too new. Maximum supported API version is {self.version}"})
        if request.content:
            request.read()
        return httpx.Response(200, headers=headers, json={"path": request.url.path})


def engine(sock_path, daemon):
    return Engine(Endpoint(f"unix://{sock_path}"), transport=httpx.MockTransport(daemon))


def test_the_second_command_on_the_same_socket_sends_no_ping(tmp_path, cache):
    path = tmp_path / "d.sock"
    sock = bind(path)
    daemon = Daemon()
    assert engine(path, daemon).get("/info") == {"path": "/v1.41/info"}
    eng = engine(path, daemon)
    assert eng.get("/info") == {"path": "/v1.41/info"}
    assert daemon.calls == ["HEAD /_ping", "GET /v1.41/info", "GET /v1.41/info"]
    assert eng.ping_headers["ostype"] == "linux"  # what run reads from the ping, cached too
    assert list(json.loads(cache.read_text()).values()) == [
        {"api-version": "1.41", "ostype": "linux"}]
    sock.close()


def test_a_new_socket_at_the_same_path_is_another_daemon(tmp_path, cache):
    path = tmp_path / "d.sock"
    bind(path).close()
    engine(path, Daemon()).get("/info")
    os.unlink(path)
    bind(path).close()  # the daemon started again: a new socket file
    daemon = Daemon("1.40")
    assert engine(path, daemon).get("/info") == {"path": "/v1.40/info"}
    assert daemon.calls == ["HEAD /_ping", "GET /v1.40/info"]


def test_a_daemon_downgraded_behind_the_same_socket_is_pinged_and_asked_again(tmp_path, cache):
    path = tmp_path / "d.sock"
    bind(path)
    engine(path, Daemon("1.45")).get("/info")
    daemon = Daemon("1.41")  # socket activation: the socket outlived the daemon
    assert engine(path, daemon).post("/containers/x/stop") == {"path": "/v1.41/containers/x/stop"}
    assert daemon.calls == ["POST /v1.45/containers/x/stop", "HEAD /_ping", "POST /v1.41/containers/x/stop"]
    assert list(json.loads(cache.read_text()).values())[0]["api-version"] == "1.41"
    with engine(path, daemon).stream("GET", "/events") as resp:  # streams too
        assert resp.status_code == 200
    assert daemon.calls[-1] == "GET /v1.41/events"


def test_a_daemon_upgraded_behind_the_same_socket_drops_the_entry(tmp_path, cache):
    path = tmp_path / "d.sock"
    bind(path)
    engine(path, Daemon("1.41")).get("/info")
    daemon = Daemon("1.45")
    assert engine(path, daemon).get("/info") == {"path": "/v1.41/info"}  # valid, older: as DOCKER_API_VERSION
    assert json.loads(cache.read_text()) == {}
    assert engine(path, daemon).get("/info") == {"path": "/v1.45/info"}
    assert daemon.calls == ["GET /v1.41/info", "HEAD /_ping", "GET /v1.45/info"]


def test_a_streamed_request_body_is_never_sent_on_a_cached_version(tmp_path, cache):
    path = tmp_path / "d.sock"
    bind(path)
    engine(path, Daemon()).get("/info")
    daemon = Daemon()
    engine(path, daemon).request("POST", "/images/load", content=iter([b"tar"]))
    assert daemon.calls == ["HEAD /_ping", "POST /v1.41/images/load"]


def test_pinned_versions_tcp_and_unwritable_caches_use_no_cache(tmp_path, cache):
    path = tmp_path / "d.sock"
    bind(path)
    daemon = Daemon()
    Engine(Endpoint(f"unix://{path}"), api_version="1.40", transport=httpx.MockTransport(daemon)).get("/info")
    Engine(Endpoint("tcp://127.0.0.1:1"), transport=httpx.MockTransport(daemon)).get("/info")
    assert not cache.exists()
    cache.parent.parent.mkdir(parents=True)
    cache.parent.write_text("a file where the directory should be")
    engine(path, daemon).get("/info")
    engine(path, daemon).get("/info")
    assert daemon.calls == ["GET /v1.40/info", "HEAD /_ping", "GET /v1.41/info"] + ["HEAD /_ping", "GET /v1.41/info"] * 2


def test_a_garbage_cache_file_is_no_cache(tmp_path, cache):
    path = tmp_path / "d.sock"
    bind(path)
    cache.parent.mkdir(parents=True)
    for text in ("{", "[]", json.dumps({pingcache.key(Endpoint(f"unix://{path}")): {"api-version": 5}})):
        cache.write_text(text)
        daemon = Daemon()
        assert engine(path, daemon).get("/info") == {"path": "/v1.41/info"}
        assert daemon.calls[0] == "HEAD /_ping"
