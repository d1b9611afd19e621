"""The non-interactive container verbs against docker: start, stop, restart, kill, rm, wait, pause,
unpause, rename, port, top, diff, update, commit, prune, start -a/-i.

Verbs that change state cannot run twice on one container, so those tests make twin containers,
one for docker and one for pydock, and compare the outputs with the twins' names and IDs swapped."""

from __future__ import annotations

import json
import time

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, Objects, free_ports
from tests.engine.differential import as_pydock, assert_same

SUFFIX = LABEL[-6:]
SLEEPER = ("sleep", "300")


pytestmark = pytest.mark.usefixtures("remove_module_containers")


def name(role: str) -> str:
    return f"pdtB-{role}-{SUFFIX}"


class Twins:
    """Containers made in pairs; `d` for docker, `p` for pydock; `same()` compares a verb on each."""

    def __init__(self):
        self.o = Objects()
        self.d: dict[str, str] = {}
        self.p: dict[str, str] = {}
        self.ids: dict[str, str] = {}

    def make(self, role: str, *args: str, run: bool = True, cmd=SLEEPER) -> None:
        for side, names in (("d", self.d), ("p", self.p)):
            names[role] = f"{name(role)}-{side}"
            cid = self.o.container("--name", names[role], *args, run=run, cmd=cmd)
            self.ids[names[role]] = cid

    def same(self, *args: str, input: str | None = None):
        """`args` may name roles as `@role`."""
        def resolve(side_names):
            return [side_names[a[1:]] if a.startswith("@") else a for a in args]

        theirs = run_docker(*resolve(self.d), input=input)
        ours = run_pydock(*resolve(self.p), input=input)
        to_d = {}
        for role in self.p:
            to_d[self.ids[self.p[role]]] = self.ids[self.d[role]]
            to_d[self.p[role]] = self.d[role]
        def mapped(text):
            for a, b in sorted(to_d.items(), key=lambda kv: -len(kv[0])):
                text = text.replace(a, b)
            return text
        assert ours.returncode == theirs.returncode, (ours, theirs)
        assert mapped(ours.stdout) == theirs.stdout, (ours, theirs)
        assert mapped(ours.stderr) == as_pydock(theirs.stderr), (ours, theirs)
        return ours


def state(cid: str) -> dict:
    return json.loads(run_docker("inspect", cid).stdout)[0]["State"]


# -- errors: unknown containers, bad values, argument counts -------------------------------------------

@pytest.mark.parametrize("args", [
    ("stop", "pdtB-nosuch1", "pdtB-nosuch2"), ("kill", "pdtB-nosuch"), ("start", "pdtB-nosuch1", "pdtB-nosuch2"),
    ("rm", "pdtB-nosuch"), ("rm", "-f", "pdtB-nosuch"), ("rm", "-f", "pdtB-nosuch1", "pdtB-nosuch2"),
    ("wait", "pdtB-nosuch"), ("pause", "pdtB-nosuch"), ("unpause", "pdtB-nosuch"), ("restart", "pdtB-nosuch"),
    ("rename", "pdtB-nosuch", "pdtB-x"), ("rename", "pdtB-nosuch", " "), ("port", "pdtB-nosuch"),
    ("top", "pdtB-nosuch"), ("diff", "pdtB-nosuch"), ("diff", ""), ("update", "pdtB-nosuch"),
    ("update", "--cpus", "1", "pdtB-nosuch"), ("commit", "pdtB-nosuch"), ("stop", ""), ("stop", " "), ("kill", ""),
    ("rm", "/"), ("rm", ""), ("start", ""), ("logs", ""), ("container", "stop", "pdtB-nosuch"),
    ("container", "remove", "pdtB-nosuch"),
])
def test_unknown_and_empty_containers(args):
    assert_same(*args)


@pytest.mark.parametrize("args", [
    ("stop", "-t", "abc", "x"), ("stop", "--time", "1", "-t", "1", "pdtB-nosuch"), ("stop", "--time", "1", "pdtB-nosuch"),
    ("restart", "--time=2", "--timeout", "1", "x"), ("start", "-a", "x", "y"), ("stop",), ("kill",), ("wait",),
    ("rename", "a"), ("diff",), ("diff", "a", "b"), ("top",), ("update", "--cpus", "abc", "x"), ("update", "-m", "abc", "x"),
    ("update", "--memory-swap", "abc", "x"), ("update", "--blkio-weight", "70000", "x"), ("update", "--blkio-weight", "x", "x"),
    ("update", "-c", "abc", "x"), ("update", "--cpus", "0.0000000001", "x"), ("update", "--restart", ":3", "x"),
    ("update", "--restart", "on-failure:x", "x"), ("update", "-m", "10xb", "x"), ("update", "-m", "-5", "x"),
    ("container", "prune", "x"), ("container", "prune", "--filter", "bogus"), ("container", "prune", "-f", "--filter", "bogus=1"),
    ("rm", "--bogus", "x"), ("kill", "-s"),
])
def test_bad_flags_and_arguments(args):
    assert_same(*args)


