"""ssh:// engines (issue 13), side by side with docker through a real sshd of the test's own
(tests/engine/sshd.py): both clients run the same system `ssh` with the same keys, known_hosts and
config, and the far end runs `docker system dial-stdio` (the real docker CLI, or pydock's for the `far`
profile). Read-only commands, run, exec -i, logs -f, pull/push, build, cp, a context and DOCKER_HOST;
the errors (unknown host key, refused key, no docker on the far end, a connection dropped mid-stream);
and what pydock leaves behind (no ssh process after it exits, Ctrl-C included).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, _env, run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import assert_same
from tests.engine.sshd import Sshd, sshd_problem

SUFFIX = LABEL[-6:]
REGISTRY = "127.0.0.1:5000"

pytestmark = pytest.mark.usefixtures("remove_module_containers")


@pytest.fixture(scope="module")
def sshd():
    problem = sshd_problem()
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no sshd for the ssh:// tests under CI: {problem}")
        pytest.skip(problem)
    server = Sshd(Path(tempfile.mkdtemp(prefix="pydock-sshd-"))).start()
    try:
        yield server
    finally:
        run_docker("context", "rm", "-f", f"pdssh-{SUFFIX}", env=server.env())
        server.stop()
        shutil.rmtree(server.base, ignore_errors=True)


def both(sshd, *args, profile="default", env=None, input=None, host=True, timeout=60):
    """(docker's result, pydock's result) for the same arguments through the ssh endpoint."""
    e = {**sshd.env(profile), **(env or {})}
    pre = ("-H", sshd.url) if host else ()
    return (run_docker(*pre, *args, env=e, input=input, timeout=timeout),
            run_pydock(*pre, *args, env=e, input=input, timeout=timeout))


def same(sshd, *args, profile="default", env=None, input=None, compare_stderr=True):
    return assert_same("-H", sshd.url, *args, env={**sshd.env(profile), **(env or {})}, input=input,
                       compare_stderr=compare_stderr)


def ssh_processes(port: int) -> list[int]:
    """ssh clients (of either program) still running against our sshd."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"ssh") and str(port).encode() in argv and b"dial-stdio" in argv:
            found.append(int(pid))
    return found


def accepted(sshd) -> int:
    return sshd.log.read_text(errors="replace").count("Accepted publickey")


@pytest.fixture(scope="module")
def sleeper(sshd):
    name = f"pdssh-sleep-{SUFFIX}"
    r = run_docker("run", "-d", "--label", LABEL, "--name", name, TEST_IMAGE, "sleep", "300")
    assert r.returncode == 0, r
    yield name
    run_docker("rm", "-f", name)


# -- read-only commands, DOCKER_HOST, a context ----------------------------------------------------


@pytest.mark.parametrize("args", [
    ("ps", "-a", "--filter", f"label={LABEL}", "--format", "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Names}}"),
    ("images", TEST_IMAGE, "--format", "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}"),
    ("inspect", "--format", "{{.Name}} {{.State.Status}} {{.Config.Image}}", f"pdssh-sleep-{SUFFIX}"),
    ("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}"),
    ("inspect", "pdssh-no-such-object"),
], ids=["ps", "images", "inspect", "version", "inspect-missing"])
def test_read_only_commands(sshd, sleeper, args):
    out = same(sshd, *args)
    if "pdssh-no-such-object" in args:
        assert out.returncode == 1 and "No such object" in out.stderr, out
    else:
        assert out.returncode == 0 and out.stdout.strip(), out


def test_docker_host_and_context(sshd, sleeper):
    args = ("ps", "-a", "--filter", f"label={LABEL}", "--format", "{{.Names}} {{.Image}}")
    out = assert_same(*args, env={**sshd.env(), "DOCKER_HOST": sshd.url})
    assert sleeper in out.stdout
    name = f"pdssh-{SUFFIX}"
    r = run_pydock("context", "create", name, "--docker", f"host={sshd.url}", env=sshd.env())
    assert r.returncode == 0, r
    out = assert_same("--context", name, *args, env=sshd.env())
    assert sleeper in out.stdout
    out = assert_same("--context", name, "version", "--format", "{{.Client.Context}} {{.Server.Os}}", env=sshd.env())
    assert out.stdout == f"{name} linux\n"


