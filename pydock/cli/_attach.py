"""The attached-streams session shared by `run`, `exec`, `attach` (and `start -a -i`).

docker/cli's hijack.go, tty.go and signals.go, in Python:

- `Streamer`: stdin → the hijacked socket (raw, half-closed at EOF), the socket → stdout/stderr (framed
  streams demultiplexed unless the container has a TTY), the local terminal in raw mode for `-it`
  (restored on every way out), and the detach keys matched client-side (TTY with stdin only).
  `wait()` is Go's `select` over output done / input done / detached / cancelled / container status.
- `StatusWaiter`: `POST /wait` registered before start, its answer read on a thread.
- `Signals`: received signals forwarded as `POST /kill?signal=NAME` (sig-proxy), SIGWINCH → resize, and
  docker's "got 3 SIGTERM/SIGINTs, forcefully exiting".
- `TtyMonitor`: resize on start (retried, never 0x0) and on SIGWINCH.

Threads do the blocking I/O; the main thread only waits, so Python can run signal handlers there.
"""

from __future__ import annotations

import os
import sys
import threading

from ..record import Record
from ..errors import PydockError

DEFAULT_DETACH_KEYS = b"\x10\x11"  # ctrl-p, ctrl-q
ASCII = ["ctrl-@"] + [f"ctrl-{c}" for c in "abcdefghijklmnopqrstuvwxyz"] + ["ctrl-[", "ctrl-\\", "ctrl-]", "ctrl-^",
                                                                           "ctrl-_"]
TERMINATION = ("SIGINT", "SIGTERM")
FORCE_EXIT_AFTER = 3
NOT_FORWARDED = ("SIGCHLD", "SIGPIPE", "SIGURG", "SIGKILL", "SIGSTOP",
                 # raised by the interpreter's own faults; catching them would hide a crash
                 "SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL")


class Detached(Exception):
    """The user typed the detach sequence ("read escape sequence", as Go's term.EscapeError)."""

    def __str__(self) -> str:
        return "read escape sequence"


class ForceExit(PydockError):
    """The third SIGINT/SIGTERM: docker gives up waiting and exits 1."""

    def __init__(self):
        super().__init__("\ngot 3 SIGTERM/SIGINTs, forcefully exiting", 1)


# -- detach keys -------------------------------------------------------------------------------------

def parse_detach_keys(keys: str) -> bytes:
    """moby/term.ToBytes: comma-separated single characters, `ctrl-@`..`ctrl-_`, or `DEL`."""
    codes = bytearray()
    for key in keys.split(","):
        raw = key.encode()
        if len(raw) == 1:
            codes += raw
        elif key in ASCII:
            codes.append(ASCII.index(key))
        elif key == "DEL":
            codes.append(127)
        else:
            raise ValueError(f"Unknown character: '{key}'")
    return bytes(codes)


def detach_keys_setting(app, flag: str | None) -> str:
    """`--detach-keys`, else config.json `detachKeys`, else "" (the daemon's and our default)."""
    if flag:
        return flag
    value = app.config.get("detachKeys")
    return value if isinstance(value, str) else ""


def escape_keys(app, keys: str) -> bytes:
    """The bytes the client matches; an invalid setting warns (as logrus does) and uses the default."""
    if not keys:
        return DEFAULT_DETACH_KEYS
    try:
        return parse_detach_keys(keys)
    except ValueError as e:
        log(app.err, "warning", f"invalid detach escape keys, using default: {e}")
        return DEFAULT_DETACH_KEYS


class EscapeProxy:
    """moby/term's escapeProxy over a byte stream: bytes that may start the sequence are held back,
    released when the next byte does not continue it (that byte itself is not re-matched, as in Go),
    and the complete sequence is swallowed and reported."""

    def __init__(self, keys: bytes):
        self.keys, self.pos = keys, 0

    def feed(self, data: bytes) -> tuple[bytes, bool]:
        """Returns (bytes to send, detached)."""
        if not self.keys or (self.pos == 0 and self.keys[0] not in data):
            return data, False
        out = bytearray()
        for byte in data:
            if byte == self.keys[self.pos]:
                self.pos += 1
                if self.pos == len(self.keys):
                    return bytes(out), True
                continue
            if self.pos:
                out += self.keys[: self.pos]
                self.pos = 0
            out.append(byte)
        return bytes(out), False


