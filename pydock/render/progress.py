"""docker's jsonmessage rendering (pull, push, build, load, import, pull-on-create).

    display_json_messages(messages, out, *, tty, aux=None)

`messages` are the decoded NDJSON objects (pydock.engine.jsonstream.iter_json).

- Off a terminal (`tty=False`): exactly what docker prints to a pipe (jsonmessage.Display with
  isTerminal=false): one plain line per state change, progress updates (Downloading/Extracting with
  numbers) dropped, `stream` text written as-is, no control codes at all.
- On a terminal (`tty=True`): per-layer lines with a bar and numbers, plus an overall line (bytes done
  of the total, speed, elapsed time), drawn with rich and redrawn at most 10 times a second.
  Anything that is not a layer's progress (a `stream` text, a status without an id, ...) ends the
  current block of layers, which stays on screen, and is written below it, as docker does.
- `aux` messages go to the callback and are never printed.
- `errorDetail`/`error`: what came before is flushed, then pydock.errors.StreamError is raised
  (jsonstream.check_error).

rich is imported only on the terminal path.
"""

from __future__ import annotations

import datetime
import time
from typing import Callable, Iterable

from ..engine.jsonstream import check_error
from .humanize import human_size

REFRESH_INTERVAL = 0.1  # seconds: at most ~10 redraws a second


def display_json_messages(messages: Iterable[dict], out, *, tty: bool,
                          aux: Callable[[dict], None] | None = None) -> None:
    renderer = TerminalRenderer(out) if tty else PlainRenderer(out)
    try:
        for message in messages:
            if not isinstance(message, dict):
                continue
            if message.get("errorDetail") or message.get("error"):
                renderer.close()
                check_error(message)
            if message.get("aux") is not None:
                if aux is not None:
                    aux(message["aux"])
                continue
            renderer.feed(message)
    finally:
        renderer.close()


# -- pieces shared by both renderers ----------------------------------------------------------------

def has_progress(message: dict) -> bool:
    """docker's `jm.Progress != nil`: the key is present (even as {})."""
    return isinstance(message.get("progressDetail"), dict)


