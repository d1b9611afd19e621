"""The compose log printer (v2 cmd/formatter/logs.go, colors.go), and the pure helpers of the read verbs."""

from __future__ import annotations

import io
import threading

import pytest

from pydock.compose.logprinter import (COLORS, LineSplitter, LogPrinter, display_name, rfc3339_nano_fixed,
                                       strip_project, use_color)


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_prefix_width_is_longest_registered_name_plus_one():
    out, err = io.StringIO(), io.StringIO()
    p = LogPrinter(out, err)
    p.register("web-1", "client-1")
    p.log("web-1", "hello")
    p.log("client-1", "hi")
    assert out.getvalue() == "web-1     | hello\nclient-1  | hi\n"


def test_width_grows_for_a_name_seen_later():
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO())
    p.log("a-1", "x")
    p.log("longer-1", "y")
    p.log("a-1", "z")
    assert out.getvalue() == "a-1  | x\nlonger-1  | y\na-1       | z\n"


def test_colours_rotate_in_v2_order_and_cover_the_whole_prefix():
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO(), color=True)
    names = [f"s{i}-1" for i in range(11)]
    p.register(*names)
    for n in names:
        p.log(n, "l")
    lines = out.getvalue().splitlines()
    expected = ["36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1", "36"]
    assert list(COLORS) == expected[:10]
    for line, code, n in zip(lines, expected, names):
        assert line == f"\x1b[{code}m{n:<6} | \x1b[0ml"


def test_stderr_lines_go_to_stderr_with_the_same_prefix():
    out, err = io.StringIO(), io.StringIO()
    p = LogPrinter(out, err)
    p.register("db-1", "web-1")
    p.err("db-1", "oops")
    assert out.getvalue() == "" and err.getvalue() == "db-1   | oops\n"


def test_no_prefix():
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO(), prefix=False, color=True)
    p.register("web-1")
    p.log("web-1", "plain")
    assert out.getvalue() == "plain\n"


def test_multi_line_message_gets_a_prefix_per_line():
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO())
    p.log("w-1", "a\nb")
    assert out.getvalue() == "w-1  | a\nw-1  | b\n"


def test_status_lines_reset_the_line_and_are_coloured_whole():
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO())
    p.exited("web-1", 0)
    p.exited("web-1", 137, restarting=True)
    assert out.getvalue() == "\r\x1b[Kweb-1 exited with code 0\n\r\x1b[Kweb-1 exited with code 137 (restarting)\n"
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO(), color=True)
    p.status("web-1", "exited with code 2")
    assert out.getvalue() == "\x1b[36m\r\x1b[Kweb-1 exited with code 2\n\x1b[0m"


def test_status_lines_on_a_pipe_have_no_control_codes():
    """v2 writes `\\r\\x1b[K` before a status line even on a pipe; pydock only on a terminal."""
    from types import SimpleNamespace

    class Tty(io.StringIO):
        def isatty(self):
            return True

    for out, expected in ((io.StringIO(), "web-1 exited with code 0\n"),
                          (Tty(), "\x1b[36m\r\x1b[Kweb-1 exited with code 0\n\x1b[0m")):
        capp = SimpleNamespace(out=out, err=io.StringIO(), environ={}, options=SimpleNamespace(ansi="auto"))
        p = LogPrinter.for_compose(capp)
        p.exited("web-1", 0)
        assert out.getvalue() == expected


def test_timestamps_are_rfc3339_nano_fixed(monkeypatch):
    out = io.StringIO()
    p = LogPrinter(out, io.StringIO(), timestamps=True)
    p.log("w-1", "x")
    prefix, _, rest = out.getvalue().partition(" | ")
    stamp, _, line = rest.partition(" ")
    assert line == "x\n" and len(stamp) in (30, 35) and stamp[10] == "T" and stamp[19] == "."