# -- checks and small helpers ------------------------------------------------------------------------

def check_tty(stdin, attach_stdin: bool, tty: bool) -> None:
    """streams.In.CheckTty: a container TTY with our stdin attached needs stdin to be a terminal."""
    if tty and attach_stdin and not is_terminal(stdin):
        raise PydockError("the input device is not a TTY", 1)


def is_terminal(stream) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def terminal_size(stream) -> tuple[int, int]:
    """(rows, cols) of the terminal behind `stream`, (0, 0) when it is not one."""
    if not is_terminal(stream):
        return 0, 0
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError):
        return 0, 0
    return size.lines, size.columns


def upgrade_failed(error: PydockError) -> PydockError:
    """The Go client's message when the daemon answers a hijack request with anything but 101."""
    status = getattr(error, "status", None)
    if status is None:
        return error
    return PydockError(f"unable to upgrade to tcp, received {status}", 1)


def log(stream, level: str, message: str) -> None:
    """A logrus line as the docker CLI prints it: coloured on a terminal, key=value otherwise."""
    import datetime
    import json

    if is_terminal(stream):
        color = {"error": 31, "warning": 33}.get(level, 36)
        line = f"\x1b[{color}m{level.upper()[:4]}\x1b[0m[0000] {message}"
    else:
        now = datetime.datetime.now().astimezone().isoformat(timespec="seconds").replace("+00:00", "Z")
        line = f'time="{now}" level={level} msg={json.dumps(message, ensure_ascii=False)}'
    stream.write(line + "\n")
    stream.flush()


# -- the local terminal ------------------------------------------------------------------------------

class RawTerminal:
    """Raw mode on a terminal fd (moby/term makeRaw), restored exactly once, from any thread."""

    def __init__(self, fd: int | None):
        self.fd, self.saved = fd, None
        self.lock = threading.Lock()

    def enter(self) -> None:
        if self.fd is None or not os.isatty(self.fd) or os.environ.get("NORAW"):
            return
        import termios

        self.saved = termios.tcgetattr(self.fd)
        mode = termios.tcgetattr(self.fd)
        mode[0] &= ~(termios.IGNBRK | termios.BRKINT | termios.PARMRK | termios.ISTRIP | termios.INLCR
                     | termios.IGNCR | termios.ICRNL | termios.IXON)
        mode[1] &= ~termios.OPOST
        mode[3] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG | termios.IEXTEN)
        mode[2] = (mode[2] & ~(termios.CSIZE | termios.PARENB)) | termios.CS8
        mode[6][termios.VMIN], mode[6][termios.VTIME] = 1, 0
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)

    def restore(self) -> None:
        with self.lock:
            saved, self.saved = self.saved, None
        if saved is not None:
            import termios

            try:
                termios.tcsetattr(self.fd, termios.TCSANOW, saved)
            except (OSError, termios.error):
                pass


# -- output ------------------------------------------------------------------------------------------

def byte_writer(stream):
    """A buffered byte writer on a text stream's descriptor; the byte layer or an adapter otherwise."""
    import io

    if stream is None:
        return None
    try:
        stream.flush()
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return getattr(stream, "buffer", None) or _TextWriter(stream)
    return io.BufferedWriter(io.FileIO(fd, "wb", closefd=False), 1 << 16)


class _TextWriter:
    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8", "replace"))

    def flush(self) -> None:
        self.stream.flush()


class Output:
    """Demultiplexed frames to stdout (stdin/stdout frames) and stderr; the other stream is flushed
    when the stream changes, so `2>&1` keeps the daemon's order."""

    def __init__(self, out, err):
        self.out, self.err, self.last = out, err, None

    def write(self, stream: int, data: bytes) -> None:
        target = self.err if stream == 2 else self.out
        if target is None:
            return
        if target is not self.last and self.last is not None:
            self.last.flush()
        self.last = target
        target.write(data)

    def flush(self) -> None:
        for target in (self.out, self.err):
            if target is not None:
                target.flush()


# -- the session -------------------------------------------------------------------------------------

class StreamOptions(Record):
    tty: bool
    stdin: bool
    stdout: bool = True
    stderr: bool = True
    detach_keys: str = ""  # the setting as given; "" is the default ctrl-p,ctrl-q


