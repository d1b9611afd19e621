"""`--filter key=value` → the Engine API's `filters` JSON: {"key": {"value": true}}. Pure, no I/O."""

from __future__ import annotations

from .gostrings import to_lower, trim_space


class FilterSyntaxError(ValueError):
    pass


def parse_filter(value: str) -> tuple[str, str] | None:
    """docker's FilterOpt.Set: split at the first `=`, lower-case and trim the key, trim the value.
    An empty value is no filter at all (None)."""
    if not value:
        return None
    if "=" not in value:
        raise FilterSyntaxError("bad format of filter (expected name=value)")
    key, _, val = value.partition("=")
    return to_lower(trim_space(key)), trim_space(val)


def build_filters(pairs) -> dict[str, dict[str, bool]]:
    filters: dict[str, dict[str, bool]] = {}
    for pair in pairs:
        if pair is None:
            continue
        key, val = pair
        filters.setdefault(key, {})[val] = True
    return filters