def test_rfc3339_nano_fixed_keeps_nine_digits(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    assert rfc3339_nano_fixed(1_700_000_000_120_000_000) == "2023-11-14T22:13:20.120000000Z"


@pytest.mark.parametrize("ansi,env,no_color,tty,expected", [
    ("auto", {}, False, True, True),
    ("auto", {}, False, False, False),
    ("auto", {"NO_COLOR": "1"}, False, True, False),
    ("auto", {"NO_COLOR": ""}, False, True, True),
    ("auto", {}, True, True, False),
    ("never", {}, False, True, False),
    ("always", {}, False, False, True),
    ("always", {"NO_COLOR": "x"}, False, False, False),
])
def test_use_color(ansi, env, no_color, tty, expected):
    out = Tty() if tty else io.StringIO()
    assert use_color(out, ansi, env, no_color) is expected


def test_lines_from_several_threads_never_interleave():
    class Slow(io.StringIO):
        def write(self, s):
            for ch in s:  # a writer that could be interrupted between characters
                super().write(ch)
            return len(s)

    out = Slow()
    p = LogPrinter(out, io.StringIO())
    p.register("a-1", "b-1")

    def spam(name):
        for i in range(200):
            p.log(name, f"{name} line {i} " + "x" * 50)

    threads = [threading.Thread(target=spam, args=(n,)) for n in ("a-1", "b-1")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = out.getvalue().splitlines()
    assert len(lines) == 400
    for line in lines:
        name = line[:3]
        assert line.startswith(f"{name}  | {name} line ") and line.endswith("x" * 50)


def test_line_splitter_hands_over_whole_lines():
    got = []
    s = LineSplitter(got.append)
    s.write(b"ab")
    s.write(b"c\nde\n\nf")
    assert got == ["abc", "de", ""]
    s.close()
    assert got == ["abc", "de", "", "f"]


def test_display_name_strips_the_project_unless_custom():
    lab = {"com.docker.compose.project": "proj", "com.docker.compose.service": "web",
           "com.docker.compose.container-number": "2"}
    assert display_name({"Names": ["/proj-web-2"], "Labels": lab}) == "web-2"
    assert display_name({"Names": ["/custom"], "Labels": lab}) == "custom"
    assert display_name({"Name": "/proj-web-2", "Config": {"Labels": lab}}) == "web-2"
    assert strip_project("proj-web-2", lab) == "web-2"


def test_compose_helpers(monkeypatch):
    from pydock.cli.compose.events import event_time, go_json_html, rfc3339_nano
    from pydock.cli.compose.images import go_time_json
    from pydock.cli.compose.ls import combined_status

    assert combined_status(["running", "exited", "running"]) == "exited(1), running(2)"
    assert go_time_json("2026-12-06T07:25:19.985128400Z") == "2026-12-06T07:25:19.9851284Z"
    assert go_time_json("2026-12-06T07:25:19.000Z") == "2026-12-06T07:25:19Z"
    assert go_json_html({"b": "<&>", "a": 1}) == '{"b":"\\u003c\\u0026\\u003e","a":1}'
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert event_time(1_700_000_000_123_456_789) == "2023-11-14 22:13:20.123456"
    assert rfc3339_nano(1_700_000_000_120_000_000) == "2023-11-14T22:13:20.12Z"


def test_watch_logger_has_a_mark_in_place_of_a_name():
    """presenter.setPrefix: the #watch logger's prefix is `width` spaces and ` ⦿ `; its name counts in the width."""
    from pydock.compose.logprinter import WATCH_LOGGER

    out = io.StringIO()
    p = LogPrinter(out, io.StringIO())
    p.register("web-1")
    p.log(WATCH_LOGGER, "Watch enabled")
    p.log("web-1", "started")
    assert out.getvalue() == " " * 7 + " ⦿ Watch enabled\n" + "web-1   | started\n"


def test_watch_logger_is_bright_green_and_takes_no_service_colour():
    from pydock.compose.logprinter import WATCH_LOGGER

    out = io.StringIO()
    p = LogPrinter(out, io.StringIO(), color=True)
    p.log(WATCH_LOGGER, "w")
    p.log("a-1", "x")
    assert out.getvalue().splitlines() == ["\x1b[92m        ⦿ \x1b[0mw", "\x1b[36ma-1     | \x1b[0mx"]
