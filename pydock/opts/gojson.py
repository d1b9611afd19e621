"""Go's encoding/json scanner, for the one place its wording reaches the user: json.Compact of a
seccomp profile (`--security-opt seccomp=<file>`). `compact(text)` returns the compacted document or
raises OptionError with Go's message (`invalid character 'x' looking for beginning of value`)."""

from __future__ import annotations

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
