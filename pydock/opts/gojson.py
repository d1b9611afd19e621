"""Go's encoding/json, both ways. Pure.

- The scanner, for the one place its wording reaches the user: json.Compact of a seccomp profile
  (`--security-opt seccomp=<file>`). `compact(text)` returns the compacted document or raises
  OptionError with Go's message (`invalid character 'x' looking for beginning of value`).
- `first_value(text)`: what json.Decoder.Decode reads of a stream (the first value, trailing data never
  looked at), or its error (`unexpected EOF`, a syntax error): how the docker CLI reads config.json.
- The encoder, as compose v2 and the docker CLI write JSON: `go_json(v)` (MarshalIndent, indent 2 by
  default; `indent=None`: Marshal, compact; `escape_html=False`: an Encoder with SetEscapeHTML(false)),
  `json_string`, and strconv's float digits (`float_json`; `float_g`, YAML's 'g' form). HTML characters
  are escaped and invalid UTF-8 (a lone surrogate) is written `\\ufffd`, as Go does. Used by compose
  `config`, the config-hash, progress and listing JSON, and the classic build's query values.
"""

from __future__ import annotations

import math
import re
import struct

from ._errors import OptionError

WHITESPACE = " \t\r\n"
ESCAPES = 'bfnrt\\/"'
HEX = "0123456789abcdefABCDEF"
DIGITS = "0123456789"


def quote_char(c: str) -> str:
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    text = c.encode("unicode_escape").decode() if not c.isprintable() else c
    return f"'{text}'"


class _Scanner:
    """A port of encoding/json's scanner states: each method consumes one character."""

    def __init__(self):
        self.stack: list[str] = []  # "key", "value" (object), "array"
        self.step = self.begin_value

    def fail(self, c: str, context: str):
        raise OptionError(f"invalid character {quote_char(c)} {context}")

    # -- values --
    def begin_value(self, c: str):
        if c in WHITESPACE:
            return
        if c == "{":
            self.stack.append("key")
            self.step = self.begin_string_or_empty
        elif c == "[":
            self.stack.append("array")
            self.step = self.begin_value_or_empty
        elif c == '"':
            self.step = self.in_string
        elif c == "-":
            self.step = self.neg
        elif c == "0":
            self.step = self.zero
        elif c in "123456789":
            self.step = self.one
        elif c in "tfn":
            self.literal = {"t": "true", "f": "false", "n": "null"}[c]
            self.pos = 1
            self.step = self.in_literal
        else:
            self.fail(c, "looking for beginning of value")

    def begin_value_or_empty(self, c: str):
        if c in WHITESPACE:
            return
        if c == "]":
            self.end_value(c)
        else:
            self.begin_value(c)

    def begin_string_or_empty(self, c: str):
        if c in WHITESPACE:
            return
        if c == "}":
            self.stack[-1] = "value"
            self.end_value(c)
        else:
            self.begin_string(c)

    def begin_string(self, c: str):
        if c in WHITESPACE:
            return
        if c != '"':
            self.fail(c, "looking for beginning of object key string")
        self.step = self.in_string

    def end_value(self, c: str):
        """stateEndValue: what may follow a complete value, by the innermost container."""
        if not self.stack:
            self.step = self.end_top
            return self.end_top(c)
        if c in WHITESPACE:
            self.step = self.end_value
            return
        top = self.stack[-1]
        if top == "key":
            if c != ":":
                self.fail(c, "after object key")
            self.stack[-1] = "value"
            self.step = self.begin_value
        elif top == "value":
            self._after_member(c)
        else:
            self._after_element(c)

    def _after_member(self, c: str):
        if c == ",":
            self.stack[-1] = "key"
            self.step = self.begin_string
        elif c == "}":
            self.stack.pop()
            self.step = self.end_value
        else:
            self.fail(c, "after object key:value pair")

    def _after_element(self, c: str):
        if c == ",":
            self.step = self.begin_value
        elif c == "]":
            self.stack.pop()
            self.step = self.end_value
        else:
            self.fail(c, "after array element")

    def end_top(self, c: str):
        if c not in WHITESPACE:
            self.fail(c, "after top-level value")

    # -- strings --
    def in_string(self, c: str):
        if c == '"':
            self.step = self.end_value
        elif c == "\\":
            self.step = self.in_escape
        elif ord(c) < 0x20:
            self.fail(c, "in string literal")

    def in_escape(self, c: str):
        if c == "u":
            self.hex_left = 4
            self.step = self.in_unicode
        elif c in ESCAPES:
            self.step = self.in_string
        else:
            self.fail(c, "in string escape code")

    def in_unicode(self, c: str):
        if c not in HEX:
            self.fail(c, "in \\u hexadecimal character escape")
        self.hex_left -= 1
        if not self.hex_left:
            self.step = self.in_string

    # -- numbers and literals --
    def neg(self, c: str):
        if c == "0":
            self.step = self.zero
        elif c in "123456789":
            self.step = self.one
        else:
            self.fail(c, "in numeric literal")

    def one(self, c: str):
        if c in DIGITS:
            return
        self.zero(c)

    def zero(self, c: str):
        if c == ".":
            self.step = self.dot
        elif c in "eE":
            self.step = self.exp
        else:
            self.end_value(c)

    def dot(self, c: str):
        if c not in DIGITS:
            self.fail(c, "after decimal point in numeric literal")
        self.step = self.dot_digits

    def dot_digits(self, c: str):
        if c in DIGITS:
            return
        if c in "eE":
            self.step = self.exp
        else:
            self.end_value(c)

    def exp(self, c: str):
        if c in "+-":
            self.step = self.exp_sign
        else:
            self.exp_sign(c)

    def exp_sign(self, c: str):
        if c not in DIGITS:
            self.fail(c, "in exponent of numeric literal")
        self.step = self.exp_digits

    def exp_digits(self, c: str):
        if c not in DIGITS:
            self.end_value(c)

    def in_literal(self, c: str):
        want = self.literal[self.pos]
        if c != want:
            self.fail(c, f"in literal {self.literal} (expecting {quote_char(want)})")
        self.pos += 1
        if self.pos == len(self.literal):
            self.step = self.end_value

    def complete(self) -> bool:
        return not self.stack and self.step in (self.end_value, self.end_top)


