"""text/template in Python: docker's functions (cli/templates/templates.go)."""

from __future__ import annotations

import math

from ._base import MISSING, _FuncError
from .funcs import (
    _call,
    _eq,
    _ge,
    _gt,
    _html,
    _index,
    _js,
    _le,
    _length,
    _lt,
    _ne,
    _not,
    _print,
    _printf,
    _println,
    _slice,
    _urlquery,
)
from .specs import ANY, INT, STRING, STRINGS, VALUE, _Spec
from .values import _format_float_json, go_str


def _json_escape_table(html: bool) -> dict:
    table = {i: "\\u%04x" % i for i in range(0x20)}
    table.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 0x22: '\\"', 0x5C: "\\\\",
                  0x2028: "\\u2028", 0x2029: "\\u2029"})
    if html:
        table.update({0x3C: "\\u003c", 0x3E: "\\u003e", 0x26: "\\u0026"})
    return table


_JSON_TABLES: dict = {}


def _json_string(s: str, html: bool) -> str:
    table = _JSON_TABLES.get(html)
    if table is None:
        table = _JSON_TABLES[html] = _json_escape_table(html)
    s = s.translate(table)
    if not s.isascii() and any(0xD800 <= ord(c) < 0xE000 for c in s):
        s = "".join("\\ufffd" if 0xD800 <= ord(c) < 0xE000 else c for c in s)
    return '"' + s + '"'


class _JSONUnsupported(Exception):
    pass


def _json_encode(v, html: bool) -> str:
    if v is None or v is MISSING:
        return "null"
    t = type(v)
    if t is str:
        return _json_string(v, html)
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        if math.isnan(v) or math.isinf(v):
            raise _JSONUnsupported
        return _format_float_json(v)
    if isinstance(v, dict):
        items = (_json_string(k if isinstance(k, str) else go_str(k), html) + ":" + _json_encode(x, html)
                 for k, x in v.items())
        return "{" + ",".join(items) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(_json_encode(x, html) for x in v) + "]"
    for base in (str, int, float):  # subclasses, e.g. enums
        if isinstance(v, base):
            return _json_encode(base(v), html)
    to_json = getattr(v, "to_json", None)
    if callable(to_json):
        return _json_encode(to_json(), True)  # docker's MarshalJSON: json.Marshal escapes HTML
    fields = getattr(v, "__dict__", None)
    if isinstance(fields, dict):
        return _json_encode({k: x for k, x in fields.items() if k[:1].isupper()}, html)
    return _json_string(str(v), html)


def _json(v):
    try:
        return _json_encode(v, False)
    except _JSONUnsupported:
        return ""  # docker ignores the encoder's error and prints nothing


def _split(s, sep):
    if sep == "":
        return list(s)
    return s.split(sep)


def _join(elems, sep):
    return sep.join(elems)


def _case_map(s: str, upper: bool) -> str:
    if s.isascii():
        return s.upper() if upper else s.lower()
    out = []
    for c in s:
        m = c.upper() if upper else c.lower()
        out.append(m if len(m) == 1 else c)
    return "".join(out)


def _upper(s):
    return _case_map(s, True)


def _lower(s):
    return _case_map(s, False)


def _is_title_separator(c: str) -> bool:
    if c <= "\x7f":
        return not (c.isalnum() or c == "_")
    if c.isalpha() or c.isdecimal():
        return False
    return c.isspace()


def _title(s):
    """strings.Title: upper-case the first letter of each word."""
    out = []
    prev = " "
    for c in s:
        if _is_title_separator(prev):
            u = c.upper()
            out.append(u if len(u) == 1 else c)
        else:
            out.append(c)
        prev = c
    return "".join(out)


def _pad(source, prefix, suffix):
    if source == "":
        return source
    if prefix < 0 or suffix < 0:
        raise _FuncError("strings: negative Repeat count")
    return " " * prefix + source + " " * suffix


def _truncate(source, length):
    data = source.encode("utf-8", "surrogatepass")
    if len(data) < length:
        return source
    if length < 0:
        raise _FuncError("runtime error: slice bounds out of range [:%d]" % length)
    return data[:length].decode("utf-8", "replace")


_BUILTINS: dict | None = None


def _builtin_specs() -> dict:
    global _BUILTINS
    if _BUILTINS is None:
        V = VALUE
        _BUILTINS = {
            "and": _Spec(None, (V,), V, "and"),
            "or": _Spec(None, (V,), V, "or"),
            "call": _Spec(_call, (V,), V, "call"),
            "html": _Spec(_html, (), ANY),
            "index": _Spec(_index, (V,), V),
            "slice": _Spec(_slice, (V,), V),
            "js": _Spec(_js, (), ANY),
            "len": _Spec(_length, (V,)),
            "not": _Spec(_not, (V,)),
            "print": _Spec(_print, (), ANY),
            "printf": _Spec(_printf, (STRING,), ANY),
            "println": _Spec(_println, (), ANY),
            "urlquery": _Spec(_urlquery, (), ANY),
            "eq": _Spec(_eq, (V,), V),
            "ge": _Spec(_ge, (V, V)),
            "gt": _Spec(_gt, (V, V)),
            "le": _Spec(_le, (V, V)),
            "lt": _Spec(_lt, (V, V)),
            "ne": _Spec(_ne, (V, V)),
            # docker's basicFunctions
            "json": _Spec(_json, (ANY,)),
            "split": _Spec(_split, (STRING, STRING)),
            "join": _Spec(_join, (STRINGS, STRING)),
            "title": _Spec(_title, (STRING,)),
            "lower": _Spec(_lower, (STRING,)),
            "upper": _Spec(_upper, (STRING,)),
            "pad": _Spec(_pad, (STRING, INT, INT)),
            "truncate": _Spec(_truncate, (STRING, INT)),
        }
    return _BUILTINS