def progress_text(detail: dict, width: int = 200, now: float | None = None) -> str:
    """jsonmessage.JSONProgress.String(): the client-side bar, numbers and ETA."""
    current = int(detail.get("current") or 0)
    total = int(detail.get("total") or 0)
    units = detail.get("units") or ""
    if current <= 0 and total <= 0:
        return ""
    if total <= 0:
        return f"{human_size(current):>8}" if not units else f"{current} {units}"
    percentage = min(int(current / total * 100) // 2, 50)
    bar = ""
    if width > 110:
        bar = "[" + "=" * percentage + ">" + " " * max(50 - percentage, 0) + "] "
    numbers = ""
    if detail.get("hidecounts"):
        pass
    elif not units:
        numbers = f"{human_size(current):>8}/{human_size(total)}"
        if current > total:
            numbers = f"{human_size(current):>8}"
    else:
        numbers = f"{current}/{total} {units}"
        if current > total:
            numbers = f"{current} {units}"
    left = ""
    start = int(detail.get("start") or 0)
    if current > 0 and start > 0 and percentage < 50 and width > 50:
        elapsed = (time.time() if now is None else now) - start
        remaining = (total - current) * (elapsed / current)
        left = " " + go_duration(round(max(remaining, 0)))
    return bar + numbers + left


def go_duration(seconds: int) -> str:
    """time.Duration.String() of a whole number of seconds: 0s, 42s, 1m2s, 1h0m5s."""
    from ..opts.gostrings import duration_string

    return duration_string(max(seconds, 0) * 10**9)


def prefix(message: dict) -> str:
    """The time, `id: ` and `(from X) ` prefixes jsonmessage.Display writes before the text."""
    text = time_prefix(message)
    if message.get("id"):
        text += f"{message['id']}: "
    if message.get("from"):
        text += f"(from {message['from']}) "
    return text


def time_prefix(message: dict) -> str:
    """RFC3339NanoFixed in local time, as docker formats jm.TimeNano / jm.Time."""
    nanos = message.get("timeNano") or (message.get("time") or 0) * 1_000_000_000
    if not nanos:
        return ""
    when = datetime.datetime.fromtimestamp(nanos // 1_000_000_000).astimezone()
    offset = when.strftime("%z")
    zone = "Z" if offset == "+0000" else f"{offset[:3]}:{offset[3:]}"
    return when.strftime("%Y-%m-%dT%H:%M:%S") + f".{nanos % 1_000_000_000:09d}{zone} "


def plain_line(message: dict) -> str:
    """jsonmessage.Display with isTerminal=false; "" when docker prints nothing."""
    if has_progress(message) and progress_text(message["progressDetail"]):
        return ""
    head = prefix(message)
    if message.get("progress"):
        return f"{head}{message.get('status', '')} {message['progress']}"
    if message.get("stream"):
        return head + message["stream"]
    return f"{head}{message.get('status', '')}\n"


class PlainRenderer:
    def __init__(self, out):
        self.out = out

    def feed(self, message: dict) -> None:
        line = plain_line(message)
        if line:
            self.out.write(line)
            self.out.flush()

    def close(self) -> None:
        try:
            self.out.flush()
        except (OSError, ValueError):
            pass


# -- the terminal ----------------------------------------------------------------------------------

_TRANSFER_VERBS = ("Downloading", "Pushing", "Uploading")
_DONE_STATES = ("Download complete", "Pull complete", "Pushed", "Already exists", "Layer already exists",
                "Mounted from", "Verifying Checksum")


class _Layer:
    __slots__ = ("id", "head", "status", "detail", "message", "transfer_total", "transfer_done")

    def __init__(self, ident: str):
        self.id = ident
        self.head = ""
        self.status = ""
        self.detail: dict = {}
        self.message = ""
        self.transfer_total = 0  # bytes of this layer's download/upload, once known
        self.transfer_done = 0


class TerminalRenderer:
    """rich per-layer lines and an overall line, redrawn at most every REFRESH_INTERVAL seconds."""

    def __init__(self, out, clock: Callable[[], float] = time.monotonic, ticker: bool = True):
        import os
        import threading

        from rich.console import Console

        self.out = out
        self.clock = clock
        self.lock = threading.Lock()
        self.ticker = ticker  # a thread that draws an update left pending when the stream goes quiet
        self._ticking: threading.Event | None = None
        plain = bool(os.environ.get("NO_COLOR"))
        self.console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=False, emoji=False,
                               markup=False, color_system=None if plain else "auto", no_color=plain)
        self.layers: dict[str, _Layer] = {}
        self.live = None
        self.started = 0.0
        self.last_draw = 0.0
        self.dirty = False
        self.redraws = 0

    # feeding
    def feed(self, message: dict) -> None:
        ident = message.get("id")
        if ident and (has_progress(message) or message.get("progress")):
            self._update_layer(ident, message)
            return
        # not a layer's progress: the block is finished (docker resets its id map here)
        self._end_block()
        text = _terminal_line(message)
        if text:
            self.out.write(text)
            self.out.flush()

    def _update_layer(self, ident: str, message: dict) -> None:
        layer = self.layers.get(ident)
        if layer is None:
            layer = self.layers[ident] = _Layer(ident)
        layer.head = prefix(message)
        status = message.get("status") or ""
        layer.status = status
        detail = message.get("progressDetail") or {}
        layer.detail = detail
        layer.message = "" if detail else (message.get("progress") or "")
        total = int(detail.get("total") or 0)
        current = int(detail.get("current") or 0)
        if status.startswith(_TRANSFER_VERBS):
            if total > 0:
                layer.transfer_total = total
            layer.transfer_done = current if total <= 0 else min(current, total)
        elif status.startswith(_DONE_STATES) and layer.transfer_total:
            layer.transfer_done = layer.transfer_total
        now = self.clock()
        with self.lock:
            if self.live is None:
                self._start(now)
            self.dirty = True
            if now - self.last_draw >= REFRESH_INTERVAL:
                self._draw(now)

    def _start(self, now: float) -> None:
        import threading

        from rich.live import Live

        if not self.started:
            self.started = now
        self.live = Live(console=self.console, auto_refresh=False, transient=False,
                         redirect_stdout=False, redirect_stderr=False, vertical_overflow="ellipsis",
                         get_renderable=self._renderable)
        self.live.start()
        if self.ticker and self._ticking is None:
            self._ticking = threading.Event()
            threading.Thread(target=self._tick, args=(self._ticking,), name="pydock-progress", daemon=True).start()

    def _tick(self, stop) -> None:
        """Draw what is pending when no message came to trigger it (a quiet stream), at most every interval."""
        while not stop.wait(REFRESH_INTERVAL):
            with self.lock:
                now = self.clock()
                if self.live is not None and self.dirty and now - self.last_draw >= REFRESH_INTERVAL:
                    self._draw(now)

    def _draw(self, now: float) -> None:
        """Called with self.lock held."""
        self.last_draw = now
        self.dirty = False
        self.redraws += 1
        self.live.refresh()

    def _end_block(self) -> None:
        with self.lock:
            if self.live is not None:
                self.live.stop()  # draws the final state; the block stays on screen
                self.live = None
                self.redraws += 1
            self.layers = {}
            self.dirty = False

    def _stop_ticker(self) -> None:
        if self._ticking is not None:
            self._ticking.set()
            self._ticking = None

    def close(self) -> None:
        try:
            self._stop_ticker()
            self._end_block()
            self.out.flush()
        except (OSError, ValueError):
            pass

    # drawing
    def _renderable(self):
        from rich.table import Table
        from rich.text import Text

        width = self.console.width
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        layers = list(self.layers.values())
        id_width = max((len(layer.head) + len(layer.status) for layer in layers), default=0)
        bar_width = max(10, min(40, width - id_width - 30))
        for layer in layers:
            grid.add_row(Text(f"{layer.head}{layer.status}"), *self._layer_cells(layer, bar_width))
        grid.add_row(*self._overall_cells(bar_width))
        return grid

    def _layer_cells(self, layer: _Layer, bar_width: int):
        from rich.progress_bar import ProgressBar
        from rich.text import Text

        detail = layer.detail
        total = int(detail.get("total") or 0)
        current = int(detail.get("current") or 0)
        if total > 0:
            bar = ProgressBar(total=total, completed=min(current, total), width=bar_width)
            return bar, Text(progress_text(detail, width=0).strip())
        if current > 0:
            return Text(""), Text(progress_text(detail, width=0).strip())
        return Text(""), Text(layer.message)

    def _overall_cells(self, bar_width: int):
        from rich.progress_bar import ProgressBar
        from rich.text import Text

        total = sum(layer.transfer_total for layer in self.layers.values())
        done = sum(layer.transfer_done for layer in self.layers.values())
        elapsed = max(self.clock() - self.started, 1e-6)
        speed = done / elapsed
        summary = f"{human_size(done)}/{human_size(total)}" if total else human_size(done)
        text = Text(f"{summary}  {human_size(speed)}/s  {elapsed:.1f}s")
        bar = ProgressBar(total=total or None, completed=done, width=bar_width) if total else Text("")
        count = len(self.layers)
        label = f"Total ({count} layer{'' if count == 1 else 's'})"
        return Text(label, style="bold"), bar, text


def _terminal_line(message: dict) -> str:
    """A message outside a layer block, as docker writes it on a terminal (no cursor movement needed)."""
    head = prefix(message)
    if has_progress(message):  # progress without an id: docker redraws it in place on its line
        return f"\x1b[2K\r{head}{message.get('status', '')} {progress_text(message['progressDetail'])}\r"
    if message.get("progress"):
        return f"{head}{message.get('status', '')} {message['progress']}\n"
    if message.get("stream"):
        return head + message["stream"]
    return f"{head}{message.get('status', '')}\n"