@pytest.mark.parametrize("args", [("commit",), ("commit", "a", "b", "c"), ("port",), ("port", "a", "b", "c")])
def test_range_argument_counts(args):
    """docker says `requires at least 1 and at most 2 arguments` and then "Run '... --help'"."""
    ours, theirs = run_pydock(*args), run_docker(*args)
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr.splitlines()[:3] == as_pydock(theirs.stderr).splitlines()[:3]


# -- stop, kill, rm, pause, unpause, restart, start: parallel, in order, errors joined ------------------

@pytest.fixture
def twins():
    return Twins()


def test_stop_many_reports_in_argument_order(twins):
    for role in ("s1", "s2", "s3"):
        twins.make(role)
    twins.same("stop", "-t", "1", "@s3", "pdtB-nosuch", "@s1", "@s2")
    for cid in twins.ids.values():
        assert not state(cid)["Running"]


def test_stop_signal_is_dropped_on_api_1_41(objects):
    """`-s KILL` would stop at once; API 1.41 never receives it, so the timeout runs out first, as with docker.
    (PID 1 ignores TERM without a handler.)"""
    timings = {}
    for prog, runner in (("docker", run_docker), ("pydock", run_pydock)):
        cid = objects.container(run=True)
        start = time.monotonic()
        out = runner("stop", "-s", "KILL", "-t", "2", cid)
        timings[prog] = time.monotonic() - start
        assert out.returncode == 0 and out.stdout == f"{cid}\n"
        assert state(cid)["ExitCode"] == 137
    assert timings["docker"] >= 1.8 and timings["pydock"] >= 1.8, timings


def test_kill_with_signals_and_a_bad_signal(twins):
    twins.make("k1")
    twins.make("k2")
    twins.same("kill", "-s", "BOGUS", "@k1")
    twins.same("kill", "-s", "0", "@k1")
    twins.same("kill", "-s", "HUP", "@k1")  # sh as PID 1 ignores HUP: still running
    assert state(twins.ids[twins.p["k1"]])["Running"]
    twins.same("kill", "@k1", "pdtB-nosuch", "@k2")
    twins.same("kill", "@k1")  # not running any more
    assert state(twins.ids[twins.p["k2"]])["ExitCode"] == 137


def test_pause_unpause(twins):
    twins.make("pa")
    twins.same("pause", "@pa")
    assert state(twins.ids[twins.p["pa"]])["Paused"]
    twins.same("pause", "@pa")  # already paused
    twins.same("unpause", "@pa", "pdtB-nosuch")
    twins.same("unpause", "@pa")  # not paused


def test_restart_and_start(twins):
    twins.make("r1")
    twins.make("c1", run=False)
    twins.same("restart", "-t", "0", "@r1", "pdtB-nosuch")
    twins.same("start", "@c1", "pdtB-nosuch", "@r1", "pdtB-nosuch2")
    assert state(twins.ids[twins.p["c1"]])["Running"]


def test_rm_variants(twins):
    twins.make("running")
    twins.make("created", "-v", "/data", run=False)
    twins.same("rm", "@running")  # refused: running
    twins.same("rm", "-v", "@created", "pdtB-nosuch")
    twins.same("rm", "-f", "pdtB-nosuch", "@running")
    twins.same("container", "rm", "-f", "/pdtB-nosuch/")


def test_wait_prints_exit_codes_in_argument_order(twins):
    twins.make("w1", cmd=("sh", "-c", "sleep 1; exit 3"))
    twins.make("w2", cmd=("sh", "-c", "exit 5"))
    out = twins.same("wait", "@w1", "@w2", "pdtB-nosuch")
    assert out.stdout == "3\n5\n"


def test_rename(twins):
    twins.make("old")
    twins.same("rename", "@old", "@old")
    p_new = name("new") + "-p"
    ours = run_pydock("rename", twins.p["old"], p_new)
    assert ours.returncode == 0 and ours.stdout == ours.stderr == ""
    assert run_docker("inspect", "-f", "{{.Name}}", twins.ids[twins.p["old"]]).stdout == f"/{p_new}\n"


# -- port, top, diff -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ported():
    o = Objects()
    p = free_ports(11)  # not fixed ports: two sessions setting this fixture up at once collided
    return o.container("--name", name("ports"), "-p", f"127.0.0.1:{p}:80", "-p", f"127.0.0.1:{p + 1}:81/udp",
                       "-p", f"127.0.0.1:{p + 9}:9", "-p", f"127.0.0.1:{p + 10}:10", "-p", f"[::1]:{p + 2}:82",
                       "--expose", "90", run=True,
                       cmd=("sh", "-c", "mkdir -p /tmp/d && echo x > /tmp/d/f && rm /bin/ls; sleep 300"))


@pytest.mark.parametrize("extra", [(), ("82",), ("82/tcp",), ("81/udp",), ("80",), ("90",), ("abc",), ("99999",), ("",),
                                   ("80/bogus",), ("9",)])
def test_port(ported, extra):
    assert_same("port", name("ports"), *extra)
    assert_same("container", "port", ported, *extra)


