"""`${VAR}` interpolation as compose-go v2.9.1 does it: template/template.go (substitution),
interpolation/interpolation.go (walking a document, error wording) and loader/interpolate.go (the casts
applied to some paths after substitution).

* `substitute(text, mapping, warn=)`: template.Substitute. `$$` -> `$`, `$VAR`, `${VAR}`, `${VAR:-d}`,
  `${VAR-d}`, `${VAR:?msg}`, `${VAR?msg}`, `${VAR:+x}`, `${VAR+x}`, nesting in defaults/messages, a `$` not
  followed by a name, `{` or `$` stays literal, `${` followed by anything else is an invalid template.
  An unset variable gives "" and the warning `The "X" variable is not set. Defaulting to a blank string.`
  through `warn` (v2 prints it as a logrus warning on stderr).
* `interpolate(obj, mapping, path=(), warn=, cast=True)`: interpolation.Interpolate with compose-go's
  loader options: strings of a decoded document are substituted (values only, never keys), then
  strings at the paths of TYPE_CASTS are cast (`privileged: "${X:-true}"` -> True). Errors are
  ComposeError with v2's text: `error while interpolating services.web.image: required variable X is
  missing a value: msg`, `invalid interpolation format for services.web.image.\\nYou may need to escape
  any $ with another $.\\n${X:}`, `error while interpolating services.web.privileged: failed to cast to
  expected type: invalid boolean: foo`. A list level of a path is written `[]` (services.web.command.[]).
* `cast_after_interpolation(path, value, warn=)`: the cast alone, for a string at `path` (a tuple of keys,
  `[]` for list items); returns `value` unchanged where no cast applies.

`mapping` is a callable name -> str | None (None: unset) or a dict.
"""

from __future__ import annotations

import math
import re
import struct
from typing import Callable

from ..errors import ComposeError

__all__ = ["substitute", "interpolate", "cast_after_interpolation", "TYPE_CASTS", "InvalidTemplateError",
           "MissingRequiredError", "go_quote"]

_PATTERN = re.compile(
    r"\$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|"
    r"(?P<invalid>)))"
)


class InvalidTemplateError(Exception):
    def __init__(self, template: str = ""):
        super().__init__(template)
        self.template = template

    def __str__(self):
        return f"Invalid template: {go_quote(self.template)}"


class MissingRequiredError(Exception):
    def __init__(self, variable: str, reason: str):
        super().__init__(variable, reason)
        self.variable = variable
        self.reason = reason

    def __str__(self):
        if self.reason:
            return f"required variable {self.variable} is missing a value: {self.reason}"
        return f"required variable {self.variable} is missing a value"


def go_quote(s: str) -> str:
    from .yaml12 import go_quote as q

    return q(s)


def _lookup_fn(mapping) -> Callable[[str], str | None]:
    if callable(mapping):
        return mapping
    if mapping is None:
        return lambda _name: None
    return mapping.get


# ---------------------------------------------------------------------------------------------------------
# template.go


def substitute(text: str, mapping, *, warn: Callable[[str], None] | None = None) -> str:
    """template.Substitute: raises InvalidTemplateError / MissingRequiredError (the first error; like
    v2, the rest of the string is still processed, so later warnings are still emitted)."""
    if "$" not in text:
        return text
    return _substitute(text, _lookup_fn(mapping), warn)


def _substitute(template: str, lookup, warn) -> str:
    first_err: list[Exception] = []

    def repl(m: re.Match) -> str:
        try:
            return _replacement(m.group(0), lookup, warn)
        except InvalidTemplateError as e:
            if e.template == "":
                e.template = template
            if not first_err:
                first_err.append(e)
            return ""
        except MissingRequiredError as e:
            if not first_err:
                first_err.append(e)
            return ""

    result = _PATTERN.sub(repl, template)
    if first_err:
        raise first_err[0]
    return result


_SEPARATORS = (":?", "?", ":-", "-", ":+", "+")


def _substitution_function(template: str):
    best, best_idx = _SEPARATORS[0], -1
    for sep in _SEPARATORS:
        idx = template.find(sep)
        if idx >= 0 and (best_idx < 0 or idx < best_idx):
            best, best_idx = sep, idx
    return best


def _first_brace_closing_index(s: str) -> int:
    depth = 0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "}":
            depth -= 1
            if depth == 0:
                return i
        if c == "{":
            depth += 1
            i += 1
        i += 1
    return -1


def _replacement(substring: str, lookup, warn) -> str:
    sep = _substitution_function(substring)
    closing = _first_brace_closing_index(substring)
    rest = ""
    if closing > -1:
        rest = substring[closing + 1:]
        substring = substring[:closing + 1]
    m = _PATTERN.search(substring)
    if m is None:  # pragma: no cover - cannot happen: the substring starts with a match
        raise InvalidTemplateError()
    escaped = m.group("escaped")
    if escaped:
        return escaped
    substitution = m.group("named") or ""
    braced = False
    if not substitution:
        substitution = m.group("braced") or ""
        braced = True
    if not substitution:
        raise InvalidTemplateError()
    if braced:
        applied, value = _apply(sep, substitution, lookup, warn)
        if applied:
            return value + _substitute(rest, lookup, warn) if rest else value
    value = lookup(substitution)
    if value is None:
        if warn is not None:
            warn(f"The {go_quote(substitution)} variable is not set. Defaulting to a blank string.")
        return ""
    return value


