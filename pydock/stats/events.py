"""Events as docker prints them: the default line and the Go value `--format` templates see. Pure."""

from __future__ import annotations

import time

from ..render.system import F, Schema

ACTOR = Schema("events.Actor", (F("ID"), F("Attributes", kind="m")))
# docker CLI 28.2.2's events.Message: the deprecated status/id/from first (omitempty), then the rest.
MESSAGE = Schema("*events.Message", (
    F("Status", "status", omitempty=True), F("ID", "id", omitempty=True), F("From", "from", omitempty=True),
    F("Type"), F("Action"), F("Actor", kind=ACTOR), F("Scope", "scope", omitempty=True),
    F("Time", "time", "i", omitempty=True), F("TimeNano", "timeNano", "i", omitempty=True),
))
EMPTY_MESSAGE = MESSAGE.load({})


def message_value(message: dict):
    return MESSAGE.load(message)


def rfc3339_nano_fixed(nanos: int, local_offset: int | None = None) -> str:
    """Go's `2006-01-02T15:04:05.000000000Z07:00` in local time (`Z` when the offset is 0)."""
    seconds, frac = divmod(int(nanos), 1_000_000_000)
    if local_offset is None:
        local_offset = time.localtime(seconds).tm_gmtoff or 0
    t = time.gmtime(seconds + local_offset)
    if local_offset == 0:
        zone = "Z"
    else:
        sign = "+" if local_offset > 0 else "-"
        h, m = divmod(abs(local_offset) // 60, 60)
        zone = f"{sign}{h:02d}:{m:02d}"
    return time.strftime("%Y-%m-%dT%H:%M:%S", t) + f".{frac:09d}{zone}"


def pretty(message: dict, local_offset: int | None = None) -> str:
    """docker's prettyPrintEvent."""
    parts = []
    nano, sec = int(message.get("timeNano") or 0), int(message.get("time") or 0)
    if nano:
        parts.append(rfc3339_nano_fixed(nano, local_offset) + " ")
    elif sec:
        parts.append(rfc3339_nano_fixed(sec * 1_000_000_000, local_offset) + " ")
    actor = message.get("Actor") or {}
    parts.append(f"{message.get('Type') or ''} {message.get('Action') or ''} {actor.get('ID') or ''}")
    attrs = actor.get("Attributes") or {}
    if attrs:
        parts.append(" (" + ", ".join(f"{k}={attrs[k]}" for k in sorted(attrs)) + ")")
    return "".join(parts) + "\n"
