"""`stats` output: frames from rows, and the three ways of showing them.

- `frame()`: the rows through the --format template (docker's tabwriter for `table` formats), plus,
  in the live terminal view, two history columns (sparklines of CPU % and memory). Pure.
- `PlainSink`: off a terminal. Never a control code. `--no-stream`: the frame once. Streaming: for
  `table` formats one block per interval, headed by an RFC 3339 timestamp line and followed by a blank
  line (`pydock stats | tee file` is a readable record); other formats print only their rows, one line
  per container per interval (so `--format json` stays NDJSON).
- `LiveSink`: on a terminal, rich's Live display: the frame redrawn in place (cursor moved up and the
  lines overwritten in one write, no clearing, so no flicker), the cursor hidden while it runs and
  restored on exit, on an error and on Ctrl-C.
"""

from __future__ import annotations

import time

from .formatter import HEADER_FUNCS, RENDER_FAILED, HeaderContext, compile_template, execute
from .tabwriter import tabwrite

HISTORY_HEADERS = ("CPU HISTORY", "MEM HISTORY")


def frame(fmt, tmpl, views: list, headers: dict[str, str], history=None) -> str:
    """The text of one frame. `history` (an order.History) adds the sparkline columns to a table."""
    rows = [execute(tmpl, v, RENDER_FAILED) for v in views]
    if not fmt.table:
        return "".join(r + "\n" for r in rows)
    header = execute(compile_template(fmt.template, HEADER_FUNCS), HeaderContext(headers), RENDER_FAILED)
    if history is not None:
        header += "\t" + "\t".join(HISTORY_HEADERS)
        rows = [r + "\t" + history.cpu_line(v.s.id) + "\t" + history.mem_line(v.s.id) for r, v in zip(rows, views)]
    return tabwrite(header + "\n" + "".join(r + "\n" for r in rows))


def timestamp(now: float | None = None) -> str:
    """RFC 3339 in UTC with milliseconds: `2026-11-28T04:40:01.123Z`."""
    now = time.time() if now is None else now
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"


class PlainSink:
    def __init__(self, out, table: bool, stamped: bool):
        self.out = out
        self.table = table
        self.stamped = stamped

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def show(self, text: str) -> None:
        if self.stamped and self.table:
            text = f"{timestamp()}\n{text}\n"
        self.out.write(text)
        flush = getattr(self.out, "flush", None)
        if flush:
            flush()


class LiveSink:
    """rich's Live, refreshed only when we hand it a new frame (no refresh thread of its own)."""

    def __init__(self, out, bold_header: bool = True):
        from rich.console import Console

        self.console = Console(file=out, highlight=False, soft_wrap=False)
        self.bold_header = bold_header
        self.live = None

    def __enter__(self):
        from rich.live import Live

        self.live = Live(console=self.console, auto_refresh=False, redirect_stdout=False, redirect_stderr=False,
                         vertical_overflow="crop", transient=False)
        self.live.__enter__()
        return self

    def __exit__(self, *exc):
        if self.live is not None:
            self.live.__exit__(*exc)
        return False

    def show(self, text: str) -> None:
        from rich.text import Text

        body = Text(text.rstrip("\n"), no_wrap=True, overflow="crop")
        if self.bold_header and not self.console.no_color:
            first = text.find("\n")
            body.stylize("bold", 0, first if first >= 0 else len(text))
        self.live.update(body, refresh=True)
