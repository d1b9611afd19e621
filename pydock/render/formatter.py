"""docker's `--format` handling for list commands: `table`, `json`, Go templates, headers, alignment.

Fetch, then render: every command builds row objects (see `views.py`) and hands them here. The table,
the template and `json` outputs all read the same row methods, as docker's formatter contexts do.
"""

from __future__ import annotations

import re

from ..record import Record
from ..errors import PydockError
from .gotemplate import MISSING, TemplateError
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
        return self._headers.get(name, MISSING)

    def Label(self, name: str) -> str:  # noqa: N802 (Go method name)
        return name.split(".")[-1].replace("-", " ").replace("_", " ")


class Format(Record):
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


_FIELD = re.compile(r"\{\{[ \t\r\n]*\.([A-Z][A-Za-z0-9_]*)[ \t\r\n]*\}\}")


class PlainFields:
    """A template of text and `{{.Field}}` actions only, as every docker default format is. It is printed
    without the template engine while each field is a method without arguments, or an attribute, that
    gives a string, which Go's text/template prints as it is; any other value, a missing field or a
    failing method goes to the engine, which prints it or fails with Go's words."""

    def __init__(self, text: str, literals: list[str], fields: list[str], funcs, missingkey: str):
        self.text, self.literals, self.fields = text, literals, fields
        self._funcs, self._missingkey, self._engine = funcs, missingkey, None

    @classmethod
    def of(cls, text: str, funcs=None, missingkey: str = "default") -> "PlainFields | None":
        parts = _FIELD.split(text)
        literals, fields = parts[0::2], parts[1::2]
        if any("{{" in literal for literal in literals):
            return None
        return cls(text, literals, fields, funcs, missingkey)

    def execute(self, data) -> str:
        out = [self.literals[0]]
        if not isinstance(data, (dict, list, tuple, str, int, float, bool)) and data is not None \
                and data is not MISSING:
            for name, literal in zip(self.fields, self.literals[1:]):
                value = getattr(data, name, None)
                if callable(value):
                    code = getattr(getattr(value, "__func__", None), "__code__", None)
                    if code is None or code.co_argcount != 1 or code.co_flags & 0x0C:  # *args, **kw
                        break
                    try:
                        value = value()
                    except Exception:  # noqa: BLE001 (the engine reports it in Go's words)
                        break
                if type(value) is not str:
                    break
                out += (value, literal)
            else:
                return "".join(out)
        return self.engine().execute(data)

    def engine(self):
        if self._engine is None:
            from .gotemplate import parse

            self._engine = parse(self.text, self._funcs, missingkey=self._missingkey)
        return self._engine


def compile_template(text: str, funcs: dict | None = None, missingkey_error: bool = False, prefix: str = PARSE_FAILED):
    missingkey = "error" if missingkey_error else "default"
    plain = PlainFields.of(text, funcs, missingkey)
    if plain is not None:
        return plain
    from .gotemplate import parse

    try:
        return parse(text, funcs, missingkey=missingkey)
    except TemplateError as e:
        raise PydockError(f"{prefix}: {e}") from None


def execute(tmpl, data, prefix: str = EXEC_FAILED) -> str:
    try:
        return tmpl.execute(data)
    except TemplateError as e:
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
