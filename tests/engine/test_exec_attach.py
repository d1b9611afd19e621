"""`pydock exec` and `pydock attach` against the real engine, `docker` as the oracle where the output is
deterministic; terminals through `Pty` (tests/engine/test_run.py)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid

import pytest

from tests.conftest import ROOT, _env, run_docker, run_pydock
from tests.engine.differential import assert_same
from tests.engine.test_run import Pty, pty_session, pydock_argv, state, until  # noqa: F401 - pty_session is a fixture

TAG = uuid.uuid4().hex[:8]
pytestmark = pytest.mark.usefixtures("remove_module_containers")


@pytest.fixture(scope="module")
def sleeper():
    """A running container shared by the exec tests (exec does not change it)."""
    from tests.engine.conftest import Objects

    name = f"pdtC-exec-{TAG}"
    Objects().container("--name", name, run=True, cmd=("sleep", "600"))
    yield name
    run_docker("rm", "-f", name)


@pytest.fixture
def stopped(objects):
    name = f"pdtC-stopped-{uuid.uuid4().hex[:8]}"
    objects.container("--name", name)
    return name


# -- exec --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command, status", [("true", 0), ("exit 4", 4), ("exit 130", 130)])
def test_exec_exit_status(sleeper, command, status):
    r = assert_same("exec", sleeper, "sh", "-c", command, input="")
    assert r.returncode == status


def test_exec_streams_apart(sleeper):
    r = assert_same("exec", sleeper, "sh", "-c", "echo out; echo err >&2; printf x", input="")
    assert (r.stdout, r.stderr) == ("out\nx", "err\n")


def test_exec_env_user_workdir(sleeper, tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("A=from-file\n# comment\nFROM_HOST\nUNSET_X\n")
    r = assert_same("exec", "-e", "B=2", "-e", "FROM_HOST", "--env-file", str(env_file), "-u", "1000:1000", "-w",
                    "/bin", sleeper, "sh", "-c", 'echo "$A $B $FROM_HOST ${UNSET_X-unset}"; id; pwd', input="",
                    env={"FROM_HOST": "host-value"})
    assert r.stdout == "from-file 2 host-value unset\nuid=1000 gid=1000 groups=1000\n/bin\n"


def test_exec_bad_env_file_and_flag(sleeper):
    assert assert_same("exec", "--env-file", "/nonexistent/pdtC", sleeper, "true", input="").returncode == 1
    assert assert_same("exec", "-e", "=x", sleeper, "true", input="").returncode == 125


def test_exec_missing_workdir_is_126(sleeper):
    assert assert_same("exec", "-w", "/nonexistent", sleeper, "true", input="").returncode == 126


def test_exec_stdin(sleeper):
    r = assert_same("exec", "-i", sleeper, "sh", "-c", "cat; echo end", input="piped\n")
    assert r.stdout == "piped\nend\n"
    data = "x" * 1_000_000
    r = run_pydock("exec", "-i", sleeper, "wc", "-c", input=data)
    assert (r.returncode, r.stdout.strip()) == (0, "1000000")


def test_exec_tty_without_stdin(sleeper):
    r = assert_same("exec", "-t", sleeper, "sh", "-c", "echo out; echo err >&2", input="")
    assert r.stdout == "out\nerr\n" and r.stderr == ""


def test_exec_tty_with_stdin_needs_a_terminal(sleeper):
    r = assert_same("exec", "-it", sleeper, "sh", input="")
    assert (r.returncode, r.stderr) == (1, "the input device is not a TTY\n")


def test_exec_detached(sleeper):
    marker = f"/pdtC-{uuid.uuid4().hex[:8]}"
    r = run_pydock("exec", "-d", sleeper, "sh", "-c", f"sleep 0.3; touch {marker}", input="")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    assert until(lambda: run_docker("exec", sleeper, "test", "-e", marker).returncode == 0)


def test_exec_in_a_stopped_container(stopped):
    r = assert_same("exec", stopped, "echo", "hi", input="")
    assert r.returncode == 1 and r.stderr.endswith(" is not running\n")
    assert assert_same("exec", "-d", stopped, "true", input="").returncode == 1


def test_exec_in_a_missing_container():
    r = assert_same("exec", f"pdtC-missing-{TAG}", "true", input="")
    assert r.stderr == f"Error response from daemon: No such container: pdtC-missing-{TAG}\n"
    assert_same("exec", f"pdtC-missing-{TAG}", input="")  # argument count first


def test_exec_invalid_detach_keys(sleeper):
    assert assert_same("exec", "-i", "--detach-keys", "foo", sleeper, "cat", input="x").returncode == 1


def test_exec_sigint_stops_streaming_and_exits_0(sleeper):
    proc = subprocess.Popen(pydock_argv("exec", sleeper, "sleep", "30"), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env(None), text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert (proc.returncode, out, err) == (0, "", "")


def test_exec_it_on_a_terminal(pty_session, sleeper):
    term = pty_session("exec", "-it", sleeper, "sh")
    term.read_until(b"/ # ")
    term.ask(b"stty size\r", b"30 100\r\n")
    term.write(b"exit 5\r")
    assert term.wait() == 5
    assert term.terminal_restored()


def test_exec_it_detach(pty_session, sleeper):
    """docker 28 prints this too, then hangs until its exec ends; pydock exits."""
    term = pty_session("exec", "-it", sleeper, "sh")
    term.read_until(b"/ # ")
    term.write(b"\x10\x11")
    assert term.wait() == 1
    assert term.output.endswith(b"read escape sequence\r\n")
    assert term.terminal_restored()


# -- attach ------------------------------------------------------------------------------------------

def _twins(objects, *args: str, cmd: tuple[str, ...]) -> tuple[str, str]:
    """One container for docker, one for pydock, started alike."""
    names = []
    for side in "dp":
        name = f"pdtC-att-{side}-{uuid.uuid4().hex[:8]}"
        objects.container("--name", name, *args, run=True, cmd=cmd)
        names.append(name)
    return names[0], names[1]


def test_attach_streams_and_exit_status(objects):
    d, p = _twins(objects, cmd=("sh", "-c", "sleep 2; echo out; echo err >&2; exit 6"))
    procs = [subprocess.Popen([*argv, "attach", "--no-stdin", name], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env(None), text=True)
             for argv, name in ((["docker"], d), (pydock_argv(), p))]
    results = [(proc.wait(20), proc.stdout.read(), proc.stderr.read()) for proc in procs]
    assert results[0] == results[1] == (6, "out\n", "err\n")


def test_attach_stdin(objects):
    _, p = _twins(objects, "-i", cmd=("sh", "-c", "read line; echo got $line; sleep 1; exit 2"))
    r = run_pydock("attach", p, input="hello\n")
    assert r.returncode == 2
    assert r.stdout in ("got hello\n", "")  # the daemon may close the output at our stdin's EOF


def test_attach_refusals(stopped, objects):
    assert_same("attach", stopped, input="")
    assert_same("attach", f"pdtC-missing-{TAG}", input="")
    assert_same("attach", input="")
    name = f"pdtC-paused-{TAG}"
    objects.container("--name", name, run=True)
    assert run_docker("pause", name).returncode == 0
    r = assert_same("attach", name, input="")
    assert r.stderr == "You cannot attach to a paused container, unpause it first\n"
    run_docker("unpause", name)


def test_attach_to_a_tty_needs_a_terminal(objects):
    _, p = _twins(objects, "-it", cmd=("sh",))
    r = run_pydock("attach", p, input="")
    assert (r.returncode, r.stderr) == (1, "the input device is not a TTY\n")


def test_attach_forwards_signals(objects):
    name = f"pdtC-attsig-{uuid.uuid4().hex[:8]}"
    objects.container("--name", name, run=True, cmd=("sh", "-c", 'trap "echo got INT; exit 9" INT; '
                                                     "while true; do sleep 0.1; done"))
    proc = subprocess.Popen(pydock_argv("attach", name), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env=_env(None), text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (9, "got INT\n", "")


def test_attach_sig_proxy_false(objects):
    name = f"pdtC-attnosig-{uuid.uuid4().hex[:8]}"
    objects.container("--name", name, run=True, cmd=("sh", "-c", 'trap "echo got INT; exit 9" INT; sleep 3; '
                                                     "echo finished"))
    proc = subprocess.Popen(pydock_argv("attach", "--sig-proxy=false", name), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env(None), text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (0, "finished\n", "")


def test_attach_detach_keys_like_docker(objects):
    names = _twins(objects, "-it", cmd=("sh",))
    results = []
    for argv, name in ((["docker"], names[0]), (pydock_argv(), names[1])):
        term = Pty([*argv, "attach", name])
        try:
            term.ask(b"echo h''i\r", b"hi\r\n")
            term.write(b"\x10\x11")
            results.append((term.wait(), term.output.endswith(b"read escape sequence\r\n"), term.terminal_restored()))
        finally:
            term.close()
        assert state(name) == "running"
    assert results[0] == results[1] == (1, True, True)


def test_attach_tty_session(objects, pty_session):
    name = f"pdtC-atttty-{uuid.uuid4().hex[:8]}"
    objects.container("--name", name, "-it", run=True, cmd=("sh",))
    term = pty_session("attach", name)
    term.ask(b"stty size\r", b"30 100\r\n")
    term.write(b"exit 3\r")
    assert term.wait() == 3
    assert term.terminal_restored()


# -- the `start -a -i` helper (for start.py) ---------------------------------------------------------

START_ATTACHED = """
import sys
from pydock.app import App
from pydock.cli._attach import start_attached
from pydock.engine.api import containers
app = App()
sys.exit(start_attached(app, containers.inspect(app.engine, sys.argv[1]), interactive=True, detach_keys=None))
"""


def test_start_attached_helper(objects):
    cid = objects.container("-i", cmd=("sh", "-c", "cat; echo err >&2; exit 3"))
    p = subprocess.run([sys.executable, "-c", START_ATTACHED, cid], input="hello\n", capture_output=True,
                       text=True, cwd=ROOT, env=_env(None), timeout=30)
    assert (p.returncode, p.stdout, p.stderr) == (3, "hello\n", "err\n")
