"""`pydock cp` against `docker cp`, both directions: the same exit status and messages, the same
files (type, mode, owner, size, content, link target, mtime) at the destination, and the same requests
on the wire (each copy goes through a recording relay: method, path and query of every request, the
archive PUT's `path=` included)."""

from __future__ import annotations

import hashlib
import re
import signal
import io
import os
import shutil
import socket
import stat
import subprocess
import sys
import tarfile
import time
from urllib.parse import quote

import pytest

from tests.conftest import ROOT, _env, run_docker
from tests.engine.conftest import LABEL, Objects
from tests.engine.differential import as_pydock
from tests.engine.faultrelay import EngineRelay, Fault

SUFFIX = LABEL[-6:]
CONTAINER = f"pdtB-cp-{SUFFIX}"
FIXTURE_MTIME = 1_700_000_000
SETUP = ("mkdir -p /data/sub /data/empty && echo hello > /data/a.txt && echo deep > /data/sub/b.txt && "
         "ln -s a.txt /data/link && ln -s /data/sub /data/dirlink && ln /data/a.txt /data/hard && "
         "chmod 640 /data/a.txt && mkfifo /data/fifo && chown 1234:5678 /data/sub/b.txt && "
         f"touch -h -d @{FIXTURE_MTIME} /data/* /data/sub/* /data; sleep 3000")


pytestmark = pytest.mark.usefixtures("remove_module_containers")


@pytest.fixture(scope="module")
def box():
    Objects().container("--name", CONTAINER, run=True, cmd=("sh", "-c", SETUP))
    for _ in range(50):
        if run_docker("exec", CONTAINER, "test", "-p", "/data/fifo").returncode == 0:
            break
        time.sleep(0.1)
    return CONTAINER


class RequestLines(EngineRelay):
    """The fault matrix's engine relay, never armed: it relays every request untouched and records its
    request line (`PUT /v1.41/containers/x/archive?noOverwriteDirNonDir=true&path=%2Fd HTTP/1.1`)."""

    def __init__(self, directory: str):
        self.lines: list[str] = []
        super().__init__(directory)

    def _handle(self, client: socket.socket) -> None:
        head = b""
        for _ in range(1000):  # peek: the relay itself reads the request afterwards
            head = client.recv(4096, socket.MSG_PEEK)
            if not head or b"\r\n" in head:
                break
            time.sleep(0.002)
        if head:
            self.lines.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
        super()._handle(client)

    def requests(self) -> list[str]:
        """The request lines but the pings (pydock caches a local engine's ping between invocations)."""
        return [line for line in self.lines if not line.startswith(("HEAD /_ping ", "GET /_ping "))]


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    relay = RequestLines(str(tmp_path_factory.mktemp("wire")))
    yield relay
    relay.close()


def cp(program: str, args: list[str], cwd: str, stdin: bytes | None = None,
       wire: RequestLines | None = None) -> subprocess.CompletedProcess:
    """One copy; through `wire` (whose `lines` then hold this copy's requests, and only them) if given."""
    cmd = ["docker", "cp"] if program == "docker" else [sys.executable, "-m", "pydock", "cp"]
    env = _env({"DOCKER_HOST": wire.host} if wire else None)
    if wire:
        wire.lines.clear()
    return subprocess.run(cmd + args, capture_output=True, env=env, cwd=cwd, input=stdin, timeout=120)


def local_tree(root: str, since: float) -> list[str]:
    """Everything under root; mtimes of entries made by the test set-up itself are left out."""
    rows = []
    for path in sorted([root] + [os.path.join(d, n) for d, dirs, files in os.walk(root) for n in dirs + files]):
        info = os.lstat(path)
        kind = stat.S_IFMT(info.st_mode)
        detail = (hashlib.md5(open(path, "rb").read()).hexdigest()[:8] if stat.S_ISREG(info.st_mode)
                  else os.readlink(path) if stat.S_ISLNK(info.st_mode) else "")
        mtime = int(info.st_mtime) if info.st_mtime < since else "new"
        rows.append(f"{os.path.relpath(path, root)} {kind:o} {stat.S_IMODE(info.st_mode):o} {info.st_uid}:{info.st_gid} "
                    f"{info.st_nlink if kind != stat.S_IFDIR else '-'} {mtime} {detail}")
    return rows


