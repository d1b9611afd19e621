"""text/template in Python: Lexer."""

from __future__ import annotations

from .values import _go_quote


(T_ERROR, T_BOOL, T_CHAR, T_CHARCONST, T_COMPLEX, T_ASSIGN, T_DECLARE, T_EOF, T_FIELD, T_IDENT,
 T_LDELIM, T_LPAREN, T_NUMBER, T_PIPE, T_RAWSTRING, T_RDELIM, T_RPAREN, T_SPACE, T_STRING,
 T_TEXT, T_VARIABLE, T_KEYWORD, T_BLOCK, T_BREAK, T_CONTINUE, T_DOT, T_DEFINE, T_ELSE, T_END,
 T_IF, T_NIL, T_RANGE, T_TEMPLATE, T_WITH) = range(34)

_KEYWORDS = {
    ".": T_DOT, "block": T_BLOCK, "break": T_BREAK, "continue": T_CONTINUE, "define": T_DEFINE,
    "else": T_ELSE, "end": T_END, "if": T_IF, "range": T_RANGE, "nil": T_NIL,
    "template": T_TEMPLATE, "with": T_WITH,
}
_SPACES = " \t\r\n"
_QUOTE_STATES = {'"': "lex_quote", "`": "lex_raw_quote", "$": "lex_variable", "'": "lex_char"}
_LDELIM, _RDELIM = "{{", "}}"


class _Token:
    __slots__ = ("typ", "pos", "val", "line")

    def __init__(self, typ: int, pos: int, val: str, line: int):
        self.typ, self.pos, self.val, self.line = typ, pos, val, line

    def __str__(self) -> str:  # Go's item.String()
        if self.typ == T_EOF:
            return "EOF"
        if self.typ == T_ERROR:
            return self.val
        if self.typ > T_KEYWORD:
            return "<%s>" % self.val
        if len(self.val) > 10:
            return _go_quote(self.val[:10]) + "..."
        return _go_quote(self.val)


class _LexStop(Exception):
    pass


def _is_alnum(c: str) -> bool:
    return c == "_" or c.isalpha() or c.isdecimal()


def _fmt_U(c: str) -> str:  # Go's %#U
    s = "U+%04X" % ord(c)
    return s + " '%s'" % c if c.isprintable() else s


