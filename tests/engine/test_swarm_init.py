"""The `swarm` group, and `info`'s Swarm section, beside the docker CLI.

What does not change a swarm runs on the shared swarm daemon (swarmd.py): join tokens, the unlock key
refusal, the root CA, and the refusals of init/join/unlock on a node that is in a swarm already.
Everything that changes a swarm (init, join, leave, update, autolock, unlock, promote/demote/rm of a
second node, CA rotation) runs on two private daemons in network namespaces of their own (swarm_private.py),
docker and pydock taking turns on the same daemon, their outputs compared with the IDs, tokens and keys
(which differ from one swarm to the next) masked.
"""

from __future__ import annotations

import json
import os
import re
import time

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine import swarm_private
from tests.engine.differential import as_pydock, assert_same
from tests.engine.swarmd import swarm  # noqa: F401

_VOLATILE = (
    (re.compile(r"SWMTKN-1-[0-9a-z]+-[0-9a-z]+"), "<token>"),
    (re.compile(r"SWMKEY-1-[A-Za-z0-9+/=]+"), "<key>"),
    (re.compile(r"\b[0-9a-z]{25}\b"), "<id>"),
)


def _mask(text: str) -> str:
    for pattern, repl in _VOLATILE:
        text = pattern.sub(repl, text)
    return text


def _swarm_section(info: str) -> str:
    """`info`'s lines from ` Swarm:` to the next section at its indentation (` Runtimes:`)."""
    lines = info.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(" Swarm:"))
    end = next(i for i in range(start + 1, len(lines)) if re.match(r" \S", lines[i]))
    return "\n".join(lines[start:end])


# -- the shared daemon: nothing here changes the swarm ------------------------------------------------------
def test_read_only_on_the_shared_swarm(swarm):  # noqa: F811
    env = swarm.env
    for args in (("join-token", "worker"), ("join-token", "manager"), ("join-token", "-q", "worker"),
                 ("join-token", "--quiet", "manager"), ("join-token", "admin"), ("join-token",),
                 ("unlock-key",), ("unlock-key", "-q"), ("unlock-key", "--rotate"), ("unlock",),
                 ("ca",), ("ca", "--cert-expiry", "1h"), ("ca", "extra"),
                 ("init",), ("init", "--advertise-addr", "127.0.0.1"), ("join", "127.0.0.1:2377"),
                 ("init", "--availability", "bogus"), ("init", "--listen-addr", "http://x"),
                 ("init", "--listen-addr", "a:b:c"), ("init", "--default-addr-pool", "10.0.0.0/33"),
                 ("init", "--external-ca", "protocol=acme,url=x"), ("init", "--dispatcher-heartbeat", "5"),
                 ("update", "--cert-expiry", "1y"), ("update", "--autolock=maybe"), ("leave", "extra")):
        assert_same("swarm", *args, env=env)
    r = run_pydock("swarm", "update", env=env)  # no flag: the help, and nothing changed
    assert r.returncode == 0 and r.stdout.startswith("Usage:  pydock swarm update [OPTIONS]"), r


def test_info_swarm_section(swarm):  # noqa: F811
    """The Swarm section of `info` on a manager (the shared swarm daemon) and on an inactive node (main)."""
    for env in (swarm.env, None):
        ours, theirs = run_pydock("info", env=env), run_docker("info", env=env)
        assert ours.returncode == theirs.returncode == 0, ours.stderr
        assert _swarm_section(ours.stdout) == _swarm_section(theirs.stdout)
        for fmt in ("{{json .Swarm}}", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"):
            assert_same("info", "--format", fmt, env=env)


# -- private daemons ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def private():
    problem = swarm_private.prerequisites()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"private swarm daemons cannot start under CI: {problem}")
        pytest.skip(problem)
    with swarm_private.pair() as daemons:
        yield daemons


def _both(daemon, *args, setup=None, input: str | None = None):
    """The command through docker, then (after `setup`, which puts the daemon back) through pydock, on the
    same daemon: (docker's result, pydock's result)."""
    theirs = run_docker(*args, env=daemon.env, input=input)
    if setup:
        setup()
    ours = run_pydock(*args, env=daemon.env, input=input)
    return theirs, ours


def _assert_masked_same(theirs, ours):
    assert ours.returncode == theirs.returncode, (theirs, ours)
    assert _mask(ours.stdout) == _mask(theirs.stdout), f"\n--- docker\n{theirs.stdout}--- pydock\n{ours.stdout}"
    assert _mask(ours.stderr) == _mask(as_pydock(theirs.stderr))


