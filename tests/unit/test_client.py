"""Engine client behaviour at the HTTP level (httpx.MockTransport): negotiation and error typing.

Only error paths and protocol details live here; real behaviour is in tests/engine.
"""

import pytest

from pydock.config import Endpoint
from pydock.engine._httpx import httpx
from pydock.engine.client import Engine, encode_query
from pydock.errors import Conflict, ConnectionCut, DaemonError, EngineUnavailable, InvalidParameter, NotFound, PydockError


def engine_with(handler, api_version=None):
    calls = []

    def record(request):
        calls.append(request)
        return handler(request)

    eng = Engine(Endpoint("unix:///x.sock"), api_version=api_version, transport=httpx.MockTransport(record))
    return eng, calls


def ping_ok(version="1.41"):
    def handler(request):
        if request.url.path == "/_ping":
            return httpx.Response(200, headers={"Api-Version": version}, text="OK")
        return httpx.Response(200, json={"path": request.url.path})
    return handler


@pytest.mark.parametrize("server, used", [("1.41", "1.41"), ("1.50", "1.50"), ("1.99", "1.50"), ("1.9", "1.9")])
def test_negotiates_down_never_up(server, used):
    eng, calls = engine_with(ping_ok(server))
    assert eng.get("/containers/json") == {"path": f"/v{used}/containers/json"}
    assert calls[0].method == "HEAD" and calls[0].url.path == "/_ping"


def test_pings_once_per_process():
    eng, calls = engine_with(ping_ok())
    eng.get("/a")
    eng.get("/b")
    assert [c.url.path for c in calls] == ["/_ping", "/v1.41/a", "/v1.41/b"]


def test_pinned_version_skips_negotiation():
    eng, calls = engine_with(ping_ok("1.41"), api_version="1.30")
    eng.get("/info")
    assert [c.url.path for c in calls] == ["/v1.30/info"]


def test_missing_api_version_header_means_1_24():
    def handler(request):
        if request.url.path == "/_ping":
            return httpx.Response(200, text="OK")
        return httpx.Response(200, json={})
    eng, calls = engine_with(handler)
    eng.get("/info")
    assert calls[-1].url.path == "/v1.24/info"
    assert [c.method for c in calls[:2]] == ["HEAD", "GET"]


def test_host_header_and_user_agent_on_unix_socket():
    eng, calls = engine_with(ping_ok())
    eng.get("/info")
    assert calls[-1].headers["host"] == "api.moby.localhost"
    assert calls[-1].headers["user-agent"].startswith("pydock/")


def error_handler(status, **kw):
    def handler(request):
        if request.url.path == "/_ping":
            return httpx.Response(200, headers={"Api-Version": "1.41"}, text="OK")
        return httpx.Response(status, **kw)
    return handler


@pytest.mark.parametrize("status, cls", [(404, NotFound), (409, Conflict), (400, InvalidParameter), (500, DaemonError)])
def test_errors_typed_by_status_not_text(status, cls):
    eng, _ = engine_with(error_handler(status, json={"message": "No such container: x"}))
    with pytest.raises(cls) as e:
        eng.get("/containers/x/json")
    assert str(e.value) == "Error response from daemon: No such container: x"
    assert e.value.status == status


def test_non_json_error_body_is_used_raw():
    eng, _ = engine_with(error_handler(500, text="plain failure\n", headers={"Content-Type": "text/plain"}))
    with pytest.raises(DaemonError, match="^Error response from daemon: plain failure$"):
        eng.get("/info")


def test_empty_error_body():
    eng, _ = engine_with(error_handler(404, content=b""))
    with pytest.raises(NotFound) as e:
        eng.get("/nowhere")
    # Go's client prints this line alone (no "Error response from daemon: "), with its own URL for the
    # socket: docker 28 against Podman's empty 404 for `top`/`stats` of a missing container
    assert str(e.value) == ("request returned 404 Not Found for API route and version "
                            "http://%2Fx.sock/v1.41/nowhere, check if the server supports the requested API version")


def test_peer_that_is_not_a_daemon():
    eng, _ = engine_with(lambda request: httpx.Response(404, text="<html>nope</html>"))
    with pytest.raises(PydockError) as e:
        eng.get("/info")
    assert "\n" not in str(e.value)
    assert "is this a Docker daemon" in str(e.value)


def test_connection_errors_become_docker_message():
    def handler(request):
        raise httpx.ConnectError("[Errno 111] Connection refused")
    eng, _ = engine_with(handler)
    with pytest.raises(EngineUnavailable) as e:
        eng.get("/info")
    assert str(e.value) == "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?"


def test_peer_closing_mid_response_is_one_line():
    """A body cut short is Go's io.ErrUnexpectedEOF, as docker prints it."""
    def handler(request):
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")
    eng, _ = engine_with(handler, api_version="1.41")
    with pytest.raises(ConnectionCut) as e:
        eng.get("/info")
    assert str(e.value) == "unexpected EOF"


def test_peer_closing_before_the_response_head_names_the_request_as_go_does():
    def handler(request):
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
    eng, _ = engine_with(handler, api_version="1.41")
    with pytest.raises(EngineUnavailable) as e:
        eng.post("/containers/a b/wait", {"condition": "next-exit"})
    assert str(e.value) == ('error during connect: Post "http://%2Fx.sock/v1.41/containers/a%20b/wait'
                            '?condition=next-exit": EOF')


def test_query_encoding_sorted_like_go():
    assert encode_query({"size": True, "all": True, "limit": None, "filters": {"status": {"exited": True}}}) == (
        "?all=1&filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D&size=1")
    assert encode_query({"all": False}) == ""
    # several values of one key, as Go's url.Values sends them (`docker save a b` -> names=a&names=b)
    assert encode_query({"names": ("busybox:1", "b"), "z": 1}) == "?names=busybox%3A1&names=b&z=1"
    assert encode_query({"names": ()}) == ""
    assert encode_query([("t", "a:1"), ("t", "b"), ("q", "1")]) == "?t=a%3A1&t=b&q=1"  # pairs: as given


def test_body_is_json_with_content_type():
    eng, calls = engine_with(ping_ok())
    eng.post("/containers/create", {"name": "x"}, {"Image": "busybox"})
    req = calls[-1]
    assert req.headers["content-type"] == "application/json"
    assert req.url.query == b"name=x"
    assert req.content == b'{"Image": "busybox"}'


def test_reset_mid_response_is_gos_words(tmp_path):
    """A daemon whose connection resets after the response head: Go's words (`read unix @->PATH: read: connection
    reset by peer` after the request's name), not Python's `[Errno 104]`. A unix socket closed with bytes of the
    peer's unread reports ECONNRESET to the peer: the server here never reads the request."""
    import socket
    import threading
    import time

    path = str(tmp_path / "d.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)

    def serve():
        conn, _ = server.accept()
        time.sleep(0.3)  # the request arrives, unread
        conn.sendall(b"HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 100\r\n\r\n{")
        conn.close()

    threading.Thread(target=serve, daemon=True).start()
    eng = Engine(Endpoint(f"unix://{path}"), api_version="1.41")
    with pytest.raises(PydockError) as info:
        eng.get("/containers/json")
    assert str(info.value) == (f'error during connect: Get "http://{path.replace("/", "%2F")}/v1.41/containers/json": '
                               f"read unix @->{path}: read: connection reset by peer")
    server.close()
