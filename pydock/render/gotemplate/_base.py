"""text/template in Python: errors and the sentinel values every part shares."""

from __future__ import annotations


class TemplateError(Exception):
    """Base of template errors; str(e) is Go's message."""


class TemplateParseError(TemplateError):
    """The template text is not valid."""


class TemplateExecError(TemplateError):
    """Executing the template failed."""


class _Missing:
    """Go's invalid reflect.Value: a missing map key. Prints `<no value>`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __str__(self) -> str:
        return "<no value>"

    def __bool__(self) -> bool:
        return False


MISSING = _Missing()
_NOFINAL = object()  # "no piped value" (Go's missingVal), distinct from MISSING
_NOATTR = object()


class _FuncError(Exception):
    """A builtin function's error; reported as `error calling NAME: <message>`."""