def compact(text: str) -> str:
    """json.Compact: the document without insignificant whitespace, or Go's syntax error."""
    scanner = _Scanner()
    out, in_string, escaped = [], False, False
    for c in text:
        scanner.step(c)
        if in_string:
            out.append(c)
            in_string = escaped or c != '"'
            escaped = not escaped and c == "\\"
        elif c not in WHITESPACE:
            out.append(c)
            in_string = c == '"'
    scanner.step(" ")  # the scanner's eof(): a space ends a number, or shows what was still expected
    if not scanner.complete():
        raise OptionError("unexpected end of JSON input")
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------
# floats as strconv formats them


def _digits(f: float, bits: int):
    """Shortest decimal digits that round-trip at this width: (digits, dp) with value = 0.digits * 10**dp."""
    f = abs(f)
    if f == 0:
        return "0", 1
    if bits == 32:
        target = struct.unpack("f", struct.pack("f", f))[0]
        r = None
        for p in range(1, 10):
            s = "%.*e" % (p - 1, target)
            if struct.unpack("f", struct.pack("f", float(s)))[0] == target:
                r = s
                break
        if r is None:
            r = "%.8e" % target
    else:
        r = "%.17e" % f
        # shortest repr
        rr = repr(f)
        r = "%.*e" % (max(len(_sig(rr)) - 1, 0), f)
    mant, _, exp = r.partition("e")
    digits = mant.replace(".", "").rstrip("0") or "0"
    dp = int(exp) + 1
    return digits, dp


def _sig(rr: str) -> str:
    """Significant digits of a Python repr."""
    mant = rr.partition("e")[0].lstrip("-")
    d = mant.replace(".", "").lstrip("0")
    return d.rstrip("0") if "." in mant else d.rstrip("0") or "0"


def _fmt_e(neg, digits, dp) -> str:
    s = digits[0]
    if len(digits) > 1:
        s += "." + digits[1:]
    exp = dp - 1
    sign = "+" if exp >= 0 else "-"
    e = abs(exp)
    return ("-" if neg else "") + s + "e" + sign + (f"{e:02d}")


def _fmt_f(neg, digits, dp) -> str:
    if dp <= 0:
        s = "0." + "0" * (-dp) + digits
    elif dp >= len(digits):
        s = digits + "0" * (dp - len(digits))
    else:
        s = digits[:dp] + "." + digits[dp:]
    return ("-" if neg else "") + s


def float_json(f: float, bits: int = 64) -> str:
    if math.isinf(f) or f != f:
        raise ValueError("unsupported value")
    neg = f < 0 or (f == 0 and math.copysign(1, f) < 0)
    a = abs(f)
    digits, dp = _digits(f, bits)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        s = _fmt_e(neg, digits, dp)
        n = len(s)
        if n >= 4 and s[n - 4] == "e" and s[n - 3] == "-" and s[n - 2] == "0":
            s = s[:n - 2] + s[n - 1]
        return s
    if digits == "0":
        return "-0" if neg else "0"
    return _fmt_f(neg, digits, dp)