class Streamer:
    """One hijacked connection's streams (docker's hijackedIOStreamer). Use as a context manager;
    `events` also takes ("status", code) from a StatusWaiter and ("cancel", None) from anyone."""

    def __init__(self, app, conn, opts: StreamOptions, *, stdin=None):
        import queue

        self.app, self.conn, self.opts = app, conn, opts
        self.stdin = (stdin or sys.stdin) if opts.stdin else None
        self.events: queue.SimpleQueue = queue.SimpleQueue()
        self.has_output = opts.stdout or opts.stderr
        self.terminal = RawTerminal(_fileno(self.stdin) if opts.tty else None)
        self._wake_r, self._wake_w = os.pipe()
        self._writing = threading.Lock()  # held while a chunk is written out
        self.stopped = False

    def __enter__(self) -> "Streamer":
        proxy = None
        if self.stdin is not None and self.opts.tty:
            self.terminal.enter()
            proxy = EscapeProxy(escape_keys(self.app, self.opts.detach_keys))
        if self.has_output:
            _thread(self._pump_output, "pydock-output")
        if self.stdin is not None:
            _thread(self._pump_input, "pydock-input", proxy)
        else:
            self.events.put(("input", None))
        return self

    def __exit__(self, *exc) -> None:
        """After this, nothing more reaches our stdout/stderr (our own messages come next)."""
        self.terminal.restore()
        self.cancel()
        acquired = self._writing.acquire(timeout=1.0)  # a chunk being written finishes first
        self.stopped = True
        if acquired:
            self._writing.release()

    def cancel(self) -> None:
        """Stop pumping stdin (without half-closing) and wake `wait()`."""
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass
        self.events.put(("cancel", None))

    def wait(self) -> tuple[str, object]:
        """("done", error-or-None), ("detached", Detached), ("cancelled", None) or ("status", code)."""
        while True:
            kind, value = self.events.get()
            if kind == "output":
                return "done", value
            if kind == "input" and not self.has_output:
                return "done", None
            if kind == "detached":
                return "detached", value
            if kind == "cancel":
                return "cancelled", None
            if kind == "status":
                return "status", value

    # -- the two pumps (threads) --
    def _pump_output(self) -> None:
        from ..engine import stdcopy

        out = Output(byte_writer(self.app.out) if self.opts.stdout else None,
                     byte_writer(self.app.out if self.opts.tty else self.app.err) if self.opts.stderr else None)
        error = None
        chunks = self._guarded(self.conn.chunks(), out)
        try:
            for stream, data in stdcopy.demux(chunks, self.opts.tty, join=True, truncated_ok=True):
                out.write(stream, data)
        except BaseException as e:  # noqa: BLE001 - handed to the main thread
            error = e if isinstance(e, (PydockError, BrokenPipeError)) else PydockError(str(e) or type(e).__name__)
        finally:
            chunks.close()
        if self.opts.tty:
            self.terminal.restore()
        self.events.put(("output", error))

    def _guarded(self, chunks, out: Output):
        """Each chunk's frames are written (the consumer runs while we are suspended at `yield`) and
        flushed under the lock, before the next read blocks; once stopped, nothing more is written."""
        for chunk in chunks:
            with self._writing:
                if self.stopped:
                    return
                yield chunk
                out.flush()

    def _pump_input(self, proxy: EscapeProxy | None) -> None:
        try:
            if self._copy_stdin(proxy):
                self.terminal.restore()
                self.events.put(("detached", Detached()))
                return
        except _Cancelled:
            return
        except Exception:  # noqa: BLE001 - as in Go: the output side reports a broken connection
            pass
        self.terminal.restore()
        self.conn.close_write()
        self.events.put(("input", None))

    def _copy_stdin(self, proxy: EscapeProxy | None) -> bool:
        """Copy until EOF (False), cancel (False) or the detach sequence (True)."""
        import select

        fd = _fileno(self.stdin)
        if fd is None:
            return self._copy_stdin_blocking(proxy)
        while True:
            ready, _, _ = select.select([fd, self._wake_r], [], [])
            if self._wake_r in ready:
                raise _Cancelled()
            data = os.read(fd, 32768)
            if not data:
                return False
            if self._send(data, proxy):
                return True

    def _copy_stdin_blocking(self, proxy: EscapeProxy | None) -> bool:
        source = getattr(self.stdin, "buffer", self.stdin)
        read = getattr(source, "read1", source.read)
        while True:
            data = read(32768)
            if not data:
                return False
            if self._send(data if isinstance(data, bytes) else data.encode(), proxy):
                return True

    def _send(self, data: bytes, proxy: EscapeProxy | None) -> bool:
        detached = False
        if proxy is not None:
            data, detached = proxy.feed(data)
        if data:
            self.conn.write(data)
        return detached


