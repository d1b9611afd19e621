"""v2's progress output (pkg/progress): plain lines, the TTY view, JSON, modes and logrus warnings.

Expected strings are docker compose v2.40.3's own output: plain lines as `up -d` prints them off a
terminal, and the last TTY frame of `up -d` captured under `script` (100 columns, \\r\\n folded)."""

from __future__ import annotations

import io

import pytest

from pydock.compose import progress
from pydock.compose.errors import ComposeError


def test_plain_lines_have_v2_spacing():
    out = io.StringIO()
    w = progress.PlainWriter(out)
    w.event(progress.creating("Network p_default"))
    w.event(progress.created("Network p_default"))
    w.event(progress.creating("Container p-web-1"))
    w.event(progress.Event("Container p-web-1", progress.WORKING, "Recreate"))
    w.event(progress.healthy("Container p-db-1"))
    w.event(progress.Event("b", progress.WORKING, "", "Pulling"))
    w.event(progress.Event("b", progress.ERROR, "boom", "Error"))
    w.event(progress.skipped("Container p-db-1", 'optional dependency "db" failed to start'))
    assert out.getvalue() == (
        " Network p_default  Creating\n"
        " Network p_default  Created\n"
        " Container p-web-1  Creating\n"
        " Container p-web-1  Recreate\n"
        " Container p-db-1  Healthy\n"
        " b Pulling \n"
        " b Error boom\n"
        ' Container p-db-1  Skipped: optional dependency "db" failed to start\n')


def test_plain_dry_run_prefix_and_tail():
    out = io.StringIO()
    w = progress.PlainWriter(out, dry_run=True)
    w.event(progress.stopped("Container p-web-1"))
    w.tail("hello")
    assert out.getvalue() == " DRY-RUN MODE -  Container p-web-1  Stopped\n DRY-RUN MODE - hello\n"


def test_json_lines():
    out = io.StringIO()
    w = progress.JsonWriter(out)
    w.event(progress.created("Container p-web-1"))
    w.tail("done")
    assert out.getvalue() == ('{"id":"Container p-web-1","status":"Created"}\n'
                              '{"tail":true,"text":"done"}\n')


def test_quiet_writes_nothing():
    w = progress.make_writer(io.StringIO(), progress.MODE_QUIET)
    w.event(progress.created("x"))
    assert isinstance(w, progress.QuietWriter)


V2_FINAL_FRAME = (
    '\x1b[1A\x1b[1A\x1b[1A\x1b[1A\x1b[1A\x1b[1A\x1b[0G\x1b[?25l\x1b[34m[+] Running 5/5\x1b[0m\n'
    ' \x1b[32m✔\x1b[0m Network h5b_default     \x1b[32mCreated\x1b[0m' + ' ' * 61 + '\x1b[34m0.1s \x1b[0m\n'
    ' \x1b[32m✔\x1b[0m Volume h5b_data         \x1b[32mCreated\x1b[0m' + ' ' * 61 + '\x1b[34m0.0s \x1b[0m\n'
    ' \x1b[32m✔\x1b[0m Container h5b-init-1    \x1b[32mExited\x1b[0m' + ' ' * 62 + '\x1b[34m0.8s \x1b[0m\n'
    ' \x1b[32m✔\x1b[0m Container h5b-web-1     \x1b[32mHealthy\x1b[0m' + ' ' * 61 + '\x1b[34m2.5s \x1b[0m\n'
    ' \x1b[32m✔\x1b[0m Container h5b-client-1  \x1b[32mStarted\x1b[0m' + ' ' * 61 + '\x1b[34m2.7s \x1b[0m\n'
    '\x1b[?25h')


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_tty_final_frame_matches_v2():
    clock = Clock()
    out = io.StringIO()
    w = progress.TTYWriter(out, "Running", size=lambda: (100, 30), clock=clock, ticker=False)
    net, vol = "Network h5b_default", "Volume h5b_data"
    init, web, client = "Container h5b-init-1", "Container h5b-web-1", "Container h5b-client-1"
    w.event(progress.creating(net)); clock.t += 0.1; w.event(progress.created(net))
    w.event(progress.creating(vol)); w.event(progress.created(vol))
    for c in (init, web, client):
        w.event(progress.creating(c)); w.event(progress.created(c))
    w.event(progress.starting(init)); w.draw()
    clock.t += 0.8; w.event(progress.started(init))
    w.event(progress.waiting(init)); w.event(progress.exited(init))  # a change of status only: end stays
    w.event(progress.starting(web))
    clock.t += 1.7; w.event(progress.healthy(web))
    w.event(progress.starting(client)); clock.t += 0.2; w.event(progress.started(client))
    out.truncate(0), out.seek(0)
    w.draw()
    got = out.getvalue()
    # the elapsed times follow v2's rules: start at the first event, end at the first switch to done
    assert got == V2_FINAL_FRAME


