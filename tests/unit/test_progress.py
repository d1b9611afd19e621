"""pydock.render.progress: docker's jsonmessage rendering, in a pipe and on a terminal."""

from __future__ import annotations

import io
import os
import re
import sys

import pytest

from pydock.errors import StreamError
from pydock.render import progress
from pydock.render.progress import display_json_messages, go_duration, plain_line, progress_text

ESC = re.compile(r"\x1b")

PULL = [
    {"status": "Pulling from library/busybox", "id": "latest"},
    {"status": "Pulling fs layer", "progressDetail": {}, "id": "aaaaaaaaaaaa"},
    {"status": "Pulling fs layer", "progressDetail": {}, "id": "bbbbbbbbbbbb"},
    {"status": "Downloading", "progressDetail": {"current": 1500000, "total": 2000000},
     "progress": "[====>   ]  1.5MB/2MB", "id": "aaaaaaaaaaaa"},
    {"status": "Verifying Checksum", "progressDetail": {}, "id": "aaaaaaaaaaaa"},
    {"status": "Download complete", "progressDetail": {}, "id": "aaaaaaaaaaaa"},
    {"status": "Extracting", "progressDetail": {"current": 2000000, "total": 2000000}, "id": "aaaaaaaaaaaa"},
    {"status": "Pull complete", "progressDetail": {}, "id": "aaaaaaaaaaaa"},
    {"status": "Already exists", "progressDetail": {}, "id": "bbbbbbbbbbbb"},
    {"status": "Digest: sha256:" + "a" * 64},
    {"status": "Status: Downloaded newer image for busybox:latest"},
]

PIPE_EXPECTED = (
    "latest: Pulling from library/busybox\n"
    "aaaaaaaaaaaa: Pulling fs layer\n"
    "bbbbbbbbbbbb: Pulling fs layer\n"
    "aaaaaaaaaaaa: Verifying Checksum\n"
    "aaaaaaaaaaaa: Download complete\n"
    "aaaaaaaaaaaa: Pull complete\n"
    "bbbbbbbbbbbb: Already exists\n"
    "Digest: sha256:" + "a" * 64 + "\n"
    "Status: Downloaded newer image for busybox:latest\n"
)


def render(messages, tty, **kw):
    out = io.StringIO()
    display_json_messages(messages, out, tty=tty, **kw)
    return out.getvalue()


# -- JSONProgress.String() --------------------------------------------------------------------------

@pytest.mark.parametrize("detail,width,expected", [
    ({}, 200, ""),
    ({"current": 0, "total": 0}, 200, ""),
    ({"current": 512}, 200, "    512B"),
    ({"current": 3, "units": "steps"}, 200, "3 steps"),
    ({"current": 512, "total": 1024}, 80, "    512B/1.024kB"),
    ({"current": 1500000, "total": 2000000}, 200,
     "[" + "=" * 37 + ">" + " " * 13 + "]    1.5MB/2MB"),
    ({"current": 2000000, "total": 2000000}, 200, "[" + "=" * 50 + ">]      2MB/2MB"),
    ({"current": 3000, "total": 2000}, 80, "     3kB"),
    ({"current": 1, "total": 4, "units": "files"}, 80, "1/4 files"),
    ({"current": 5, "total": 4, "units": "files"}, 80, "5 files"),
    ({"current": 1, "total": 4, "hidecounts": True}, 80, ""),
    ({"current": 0, "total": 100}, 111, "[>" + " " * 50 + "]       0B/100B"),
])
def test_progress_text(detail, width, expected):
    assert progress_text(detail, width=width) == expected


def test_progress_text_eta():
    text = progress_text({"current": 50, "total": 100, "start": 1000}, width=80, now=1062)
    assert text == "     50B/100B 1m2s"


@pytest.mark.parametrize("seconds,expected", [(0, "0s"), (5, "5s"), (62, "1m2s"), (3605, "1h0m5s")])
def test_go_duration(seconds, expected):
    assert go_duration(seconds) == expected