class _Lexer:
    """Go's text/template lexer, run eagerly: a list of tokens ending in EOF or an error."""

    def __init__(self, text: str, break_ok: bool = True, continue_ok: bool = True):
        self.input = text
        self.pos = self.start = 0
        self.paren_depth = 0
        self.break_ok, self.continue_ok = break_ok, continue_ok
        self.items: list[_Token] = []
        self._line_pos, self._line = 0, 1

    def run(self) -> list[_Token]:
        state = self.lex_text
        try:
            while state is not None:
                state = state()
        except _LexStop:
            pass
        return self.items

    # -- helpers
    def line_at(self, pos: int) -> int:
        if pos >= self._line_pos:
            self._line += self.input.count("\n", self._line_pos, pos)
        else:
            self._line = 1 + self.input.count("\n", 0, pos)
        self._line_pos = pos
        return self._line

    def emit(self, typ: int) -> None:
        self.items.append(_Token(typ, self.start, self.input[self.start:self.pos], self.line_at(self.start)))
        self.start = self.pos

    def ignore(self) -> None:
        self.start = self.pos

    def error(self, msg: str):
        self.items.append(_Token(T_ERROR, self.start, msg, self.line_at(self.start)))
        raise _LexStop

    def peek_char(self) -> str:
        return self.input[self.pos] if self.pos < len(self.input) else ""

    def accept(self, valid: str) -> bool:
        c = self.peek_char()
        if c and c in valid:
            self.pos += 1
            return True
        return False

    def accept_run(self, valid: str) -> None:
        while self.accept(valid):
            pass

    def has_left_trim(self, i: int) -> bool:
        s = self.input
        return i + 1 < len(s) and s[i] == "-" and s[i + 1] in _SPACES

    def has_right_trim(self, i: int) -> bool:
        s = self.input
        return i + 1 < len(s) and s[i] in _SPACES and s[i + 1] == "-"

    def at_right_delim(self) -> tuple[bool, bool]:
        if self.has_right_trim(self.pos) and self.input.startswith(_RDELIM, self.pos + 2):
            return True, True
        return self.input.startswith(_RDELIM, self.pos), False

    def at_terminator(self) -> bool:
        c = self.peek_char()
        return not c or c in _SPACES or c in ".,|:)(" or self.input.startswith(_RDELIM, self.pos)

    # -- states
    def lex_text(self):
        s = self.input
        x = s.find(_LDELIM, self.pos)
        if x < 0:
            self.pos = len(s)
            if self.pos > self.start:
                self.emit(T_TEXT)
            self.emit(T_EOF)
            return None
        self.pos = x
        trim = 0
        if self.has_left_trim(x + 2):
            seg = s[self.start:x]
            trim = len(seg) - len(seg.rstrip(_SPACES))
        self.pos -= trim
        if self.pos > self.start:
            self.emit(T_TEXT)
        self.pos += trim
        self.ignore()
        return self.lex_left_delim

    def lex_left_delim(self):
        self.pos += len(_LDELIM)
        after = 2 if self.has_left_trim(self.pos) else 0
        if self.input.startswith("/*", self.pos + after):
            self.pos += after
            self.ignore()
            return self.lex_comment
        self.emit(T_LDELIM)
        self.pos += after
        self.ignore()
        self.paren_depth = 0
        return self.lex_inside_action

    def lex_comment(self):
        self.pos += 2
        i = self.input.find("*/", self.pos)
        if i < 0:
            self.error("unclosed comment")
        self.pos = i + 2
        delim, trim = self.at_right_delim()
        if not delim:
            self.error("comment ends before closing delimiter")
        self.pos += (2 if trim else 0) + len(_RDELIM)
        if trim:
            self.skip_leading_space()
        self.ignore()
        return self.lex_text

    def skip_leading_space(self) -> None:
        s, n = self.input, len(self.input)
        while self.pos < n and s[self.pos] in _SPACES:
            self.pos += 1

    def lex_right_delim(self):
        trim = self.has_right_trim(self.pos)
        if trim:
            self.pos += 2
            self.ignore()
        self.pos += len(_RDELIM)
        self.emit(T_RDELIM)
        if trim:
            self.skip_leading_space()
            self.ignore()
        return self.lex_text

    def lex_inside_action(self):
        delim, _ = self.at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self.lex_right_delim
            self.error("unclosed left paren")
        c = self.peek_char()
        if not c:
            self.error("unclosed action")
        if c in _SPACES:
            return self.lex_space
        self.pos += 1
        if c == "=":
            self.emit(T_ASSIGN)
        elif c == "|":
            self.emit(T_PIPE)
        elif c == ":":
            if not self.accept("="):
                self.error("expected :=")
            self.emit(T_DECLARE)
        elif c in "\"`$'":
            return getattr(self, _QUOTE_STATES[c])
        elif c == "." and self.pos < len(self.input) and not ("0" <= self.input[self.pos] <= "9"):
            return self.lex_field
        elif c in "+-." or "0" <= c <= "9":
            self.pos -= 1
            return self.lex_number
        elif _is_alnum(c):
            self.pos -= 1
            return self.lex_identifier
        else:
            self.lex_punct(c)
        return self.lex_inside_action

    def lex_punct(self, c: str) -> None:
        if c == "(":
            self.emit(T_LPAREN)
            self.paren_depth += 1
        elif c == ")":
            self.emit(T_RPAREN)
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self.items.pop()  # Go returns only the error item
                self.start -= 1
                self.error("unexpected right paren")
        elif c <= "\x7f" and c.isprintable():
            self.emit(T_CHAR)
        else:
            self.error("unrecognized character in action: %s" % _fmt_U(c))

    def lex_space(self):
        n = 0
        while self.peek_char() and self.peek_char() in _SPACES:
            self.pos += 1
            n += 1
        # A trim-marked right delimiter (" -}}") starts with a space.
        if self.has_right_trim(self.pos - 1) and self.input.startswith(_RDELIM, self.pos + 1):
            self.pos -= 1
            if n == 1:
                return self.lex_right_delim
        self.emit(T_SPACE)
        return self.lex_inside_action

    def scan_alnum(self) -> None:
        s, n = self.input, len(self.input)
        while self.pos < n and _is_alnum(s[self.pos]):
            self.pos += 1

    def bad_char(self):
        self.error("bad character %s" % _fmt_U(self.peek_char()))

    def lex_identifier(self):
        self.scan_alnum()
        if not self.at_terminator():
            self.bad_char()
        word = self.input[self.start:self.pos]
        key = _KEYWORDS.get(word, 0)
        if key > T_KEYWORD:
            if (key == T_BREAK and not self.break_ok) or (key == T_CONTINUE and not self.continue_ok):
                key = T_IDENT
            self.emit(key)
        elif word in ("true", "false"):
            self.emit(T_BOOL)
        else:
            self.emit(T_IDENT)
        return self.lex_inside_action

    def lex_field(self):
        return self.lex_field_or_variable(T_FIELD)

    def lex_variable(self):
        if self.at_terminator():  # just "$"
            self.emit(T_VARIABLE)
            return self.lex_inside_action
        return self.lex_field_or_variable(T_VARIABLE)

    def lex_field_or_variable(self, typ: int):
        if self.at_terminator():  # "." or "$" alone
            self.emit(T_VARIABLE if typ == T_VARIABLE else T_DOT)
            return self.lex_inside_action
        self.scan_alnum()
        if not self.at_terminator():
            self.bad_char()
        self.emit(typ)
        return self.lex_inside_action

    def lex_quoted(self, quote: str, typ: int, what: str):
        s, n = self.input, len(self.input)
        while True:
            c = s[self.pos] if self.pos < n else ""
            self.pos += 1
            if c == "\\":
                if self.pos < n and s[self.pos] != "\n":
                    self.pos += 1
                    continue
                c = ""
            if c == "" or c == "\n":
                self.error("unterminated " + what)
            if c == quote:
                break
        self.emit(typ)
        return self.lex_inside_action

    def lex_quote(self):
        return self.lex_quoted('"', T_STRING, "quoted string")

    def lex_char(self):
        return self.lex_quoted("'", T_CHARCONST, "character constant")

    def lex_raw_quote(self):
        i = self.input.find("`", self.pos)
        if i < 0:
            self.error("unterminated raw quoted string")
        self.pos = i + 1
        self.emit(T_RAWSTRING)
        return self.lex_inside_action

    def lex_number(self):
        if not self.scan_number():
            self.error("bad number syntax: %s" % _go_quote(self.input[self.start:self.pos]))
        if self.peek_char() in ("+", "-"):  # complex: 1+2i
            if not self.scan_number() or self.input[self.pos - 1] != "i":
                self.error("bad number syntax: %s" % _go_quote(self.input[self.start:self.pos]))
            self.emit(T_COMPLEX)
        else:
            self.emit(T_NUMBER)
        return self.lex_inside_action

    def scan_number(self) -> bool:
        self.accept("+-")
        digits = "0123456789_"
        if self.accept("0"):
            if self.accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self.accept("oO"):
                digits = "01234567_"
            elif self.accept("bB"):
                digits = "01_"
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if len(digits) == 11 and self.accept("eE"):
            self.accept("+-")
            self.accept_run("0123456789_")
        if len(digits) == 23 and self.accept("pP"):
            self.accept("+-")
            self.accept_run("0123456789_")
        self.accept("i")
        c = self.peek_char()
        if c and _is_alnum(c):
            self.pos += 1
            return False
        return True
