"""Prefixed, coloured log lines as v2 prints them for `up` (attached) and `logs`
(docker/compose cmd/formatter/logs.go, colors.go).

    printer = LogPrinter.for_compose(capp, no_color=False, prefix=True, timestamps=False)
    printer.register("web-1", "db-1")          # fixes colours and the prefix width up front
    printer.log("web-1", "a line")             # stdout: `web-1 | a line`
    printer.err("web-1", "oops")               # stderr, same prefix
    printer.status("web-1", "exited with code 0")   # stdout: `\\r\\x1b[Kweb-1 exited with code 0`

- prefix = `%-{W}s | ` with W = longest registered name + 1; the whole prefix is coloured;
- colours rotate cyan, yellow, green, magenta, blue, then the same five intense (`\\x1b[36;1m`);
- a name seen for the first time is registered then (v2.39+ does that for every name; registering
  up front gives fixed colours and widths, the nicer behaviour of v2 <= 2.38);
- a message is split on "\\n" and every part printed with the prefix (v2's splitWriter hands over
  whole lines, so a message is normally one line);
- thread-safe: one lock around every write, so lines from several streams never interleave.

Names are container names without the `<project>-` prefix (`display_name`), or the container_name.
"""

from __future__ import annotations

import threading
import time

COLORS = ("36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1")
RESET_LINE = "\r\x1b[K"  # goterm.RESET_LINE, written before every status line (colour or not) on a
# terminal; v2 writes it on a pipe too, pydock does not (output on a pipe carries no control codes)


def use_color(out, ansi: str = "auto", environ=None, no_color: bool = False) -> bool:
    """v2's decision: `--ansi never|always|auto` (COMPOSE_ANSI when the flag is not given), NO_COLOR
    set and non-empty disables, `auto` means stdout is a terminal; `--no-color` disables too."""
    import os

    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR"):
        return False
    if ansi == "always":
        return True
    if ansi == "auto":
        isatty = getattr(out, "isatty", None)
        return bool(isatty and isatty())
    return False


def colorize(code: str, s: str) -> str:
    return f"\x1b[{code}m{s}\x1b[0m"


def display_name(summary: dict) -> str:
    """v2's getContainerNameWithoutProject: `web-1` for `proj-web-1`; a custom container_name as is.
    Works on a `/containers/json` summary or an inspect result."""
    labels = summary.get("Labels") or (summary.get("Config") or {}).get("Labels") or {}
    if "Names" in summary:
        names = summary.get("Names") or []
        name = next((n[1:] for n in names if n.rfind("/") == 0), names[0].lstrip("/") if names else "")
    else:
        name = (summary.get("Name") or "").lstrip("/")
    if not name:
        return (summary.get("Id") or summary.get("ID") or "")[:12]
    return strip_project(name, labels)


def strip_project(name: str, labels: dict, separator: str = "-") -> str:
    project = labels.get("com.docker.compose.project", "")
    default = separator.join((project, labels.get("com.docker.compose.service", ""),
                              labels.get("com.docker.compose.container-number", "")))
    if name != default:
        return name
    return name[len(project) + 1:]


WATCH_LOGGER = "#watch"  # api.WatchLogger: `compose up --watch`'s own lines
WATCH_COLOR = "92"


