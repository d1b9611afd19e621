"""Go's text/template, the subset docker's `--format` uses, in pure Python.

Layout, one module per stage: `lexer` (text to tokens), `literals` (Go's quoting and number
syntax), `nodes` and `parser` (the tree), `specs` (function arity and parameter kinds), `execute`
(walking the tree: `Template`, `parse`), `values` (truth, Go type names, %v printing), `fmt`
(fmt.Sprintf), `funcs` (text/template's builtins) and `docker_funcs` (docker's `json`, `split`,
`join`, `title`, `lower`, `upper`, `pad`, `truncate`, and the function table). `_base` holds the
errors and sentinels they all share. Parse once, execute many.

Python values stand in for Go values:

* `dict` is a `map[string]interface{}`: `.Key` looks the key up; a missing key yields `MISSING`,
  Go's invalid value, printed `<no value>`. A field of `MISSING` is `MISSING` again.
* `None` is a nil pointer/interface: printed `<nil>`; a field of it is an error, as in Go
  (`nil pointer evaluating interface {}.Name`).
* `list`/`tuple` are slices; `str`, `int`, `float`, `bool` the basic kinds.
* any other object is a struct pointer: `.Name` calls its method `Name` with the arguments, or reads
  its non-callable attribute `Name`. Only names starting with an upper-case letter are visible. Its
  Go type name in messages is `type(obj).go_type` or `*ClassName`.

Error texts follow Go 1.24's, e.g. `template: :1: function "foo" not defined` and
`template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext`.
"""

from ._base import MISSING, TemplateError, TemplateExecError, TemplateParseError

_LAZY = {"Template": "execute", "parse": "execute", "go_str": "values", "truthy": "values"}


def __getattr__(name: str):
    """The engine's modules load on first use: `ps` with a default format never needs them (see
    render/formatter's plain-field templates), and they cost about 6 ms to import."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "MISSING",
    "Template",
    "TemplateError",
    "TemplateExecError",
    "TemplateParseError",
    "go_str",
    "parse",
    "truthy",
]
