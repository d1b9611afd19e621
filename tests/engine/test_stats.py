"""`stats` against the real engine, side by side with docker's.

Containers are ours (prefix pdd-, the session label); list-mode runs are narrowed to them with
--filter label=..., since other engineers' tests create containers at the same time. The workloads
keep a fixed process count (PIDs equal exactly) and stay idle (CPU % within sampling noise).
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

import pytest

from tests.conftest import ROOT, run_docker, run_pydock
from tests.engine.conftest import LABEL, Objects
from tests.engine.differential import as_pydock

SUFFIX = LABEL[-6:]
ONE = ("sleep", "300")
THREE = ("sh", "-c", "sleep 300 & sleep 300 & wait")  # sh + 2 sleeps: 3 PIDs
MODULE_LABEL = f"pydock.test.stats={LABEL.partition('=')[2]}"  # other modules' containers share LABEL
FILTER = ("--filter", f"label={MODULE_LABEL}")


def name(role: str) -> str:
    return f"pdd-{role}-{SUFFIX}"


@pytest.fixture(scope="module")
def pair():
    o = Objects()
    names = [name("s1"), name("s3")]
    o.container("--name", names[0], "--label", MODULE_LABEL, run=True, cmd=ONE)
    o.container("--name", names[1], "--label", MODULE_LABEL, "--memory", "64m", run=True, cmd=THREE)
    time.sleep(1.0)  # let the shell start both sleeps
    yield names
    run_docker("rm", "-f", *names)


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DOCKER_HOST", None)
    for name in ("COLUMNS", "LINES"):  # pytest-xdist workers set 80x24; a terminal's size is its pty's
        env.pop(name, None)
    return env


def _argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "pydock", *args]


# -- --no-stream agrees with docker ----------------------------------------------------------------------

def test_no_stream_names_and_pids_equal_docker(pair):
    args = ("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", *pair)
    theirs, ours = run_docker(*args), run_pydock(*args)
    assert ours.returncode == theirs.returncode == 0, (ours, theirs)
    assert ours.stdout == theirs.stdout
    assert ours.stdout == f"{pair[0]} 1\n{pair[1]} 3\n"
    assert ours.stderr == ""


def _cells(line: str) -> list[str]:
    return re.split(r" {2,}", line.strip())


def _kib(text: str) -> float:
    value, unit = re.fullmatch(r"([0-9.e+]+)([KMG]?i?B)", text).groups()
    return float(value) * {"B": 1 / 1024, "KiB": 1, "MiB": 1024, "GiB": 1024 ** 2}[unit]


def test_default_table_agrees_with_docker(pair):
    theirs, ours = run_docker("stats", "--no-stream", *pair), run_pydock("stats", "--no-stream", *pair)
    assert ours.returncode == theirs.returncode == 0, (ours, theirs)
    d, p = theirs.stdout.splitlines(), ours.stdout.splitlines()
    assert p[0] == d[0]  # the header, byte for byte
    assert len(p) == len(d) == 3
    for dl, pl in zip(d[1:], p[1:]):
        dc, pc = _cells(dl), _cells(pl)
        assert len(pc) == len(dc) == 8, (dl, pl)
        assert pc[0] == dc[0] and pc[1] == dc[1] and pc[7] == dc[7]  # ID, NAME, PIDS
        assert abs(float(pc[2].rstrip("%")) - float(dc[2].rstrip("%"))) < 5.0  # idle: sampling noise only
        pused, plimit = pc[3].split(" / ")
        dused, dlimit = dc[3].split(" / ")
        assert plimit == dlimit
        assert abs(_kib(pused) - _kib(dused)) <= max(256, 0.25 * _kib(dused))
        assert pc[6] == dc[6]  # BLOCK I/O of idle containers
        assert pc[5].split(" / ")[1] == dc[5].split(" / ")[1]  # nothing sent


def test_json_and_no_trunc(pair):
    args = ("stats", "--no-stream", "--no-trunc", "--format", "{{.ID}} {{.Container}} {{.Name}}", pair[0])
    theirs, ours = run_docker(*args), run_pydock(*args)
    assert ours.stdout == theirs.stdout and len(ours.stdout.split()[0]) == 64
    theirs = run_docker("stats", "--no-stream", "--format", "json", pair[1])
    ours = run_pydock("stats", "--no-stream", "--format", "json", pair[1])
    import json

    dj, pj = json.loads(theirs.stdout), json.loads(ours.stdout)
    assert list(pj) == list(dj)
    for key in ("Container", "ID", "Name", "PIDs", "BlockIO"):
        assert pj[key] == dj[key]
    assert pj["MemUsage"].split(" / ")[1] == dj["MemUsage"].split(" / ")[1] == "64MiB"


def test_stats_format_from_config(pair, tmp_path):
    (tmp_path / "config.json").write_text('{"statsFormat": "table {{.Name}}\\t{{.PIDs}}"}')
    args = ("--config", str(tmp_path), "stats", "--no-stream", *pair)
    theirs, ours = run_docker(*args), run_pydock(*args)
    assert ours.stdout == theirs.stdout
    assert ours.stdout.splitlines()[0].split() == ["NAME", "PIDS"]


def test_list_mode_with_filter_matches_docker_with_names(pair):
    ours = run_pydock("stats", "--no-stream", *FILTER, "--sort", "name", "--format", "{{.Name}} {{.PIDs}}")
    theirs = run_docker("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", *sorted(pair))
    assert ours.returncode == 0, ours
    assert ours.stdout == theirs.stdout
    only = run_pydock("stats", "--no-stream", *FILTER, "--filter", f"name={pair[1]}", "--format", "{{.Name}}")
    assert only.stdout == f"{pair[1]}\n"


def test_sort_pids_descending(pair):
    ours = run_pydock("stats", "--no-stream", *FILTER, "--sort", "pids", "--format", "{{.Name}} {{.PIDs}}")
    assert ours.stdout == f"{pair[1]} 3\n{pair[0]} 1\n"


# -- bad input: docker's errors, nothing printed, nothing created -------------------------------------------

def test_unknown_container_is_docker_error(pair):
    for args in (("stats", "--no-stream", "pdd-nosuch"), ("stats", "--no-stream", pair[0], "pdd-nosuch", "pdd-nosuch2"),
                 ("container", "stats", "--no-stream", "pdd-nosuch")):
        theirs, ours = run_docker(*args), run_pydock(*args)
        assert ours.returncode == theirs.returncode == 1, (ours, theirs)
        assert ours.stdout == theirs.stdout == ""
        assert ours.stderr == as_pydock(theirs.stderr)


def test_unknown_container_while_streaming_fails_too():
    ours = run_pydock("stats", "pdd-nosuch", timeout=20)
    assert ours.returncode == 1 and ours.stdout == ""
    assert ours.stderr == "Error response from daemon: No such container: pdd-nosuch\n"


def test_unknown_filter_key_is_the_daemons_ps_error():
    theirs = run_docker("ps", "--filter", "bogus=1")
    ours = run_pydock("stats", "--no-stream", "--filter", "bogus=1")
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr == theirs.stderr and ours.stdout == ""
    ours = run_pydock("stats", "--filter", "bogus=1", timeout=20)
    assert ours.returncode == 1 and ours.stderr == theirs.stderr


@pytest.mark.parametrize("args, why", [
    (("--count", "0"), 'invalid argument "0" for "--count" flag: must be a positive integer'),
    (("--count", "-1"), 'invalid argument "-1" for "--count" flag: must be a positive integer'),
    (("--count", "x"), 'invalid argument "x" for "--count" flag: strconv.ParseInt: parsing "x": invalid syntax'),
    (("--interval", "0"), 'invalid argument "0" for "--interval" flag: must be a positive number of seconds'),
    (("--interval", "abc"), 'invalid argument "abc" for "--interval" flag: must be a positive number of seconds'),
    (("--interval", "-2"), 'invalid argument "-2" for "--interval" flag: must be a positive number of seconds'),
    (("--sort", "size"), 'invalid argument "size" for "--sort" flag: must be one of "cpu", "mem", "net", "io", '
                         '"pids", "name"'),
    (("--filter", "nokey"), 'invalid argument "nokey" for "-f, --filter" flag: bad format of filter (expected name=value)'),
])
def test_bad_flag_values(args, why):
    ours = run_pydock("stats", "--no-stream", *args)
    assert ours.returncode == 125, ours
    assert ours.stderr.startswith(why + "\n\nUsage:  pydock stats [OPTIONS] [CONTAINER...]\n"), ours
    assert ours.stdout == ""


def test_bad_template_is_dockers_message(pair):
    for fmt in ("{{.Bogus}}", "{{.Name"):
        theirs = run_docker("stats", "--no-stream", "--format", fmt, pair[0])
        ours = run_pydock("stats", "--no-stream", "--format", fmt, pair[0])
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_filter_with_container_arguments_is_refused(pair):
    ours = run_pydock("stats", "--no-stream", *FILTER, pair[0])
    assert ours.returncode == 1
    assert ours.stderr == "filtering is not supported when specifying a list of containers\n"


# -- streaming off a terminal -------------------------------------------------------------------------------

def test_count_with_template_prints_one_line_per_container_per_sample(pair):
    ours = run_pydock("stats", "--count", "3", "--interval", "0.2", "--format", "{{.Name}} {{.PIDs}}", *pair,
                      timeout=30)
    assert ours.returncode == 0, ours
    assert ours.stdout == f"{pair[0]} 1\n{pair[1]} 3\n" * 3
    assert "\x1b" not in ours.stdout + ours.stderr


def test_piped_table_is_timestamped_blocks_without_control_codes(pair):
    ours = run_pydock("stats", "--count", "2", "--interval", "0.3", *pair, timeout=30)
    assert ours.returncode == 0, ours
    assert "\x1b" not in ours.stdout
    blocks = ours.stdout.split("\n\n")
    assert blocks[-1] == "" and len(blocks) == 3
    for block in blocks[:2]:
        lines = block.splitlines()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", lines[0])
        assert lines[1].startswith("CONTAINER ID   NAME ")
        assert [_cells(x)[1] for x in lines[2:]] == pair


def _read_until(proc, pattern: str, timeout: float) -> str:
    """Read proc.stdout (line by line) until `pattern` shows up; the text read so far."""
    text = ""
    deadline = time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline and pattern not in text:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            data = os.read(fd, 65536).decode()
            if not data:
                break
            text += data
    return text


def test_a_container_removed_while_streamed_ends_the_stream():
    o = Objects()
    victim = name("victim")
    o.container("--name", victim, "--label", MODULE_LABEL, run=True, cmd=ONE)
    proc = subprocess.Popen(_argv("stats", "--interval", "0.2", "--format", "{{.Name}} {{.PIDs}}", victim),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    try:
        seen = _read_until(proc, f"{victim} 1\n", 15)
        assert f"{victim} 1\n" in seen
        run_docker("rm", "-f", victim)
        rc = proc.wait(timeout=15)
        rest = proc.stdout.read().decode()
        err = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        run_docker("rm", "-f", victim)
    assert rc == 0, err
    assert "Traceback" not in err and err == ""
    assert rest.splitlines()[-1] == f"{victim} --"  # its last row is marked invalid, as docker marks it


def test_list_mode_follows_events_start_and_die():
    """Without arguments, a container that starts appears and one that dies goes (docker's events)."""
    late = name("late")
    proc = subprocess.Popen(_argv("stats", *FILTER, "--filter", f"name={late}", "--interval", "0.2",
                                  "--count", "150", "--format", "{{.Name}}"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    try:
        time.sleep(1.5)  # subscribed and listed: nothing of ours named so yet
        Objects().container("--name", late, "--label", MODULE_LABEL, run=True, cmd=ONE)
        seen = _read_until(proc, f"{late}\n", 15)
        assert f"{late}\n" in seen
        run_docker("kill", late)
        time.sleep(2.0)
        _read_until(proc, "\n", 0.5)
        after = _read_until(proc, "never", 1.5)
        assert after == ""  # no rows: it was removed on `die`
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=10)
        assert rc == 130
        assert "Traceback" not in proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        run_docker("rm", "-f", late)


# -- the live view on a terminal ----------------------------------------------------------------------------

def test_live_view_redraws_in_place_and_ctrl_c_restores_the_terminal(pair):
    pid, fd = pty.fork()
    if pid == 0:  # the child: pydock on the pty, sized before it starts (the parent could lose that race)
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
        os.chdir(ROOT)
        os.execvpe(sys.executable, _argv("stats", "--interval", "0.3", *pair), _env())
    out = b""
    start = time.monotonic()
    interrupted = False
    status = None
    try:
        while time.monotonic() - start < 25:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                out += data
            if not interrupted and out.count(b"CPU HISTORY") >= 14:
                os.kill(pid, signal.SIGINT)
                interrupted = True
        if not interrupted:  # too few frames in the time allowed: fail below, never wait on a live view
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    assert interrupted, out[-2000:]
    assert os.waitstatus_to_exitcode(status) == 130
    text = out.decode("utf-8", "replace")
    assert text.startswith("\x1b[?25l")  # the cursor is hidden while the view runs ...
    assert text.rstrip("\r\n").endswith("\x1b[?25h")  # ... and shown again after Ctrl-C
    assert "\x1b[2J" not in text  # frames are redrawn in place, never by clearing the screen
    assert text.count("\x1b[1A") >= 5 * 2  # 5 redraws, each moving up over the 2 lines above the last
    frames = [f for f in text.split("CONTAINER ID") if pair[1] in f]
    assert len(frames) >= 6
    last = frames[-1]
    assert "MEM HISTORY" in text and re.search(r"[▁▂▃▄▅▆▇█]{3,}", last)
    assert "Traceback" not in text


# -- the daemon going away mid-stream ------------------------------------------------------------------------

class _DyingDaemon:
    """A unix-socket HTTP server that answers /_ping, then streams one stats sample (or one event)
    and drops the connection in the middle of the chunked body, as a daemon that dies would."""

    SAMPLE = (b'{"read":"2026-01-01T00:00:01Z","name":"/ghost","id":"' + b"ab" * 32 +
              b'","pids_stats":{"current":2},"memory_stats":{"usage":1024,"limit":4096},"cpu_stats":{},'
              b'"precpu_stats":{}}\n')
    EVENT = (b'{"Type":"container","Action":"start","Actor":{"ID":"' + b"ab" * 32 + b'","Attributes":{}},'
             b'"scope":"local","time":1,"timeNano":1000000000}\n')

    def __init__(self, path: str):
        import socket
        import threading

        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(16)
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        import threading

        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                conn.close()
                return
            data += chunk
        line = data.split(b"\r\n", 1)[0].decode()
        method, target = line.split()[:2]
        if "/_ping" in target:
            body = b"" if method == "HEAD" else b"OK"
            conn.sendall(b"HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\nConnection: close\r\n\r\n" + body)
        else:
            payload = self.EVENT if "/events" in target else self.SAMPLE
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
            time.sleep(1.5)
        conn.close()

    def close(self):
        self.stop = True
        self.sock.close()


@pytest.mark.parametrize("args", [("stats", "--interval", "0.2", "--format", "{{.Name}} {{.PIDs}}", "ghost"),
                                  ("events",)])
def test_daemon_going_away_mid_stream_is_one_clear_line(tmp_path, args):
    sock = str(tmp_path / "d.sock")
    daemon = _DyingDaemon(sock)
    try:
        ours = run_pydock("-H", f"unix://{sock}", *args, timeout=30)
    finally:
        daemon.close()
    assert ours.returncode == 1, ours
    assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr
    # docker's words for a body cut short (`docker events` prints the same; `docker stats` waits forever)
    assert ours.stderr == "unexpected EOF\n", ours
    first = "ghost 2" if args[0] == "stats" else "container start " + "ab" * 32
    assert ours.stdout.splitlines()[0].endswith(first)