def _spec(daemon) -> dict:
    spec = json.loads(daemon.docker("info", "--format", "{{json .Swarm.Cluster.Spec}}").stdout)
    return spec


def _leave(daemon):
    r = daemon.docker("swarm", "leave", "--force")
    assert r.returncode == 0, r.stderr


def test_init_with_settings_then_leave(private):
    a = private[0]
    args = ("swarm", "init", "--advertise-addr", a.addr, "--task-history-limit", "3", "--snapshot-interval", "5000",
            "--max-snapshots", "2", "--dispatcher-heartbeat", "7s", "--cert-expiry", "48h",
            "--default-addr-pool", "10.218.0.0/16", "--default-addr-pool-mask-length", "26",
            "--availability", "Drain")
    theirs = run_docker(*args, env=a.env)
    spec_d = _spec(a)
    info_d = run_docker("info", env=a.env).stdout
    info_p = run_pydock("info", env=a.env).stdout
    assert _swarm_section(info_p) == _swarm_section(info_d)
    _leave(a)
    ours = run_pydock(*args, env=a.env)
    _assert_masked_same(theirs, ours)
    assert _spec(a) == spec_d
    assert spec_d["Orchestration"]["TaskHistoryRetentionLimit"] == 3
    assert a.docker("node", "inspect", "-f", "{{.Spec.Availability}}", "self").stdout == b"drain\n"
    # on a manager of its own: update, then leave without and with --force
    theirs, ours = _both(a, "swarm", "update", "--task-history-limit", "9", "--snapshot-interval", "7000")
    _assert_masked_same(theirs, ours)
    assert _spec(a)["Raft"]["SnapshotInterval"] == 7000
    assert_same("swarm", "leave", env=a.env)  # the last manager: refused
    theirs, ours = _both(a, "swarm", "leave", "--force",
                         setup=lambda: a.docker("swarm", "init", "--advertise-addr", a.addr))
    _assert_masked_same(theirs, ours)
    # not in a swarm: the refusals of every manager command
    for args in (("swarm", "leave"), ("swarm", "unlock"), ("swarm", "join-token", "worker"), ("swarm", "ca"),
                 ("node", "ls"), ("secret", "ls")):
        assert_same(*args, env=a.env)
    ours, theirs = run_pydock("info", env=a.env), run_docker("info", env=a.env)
    assert _swarm_section(ours.stdout) == _swarm_section(theirs.stdout)


def test_autolock_and_unlock(private):
    a = private[0]
    init = ("swarm", "init", "--advertise-addr", a.addr, "--autolock")
    theirs, ours = _both(a, *init, setup=lambda: _leave(a))
    _assert_masked_same(theirs, ours)
    try:
        assert "SWMKEY-1-" in ours.stdout
        for args in (("unlock-key",), ("unlock-key", "-q"), ("unlock",)):
            assert_same("swarm", *args, env=a.env)
        old = a.docker("swarm", "unlock-key", "-q").stdout.decode().strip()
        r = run_pydock("swarm", "unlock-key", "--rotate", env=a.env)
        assert r.returncode == 0, r.stderr
        new = a.docker("swarm", "unlock-key", "-q").stdout.decode().strip()
        assert new != old
        assert r.stdout == ("Successfully rotated manager unlock key.\n"
                            + run_docker("swarm", "unlock-key", env=a.env).stdout)
        # a restarted manager is locked until it gets its key
        a.restart()
        for args in (("info", "--format", "{{.Swarm.LocalNodeState}}"), ("node", "ls"), ("swarm", "unlock-key")):
            assert_same(*args, env=a.env)
        ours, theirs = run_pydock("info", env=a.env), run_docker("info", env=a.env)
        assert _swarm_section(ours.stdout) == _swarm_section(theirs.stdout)
        assert_same("swarm", "unlock", env=a.env, input="SWMKEY-1-wrong\n")
        r = run_pydock("swarm", "unlock", env=a.env, input=new + "\n")
        assert (r.returncode, r.stdout, r.stderr) == (0, "", ""), r
        assert a.docker("info", "--format", "{{.Swarm.LocalNodeState}}").stdout == b"active\n"
        # autolock off, then on again: docker's texts both ways
        r = run_pydock("swarm", "update", "--autolock=false", env=a.env)
        assert (r.returncode, r.stdout) == (0, "Swarm updated.\n"), r
        assert _spec(a)["EncryptionConfig"]["AutoLockManagers"] is False
        assert_same("swarm", "unlock-key", env=a.env)
        theirs, ours = _both(a, "swarm", "update", "--autolock",
                             setup=lambda: a.docker("swarm", "update", "--autolock=false"))
        _assert_masked_same(theirs, ours)
        assert "SWMKEY-1-" in ours.stdout
    finally:
        _leave(a)