class _Cancelled(Exception):
    pass


def _fileno(stream) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _thread(target, name: str, *args) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, name=name, daemon=True)
    thread.start()
    return thread


# -- waiting for the exit status ---------------------------------------------------------------------

class StatusWaiter:
    """`POST /containers/{id}/wait` sent (and answered with headers) before start; the body, sent when
    the condition holds, is read on a thread and handed to `notify` as ("status", code)."""

    def __init__(self, app, cid: str, condition: str | None, notify=None):
        self.app, self.cid, self.condition, self.notify = app, cid, condition, notify
        self.done = threading.Event()
        self.status, self.error = 125, None
        self._cm = None

    def __enter__(self) -> "StatusWaiter":
        """A wait request that fails does not stop the command, as in docker (its ContainerWait hands the error
        to the status channel): the error is the outcome (status 125), and the container is still started."""
        from ..engine.api import containers

        cm = containers.wait_stream(self.app.engine, self.cid, condition=self.condition)
        try:
            response = cm.__enter__()
        except PydockError as e:
            self._failed(("error waiting for container", str(e)))
            return self
        self._cm = cm
        _thread(self._read, "pydock-wait", response)
        return self

    def _failed(self, error: tuple[str, str]) -> None:
        self.error = error
        self.done.set()
        if self.notify is not None:
            self.notify(("status", self.status))

    def __exit__(self, *exc) -> None:
        if self._cm is None:
            return
        try:
            self._cm.__exit__(None, None, None)
        except Exception:  # noqa: BLE001 - closing a connection another thread may still read
            pass

    def settle(self, timeout: float) -> bool:
        """Wait at most `timeout` seconds for the answer; True when it came."""
        return self.done.wait(timeout)

    def outcome(self) -> tuple[int, str | None]:
        """(StatusCode, None), or (125, message) when the wait failed or reported an error."""
        while not self.done.wait(0.5):
            pass
        return self.status, (self.error[1] if self.error else None)

    def result(self) -> int:
        """run's waitExitOrRemoved: a failed wait is logged and becomes 125."""
        status, _ = self.outcome()
        if self.error is not None:
            log(self.app.err, "error", f"{self.error[0]}: {self.error[1]}")
        return status

    def _read(self, response) -> None:
        try:
            result = _first_json(self.app.engine.iter_bytes(response))
            message = (result.get("Error") or {}).get("Message")
            if message:
                self.error = ("Error waiting for container", message)
            else:
                self.status = int(result.get("StatusCode", 0))
        except Exception as e:  # noqa: BLE001 - a broken wait is reported by the caller
            self.error = ("error waiting for container", str(e))
        self.done.set()
        if self.notify is not None:
            self.notify(("status", self.status))


def _first_json(chunks) -> dict:
    """The first JSON value of a body, as Go's json.Decoder reads it: once it is complete, the rest of the body
    (the daemon's closing newline, lost when the connection is cut) does not matter. An empty body is {}."""
    import json

    body = b""
    for chunk in chunks:
        body += chunk
        try:
            return json.loads(body)
        except ValueError:
            continue
    return json.loads(body or b"{}")


# -- signals -----------------------------------------------------------------------------------------

def signal_name(signum: int) -> str | None:
    """moby/sys/signal's name for a number, without the SIG prefix (RTMIN+n / RTMAX-n for real-time)."""
    import signal

    rtmin, rtmax = 34, 64
    if rtmin <= signum <= rtmin + 15:
        return "RTMIN" if signum == rtmin else f"RTMIN+{signum - rtmin}"
    if rtmax - 14 <= signum <= rtmax:
        return "RTMAX" if signum == rtmax else f"RTMAX-{rtmax - signum}"
    try:
        return signal.Signals(signum).name[3:]
    except ValueError:
        return None


def forwardable_signals() -> list[int]:
    """Every signal Go's signal.Notify(c) would deliver that docker forwards."""
    import signal

    skip = {getattr(signal, name) for name in NOT_FORWARDED if hasattr(signal, name)}
    return sorted(s for s in signal.valid_signals() if s not in skip and signal_name(s))