class LogPrinter:
    """v2's logConsumer. `out`/`err` are text streams (anything with write/flush)."""

    def __init__(self, out, err, *, color: bool = False, prefix: bool = True, timestamps: bool = False,
                 reset_line: bool = True):
        self.out, self.err_stream = out, err
        self.color, self.prefix, self.timestamps = color, prefix, timestamps
        self.reset_line = reset_line
        self._lock = threading.RLock()
        self._colors: dict[str, str | None] = {}
        self._prefixes: dict[str, str] = {}
        self._next = 0
        self._width = 0

    @classmethod
    def for_compose(cls, capp, *, no_color: bool = False, prefix: bool = True, timestamps: bool = False) -> "LogPrinter":
        """A printer on the compose app's stdout/stderr with v2's colour decision (--ansi, COMPOSE_ANSI,
        NO_COLOR, --no-color, stdout a terminal)."""
        opts = getattr(capp, "options", None)
        ansi = getattr(opts, "ansi", "auto") or "auto"
        env = getattr(capp, "environ", None)
        if ansi == "auto" and env is not None and env.get("COMPOSE_ANSI"):
            ansi = env["COMPOSE_ANSI"]
        isatty = getattr(capp.out, "isatty", None)
        return cls(capp.out, capp.err, color=use_color(capp.out, ansi, env, no_color), prefix=prefix,
                   timestamps=timestamps, reset_line=bool(isatty and isatty()))

    # -- registration ----------------------------------------------------------------------------
    def register(self, *names: str) -> None:
        """Give each new name the next colour and recompute the common width."""
        with self._lock:
            for name in names:
                if name in self._colors:
                    continue
                self._colors[name] = None
                if self.color and name == WATCH_LOGGER:
                    self._colors[name] = WATCH_COLOR
                elif self.color and name:
                    self._colors[name] = COLORS[self._next % len(COLORS)]
                    self._next += 1
            self._width = max((len(n) for n in self._colors), default=0) + 1
            for name in self._colors:
                if not self.prefix:
                    self._prefixes[name] = ""
                elif name == WATCH_LOGGER:
                    self._prefixes[name] = self._paint(name, " " * self._width + " ⦿ ")
                else:
                    self._prefixes[name] = self._paint(name, f"{name:<{self._width}} | ")

    def _paint(self, name: str, s: str) -> str:
        code = self._colors.get(name)
        return colorize(code, s) if code else s

    def prefix_of(self, name: str) -> str:
        with self._lock:
            if name not in self._colors:
                self.register(name)
            return self._prefixes[name]

    # -- output ----------------------------------------------------------------------------------
    def log(self, name: str, message: str) -> None:
        self._write(self.out, name, message)

    def err(self, name: str, message: str) -> None:
        self._write(self.err_stream, name, message)

    def status(self, name: str, message: str) -> None:
        with self._lock:
            self.prefix_of(name)
            reset = RESET_LINE if self.reset_line else ""
            self._emit(self.out, self._paint(name, f"{reset}{name} {message}\n"))

    def exited(self, name: str, code: int, restarting: bool = False) -> None:
        self.status(name, f"exited with code {code}" + (" (restarting)" if restarting else ""))

    def _write(self, stream, name: str, message: str) -> None:
        with self._lock:
            prefix = self.prefix_of(name)
            stamp = ""
            if self.timestamps:
                stamp = rfc3339_nano_fixed(time.time_ns()) + " "
            self._emit(stream, "".join(f"{prefix}{stamp}{line}\n" for line in message.split("\n")))

    def _emit(self, stream, text: str) -> None:
        stream.write(text)
        flush = getattr(stream, "flush", None)
        if flush is not None:
            try:
                flush()
            except (OSError, ValueError):
                pass


def rfc3339_nano_fixed(ns: int) -> str:
    """jsonmessage.RFC3339NanoFixed in local time: 2006-01-02T15:04:05.000000000Z07:00."""
    secs, frac = divmod(ns, 1_000_000_000)
    t = time.localtime(secs)
    off = t.tm_gmtoff or 0
    zone = "Z" if off == 0 else f"{'+' if off > 0 else '-'}{abs(off) // 3600:02d}:{abs(off) % 3600 // 60:02d}"
    return time.strftime("%Y-%m-%dT%H:%M:%S", t) + f".{frac:09d}" + zone


class LineSplitter:
    """v2's utils.GetWriter: bytes in, whole lines (without "\\n") out to `emit`; `close()` hands over
    a final unterminated piece. Decodes UTF-8 leniently, per line."""

    def __init__(self, emit):
        self.emit = emit
        self.buf = bytearray()

    def write(self, data: bytes) -> None:
        self.buf += data
        while True:
            i = self.buf.find(b"\n")
            if i < 0:
                return
            line = bytes(self.buf[:i])
            del self.buf[: i + 1]
            self.emit(line.decode("utf-8", "replace"))

    def close(self) -> None:
        if self.buf:
            line = bytes(self.buf)
            self.buf.clear()
            self.emit(line.decode("utf-8", "replace"))
