"""`pydock run` against the real engine, with `docker run` as the oracle where output is deterministic.

Non-interactive runs go through pipes; interactive ones (`-it`, detach keys, raw mode, resize,
Ctrl-C) through a pseudo-terminal (`Pty`). Every container carries the session label and, where a test
must count what is left behind, a label of its own. Names start with `pdtC-`.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest

from tests.conftest import ROOT, _env, run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock, assert_same

TAG = uuid.uuid4().hex[:8]
pytestmark = pytest.mark.usefixtures("remove_module_containers")
TRAP_INT = 'trap "echo got INT; exit 9" INT; i=0; while [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done'


def case_label() -> str:
    """A label of the test's own, to count what it leaves behind."""
    return f"pdtC.case={uuid.uuid4().hex[:12]}"


def left_behind(case: str) -> list[str]:
    return run_docker("ps", "-aq", "--filter", f"label={case}").stdout.split()


def pydock_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "pydock", *args]


def until(predicate, timeout: float = 10.0, step: float = 0.05):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def state(name: str) -> str:
    r = run_docker("inspect", "--format", "{{.State.Status}}", name)
    return r.stdout.strip() if r.returncode == 0 else ""


class Pty:
    """A program on a pseudo-terminal of its own (its controlling terminal, 30x100 by default)."""

    def __init__(self, argv: list[str], rows: int = 30, cols: int = 100):
        import fcntl
        import termios

        self.master, slave = os.openpty()
        self.resize(rows, cols)
        self.before = termios.tcgetattr(self.master)
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=_env(None), start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.output = b""

    def resize(self, rows: int, cols: int) -> None:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def read_until(self, pattern: bytes, timeout: float = 15.0, must: bool = True) -> bool:
        import select

        end = time.time() + timeout
        while pattern not in self.output and time.time() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    break
                if not data:
                    break
                self.output += data
        assert pattern in self.output or not must, self.output
        return pattern in self.output

    def ask(self, command: bytes, answer: bytes, tries: int = 20) -> None:
        """Send `command` until `answer` shows (the first resize races with the shell's first prompt)."""
        for _ in range(tries):
            self.write(command)
            if self.read_until(answer, timeout=0.5, must=False):
                return
        raise AssertionError(self.output)

    def wait(self, timeout: float = 20.0) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self.drain()

    def drain(self) -> None:
        import select

        while select.select([self.master], [], [], 0)[0]:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def terminal_restored(self) -> bool:
        import termios

        return termios.tcgetattr(self.master) == self.before

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


@pytest.fixture
def pty_session():
    sessions: list[Pty] = []

    def start(*args: str, rows: int = 30, cols: int = 100) -> Pty:
        session = Pty(pydock_argv(*args), rows, cols)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


# -- exit statuses -----------------------------------------------------------------------------------

@pytest.mark.parametrize("command, status", [(("true",), 0), (("sh", "-c", "exit 3"), 3),
                                             (("sh", "-c", "exit 42"), 42)])
def test_exit_status_of_the_container(command, status):
    r = assert_same("run", "--rm", "--label", LABEL, TEST_IMAGE, *command, input="")
    assert (r.returncode, r.stdout, r.stderr) == (status, "", "")


@pytest.mark.parametrize("command, status", [("/etc", 126), ("/nonexistent", 127), ("nonexistent-cmd", 127)])
def test_cannot_invoke_and_not_found(command, status):
    case = case_label()
    r = assert_same("run", "--rm", "--label", LABEL, "--label", case, TEST_IMAGE, command, input="")
    assert r.returncode == status
    assert r.stderr.startswith("pydock: Error response from daemon: ")
    assert r.stderr.endswith("\n\nRun 'pydock run --help' for more information\n")
    assert until(lambda: not left_behind(case))


def test_daemon_error_is_125():
    r = assert_same("run", "--rm", "--label", LABEL, "--pull", "never", f"pdtc-missing-{TAG}:1", "true", input="")
    assert r.returncode == 125
    assert r.stderr == (f"pydock: Error response from daemon: No such image: pdtc-missing-{TAG}:1\n\n"
                        "Run 'pydock run --help' for more information\n")


