"""docker compose v2's progress output (pkg/progress): what `up`, `down`, `stop`... print on stderr.

Events are `(ID, status, StatusText)`, e.g. `("Container p-web-1", WORKING, "Creating")`. Writers:
- plain (`--progress plain`, or auto on a non-terminal): one line per event, Go's
  `fmt.Println("", ID, Text, StatusText)`: a leading space and, as Text is empty, a double space;
- tty (`--progress tty`, or auto on a terminal): `[+] Running 3/5` and one line per ID, redrawn in
  place every 100 ms with plain ANSI (cursor up, column 0, cursor hidden while drawing), spinner,
  coloured status and the elapsed time right-aligned to the terminal width;
- quiet: nothing; json: one JSON object per event.

`log_warning` writes logrus' warning lines the way v2 prints them (`time="..." level=warning msg="..."`
on a non-terminal, `WARN[0000] ...` on a terminal).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

WORKING, DONE, WARNING, ERROR = 0, 1, 2, 3

MODE_AUTO, MODE_TTY, MODE_PLAIN, MODE_QUIET, MODE_JSON = "auto", "tty", "plain", "quiet", "json"
DRYRUN_PREFIX = " DRY-RUN MODE - "

SPINNER = ("⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏")
SPINNER_STOPPED = "⠿"
DONE_MARK, WARNING_MARK, ERROR_MARK = "✔", "!", "✘"
PERCENT_CHARS = "⠀⡀⣀⣄⣤⣦⣶⣷⣿"

_START = time.time()


@dataclass
class Event:
    id: str
    status: int = WORKING
    status_text: str = ""
    text: str = ""
    parent_id: str = ""
    current: int = 0
    total: int = 0
    percent: int = 0


def new(id: str, status: int, text: str) -> Event:
    return Event(id, status, text)


# pkg/progress/event.go's constructors
def creating(id: str) -> Event: return Event(id, WORKING, "Creating")
def created(id: str) -> Event: return Event(id, DONE, "Created")
def starting(id: str) -> Event: return Event(id, WORKING, "Starting")
def started(id: str) -> Event: return Event(id, DONE, "Started")
def waiting(id: str) -> Event: return Event(id, WORKING, "Waiting")
def healthy(id: str) -> Event: return Event(id, DONE, "Healthy")
def exited(id: str) -> Event: return Event(id, DONE, "Exited")
def restarting(id: str) -> Event: return Event(id, WORKING, "Restarting")
def restarted(id: str) -> Event: return Event(id, DONE, "Restarted")
def running(id: str) -> Event: return Event(id, DONE, "Running")
def stopping(id: str) -> Event: return Event(id, WORKING, "Stopping")
def stopped(id: str) -> Event: return Event(id, DONE, "Stopped")
def killing(id: str) -> Event: return Event(id, WORKING, "Killing")
def killed(id: str) -> Event: return Event(id, DONE, "Killed")
def removing(id: str) -> Event: return Event(id, WORKING, "Removing")
def removed(id: str) -> Event: return Event(id, DONE, "Removed")
def building(id: str) -> Event: return Event(id, WORKING, "Building")
def built(id: str) -> Event: return Event(id, DONE, "Built")
def error(id: str, message: str = "Error") -> Event: return Event(id, ERROR, message)
def skipped(id: str, reason: str) -> Event: return Event(id, WARNING, "Skipped: " + reason)


# -- colours (github.com/morikuni/aec) --------------------------------------------------------------

def _sgr(*codes: int) -> Callable[[str], str]:
    prefix = "".join(f"\x1b[{c}m" for c in codes)  # aec writes one sequence per attribute
    return lambda s: prefix + s + "\x1b[0m"


def _nocolor(s: str) -> str:
    return s


@dataclass(frozen=True)
class Colors:
    done: Callable[[str], str] = _sgr(34)
    timer: Callable[[str], str] = _sgr(34)
    count: Callable[[str], str] = _sgr(33)
    warning: Callable[[str], str] = _sgr(33, 1)
    success: Callable[[str], str] = _sgr(32)
    error: Callable[[str], str] = _sgr(31, 1)
    prefix: Callable[[str], str] = _sgr(36)

    def for_status(self, status: int) -> Callable[[str], str]:
        return {DONE: self.success, WARNING: self.warning, ERROR: self.error}.get(status, _nocolor)


COLORS = Colors()
NO_COLORS = Colors(*([_nocolor] * 7))


# -- mode selection (cmd/compose/compose.go PersistentPreRunE) -------------------------------------

def resolve_mode(progress: str | None, ansi: str = "auto", environ=None) -> str:
    """The progress mode v2 ends up with: `--ansi` (or COMPOSE_ANSI) first, then `--progress` (or
    COMPOSE_PROGRESS). Raises ComposeError on the combinations v2 refuses."""
    from .errors import ComposeError

    environ = os.environ if environ is None else environ
    if ansi == "auto" and "COMPOSE_ANSI" in environ:  # v2: only when --ansi is not given
        ansi = environ["COMPOSE_ANSI"]
    if progress is None:
        progress = environ.get("COMPOSE_PROGRESS", "")
    mode = MODE_AUTO
    if ansi == "never":
        mode = MODE_PLAIN
    elif ansi == "always":
        mode = MODE_TTY
    if progress in ("", MODE_AUTO):
        if ansi == "never":
            mode = MODE_PLAIN
    elif progress == MODE_TTY:
        if ansi == "never":
            raise ComposeError("can't use --progress tty while ANSI support is disabled")
        mode = MODE_TTY
    elif progress == MODE_PLAIN:
        if ansi == "always":
            raise ComposeError("can't use --progress plain while ANSI support is forced")
        mode = MODE_PLAIN
    elif progress in (MODE_QUIET, "none"):
        mode = MODE_QUIET
    elif progress == MODE_JSON:
        mode = MODE_JSON
    else:
        raise ComposeError(f'unsupported --progress value "{progress}"')
    return mode


def colors_for(environ=None) -> Colors:
    environ = os.environ if environ is None else environ
    return NO_COLORS if environ.get("NO_COLOR") else COLORS


def status_stream(capp):
    """v2's stdinfo(): stderr, or stdout with COMPOSE_STATUS_STDOUT=true."""
    from ..cli._lazy import GO_BOOLS

    env = getattr(capp, "environ", None) or os.environ
    if GO_BOOLS.get(env.get("COMPOSE_STATUS_STDOUT", ""), False):
        return capp.out
    return capp.err


