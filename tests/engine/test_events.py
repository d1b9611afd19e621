"""`events` against the real engine, side by side with docker's.

The daemon keeps only the last 256 events and other engineers' tests make many, so each test opens
both streams live over a short --since/--until window (so they end by themselves), makes its own
labelled container do something, and compares what both printed, byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock

SUFFIX = LABEL[-6:]


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DOCKER_HOST", None)
    return env


def window(args_for, action, seconds: float = 6.0):
    """Start docker's and pydock's `events` with args_for(since, until) on the same window, run
    action(), wait for both streams to end at --until; (docker Result-like, pydock) tuples."""
    since = int(time.time())
    until = since + int(seconds)
    args = args_for(str(since), str(until))
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
             for cmd in (["docker", "events", *args], [sys.executable, "-m", "pydock", "events", *args])]
    try:
        time.sleep(1.0)
        action()
        outs = [p.communicate(timeout=seconds + 20) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    return [(p.returncode, o.decode(), e.decode()) for p, (o, e) in zip(procs, outs)]


def run_a_container(name: str):
    def action():
        r = run_docker("run", "--rm", "--label", LABEL, "--name", name, TEST_IMAGE, "true")
        assert r.returncode == 0, r
    return action


@pytest.mark.parametrize("fmt", ["", "json", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Status}} {{.From}}",
                                 "{{json .Actor}} {{.Scope}} {{.TimeNano}}", "{{.}}"])
def test_events_match_docker_for_a_container_lifecycle(fmt):
    name = f"pdd-ev-{SUFFIX}-{abs(hash(fmt)) % 10000}"
    fmt_args = ("--format", fmt) if fmt else ()
    theirs, ours = window(lambda s, u: ("--since", s, "--until", u, "--filter", f"label={LABEL}",
                                        "--filter", f"container={name}", *fmt_args), run_a_container(name))
    assert ours == theirs
    assert ours[0] == 0
    lines = ours[1].splitlines()
    assert len(lines) >= 4  # create, attach, start, die, destroy (docker run --rm)
    if not fmt:
        assert " container create " in lines[0] and f"name={name}" in lines[0]


def test_event_filters_combine_like_docker():
    name = f"pdd-evf-{SUFFIX}"
    theirs, ours = window(lambda s, u: ("--since", s, "--until", u, "--filter", f"label={LABEL}",
                                        "--filter", f"container={name}", "--filter", "event=start",
                                        "--filter", "event=die", "--filter", "type=container"),
                          run_a_container(name))
    assert ours == theirs
    actions = [line.split()[2] for line in ours[1].splitlines()]
    assert actions == ["start", "die"]


def test_system_events_is_the_same_command():
    ours = run_pydock("system", "events", "--since", "1", "--until", "2")
    theirs = run_docker("system", "events", "--since", "1", "--until", "2")
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout) == (0, "")


@pytest.mark.parametrize("args", [
    ("--format", "{{.Bogus}}"),
    ("--format", "{{.Type"),
    ("--since", "abc"),
    ("--until", "2026-13-01"),
    ("--since", "1", "--until", "2", "--filter", "bogus=1"),
    ("--filter", "nokey"),
    ("extra",),
    ("--bogus",),
])
def test_bad_input_is_dockers(args):
    theirs = run_docker("events", *args, timeout=20)
    ours = run_pydock("events", *args, timeout=20)
    assert ours.returncode == theirs.returncode, (ours, theirs)
    assert ours.stdout == theirs.stdout
    assert ours.stderr == as_pydock(theirs.stderr)
