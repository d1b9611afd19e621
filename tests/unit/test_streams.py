"""Stream primitives: NDJSON decoding across chunk boundaries, frame demux, JSON re-indentation."""

import json

import pytest

from pydock.engine.jsonstream import check_error, iter_json
from pydock.engine.stdcopy import demux, frames, raw
from pydock.errors import StreamError
from pydock.render.jsonindent import go_indent


def split_every(data: bytes, n: int):
    return [data[i:i + n] for i in range(0, len(data), n)]


MESSAGES = [{"status": "Pulling from library/busybox", "id": "latest"},
            {"status": "Downloading", "progressDetail": {"current": 10, "total": 100}, "id": "abc"},
            {"status": "Digest: sha256:x", "note": "ünïcödé ✓"}]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 10_000])
def test_iter_json_any_chunking(chunk):
    data = b"".join(json.dumps(m, ensure_ascii=False).encode() + b"\r\n" for m in MESSAGES)
    assert list(iter_json(split_every(data, chunk))) == MESSAGES


def test_iter_json_values_without_separators():
    assert list(iter_json([b'{"a":1}{"b":2}', b'\n{"c":3}'])) == [{"a": 1}, {"b": 2}, {"c": 3}]


def test_iter_json_truncated_stream_is_an_error():
    with pytest.raises(StreamError, match="ended in the middle"):
        list(iter_json([b'{"a":1}\n{"b":']))


def test_iter_json_garbage_line_is_an_error():
    with pytest.raises(StreamError, match="malformed"):
        list(iter_json([b"<html>not json</html>\n"]))


def test_check_error_uses_error_detail():
    with pytest.raises(StreamError) as e:
        check_error({"errorDetail": {"message": "manifest unknown: manifest unknown", "code": 1}, "error": "x"})
    assert str(e.value) == "manifest unknown: manifest unknown" and e.value.code == 1
    with pytest.raises(StreamError, match="^bare$"):
        check_error({"error": "bare"})
    assert check_error({"status": "ok"}) == {"status": "ok"}


def frame(stream: int, payload: bytes) -> bytes:
    return bytes([stream, 0, 0, 0]) + len(payload).to_bytes(4, "big") + payload


@pytest.mark.parametrize("chunk", [1, 5, 8, 9, 1000])
def test_frames_any_chunking(chunk):
    data = frame(1, b"out\n") + frame(2, b"err\n") + frame(1, b"") + frame(1, b"x" * 70000)
    got = list(frames(split_every(data, chunk)))
    assert got == [(1, b"out\n"), (2, b"err\n"), (1, b""), (1, b"x" * 70000)]


def test_frames_truncated_is_an_error():
    with pytest.raises(StreamError, match="middle of a frame"):
        list(frames([frame(1, b"hello")[:-2]]))


def test_frames_system_error_and_bad_header():
    with pytest.raises(StreamError, match="boom"):
        list(frames([frame(3, b"boom")]))
    with pytest.raises(StreamError, match="Unrecognized input header: 9"):
        list(frames([frame(9, b"?")]))


def test_raw_mode_passes_bytes_through():
    assert list(raw([b"a\r\n", b"", b"b"])) == [(1, b"a\r\n"), (1, b"b")]


def test_go_indent_matches_go_json_indent():
    raw_text = '[{"A":1,"B":[],"C":{},"D":[1,2],"E":"x\\u003cy, z:{}","F":null}\n,{"G":true}]'
    assert go_indent(raw_text) == (
        '[\n    {\n        "A": 1,\n        "B": [],\n        "C": {},\n        "D": [\n            1,\n            2\n'
        '        ],\n        "E": "x\\u003cy, z:{}",\n        "F": null\n    },\n    {\n        "G": true\n    }\n]')


def test_go_indent_compact_and_empty():
    assert go_indent('[ {"a" : [ 1 , 2 ] } ]', None) == '[{"a":[1,2]}]'
    assert go_indent("[]") == "[]"


def test_hijacked_stream_cut_mid_frame_ends_quietly_like_go_stdcopy():
    """Go's StdCopy returns nil at EOF inside a header or a payload; a hijacked connection's end is the end
    of the output (run then reports the container's status), so the partial frame is dropped."""
    data = frame(1, b"whole\n") + frame(2, b"cut short")[:-3]
    assert list(demux([data], tty=False, join=True, truncated_ok=True)) == [(1, b"whole\n")]
    assert list(demux([data[:18]], tty=False, join=True, truncated_ok=True)) == [(1, b"whole\n")]
    with pytest.raises(StreamError, match="middle of a frame"):
        list(demux([data], tty=False, join=True))