def test_name_conflict_matches_docker(objects):
    name = f"pdtC-conflict-{TAG}"
    objects.container("--name", name)
    r = assert_same("run", "--rm", "--label", LABEL, "--name", name, TEST_IMAGE, "true", input="")
    assert r.returncode == 125 and "is already in use" in r.stderr


def test_bad_flag_values_match_docker():
    assert_same("run", "--rm", "--pull", "bogus", TEST_IMAGE, "true", input="")
    assert_same("run", "-d", "-a", "stdout", "--label", LABEL, TEST_IMAGE, "true", input="")


def test_connection_failure_is_125():
    r = run_pydock("-H", "unix:///nonexistent/pdtC.sock", "run", "--rm", TEST_IMAGE, "true", input="")
    assert r.returncode == 125
    assert r.stderr.startswith("pydock: Cannot connect to the Docker daemon at unix:///nonexistent/pdtC.sock")


# -- streams -----------------------------------------------------------------------------------------

def test_stdout_and_stderr_are_kept_apart():
    r = assert_same("run", "--rm", "--label", LABEL, TEST_IMAGE, "sh", "-c",
                    "echo out; echo err >&2; printf 'no newline'; printf 'e2' >&2", input="")
    assert (r.stdout, r.stderr) == ("out\nno newline", "err\ne2")


def test_attach_only_some_streams():
    assert_same("run", "--rm", "-a", "stderr", "--label", LABEL, TEST_IMAGE, "sh", "-c", "echo out; echo err >&2",
                input="")
    assert_same("run", "--rm", "-a", "stdout", "--label", LABEL, TEST_IMAGE, "sh", "-c", "echo out; echo err >&2",
                input="")


def test_stdin_is_piped_and_closed_at_eof():
    r = assert_same("run", "--rm", "-i", "--label", LABEL, TEST_IMAGE, "sh", "-c", "cat; echo done",
                    input="line one\nline two")
    assert r.stdout == "line one\nline twodone\n"


def test_one_megabyte_of_stdin():
    data = ("0123456789abcdef" * 64 + "\n") * 1000  # 1,025,000 bytes
    r = run_pydock("run", "--rm", "-i", "--label", LABEL, TEST_IMAGE, "wc", "-c", input=data)
    assert (r.returncode, r.stdout.strip(), r.stderr) == (0, str(len(data)), "")


def test_stdin_not_attached_without_i():
    r = run_pydock("run", "--rm", "--label", LABEL, TEST_IMAGE, "cat", input="ignored")
    assert (r.returncode, r.stdout) == (0, "")


def test_tty_output_is_raw_and_merged():
    r = assert_same("run", "--rm", "-t", "--label", LABEL, TEST_IMAGE, "sh", "-c", "echo out; echo err >&2",
                    input="")
    assert r.stdout == "out\nerr\n" and r.stderr == ""  # text mode reads \r\n as \n


def test_tty_with_stdin_needs_a_terminal():
    r = assert_same("run", "--rm", "-it", "--label", LABEL, TEST_IMAGE, "true", input="")
    assert (r.returncode, r.stderr) == (1, "the input device is not a TTY\n")


def test_large_output_streams_in_flat_memory():
    """200 MB through stdout: counted as it arrives; pydock's peak RSS stays far below the volume.

    The peak is read in a small wrapper process that starts pydock and reads its output: Linux records the
    resident high-water mark of the memory a process replaces at exec into its maxrss, and subprocess starts
    children with vfork, so a child of this pytest worker would report the worker's own peak (which grows
    with the session: the test failed whenever the worker had passed 120 MB)."""
    size = 200 * 1024 * 1024
    probe = ("import os, subprocess, sys\n"
             "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)\n"
             "total = 0\n"
             "while chunk := p.stdout.read(1 << 20):\n"
             "    total += len(chunk)\n"
             "_, status, usage = os.wait4(p.pid, 0)\n"
             "print(os.waitstatus_to_exitcode(status), total, usage.ru_maxrss)\n")
    argv = pydock_argv("run", "--rm", "--label", LABEL, TEST_IMAGE, "head", "-c", str(size), "/dev/zero")
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=ROOT,
                         env=_env(None), timeout=300)
    code, total, peak_kib = (int(v) for v in out.stdout.split())
    assert code == 0, out.stderr
    assert total == size
    assert peak_kib < 120 * 1024, f"peak RSS {peak_kib} KiB"


