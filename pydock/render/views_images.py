"""Row views for image management: `history` (docker's historyContext) and the rmi / prune reports.

As in `views.py`: the default table, custom templates and `--format json` all read these methods,
named as Go's (`.ID`, `.CreatedBy`, ...), which docker's formatter contexts expose to templates.
"""

from __future__ import annotations

import time

from .humanize import human_duration, human_size
from .views import RowView, ellipsis, truncate_id

HISTORY_TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
HISTORY_TABLE_NOT_HUMAN = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
QUIET_FORMAT = "{{.ID}}"

# time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix(): docker shows N/A for anything created before it.
EPOCH_2000 = 946684800
CREATED_BY_WIDTH = 45


def rfc3339_utc(unix_seconds: int) -> str:
    """Go's time.Unix(s, 0).Format(time.RFC3339): local time, `Z` for UTC, else `+hh:mm`."""
    t = time.localtime(unix_seconds)
    offset = t.tm_gmtoff or 0
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", t)
    if offset == 0:
        return stamp + "Z"
    sign = "+" if offset > 0 else "-"
    offset = abs(offset)
    return f"{stamp}{sign}{offset // 3600:02d}:{offset % 3600 // 60:02d}"


def history_format_source(source: str | None, quiet: bool, human: bool) -> str:
    """docker's NewHistoryFormat: only the `table` key (the default) has quiet and non-human variants."""
    source = source or "table"
    if source == "table":
        if quiet:
            return QUIET_FORMAT
        return HISTORY_TABLE if human else HISTORY_TABLE_NOT_HUMAN
    return source


class HistoryView(RowView):
    go_type = "*image.historyContext"
    json_fields = ("Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size")
    headers = {"ID": "IMAGE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "CreatedBy": "CREATED BY",
               "Size": "SIZE", "Comment": "COMMENT"}

    def __init__(self, h: dict, *, trunc: bool = True, human: bool = True, now: float | None = None):
        self.h = h
        self.trunc = trunc
        self.human = human
        self.now = time.time() if now is None else now

    def ID(self) -> str:  # noqa: N802 (the template field names are Go's)
        ident = self.h.get("Id", "") or ""
        return truncate_id(ident) if self.trunc else ident

    def CreatedAt(self) -> str:  # noqa: N802
        return rfc3339_utc(int(self.h.get("Created", 0) or 0))

    def CreatedSince(self) -> str:  # noqa: N802
        if not self.human:
            return self.CreatedAt()
        created = int(self.h.get("Created", 0) or 0)
        if created <= EPOCH_2000:
            return "N/A"
        return human_duration(self.now - created) + " ago"

    def CreatedBy(self) -> str:  # noqa: N802
        created_by = (self.h.get("CreatedBy", "") or "").replace("\t", " ")
        return ellipsis(created_by, CREATED_BY_WIDTH) if self.trunc else created_by

    def Size(self) -> str:  # noqa: N802
        size = int(self.h.get("Size", 0) or 0)
        return human_size(size, 3) if self.human else str(size)

    def Comment(self) -> str:  # noqa: N802
        return self.h.get("Comment", "") or ""


def history_rows(items: list[dict], *, trunc: bool, human: bool, now: float | None = None) -> list[HistoryView]:
    now = time.time() if now is None else now
    return [HistoryView(item, trunc=trunc, human=human, now=now) for item in items]


def delete_lines(items: list[dict], *, prune_style: bool = False) -> str:
    """The daemon's delete report as docker prints it: rmi says `Untagged: x` / `Deleted: sha256:...`;
    image prune says `untagged: x` / `deleted: sha256:...`. An item with Deleted set is a deletion."""
    untagged, deleted = ("untagged: ", "deleted: ") if prune_style else ("Untagged: ", "Deleted: ")
    out = []
    for item in items:
        if item.get("Deleted"):
            out.append(f"{deleted}{item['Deleted']}\n")
        else:
            out.append(f"{untagged}{item.get('Untagged', '')}\n")
    return "".join(out)


def prune_report(report: dict) -> str:
    """docker image prune's output after the prompt: the deleted list (with a blank line after it)
    and the reclaimed space, counted only when something was deleted."""
    items = report.get("ImagesDeleted") or []
    out, reclaimed = "", 0
    if items:
        out = "Deleted Images:\n" + delete_lines(items, prune_style=True) + "\n"
        reclaimed = report.get("SpaceReclaimed") or 0
    return out + f"Total reclaimed space: {human_size(reclaimed)}\n"
