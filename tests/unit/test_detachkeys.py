"""Detach keys: moby/term's grammar (ToBytes) and its escape proxy, byte for byte."""

from __future__ import annotations

import io

import pytest

from pydock.cli._attach import DEFAULT_DETACH_KEYS, EscapeProxy, detach_keys_setting, escape_keys, parse_detach_keys


@pytest.mark.parametrize("keys, expected", [
    ("ctrl-p,ctrl-q", b"\x10\x11"),
    ("ctrl-@", b"\x00"),
    ("ctrl-a", b"\x01"),
    ("ctrl-z", b"\x1a"),
    ("ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", b"\x1b\x1c\x1d\x1e\x1f"),
    ("DEL", b"\x7f"),
    ("a,b", b"ab"),
    ("ctrl-a,x", b"\x01x"),
    ("p", b"p"),
])
def test_to_bytes(keys, expected):
    assert parse_detach_keys(keys) == expected


@pytest.mark.parametrize("keys, bad", [
    ("foo", "foo"),
    ("ctrl-p,ctrl-", "ctrl-"),
    ("CTRL-P", "CTRL-P"),  # case matters, as in Go
    ("ctrl-1", "ctrl-1"),
    ("del", "del"),
    ("", ""),
    (",", ""),  # two empty keys; the first is refused
    ("é", "é"),  # one character but two bytes: Go compares len(key) in bytes
])
def test_to_bytes_errors(keys, bad):
    with pytest.raises(ValueError) as e:
        parse_detach_keys(keys)
    assert str(e.value) == f"Unknown character: '{bad}'"


def feed_all(proxy: EscapeProxy, *chunks: bytes) -> tuple[bytes, bool]:
    out = b""
    for chunk in chunks:
        data, detached = proxy.feed(chunk)
        out += data
        if detached:
            return out, True
    return out, False


def test_escape_proxy_passes_other_bytes_through():
    assert feed_all(EscapeProxy(b"\x10\x11"), b"echo hi\r", b"ls\r") == (b"echo hi\rls\r", False)


def test_escape_proxy_detaches_and_swallows_the_sequence():
    assert feed_all(EscapeProxy(b"\x10\x11"), b"ab\x10\x11cd") == (b"ab", True)


def test_escape_proxy_sequence_split_over_reads():
    proxy = EscapeProxy(b"\x10\x11")
    assert proxy.feed(b"ab\x10") == (b"ab", False)  # the possible start is held back
    assert proxy.feed(b"\x11") == (b"", True)


def test_escape_proxy_releases_a_false_start():
    proxy = EscapeProxy(b"\x10\x11")
    assert proxy.feed(b"\x10") == (b"", False)
    assert proxy.feed(b"x") == (b"\x10x", False)


def test_escape_proxy_does_not_rematch_the_breaking_byte():
    # Go resets the position without re-checking the byte that broke the match.
    assert feed_all(EscapeProxy(b"\x10\x11"), b"\x10\x10\x11") == (b"\x10\x10\x11", False)


def test_escape_proxy_three_keys():
    assert feed_all(EscapeProxy(b"abc"), b"xxab", b"c") == (b"xx", True)
    assert feed_all(EscapeProxy(b"abc"), b"abx") == (b"abx", False)


def test_escape_proxy_without_keys_is_transparent():
    assert EscapeProxy(b"").feed(b"\x10\x11") == (b"\x10\x11", False)


class _App:
    def __init__(self, config=None):
        self.config = config or {}
        self.err = io.StringIO()


def test_detach_keys_setting_precedence():
    assert detach_keys_setting(_App({"detachKeys": "ctrl-a,a"}), "ctrl-b,b") == "ctrl-b,b"
    assert detach_keys_setting(_App({"detachKeys": "ctrl-a,a"}), "") == "ctrl-a,a"
    assert detach_keys_setting(_App(), None) == ""


def test_escape_keys_default_and_invalid():
    app = _App()
    assert escape_keys(app, "") == DEFAULT_DETACH_KEYS
    assert escape_keys(app, "ctrl-x") == b"\x18"
    assert app.err.getvalue() == ""
    assert escape_keys(app, "bogus") == DEFAULT_DETACH_KEYS
    assert "level=warning" in app.err.getvalue()
    assert "invalid detach escape keys, using default: Unknown character: 'bogus'" in app.err.getvalue()