# -- detached, --rm, --dry-run -----------------------------------------------------------------------

def test_detach_prints_the_full_id():
    case = case_label()
    r = run_pydock("run", "-d", "--label", LABEL, "--label", case, TEST_IMAGE, "sleep", "30", input="")
    assert r.returncode == 0 and r.stderr == ""
    assert re.fullmatch(r"[0-9a-f]{64}\n", r.stdout)
    assert state(r.stdout.strip()) == "running"
    run_docker("rm", "-f", r.stdout.strip())


def test_detach_with_start_failure_prints_id_then_error():
    args = ("run", "-d", "--rm", "--label", LABEL, TEST_IMAGE, "/nonexistent")
    theirs, ours = run_docker(*args, input=""), run_pydock(*args, input="")
    assert ours.returncode == theirs.returncode == 127
    assert ours.stderr == as_pydock(theirs.stderr)
    assert re.fullmatch(r"[0-9a-f]{64}\n", ours.stdout) and re.fullmatch(r"[0-9a-f]{64}\n", theirs.stdout)


def test_rm_leaves_nothing_behind():
    case = case_label()
    r = run_pydock("run", "--rm", "--label", LABEL, "--label", case, TEST_IMAGE, "sh", "-c", "echo bye; exit 5",
                   input="")
    assert (r.returncode, r.stdout) == (5, "bye\n")
    assert left_behind(case) == []  # the wait was for `removed`: gone before we exit


def test_dry_run_sends_nothing():
    name = f"pdtC-dry-{TAG}"
    r = run_pydock("-H", "unix:///nonexistent/pdtC.sock", "run", "--dry-run", "--rm", "-i", "--name", name,
                   "--label", LABEL, TEST_IMAGE, "sh")
    assert r.returncode == 0, r
    lines = r.stdout.splitlines()
    assert lines[0] == f"POST /containers/create?name={name}"
    assert lines[-3:] == ["POST /containers/{id}/attach?stderr=1&stdin=1&stdout=1&stream=1",
                          "POST /containers/{id}/wait?condition=removed", "POST /containers/{id}/start"]
    assert run_docker("inspect", name).returncode == 1


def test_implicit_pull_goes_to_stderr():
    ref = f"127.0.0.1:5000/pdtc-busybox:{TAG}"
    assert run_docker("tag", TEST_IMAGE, ref).returncode == 0
    try:
        pushed = run_docker("push", ref)
        if pushed.returncode != 0:
            pytest.skip(f"no registry at 127.0.0.1:5000: {pushed.stderr.strip()}")
        assert run_docker("rmi", ref).returncode == 0
        r = run_pydock("run", "--rm", "--label", LABEL, ref, "echo", "hi", input="")
        assert (r.returncode, r.stdout) == (0, "hi\n"), r
        assert r.stderr.startswith(f"Unable to find image '{ref}' locally\n")
        assert f"Status: Downloaded newer image for {ref}\n" in r.stderr
    finally:
        run_docker("rmi", "-f", ref)


# -- signals -----------------------------------------------------------------------------------------