def _isatty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:
        return False


# -- writers ---------------------------------------------------------------------------------------

class Writer:
    """The interface every writer has (pkg/progress/writer.go)."""

    def event(self, e: Event) -> None:
        pass

    def events(self, events) -> None:
        for e in events:
            self.event(e)

    def tail(self, message: str) -> None:
        pass

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


class QuietWriter(Writer):
    pass


class PlainWriter(Writer):
    def __init__(self, out, dry_run: bool = False):
        self.out = out
        self.dry_run = dry_run
        self._lock = threading.Lock()

    def line(self, e: Event) -> str:
        # fmt.Fprintln(out, prefix, ID, Text, StatusText): operands joined by single spaces
        prefix = DRYRUN_PREFIX if self.dry_run else ""
        return " ".join((prefix, e.id, e.text, e.status_text)) + "\n"

    def event(self, e: Event) -> None:
        with self._lock:
            self.out.write(self.line(e))
            _flush(self.out)

    def tail(self, message: str) -> None:
        with self._lock:
            self.out.write((DRYRUN_PREFIX + message if self.dry_run else message) + "\n")
            _flush(self.out)


class JsonWriter(Writer):
    def __init__(self, out, dry_run: bool = False):
        self.out = out
        self.dry_run = dry_run
        self._lock = threading.Lock()

    @staticmethod
    def _dump(fields: dict) -> str:
        from ..opts.gojson import go_json

        return go_json({k: v for k, v in fields.items() if v not in ("", 0, False, None)}, indent=None)

    def line(self, e: Event) -> str:
        return self._dump({"dry-run": self.dry_run, "tail": False, "id": e.id, "parent_id": e.parent_id,
                           "text": e.text, "status": e.status_text, "current": e.current, "total": e.total,
                           "percent": e.percent}) + "\n"

    def event(self, e: Event) -> None:
        with self._lock:
            self.out.write(self.line(e))
            _flush(self.out)

    def tail(self, message: str) -> None:
        with self._lock:
            self.out.write(self._dump({"dry-run": self.dry_run, "tail": True, "text": message}) + "\n")
            _flush(self.out)


@dataclass
class _Tracked:
    event: Event
    start: float
    end: float = 0.0
    spin_index: int = 0
    spin_time: float = 0.0
    spin_stopped: bool = False


