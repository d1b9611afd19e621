"""docker's `--format` handling for list commands: `table`, `json`, Go templates, headers, alignment.

Fetch, then render: every command builds row objects (see `views.py`) and hands them here. The table,
the template and `json` outputs all read the same row methods, as docker's formatter contexts do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import PydockError
from . import gotemplate
from .tabwriter import tabwrite

# docker's templates.HeaderFunctions: in the header pass these return their first argument unchanged.
HEADER_FUNCS = {
    "json": lambda v: v,
    "split": lambda v, _sep: v,
    "join": lambda v, _sep: v,
    "title": lambda v: v,
    "lower": lambda v: v,
    "upper": lambda v: v,
    "truncate": lambda v, _n: v,
}


class HeaderContext:
    """The header row's context: each field name gives its column title; `.Label "a.b-c"` gives `b c`."""

    go_type = "formatter.SubHeaderContext"

    def __init__(self, headers: dict[str, str]):
        self._headers = headers

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._headers.get(name, gotemplate.MISSING)

    def Label(self, name: str) -> str:  # noqa: N802 (Go method name)
        return name.split(".")[-1].replace("-", " ").replace("_", " ")


@dataclass(frozen=True)
class Format:
    """A preprocessed --format value."""

    template: str
    table: bool

    @classmethod
    def parse(cls, value: str | None, default_table: str, quiet_template: str | None = None, quiet: bool = False) -> "Format":
        value = value or ""
        if quiet and quiet_template is not None:
            return cls(quiet_template, False)
        if value == "json":
            return cls("{{json .}}", False)
        if not value or value == "table":
            value = default_table
        if value.startswith("table"):
            return cls(_unescape(value[len("table"):].strip()), True)
        return cls(_unescape(value.strip()), False)

    def references(self, field: str) -> bool:
        return f".{field}" in self.template


def _unescape(template: str) -> str:
    return template.replace("\\t", "\t").replace("\\n", "\n")


PARSE_FAILED = "failed to parse template"
EXEC_FAILED = "failed to execute template"
RENDER_FAILED = "template parsing error"  # docker's formatter wraps every error while rendering rows so


def compile_template(text: str, funcs: dict | None = None, missingkey_error: bool = False, prefix: str = PARSE_FAILED):
    try:
        return gotemplate.parse(text, funcs, missingkey="error" if missingkey_error else "default")
    except gotemplate.TemplateError as e:
        raise PydockError(f"{prefix}: {e}") from None


def execute(tmpl, data, prefix: str = EXEC_FAILED) -> str:
    try:
        return tmpl.execute(data)
    except gotemplate.TemplateError as e:
        raise PydockError(f"{prefix}: {e}") from None


def prepare(fmt: Format, probe=None):
    """Parse the template. With a probe row (ps does this), run it once before any API call so a bad
    field fails even when there would be no rows, with docker's 'failed to ...' wording."""
    if probe is None:
        return compile_template(fmt.template, prefix=RENDER_FAILED)
    tmpl = compile_template(fmt.template)
    execute(tmpl, probe)
    return tmpl


def render_rows(fmt: Format, tmpl, rows, headers: dict[str, str]) -> str:
    """Rows through the template, one per line; in table mode a header line and tabwriter alignment."""
    body = "".join(execute(tmpl, row, RENDER_FAILED) + "\n" for row in rows)
    if not fmt.table:
        return body
    header = execute(compile_template(fmt.template, HEADER_FUNCS), HeaderContext(headers), RENDER_FAILED)
    return tabwrite(header + "\n" + body)
