"""docker's `--since` / `--until` grammar (moby api/types/time.GetTimestamp), with Go's messages. Pure.

In order, a value is:
1. a Go duration (`10m`, `1h30m`, `1.5h`, `-5m`; not `0`): now minus it, as whole Unix seconds;
2. an RFC 3339 date or date-time, with or without fraction and zone (`2026-11-28`, `2026-11-28T10`,
   `2026-11-28T10:30`, `2026-11-28T10:30:00.5`, `...Z`, `...+02:00`): `<sec>.<9-digit nanos>`; values
   without a zone are read in the current local offset (as docker does: the offset of *now*);
3. a Unix timestamp with an optional fraction (`1700000000`, `1700000000.5`): passed through unchanged.
Anything else fails: `failed to parse value as time or duration: "x"`, or Go's time.Parse error when
the value has a `-` (it was probably meant as a date).
"""

from __future__ import annotations

import re
import time

from .gostrings import go_quote, go_quote_time  # noqa: F401 (callers import them from here)
from .units import parse_duration

MAX_INT64 = (1 << 63) - 1


class TimestampError(ValueError):
    """The message is Go's; callers prefix `invalid value for "since": `."""


def get_timestamp(value: str, now_ns: int | None = None, local_offset: int | None = None) -> str:
    """The query value docker sends for `value`. `now_ns`/`local_offset` (seconds east of UTC) are for tests."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    if value != "0":
        try:
            return str((now_ns - parse_duration(value)) // 1_000_000_000)
        except ValueError:
            pass
    layout, in_location = choose_layout(value)
    offset = _local_offset(now_ns) if local_offset is None else local_offset
    try:
        seconds, nanos = go_parse(layout, value, offset if in_location else 0)
    except TimestampError:
        if "-" in value:
            raise
        if not _is_unix_timestamp(value):
            raise TimestampError(f"failed to parse value as time or duration: {go_quote(value)}") from None
        return value
    return f"{seconds}.{nanos:09d}"


def choose_layout(value: str) -> tuple[str, bool]:
    """GetTimestamp's choice of Go layout, and whether the value is read in local time."""
    in_location = not any(c in value for c in "zZ+") and value.count("-") != 3
    if "." in value:
        return ("2006-01-02T15:04:05.999999999" if in_location else "2006-01-02T15:04:05.999999999Z07:00"), in_location
    if "T" in value:
        colons = value.count(":")
        if not in_location and not any(c in value for c in "zZ") and colons > 0:
            colons -= 1  # the zone offset's colon
        hms = ("15", "15:04", "15:04:05")[min(colons, 2)]
        return f"2006-01-02T{hms}" + ("" if in_location else "Z07:00"), in_location
    return ("2006-01-02" if in_location else "2006-01-02Z07:00"), in_location