class Signals:
    """Signal handling while attached. Callbacks run on a worker thread (they make API calls); the
    count of SIGINT/SIGTERM is kept in the handler, and the third raises ForceExit in the main thread.

    - `forward(name)`: sig-proxy, called for every forwardable signal.
    - `on_termination()`: called for the first SIGINT/SIGTERM (exec and attach stop streaming then).
    """

    def __init__(self, forward=None, on_termination=None):
        import queue

        self.forward, self.on_termination = forward, on_termination
        self.callbacks: dict[int, list] = {}
        self.saved: dict[int, object] = {}
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.terminations = 0
        self.active = False
        self.forwardable = frozenset(forwardable_signals()) if forward else frozenset()

    def __enter__(self) -> "Signals":
        import signal

        if threading.current_thread() is not threading.main_thread():
            return self
        self.active = True
        _thread(self._work, "pydock-signals")
        wanted = set(self.forwardable) | {getattr(signal, name) for name in TERMINATION}
        for signum in sorted(wanted):
            self._install(signum)
        return self

    def __exit__(self, *exc) -> None:
        import signal

        for signum, handler in self.saved.items():
            signal.signal(signum, handler)
        self.saved.clear()
        self.active = False
        self.queue.put(None)

    def on(self, signum: int, callback) -> None:
        """Also call `callback()` (on the worker thread) when `signum` arrives."""
        self.callbacks.setdefault(signum, []).append(callback)
        if self.active and signum not in self.saved:
            self._install(signum)

    def _install(self, signum: int) -> None:
        import signal

        try:
            self.saved[signum] = signal.signal(signum, self._handle)
        except (OSError, ValueError, RuntimeError):
            pass

    def _handle(self, signum, _frame) -> None:
        import signal

        self.queue.put(signum)
        if signum in (signal.SIGINT, signal.SIGTERM):
            self.terminations += 1
            if self.terminations == 1 and self.on_termination is not None:
                self.on_termination()
            if self.terminations >= FORCE_EXIT_AFTER:
                raise ForceExit()

    def _work(self) -> None:
        while True:
            signum = self.queue.get()
            if signum is None:
                return
            if signum in self.forwardable:
                self._call(self.forward, signal_name(signum))
            for callback in self.callbacks.get(signum, ()):
                self._call(callback)

    @staticmethod
    def _call(callback, *args) -> None:
        try:
            callback(*args)
        except Exception:  # noqa: BLE001 - docker only logs these at debug level
            pass


def interrupt_before(started: threading.Event, waiting_since=None, patience: float = 0.5):
    """An `on_termination` for Signals. Beyond docker: Ctrl-C before `started` is set (a daemon that never
    answers the attach, or the wait before it) ends the command with 130 where docker waits for the third
    Ctrl-C; after it, the signal is only forwarded, as docker does. With `waiting_since` (a callable giving the
    monotonic time the blocking request was sent, or None), only a request pending for `patience` seconds
    counts as stalled: a Ctrl-C during a prompt attach is forwarded to the running container as docker does."""
    def on_termination() -> None:
        if started.is_set():
            return
        if waiting_since is not None:
            import time

            since = waiting_since()
            if since is None or time.monotonic() - since < patience:
                return
        raise KeyboardInterrupt

    return on_termination


def kill_forwarder(app, cid: str):
    """sig-proxy: `POST /containers/{id}/kill?signal=NAME`."""
    from ..engine.api import containers

    return lambda name: containers.kill(app.engine, cid, signal=name)


# -- terminal size -----------------------------------------------------------------------------------

class TtyMonitor:
    """MonitorTtySize: resize now (retried 10 times in the background if it fails), and on SIGWINCH."""

    RETRIES = 10

    def __init__(self, app, resize, signals: Signals):
        self.app, self.resize, self.signals = app, resize, signals

    def start(self, bump: bool = False) -> None:
        """`bump` first sends (rows+1, cols+1), as `docker attach` does to make the shell redraw."""
        import signal

        if bump:
            rows, cols = terminal_size(self.app.out)
            self._send(rows + 1, cols + 1)
        if not self.resize_now():
            _thread(self._retry, "pydock-resize")
        self.signals.on(signal.SIGWINCH, self.resize_now)

    def resize_now(self) -> bool:
        return self._send(*terminal_size(self.app.out))

    def _send(self, rows: int, cols: int) -> bool:
        if rows == 0 and cols == 0:
            return True
        try:
            self.resize(rows, cols)
        except PydockError:
            return False
        return True

    def _retry(self) -> None:
        import time

        for attempt in range(self.RETRIES):
            time.sleep((attempt + 1) * 0.01)
            if self.resize_now():
                return
        self.app.err.write("failed to resize tty, using default size\n")
        self.app.err.flush()


