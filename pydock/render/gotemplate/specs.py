"""text/template in Python: Function specs: arity and Go parameter kinds."""

from __future__ import annotations


# Parameter kinds: ANY is interface{} (MISSING arrives as None), VALUE is reflect.Value (MISSING
# arrives as is), the others are Go types checked like text/template's validateType.
ANY, VALUE, STRING, INT, STRINGS = "interface {}", "reflect.Value", "string", "int", "[]string"


class _Spec:
    __slots__ = ("fn", "params", "variadic", "special")

    def __init__(self, fn, params=(), variadic=None, special=None):
        self.fn, self.params, self.variadic, self.special = fn, params, variadic, special


_SPEC_CACHE: dict = {}


def _spec_of(fn) -> _Spec:
    """The arity of a Python callable as a spec of interface{} parameters. Methods are cached by
    their function. Parameters with defaults count as variadic ("want at least")."""
    func = getattr(fn, "__func__", None)
    if func is not None:
        spec = _SPEC_CACHE.get(func)
        if spec is None:
            spec = _SPEC_CACHE[func] = _compute_spec(fn, func)
        return spec
    return _compute_spec(fn, fn)


def _compute_spec(fn, func) -> _Spec:
    code = getattr(func, "__code__", None)
    if code is not None and hasattr(func, "__defaults__"):
        nargs = code.co_argcount - (func is not fn)  # a bound method's self
        ndefaults = len(func.__defaults__ or ())
        variadic = ANY if ndefaults or code.co_flags & 0x04 else None  # 0x04: CO_VARARGS
        return _Spec(None, (ANY,) * max(nargs - ndefaults, 0), variadic)
    try:
        import inspect

        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return _Spec(None, (), ANY)
    required, variadic = 0, None
    for p in params:
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            if p.default is p.empty and variadic is None:
                required += 1
            else:
                variadic = ANY
        elif p.kind == p.VAR_POSITIONAL:
            variadic = ANY
    return _Spec(None, (ANY,) * required, variadic)


def _user_spec(name: str, fn) -> _Spec:
    if not callable(fn):
        raise TypeError("value for %s not a function" % name)
    s = _spec_of(fn)
    return _Spec(fn, s.params, s.variadic)
