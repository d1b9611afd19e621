"""Flag types and helpers shared by the `network`, `volume` and `context` groups.

pflag's value types as docker declares them: `list` (a validated `--label`), `map` (`-o k=v`), `strings`
(comma-separated, CSV-quoted), `stringToString` (`--docker k=v,k=v`); and docker's prune prompt,
config-file prune filters and per-flag API version checks.
"""

from __future__ import annotations

import click

from ..errors import PydockError
from ._params import DockerParam, NegatableFlag  # noqa: F401  (NegatableFlag re-exported for commands)

WHITESPACE = " \t"


class Label(DockerParam):
    """opts.ValidateLabel: the key (left-trimmed) must be non-empty and free of blanks."""

    name = "list"

    def convert(self, value, param, ctx):
        key = value.partition("=")[0].lstrip(WHITESPACE)
        if not key:
            self.fail_value(value, f"invalid label '{value}': empty name", param, ctx)
        if any(c in key for c in WHITESPACE):
            self.fail_value(value, f"label '{key}' contains whitespaces", param, ctx)
        return value


class KeyValue(DockerParam):
    """opts.MapOpts without a validator: `k=v` → (k, v); a bare `k` is (k, "")."""

    name = "map"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        key, _, val = value.partition("=")
        return key, val


def csv_fields(value: str) -> list[str]:
    """One record read by Go's encoding/csv (strict quotes), as pflag's string slices and stringToString do."""
    if value == "":
        return []
    fields, i = [], 0
    while True:
        if value.startswith('"', i):
            field, i = _quoted_field(value, i + 1)
        else:
            end = value.find(",", i)
            end = len(value) if end < 0 else end
            field = value[i:end]
            if '"' in field:
                column = i + field.index('"') + 1
                raise ValueError(f'parse error on line 1, column {column}: bare " in non-quoted-field')
            i = end
        fields.append(field)
        if i >= len(value):
            return fields
        i += 1  # the comma


def _quoted_field(value: str, i: int) -> tuple[str, int]:
    out = []
    while True:
        quote = value.find('"', i)
        if quote < 0:
            raise ValueError(f'parse error on line 1, column {len(value) + 1}: extraneous or missing " in quoted-field')
        out.append(value[i:quote])
        after = value[quote + 1:quote + 2]
        if after == '"':
            out.append('"')
            i = quote + 2
        elif after in ("", ","):
            return "".join(out), quote + 1
        else:
            raise ValueError(f'parse error on line 1, column {quote + 1}: extraneous or missing " in quoted-field')


class Strings(DockerParam):
    """pflag's stringSlice: each use adds its comma-separated values."""

    name = "strings"

    def convert(self, value, param, ctx):
        if isinstance(value, list):
            return value
        try:
            return csv_fields(value)
        except ValueError as e:
            self.fail_value(value, str(e), param, ctx)


class StringToString(DockerParam):
    """pflag's stringToString: `k=v` (one `=`: no comma splitting) or a CSV list of `k=v`."""

    name = "stringToString"

    def convert(self, value, param, ctx):
        if isinstance(value, dict):
            return value
        if value.count("=") == 0:
            self.fail_value(value, f"{value} must be formatted as key=value", param, ctx)
        try:
            pairs = [value.strip('"')] if value.count("=") == 1 else csv_fields(value)
        except ValueError as e:
            self.fail_value(value, str(e), param, ctx)
        out = {}
        for pair in pairs:
            key, eq, val = pair.partition("=")
            if not eq:
                self.fail_value(value, f"{pair} must be formatted as key=value", param, ctx)
            out[key] = val
        return out


LABEL = Label()
KEY_VALUE = KeyValue()
STRINGS = Strings()
STRING_TO_STRING = StringToString()



def require_api(app, flag: str, version: str) -> None:
    """docker's flag annotation check: a flag the daemon's API version is too old for is an error."""
    if not app.engine.version_at_least(version):
        raise PydockError(f'"--{flag}" requires API version {version}, but the Docker daemon API version is '
                          f"{app.engine.api_version}")


def confirm(app, message: str) -> bool:
    """docker's prompt.Confirm: the question and ` [y/N] ` on stdout, one line from stdin; `y`/`Y` agrees."""
    import sys

    app.write(message + " [y/N] ")
    flush = getattr(app.out, "flush", None)
    if flush:
        flush()
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.strip().lower() == "y"


def prune_filters(app, pairs) -> dict:
    """--filter values plus config.json `pruneFilters`, as command.PruneFilters merges them. Its label
    check is filters.ExactMatch, which is true when the opposite key is absent: so a configured `label`
    is only added when --filter has `label!` values (and not this one), and the other way round."""
    from ..opts.filters import build_filters

    filters = build_filters(pairs)
    for entry in app.config.get("pruneFilters") or []:
        key, eq, value = str(entry).partition("=")
        if not eq:
            continue
        opposite = {"label": "label!", "label!": "label"}.get(key)
        if opposite and (not filters.get(opposite) or value in filters[opposite]):
            continue
        filters.setdefault(key, {})[value] = True
    return filters


def labels_map(values) -> dict[str, str]:
    """opts.ConvertKVStringsToMap: `k=v` → k: v, a bare `k` → k: ""; later values win."""
    return dict(v.partition("=")[::2] for v in values)


def sort_by_name(items: list, name=lambda item: item.get("Name", "")) -> list:
    """docker sorts listed objects with sortorder.NaturalLess on the name."""
    import functools

    from ..opts.natural import natural_less

    def compare(a, b) -> int:
        x, y = name(a), name(b)
        return -1 if natural_less(x, y) else (1 if natural_less(y, x) else 0)

    return sorted(items, key=functools.cmp_to_key(compare))


def list_format(source: str, quiet: bool, table: str, quiet_template: str, raw: str, raw_quiet: str):
    """docker's New<Kind>Format: `table` and `raw` have quiet variants; any other value is the template."""
    from ..render.formatter import Format

    if source == "table":
        return Format(quiet_template, False) if quiet else Format.parse(table, table)
    if source == "raw":
        return Format.parse(raw_quiet if quiet else raw, table)
    return Format.parse(source, table)


def filter_option(command: str, example: str, short: bool = True):
    """`--filter` with docker's help for this command; prune commands have no `-f` (that is --force)."""
    from ._options import filter_completer
    from ._params import FILTER, drop_empty_filters

    names = ("-f", "--filter") if short else ("--filter",)
    completer = filter_completer(command) if command else None
    return click.option(*names, "filters", multiple=True, type=FILTER, metavar="filter", shell_complete=completer,
                        callback=drop_empty_filters,
                        help=f'Provide filter values (e.g. "{example}")')