class TTYWriter(Writer):
    """pkg/progress/tty.go: redrawn every 100 ms on a background thread; the final frame and the tail
    messages are written by stop()."""

    def __init__(self, out, title: str = "Running", *, dry_run: bool = False, colors: Colors = COLORS,
                 size: Callable[[], tuple[int, int]] | None = None, clock: Callable[[], float] = time.monotonic,
                 ticker: bool = True):
        self.out = out
        self.title = title
        self.dry_run = dry_run
        self.colors = colors
        self.size = size or _terminal_size
        self.clock = clock
        self.ticker = ticker
        self.ids: list[str] = []
        self.tracked: dict[str, _Tracked] = {}
        self.tails: list[str] = []
        self.num_lines = 0
        self.repeated = False
        self.skip_children = False
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # events
    def event(self, e: Event) -> None:
        with self._lock:
            now = self.clock()
            if e.id not in self.ids:
                self.ids.append(e.id)
            t = self.tracked.get(e.id)
            if t is None:
                t = _Tracked(Event(**e.__dict__), now, spin_time=now)
                if e.status in (DONE, ERROR):
                    t.end, t.spin_stopped = now, True
                self.tracked[e.id] = t
                return
            last = t.event
            if e.status in (DONE, ERROR, WARNING):
                if last.status != e.status:
                    t.end, t.spin_stopped = now, True
            else:
                t.spin_stopped = False
            last.status, last.text, last.status_text = e.status, e.text, e.status_text
            last.total = max(last.total, e.total)
            last.current = max(last.current, e.current)
            last.percent = max(last.percent, e.percent)
            if not last.parent_id or not e.parent_id:
                last.parent_id = e.parent_id

    def tail(self, message: str) -> None:
        with self._lock:
            self.tails.append((DRYRUN_PREFIX + message).strip() if self.dry_run else message)

    # drawing
    def start(self) -> None:
        if self.ticker and self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="compose-progress", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(0.1):
            self.draw()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.draw()
        with self._lock:
            for message in self.tails:
                self.out.write(message + "\n")
            self.tails = []
            _flush(self.out)

    def _spinner(self, t: _Tracked) -> str:
        status = t.event.status
        if status == DONE:
            return self.colors.success(DONE_MARK)
        if status == WARNING:
            return self.colors.warning(WARNING_MARK)
        if status == ERROR:
            return self.colors.error(ERROR_MARK)
        if t.spin_stopped:
            return self.colors.count(SPINNER_STOPPED)
        now = self.clock()
        if now - t.spin_time > 0.1:
            t.spin_index = (t.spin_index + 1) % len(SPINNER)
        return self.colors.count(SPINNER[t.spin_index])

    def frame(self) -> str:
        """One redraw, cursor movements included (what print() writes)."""
        with self._lock:
            if not self.ids:
                return ""
            width, height = self.size()
            parts = ["\x1b[1A" * (self.num_lines + 1)]
            if not self.repeated:
                parts.append("\x1b[1B")
            self.repeated = True
            parts.append("\x1b[0G")
            parts.append("\x1b[?25l")
            done = sum(1 for t in self.tracked.values() if t.event.status != WORKING)
            first = f"[+] {self.title} {done}/{len(self.tracked)}"
            if self.num_lines != 0 and done == self.num_lines:
                first = self.colors.done(first)
            parts.append(first + "\n")
            padding = 0
            for i in self.ids:
                ev = self.tracked[i].event
                padding = max(padding, len(f"{ev.id} {ev.text}".encode()))
                if ev.parent_id:
                    padding -= 2
            if len(self.ids) > height - 2:
                self.skip_children = True
            lines = 0
            for i in self.ids:
                t = self.tracked[i]
                if t.event.parent_id:
                    continue
                parts.append(self._line(t, "", width, padding))
                lines += 1
                for j in self.ids:
                    child = self.tracked[j]
                    if child.event.parent_id == t.event.id:
                        if self.skip_children:
                            continue
                        parts.append(self._line(child, "  ", width, padding))
                        lines += 1
            for _ in range(lines, self.num_lines):
                if lines < height - 2:
                    parts.append(" " * width + "\n")
                    lines += 1
            self.num_lines = lines
            parts.append("\x1b[?25h")
            return "".join(parts)

    def draw(self) -> None:
        text = self.frame()
        if text:
            with self._lock:
                self.out.write(text)
                _flush(self.out)

    def _line(self, t: _Tracked, pad: str, width: int, status_padding: int) -> str:
        ev = t.event
        end = self.clock() if ev.status == WORKING else (t.end or t.start)
        elapsed = end - t.start
        prefix = self.colors.prefix(DRYRUN_PREFIX) if self.dry_run else ""
        completion = []
        total = current = 0
        hide = False
        if ev.status == WORKING:
            for j in self.ids:
                child = self.tracked[j].event
                if child.parent_id == ev.id:
                    if child.status == WORKING and child.total == 0:
                        hide = True
                    total += child.total
                    current += child.current
                    completion.append(PERCENT_CHARS[(len(PERCENT_CHARS) - 1) * child.percent // 100])
        if total == 0:
            hide = True
        if completion:
            details = ""
            if not hide:
                from ..render.humanize import human_size

                details = f" {human_size(current):>7} / {human_size(total):<7}"
            txt = f"{ev.id} [{self.colors.success(''.join(completion))}]{details} {ev.text}"
        else:
            txt = f"{ev.id} {ev.text}"
        text_len = len(txt.encode())
        padding = max(status_padding - text_len, 0)
        max_status = width - text_len - status_padding - 15
        status = ev.status_text
        if max_status > 0 and len(status.encode()) > max_status:
            status = status.encode()[:max_status].decode("utf-8", "ignore") + "..."
        text = f"{pad} {self._spinner(t)}{prefix} {txt}{' ' * padding} {self.colors.for_status(ev.status)(status)}"
        timer = self.colors.timer(f"{elapsed:.1f}s ")
        gap = width - _len_ansi(text) - _len_ansi(timer)
        return text + (" " * gap if gap > 0 else "") + timer + "\n"


def _len_ansi(s: str) -> int:
    """lenAnsi: characters outside `ESC ... m` sequences."""
    n, in_code = 0, False
    for c in s:
        if c == "\x1b":
            in_code = True
            continue
        if in_code and c == "m":
            in_code = False
            continue
        if not in_code:
            n += 1
    return n


def _terminal_size() -> tuple[int, int]:
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        size = shutil.get_terminal_size((80, 24))
    return size.columns, size.lines


def _flush(stream) -> None:
    flush = getattr(stream, "flush", None)
    if flush is not None:
        try:
            flush()
        except (BrokenPipeError, ValueError):
            pass


# -- entry points ----------------------------------------------------------------------------------

def make_writer(out, mode: str, title: str = "Running", *, dry_run: bool = False, colors: Colors | None = None) -> Writer:
    """NewWriter: the writer for a resolved mode and a stream."""
    if mode == MODE_QUIET:
        return QuietWriter()
    if mode == MODE_JSON:
        return JsonWriter(out, dry_run)
    if mode == MODE_TTY or (mode == MODE_AUTO and _isatty(out)):
        return TTYWriter(out, title, dry_run=dry_run, colors=colors or colors_for())
    return PlainWriter(out, dry_run)


def error_as_json(message: str) -> str:
    """v2's errorAsJSON: `{"error":true,"message":"..."}` (message left out when empty)."""
    from ..opts.gojson import go_json

    return go_json({"error": True, **({"message": message} if message else {})}, indent=None)


def mode_of(capp) -> str:
    o = getattr(capp, "options", None)
    env = getattr(capp, "environ", None)
    return resolve_mode(getattr(o, "progress", None), getattr(o, "ansi", "auto") or "auto", env)


def writer_for(capp, title: str = "Running") -> Writer:
    """The writer a compose verb uses (use as a context manager around the work)."""
    env = getattr(capp, "environ", None)
    dry = bool(getattr(getattr(capp, "options", None), "dry_run", False))
    return make_writer(status_stream(capp), mode_of(capp), title, dry_run=dry, colors=colors_for(env))


_LOGRUS_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/@^+")


def _logrus_quote(s: str) -> str:
    """logrus TextFormatter.needsQuoting + strconv.Quote (%q)."""
    if s and all(c in _LOGRUS_PLAIN for c in s):
        return s
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7f:
            out.append("\\x%02x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def logrus_line(level: str, message: str, *, tty: bool, colors: bool = True, now: float | None = None) -> str:
    """One logrus TextFormatter line: `time="..." level=warning msg="..."` off a terminal,
    `WARN[0000] message` on one (the level coloured unless NO_COLOR)."""
    now = time.time() if now is None else now
    if tty:
        code = {"warning": 33, "error": 31, "info": 36}.get(level, 37)
        label = {"warning": "WARN"}.get(level, level.upper()[:4])
        if colors:
            label = f"\x1b[{code}m{label}\x1b[0m"
        return f"{label}[{int(now - _START):04d}] {message:<44} \n"
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(now))
    offset = time.strftime("%z", time.localtime(now))
    zone = "Z" if offset in ("+0000", "-0000", "") else offset[:3] + ":" + offset[3:]
    return f'time="{stamp}{zone}" level={level} msg={_logrus_quote(message)}\n'


def log_warning(stream, message: str, environ=None) -> None:
    """logrus.Warnf as v2 prints it on stderr."""
    environ = os.environ if environ is None else environ
    stream.write(logrus_line("warning", message, tty=_isatty(stream), colors=not environ.get("NO_COLOR")))
    _flush(stream)
