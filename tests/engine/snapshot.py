"""A frozen engine for differential tests whose answer would otherwise move under them: a unix socket that
answers `/_ping` and a fixed set of GET paths with recorded bodies (taken from the real daemon, or written by
the test), so docker and pydock format the very same answer and docker's output is the oracle.

    with FrozenEngine({"/system/df": body}) as eng:
        run_docker("-H", eng.host, "system", "df"); run_pydock("-H", eng.host, "system", "df")

Anything else is answered 404 with the daemon's JSON error, and recorded in `eng.requests`.
"""

from __future__ import annotations

import json
import os
import re
import socketserver
import tempfile
import threading
from http.server import BaseHTTPRequestHandler

API_VERSION = "1.41"
_VERSION = re.compile(r"^/v[0-9.]+")


class FrozenEngine:
    def __init__(self, answers: dict[str, object], api_version: str = API_VERSION):
        self.answers = answers
        self.requests: list[str] = []
        self._dir = tempfile.mkdtemp(prefix="pdfrozen")
        self.path = os.path.join(self._dir, "engine.sock")
        self.host = "unix://" + self.path
        engine = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _answer(self, head_only: bool) -> None:
                path = _VERSION.sub("", self.path.split("?", 1)[0])
                engine.requests.append(f"{self.command} {self.path}")
                if path == "/_ping":
                    body, status, ctype = b"OK", 200, "text/plain; charset=utf-8"
                elif path in engine.answers:
                    body, status, ctype = json.dumps(engine.answers[path]).encode() + b"\n", 200, "application/json"
                else:
                    body = json.dumps({"message": f"page not found: {path}"}).encode() + b"\n"
                    status, ctype = 404, "application/json"
                self.send_response(status)
                self.send_header("Api-Version", api_version)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head_only:
                    self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                self._answer(False)

            def do_HEAD(self):  # noqa: N802
                self._answer(True)

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

        self._server = Server(self.path, Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "FrozenEngine":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        try:
            os.unlink(self.path)
            os.rmdir(self._dir)
        except OSError:
            pass