def _partition(s: str, sep: str):
    name, _, rest = s.partition(sep)
    return name, rest


def _apply(sep: str, substitution: str, lookup, warn):
    """(applied, value) of the substitution function for `sep`."""
    if sep not in substitution:
        return False, ""
    name, arg = _partition(substitution, sep)
    arg = _substitute(arg, lookup, warn) if "$" in arg else arg
    value = lookup(name)
    if sep in (":?", "?"):
        if value is None or (sep == ":?" and value == ""):
            raise MissingRequiredError(name, arg)
        return True, value
    if sep in (":-", "-"):
        if value is None or (sep == ":-" and value == ""):
            return True, arg
        return True, value
    # ":+" / "+"
    if value is not None and (sep == "+" or value != ""):
        return True, arg
    return True, value if value is not None else ""


# ---------------------------------------------------------------------------------------------------------
# loader/interpolate.go: the casts


def _range_or_syntax(fn: str, s: str, kind: str) -> ValueError:
    return ValueError(f"strconv.{fn}: parsing {go_quote(s)}: {kind}")


_DEC_INT = re.compile(r"[+-]?[0-9]+\Z")


def _go_atoi(s: str, fn: str = "Atoi") -> int:
    if not s.isascii() or not _DEC_INT.match(s):
        raise _range_or_syntax(fn, s, "invalid syntax")
    v = int(s)
    if not -(1 << 63) <= v < (1 << 63):
        raise _range_or_syntax(fn, s, "value out of range")
    return v


_HEX_FLOAT = re.compile(r"[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+\Z")
_DEC_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\Z")


def _underscore_ok(s: str) -> bool:
    """strconv.underscoreOK: underscores only between digits (or after a base prefix)."""
    saw = "^"
    i = 0
    if s[:1] in ("+", "-"):
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i = 2
        saw = "0"
        hexa = s[1].lower() == "x"
    for c in s[i:]:
        if "0" <= c <= "9" or (hexa and "a" <= c.lower() <= "f"):
            saw = "0"
            continue
        if c == "_":
            if saw != "0":
                return False
            saw = "_"
            continue
        if saw == "_":
            return False
        saw = "!"
    return saw != "_"


def _go_parse_float(s: str, bits: int = 64) -> float:
    """strconv.ParseFloat(s, bits)."""
    fn = "ParseFloat"
    low = s.lower()
    body = low[1:] if low[:1] in "+-" else low
    if body in ("inf", "infinity"):
        return -math.inf if low.startswith("-") else math.inf
    if low == "nan":
        return math.nan
    t = s
    if "_" in s:
        if not _underscore_ok(s):
            raise _range_or_syntax(fn, s, "invalid syntax")
        t = s.replace("_", "")
    if t.isascii() and _DEC_FLOAT.match(t):
        f = float(t)
    elif t.isascii() and _HEX_FLOAT.match(t):
        neg = t.startswith("-")
        t = t.lstrip("+-")
        try:
            f = float.fromhex(t)
        except OverflowError:
            raise _range_or_syntax(fn, s, "value out of range") from None
        f = -f if neg else f
    else:
        raise _range_or_syntax(fn, s, "invalid syntax")
    if math.isinf(f):
        raise _range_or_syntax(fn, s, "value out of range")
    if bits == 32:
        try:
            f = struct.unpack("f", struct.pack("f", f))[0]
        except OverflowError:
            raise _range_or_syntax(fn, s, "value out of range") from None
        if math.isinf(f):
            raise _range_or_syntax(fn, s, "value out of range")
    return f


def _to_int(value: str, warn=None):
    return _go_atoi(value, "Atoi")


def _to_int64(value: str, warn=None):
    return _go_atoi(value, "ParseInt")


def _to_float(value: str, warn=None):
    return _go_parse_float(value, 64)


def _to_float32(value: str, warn=None):
    """A float32: the Python float holds the float32-rounded value (format it as Go formats float32)."""
    return _go_parse_float(value, 32)


def _to_boolean(value: str, warn=None):
    low = value.lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if low in ("y", "yes", "on"):
        if warn is not None:
            warn(f"{go_quote(value)} for boolean is not supported by YAML 1.2, please use `true`")
        return True
    if low in ("n", "no", "off"):
        if warn is not None:
            warn(f"{go_quote(value)} for boolean is not supported by YAML 1.2, please use `false`")
        return False
    raise ValueError(f"invalid boolean: {value}")


