"""pydock's additions to `stats`, pure: --sort keys, --interval/--count checks, history and sparklines."""

from __future__ import annotations

from collections import deque

from ..opts.natural import natural_less
from .calc import StatsEntry

SORT_KEYS = ("cpu", "mem", "net", "io", "pids", "name")
SPARK = "▁▂▃▄▅▆▇█"
HISTORY = 12  # samples kept per container for the sparkline column


class ValueError_(ValueError):
    """A bad flag value; the message is the `why` part of pflag's `invalid argument` error."""


def _name(e: StatsEntry) -> str:
    return e.name.removeprefix("/") or e.container


_NUMERIC = {
    "cpu": lambda e: e.cpu_percentage,
    "mem": lambda e: e.memory,
    "net": lambda e: e.network_rx + e.network_tx,
    "io": lambda e: e.block_read + e.block_write,
    "pids": lambda e: e.pids_current,
}


def sort_entries(entries: list[StatsEntry], key: str | None) -> list[StatsEntry]:
    """Numbers descending (ties by name), names ascending in natural order; invalid rows last.
    Without a key the order is kept (docker's: the order containers were added in)."""
    if not key:
        return list(entries)
    import functools

    def by_name(a: StatsEntry, b: StatsEntry) -> int:
        x, y = _name(a), _name(b)
        return -1 if natural_less(x, y) else (1 if natural_less(y, x) else 0)

    if key == "name":
        ordered = sorted(entries, key=functools.cmp_to_key(by_name))
    else:
        value = _NUMERIC[key]
        ordered = sorted(sorted(entries, key=functools.cmp_to_key(by_name)), key=lambda e: -value(e))
    return [e for e in ordered if not e.invalid] + [e for e in ordered if e.invalid]


def parse_interval(value: str) -> float:
    """A positive, finite number of seconds (`0.5`, `2`)."""
    import math

    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError_("must be a positive number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError_("must be a positive number of seconds")
    return seconds


def parse_count(value: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValueError_(f'strconv.ParseInt: parsing "{value}": invalid syntax') from None
    if n <= 0:
        raise ValueError_("must be a positive integer")
    return n


def sparkline(values, low: float = 0.0, high: float | None = None, width: int = HISTORY) -> str:
    """One block character per value, scaled between `low` and `high` (default: the values' max);
    padded on the left to `width` so the column keeps its width while history fills up."""
    values = list(values)[-width:]
    if not values:
        return " " * width
    top = max(values) if high is None else high
    span = top - low
    chars = []
    for v in values:
        if span <= 0:
            chars.append(SPARK[0])
            continue
        frac = min(max((v - low) / span, 0.0), 1.0)
        chars.append(SPARK[min(int(frac * len(SPARK)), len(SPARK) - 1)])
    return " " * (width - len(chars)) + "".join(chars)


class History:
    """The last HISTORY CPU % and memory values per container ID."""

    def __init__(self, size: int = HISTORY):
        self.size = size
        self.cpu: dict[str, deque] = {}
        self.mem: dict[str, deque] = {}

    def add(self, e: StatsEntry) -> None:
        if e.invalid or not e.id:
            return
        self.cpu.setdefault(e.id, deque(maxlen=self.size)).append(e.cpu_percentage)
        self.mem.setdefault(e.id, deque(maxlen=self.size)).append(e.memory)

    def forget(self, keep: set[str]) -> None:
        for d in (self.cpu, self.mem):
            for k in [k for k in d if k not in keep]:
                del d[k]

    def cpu_line(self, cid: str) -> str:
        """CPU % is scaled to 100% (one full core), or to the peak when the container uses more."""
        values = self.cpu.get(cid, ())
        return sparkline(values, 0.0, max([100.0, *values]), self.size)

    def mem_line(self, cid: str) -> str:
        return sparkline(self.mem.get(cid, ()), 0.0, None, self.size)
