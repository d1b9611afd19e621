"""Differential: attached `compose up` (the default mode), v2.40.3 against pydock.

On a pipe: the log lines (stdout), the status lines (stderr) and the exit status of `up` with the
cascade and output flags. In a pseudo-terminal: the coloured `web-1  | ` prefixes, the first Ctrl-C
(SIGINT to the process group) stopping the project with v2's lines and exit status 130, a second one
killing it. v2 runs as `<name>v`, pydock as `<name>`; `COMPOSE_MENU=false` keeps v2's keyboard menu
(which needs /dev/tty) out of the comparison.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections import Counter

import pytest

from tests.compose_oracle import compose_binary
from tests.conftest import _env, run_docker
from tests.engine.compose.test_up_down import lines, ours, theirs_name, unify, v2

IMAGE = "pydock-test/busybox:latest"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

CASCADE = f"""\
services:
  a:
    image: {IMAGE}
    command: ["sh", "-c", "echo a1; sleep 2; echo a2 >&2; exit 2"]
  b:
    image: {IMAGE}
    command: ["sh", "-c", "echo b says hi"]
  c:
    image: {IMAGE}
    command: ["sh", "-c", "echo c up; exec sleep 300"]
    stop_grace_period: 1s
"""

# `quick` prints at once and exits (its output must not be lost); `long` runs until stopped
SIGNAL = f"""\
services:
  quick:
    image: {IMAGE}
    command: ["sh", "-c", "echo quick line one; echo quick err >&2"]
  long:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 3' TERM; echo long started; while true; do sleep 0.2; done"]
    depends_on: [quick]
"""

# both ignore SIGTERM (sleep as PID 1): only a kill ends them before the grace period
STUBBORN = f"""\
services:
  slow:
    image: {IMAGE}
    command: ["sh", "-c", "echo slow started; exec sleep 300"]
    stop_grace_period: 8s
  other:
    image: {IMAGE}
    command: ["sh", "-c", "echo other started; exec sleep 300"]
    stop_grace_period: 8s
"""

ENV = {"COMPOSE_MENU": "false"}


def project_dir(tmp_path, text: str):
    d = tmp_path / "proj"
    d.mkdir(exist_ok=True)
    (d / "compose.yaml").write_text(text)
    return d


def side_by_side(p: str, *args, cwd, env=ENV):
    """The same command through v2 and pydock at the same time (distinct projects): (v2, pydock)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        t = pool.submit(v2, p, *args, cwd=cwd, env=env)
        o = pool.submit(ours, p, *args, cwd=cwd, env=env)
        return t.result(), o.result()


def down_both(p: str, cwd) -> None:
    side_by_side(p, "down", "-t", "0", cwd=cwd)


def by_prefix(text: str) -> dict[str, list[str]]:
    """Log lines grouped by their `name  | ` prefix, in order (one container's lines keep their order);
    other lines are left out (their order across containers is the engine's)."""
    out: dict[str, list[str]] = {}
    for line in lines(text):
        m = re.match(r"^(\S+)\s+\| ", line)
        if m:
            out.setdefault(m.group(1), []).append(line)
    return out


# -- on a pipe --------------------------------------------------------------------------------------

PIPE_CASES = [
    ("--abort-on-container-failure",),
    ("--abort-on-container-exit",),
    ("--exit-code-from", "a"),
    ("--no-log-prefix", "--abort-on-container-exit"),
    # (--no-color on a pipe changes nothing: it is tested in a terminal below)
    ("--attach", "a", "--abort-on-container-exit"),
    ("--no-attach", "c", "--no-attach", "b", "--abort-on-container-exit"),
    ("--attach", "a", "--attach", "b", "--abort-on-container-failure"),
    ("--timestamps", "--abort-on-container-failure"),
]


def _no_timestamps(text: str) -> str:
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", "TS", text)


@pytest.mark.parametrize("args", PIPE_CASES, ids=[" ".join(a) for a in PIPE_CASES])
def test_attached_flags_match_v2(compose_project, tmp_path, args):
    p = compose_project
    cwd = project_dir(tmp_path, CASCADE)
    try:
        t, o = side_by_side(p, "up", *args, cwd=cwd)
    finally:
        down_both(p, cwd)
    assert o.returncode == t.returncode, (t, o)
    assert "Traceback" not in o.stderr
    assert "\x1b" not in o.stdout  # a pipe: no colour
    # v2 writes `\r\x1b[K` before `x-1 exited with code N` even on a pipe (read in text mode, the
    # `\r` is a line end); pydock writes no control codes on a pipe
    t_out, o_out = _no_timestamps(t.stdout.replace("\x1b[K", "")), _no_timestamps(o.stdout)
    assert Counter(lines(o_out)) == Counter(lines(t_out)), f"\n--- v2\n{t.stdout}--- pydock\n{o.stdout}"
    assert by_prefix(o_out) == by_prefix(t_out)
    if "--timestamps" in args:
        assert re.search(r"^a-1  \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z a1$", o.stdout, re.M), o.stdout
    assert Counter(lines(_no_timestamps(o.stderr))) == Counter(lines(_no_timestamps(unify(t.stderr, p)))), f"\n--- v2\n{t.stderr}--- pydock\n{o.stderr}"


