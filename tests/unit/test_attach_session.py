"""The attached-streams session without a daemon: a socketpair stands in for the hijacked connection,
pipes and ptys for the user's terminal."""

from __future__ import annotations

import io
import os
import signal
import socket
import struct
import termios
import threading
import time

import pytest

from pydock.cli._attach import (
    Detached,
    ForceExit,
    Signals,
    StreamOptions,
    Streamer,
    TtyMonitor,
    check_tty,
    forwardable_signals,
    signal_name,
    terminal_size,
)
from pydock.errors import PydockError, StreamError


class Conn:
    """The Hijacked interface over one end of a socketpair."""

    def __init__(self, sock: socket.socket):
        self.sock = sock

    def chunks(self):
        while True:
            data = self.sock.recv(65536)
            if not data:
                return
            yield data

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close_write(self) -> None:
        # as the real one (engine/hijack.py): a connection already gone is no error. The input thread of a
        # test that ended by raising half-closes after the fixture closed the socket (EBADF), which
        # surfaced as an unhandled-thread warning in whichever test ran next (random order, seed 332612)
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class App:
    def __init__(self):
        self.out_bytes, self.err_bytes = io.BytesIO(), io.BytesIO()
        self.out = io.TextIOWrapper(self.out_bytes, write_through=True)
        self.err = io.TextIOWrapper(self.err_bytes, write_through=True)
        self.config: dict = {}


def frame(stream: int, payload: bytes) -> bytes:
    return bytes([stream, 0, 0, 0]) + struct.pack(">I", len(payload)) + payload


@pytest.fixture
def pair():
    ours, theirs = socket.socketpair()
    yield Conn(ours), theirs
    ours.close()
    theirs.close()


def test_frames_go_to_stdout_and_stderr_apart(pair):
    conn, daemon = pair
    app = App()
    with Streamer(app, conn, StreamOptions(tty=False, stdin=False)) as streamer:
        daemon.sendall(frame(1, b"out\n") + frame(2, b"err\n") + frame(1, b"\x00\xffbin"))
        daemon.shutdown(socket.SHUT_WR)
        assert streamer.wait() == ("done", None)
    assert app.out_bytes.getvalue() == b"out\n\x00\xffbin"
    assert app.err_bytes.getvalue() == b"err\n"


def test_tty_output_is_raw(pair):
    conn, daemon = pair
    app = App()
    with Streamer(app, conn, StreamOptions(tty=True, stdin=False)) as streamer:
        daemon.sendall(b"\x01\x00\x00\x00hi\r\n")
        daemon.shutdown(socket.SHUT_WR)
        assert streamer.wait() == ("done", None)
    assert app.out_bytes.getvalue() == b"\x01\x00\x00\x00hi\r\n"
    assert app.err_bytes.getvalue() == b""


def test_system_error_frame_ends_the_stream(pair):
    conn, daemon = pair
    with Streamer(App(), conn, StreamOptions(tty=False, stdin=False)) as streamer:
        daemon.sendall(frame(3, b"boom"))
        daemon.shutdown(socket.SHUT_WR)
        kind, error = streamer.wait()
    assert kind == "done" and isinstance(error, StreamError)
    assert str(error) == "error from daemon in stream: boom"


def test_stdin_is_copied_then_half_closed_and_output_still_read(pair):
    conn, daemon = pair
    r, w = os.pipe()
    payload = os.urandom(300_000)
    app = App()
    with open(r, "rb", buffering=0) as stdin:
        with Streamer(app, conn, StreamOptions(tty=False, stdin=True), stdin=stdin) as streamer:
            threading.Thread(target=lambda: (os.write(w, payload), os.close(w)), daemon=True).start()
            received = b""
            while chunk := daemon.recv(65536):  # ends at our half-close
                received += chunk
            assert received == payload
            daemon.sendall(frame(1, b"%d\n" % len(received)))  # the reply still arrives
            daemon.shutdown(socket.SHUT_WR)
            assert streamer.wait() == ("done", None)
    assert app.out_bytes.getvalue() == b"300000\n"


def test_only_stdin_attached_ends_at_eof(pair):
    conn, daemon = pair
    with open(os.devnull, "rb") as stdin:
        with Streamer(App(), conn, StreamOptions(tty=False, stdin=True, stdout=False, stderr=False),
                      stdin=stdin) as streamer:
            assert streamer.wait() == ("done", None)
    assert daemon.recv(10) == b""


def test_cancel_and_status_events(pair):
    conn, _ = pair
    with Streamer(App(), conn, StreamOptions(tty=False, stdin=False)) as streamer:
        streamer.events.put(("status", 3))
        assert streamer.wait() == ("status", 3)
        streamer.cancel()
        assert streamer.wait() == ("cancelled", None)


