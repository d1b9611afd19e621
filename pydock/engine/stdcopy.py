"""Demultiplex container output: the 8-byte frame header of non-TTY streams, or raw TTY bytes.

Header: byte 0 = stream (0 stdin, 1 stdout, 2 stderr, 3 system error), bytes 4..7 = big-endian size.
Choose by the container's Config.Tty, never by Content-Type.
"""

from __future__ import annotations

import struct
from typing import Iterable, Iterator

from ..errors import StreamError

STDIN, STDOUT, STDERR, SYSTEMERR = 0, 1, 2, 3
HEADER = 8
_COMPACT_AT = 1 << 16
_header = struct.Struct(">BxxxL").unpack_from


def frames(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Yield (stream, payload) for each frame; payloads of one frame are never merged with the next."""
    buf = bytearray()
    pos = 0
    for chunk in chunks:
        buf += chunk
        while len(buf) - pos >= HEADER:
            stream = buf[pos]
            size = int.from_bytes(buf[pos + 4 : pos + 8], "big")
            end = pos + HEADER + size
            if len(buf) < end:
                break
            payload = bytes(buf[pos + HEADER : end])
            pos = end
            if stream == SYSTEMERR:
                raise StreamError(f"error from daemon in stream: {payload.decode('utf-8', 'replace')}")
            if stream > SYSTEMERR:
                raise StreamError(f"Unrecognized input header: {stream}")
            yield stream, payload
        if pos > _COMPACT_AT or pos == len(buf):
            del buf[:pos]
            pos = 0
    if len(buf) > pos:
        raise StreamError("unexpected EOF: the output stream ended in the middle of a frame")


def runs(chunks: Iterable[bytes], *, truncated_ok: bool = False) -> Iterator[tuple[int, bytes]]:
    """Like `frames`, but consecutive frames of the same stream that arrived together are joined into
    one piece. For output that is only copied (logs, attach): a million one-line frames become a few
    hundred writes. Order across streams is kept: a change of stream always starts a new piece."""
    buf = bytearray()
    header = _header
    for chunk in chunks:
        buf += chunk
        n, pos, current, pieces = len(buf), 0, -1, []
        append = pieces.append
        while n - pos >= HEADER:
            stream, size = header(buf, pos)
            start = pos + HEADER
            end = start + size
            if end > n:
                break
            if stream != current:
                if pieces:
                    yield current, b"".join(pieces)
                    pieces = []
                    append = pieces.append
                if stream >= SYSTEMERR:
                    payload = bytes(buf[start:end]).decode("utf-8", "replace")
                    if stream == SYSTEMERR:
                        raise StreamError(f"error from daemon in stream: {payload}")
                    raise StreamError(f"Unrecognized input header: {stream}")
                current = stream
            append(buf[start:end])
            pos = end
        if pieces:
            yield current, b"".join(pieces)
        del buf[:pos]
    if buf and not truncated_ok:
        raise StreamError("unexpected EOF: the output stream ended in the middle of a frame")


def raw(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """A TTY container's output: one stream, no framing."""
    for chunk in chunks:
        if chunk:
            yield STDOUT, chunk


def demux(chunks: Iterable[bytes], tty: bool, *, join: bool = False,
          truncated_ok: bool = False) -> Iterator[tuple[int, bytes]]:
    """(stream, bytes) pieces: one per frame, or with `join` one per run of same-stream frames.
    `truncated_ok` (a hijacked connection, whose end is the end of the output): a frame cut short by the
    end of the stream is dropped quietly, as Go's stdcopy.StdCopy does; a body with HTTP framing has its own
    check for a cut, so there the partial frame is an error."""
    if tty:
        return raw(chunks)
    if join:
        return runs(chunks, truncated_ok=truncated_ok)
    if truncated_ok:
        raise ValueError("truncated_ok needs join=True")
    return frames(chunks)
