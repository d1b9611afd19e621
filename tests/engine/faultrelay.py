"""Fault-injecting relays for the fault matrix (tests/engine/test_fault_matrix.py).

`EngineRelay` is a unix-socket server (or, with `tcp=True`, a server on 127.0.0.1) in front of
/var/run/docker.sock. Point a client at it with `DOCKER_HOST=<relay.host>` (docker and pydock alike). Every request whose `METHOD /path` (the
`/vX.Y` prefix and the query stripped) matches the armed pattern gets the armed fault; every other request
(`/_ping`, inspect, create, ...) passes through untouched. Each relayed request gets `Connection: close`
(except upgrade requests), so one connection carries one request and the relay never has to find the end
of a request body: the client's side is piped through as it comes.

Faults (`Fault.kind`):

- `refused`  nothing listens: the socket file is bound but not listening (ECONNREFUSED), for every request;
- `head`     the request reaches the daemon; the connection is closed before any byte of the response head;
- `first`    the head is relayed, the connection closed at the first body byte;
- `half`     finite bodies: half the body is relayed (the daemon's whole body is read first); followed
             streams (`follow=True`): the first chunk (first read of a raw/hijacked stream) is relayed;
- `last`     finite bodies: everything but the last chunk (of a non-chunked body: the last byte);
- `error`    a chunked JSON stream gets `{"errorDetail":{"message":M},"error":M}` where `half` would cut,
             then ends cleanly as the daemon ends a stream after an error; any other body: as `half`;
- `stall`    the request reaches the daemon; nothing of the response is relayed, the connection stays
             open until the client goes away;
- `500`      the request never reaches the daemon: the relay answers `500 Internal Server Error` with the
             daemon's JSON error body `{"message": M}` in its place;
- `gone`     the daemon goes away as the request is sent: the request never reaches it, its connection is
             closed unanswered, and from then on every connection is refused (as `refused`). `refused`
             cannot single out one request (a connection is accepted before its request can be read);
             `gone` is the refusal of a command's later request: everything before it passed;
- `cut`      the response (head included) is relayed up to `cut_after` bytes, then both sides are closed
             (a daemon that dies, or a proxy that drops, in the middle of a long stream).

`RegistryRelay` is a TCP relay in front of a registry that dies in the middle of a layer: a blob body
(GET for pull, PATCH/PUT for push) is cut after `cut_after` bytes and the relay stops listening.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from dataclasses import dataclass

DOCKER_SOCKET = "/var/run/docker.sock"
KINDS = ("refused", "head", "first", "half", "last", "error", "stall", "500", "gone", "cut")
_VERSION = re.compile(r"^/v\d+\.\d+(?=/)")


@dataclass
class Fault:
    pattern: str  # a regex searched in "METHOD /path"
    kind: str
    follow: bool = False  # the response body is a followed stream (no end to wait for)
    message: str = "injected fault: the daemon failed mid-stream"
    cut_after: int = 256 * 1024  # `cut`: the response bytes relayed before the cut

    def matches(self, key: str) -> bool:
        return re.search(self.pattern, key) is not None


def _close(*socks: socket.socket) -> None:
    for s in socks:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            s.close()
        except OSError:
            pass


def _relay_body(src: socket.socket, dst: socket.socket, buf: bytearray, left: int, cut_at: int | None,
                gone: str) -> int | None:
    """Copy a body of `left` bytes (what `buf` already holds first, then from `src`) to `dst`; with `cut_at`,
    send only that many bytes and return None (the caller then cuts the connection). Returns the bytes sent."""
    sent = 0
    while left > 0:
        if not buf:
            data = src.recv(65536)
            if not data:
                raise OSError(gone)
            buf += data
        piece = bytes(buf[:left])
        del buf[: len(piece)]
        if cut_at is not None and sent + len(piece) >= cut_at:
            dst.sendall(piece[: cut_at - sent])
            return None
        dst.sendall(piece)
        sent += len(piece)
        left -= len(piece)
    return sent


def _read_head(sock: socket.socket, buf: bytearray) -> bytes | None:
    """The bytes up to and including CRLFCRLF (removed from `buf`), None at EOF first."""
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            head = bytes(buf[: end + 4])
            del buf[: end + 4]
            return head
        data = sock.recv(65536)
        if not data:
            return None
        buf += data


def _cut_off(client: socket.socket, up: socket.socket, pipe: threading.Thread | None = None) -> None:
    """End the client's connection as a daemon that goes away does: an orderly close (FIN), never a reset. A
    socket closed with bytes of the client's unread makes the kernel answer with RST, and a client that reads
    the RST before the bytes already sent sees `connection reset by peer` instead of the end of the stream;
    which one it sees is a race. So the client's side is half-closed first, and what it still sends is read
    (by the request pipe while it runs, here otherwise) until it closes or 2 s pass."""
    try:
        client.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    if pipe is not None and pipe.is_alive():
        pipe.join(2.0)
    else:
        _drain(client, 2.0)
    _close(client, up)


def _drain(sock: socket.socket, seconds: float) -> None:
    """Read and drop what `sock` still sends until it closes or `seconds` pass."""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            if not sock.recv(65536):
                return
    except OSError:
        pass


def _pipe(src: socket.socket, dst: socket.socket, first: bytes = b"") -> None:
    """Copy src to dst until EOF, passing the EOF on as a half-close."""
    try:
        if first:
            dst.sendall(first)
        while True:
            data = src.recv(65536)
            if not data:
                dst.shutdown(socket.SHUT_WR)
                return
            dst.sendall(data)
    except OSError:  # dst is gone: what src still sends is dropped, so closing src is no reset (_cut_off)
        _drain(src, 2.0)
        _close(src, dst)


def _thread(target, *args) -> threading.Thread:
    t = threading.Thread(target=target, args=args, daemon=True)
    t.start()
    return t


class EngineRelay:
    def __init__(self, directory: str | None = None, upstream: str = DOCKER_SOCKET, *, tcp: bool = False):
        """A unix socket `relay.sock` in `directory`, or with `tcp` a port on 127.0.0.1."""
        self.tcp = tcp
        self.path = None if tcp else os.path.join(directory, "relay.sock")
        self.port = 0
        self.upstream = upstream
        self.fault: Fault | None = None
        self.hits: list[str] = []  # "METHOD /path" of every request a fault was applied to
        self.seen: list[str] = []
        self.cuts = 0  # `cut` faults that did cut a response
        self._lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        self._server: socket.socket | None = None
        self._closed = threading.Event()
        self.listen()

    @property
    def host(self) -> str:
        return f"tcp://127.0.0.1:{self.port}" if self.tcp else f"unix://{self.path}"

    # -- arming ---------------------------------------------------------------------------------------
    def arm(self, fault: Fault | None) -> None:
        with self._lock:
            self.fault = fault
            self.hits = []
            self.seen = []
        if fault is not None and fault.kind == "refused":
            self.refuse()
        elif self._server is None:
            self.listen()

    def listen(self) -> None:
        self._unbind()
        if self.tcp:
            server = socket.create_server(("127.0.0.1", self.port), backlog=64)
            self.port = server.getsockname()[1]
        else:
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(self.path)
            server.listen(64)
        self._server = server
        _thread(self._accept, server)

    def refuse(self) -> None:
        """A socket file nobody listens on (a TCP port nobody listens on): connect() fails with ECONNREFUSED."""
        self._unbind()
        if self.tcp:
            return
        dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        dead.bind(self.path)
        self._dead = dead

    def _unbind(self) -> None:
        if self._server is not None:
            _close(self._server)
            self._server = None
        dead = getattr(self, "_dead", None)
        if dead is not None:
            dead.close()
            self._dead = None
        if self.path is None:
            return
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def close(self) -> None:
        self._closed.set()
        self._unbind()
        with self._lock:
            conns = list(self._conns)
        _close(*conns)

    # -- connections ----------------------------------------------------------------------------------
    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            _thread(self._handle, client)

    def _track(self, *socks: socket.socket) -> None:
        with self._lock:
            self._conns.update(socks)

    def _handle(self, client: socket.socket) -> None:
        up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._track(client, up)
        try:
            buf = bytearray()
            head = _read_head(client, buf)
            if head is None:
                _close(client, up)
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target = (lines[0].split(" ") + ["", ""])[:2]
            key = f"{method} {_VERSION.sub('', target.split('?', 1)[0])}"
            upgrade = any(line.lower().startswith("upgrade:") for line in lines[1:])
            if not upgrade:
                lines = [ln for ln in lines if not ln.lower().startswith("connection:")]
                lines.insert(1, "Connection: close")
            with self._lock:
                self.seen.append(key)
                fault = self.fault if self.fault is not None and self.fault.matches(key) else None
                if fault is not None:
                    self.hits.append(key)
            if fault is not None and fault.kind in ("500", "gone"):  # the daemon never sees the request
                _close(up)
                self._answer_instead(fault, client)
                return
            up.connect(self.upstream)
            up.sendall("\r\n".join(lines).encode("latin-1"))
            pipe = _thread(_pipe, client, up, bytes(buf))
            if fault is None:
                _pipe(up, client)
            else:
                self._inject(fault, client, up, pipe)
        except OSError:
            _close(client, up)

    def _answer_instead(self, fault: Fault, client: socket.socket) -> None:
        """`gone`: the connection closes unanswered and the relay refuses from now on; `500`: the daemon's
        error answer. The client's request body is read and dropped until it goes away (closing with
        unread bytes would reset the connection before the client reads the answer)."""
        if fault.kind == "gone":
            self.refuse()
            _cut_off(client, client)  # an orderly close: the request body may still be unread (a reset races)
            return
        body = json.dumps({"message": fault.message}).encode() + b"\n"
        head = ("HTTP/1.1 500 Internal Server Error\r\nApi-Version: 1.51\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        try:
            client.sendall(head + body)
            client.shutdown(socket.SHUT_WR)
            client.settimeout(5)
            while client.recv(65536):
                pass
        except OSError:
            pass
        _close(client)

    def _inject(self, fault: Fault, client: socket.socket, up: socket.socket, pipe: threading.Thread) -> None:
        if fault.kind == "cut":
            left = fault.cut_after
            try:
                while left > 0:
                    data = up.recv(min(65536, left))
                    if not data:
                        client.shutdown(socket.SHUT_WR)
                        return
                    client.sendall(data)
                    left -= len(data)
                self.cuts += 1
            except OSError:
                pass
            _cut_off(client, up, pipe)
            return
        if fault.kind == "stall":
            # nothing of the response is relayed; the connection stays open until the client closes its side
            # (the request pipe ends) or the relay closes
            while pipe.is_alive() and not self._closed.is_set():
                pipe.join(0.1)
            _close(client, up)
            return
        buf = bytearray()
        head = _read_head(up, buf)
        if head is None or fault.kind == "head":
            _cut_off(client, up, pipe)
            return
        client.sendall(head)
        if fault.kind == "first":
            _cut_off(client, up, pipe)
            return
        headers = head.decode("latin-1").lower()
        chunked = "transfer-encoding: chunked" in headers
        json_stream = chunked and "application/json" in headers
        if fault.follow:
            pieces = self._first_piece(up, buf, chunked)
        else:
            pieces = self._whole_body(up, buf, chunked)
            if json_stream:  # cut between messages, wherever the daemon's chunks fall
                pieces = [m for m in re.split(rb"(?<=\n)", b"".join(pieces)) if m]
        if fault.kind == "error" and json_stream and not fault.follow:
            cut = ((len(pieces) + 1) // 2, 0)  # after the first half of the messages
        else:
            cut = self._cut_point(fault, pieces)
        out = bytearray()
        for p in pieces[:cut[0]]:
            out += self._frame(p, chunked)
        if cut[1]:
            out += self._frame(pieces[cut[0]][: cut[1]], chunked)
        if fault.kind == "error" and json_stream:
            msg = json.dumps({"errorDetail": {"message": fault.message}, "error": fault.message}).encode() + b"\r\n"
            out += self._frame(msg, True) + b"0\r\n\r\n"
        try:
            client.sendall(bytes(out))
        except OSError:
            pass
        _cut_off(client, up, pipe)

    @staticmethod
    def _frame(piece: bytes, chunked: bool) -> bytes:
        if not chunked or not piece:
            return piece
        return b"%x\r\n" % len(piece) + piece + b"\r\n"

    @staticmethod
    def _cut_point(fault: Fault, pieces: list[bytes]) -> tuple[int, int]:
        """(whole pieces relayed, bytes of the next piece relayed)."""
        if fault.follow:
            return (1, 0) if pieces else (0, 0)
        if fault.kind == "last":
            if len(pieces) > 1:
                return len(pieces) - 1, 0
            return (0, max(len(pieces[0]) - 1, 0)) if pieces else (0, 0)
        total = sum(len(p) for p in pieces)
        half, n = total // 2, 0
        for i, p in enumerate(pieces):
            if n + len(p) > half:
                return i, half - n
            n += len(p)
        return len(pieces), 0

    @staticmethod
    def _first_piece(up: socket.socket, buf: bytearray, chunked: bool) -> list[bytes]:
        if not chunked:
            while not buf:
                data = up.recv(65536)
                if not data:
                    break
                buf += data
            return [bytes(buf)] if buf else []
        pieces = EngineRelay._chunks(up, buf, limit=1)
        return pieces

    @staticmethod
    def _whole_body(up: socket.socket, buf: bytearray, chunked: bool) -> list[bytes]:
        if chunked:
            return EngineRelay._chunks(up, buf, limit=None)
        pieces = [bytes(buf)] if buf else []
        while True:
            data = up.recv(65536)
            if not data:
                return pieces
            pieces.append(data)

    @staticmethod
    def _chunks(up: socket.socket, buf: bytearray, limit: int | None) -> list[bytes]:
        """Decoded chunk payloads, up to `limit` of them or to the last chunk."""
        pieces: list[bytes] = []

        def need(n: int) -> bool:
            while len(buf) < n:
                data = up.recv(65536)
                if not data:
                    return False
                buf.extend(data)
            return True

        while limit is None or len(pieces) < limit:
            while b"\r\n" not in buf:
                data = up.recv(65536)
                if not data:
                    return pieces
                buf.extend(data)
            nl = buf.find(b"\r\n")
            size = int(bytes(buf[:nl]).split(b";")[0], 16)
            del buf[: nl + 2]
            if size == 0:
                return pieces
            if not need(size + 2):
                return pieces
            pieces.append(bytes(buf[:size]))
            del buf[: size + 2]
        return pieces


class RegistryRelay:
    """127.0.0.1:<port> -> the registry at `upstream`; the first blob transfer (GET .../blobs/sha256:...
    answered 200, or a PATCH/PUT of an upload) is cut after `cut_after` body bytes, and then the relay stops
    listening: the registry has died mid-layer."""

    def __init__(self, port: int = 0, upstream: tuple[str, int] = ("127.0.0.1", 5000), cut_after: int = 64 * 1024,
                 revive_after: float | None = None):
        self.upstream, self.cut_after, self.revive_after = upstream, cut_after, revive_after
        self.server = socket.create_server(("127.0.0.1", port))
        self.port = self.server.getsockname()[1]
        self.died = threading.Event()  # set once the cut happened
        self.cuts = 0
        self._armed = True
        self._conns: list[socket.socket] = []
        _thread(self._accept, self.server)

    def arm(self) -> None:
        """Cut the next blob transfer again."""
        self.died.clear()
        self._armed = True

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            _thread(self._handle, client)

    def _die(self) -> None:
        """Everything closes; with `revive_after`, the registry listens again that much later (and the next
        transfers pass), as a registry that restarts."""
        self._armed = False
        self.cuts += 1
        self.died.set()
        _close(self.server, *self._conns)
        self._conns = []
        if self.revive_after is not None:
            def revive():
                time.sleep(self.revive_after)
                self.server = socket.create_server(("127.0.0.1", self.port))
                _thread(self._accept, self.server)
            _thread(revive)

    def _handle(self, client: socket.socket) -> None:
        try:
            first = client.recv(1, socket.MSG_PEEK)
        except OSError:
            first = b""
        if first in (b"", b"\x16"):  # a TLS hello (the daemon tries https first): a plain-HTTP registry refuses
            _close(client)
            return
        up = socket.create_connection(self.upstream)
        self._conns += [client, up]
        if not self._armed:  # the cut is done: plain relaying
            _thread(_pipe, client, up)
            _pipe(up, client)
            return
        buf = bytearray()
        try:
            while True:  # one request at a time on a kept-alive connection
                head = _read_head(client, buf)
                if head is None:
                    break
                line = head.split(b"\r\n", 1)[0].decode("latin-1")
                method, target = line.split(" ")[:2]
                blob_up = self._armed and method in ("PATCH", "PUT") and "/blobs/uploads/" in target
                blob_down = self._armed and method == "GET" and "/blobs/sha256:" in target
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                up.sendall(head)
                # the request body (a pushed layer)
                sent = _relay_body(client, up, buf, int(length.group(1)) if length else 0,
                                   self.cut_after if blob_up else None, "client gone")
                if sent is None:
                    self._die()
                    return
                if "chunked" in head.decode("latin-1").lower() and blob_up:
                    # a chunked upload: relay raw bytes until the cut
                    while sent < self.cut_after:
                        data = bytes(buf) or client.recv(65536)
                        buf.clear()
                        if not data:
                            break
                        up.sendall(data)
                        sent += len(data)
                    self._die()
                    return
                if self._response(client, up, blob_down):
                    return
        except OSError:
            pass
        _close(client, up)

    def _response(self, client: socket.socket, up: socket.socket, blob_down: bool) -> bool:
        """Relay one response; True when the relay died in it."""
        buf = bytearray()
        head = _read_head(up, buf)
        if head is None:
            raise OSError("registry gone")
        text = head.decode("latin-1")
        client.sendall(head)
        length = re.search(r"(?im)^content-length:\s*(\d+)", text)
        status = text.split(" ", 2)[1]
        left = int(length.group(1)) if length else 0
        cut = blob_down and status == "200" and left > self.cut_after
        if _relay_body(up, client, buf, left, self.cut_after if cut else None, "registry gone") is None:
            time.sleep(0.05)
            self._die()
            return True
        return False

    def close(self) -> None:
        self.revive_after = None
        self._die()
