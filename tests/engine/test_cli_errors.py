"""Bad input at the command line and unreachable engines: docker's exit status, one clear line, no traceback."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.differential import assert_same


@pytest.mark.parametrize("args", [
    ("ps", "--bogus"), ("--bogus",), ("frobnicate",), ("container", "bogus"), ("images", "a", "b", "c"),
    ("inspect",), ("version", "--bogus"), ("ps", "-n"), ("container",), ("--context", "nosuch", "ps"),
    ("-H", "unix:///tmp/x", "--context", "default", "ps"),
])
def test_usage_errors_match_docker(args):
    if args == ("images", "a", "b", "c"):
        # docker 28 prints "SRun" in this one message (a typo in its format string); we print "Run".
        out = run_pydock(*args)
        assert out.returncode == 1
        assert out.stderr == ("pydock: 'pydock images' requires at most 1 argument\n\nUsage:  pydock images [OPTIONS] "
                              "[REPOSITORY[:TAG]]\n\nRun 'pydock images --help' for more information\n")
        return
    if args == ("container",):
        out = run_pydock(*args)
        assert out.returncode == 0 and "Usage:  pydock container COMMAND" in out.stdout
        return
    assert_same(*args)


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.mark.parametrize("host", ["unix:///nonexistent/docker.sock", "tcp://127.0.0.1:{port}", "bogus://x"])
def test_unreachable_hosts_match_docker(host):
    host = host.format(port=closed_port())
    out = assert_same("ps", env={"DOCKER_HOST": host})
    assert out.returncode == 1 and out.stderr.count("\n") == 1


def test_host_flag_unreachable():
    assert_same("-H", "unix:///nonexistent/docker.sock", "images")


@pytest.fixture
def not_docker():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><h1>Not Found</h1>\n<p>nothing here</p></body></html>\n")

        do_HEAD = do_GET

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_plain_http_server_that_is_not_docker(not_docker):
    # docker dumps the whole HTML page; we say what is wrong in one line, with docker's exit status.
    out = run_pydock("ps", env={"DOCKER_HOST": not_docker})
    assert out.returncode == 1
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert not_docker in out.stderr and "is this a Docker daemon" in out.stderr


def test_peer_closing_mid_response():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)

    def serve():
        for _ in range(6):
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.settimeout(10)
            head = b""
            while b"\r\n\r\n" not in head:  # the whole request: closing with bytes unread would be a reset
                chunk = conn.recv(4096)
                if not chunk:
                    break
                head += chunk
            conn.sendall(b"HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 500\r\n\r\n[{\"Id\":")
            conn.shutdown(socket.SHUT_WR)  # an orderly end of the stream (EOF), as a peer that goes away
            try:
                while conn.recv(4096):
                    pass
            except OSError:
                pass
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    env = {"DOCKER_HOST": f"tcp://127.0.0.1:{srv.getsockname()[1]}"}
    theirs, out = run_docker("ps", env=env), run_pydock("ps", env=env)
    srv.close()
    assert out.returncode == theirs.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    # docker's last line (before it, Go's http client logs the body that came with its HEAD /_ping)
    assert out.stderr == theirs.stderr.splitlines(True)[-1] == "unexpected EOF\n"


def test_debug_logs_requests_to_stderr_only():
    out = run_pydock("-D", "ps", "-q", "--filter", "label=pydock.none=1")
    assert out.returncode == 0 and out.stdout == ""
    assert "GET /v" in out.stderr and "/containers/json" in out.stderr