def compare_from(tmp_path, args: list[str], setup=None, wire: RequestLines | None = None):
    results = {}
    for program in ("docker", "pydock"):
        root = str(tmp_path / program)
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        if setup:
            setup(root)
        since = os.stat(root).st_mtime - 1 if setup else float("inf")
        out = cp(program, [a.replace("@", root) for a in args], root, wire=wire)
        results[program] = (out.returncode, out.stdout, out.stderr.decode().replace(root, "@"),
                            local_tree(root, min(since, FIXTURE_MTIME + 1)), wire.requests() if wire else [])
    d, p = results["docker"], results["pydock"]
    assert p == (d[0], d[1], as_pydock(d[2]), d[3], d[4]), args
    assert not wire or d[0] != 0 or any(line.startswith("GET ") and "/archive?" in line for line in d[4]), d[4]
    return results["pydock"]


def mkdirs(*names):
    return lambda root: [os.makedirs(os.path.join(root, n)) for n in names]


def mkfile(name, content="old"):
    def make(root):
        with open(os.path.join(root, name), "w") as f:
            f.write(content)
    return make


C = CONTAINER


@pytest.mark.parametrize("args, setup", [
    ([f"{C}:/data/a.txt", "@/out"], None), ([f"{C}:/data/a.txt", "@/"], None), ([f"{C}:/data/a.txt", "@"], None),
    ([f"{C}:/data", "@/out"], None), ([f"{C}:/data", "@"], None), ([f"{C}:/data/", "@/x"], None),
    ([f"{C}:/data/.", "@/x"], None), ([f"{C}:/data/.", "@/x"], mkdirs("x")), ([f"{C}:/data", "@/x"], mkdirs("x")),
    ([f"{C}:/data/link", "@/l"], None), (["-L", f"{C}:/data/link", "@/l"], None), (["-L", f"{C}:/data/dirlink", "@/dl"], None),
    ([f"{C}:/data/dirlink", "@/dl"], None), ([f"{C}:/data/sub/b.txt", "@/x/"], None), ([f"{C}:/data/fifo", "@/fifo"], None),
    ([f"{C}:data/a.txt", "@/rel"], None), ([f"{C}:/data/sub/../a.txt", "@/dd"], None), ([f"{C}:/data/a.txt", "@/f"], mkfile("f")),
    (["--quiet=false", f"{C}:/data/a.txt", "@/q"], None), (["--quiet=false", f"{C}:/data", "@/q"], None),
    (["-q", f"{C}:/data", "@/q"], None), (["-a", f"{C}:/data/sub", "@/s"], None),
])
def test_from_container(box, tmp_path, wire, args, setup):
    compare_from(tmp_path, args, setup, wire)


@pytest.mark.parametrize("args, setup", [
    ([f"{C}:/nonexist", "@/y"], None), ([f"{C}:/data/sub/b.txt", "@/nodir/x"], None), ([f"{C}:/data", "@/f"], mkfile("f")),
    ([f"{C}:/data/a.txt", "@/d"], mkdirs("d/a.txt")), ([f"{C}:/data/sub", "@/f/x"], mkfile("f")),
    (["pdtB-nosuch:/x", "@/y"], None), ([f"{C}:/data/a.txt", "/dev/null"], None), (["a", "b"], None),
    ([f"{C}:/a", f"{C}:/b"], None), (["", "x"], None), (["x", ""], None), (["--quiet=false", f"{C}:/data", "@/f"], mkfile("f")),
])
def test_from_container_errors(box, tmp_path, wire, args, setup):
    assert compare_from(tmp_path, args, setup, wire)[0] != 0