def test_two_nodes_join_promote_demote_rm(private):
    a, b = private
    r = a.docker("swarm", "init", "--advertise-addr", a.addr)
    assert r.returncode == 0, r.stderr
    try:
        worker = a.docker("swarm", "join-token", "-q", "worker").stdout.decode().strip()
        target = f"{a.addr}:2377"
        # errors first: a token of the wrong format, a bad availability
        assert_same("swarm", "join", "--token", "SWMTKN-1-bad", target, env=b.env)
        assert_same("swarm", "join", "--availability", "sleepy", "--token", worker, target, env=b.env)
        r = run_pydock("swarm", "join", "--token", worker, "--advertise-addr", b.addr, target, env=b.env)
        assert (r.returncode, r.stdout, r.stderr) == (0, "This node joined a swarm as a worker.\n", ""), r
        b_id = b.docker("info", "--format", "{{.Swarm.NodeID}}").stdout.decode().strip()
        assert_same("node", "ls", env=a.env)
        assert_same("node", "ls", "--filter", "role=worker", "--format", "{{.ID}} {{.Self}} {{.ManagerStatus}}",
                    env=a.env)
        assert_same("node", "inspect", "--pretty", b_id, env=a.env)
        # a worker: no manager commands
        assert_same("node", "ls", env=b.env)
        assert_same("swarm", "join-token", "worker", env=b.env)
        # promote and demote, each through pydock with docker's messages
        r = run_pydock("node", "promote", b_id, env=a.env)
        assert (r.returncode, r.stdout) == (0, f"Node {b_id} promoted to a manager in the swarm.\n"), r
        assert a.docker("node", "inspect", "-f", "{{.Spec.Role}}", b_id).stdout == b"manager\n"
        _wait(lambda: b.docker("info", "--format", "{{.Swarm.ControlAvailable}}").stdout == b"true\n")
        assert_same("node", "promote", b_id, env=a.env)  # already a manager
        r = run_pydock("node", "demote", b_id, env=a.env)
        assert (r.returncode, r.stdout) == (0, f"Manager {b_id} demoted in the swarm.\n"), r
        assert a.docker("node", "inspect", "-f", "{{.Spec.Role}}", b_id).stdout == b"worker\n"
        assert_same("node", "demote", b_id, env=a.env)  # already a worker
        # a node still up cannot be removed without --force
        _wait(lambda: b.docker("info", "--format", "{{.Swarm.ControlAvailable}}").stdout == b"false\n")
        assert_same("node", "rm", b_id, env=a.env)
        # rotating the worker token
        r = run_pydock("swarm", "join-token", "--rotate", "worker", env=a.env)
        rotated = a.docker("swarm", "join-token", "-q", "worker").stdout.decode().strip()
        assert rotated != worker
        assert r.stdout == "Successfully rotated worker join token.\n\n" + run_docker(
            "swarm", "join-token", "worker", env=a.env).stdout
        r = run_pydock("swarm", "join-token", "--rotate", "-q", "manager", env=a.env)
        assert r.stdout == run_docker("swarm", "join-token", "-q", "manager", env=a.env).stdout
        # the worker leaves; the manager removes it
        r = run_pydock("swarm", "leave", env=b.env)
        assert (r.returncode, r.stdout) == (0, "Node left the swarm.\n"), r
        r = run_pydock("node", "rm", "--force", b_id, env=a.env)
        assert (r.returncode, r.stdout) == (0, f"{b_id}\n"), r
        assert b_id not in a.docker("node", "ls", "-q").stdout.decode()
    finally:
        b.docker("swarm", "leave", "--force")
        _leave(a)


def test_ca_rotation(private):
    a = private[0]
    r = a.docker("swarm", "init", "--advertise-addr", a.addr)
    assert r.returncode == 0, r.stderr
    try:
        before = run_docker("swarm", "ca", env=a.env).stdout
        r = run_pydock("swarm", "ca", "--rotate", "-q", env=a.env)
        assert r.returncode == 0, r.stderr
        after = run_docker("swarm", "ca", env=a.env).stdout
        assert after != before and r.stdout == after
        r = run_pydock("swarm", "ca", "--rotate", "--detach", env=a.env)
        assert (r.returncode, r.stdout) == (0, ""), r
        assert_same("swarm", "ca", "--rotate", "--ca-cert", "/etc/hostname", env=a.env)
    finally:
        _wait(lambda: b"false" in a.docker("info", "--format", "{{.Swarm.Cluster.RootRotationInProgress}}").stdout)
        _leave(a)


def _wait(ok, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ok():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)