# -- pipe (non-terminal) ----------------------------------------------------------------------------

def test_pipe_output_is_dockers_plain_lines():
    assert render(PULL, tty=False) == PIPE_EXPECTED


def test_pipe_output_has_no_control_codes():
    assert not ESC.search(render(PULL, tty=False))


@pytest.mark.parametrize("message,expected", [
    ({"stream": "Step 1/2 : FROM x\n"}, "Step 1/2 : FROM x\n"),
    ({"stream": "partial"}, "partial"),
    ({"status": "Waiting", "id": "abc", "progressDetail": {}}, "abc: Waiting\n"),
    ({"status": "Loading", "progress": "[==>  ] 1MB/2MB"}, "Loading [==>  ] 1MB/2MB"),
    ({"status": "Downloading", "progressDetail": {"current": 1, "total": 2}, "id": "x"}, ""),
    ({"status": "Pushing", "progressDetail": {"current": 0, "total": 0}, "id": "x"}, "x: Pushing\n"),
    ({"status": "s", "from": "img", "id": "i"}, "i: (from img) s\n"),
    ({}, "\n"),
])
def test_plain_line(message, expected):
    assert plain_line(message) == expected


def test_time_prefix_is_rfc3339_nano(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        assert plain_line({"status": "x", "timeNano": 1_700_000_000_000_000_123}) == \
            "2023-11-14T22:13:20.000000123Z x\n"
        assert plain_line({"status": "x", "time": 1_700_000_000}) == "2023-11-14T22:13:20.000000000Z x\n"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_aux_goes_to_the_callback_and_is_not_printed():
    seen = []
    msgs = [{"status": "The push refers to repository [x]"},
            {"aux": {"Tag": "latest", "Digest": "sha256:" + "b" * 64, "Size": 527}},
            {"status": "latest: digest: sha256:" + "b" * 64 + " size: 527"}]
    for tty in (False, True):
        seen.clear()
        text = render(msgs, tty=tty, aux=seen.append)
        assert seen == [{"Tag": "latest", "Digest": "sha256:" + "b" * 64, "Size": 527}]
        assert "Tag" not in text and "527" in text


def test_aux_without_callback_is_ignored():
    assert render([{"aux": {"ID": "sha256:x"}}], tty=False) == ""


@pytest.mark.parametrize("tty", [False, True])
def test_error_detail_raises_after_flushing(tty):
    msgs = PULL[:3] + [{"errorDetail": {"message": "manifest unknown: manifest unknown"},
                        "error": "manifest unknown: manifest unknown"}, {"status": "never"}]
    out = io.StringIO()
    with pytest.raises(StreamError) as info:
        display_json_messages(msgs, out, tty=tty)
    assert str(info.value) == "manifest unknown: manifest unknown"
    assert "Pulling fs layer" in out.getvalue() and "never" not in out.getvalue()


def test_error_code_is_kept():
    with pytest.raises(StreamError) as info:
        render([{"errorDetail": {"code": 2, "message": "boom"}}], tty=False)
    assert info.value.code == 2 and info.value.message == "boom"


def test_bare_error_raises():
    with pytest.raises(StreamError, match="^bad$"):
        render([{"error": "bad"}], tty=False)


# -- terminal ---------------------------------------------------------------------------------------

class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_terminal_output_redraws_in_place():
    text = render(PULL, tty=True)
    assert "\x1b[1A" in text or "\x1b[2A" in text  # cursor moved up: the block is redrawn
    assert "aaaaaaaaaaaa: Pull complete" in text
    assert "bbbbbbbbbbbb: Already exists" in text
    assert "Total (2 layers)" in text
    # lines outside the block are written once, in order, after it
    assert text.index("latest: Pulling from library/busybox") < text.index("Total")
    assert text.rstrip().endswith("Status: Downloaded newer image for busybox:latest")


def test_terminal_redraws_are_throttled():
    clock = FakeClock()
    out = io.StringIO()
    renderer = progress.TerminalRenderer(out, clock=clock, ticker=False)
    renderer.feed({"status": "Pulling fs layer", "progressDetail": {}, "id": "a"})
    for i in range(1, 1001):  # 1000 updates over one second
        clock.now += 0.001
        renderer.feed({"status": "Downloading", "progressDetail": {"current": i * 1000, "total": 1_000_000}, "id": "a"})
    renderer.close()
    assert renderer.redraws <= 12  # ~10 a second plus the first and the final draw
    assert "1MB/1MB" in out.getvalue()


def test_pending_update_is_drawn_when_the_stream_goes_quiet():
    import time

    clock = FakeClock()  # the throttle reads this clock; the ticker thread still wakes in real time
    out = io.StringIO()
    renderer = progress.TerminalRenderer(out, clock=clock)
    renderer.feed({"status": "Downloading", "progressDetail": {"current": 1, "total": 9_000_000}, "id": "a"})
    renderer.feed({"status": "Downloading", "progressDetail": {"current": 4_500_000, "total": 9_000_000}, "id": "a"})
    assert "4.5MB/9MB" not in out.getvalue()  # throttled: within the interval of the first draw
    clock.now += 2 * progress.REFRESH_INTERVAL
    deadline = time.monotonic() + 10
    while "4.5MB/9MB" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "4.5MB/9MB" in out.getvalue()  # drawn by the ticker, with no further message
    renderer.close()
    assert renderer._ticking is None


def test_terminal_overall_line_counts_bytes_and_speed():
    clock = FakeClock()
    out = io.StringIO()
    renderer = progress.TerminalRenderer(out, clock=clock, ticker=False)
    renderer.feed({"status": "Downloading", "progressDetail": {"current": 0, "total": 2_000_000}, "id": "a"})
    renderer.feed({"status": "Downloading", "progressDetail": {"current": 0, "total": 3_000_000}, "id": "b"})
    clock.now += 2
    renderer.feed({"status": "Download complete", "progressDetail": {}, "id": "a"})
    renderer.feed({"status": "Downloading", "progressDetail": {"current": 1_000_000, "total": 3_000_000}, "id": "b"})
    renderer.close()
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert "3MB/5MB" in plain and "1.5MB/s" in plain


def test_terminal_stream_text_is_written_as_is():
    text = render([{"stream": "Step 1/1 : FROM scratch\n"}, {"stream": " ---> abc\n"}], tty=True)
    assert text == "Step 1/1 : FROM scratch\n ---> abc\n"


def test_terminal_honours_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = render(PULL, tty=True)
    assert not re.search(r"\x1b\[[0-9;]*m", text)  # no colour/style sequences, cursor movement only


def test_pty_terminal_redraws_and_pipe_has_no_escape_codes(tmp_path):
    """A real pty: the terminal path moves the cursor; the same messages through a pipe have no ESC."""
    import json
    import subprocess

    script = tmp_path / "show.py"
    script.write_text(
        "import json, sys, os\n"
        "from pydock.render.progress import display_json_messages\n"
        "msgs = json.loads(sys.argv[1])\n"
        "display_json_messages(msgs, sys.stdout, tty=sys.stdout.isatty())\n")
    from tests.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NO_COLOR", None)
    piped = subprocess.run([sys.executable, str(script), json.dumps(PULL)], capture_output=True, text=True, env=env)
    assert piped.stdout == PIPE_EXPECTED

    import pty

    from tests.conftest import read_pty

    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, str(script), json.dumps(PULL)], stdout=slave, stderr=subprocess.PIPE,
                         env=env)
    os.close(slave)
    text = read_pty(master).decode()
    p.wait(timeout=30)
    assert p.returncode == 0
    assert re.search(r"\x1b\[\d*A", text), text  # redrawn in place
    assert "Total (2 layers)" in text