# -- `start -a [-i]` ---------------------------------------------------------------------------------

def start_attached(app, info: dict, *, interactive: bool, detach_keys: str | None) -> int:
    """docker's `start -a [-i]` (start.go) for an inspected container: signals forwarded (non-TTY),
    attach, wait, start, resize, stream. SIGINT/SIGTERM end the session with 0, as docker's cancelled
    context does; the detach keys too. Returns the container's status."""
    from contextlib import ExitStack

    config, cid = info.get("Config") or {}, info["Id"]
    tty = bool(config.get("Tty"))
    keys = detach_keys_setting(app, detach_keys)
    opts = StreamOptions(tty=tty, stdin=interactive and bool(config.get("OpenStdin")), detach_keys=keys)
    auto_remove = bool((info.get("HostConfig") or {}).get("AutoRemove"))
    started = threading.Event()
    before = interrupt_before(started)  # a Ctrl-C while the attach, the wait or the start is unanswered: 130
    with ExitStack() as stack:
        signals = stack.enter_context(Signals(forward=None if tty else kill_forwarder(app, cid), on_termination=before))
        streamer = _attached_streamer(app, stack, cid, opts)

        def on_termination() -> None:
            before()
            streamer.cancel()

        signals.on_termination = on_termination
        waiter = stack.enter_context(StatusWaiter(app, cid, "removed" if auto_remove else "next-exit"))
        start_or_discard(app, cid, streamer, waiter, auto_remove)
        started.set()
        if tty and is_terminal(app.out):
            TtyMonitor(app, lambda rows, cols: _resize(app, cid, rows, cols), signals).start()
        kind, value = streamer.wait()
        if kind in ("detached", "cancelled"):
            return 0
        if value is not None:
            raise value
        return waiter.result()


def _attached_streamer(app, stack, cid: str, opts: StreamOptions) -> Streamer:
    from ..engine.api import containers
    from ..errors import DaemonError

    params = containers.attach_params(stdin=opts.stdin, stdout=True, stderr=True, detach_keys=opts.detach_keys)
    try:
        conn = stack.enter_context(containers.attach(app.engine, cid, params))
    except DaemonError as e:
        raise upgrade_failed(e) from None
    return stack.enter_context(Streamer(app, conn, opts))


REMOVAL_WAIT = 10.0  # seconds a failed start of a --rm container waits for the removal to be reported


def start_or_discard(app, cid: str, streamer: Streamer | None, waiter: StatusWaiter, auto_remove: bool) -> None:
    """Start the container (run, start -a). A failed start restores the terminal, stops the streams and,
    with --rm, waits for the removal. docker waits for the daemon's removal, which only comes when the start
    reached the daemon and failed there: a start the daemon never saw (an error answer from a proxy, a
    connection that went away) leaves the container "Created" and docker waiting forever. We remove it
    ourselves (gone already: nothing happens) and wait for the removal only while the daemon answers."""
    from ..engine.api import containers

    try:
        containers.start(app.engine, cid)
    except PydockError:
        if streamer is not None:
            streamer.terminal.restore()
            streamer.cancel()
        if auto_remove and discard(app, cid):
            waiter.settle(REMOVAL_WAIT)
        raise


def discard(app, cid: str) -> bool:
    """Beyond docker: with --rm, a container that was never started (the attach failed, or we were
    interrupted before the start) is removed rather than left behind as "Created". False when the
    daemon cannot be reached (nothing will remove it then)."""
    from ..engine.api import containers
    from ..errors import EngineUnavailable

    try:
        containers.remove(app.engine, cid, force=True, volumes=True)
    except EngineUnavailable:
        return False
    except PydockError:
        pass  # a failed start is removed by the daemon itself (AutoRemove)
    return True


def _resize(app, cid: str, rows: int, cols: int) -> None:
    from ..engine.api import containers

    containers.resize(app.engine, cid, rows, cols)
