"""The connection to the daemon is cut in the middle of a stream (the daemon dies, a proxy drops):
pydock ends with one clear line on stderr and a failure status, as docker does, never a traceback.

The fault relay (tests/engine/faultrelay.py) listens on 127.0.0.1 (a TCP daemon: the transport the fault
matrix's unix-socket relay does not reach) and relays to the engine's unix socket; the response of the
stream's request is cut once it has carried CUT_AFTER bytes (`cut`); every other request (ping, inspect,
create, wait) passes untouched."""

from __future__ import annotations

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.faultrelay import EngineRelay, Fault

CUT_AFTER = 256 * 1024
NAME = f"pdtM-cut-{LABEL[-6:]}"
LOGS = r"GET /containers/[^/]+/logs$"
ATTACH = r"POST /containers/[^/]+/attach$"


@pytest.fixture(scope="module")
def proxy():
    p = EngineRelay(tcp=True)
    yield p
    p.close()


@pytest.fixture(scope="module")
def chatty():
    """A container that prints without end (cleaned up by name and by the session label)."""
    r = run_docker("run", "-d", "--name", NAME, "--label", LABEL, TEST_IMAGE, "sh", "-c",
                   "while true; do echo 0123456789abcdefghijklmnopqrstuvwxyz; done")
    assert r.returncode == 0, r
    yield NAME
    run_docker("rm", "-f", NAME)


def _both(proxy, pattern, *args):
    proxy.arm(Fault(pattern, "cut", cut_after=CUT_AFTER))
    host = ["-H", proxy.host]
    try:
        return run_docker(*host, *args, timeout=60), run_pydock(*host, *args, timeout=60)
    finally:
        proxy.arm(None)


def _assert_clean_failure(theirs, ours):
    assert theirs.returncode != 0, theirs
    assert ours.returncode == theirs.returncode, (ours, theirs)
    assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr, ours
    lines = ours.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0], ours


@pytest.mark.parametrize("tty", [False, True])
def test_logs_follow_cut_mid_stream(proxy, chatty, tty):
    args = ("logs", "-f", chatty)
    if tty:  # a TTY container's log is raw bytes, not frames: the cut is seen by the body decoder alone
        name = f"{NAME}-tty"
        run_docker("run", "-d", "-t", "--name", name, "--label", LABEL, TEST_IMAGE, "sh", "-c",
                   "while true; do echo 0123456789abcdefghijklmnopqrstuvwxyz; done")
        args = ("logs", "-f", name)
    try:
        theirs, ours = _both(proxy, LOGS, *args)
    finally:
        if tty:
            run_docker("rm", "-f", args[-1])
    _assert_clean_failure(theirs, ours)
    assert len(ours.stdout) >= CUT_AFTER // 2  # what arrived before the cut was written out


def test_run_attached_cut_mid_stream(proxy):
    """docker treats the end of the hijacked stream as the end of the output, then reports the exit
    status it waits for on another connection: the output is cut short, the status is the container's
    (0 here). pydock does the same, with no traceback."""
    script = "i=0; while [ $i -lt 100000 ]; do echo 0123456789abcdefghijklmnopqrstuvwxyz; i=$((i+1)); done"
    cuts = proxy.cuts
    theirs, ours = _both(proxy, ATTACH, "run", "--rm", "--label", LABEL, TEST_IMAGE, "sh", "-c", script)
    assert proxy.cuts == cuts + 2  # both runs really were cut
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (0, "")
    full = 100000 * 37
    assert CUT_AFTER // 2 < len(ours.stdout) < full and CUT_AFTER // 2 < len(theirs.stdout) < full
