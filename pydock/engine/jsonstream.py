"""NDJSON progress streams (pull, push, build, events): objects split across chunks, errors in-band."""

from __future__ import annotations

import codecs
import json
from typing import Iterable, Iterator

from ..errors import StreamError

_decoder = json.JSONDecoder()


def iter_json(chunks: Iterable[bytes]) -> Iterator[dict]:
    """Yield each JSON value of a stream, whatever the chunk boundaries (even mid-character)."""
    text = codecs.getincrementaldecoder("utf-8")("replace")
    buf = ""
    for chunk in chunks:
        buf += text.decode(chunk)
        buf = yield from _drain(buf)
    buf += text.decode(b"", final=True)
    buf = yield from _drain(buf)
    if buf.strip():
        raise StreamError(f"the stream ended in the middle of a JSON message: {buf.strip()[:60]!r}")


def _drain(buf: str):
    """Yield the complete values at the front of `buf`; return what is left (an incomplete value)."""
    pos = 0
    while True:
        while pos < len(buf) and buf[pos] in " \t\r\n":
            pos += 1
        if pos == len(buf):
            return ""
        try:
            obj, pos = _decoder.raw_decode(buf, pos)
        except json.JSONDecodeError:
            rest = buf[pos:]
            if "\n" in rest:  # a complete line that is not JSON: the peer is not speaking the protocol
                raise StreamError(f"malformed JSON message in stream: {rest.splitlines()[0][:60]!r}") from None
            return rest
        yield obj


def check_error(message: dict) -> dict:
    """Raise the error a progress message carries (`errorDetail`, or a bare `error`)."""
    detail = message.get("errorDetail")
    if detail or message.get("error"):
        detail = detail or {}
        raise StreamError(detail.get("message") or message.get("error") or "unknown error", detail.get("code"))
    return message
