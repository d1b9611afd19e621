"""Hijacked connections for attach and exec: `Connection: Upgrade` / `Upgrade: tcp`, a 101, then the
raw socket. httpcore hands the socket over as `response.extensions["network_stream"]`, keeping any
bytes it had already read."""

from __future__ import annotations

import socket
from contextlib import contextmanager
from typing import Iterator

from ..errors import EngineError

UPGRADE_HEADERS = {"Connection": "Upgrade", "Upgrade": "tcp"}


class Hijacked:
    """Both directions of an upgraded connection. Reads return b"" at end of stream."""

    def __init__(self, stream):
        self._stream = stream

    def read(self, max_bytes: int = 65536, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, timeout=timeout)

    def chunks(self, max_bytes: int = 65536) -> Iterator[bytes]:
        while True:
            data = self.read(max_bytes)
            if not data:
                return
            yield data

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def close_write(self) -> None:
        """Half-close: the container sees EOF on stdin while we keep reading its output. Over TLS, the
        TCP connection's write side, as docker's tlsClientCon.CloseWrite: SSLSocket.shutdown would drop the
        TLS session and leave every later read undecrypted, so socket.socket's own is called."""
        sock = self._stream.get_extra_info("socket")
        if sock is not None:
            try:
                socket.socket.shutdown(sock, socket.SHUT_WR)
            except OSError:
                pass


@contextmanager
def hijack(engine, method: str, path: str, params: dict | None = None, body=None) -> Iterator[Hijacked]:
    with engine.stream(method, path, params, body, headers=UPGRADE_HEADERS) as resp:
        stream = resp.extensions.get("network_stream")
        if resp.status_code not in (101, 200) or stream is None:
            raise EngineError(f"the daemon did not upgrade the connection (HTTP {resp.status_code})")
        yield Hijacked(stream)
