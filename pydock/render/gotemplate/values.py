"""text/template in Python: Values: truth, Go type names, %v printing."""

from __future__ import annotations

import math

from ._base import MISSING


def truthy(value) -> bool:
    """Go template truth: false, 0, nil, empty string/slice/map (and MISSING) are false."""
    if value is None or value is MISSING:
        return False
    t = type(value)
    if t is str or t is list or t is dict or t is tuple:
        return len(value) > 0
    if t is bool or t is int or t is float or t is complex:
        return value != 0
    if isinstance(value, (str, list, dict, tuple)):
        return len(value) > 0
    if isinstance(value, (int, float, complex)):
        return value != 0
    return True


def _go_type(value) -> str:
    if value is None or value is MISSING:
        return "<nil>"
    t = type(value)
    names = {bool: "bool", int: "int", float: "float64", str: "string", complex: "complex128"}
    if t in names:
        return names[t]
    if isinstance(value, (list, tuple)):
        return "[]string" if value and all(type(v) is str for v in value) else "[]interface {}"
    if isinstance(value, dict):
        return "map[string]string" if value and all(type(v) is str for v in value.values()) else "map[string]interface {}"
    go_type = getattr(t, "go_type", None)
    if isinstance(go_type, str):
        return go_type
    if t.__name__ in ("function", "method", "builtin_function_or_method"):
        return "func(...) interface {}"
    return "*" + t.__name__


def _sorted_keys(d: dict) -> list:
    try:
        return sorted(d)
    except TypeError:
        return sorted(d, key=lambda k: (type(k).__name__, str(k)))


def go_str(value) -> str:
    """Go's fmt "%v" of a value."""
    t = type(value)
    if t is str:
        return value
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return str(value)
    if t is float:
        return _format_float_v(value)
    if value is None:
        return "<nil>"
    if value is MISSING:
        return "<no value>"
    if t is list or t is tuple:
        return "[" + " ".join(_go_str_elem(v) for v in value) + "]"
    if t is dict:
        return "map[" + " ".join(_go_str_elem(k) + ":" + _go_str_elem(value[k]) for k in _sorted_keys(value)) + "]"
    if t is complex:
        return "(%s%si)" % (_format_float_v(value.real), _with_sign(_format_float_v(value.imag)))
    for base in (str, bool, int, float, list, tuple, dict):
        if isinstance(value, base):
            return go_str(base(value))
    return str(value)


def _go_str_elem(value) -> str:
    return "<nil>" if value is MISSING else go_str(value)


def _with_sign(s: str) -> str:
    return s if s[:1] in ("+", "-") else "+" + s


# Go's shortest float formatting -------------------------------------------------------------

def _float_digits(f: float) -> tuple[str, int]:
    """Shortest decimal digits of abs(f) and the decimal point position: abs(f) = 0.DIGITS x 10^dp."""
    mant, _, exp = repr(abs(f)).partition("e")
    ip, _, fp = mant.partition(".")
    all_digits = ip + fp
    stripped = all_digits.lstrip("0")
    dp = len(ip) - (len(all_digits) - len(stripped)) + (int(exp) if exp else 0)
    digits = stripped.rstrip("0")
    return (digits, dp) if digits else ("0", 1)


def _fmt_e(neg: bool, digits: str, dp: int, upper: bool = False) -> str:
    exp = dp - 1 if digits != "0" else 0
    s = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    s += ("E" if upper else "e") + ("-" if exp < 0 else "+") + "%02d" % abs(exp)
    return ("-" if neg else "") + s


def _fmt_f(neg: bool, digits: str, dp: int) -> str:
    if dp <= 0:
        s = "0." + "0" * -dp + digits
    elif dp >= len(digits):
        s = digits + "0" * (dp - len(digits))
    else:
        s = digits[:dp] + "." + digits[dp:]
    return ("-" if neg else "") + s


def _special_float(f: float):
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    return None


def _format_float_v(f: float, upper: bool = False) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64), which is fmt's %v."""
    special = _special_float(f)
    if special:
        return special
    neg = math.copysign(1.0, f) < 0
    digits, dp = _float_digits(f)
    exp = dp - 1
    # Shortest formatting switches to an exponent when it is < -4 or >= 6 (strconv's eprec).
    if digits != "0" and (exp < -4 or exp >= 6):
        return _fmt_e(neg, digits, dp, upper)
    return _fmt_f(neg, digits, dp)


def _format_float_json(f: float) -> str:
    """encoding/json's float64 encoding."""
    neg = math.copysign(1.0, f) < 0
    digits, dp = _float_digits(f)
    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        s = _fmt_e(neg, digits, dp)
        if s[-4:-1] == "e-0":  # e-07 -> e-7
            s = s[:-2] + s[-1]
        return s
    return _fmt_f(neg, digits, dp)


# Go strconv.Quote ----------------------------------------------------------------------------

_QUOTE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                  "\v": "\\v", "\\": "\\\\"}


def _quote_char(c: str, quote: str, ascii_only: bool) -> str:
    if c == quote:
        return "\\" + c
    if c in _QUOTE_ESCAPES:
        return _QUOTE_ESCAPES[c]
    o = ord(c)
    if c.isprintable() and not (ascii_only and o > 0x7F):
        return c
    if o < 0x80:
        return "\\x%02x" % o
    if 0xD800 <= o < 0xE000:
        return "\\ufffd"
    return "\\u%04x" % o if o < 0x10000 else "\\U%08x" % o


def _go_quote(s: str, ascii_only: bool = False) -> str:
    """strconv.Quote (or QuoteToASCII)."""
    if s.isprintable() and '"' not in s and "\\" not in s and (not ascii_only or s.isascii()):
        return '"' + s + '"'
    return '"' + "".join(_quote_char(c, '"', ascii_only) for c in s) + '"'


def _quote_rune(v: int, ascii_only: bool = False) -> str:
    c = chr(v) if 0 <= v <= 0x10FFFF and not 0xD800 <= v < 0xE000 else "\ufffd"
    return "'" + _quote_char(c, "'", ascii_only) + "'"
