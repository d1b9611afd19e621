"""`--filter key=value` → the Engine API's `filters` JSON: {"key": {"value": true}}. Pure, no I/O."""

from __future__ import annotations


class FilterSyntaxError(ValueError):
    pass


def parse_filter(value: str) -> tuple[str, str]:
    """docker's FilterOpt.Set: split at the first `=`, lower-case and trim the key, trim the value."""
    if "=" not in value:
        raise FilterSyntaxError("bad format of filter (expected name=value)")
    key, _, val = value.partition("=")
    return key.strip().lower(), val.strip()


def build_filters(pairs) -> dict[str, dict[str, bool]]:
    filters: dict[str, dict[str, bool]] = {}
    for key, val in pairs:
        filters.setdefault(key, {})[val] = True
    return filters
