"""`--ulimit nofile=1024:2048` (go-units ParseUlimit); later values for a name replace earlier ones
and the list is sent sorted by name, as docker's UlimitOpt does."""

from __future__ import annotations

import re
from typing import Iterable

from ._errors import OptionError
from .gostrings import go_quote

NAMES = ("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss",
         "rtprio", "rttime", "sigpending", "stack")
_INT = re.compile(r"[+-]?[0-9]+")


def _parse_int(text: str) -> int:
    """strconv.ParseInt(text, 10, 64)."""
    if not _INT.fullmatch(text):
        raise OptionError(f'strconv.ParseInt: parsing {go_quote(text)}: invalid syntax')
    value = int(text)
    if not -(1 << 63) <= value < 1 << 63:
        raise OptionError(f'strconv.ParseInt: parsing {go_quote(text)}: value out of range')
    return value


def parse_ulimit(value: str) -> dict:
    """One `name=soft[:hard]` → {"Name", "Hard", "Soft"} (the JSON field order)."""
    name, eq, limits = value.partition("=")
    if not eq:
        raise OptionError(f"invalid ulimit argument: {value}")
    if name not in NAMES:
        raise OptionError(f"invalid ulimit type: {name}")
    parts = limits.split(":")
    if len(parts) > 2:
        raise OptionError(f"too many limit value arguments - {limits}, can only have up to two, `soft[:hard]`")
    hard = _parse_int(parts[1]) if len(parts) == 2 else None
    soft = _parse_int(parts[0])
    hard = soft if hard is None else hard
    if hard != -1:
        if soft == -1:
            raise OptionError(f"ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: {hard}")
        if soft > hard:
            raise OptionError(f"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}")
    return {"Name": name, "Hard": hard, "Soft": soft}


def ulimit_list(parsed: Iterable[dict]) -> list[dict]:
    by_name = {u["Name"]: u for u in parsed}
    return [by_name[name] for name in sorted(by_name)]