def _local_offset(now_ns: int) -> int:
    return time.localtime(now_ns // 1_000_000_000).tm_gmtoff or 0


def _is_unix_timestamp(value: str) -> bool:
    """moby's parseTimestamp: strconv.ParseInt of the part before `.` and of the part after it."""
    sec, dot, frac = value.partition(".")
    return _go_int64(sec) and (not dot or _go_int64(frac))


def _go_int64(s: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[0-9]+", s)) and -MAX_INT64 - 1 <= int(s) <= MAX_INT64


# -- Go's time.Parse, for the layouts above ----------------------------------------------------------

# layout -> chunks of (literal prefix, field, the layout text of the field)
_DATE = [("", "year", "2006"), ("-", "month", "01"), ("-", "day", "02")]
_TIME = [("T", "hour", "15"), (":", "minute", "04"), (":", "second", "05")]
_FRAC, _ZONE = ("", "frac", ".999999999"), ("", "zone", "Z07:00")
LAYOUTS = {
    "2006-01-02": _DATE,
    "2006-01-02Z07:00": _DATE + [_ZONE],
    "2006-01-02T15": _DATE + _TIME[:1],
    "2006-01-02T15:04": _DATE + _TIME[:2],
    "2006-01-02T15:04:05": _DATE + _TIME,
    "2006-01-02T15Z07:00": _DATE + _TIME[:1] + [_ZONE],
    "2006-01-02T15:04Z07:00": _DATE + _TIME[:2] + [_ZONE],
    "2006-01-02T15:04:05Z07:00": _DATE + _TIME + [_ZONE],
    "2006-01-02T15:04:05.999999999": _DATE + _TIME + [_FRAC],
    "2006-01-02T15:04:05.999999999Z07:00": _DATE + _TIME + [_FRAC, _ZONE],
}


def go_parse(layout: str, value: str, default_offset: int = 0) -> tuple[int, int]:
    """(Unix seconds, nanoseconds) of `value` read with `layout`; TimestampError with Go's ParseError text."""
    chunks = LAYOUTS[layout]
    fields = {"year": 0, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0, "nanos": 0, "offset": None}
    rest = value
    for i, (prefix, field, text) in enumerate(chunks):
        if not rest.startswith(prefix):
            raise _parse_error(layout, value, prefix, rest)
        rest = rest[len(prefix):]
        hold = rest
        rest, range_err = _parse_field(field, rest, fields, next_is_frac=_next(chunks, i) == "frac")
        if range_err:
            raise TimestampError(f"parsing time {go_quote_time(value)}: {range_err} out of range")
        if rest is None:
            raise _parse_error(layout, value, text, hold)
    if rest:
        raise TimestampError(f"parsing time {go_quote_time(value)}: extra text: {go_quote_time(rest)}")
    if not 1 <= fields["day"] <= _days_in(fields["month"], fields["year"]):
        raise TimestampError(f"parsing time {go_quote_time(value)}: day out of range")
    offset = default_offset if fields["offset"] is None else fields["offset"]
    days = _days_from_civil(fields["year"], fields["month"], fields["day"])
    seconds = days * 86400 + fields["hour"] * 3600 + fields["minute"] * 60 + fields["second"] - offset
    return seconds, fields["nanos"]


def _next(chunks, i: int) -> str | None:
    return chunks[i + 1][1] if i + 1 < len(chunks) else None


def _parse_field(field, rest, fields, next_is_frac):
    """Consume one field: (rest or None on a syntax error, name of an out-of-range field or "")."""
    if field == "year":
        if len(rest) < 4 or not _digits(rest[:4]):
            return None, ""
        fields["year"] = int(rest[:4])
        return rest[4:], ""
    if field in ("month", "day", "minute", "hour", "second"):
        return _parse_number(field, rest, fields, next_is_frac)
    if field == "frac":
        if len(rest) < 2 or rest[0] not in ".," or not _digits(rest[1]):
            return rest, ""  # fraction omitted
        n = 1 + len(re.match(r"[0-9]*", rest[1:]).group(0))
        fields["nanos"] = _nanoseconds(rest, n)
        return rest[n:], ""
    return _parse_zone(rest, fields)


def _parse_number(field, rest, fields, next_is_frac):
    fixed = field != "hour"
    if not _digits(rest[:1]):
        return None, ""
    width = 2 if _digits(rest[1:2]) else 1
    if width == 1 and fixed:
        return None, ""
    n, rest = int(rest[:width]), rest[width:]
    fields[field] = n
    limit = {"month": 13, "day": 100, "hour": 24, "minute": 60, "second": 60}[field]
    if (field == "month" and n == 0) or n >= limit:
        return rest, field
    if field == "second" and not next_is_frac and len(rest) >= 2 and rest[0] in ".," and _digits(rest[1]):
        n = 1 + len(re.match(r"[0-9]*", rest[1:]).group(0))
        fields["nanos"] = _nanoseconds(rest, n)
        rest = rest[n:]
    return rest, ""


def _parse_zone(rest, fields):
    """Z, or ±hh:mm. As in Go, an out-of-range offset outranks a bad sign."""
    if rest[:1] == "Z":
        fields["offset"] = 0
        return rest[1:], ""
    if len(rest) < 6 or rest[3] != ":":
        return None, ""
    sign, hh, mm, rest = rest[0], rest[1:3], rest[4:6], rest[6:]
    hours = int(hh) if _digits(hh) else 0
    minutes = int(mm) if _digits(hh) and _digits(mm) else 0
    range_err = "time zone offset minute" if minutes > 60 else "time zone offset hour" if hours > 24 else ""
    if range_err:
        return rest, range_err
    if not (_digits(hh) and _digits(mm)) or sign not in "+-":
        return None, ""
    fields["offset"] = (hours * 3600 + minutes * 60) * (-1 if sign == "-" else 1)
    return rest, ""


def _nanoseconds(s: str, n: int) -> int:
    """Go's parseNanoseconds: the digits after the separator, truncated to nanoseconds."""
    digits = s[1:min(n, 10)]
    return int(digits) * 10 ** (9 - len(digits))


def _digits(s: str) -> bool:
    return bool(s) and all("0" <= c <= "9" for c in s)


def _parse_error(layout: str, value: str, elem: str, value_elem: str) -> TimestampError:
    return TimestampError(f"parsing time {go_quote_time(value)} as {go_quote_time(layout)}: cannot parse "
                          f"{go_quote_time(value_elem)} as {go_quote_time(elem)}")


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (year 0 included, as Go allows)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def rfc3339_ns(stamp: str) -> int:
    """Nanoseconds since the epoch of an engine timestamp (`2026-12-07T12:25:45.905214872Z`, any
    fraction length, `Z` or `±hh:mm`); ValueError when it is not one."""
    from datetime import datetime

    head, zone = stamp[:19], stamp[19:]
    frac = ""
    if zone.startswith("."):
        digits = zone[1:]
        zone = digits.lstrip("0123456789")
        frac = digits[: len(digits) - len(zone)]
    dt = datetime.fromisoformat(head + (zone.replace("Z", "+00:00") if zone else "+00:00"))
    return int(dt.timestamp()) * 1_000_000_000 + int((frac + "000000000")[:9])