# -- containers: run, exec -i, logs -f, cp ---------------------------------------------------------


def test_run_attached(sshd):
    script = "echo out; echo err >&2; exit 3"
    out = same(sshd, "run", "--rm", "--label", LABEL, TEST_IMAGE, "sh", "-c", script)
    assert (out.returncode, out.stdout, out.stderr) == (3, "out\n", "err\n")


def test_run_stdin_and_connections(sshd):
    """`run -i` with stdin piped (the half-close reaches the container over ssh), and pydock makes no
    more ssh connections for it than docker."""
    args = ("run", "--rm", "-i", "--label", LABEL, TEST_IMAGE, "sh", "-c", "tr a-z A-Z; echo done")
    e = sshd.env()
    before = accepted(sshd)
    theirs = run_docker("-H", sshd.url, *args, env=e, input="hello\nssh\n")
    mid = accepted(sshd)
    ours = run_pydock("-H", sshd.url, *args, env=e, input="hello\nssh\n")
    after = accepted(sshd)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr) == (
        0, "HELLO\nSSH\ndone\n", "")
    assert after - mid <= mid - before, (after - mid, mid - before)


def test_run_detached(sshd):
    names = [f"pdssh-d{i}-{SUFFIX}" for i in (1, 2)]
    theirs = run_docker("-H", sshd.url, "run", "-d", "--label", LABEL, "--name", names[0], TEST_IMAGE, "sleep", "60",
                        env=sshd.env())
    ours = run_pydock("-H", sshd.url, "run", "-d", "--label", LABEL, "--name", names[1], TEST_IMAGE, "sleep", "60",
                      env=sshd.env())
    try:
        for r, name in ((theirs, names[0]), (ours, names[1])):
            assert r.returncode == 0 and re.fullmatch(r"[0-9a-f]{64}\n", r.stdout), r
            held = run_docker("inspect", "--format", "{{.Id}} {{.State.Running}} {{index .Config.Labels \"pydock.test\"}}", name)
            assert held.stdout == f"{r.stdout.strip()} true {LABEL.split('=')[1]}\n", held
    finally:
        run_docker("rm", "-f", *names)


def test_exec_stdin(sshd, sleeper):
    out = same(sshd, "exec", "-i", sleeper, "sh", "-c", "cat; echo end", input="line 1\nline 2\n")
    assert out.stdout == "line 1\nline 2\nend\n"


def test_logs_follow_ends_with_the_container(sshd):
    name = f"pdssh-logs-{SUFFIX}"
    r = run_docker("run", "-d", "--label", LABEL, "--name", name, TEST_IMAGE, "sh", "-c",
                   "for i in 1 2 3 4; do echo line $i; echo err $i >&2; sleep 0.4; done")
    assert r.returncode == 0, r
    try:
        e = sshd.env()
        before = accepted(sshd)
        theirs = run_docker("-H", sshd.url, "logs", "-f", name, env=e, timeout=30)
        mid = accepted(sshd)
        ours = run_pydock("-H", sshd.url, "logs", "-f", name, env=e, timeout=30)
        after = accepted(sshd)
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
        assert ours.stdout == "line 1\nline 2\nline 3\nline 4\n"
        assert after - mid <= mid - before, (after - mid, mid - before)  # one ssh serves ping and logs
    finally:
        run_docker("rm", "-f", name)


def test_cp_both_ways(sshd, sleeper, tmp_path):
    src = tmp_path / "src.txt"
    src.write_text("through ssh\n" * 1000)
    for program, run in (("docker", run_docker), ("pydock", run_pydock)):
        r = run("-H", sshd.url, "cp", str(src), f"{sleeper}:/{program}.txt", env=sshd.env())
        assert r.returncode == 0, r
        dest = tmp_path / f"back-{program}.txt"
        r = run("-H", sshd.url, "cp", f"{sleeper}:/{program}.txt", str(dest), env=sshd.env())
        assert r.returncode == 0, r
        assert dest.read_text() == src.read_text()
    held = run_docker("exec", sleeper, "sh", "-c", "cmp /docker.txt /pydock.txt && wc -c < /pydock.txt")
    assert held.stdout.strip() == str(len(src.read_text())), held