def test_tar_to_stdout_is_the_daemons_archive(box, tmp_path):
    theirs, ours = cp("docker", [f"{C}:/data", "-"], str(tmp_path)), cp("pydock", [f"{C}:/data", "-"], str(tmp_path))
    assert ours.returncode == theirs.returncode == 0
    assert ours.stdout == theirs.stdout
    names = tarfile.open(fileobj=io.BytesIO(ours.stdout)).getnames()
    assert {"data", "data/a.txt", "data/sub/b.txt", "data/link"} <= set(names)


# -- to the container --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def source(tmp_path_factory):
    src = tmp_path_factory.mktemp("cpsrc")
    os.makedirs(src / "dir/sub")
    os.makedirs(src / "dir/empty")
    (src / "f.txt").write_text("hello\n")
    os.chmod(src / "f.txt", 0o640)
    (src / "dir/a").write_text("a" * 5000)
    (src / "dir/sub/b").write_text("b")
    os.symlink("a", src / "dir/lnk")
    os.link(src / "dir/a", src / "dir/hard")
    os.symlink("dir", src / "dirlink")
    os.symlink("f.txt", src / "flink")
    os.mkfifo(src / "dir/fifo")
    if os.geteuid() == 0:
        os.chown(src / "dir/sub/b", 1234, 5678)
    for d, dirs, files in os.walk(src):
        for n in dirs + files:
            os.utime(os.path.join(d, n), (FIXTURE_MTIME, FIXTURE_MTIME), follow_symlinks=False)
    return str(src)


def container_tree(root: str) -> str:
    script = (f"cd {root} 2>/dev/null && find . | sort | while read f; do "
              f"stat -c '%n %a %u %g %s %F %N' \"$f\"; stat -c %Y \"$f\" | sed 's/^{FIXTURE_MTIME}$/fixture/;"
              f"s/^[0-9]*$/other/'; [ -f \"$f\" ] && md5sum \"$f\" | cut -c1-8; done")
    return run_docker("exec", CONTAINER, "sh", "-c", script).stdout


def compare_to(source: str, args: list[str], stdin: bytes | None = None, wire: RequestLines | None = None):
    """`@` is /dst-docker or /dst-pydock in the container: a fresh tree each time, with a directory `exists`,
    a file `file`, links to `exists` (`dlink` absolute, `rlink` relative); `@-top` is a path in `/`."""
    results = {}
    for program in ("docker", "pydock"):
        root = f"/dst-{program}"
        prep = (f"rm -rf {root} {root}-top && mkdir -p {root}/exists/sub && echo old > {root}/file && "
                f"ln -s {root}/exists {root}/dlink && ln -s exists {root}/rlink")
        assert run_docker("exec", CONTAINER, "sh", "-c", prep).returncode == 0
        out = cp(program, [a.replace("@", root) for a in args], source, stdin, wire)
        # docker's tar goroutine sometimes logs a "closed pipe" error of its own when a copy is refused
        err = "".join(line for line in out.stderr.decode().splitlines(True) if not line.startswith("time="))
        tree = container_tree(root) + container_tree(f"{root}-top") if "@-top" in "".join(args) else container_tree(root)
        lines = [line.replace(quote(root, safe=""), "@") for line in wire.requests()] if wire else []
        results[program] = (out.returncode, out.stdout, err.replace(root, "@"), tree.replace(root, "@"), lines)
    d, p = results["docker"], results["pydock"]
    assert p == (d[0], d[1], as_pydock(d[2]), d[3], d[4]), args
    assert not wire or d[0] != 0 or any(line.startswith("PUT ") and "/archive?" in line for line in d[4]), d[4]
    return p