@pytest.mark.parametrize("ps_args", [(), ("-o", "pid,comm"), ("-o", "comm"), ("--bogus",), ("-o", "bogus")])
def test_top(ported, ps_args):
    assert_same("top", name("ports"), *ps_args)


def test_diff(ported):
    for _ in range(50):
        if "A /tmp/d/f" in run_docker("diff", ported).stdout:
            break
        time.sleep(0.1)
    ours, theirs = run_pydock("diff", ported), run_docker("diff", ported)
    assert ours.returncode == theirs.returncode == 0
    # the daemon's own order varies from call to call
    assert sorted(ours.stdout.splitlines()) == sorted(theirs.stdout.splitlines())
    assert {"A /tmp/d/f", "D /bin/ls", "C /bin"} <= set(ours.stdout.splitlines())


# -- update, commit --------------------------------------------------------------------------------------

def test_update(twins):
    twins.make("u1")
    twins.make("u2")
    twins.same("update", "--cpus", "0.5", "-m", "64m", "--memory-swap", "128m", "@u1", "pdtB-nosuch", "@u2")
    twins.same("update", "--restart", "on-failure:3", "--pids-limit", "100", "--cpu-shares", "512", "@u1")
    twins.same("update", "--restart", "bogus", "@u1")
    twins.same("update", "--kernel-memory", "10m", "--blkio-weight", "500", "@u1")  # the daemon's warnings
    twins.same("update", "--memory-swap", "-1", "-m", "32m", "@u1", "@u2")
    twins.same("update", "--cpus", "0", "@u1")
    twins.same("update", "@u1")
    host = json.loads(run_docker("inspect", twins.ids[twins.p["u1"]]).stdout)[0]["HostConfig"]
    assert (host["NanoCpus"], host["Memory"], host["MemorySwap"], host["PidsLimit"], host["CpuShares"]) == \
        (500_000_000, 32 << 20, -1, 100, 512)
    assert host["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 3}


def test_commit(objects, label):
    cid = objects.container(run=True, cmd=("sh", "-c", "echo hi > /committed; sleep 300"))
    tag = f"pdtb-commit-{SUFFIX}:v1"
    out = run_pydock("commit", "-a", "me <me@x>", "-m", "a message", "-c", f"LABEL {label.replace('=', '=')}",
                     "-c", "ENV A=1", "-p=false", cid, tag)
    assert out.returncode == 0 and out.stdout.startswith("sha256:") and out.stderr == ""
    image = json.loads(run_docker("image", "inspect", tag).stdout)[0]
    assert image["Id"] == out.stdout.strip()
    assert (image["Author"], image["Comment"]) == ("me <me@x>", "a message")
    assert "A=1" in image["Config"]["Env"] and image["Config"]["Labels"]["pydock.test"] == label.split("=", 1)[1]
    assert_same("commit", "-c", "BOGUS x", cid)
    assert_same("commit", cid, "x@sha256:" + "a" * 64)
    untagged = run_pydock("commit", "-c", f"LABEL {label}", cid)
    assert untagged.returncode == 0 and untagged.stdout.startswith("sha256:")


# -- container prune -------------------------------------------------------------------------------------

def test_prune_asks_first_and_reports_like_docker(objects, label):
    flt = ("--filter", f"label={label}", "--filter", f"label=pdtB-prune-{SUFFIX}")
    ids = sorted(objects.container("--label", f"pdtB-prune-{SUFFIX}") for _ in range(2))
    assert_same("container", "prune", *flt, input="n\n")
    assert_same("container", "prune", *flt, input="")
    ours = run_pydock("container", "prune", *flt, input="y\n")
    assert ours.returncode == 0, ours
    head, _, tail = ours.stdout.partition("Deleted Containers:\n")
    assert head == "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] "
    deleted, _, total = tail.partition("\n\n")
    assert sorted(deleted.split()) == ids and total == "Total reclaimed space: 0B\n"
    assert_same("container", "prune", "-f", *flt)  # nothing left: just the total


# -- start -a / -i -----------------------------------------------------------------------------------------

def test_start_attached_streams_and_exits_with_the_status(twins):
    twins.make("a1", run=False, cmd=("sh", "-c", "echo out; echo err >&2; exit 3"))
    out = twins.same("start", "-a", "@a1")
    assert (out.returncode, out.stdout, out.stderr) == (3, "out\n", "err\n")


def test_start_interactive_pipes_stdin(twins):
    twins.make("i1", "-i", run=False, cmd=("sh", "-c", "cat; echo done >&2"))
    out = twins.same("start", "-ai", "@i1", input="abc\ndef\n")
    assert (out.stdout, out.stderr) == ("abc\ndef\n", "done\n")


def test_start_attached_tty_is_raw(twins):
    twins.make("t1", "-t", run=False, cmd=("sh", "-c", "echo tty; exit 4"))
    out = twins.same("start", "-a", "@t1")
    assert out.returncode == 4 and out.stdout == "tty\n"  # \r\n, as text mode reads it


def test_start_attached_to_a_missing_container():
    assert_same("start", "-a", "pdtB-nosuch")