# -- images: build, push, pull -----------------------------------------------------------------------


def test_build_push_pull(sshd, tmp_path):
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "payload").write_text(f"{SUFFIX}\n")
    (ctx / "Dockerfile").write_text(f"FROM {TEST_IMAGE}\nCOPY payload /pdssh-{SUFFIX}\n")
    tag = f"{REGISTRY}/pdssh-{SUFFIX}:v1"
    env = {"DOCKER_BUILDKIT": "0"}
    try:
        theirs, ours = both(sshd, "build", "-q", "--label", LABEL, "-t", tag, str(ctx), env=env)
        assert theirs.returncode == ours.returncode == 0, (theirs, ours)
        assert ours.stdout == theirs.stdout and ours.stdout.startswith("sha256:"), (theirs, ours)  # the cache: one image
        theirs, ours = both(sshd, "push", tag)
        assert theirs.returncode == ours.returncode == 0, (theirs, ours)
        digest = re.compile(r"^v1: digest: sha256:[0-9a-f]{64} size: \d+$", re.M)
        assert digest.search(ours.stdout) and digest.search(ours.stdout).group(0) == digest.search(theirs.stdout).group(0)
        assert run_docker("rmi", tag).returncode == 0
        theirs = run_docker("-H", sshd.url, "pull", "-q", tag, env=sshd.env())
        assert run_docker("rmi", tag).returncode == 0
        ours = run_pydock("-H", sshd.url, "pull", "-q", tag, env=sshd.env())
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr) == (0, tag + "\n", "")
        held = run_docker("run", "--rm", "--label", LABEL, tag, "cat", f"/pdssh-{SUFFIX}")
        assert held.stdout == f"{SUFFIX}\n", held
    finally:
        run_docker("rmi", "-f", tag)


# -- pydock as the far end ---------------------------------------------------------------------------


def test_pydock_dial_stdio_as_far_end(sshd, sleeper):
    """The `far` key's sessions find pydock as `docker`: both clients work through it, exec's stdin
    half-close included."""
    starts = sshd.far_log.read_text().count("dial-stdio") if sshd.far_log.exists() else 0
    same(sshd, "ps", "-a", "--filter", f"label={LABEL}", "--format", "{{.ID}} {{.Names}}", profile="far")
    out = same(sshd, "exec", "-i", sleeper, "sh", "-c", "cat; echo end", input="far\n", profile="far")
    assert out.stdout == "far\nend\n"
    assert sshd.far_log.read_text().count("system dial-stdio") >= starts + 4


def test_docker_ssh_opts(sshd):
    """DOCKER_SSH_OPTS goes before docker's own flags (pydock's; docker 28 ignores the variable): a key
    picks the far end, a ConnectTimeout replaces docker's."""
    starts = sshd.far_log.read_text().count("dial-stdio") if sshd.far_log.exists() else 0
    r = run_pydock("-H", sshd.url, "version", "--format", "{{.Server.Os}}",
                   env={**sshd.env(), "DOCKER_SSH_OPTS": f"-i '{sshd.ssh_dir / 'id_far'}'"})
    assert (r.returncode, r.stdout) == (0, "linux\n"), r
    assert sshd.far_log.read_text().count("dial-stdio") > starts
    r = run_pydock("-H", sshd.url, "ps", env={**sshd.env("refused"), "DOCKER_SSH_OPTS": "-o ConnectTimeout=7 -v"})
    assert r.returncode == 1
    assert f"command [ssh -o ConnectTimeout=7 -v -T -l {sshd.user} -p {sshd.port} -- 127.0.0.1 docker system dial-stdio] " \
           "has exited with exit status 255" in r.stderr, r


# -- errors ------------------------------------------------------------------------------------------


def one_line(docker_stderr: str) -> str:
    """docker's message with ssh's stderr in it as ssh wrote it (\\r\\n, several lines); pydock's keeps
    it on one line, the lines joined by a blank."""
    head, sep, tail = docker_stderr.partition("stderr=")
    return head + sep + " ".join(line.strip() for line in tail.splitlines() if line.strip()) + "\n"