@pytest.mark.parametrize("args", [
    ["f.txt", f"{C}:@/new"], ["f.txt", f"{C}:@/exists"], ["f.txt", f"{C}:@/exists/"], ["f.txt", f"{C}:@/file"],
    ["dir", f"{C}:@/newdir"], ["dir", f"{C}:@/exists"], ["dir/", f"{C}:@/exists"], ["dir/.", f"{C}:@/exists"],
    ["dir/.", f"{C}:@/newdir"], ["dirlink", f"{C}:@/x"], ["-L", "dirlink", f"{C}:@/x"], ["flink", f"{C}:@/x"],
    ["-L", "flink", f"{C}:@/x"], ["dirlink/", f"{C}:@/x"], ["f.txt", f"{C}:@/dlink"], ["dir", f"{C}:@/dlink"],
    ["-a", "dir", f"{C}:@/arch"], ["--quiet=false", "dir", f"{C}:@/q"], ["--quiet=false", "f.txt", f"{C}:@/exists"],
    ["dir/sub/../a", f"{C}:@/dd"], ["./f.txt", f"{C}:@/rel"], ["dir/fifo", f"{C}:@/fifo"],
    ["f.txt", f"{C}:@-top"], ["dir", f"{C}:@-top"], ["f.txt", f"{C}:@/exists/."], ["f.txt", f"{C}:@/rlink"],
    ["dir", f"{C}:@/rlink"], ["f.txt", f"{C}:@/exists/sub/../new"], ["dir/", f"{C}:@/exists/new/"],
])
def test_to_container(box, source, wire, args):
    compare_to(source, args, wire=wire)


@pytest.mark.parametrize("args", [
    ["f.txt", f"{C}:@/nodir/"], ["dir", f"{C}:@/file"], ["nonexist", f"{C}:@/x"], ["f.txt", "pdtB-nosuch:/x"],
    ["f.txt", f"{C}:/nonexistdir/x"], ["nodir/x", f"{C}:@/x"], ["f.txt/x", f"{C}:@/x"], ["-", f"{C}:@/new"],
    ["-", f"{C}:@/file"],
])
def test_to_container_errors(box, source, wire, args):
    assert compare_to(source, args, wire=wire)[0] != 0


def test_tar_from_stdin(box, source, wire):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        data = b"from stdin\n"
        member = tarfile.TarInfo("in/t.txt")
        member.size, member.mtime = len(data), FIXTURE_MTIME
        t.addfile(member, io.BytesIO(data))
    compare_to(source, ["-", f"{C}:@/exists"], stdin=buf.getvalue(), wire=wire)
    compare_to(source, ["--quiet=false", "-", f"{C}:@/exists"], stdin=buf.getvalue(), wire=wire)
    compare_to(source, ["-", f"{C}:@/exists/"], stdin=buf.getvalue(), wire=wire)
    compare_to(source, ["-", f"{C}:@/dlink"], stdin=buf.getvalue(), wire=wire)


def test_usage_line_names_both_forms():
    out = subprocess.run([sys.executable, "-m", "pydock", "cp", "a"], capture_output=True, text=True, env=_env(None),
                         cwd=ROOT)
    assert out.returncode == 1
    assert out.stderr == ("pydock: 'pydock cp' requires 2 arguments\n\nUsage:  pydock cp [OPTIONS] CONTAINER:SRC_PATH "
                          "DEST_PATH|-\n\tpydock cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\n"
                          "Run 'pydock cp --help' for more information\n")


# -- Ctrl-C on a terminal ------------------------------------------------------------------------------

