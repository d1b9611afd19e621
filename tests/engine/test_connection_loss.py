"""The connection to the daemon is cut in the middle of a stream (the daemon dies, a proxy drops):
pydock ends with one clear line on stderr and a failure status, as docker does, never a traceback.

A small proxy on 127.0.0.1 relays to the engine's unix socket and closes both sides once a response
has carried CUT_AFTER bytes; short API calls (ping, inspect, create) pass untouched."""

from __future__ import annotations

import socket
import threading

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE

SOCKET = "/var/run/docker.sock"
CUT_AFTER = 256 * 1024
NAME = f"pdtM-cut-{LABEL[-6:]}"


class CuttingProxy:
    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(SOCKET)
            threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, CUT_AFTER), daemon=True).start()

    def _pipe(self, src, dst, limit):
        """Relay one direction; an EOF is passed on as a half-close (attach half-closes stdin), the
        cut closes both directions of both sockets at once."""
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    dst.shutdown(socket.SHUT_WR)
                    return
                dst.sendall(data)
                sent += len(data)
                if limit is not None and sent >= limit:
                    self.cuts += 1
                    break
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self):
        self.server.close()


@pytest.fixture(scope="module")
def proxy():
    p = CuttingProxy()
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


def _both(proxy, *args):
    host = ["-H", f"tcp://127.0.0.1:{proxy.port}"]
    return run_docker(*host, *args, timeout=60), run_pydock(*host, *args, timeout=60)


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
        theirs, ours = _both(proxy, *args)
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
    theirs, ours = _both(proxy, "run", "--rm", "--label", LABEL, TEST_IMAGE, "sh", "-c", script)
    assert proxy.cuts == cuts + 2  # both runs really were cut
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (0, "")
    full = 100000 * 37
    assert CUT_AFTER // 2 < len(ours.stdout) < full and CUT_AFTER // 2 < len(theirs.stdout) < full
