"""text/template in Python: Builtin functions (text/template's funcs.go)."""

from __future__ import annotations

from ._base import MISSING, _FuncError
from .fmt import _sprint, _sprintf, _sprintln
from .specs import _spec_of
from .values import _go_type, go_str, truthy


def _valid(v) -> bool:
    return v is not None and v is not MISSING


def _basic_kind(v):
    t = type(v)
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is float:
        return "float"
    if t is str:
        return "string"
    if t is complex:
        return "complex"
    return None


def _eq(arg1, *others):
    if not others:
        raise _FuncError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in others:
        k2 = _basic_kind(arg)
        if k1 != k2:
            if _valid(arg1) and _valid(arg):
                raise _FuncError("incompatible types for comparison")
            truth = False
        elif k1 is not None:
            truth = arg1 == arg
        else:
            truth = _eq_other(arg1, arg)
        if truth:
            return True
    return False


def _eq_other(a, b) -> bool:
    """eq for non-basic values: nil-ness, then comparability as in Go."""
    if not _valid(a) or not _valid(b):
        return not _valid(a) and not _valid(b)
    uncomparable = (list, tuple, dict)
    if type(a) is not type(b) and (isinstance(a, uncomparable) or isinstance(b, uncomparable)):
        raise _FuncError("non-comparable types %s: %s, %s: %s" % (go_str(a), _go_type(a), _go_type(b), go_str(b)))
    if isinstance(b, uncomparable):
        raise _FuncError("non-comparable type %s: %s" % (go_str(b), _go_type(b)))
    return a is b


def _ne(a, b):
    return not _eq(a, b)


def _lt(a, b):
    k1, k2 = _basic_kind(a), _basic_kind(b)
    if k1 is None or k2 is None:
        raise _FuncError("invalid type for comparison")
    if k1 != k2:
        raise _FuncError("incompatible types for comparison")
    if k1 in ("bool", "complex"):
        raise _FuncError("invalid type for comparison")
    return a < b


def _le(a, b):
    return _lt(a, b) or _eq(a, b)


def _gt(a, b):
    return not _le(a, b)


def _ge(a, b):
    return not _lt(a, b)


def _not(v):
    return not truthy(v)


def _length(item):
    if item is None:
        raise _FuncError("len of nil pointer")
    if item is MISSING:
        raise _FuncError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(item) if item.isascii() else len(item.encode("utf-8", "surrogatepass"))
    if isinstance(item, (list, tuple, dict)):
        return len(item)
    raise _FuncError("len of type %s" % _go_type(item))


def _index_arg(index, cap: int) -> int:
    if type(index) is int:
        x = index
    elif not _valid(index):
        raise _FuncError("cannot index slice/array with nil")
    else:
        raise _FuncError("cannot index slice/array with type %s" % _go_type(index))
    if x < 0 or x > cap:
        raise _FuncError("index out of range: %d" % x)
    return x


def _index(item, *indexes):
    if not _valid(item):
        raise _FuncError("index of untyped nil")
    for index in indexes:
        if not _valid(item):
            raise _FuncError("index of nil pointer")
        if isinstance(item, (list, tuple, str)):
            is_str = isinstance(item, str)
            seq = item.encode("utf-8", "surrogatepass") if is_str else item
            x = _index_arg(index, len(seq))
            if x == len(seq):  # past indexArg's check: Go's reflect panics
                raise _FuncError("reflect: %s index out of range" % ("string" if is_str else "slice"))
            item = seq[x]
        elif isinstance(item, dict):
            item = _map_index(item, index)
        else:
            raise _FuncError("can't index item of type %s" % _go_type(item))
    return item


def _map_index(d: dict, key):
    if not _valid(key):
        raise _FuncError("value is nil; should be of type string")
    if not isinstance(key, str) and not (d and all(not isinstance(k, str) for k in d)):
        raise _FuncError("value has type %s; should be string" % _go_type(key))
    if key in d:
        return d[key]
    # The zero value of the element type: "" for a map of strings (docker's label maps are
    # map[string]string), else nil (a map[string]interface{}), which prints "<no value>".
    return "" if all(type(v) is str for v in d.values()) else MISSING


def _slice(item, *indexes):
    if not _valid(item):
        raise _FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise _FuncError("too many slice indexes: %d" % len(indexes))
    if isinstance(item, str):
        if len(indexes) == 3:
            raise _FuncError("cannot 3-index slice a string")
        data = item.encode("utf-8", "surrogatepass")
    elif isinstance(item, (list, tuple)):
        data = item
    else:
        raise _FuncError("can't slice item of type %s" % _go_type(item))
    idx = [0, len(data), len(data)]
    for i, index in enumerate(indexes):
        idx[i] = _index_arg(index, len(data))
    if idx[0] > idx[1]:
        raise _FuncError("invalid slice index: %d > %d" % (idx[0], idx[1]))
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise _FuncError("invalid slice index: %d > %d" % (idx[1], idx[2]))
    result = data[idx[0]:idx[1]]
    return result.decode("utf-8", "replace") if isinstance(item, str) else list(result)


def _call(name: str, fn, *args):
    if not _valid(fn):
        raise _FuncError("call of nil")
    if not callable(fn):
        raise _FuncError("non-function %s of type %s" % (name, _go_type(fn)))
    spec = _spec_of(fn)
    if spec.variadic is not None:
        if len(args) < len(spec.params):
            raise _FuncError("wrong number of args for %s: got %d want at least %d" % (name, len(args), len(spec.params)))
    elif len(args) != len(spec.params):
        raise _FuncError("wrong number of args for %s: got %d want %d" % (name, len(args), len(spec.params)))
    return fn(*(None if a is MISSING else a for a in args))


def _eval_args(args) -> str:
    """text/template's evalArgs: the Sprint of the arguments, nil shown as <no value>."""
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return _sprint(["<no value>" if a is None else a for a in args])


_HTML_ESCAPES = {'"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\0": "\ufffd"}


def _html(*args):
    s = _eval_args(args)
    if not any(c in s for c in _HTML_ESCAPES):
        return s
    return "".join(_HTML_ESCAPES.get(c, c) for c in s)


_JS_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E",
               "&": "\\u0026", "=": "\\u003D"}


def _js_char(c: str) -> str:
    if c in _JS_ESCAPES:
        return _JS_ESCAPES[c]
    o = ord(c)
    if o < 0x20:
        return "\\u00%02X" % o
    if o >= 0x80 and not c.isprintable():
        return "\\u%04X" % o
    return c


def _js(*args):
    s = _eval_args(args)
    return "".join(_js_char(c) for c in s)


_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def _urlquery(*args):
    s = _eval_args(args)
    out = []
    for b in s.encode("utf-8", "surrogatepass"):
        c = chr(b)
        out.append(c if c in _URL_SAFE else "+" if c == " " else "%%%02X" % b)
    return "".join(out)


def _printf(fmt, *args):
    return _sprintf(fmt, args)


def _print(*args):
    return _sprint(args)


def _println(*args):
    return _sprintln(args)