def _background(*args: str) -> subprocess.Popen:
    return subprocess.Popen(pydock_argv(*args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env=_env(None), text=True)


def test_sigint_is_forwarded_and_rm_cleans_up():
    case = case_label()
    name = f"pdtC-sigint-{TAG}"
    proc = _background("run", "--rm", "--name", name, "--label", LABEL, "--label", case, TEST_IMAGE, "sh", "-c",
                       TRAP_INT)
    assert until(lambda: state(name) == "running")
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (9, "got INT\n", "")
    assert left_behind(case) == []


def test_sig_proxy_false_does_not_forward():
    name = f"pdtC-noproxy-{TAG}"
    proc = _background("run", "--rm", "--sig-proxy=false", "--name", name, "--label", LABEL, TEST_IMAGE, "sh", "-c",
                       'trap "echo got INT; exit 9" INT; sleep 2; echo finished')
    assert until(lambda: state(name) == "running")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (0, "finished\n", "")


def test_three_interrupts_force_exit_like_docker():
    results = []
    for argv in (["docker"], pydock_argv()):
        name = f"pdtC-force-{uuid.uuid4().hex[:8]}"
        proc = subprocess.Popen([*argv, "run", "--rm", "--name", name, "--label", LABEL, TEST_IMAGE, "sleep", "20"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=ROOT, env=_env(None), text=True)
        assert until(lambda: state(name) == "running")
        for _ in range(3):
            proc.send_signal(signal.SIGINT)
            time.sleep(0.3)
        out, err = proc.communicate(timeout=20)
        results.append((proc.returncode, out, err))
        run_docker("rm", "-f", name)
    assert results[0] == results[1] == (1, "", "\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n")


# -- interactive, on a terminal ----------------------------------------------------------------------

def test_it_shell_then_detach_keys(pty_session):
    name = f"pdtC-it-{TAG}"
    term = pty_session("run", "-it", "--name", name, "--label", LABEL, TEST_IMAGE, "sh")
    term.read_until(b"/ # ")
    term.write(b"echo h''i\r")
    term.read_until(b"hi\r\n")
    term.write(b"\x10\x11")
    assert term.wait() == 0
    assert term.terminal_restored()
    assert state(name) == "running"
    run_docker("rm", "-f", name)


def test_it_custom_detach_keys(pty_session):
    name = f"pdtC-itkeys-{TAG}"
    term = pty_session("run", "-it", "--detach-keys", "ctrl-a,x", "--name", name, "--label", LABEL, TEST_IMAGE, "sh")
    term.read_until(b"/ # ")
    term.write(b"\x10\x11echo st''ill\r")  # the default keys are just input now
    term.read_until(b"still\r\n")
    term.write(b"\x01x")
    assert term.wait() == 0
    assert state(name) == "running"
    run_docker("rm", "-f", name)


def test_it_exit_status_size_and_resize(pty_session):
    case = case_label()
    term = pty_session("run", "-it", "--rm", "--label", LABEL, "--label", case, TEST_IMAGE, "sh")
    term.read_until(b"/ # ")
    term.ask(b"stty size\r", b"30 100\r\n")
    term.resize(40, 120)
    term.ask(b"stty size\r", b"40 120\r\n")
    term.write(b"exit 7\r")
    assert term.wait() == 7
    assert term.terminal_restored()
    assert until(lambda: not left_behind(case))


def test_it_ctrl_c_reaches_the_container_and_rm_cleans_up(pty_session):
    case = case_label()
    term = pty_session("run", "-it", "--rm", "--label", LABEL, "--label", case, TEST_IMAGE, "sh", "-c",
                       'trap "echo caught; exit 5" INT; echo ready; while true; do sleep 0.1; done')
    term.read_until(b"ready")
    term.write(b"\x03")  # raw mode: a byte for the container's terminal, not a signal for us
    term.read_until(b"caught")
    assert term.wait() == 5
    assert term.terminal_restored()
    assert left_behind(case) == []


def test_it_output_matches_docker():
    outputs = []
    for argv in (["docker"], pydock_argv()):
        term = Pty([*argv, "run", "-it", "--rm", "--label", LABEL, TEST_IMAGE, "sh", "-c", "echo a; echo b >&2; exit 3"])
        try:
            assert term.wait() == 3
            outputs.append(term.output)
        finally:
            term.close()
    assert outputs[0] == outputs[1] == b"a\r\nb\r\n", f"docker {outputs[0]!r} / pydock {outputs[1]!r}"


def test_invalid_detach_keys_fail_the_attach_and_rm_leaves_nothing():
    """docker leaves the never-started container behind even with --rm; pydock removes it."""
    case = case_label()
    args = ("run", "--rm", "-i", "--detach-keys", "foo", "--label", LABEL, "--label", case, TEST_IMAGE, "cat")
    theirs = run_docker(*args, input="x")
    docker_left = left_behind(case)
    run_docker("rm", "-f", *docker_left)
    ours = run_pydock(*args, input="x")
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
    assert ours.stderr == "unable to upgrade to tcp, received 400\n"
    assert len(docker_left) == 1 and left_behind(case) == []