def ctrl_c(program: str, args: list[str], cwd: str, wire: RequestLines, ready) -> tuple[int | None, bytes, float]:
    """`cp args` with a pseudo-terminal for stdin, stdout and stderr, through `wire`; once `ready(wire)` holds
    (the copy is under way), a ^C typed at the terminal (the line discipline sends SIGINT to the
    foreground process group and echoes `^C`). Returns the exit status (None: still running 3 s after the
    ^C, then killed), everything written to the terminal, and the seconds from ^C to exit."""
    import pty
    import select

    cmd = ["docker", "cp"] if program == "docker" else [sys.executable, "-m", "pydock", "cp"]
    env = _env({"DOCKER_HOST": wire.host})
    pid, master = pty.fork()
    if pid == 0:
        try:
            # as a shell starts a foreground job: SIGINT at its default (an xdist worker ignores it, and an
            # ignored SIGINT is inherited through exec: neither program would see the ^C)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.chdir(cwd)
            os.execvpe(cmd[0], cmd + args, env)
        finally:
            os._exit(127)
    out, status, sent = b"", None, None
    deadline = time.monotonic() + 15
    try:
        while time.monotonic() < deadline:
            if sent is None and ready(wire):
                time.sleep(0.3)  # in the blocking read, not just past the request line
                os.write(master, b"\x03")
                sent = time.monotonic()
                deadline = sent + 3
            if select.select([master], [], [], 0.05)[0]:
                try:
                    out += os.read(master, 65536)
                except OSError:  # EIO: the program closed the terminal
                    pass
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(st)
                break
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        try:
            while select.select([master], [], [], 0.2)[0]:
                data = os.read(master, 65536)
                if not data:
                    break
                out += data
        except OSError:
            pass
        os.close(master)
        wire.arm(None)
    assert sent is not None, f"the copy never got under way: {wire.seen}, {out!r}"
    return status, out, time.monotonic() - sent if status is not None else float("inf")


def _sent(pattern: str):
    return lambda wire: any(re.search(pattern, key) for key in list(wire.seen))


# (name, args (`@` the local source directory), fault: the request that never gets an answer, ready: the
# request the copy waits in)
INTERRUPTED = [
    ("to, stalled PUT", ["@/f.txt", f"{C}:/dst-intr"], r"^PUT .*/archive$", r"^PUT .*/archive$"),
    ("to -q, stalled PUT", ["-q", "@/f.txt", f"{C}:/dst-intr"], r"^PUT .*/archive$", r"^PUT .*/archive$"),
    ("from, stalled GET", [f"{C}:/data", "out"], r"^GET .*/archive$", r"^GET .*/archive$"),
    ("to, reading the terminal", ["-", f"{C}:/data"], None, r"^HEAD .*/archive$"),
]


@pytest.mark.parametrize("name, args, fault, ready", INTERRUPTED, ids=[i[0] for i in INTERRUPTED])
def test_ctrl_c_ends_the_line_once_and_exits_130(box, source, tmp_path, wire, name, args, fault, ready):
    """docker's answer to a ^C during cp varies: nothing after the echoed `^C` (the prompt then follows on
    the same line) and 130, or 0 as if the copy had succeeded (its cp's own signal.NotifyContext races the
    root one), or a false `Successfully copied 2.05kB to ...` line when stdout is a terminal, or no answer
    at all while it reads the terminal (the ^C is caught, the read never sees it). pydock: the `^C` line
    ended with one newline, nothing else, 130, within a second (it printed two newlines: click's and its own)."""
    results = {}
    for program in ("docker", "pydock"):
        wire.arm(Fault(fault, "stall") if fault else None)
        results[program] = ctrl_c(program, [a.replace("@", source) for a in args], str(tmp_path), wire, _sent(ready))
    (t_status, t_out, _), (o_status, o_out, o_answer) = results["docker"], results["pydock"]
    # the oracle: docker's terminal shows the echoed ^C and then, at most, its one summary line
    assert t_out.startswith(b"^C"), t_out
    assert t_out[2:] in (b"", b"Successfully copied 2.05kB to " + f"{C}:/dst-intr".encode() + b"\r\n"), t_out
    assert t_status in (0, 130, None), t_status
    assert (o_status, o_out) == (130, b"^C\r\n"), (o_status, o_out, t_out)
    assert o_answer < 1.0, o_answer
    assert not os.path.lexists(tmp_path / "out")