def float_g(f: float, bits: int = 64) -> str:
    if f != f:
        return ".nan"
    if math.isinf(f):
        return ".inf" if f > 0 else "-.inf"
    neg = f < 0
    digits, dp = _digits(f, bits)
    if digits == "0":
        return "-0" if neg else "0"
    exp = dp - 1
    if exp < -4 or exp >= 21 if False else (exp < -4 or exp >= 6):
        return _fmt_e(neg, digits, dp)
    return _fmt_f(neg, digits, dp)


def _bits(v) -> int:
    return getattr(v, "bits", 64)


# ---------------------------------------------------------------------------------------------------------
# JSON (encoding/json, MarshalIndent(v, "", "  "), HTML escaping on)

_JSON_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
             "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_NEEDS = re.compile(r'["\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]')


_PLAIN_ESC = {k: v for k, v in _JSON_ESC.items() if k not in "<>&"}
_PLAIN_NEEDS = re.compile(r'["\\\x00-\x1f\u2028\u2029\ud800-\udfff]')


def json_string(s: str, escape_html: bool = True) -> str:
    """encodeState.string: `escape_html=False` is an Encoder with SetEscapeHTML(false) (`<`, `>`, `&` kept)."""
    needs, escapes = (_JSON_NEEDS, _JSON_ESC) if escape_html else (_PLAIN_NEEDS, _PLAIN_ESC)
    if not needs.search(s):
        return '"' + s + '"'
    out = ['"']
    for ch in s:
        e = escapes.get(ch)
        if e is not None:
            out.append(e)
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _plain_string(s: str) -> str:
    return json_string(s, escape_html=False)


def go_json(v, indent: str | None = "  ", sort_keys: bool = False, escape_html: bool = True) -> str:
    """MarshalIndent(v, "", indent); `indent=None`: Marshal (compact); `escape_html=False`: an Encoder
    with SetEscapeHTML(false) (compact only)."""
    parts: list[str] = []
    if indent is None:
        _compact(v, parts, sort_keys, json_string if escape_html else _plain_string)
    else:
        _json(v, parts, "", indent, sort_keys)
    return "".join(parts)


def _compact(v, out, sort_keys, string=json_string):
    if isinstance(v, str):
        out.append(string(v))
        return
    if isinstance(v, dict):
        out.append("{")
        for i, k in enumerate(sorted(v) if sort_keys else v):
            if i:
                out.append(",")
            out.append(string(str(k)))
            out.append(":")
            _compact(v[k], out, sort_keys, string)
        out.append("}")
    elif isinstance(v, (list, tuple)):
        if not v and type(v).__name__ == "NilList":
            out.append("null")
            return
        out.append("[")
        for i, e in enumerate(v):
            if i:
                out.append(",")
            _compact(e, out, sort_keys, string)
        out.append("]")
    else:
        _json(v, out, "", "", sort_keys)


def _json(v, out, cur, ind, sort_keys):
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, str):
        out.append(json_string(v))
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, float):
        out.append(float_json(v, _bits(v)))
    elif type(v).__name__ == "Timestamp":  # a time.Time: RFC 3339
        out.append(json_string(v.iso))
    elif isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        nxt = cur + ind
        out.append("{\n")
        keys = sorted(v) if sort_keys else list(v)
        for i, k in enumerate(keys):
            out.append(nxt)
            out.append(json_string(str(k)))
            out.append(": ")
            _json(v[k], out, nxt, ind, sort_keys)
            out.append(",\n" if i < len(keys) - 1 else "\n")
        out.append(cur + "}")
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("null" if type(v).__name__ == "NilList" else "[]")
            return
        nxt = cur + ind
        out.append("[\n")
        for i, e in enumerate(v):
            out.append(nxt)
            _json(e, out, nxt, ind, sort_keys)
            out.append(",\n" if i < len(v) - 1 else "\n")
        out.append(cur + "]")
    else:
        out.append(json_string(str(v)))


# ---------------------------------------------------------------------------------------------------------
# json.Decoder.Decode's first value (config.json is read so)


def first_value(text: str) -> tuple[bool, str]:
    """json.Decoder.Decode's view of a stream: (found, the first JSON value's text). Nothing but
    whitespace is io.EOF (found False); what follows the first value is never looked at. Raises
    OptionError with Go's message: a syntax error, or `unexpected EOF` for a value cut short."""
    scanner = _Scanner()
    started = False
    for i, c in enumerate(text):
        if started and not scanner.stack and scanner.step in (scanner.end_value, scanner.end_top):
            return True, text[:i]
        try:
            scanner.step(c)
        except OptionError as e:
            if started and not scanner.stack and str(e).endswith("after top-level value"):
                return True, text[:i]  # a top-level number ended by this character
            raise
        started = started or c not in WHITESPACE
    if not started:
        return False, ""
    try:
        scanner.step(" ")  # what the decoder does at the end of the stream
    except OptionError:
        raise OptionError("unexpected EOF") from None
    if not scanner.complete():
        raise OptionError("unexpected EOF")
    return True, text
