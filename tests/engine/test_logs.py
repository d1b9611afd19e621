"""`pydock logs` against `docker logs`: stdout and stderr apart and byte-identical, every flag, bad
input; then pydock's own multi-container merge, and a million lines in flat memory."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, _env, run_docker, run_pydock
from tests.engine.conftest import LABEL, Objects
from tests.engine.differential import assert_same

SUFFIX = LABEL[-6:]
SCRIPT = ("i=1; while [ $i -le 5 ]; do echo out$i; echo err$i >&2; i=$((i+1)); sleep 0.05; done; "
          "printf 'no newline'; printf '\\377\\376 bytes\\n'")


pytestmark = pytest.mark.usefixtures("remove_module_containers")


@pytest.fixture(scope="module")
def logged():
    """Finished containers with known logs: plain, TTY, and one with log details (labels)."""
    o = Objects()
    names = {"plain": f"pdtB-logs-{SUFFIX}", "tty": f"pdtB-logs-tty-{SUFFIX}", "details": f"pdtB-logs-det-{SUFFIX}"}
    o.container("--name", names["plain"], run=True, cmd=("sh", "-c", SCRIPT))
    o.container("--name", names["tty"], "-t", run=True, cmd=("sh", "-c", "echo one; echo two >&2; printf three"))
    o.container("--name", names["details"], "--label", "pdtb.role=web", "--log-opt", "labels=pdtb.role", run=True,
                cmd=("sh", "-c", "echo detailed"))
    for n in names.values():
        assert run_docker("wait", n).returncode == 0
    return names


def raw(program: str, *args: str) -> subprocess.CompletedProcess:
    """Bytes, not text: the log holds invalid UTF-8 on purpose."""
    cmd = ["docker"] if program == "docker" else [sys.executable, "-m", "pydock"]
    return subprocess.run(cmd + list(args), capture_output=True, env=_env(None), cwd=ROOT, timeout=120)


@pytest.mark.parametrize("flags", [
    (), ("-t",), ("--timestamps",), ("--tail", "3"), ("-n", "1"), ("-n", "0"), ("--tail", "abc"), ("--tail", "-1"),
    ("--tail", "all"), ("-f",), ("-f", "-n", "2", "-t"), ("--since", "2000-01-01"), ("--until", "2000-01-01"),
    ("--since", "1h"), ("--until", "1h"), ("--since", "1700000000.5"), ("--until", "-1h"), ("--details",),
])
def test_one_container_is_byte_identical(logged, flags):
    for kind in ("plain", "tty"):
        theirs, ours = raw("docker", "logs", *flags, logged[kind]), raw("pydock", "logs", *flags, logged[kind])
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr), flags


def test_streams_are_kept_apart(logged):
    out = raw("pydock", "logs", logged["plain"])
    # the json-file log driver stores text: invalid UTF-8 comes back as U+FFFD, for docker too
    assert out.stdout == b"out1\nout2\nout3\nout4\nout5\nno newline\xef\xbf\xbd\xef\xbf\xbd bytes\n"
    assert out.stderr == b"err1\nerr2\nerr3\nerr4\nerr5\n"
    tty = raw("pydock", "logs", logged["tty"])
    assert (tty.stdout, tty.stderr) == (b"one\r\ntwo\r\nthree", b"")


def test_details(logged):
    out = assert_same("logs", "--details", logged["details"])
    assert out.stdout == "pdtb.role=web detailed\n"


@pytest.mark.parametrize("args", [
    ("logs", "--since", "bogus", "{c}"), ("logs", "--until", "bogus", "{c}"), ("logs", "--since", "2026-13-01", "{c}"),
    ("logs", "--until", "-5", "{c}"), ("logs", "--since", "3d", "{c}"), ("logs", "pdtB-nosuch"),
    ("logs", "--since", "bogus", "pdtB-nosuch"), ("logs",), ("logs", "--bogus", "{c}"), ("logs", "-n"),
    ("container", "logs", "pdtB-nosuch"),
])
def test_bad_input(logged, args):
    assert_same(*[a.format(c=logged["plain"]) for a in args])


def test_follow_ends_when_the_container_stops(objects):
    cid = objects.container(run=True, cmd=("sh", "-c", "for i in 1 2 3; do echo tick$i; sleep 0.3; done"))
    out = run_pydock("logs", "-f", cid, timeout=30)
    assert (out.returncode, out.stdout) == (0, "tick1\ntick2\ntick3\n")


def test_follow_prints_lines_as_they_come(objects):
    cid = objects.container(run=True, cmd=("sh", "-c", "echo first; sleep 3; echo second"))
    proc = subprocess.Popen([sys.executable, "-m", "pydock", "logs", "-f", cid], stdout=subprocess.PIPE,
                            env=_env(None), cwd=ROOT)
    try:
        assert proc.stdout.readline() == b"first\n"  # arrives long before the container ends
        assert proc.poll() is None
        assert proc.stdout.readline() == b"second\n"
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()


# -- several containers (pydock only) --------------------------------------------------------------------

@pytest.fixture(scope="module")
def pair():
    o = Objects()
    a, b = f"pdtB-mlog-a-{SUFFIX}", f"pdtB-mlog-b-{SUFFIX}"
    o.container("--name", a, run=True, cmd=("sh", "-c", "for i in 1 2 3; do echo a$i; sleep 0.4; done; echo aerr >&2"))
    o.container("--name", b, run=True, cmd=("sh", "-c", "sleep 0.2; for i in 1 2 3; do echo b$i; sleep 0.4; done"))
    for n in (a, b):
        run_docker("wait", n)
    return a, b


def test_several_containers_merge_by_time_with_name_prefixes(pair):
    a, b = pair
    stamped = run_pydock("logs", "-t", a, b)
    out = run_pydock("logs", a, b)
    assert out.returncode == stamped.returncode == 0, out
    lines = stamped.stdout.splitlines()
    stamps = [line.split(" | ", 1)[1].split(" ", 1)[0] for line in lines]
    assert stamps == sorted(stamps) and len(lines) == 6
    assert [line.split(" ", 3)[0] + " | " + line.split(" ", 3)[3] for line in lines] == out.stdout.splitlines()
    assert [line for line in out.stdout.splitlines() if line.startswith(a)] == [f"{a} | a1", f"{a} | a2", f"{a} | a3"]
    assert [line for line in out.stdout.splitlines() if line.startswith(b)] == [f"{b} | b1", f"{b} | b2", f"{b} | b3"]
    assert out.stderr == f"{a} | aerr\n"


def test_several_containers_keep_timestamps_with_t_and_honour_tail(pair):
    a, b = pair
    out = run_pydock("logs", "-t", "-n", "2", b, a)
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z"
    lines = out.stdout.splitlines()
    assert sorted(lines, key=lambda line: line.split(" | ")[1]) == lines
    assert sorted(re.sub(stamp, "T", line) for line in lines) == [f"{a} | T a3", f"{b} | T b2", f"{b} | T b3"], out
    assert re.fullmatch(rf"{a} \| {stamp} aerr\n", out.stderr), out


def test_several_containers_follow(pair):
    a, b = pair
    out = run_pydock("logs", "-f", a, b, timeout=30)
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 6


def test_several_containers_report_every_unknown_one(pair):
    out = run_pydock("logs", pair[0], "pdtB-nosuch1", "pdtB-nosuch2")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == ("Error response from daemon: No such container: pdtB-nosuch1\n"
                          "Error response from daemon: No such container: pdtB-nosuch2\n")


def test_a_million_lines_stream_in_flat_memory(objects):
    cid = objects.container(run=True, cmd=("seq", "1", "1000000"))
    assert run_docker("wait", cid).stdout == "0\n"
    probe = ("import resource, subprocess, sys; "
             "p = subprocess.run([sys.executable, '-m', 'pydock', 'logs', sys.argv[1]], stdout=subprocess.PIPE); "
             "lines = p.stdout.count(b'\\n'); last = p.stdout[-8:]; del p; "
             "print(lines, last.split()[-1].decode(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, cid], capture_output=True, text=True, env=_env(None),
                         cwd=ROOT, timeout=600)
    lines, last, max_rss_kb = out.stdout.split()
    assert (lines, last) == ("1000000", "1000000"), out
    assert int(max_rss_kb) < 80_000, f"pydock logs peaked at {max_rss_kb} kB for 1,000,000 lines"