def test_tty_line_layout():
    clock = Clock()
    out = io.StringIO()
    w = progress.TTYWriter(out, "Running", size=lambda: (100, 30), clock=clock, ticker=False)
    for c in ("Network h5b_default", "Volume h5b_data", "Container h5b-init-1", "Container h5b-web-1",
              "Container h5b-client-1"):
        w.event(progress.created(c))
    w.draw()  # first frame: one line up, one down
    assert out.getvalue().startswith("\x1b[1A\x1b[1B\x1b[0G\x1b[?25l[+] Running 5/5\n")
    out.truncate(0), out.seek(0)
    w.event(progress.healthy("Container h5b-web-1"))
    w.event(progress.exited("Container h5b-init-1"))
    w.event(progress.started("Container h5b-client-1"))
    w.draw()
    frame = out.getvalue()
    lines = frame.split("\n")
    assert lines[0].endswith("\x1b[34m[+] Running 5/5\x1b[0m")
    assert lines[1] == (' \x1b[32m✔\x1b[0m Network h5b_default     \x1b[32mCreated\x1b[0m' + ' ' * 61
                        + '\x1b[34m0.0s \x1b[0m')
    assert lines[3].startswith(' \x1b[32m✔\x1b[0m Container h5b-init-1    \x1b[32mExited\x1b[0m')


def test_tty_working_spinner_and_warning_marks():
    clock = Clock()
    out = io.StringIO()
    w = progress.TTYWriter(out, "Stopping", size=lambda: (80, 30), clock=clock, ticker=False)
    w.event(progress.stopping("Container p-a-1"))
    w.event(progress.Event("Network p_default", progress.WARNING, "Resource is still in use"))
    w.event(progress.error("Container p-b-1", "Error while Stopping"))
    w.draw()
    text = out.getvalue()
    assert "[+] Stopping 2/3\n" in text
    assert " \x1b[33m⠋\x1b[0m Container p-a-1    Stopping" in text
    assert " \x1b[33m\x1b[1m!\x1b[0m Network p_default  \x1b[33m\x1b[1mResource is still in use\x1b[0m" in text
    assert " \x1b[31m\x1b[1m✘\x1b[0m Container p-b-1    \x1b[31m\x1b[1mError while Stopping\x1b[0m" in text


def test_tty_no_color():
    out = io.StringIO()
    w = progress.TTYWriter(out, "Running", size=lambda: (60, 30), clock=Clock(), ticker=False,
                           colors=progress.NO_COLORS)
    w.event(progress.created("Container p-a-1"))
    w.stop()
    assert "\x1b[3" not in out.getvalue()
    assert " ✔ Container p-a-1  Created" in out.getvalue()


@pytest.mark.parametrize("prog, ansi, env, want", [
    (None, "auto", {}, "auto"),
    ("plain", "auto", {}, "plain"),
    (None, "never", {}, "plain"),
    (None, "always", {}, "tty"),
    (None, "auto", {"COMPOSE_PROGRESS": "quiet"}, "quiet"),
    ("none", "auto", {}, "quiet"),
    ("json", "auto", {}, "json"),
    (None, "auto", {"COMPOSE_ANSI": "never"}, "plain"),
])
def test_resolve_mode(prog, ansi, env, want):
    assert progress.resolve_mode(prog, ansi, env) == want


@pytest.mark.parametrize("prog, ansi, message", [
    ("tty", "never", "can't use --progress tty while ANSI support is disabled"),
    ("plain", "always", "can't use --progress plain while ANSI support is forced"),
    ("fancy", "auto", 'unsupported --progress value "fancy"'),
])
def test_resolve_mode_errors(prog, ansi, message):
    with pytest.raises(ComposeError, match=message.replace("(", r"\(")):
        progress.resolve_mode(prog, ansi, {})


def test_logrus_warning_off_terminal():
    line = progress.logrus_line("warning", 'Warning: No resource found to remove for project "p".', tty=False,
                                now=0)
    assert line.endswith(' level=warning msg="Warning: No resource found to remove for project \\"p\\"."\n')
    assert line.startswith('time="19')


def test_logrus_warning_on_terminal():
    line = progress.logrus_line("warning", "x", tty=True, colors=False, now=progress._START)
    assert line == "WARN[0000] x" + " " * 43 + " \n"