def test_tty_detach_restores_the_terminal(pair):
    conn, daemon = pair
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    try:
        with open(slave, "rb", buffering=0, closefd=False) as stdin:
            with Streamer(App(), conn, StreamOptions(tty=True, stdin=True), stdin=stdin) as streamer:
                raw = termios.tcgetattr(slave)
                assert not raw[3] & termios.ICANON and not raw[3] & termios.ECHO and not raw[3] & termios.ISIG
                os.write(master, b"ls\r\x10")
                time.sleep(0.1)
                os.write(master, b"\x11after")
                kind, value = streamer.wait()
                assert kind == "detached" and isinstance(value, Detached)
                assert str(value) == "read escape sequence"
                assert termios.tcgetattr(slave) == before  # restored at once, before any message
        assert daemon.recv(100) == b"ls\r"
    finally:
        os.close(master)
        os.close(slave)


def test_terminal_restored_when_the_block_raises(pair):
    conn, _ = pair
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    try:
        with open(slave, "rb", buffering=0, closefd=False) as stdin:
            with pytest.raises(KeyboardInterrupt):
                with Streamer(App(), conn, StreamOptions(tty=True, stdin=True), stdin=stdin):
                    assert termios.tcgetattr(slave) != before
                    raise KeyboardInterrupt
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_check_tty():
    with open(os.devnull, "rb") as devnull:
        check_tty(devnull, attach_stdin=False, tty=True)  # -t alone is fine
        check_tty(devnull, attach_stdin=True, tty=False)
        with pytest.raises(PydockError) as e:
            check_tty(devnull, attach_stdin=True, tty=True)
    assert str(e.value) == "the input device is not a TTY" and e.value.exit_code == 1


# -- signals -----------------------------------------------------------------------------------------

def test_signal_names():
    assert signal_name(signal.SIGINT) == "INT"
    assert signal_name(signal.SIGWINCH) == "WINCH"
    assert signal_name(34) == "RTMIN"
    assert signal_name(36) == "RTMIN+2"
    assert signal_name(64) == "RTMAX"
    assert signal_name(60) == "RTMAX-4"
    names = {signal_name(s) for s in forwardable_signals()}
    assert {"INT", "TERM", "HUP", "USR1", "WINCH", "TSTP", "QUIT"} <= names
    assert not {"CHLD", "PIPE", "URG", "KILL", "STOP"} & names


def _until(predicate, timeout=2.0):
    end = time.time() + timeout
    while not predicate() and time.time() < end:
        time.sleep(0.01)
    return predicate()


def test_signals_are_forwarded_by_name_and_handlers_restored():
    forwarded: list[str] = []
    before = signal.getsignal(signal.SIGUSR1)
    with Signals(forward=forwarded.append):
        os.kill(os.getpid(), signal.SIGUSR1)
        os.kill(os.getpid(), signal.SIGWINCH)
        assert _until(lambda: forwarded == ["USR1", "WINCH"])
    assert signal.getsignal(signal.SIGUSR1) == before


def test_third_termination_signal_forces_exit():
    calls = []
    with pytest.raises(ForceExit) as e:
        with Signals(on_termination=lambda: calls.append(1)) as signals:
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(200):  # another thread may take the signal; the main thread runs the handler soon
                if signals.terminations == 2:
                    break
                time.sleep(0.05)
            assert calls == [1]  # the first one only
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(200):  # the handler raises in the main thread; a loaded machine may take a while
                time.sleep(0.05)
    assert str(e.value) == "\ngot 3 SIGTERM/SIGINTs, forcefully exiting" and e.value.exit_code == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# -- terminal size -----------------------------------------------------------------------------------

class SizedApp(App):
    def __init__(self, out):
        super().__init__()
        self.out = out


def test_resize_uses_stdout_size_and_follows_sigwinch():
    master, slave = os.openpty()
    try:
        import fcntl

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        out = open(slave, "w", closefd=False)
        sizes = []
        with Signals() as signals:
            TtyMonitor(SizedApp(out), lambda rows, cols: sizes.append((rows, cols)), signals).start(bump=True)
            assert sizes == [(31, 101), (30, 100)]
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.kill(os.getpid(), signal.SIGWINCH)
            assert _until(lambda: sizes[-1] == (40, 120))
        assert terminal_size(out) == (40, 120)
    finally:
        os.close(master)
        os.close(slave)


def test_no_resize_when_stdout_is_not_a_terminal():
    sizes = []
    with Signals() as signals:
        TtyMonitor(SizedApp(io.StringIO()), lambda r, c: sizes.append((r, c)), signals).start()
    assert sizes == []


def test_failed_resize_is_retried_then_reported():
    master, slave = os.openpty()
    try:
        import fcntl

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        app = SizedApp(open(slave, "w", closefd=False))
        attempts = []

        def failing(rows, cols):
            attempts.append((rows, cols))
            raise PydockError("no")

        with Signals() as signals:
            TtyMonitor(app, failing, signals).start()
            assert _until(lambda: "failed to resize tty" in app.err_bytes.getvalue().decode(), timeout=3)
        assert len(attempts) == 11
        assert app.err_bytes.getvalue() == b"failed to resize tty, using default size\n"
    finally:
        os.close(master)
        os.close(slave)
