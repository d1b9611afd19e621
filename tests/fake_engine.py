"""A tiny stand-in daemon on a unix socket, serving recorded Engine API answers.

Both `docker -H unix://<path>` and `pydock -H unix://<path>` can be pointed at it, so docker's own output
for a recorded answer is the oracle for pydock's (search results from Docker Hub, a build-cache prune
that deleted something, plugins: answers the real daemon here cannot give). Every request is recorded,
so a test can also check that both clients asked the same question.
"""

from __future__ import annotations

import json
import os
import socketserver
import tempfile
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

API_VERSION = "1.41"


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class FakeEngine:
    """`routes` maps (method, path without the /v1.xx prefix) to (status, body) or (status, body, headers):
    a JSON-able body is sent as JSON, bytes as they are (a progress stream)."""

    def __init__(self, routes: dict[tuple[str, str], tuple[int, object]]):
        self.routes = routes
        self.requests: list[tuple[str, str, dict]] = []  # (method, path?query without the version, headers)
        self.bodies: list[bytes] = []  # each request's body, in the same order
        self.dir = tempfile.mkdtemp(prefix="pydock-fake-engine-")
        self.path = os.path.join(self.dir, "docker.sock")
        self.host = f"unix://{self.path}"
        engine = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self, method: str):
                body_in = b""
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    body_in = self.rfile.read(length)
                elif self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        chunk = self.rfile.read(size + 2)[:size]
                        if not size:
                            break
                        body_in += chunk
                url = urlsplit(self.path)
                path = url.path
                if path.startswith("/v1."):
                    path = "/" + path.split("/", 2)[2]
                if path != "/_ping":
                    query = f"?{url.query}" if url.query else ""
                    engine.requests.append((method, path + query, dict(self.headers)))
                    engine.bodies.append(body_in)
                if path == "/_ping":
                    status, body, ctype, extra = 200, b"OK", "text/plain; charset=utf-8", {}
                elif (method, path) in engine.routes:
                    status, data, *more = engine.routes[(method, path)]
                    extra = more[0] if more else {}
                    if isinstance(data, bytes):
                        body, ctype = data, "application/json"
                    else:
                        body, ctype = json.dumps(data).encode() + b"\n", "application/json"
                else:
                    status, ctype, extra = 404, "application/json", {}
                    body = json.dumps({"message": f"page not found: {path}"}).encode() + b"\n"
                self.send_response(status)
                self.send_header("Api-Version", API_VERSION)
                self.send_header("Docker-Experimental", "false")
                self.send_header("Ostype", "linux")
                self.send_header("Server", "Docker/20.10.24 (linux)")
                self.send_header("Content-Type", ctype)
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if method != "HEAD":
                    self.wfile.write(body)

            def do_GET(self):
                self._answer("GET")

            def do_HEAD(self):
                self._answer("HEAD")

            def do_POST(self):
                self._answer("POST")

            def do_PUT(self):
                self._answer("PUT")

            def do_DELETE(self):
                self._answer("DELETE")

        self.server = _Server(self.path, Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeEngine":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        try:
            os.unlink(self.path)
            os.rmdir(self.dir)
        except OSError:
            pass
