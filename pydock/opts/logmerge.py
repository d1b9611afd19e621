"""Merging several containers' logs by time. Pure: iterators in, iterators out, no I/O.

The daemon prefixes every log message with an RFC 3339 timestamp of fixed width when asked
(`timestamps=1`, format `2006-01-02T15:04:05.000000000Z`), so byte order is time order.
"""

from __future__ import annotations

import heapq
from typing import Iterable, Iterator

Message = tuple[int, bytes]  # (stream, one timestamped message)


def messages(frames: Iterable[tuple[int, bytes]], tty: bool) -> Iterator[Message]:
    """One item per log message. Non-TTY logs are framed one message per frame; a TTY log is one raw
    byte stream, cut here after each newline (a trailing piece without one comes last)."""
    if not tty:
        yield from frames
        return
    pending = b""
    stream = 1
    for stream, data in frames:
        pending += data
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield stream, line + b"\n"
    if pending:
        yield stream, pending


def split_timestamp(message: bytes) -> tuple[bytes, bytes]:
    """(timestamp, rest) of `<timestamp> <rest>`; a message without a space has no timestamp."""
    ts, sep, rest = message.partition(b" ")
    return (ts, rest) if sep else (b"", message)


def merge(sources: Iterable[Iterable[Message]]) -> Iterator[tuple[int, int, bytes]]:
    """(source index, stream, message) from all sources in timestamp order; ties keep source order.
    Lazy: holds one message per source, so memory stays flat however long the logs are."""
    keyed = [_keyed(i, src) for i, src in enumerate(sources)]
    for _, index, stream, message in heapq.merge(*keyed, key=lambda item: (item[0], item[1])):
        yield index, stream, message


def _keyed(index: int, source: Iterable[Message]) -> Iterator[tuple[bytes, int, int, bytes]]:
    for stream, message in source:
        yield split_timestamp(message)[0], index, stream, message


def prefixed(prefix: bytes, message: bytes, keep_timestamp: bool) -> bytes:
    """The line as printed for a multi-container log: `name | ` then the message, its timestamp
    kept only with -t."""
    return prefix + (message if keep_timestamp else split_timestamp(message)[1])


def later(a: str | None, b: str | None) -> str | None:
    """The later of two daemon time values (`1700000000` or `1700000000.000000001`); None is unset."""
    if a is None or b is None:
        return b if a is None else a
    return a if _nanos(a) >= _nanos(b) else b


def earlier(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return b if a is None else a
    return b if is_after(a, b) else a


def is_after(a: str, b: str) -> bool:
    return _nanos(a) > _nanos(b)


def _nanos(value: str) -> int:
    sec, _, frac = value.partition(".")
    digits = (frac + "000000000")[:9] if frac.isdigit() else "0"
    whole = int(sec) if sec.lstrip("+-").isdigit() else 0
    return whole * 1_000_000_000 + (-1 if whole < 0 or sec.startswith("-") else 1) * int(digits)
