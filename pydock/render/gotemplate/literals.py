"""text/template in Python: Literal decoding (strconv.Unquote / UnquoteChar / number syntax)."""

from __future__ import annotations

import math

from ._base import MISSING
from .lexer import T_CHARCONST, T_COMPLEX
from .nodes import NumberNode
from .values import _go_quote


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def _unquote_char(s: str, i: int, quote: str) -> tuple[int, bool, int]:
    """Decode one (possibly escaped) character of s at i: (value, is_byte, next index).
    Raises ValueError for bad syntax."""
    c = s[i]
    if c != "\\":
        if c == quote and quote == "'":
            raise ValueError
        return ord(c), False, i + 1
    e = s[i + 1] if i + 1 < len(s) else ""
    if e in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[e], False, i + 2
    if e and e == quote:
        return ord(e), False, i + 2
    widths = {"x": 2, "u": 4, "U": 8}
    if e in widths:
        digits = s[i + 2:i + 2 + widths[e]]
        if len(digits) != widths[e] or any(ch not in "0123456789abcdefABCDEF" for ch in digits):
            raise ValueError
        v = int(digits, 16)
        if e != "x" and (v > 0x10FFFF or 0xD800 <= v < 0xE000):
            raise ValueError
        return v, e == "x", i + 2 + widths[e]
    if e and e in "01234567":
        digits = s[i + 1:i + 4]
        if len(digits) != 3 or any(ch not in "01234567" for ch in digits) or int(digits, 8) > 255:
            raise ValueError
        return int(digits, 8), True, i + 4
    raise ValueError


def _unquote(quoted: str) -> str:
    """strconv.Unquote for "..." and `...` literals; ValueError on bad syntax."""
    if quoted[0] == "`":
        return quoted[1:-1].replace("\r", "")
    body = quoted[1:-1]
    if "\\" not in body:
        return body
    out = bytearray()
    i = 0
    while i < len(body):
        v, is_byte, i = _unquote_char(body, i, '"')
        out += bytes((v,)) if is_byte else chr(v).encode("utf-8", "surrogatepass")
    return out.decode("utf-8", "replace")


def _parse_go_int(text: str):
    """strconv.ParseInt(text, 0, 64)-like: an int, or None. (Range is checked by the caller.)"""
    s, sign = text, 1
    if s[:1] in ("+", "-"):
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    if not s or s[0] == "_":
        return None
    base, digits = 10, s
    if len(s) > 1 and s[0] == "0":
        prefix = s[1].lower()
        base, digits = {"x": (16, s[2:]), "o": (8, s[2:]), "b": (2, s[2:])}.get(prefix, (8, s[1:]))
        if digits.startswith("_"):
            digits = digits[1:]
    if not digits or digits.endswith("_"):
        return None
    try:
        return sign * int(digits, base)
    except ValueError:
        return None


def _parse_go_float(text: str):
    s = text.replace("_", "")
    try:
        body = s.lstrip("+-")
        if body[:2] in ("0x", "0X"):
            f = float.fromhex(s)
        else:
            f = float(s)
    except (ValueError, OverflowError):
        return None
    return None if math.isinf(f) or math.isnan(f) else f


_INT64_MIN, _INT64_MAX, _UINT64_MAX = -(1 << 63), (1 << 63) - 1, (1 << 64) - 1


def _new_number(pos: int, text: str, typ: int) -> NumberNode:
    """Go's parse.newNumber plus idealConstant; ValueError carries Go's message."""
    n = NumberNode()
    n.pos, n.text, n.const_err = pos, text, None
    n.is_int = n.is_float = False
    n.int_val, n.float_val = 0, 0.0
    if typ == T_CHARCONST:
        try:
            v, _, end = _unquote_char(text, 1, "'")
        except (ValueError, IndexError):
            raise ValueError("malformed character constant: %s" % text) from None
        if text[end:] != "'":
            raise ValueError("malformed character constant: %s" % text)
        n.is_int = n.is_float = True
        n.int_val, n.float_val, n.const = v, float(v), v
        return n
    if typ == T_COMPLEX or text.endswith("i"):
        return _new_complex(n, text)
    i = _parse_go_int(text)
    is_uint = i is not None and 0 <= i <= _UINT64_MAX
    if i is not None and _INT64_MIN <= i <= _INT64_MAX:
        n.is_int, n.int_val = True, i
    if n.is_int or is_uint:
        n.is_float, n.float_val = True, float(i)
    else:
        f = _parse_go_float(text)
        if f is not None:
            if not any(c in text for c in ".eEpP"):
                raise ValueError("integer overflow: %s" % _go_quote(text))
            n.is_float, n.float_val = True, f
            if f == int(f) and _INT64_MIN <= int(f) <= _INT64_MAX:
                n.is_int, n.int_val = True, int(f)
    if not n.is_int and not n.is_float:
        raise ValueError("illegal number syntax: %s" % _go_quote(text))
    hex_int = text.lstrip("+-")[:2] in ("0x", "0X") and not any(c in text for c in "pP")
    if n.is_float and not hex_int and any(c in text for c in ".eEpP"):
        n.const = n.float_val
    elif n.is_int:
        n.const = n.int_val
    else:
        n.const, n.const_err = MISSING, "%s overflows int" % text
    return n


def _new_complex(n: NumberNode, text: str) -> NumberNode:
    """An imaginary (2i) or complex (1+2i) constant."""
    f = _parse_go_float(text[:-1]) if text.endswith("i") else None
    if f is not None:
        value = complex(0, f)
    else:
        try:
            value = complex(text.replace("_", "")[:-1] + "j")
        except ValueError:
            raise ValueError("illegal number syntax: %s" % _go_quote(text)) from None
    n.const = value
    if value.imag == 0:  # Go's simplifyComplex: also usable as a float/int
        n.is_float, n.float_val = True, value.real
        if value.real == int(value.real):
            n.is_int, n.int_val = True, int(value.real)
    return n