@pytest.mark.parametrize("profile,args,needle", [
    ("unknown_host", ("ps",), "Host key verification failed."),
    ("refused", ("ps",), "Permission denied (publickey)."),
    ("nodocker", ("ps",), "docker: command not found"),
    ("refused", ("version", "--format", "{{.Server.Os}}"), "Permission denied (publickey)."),
    ("refused", ("logs", "x"), "Permission denied (publickey)."),
], ids=["unknown-host", "refused", "no-docker", "version", "logs"])
def test_connection_errors(sshd, profile, args, needle):
    theirs, ours = both(sshd, *args, profile=profile, timeout=30)
    assert theirs.returncode == ours.returncode == 1, (theirs, ours)
    assert ours.stdout == theirs.stdout
    assert ours.stderr == one_line(theirs.stderr), f"\n--- docker\n{theirs.stderr}--- pydock\n{ours.stderr}"
    assert needle in ours.stderr and ours.stderr.count("\n") == 1
    assert ours.stderr.startswith('error during connect: Get "http://docker.example.com/v1.')


def test_invalid_urls(sshd):
    for url in ("ssh://root:secret@127.0.0.1", "ssh://", "ssh://host?x=1", "ssh://host#f", "ssh://host:abc"):
        theirs = run_docker("-H", url, "ps", env=sshd.env())
        ours = run_pydock("-H", url, "ps", env=sshd.env())
        assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr), (theirs, ours)


def _follow(program: list[str], sshd, name: str) -> subprocess.Popen:
    return subprocess.Popen([*program, "-H", sshd.url, "logs", "-f", name], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(sshd.env()), cwd=ROOT)


@pytest.fixture
def chatty(sshd):
    name = f"pdssh-chatty-{SUFFIX}"
    r = run_docker("run", "-d", "--label", LABEL, "--name", name, TEST_IMAGE, "sh", "-c",
                   "while true; do echo tick; sleep 0.1; done")
    assert r.returncode == 0, r
    yield name
    run_docker("rm", "-f", name)


def test_connection_dropped_mid_stream(sshd, chatty):
    """The sshd sessions killed during `logs -f`: docker's one-line error and status, no hang, no ssh left."""
    docker = _follow(["docker"], sshd, chatty)
    pydock = _follow([sys.executable, "-m", "pydock"], sshd, chatty)
    first = [_first_line(p) for p in (docker, pydock)]  # both are streaming
    assert sshd.kill_sessions() >= 2
    results = [p.communicate(timeout=20) + (p.returncode,) for p in (docker, pydock)]
    (d_out, d_err, d_rc), (p_out, p_err, p_rc) = results
    assert first == ["tick\n", "tick\n"], (first, results)
    assert p_rc == d_rc == 1
    assert p_err == one_line(d_err), f"\n--- docker\n{d_err}--- pydock\n{p_err}"
    assert "Connection to 127.0.0.1 closed by remote host." in p_err
    assert p_err.startswith("command [ssh ")
    assert _settled(lambda: not ssh_processes(sshd.port))


def _first_line(p: subprocess.Popen, timeout: float = 30.0) -> str:
    import select

    if not select.select([p.stdout], [], [], timeout)[0]:
        p.kill()
        return ""
    return p.stdout.readline()


def _settled(check, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def test_ctrl_c_leaves_no_ssh(sshd, chatty):
    """Ctrl-C (SIGINT to pydock's process group: ssh runs in a session of its own, as docker's) ends
    pydock with 130, and its ssh is terminated and reaped with it."""
    p = subprocess.Popen([sys.executable, "-m", "pydock", "-H", sshd.url, "logs", "-f", chatty],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(sshd.env()), cwd=ROOT,
                         start_new_session=True)
    try:
        assert _settled(lambda: len(ssh_processes(sshd.port)) >= 1)
        time.sleep(1.0)
        assert p.stdout.readline() == b"tick\n"
        os.killpg(p.pid, signal.SIGINT)
        p.communicate(timeout=15)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == 130
    assert _settled(lambda: not ssh_processes(sshd.port)), ssh_processes(sshd.port)
