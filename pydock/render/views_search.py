"""`search` rows, with the fields of docker's searchContext (cli/command/registry/formatter_search.go)."""

from __future__ import annotations

from .views import RowView, ellipsis

DEFAULT_FORMAT = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}"
HEADERS = {"Name": "NAME", "Description": "DESCRIPTION", "StarCount": "STARS", "IsOfficial": "OFFICIAL"}


class SearchView(RowView):
    """One result from the daemon: {"name", "description", "star_count", "is_official", "is_automated"}.
    Booleans print `[OK]` or nothing in templates, `true`/`false` once the row was marshalled to JSON
    (docker's MarshalJSON sets the context's json flag, and it stays set for the rest of that row)."""

    go_type = "*registry.searchContext"
    json_fields = ("Description", "IsOfficial", "Name", "StarCount")
    headers = HEADERS

    def __init__(self, result: dict, trunc: bool = True):
        self.s = result
        self.trunc = trunc
        self.json = False

    def to_json(self) -> dict:
        self.json = True
        return super().to_json()

    def Name(self) -> str:  # noqa: N802 (the template field names are Go's)
        return str(self.s.get("name") or "")

    def Description(self) -> str:  # noqa: N802
        desc = str(self.s.get("description") or "").replace("\n", " ").replace("\r", " ")
        return ellipsis(desc, 45) if self.trunc else desc

    def StarCount(self) -> str:  # noqa: N802
        return str(int(self.s.get("star_count") or 0))

    def _bool(self, value) -> str:
        if self.json:
            return "true" if value else "false"
        return "[OK]" if value else ""

    def IsOfficial(self) -> str:  # noqa: N802
        return self._bool(self.s.get("is_official"))


def render_search(results: list, format_: str | None, trunc: bool) -> str:
    """docker's SearchWrite: `table` (or nothing) is the default table; any other value is a template."""
    from .formatter import Format, prepare, render_rows

    fmt = Format.parse(format_, DEFAULT_FORMAT)
    tmpl = prepare(fmt)
    return render_rows(fmt, tmpl, [SearchView(r, trunc) for r in results], HEADERS)