def test_early_output_is_not_lost(compose_project, tmp_path):
    """A service that prints at once and exits: attach happens before start, so every line is there."""
    p = compose_project
    cwd = project_dir(tmp_path, f"services:\n  fast:\n    image: {IMAGE}\n"
                               "    command: [sh, -c, 'for i in 1 2 3 4 5; do echo line $$i; done']\n")
    try:
        t, o = side_by_side(p, "up", cwd=cwd)
    finally:
        down_both(p, cwd)
    assert o.returncode == t.returncode == 0
    assert o.stdout == t.stdout.replace("\x1b[K", "").replace("\n\n", "\n")  # see test_attached_flags_match_v2
    assert lines(o.stdout) == ["Attaching to fast-1"] + [f"fast-1  | line {i}" for i in range(1, 6)] + \
        ["fast-1 exited with code 0"]


# -- in a pseudo-terminal -----------------------------------------------------------------------------

def in_pty(argv: list[str], cwd, env: dict, *, wait_for: tuple[bytes, ...], signals: int, gap: float = 1.0,
           timeout: float = 60) -> tuple[int, str, float]:
    """Run `argv` on a fresh 100x24 pseudo-terminal in its own session; once all of `wait_for` was printed,
    send `signals` SIGINTs to its process group `gap` seconds apart. (status, output, seconds from the
    first SIGINT to the end)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=str(cwd), env=_env(env),
                            start_new_session=True)
    os.close(slave)
    buf = b""
    sent, last, first_at = 0, 0.0, None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the slave side is closed
                    break
                if not data:
                    break
                buf += data
            now = time.monotonic()
            if sent < signals and all(w in buf for w in wait_for) and now - last > gap:
                if sent == 0:
                    time.sleep(0.5)  # let the log lines that follow settle
                os.killpg(proc.pid, signal.SIGINT)
                sent, last = sent + 1, time.monotonic()
                first_at = first_at or last
    finally:
        os.close(master)
    status = proc.wait(timeout=timeout)
    return status, buf.decode(errors="replace"), time.monotonic() - (first_at or time.monotonic())


def pydock_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "pydock", "compose", *args]


def after_attach(text: str) -> str:
    """What follows the progress display: from `Attaching to` on."""
    i = text.index("Attaching to")
    return text[i:]


def plain(text: str) -> str:
    """Without control codes, and the prefix padding made one space: v2.40 sizes the prefix column by
    the names seen so far (it grows as containers first print), pydock by every attached name up
    front (v2 <= 2.38, stable); the colours of the two can differ for the same reason."""
    text = ANSI.sub("", text).replace("\r", "")
    return re.sub(r"(?m)^(\S+) +\| ", r"\1 | ", text)


def prefix_colours(text: str) -> dict[str, set[str]]:
    """The colour sequence of each `name  | ` prefix."""
    out: dict[str, set[str]] = {}
    for colour, name in re.findall(r"(\x1b\[[0-9;]+m)([\w.-]+)\s+\| \x1b\[0m", text):
        out.setdefault(name, set()).add(colour)
    return out


@pytest.fixture
def signal_project(compose_project, tmp_path):
    cwd = project_dir(tmp_path, SIGNAL)
    yield compose_project, cwd
    down_both(compose_project, cwd)


def test_first_ctrl_c_stops_gracefully_like_v2(signal_project):
    p, cwd = signal_project
    t_rc, t_out, _ = in_pty([str(compose_binary()), "-p", theirs_name(p), "up"], cwd, ENV,
                            wait_for=(b"long started",), signals=1)
    o_rc, o_out, _ = in_pty(pydock_argv("-p", p, "up"), cwd, ENV, wait_for=(b"long started",), signals=1)
    assert o_rc == t_rc == 130
    assert "Traceback" not in o_out
    t_tail, o_tail = after_attach(unify(t_out, p)), after_attach(o_out)
    # the same lines (order across containers is the engine's), each container's in the same order
    assert Counter(lines(plain(o_tail))) == Counter(lines(plain(t_tail))), f"\n--- v2\n{t_tail!r}\n--- pydock\n{o_tail!r}"
    assert "Gracefully Stopping... press Ctrl+C again to force\r\n" in o_tail
    for name in ("long", "quick"):  # stop events: status lines inside the log stream, as v2 writes them
        for status in ("Stopping", "Stopped"):
            line = f"\r\x1b[K Container {p}-{name}-1  \x1b[32m{status}\x1b[0m\r\n"
            assert line in t_tail and line in o_tail, line
    assert lines(plain(o_tail))[0] == "Attaching to long-1, quick-1"
    assert "quick-1 | quick line one" in plain(o_tail)  # printed at once, not lost
    assert "quick-1  | " in o_tail and "long-1   | " in o_tail  # one column for every prefix
    # one colour per service, from v2's palette; no uncoloured prefix
    o_col, t_col = prefix_colours(o_tail), prefix_colours(t_tail)
    assert set(o_col) == set(t_col) == {"quick-1", "long-1"}
    assert all(len(c) == 1 for c in o_col.values()), o_col
    assert set().union(*o_col.values()) == set().union(*t_col.values())
    assert re.search(r"\x1b\[3\dm\r\x1b\[Kquick-1 exited with code 0\r\n\x1b\[0m", o_tail), repr(o_tail)


@pytest.mark.parametrize("env, flags", [({"NO_COLOR": "1"}, ()), ({}, ("--no-color",))], ids=["NO_COLOR", "--no-color"])
def test_no_colour_in_a_terminal(signal_project, env, flags):
    p, cwd = signal_project
    env = {**ENV, **env}
    t_rc, t_out, _ = in_pty([str(compose_binary()), "-p", theirs_name(p), "up", *flags], cwd, env,
                            wait_for=(b"long started",), signals=1)
    o_rc, o_out, _ = in_pty(pydock_argv("-p", p, "up", *flags), cwd, env, wait_for=(b"long started",), signals=1)
    assert o_rc == t_rc == 130
    t_tail, o_tail = after_attach(unify(t_out, p)), after_attach(o_out)
    for tail in (o_tail, t_tail):
        log_lines = [x for x in tail.split("\r\n") if " | " in x or " exited with code " in x]
        assert log_lines and not any(re.search(r"\x1b\[[0-9;]*m", x) for x in log_lines), repr(tail)
        if "NO_COLOR" in env:  # no colour at all; --no-color leaves the status lines' colours to progress
            assert not re.search(r"\x1b\[[0-9;]*m", tail), repr(tail)
    # the very same bytes per line (colour codes included; prefix padding as in plain()), in any order
    # across containers
    pad = lambda x: re.sub(r"^(\S+) +\| ", r"\1 | ", x)  # noqa: E731
    assert Counter(map(pad, o_tail.split("\r\n"))) == Counter(map(pad, t_tail.split("\r\n"))), f"\n--- v2\n{t_tail!r}\n--- pydock\n{o_tail!r}"


def test_second_ctrl_c_kills(compose_project, tmp_path):
    """Services that ignore SIGTERM with an 8 s grace period: the second Ctrl-C kills them at once.
    (v2.40.3 means to do the same, pkg/compose/up.go, but in this setup it waits the grace period
    out; its exit status and lines are what is compared.)"""
    p = compose_project
    cwd = project_dir(tmp_path, STUBBORN)
    try:
        o_rc, o_out, o_secs = in_pty(pydock_argv("-p", p, "up"), cwd, ENV, wait_for=(b"other started", b"slow started"),
                                     signals=2, gap=1.5)
        t_rc, t_out, _ = in_pty([str(compose_binary()), "-p", theirs_name(p), "up"], cwd, ENV,
                                wait_for=(b"other started", b"slow started"), signals=2, gap=1.5)
        states = run_docker("ps", "-a", "--filter", f"label=com.docker.compose.project={p}",
                            "--format", "{{.Names}} {{.State}} {{.Status}}").stdout
    finally:
        down_both(p, cwd)
    assert o_rc == t_rc == 130
    assert "Traceback" not in o_out
    assert o_secs < 6, f"the second Ctrl-C did not kill: {o_secs:.1f}s"
    assert sorted(s.split(" ")[0] for s in states.splitlines()) == [f"{p}-other-1", f"{p}-slow-1"], states
    assert all(" exited Exited (137)" in s for s in states.splitlines()), states
    t_tail, o_tail = after_attach(unify(t_out, p)), after_attach(o_out)
    assert Counter(lines(plain(o_tail))) == Counter(lines(plain(t_tail))), f"\n--- v2\n{t_tail!r}\n--- pydock\n{o_tail!r}"
