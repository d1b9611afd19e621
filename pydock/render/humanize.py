"""go-units' humanizers, byte for byte: durations ("About a minute"), sizes ("1.99MB", "7.5MiB")."""

from __future__ import annotations

import time

DECIMAL_UNITS = ("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
BINARY_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def human_duration(seconds: float) -> str:
    """go-units HumanDuration: seconds and minutes floored, hours rounded."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    minutes = int(seconds / 60)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(seconds / 3600 + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{int(seconds / 3600) // 24 // 365} years"


def since(unix_seconds: float, now: float | None = None) -> str:
    """`N units ago`, as docker's CREATED columns print it."""
    now = time.time() if now is None else now
    return human_duration(now - unix_seconds) + " ago"


def _scale(size: float, base: float, units: tuple[str, ...]) -> tuple[float, str]:
    i = 0
    while size >= base and i < len(units) - 1:
        size /= base
        i += 1
    return size, units[i]


def human_size(size: float, precision: int = 4) -> str:
    """go-units HumanSizeWithPrecision: decimal units, `%.<precision>g`."""
    value, unit = _scale(float(size), 1000.0, DECIMAL_UNITS)
    return f"{value:.{precision}g}{unit}"


def bytes_size(size: float) -> str:
    """go-units BytesSize: binary units, `%.4g`."""
    value, unit = _scale(float(size), 1024.0, BINARY_UNITS)
    return f"{value:.4g}{unit}"


def go_time_string(unix_seconds: float) -> str:
    """Go's time.Time.String() in local time, for whole seconds: `2026-11-28 01:07:42 +0000 UTC`."""
    t = time.localtime(unix_seconds)
    return time.strftime("%Y-%m-%d %H:%M:%S %z ", t) + (t.tm_zone or time.strftime("%z", t))