def _svc(*parts):
    return ("services", "*") + parts


TYPE_CASTS: dict[tuple, Callable] = {
    _svc("cpu_count"): _to_int64,
    _svc("cpu_percent"): _to_float,
    _svc("cpu_period"): _to_int64,
    _svc("cpu_quota"): _to_int64,
    _svc("cpu_rt_period"): _to_int64,
    _svc("cpu_rt_runtime"): _to_int64,
    _svc("cpus"): _to_float32,
    _svc("cpu_shares"): _to_int64,
    _svc("init"): _to_boolean,
    _svc("deploy", "replicas"): _to_int,
    _svc("deploy", "update_config", "parallelism"): _to_int,
    _svc("deploy", "update_config", "max_failure_ratio"): _to_float,
    _svc("deploy", "rollback_config", "parallelism"): _to_int,
    _svc("deploy", "rollback_config", "max_failure_ratio"): _to_float,
    _svc("deploy", "restart_policy", "max_attempts"): _to_int,
    _svc("deploy", "placement", "max_replicas_per_node"): _to_int,
    _svc("healthcheck", "retries"): _to_int,
    _svc("healthcheck", "disable"): _to_boolean,
    _svc("oom_kill_disable"): _to_boolean,
    _svc("oom_score_adj"): _to_int64,
    _svc("pids_limit"): _to_int64,
    _svc("ports", "[]", "target"): _to_int,
    _svc("privileged"): _to_boolean,
    _svc("read_only"): _to_boolean,
    _svc("scale"): _to_int,
    _svc("stdin_open"): _to_boolean,
    _svc("tty"): _to_boolean,
    _svc("ulimits", "*"): _to_int,
    _svc("ulimits", "*", "hard"): _to_int,
    _svc("ulimits", "*", "soft"): _to_int,
    _svc("volumes", "[]", "read_only"): _to_boolean,
    _svc("volumes", "[]", "volume", "nocopy"): _to_boolean,
    ("networks", "*", "external"): _to_boolean,
    ("networks", "*", "internal"): _to_boolean,
    ("networks", "*", "attachable"): _to_boolean,
    ("networks", "*", "enable_ipv4"): _to_boolean,
    ("networks", "*", "enable_ipv6"): _to_boolean,
    ("volumes", "*", "external"): _to_boolean,
    ("secrets", "*", "external"): _to_boolean,
    ("configs", "*", "external"): _to_boolean,
}

_CASTS_BY_LEN: dict[int, list] = {}
for _p, _f in TYPE_CASTS.items():
    _CASTS_BY_LEN.setdefault(len(_p), []).append((_p, _f))


def _caster(path: tuple):
    for pattern, fn in _CASTS_BY_LEN.get(len(path), ()):
        for part, pat in zip(path, pattern):
            if pat != "*" and pat != part:
                break
        else:
            return fn
    return None


def _path_str(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def cast_after_interpolation(path: tuple, value, *, warn: Callable[[str], None] | None = None):
    """The loader's cast for a string at `path` (tuple of keys, "[]" for list items); ValueError with
    Go's strconv/boolean wording when the string does not convert. Non-strings are returned as they
    are (compose-go casts only what interpolation produced, i.e. strings)."""
    if not isinstance(value, str):
        return value
    fn = _caster(path)
    if fn is None:
        return value
    return fn(value, warn)


# ---------------------------------------------------------------------------------------------------------
# interpolation.go


def interpolate(obj, mapping, *, path: tuple = (), warn: Callable[[str], None] | None = None, cast: bool = True):
    """A new document with every string value substituted (keys untouched) and cast where
    loader/interpolate.go casts. Raises ComposeError with v2's wording, naming the path."""
    return _walk(obj, path, _lookup_fn(mapping), warn, cast)


def _walk(value, path: tuple, lookup, warn, cast: bool):
    if isinstance(value, str):
        try:
            new = _substitute(value, lookup, warn) if "$" in value else value
        except InvalidTemplateError as e:
            raise ComposeError(f"invalid interpolation format for {_path_str(path)}.\n"
                               f"You may need to escape any $ with another $.\n{e.template}") from None
        except MissingRequiredError as e:
            raise ComposeError(f"error while interpolating {_path_str(path)}: {e}") from None
        if not cast:
            return new
        fn = _caster(path)
        if fn is None:
            return new
        try:
            return fn(new, warn)
        except ValueError as e:
            raise ComposeError(f"error while interpolating {_path_str(path)}: failed to cast to expected type: "
                               f"{e}") from None
    if isinstance(value, dict):
        return {k: _walk(v, path + (k,), lookup, warn, cast) for k, v in value.items()}
    if isinstance(value, list):
        p = path + ("[]",)
        return [_walk(v, p, lookup, warn, cast) for v in value]
    name = type(value).__name__
    if name in ("Override", "Reset"):
        return type(value)(_walk(value.value, path, lookup, warn, cast))
    return value
