"""Long streamed responses read straight off the socket, for throughput.

The daemon sends a container's log as HTTP chunks, one per log line. httpx (through h11) turns every
chunk into an event object: about 45 µs a line, so a log of a million lines took 20 s where docker
takes 6. This reader sends one GET/POST, parses the status line and headers, and then decodes the
chunked body in large reads (256 KiB), handing out everything a read completed as one bytes object.

It is used only for bodies that can be huge (logs); every other call goes through httpx. Connection
setup mirrors `transport.make_transport`: unix socket, plain tcp, tcp with the same TLS context, or a
new ssh process (engine/ssh).
"""

from __future__ import annotations

import socket
from typing import Iterator
from urllib.parse import urlsplit

from ..config import Endpoint
from ..errors import ConnectionCut, EngineUnavailable, StreamError

READ_SIZE = 1 << 18
MAX_HEADER = 1 << 16


class RawResponse:
    """Status, headers (lower-case names) and a body iterator over one dedicated connection."""

    def __init__(self, sock: socket.socket, host: str, request: str = ""):
        self._sock = sock
        self._host = host
        self._request = request  # Go's name for the request, `Get "http://..."`, for errors
        self._buf = bytearray()
        self.status_code = 0
        self.reason_phrase = ""
        self.headers: dict[str, str] = {}

    # -- the response head ------------------------------------------------------------------------
    def read_head(self) -> None:
        while True:
            end = self._buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            if len(self._buf) > MAX_HEADER:
                raise StreamError(f"error during connect: {self._host}: response headers too long")
            if not self._recv():
                raise EngineUnavailable(f"error during connect: {self._request or self._host}: EOF")
        head = bytes(self._buf[:end]).decode("latin-1").split("\r\n")
        del self._buf[: end + 4]
        parts = head[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise EngineUnavailable(f"error during connect: {self._host}: malformed HTTP response {head[0][:60]!r} "
                                    "(is this a Docker daemon?)")
        self.status_code = int(parts[1])
        self.reason_phrase = parts[2] if len(parts) > 2 else ""
        for line in head[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()

    # -- the body ---------------------------------------------------------------------------------
    def iter_bytes(self) -> Iterator[bytes]:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            return self._chunked()
        length = self.headers.get("content-length")
        return self._sized(int(length)) if length is not None and length.isdigit() else self._until_close()

    iter_raw = iter_bytes  # the name httpx uses, so Engine.iter_bytes serves both kinds

    def read(self) -> bytes:
        return b"".join(self.iter_bytes())

    def close(self) -> None:
        try:
            self._sock.close()
        except OSError:
            pass

    def _recv(self) -> int:
        try:
            data = self._sock.recv(READ_SIZE)
        except OSError as e:
            raise EngineUnavailable(f"error during connect: {self._host}: {e.strerror or e}") from None
        self._buf += data
        return len(data)

    def _chunked(self) -> Iterator[bytes]:
        """Each read's complete chunks joined into one piece; a chunk larger than what has arrived is
        handed out in parts, so memory stays bounded by READ_SIZE whatever the chunk sizes. A log sends
        one chunk per line: the common case, a whole chunk in the buffer, takes the short path."""
        buf = self._buf
        find = buf.find
        remaining = 0  # payload bytes of the current chunk still to come
        need_crlf = False  # the CRLF that ends a chunk's payload is still to come
        while True:
            pos, pieces, n = 0, [], len(buf)
            append = pieces.append
            while True:
                if remaining:
                    take = min(remaining, n - pos)
                    if take:
                        append(buf[pos : pos + take])
                        pos += take
                        remaining -= take
                    if remaining:
                        break
                    need_crlf = True
                if need_crlf:
                    if n - pos < 2:
                        break
                    if buf[pos] != 13 or buf[pos + 1] != 10:
                        raise self._malformed()
                    pos += 2
                    need_crlf = False
                nl = find(b"\r\n", pos)
                if nl < 0:
                    break
                try:
                    size = int(buf[pos:nl], 16)
                except ValueError:
                    size = self._chunk_size(buf[pos:nl])  # with an extension (`1f;name=value`)
                if size <= 0:
                    if size < 0:
                        raise self._malformed()
                    if pieces:
                        yield b"".join(pieces)
                    return  # the daemon sends no trailers, and the connection is ours alone
                start = nl + 2
                end = start + size
                if end + 2 <= n:  # the whole chunk and its CRLF are here
                    if buf[end] != 13 or buf[end + 1] != 10:
                        raise self._malformed()
                    append(buf[start:end])
                    pos = end + 2
                    continue
                pos = start
                remaining = size
            if pieces:
                yield b"".join(pieces)
            del buf[:pos]
            if not self._recv():
                raise ConnectionCut()

    def _chunk_size(self, line: bytearray) -> int:
        try:
            return int(bytes(line).split(b";", 1)[0], 16)
        except ValueError:
            raise self._malformed() from None

    def _malformed(self) -> StreamError:
        return StreamError(f"error during connect: {self._host}: malformed chunked encoding (is this a Docker daemon?)")

    def _sized(self, length: int) -> Iterator[bytes]:
        while length > 0:
            if not self._buf and not self._recv():
                raise ConnectionCut()
            piece = bytes(self._buf[:length])
            del self._buf[: len(piece)]
            length -= len(piece)
            yield piece

    def _until_close(self) -> Iterator[bytes]:
        while True:
            if self._buf:
                piece = bytes(self._buf)
                self._buf.clear()
                yield piece
            if not self._recv():
                return


def connect(endpoint: Endpoint, base_url: str) -> tuple[socket.socket, str]:
    """A connected socket to the engine and the Host header to send."""
    host = endpoint.host
    if host.startswith("ssh://"):  # a new ssh process, as each of httpx's connections (engine/ssh)
        from .ssh import connector_for

        return connector_for(host).connect(), urlsplit(base_url).netloc
    try:
        if host.startswith("unix://"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(host[len("unix://") :])
            except OSError:
                sock.close()
                raise
            return sock, urlsplit(base_url).netloc
        url = urlsplit(base_url)
        port = url.port or (443 if url.scheme == "https" else 80)
        sock = socket.create_connection((url.hostname, port), timeout=30)
        sock.settimeout(None)
        if endpoint.tls:
            from .transport import _ssl_context

            sock = _ssl_context(endpoint).wrap_socket(sock, server_hostname=url.hostname)
        return sock, url.netloc
    except PermissionError as e:
        raise EngineUnavailable.permission_denied(host, e) from None
    except OSError:
        raise EngineUnavailable.not_running(host) from None


def open_response(endpoint: Endpoint, base_url: str, method: str, target: str, headers: dict[str, str],
                  body: bytes | None = None, sock: socket.socket | None = None) -> RawResponse:
    """The request sent and the response head read; over `sock` when given (an idle connection taken
    from httpx's pool, transport.take_idle_socket), else over a connection of its own."""
    try:
        if sock is None:
            sock, host_header = connect(endpoint, base_url)
        else:
            host_header = urlsplit(base_url).netloc
    except EngineUnavailable as e:
        during = getattr(e, "during", None)  # ssh's remembered failure (engine/ssh)
        if during is not None:
            from .client import go_request

            raise during(go_request(endpoint, method, target)) from None
        raise
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host_header}"]
    lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("host", "content-length", "connection")]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")
    from .client import go_request

    resp = RawResponse(sock, endpoint.host, go_request(endpoint, method, target))
    try:
        sock.sendall(request)
        resp.read_head()
    except EngineUnavailable as e:
        resp.close()
        during = getattr(e, "during", None)  # ssh's failure (engine/ssh): docker names the request
        if during is not None:
            raise during(go_request(endpoint, method, target)) from None
        raise
    except OSError as e:
        resp.close()
        raise EngineUnavailable(f"error during connect: {endpoint.host}: {e.strerror or e}") from None
    except BaseException:
        resp.close()
        raise
    return resp
