"""The raw HTTP reader used for huge streamed bodies, and the frame-run demuxer that goes with it.

A socketpair plays the daemon: the test writes exact response bytes, split at every boundary a real
peer might produce, and checks the body comes out whole and identical."""

from __future__ import annotations

import random
import socket
import threading

import pytest

from pydock.engine.rawhttp import RawResponse
from pydock.engine.stdcopy import frames, runs
from pydock.errors import EngineUnavailable, StreamError


def chunked(pieces: list[bytes]) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


_OPEN: list[RawResponse] = []


@pytest.fixture(autouse=True)
def _close_responses():
    yield
    while _OPEN:
        _OPEN.pop().close()


def serve(data: bytes, split: int | None):
    """A RawResponse reading `data`, written in pieces of `split` bytes (None: all at once), then EOF."""
    ours, theirs = socket.socketpair()

    def writer():
        step = split or len(data) or 1
        try:
            for i in range(0, len(data), step):
                theirs.sendall(data[i:i + step])
        except OSError:
            pass  # the reader gave up early, as some tests want
        finally:
            theirs.close()

    threading.Thread(target=writer, daemon=True).start()
    resp = RawResponse(ours, "unix:///test.sock")
    _OPEN.append(resp)
    resp.read_head()
    return resp


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nTransfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize("split", [None, 1, 2, 3, 5, 7, 64, 4096])
def test_chunked_body_survives_any_split(split):
    rng = random.Random(split)
    pieces = [bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 2, 17, 300]))) for _ in range(60)]
    pieces = [p for p in pieces if p]  # a 0-size chunk would end the body
    resp = serve(HEAD + chunked(pieces), split)
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/vnd.docker.multiplexed-stream"
    assert resp.read() == b"".join(pieces)


def test_chunk_extensions_and_upper_case_hex_are_read():
    body = b"A;name=x\r\n0123456789\r\n3\r\nabc\r\n0\r\n\r\n"
    assert serve(HEAD + body, 4).read() == b"0123456789abc"


def test_chunk_larger_than_a_read_is_handed_out_in_parts():
    big = bytes(range(256)) * 4096  # 1 MiB in one chunk
    parts = list(serve(HEAD + chunked([big]), 65536).iter_bytes())
    assert b"".join(parts) == big
    assert len(parts) > 1


def test_content_length_and_until_close_bodies():
    sized = b"HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\nhello-and-more"
    resp = serve(sized, 3)
    assert (resp.status_code, resp.reason_phrase, resp.read()) == (404, "Not Found", b"hello")
    closed = b"HTTP/1.1 200 OK\r\n\r\nuntil the end"
    assert serve(closed, 2).read() == b"until the end"


def test_connection_cut_mid_body_is_a_stream_error():
    with pytest.raises(StreamError, match="unexpected EOF"):
        serve(HEAD + b"5\r\nab", 2).read()
    with pytest.raises(StreamError, match="unexpected EOF"):
        serve(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", None).read()


def test_malformed_responses():
    with pytest.raises(StreamError, match="malformed chunked"):
        serve(HEAD + b"zz\r\nabc\r\n", None).read()
    with pytest.raises(StreamError, match="malformed chunked"):
        serve(HEAD + b"3\r\nabcXY0\r\n\r\n", None).read()
    with pytest.raises(EngineUnavailable, match="malformed HTTP response"):
        serve(b"SSH-2.0-OpenSSH\r\n\r\n", None)
    with pytest.raises(EngineUnavailable, match=": EOF$"):  # closed before the head ends: Go's `Get "URL": EOF`
        serve(b"HTTP/1.1 200", None)


def frame(stream: int, payload: bytes) -> bytes:
    return bytes([stream, 0, 0, 0]) + len(payload).to_bytes(4, "big") + payload


@pytest.mark.parametrize("split", [1, 3, 8, 9, 50, 100_000])
def test_runs_join_same_stream_frames_and_keep_order(split):
    sequence = [(1, b"a\n"), (1, b"b\n"), (2, b"E1\n"), (2, b"E2\n"), (1, b"c\n"), (1, b""), (2, b"E3\n")]
    data = b"".join(frame(s, p) for s, p in sequence)
    chunks = [data[i:i + split] for i in range(0, len(data), split)]
    pieces = list(runs(chunks))
    # consecutive pieces never share a stream only when they arrived apart; the bytes per stream and the
    # interleaving of streams are exactly what the frames say
    assert b"".join(p for s, p in pieces if s == 1) == b"a\nb\nc\n"
    assert b"".join(p for s, p in pieces if s == 2) == b"E1\nE2\nE3\n"
    merged: list[tuple[int, bytes]] = []
    for s, p in pieces:
        if merged and merged[-1][0] == s:
            merged[-1] = (s, merged[-1][1] + p)
        else:
            merged.append((s, p))
    assert merged == [(1, b"a\nb\n"), (2, b"E1\nE2\n"), (1, b"c\n"), (2, b"E3\n")]
    if split == 100_000:
        assert pieces == merged  # all arrived together: one piece per run
    assert [(s, p) for s, p in frames(chunks) if p] == [(s, p) for s, p in sequence if p]


def test_runs_errors_like_frames():
    with pytest.raises(StreamError, match="error from daemon in stream: boom"):
        list(runs([frame(1, b"ok") + frame(3, b"boom")]))
    with pytest.raises(StreamError, match="Unrecognized input header: 7"):
        list(runs([frame(7, b"x")]))
    with pytest.raises(StreamError, match="middle of a frame"):
        list(runs([frame(1, b"abc")[:-1]]))
