"""Go's text/template, the subset docker's `--format` uses, in pure Python.

Layout: a lexer (`_Lexer`) turning the text into tokens, a parser (`_Parser`) building small node
classes, and an executor (`_State`) walking them; then Go's fmt printing (`go_str`, `_sprintf`),
the builtin functions and docker's extra ones (`json`, `split`, `join`, `title`, `lower`, `upper`,
`pad`, `truncate`). Parse once, execute many.

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

from __future__ import annotations

import math

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


# ---------------------------------------------------------------------------------------------
# Lexer
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Nodes
# ---------------------------------------------------------------------------------------------


class _Node:
    __slots__ = ("pos",)


class ListNode(_Node):
    __slots__ = ("nodes",)

    def __init__(self, pos):
        self.pos, self.nodes = pos, []

    def __str__(self):
        return "".join(str(n) for n in self.nodes)


class TextNode(_Node):
    __slots__ = ("text",)

    def __init__(self, pos, text):
        self.pos, self.text = pos, text

    def __str__(self):
        return self.text


class PipeNode(_Node):
    __slots__ = ("line", "decl", "is_assign", "cmds")

    def __init__(self, pos, line):
        self.pos, self.line, self.decl, self.is_assign, self.cmds = pos, line, [], False, []

    def __str__(self):
        s = ", ".join(str(v) for v in self.decl) + " := " if self.decl else ""
        return s + " | ".join(str(c) for c in self.cmds)


class ActionNode(_Node):
    __slots__ = ("line", "pipe", "field")

    def __init__(self, pos, line, pipe):
        self.pos, self.line, self.pipe = pos, line, pipe
        # {{.Name}}: a lone one-name field, executed without the general pipeline machinery
        args = pipe.cmds[0].args if len(pipe.cmds) == 1 and not pipe.decl else ()
        simple = len(args) == 1 and type(args[0]) is FieldNode and len(args[0].ident) == 1
        self.field = args[0] if simple else None

    def __str__(self):
        return "{{%s}}" % self.pipe


class CommandNode(_Node):
    __slots__ = ("args",)

    def __init__(self, pos):
        self.pos, self.args = pos, []

    def __str__(self):
        return " ".join("(%s)" % a if type(a) is PipeNode else str(a) for a in self.args)


class FieldNode(_Node):
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.pos, self.ident = pos, ident

    def __str__(self):
        return "".join("." + i for i in self.ident)


class VariableNode(_Node):
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.pos, self.ident = pos, ident

    def __str__(self):
        return ".".join(self.ident)


class ChainNode(_Node):
    __slots__ = ("node", "fields")

    def __init__(self, pos, node, fields):
        self.pos, self.node, self.fields = pos, node, fields

    def __str__(self):
        s = "(%s)" % self.node if type(self.node) is PipeNode else str(self.node)
        return s + "".join("." + f for f in self.fields)


class IdentifierNode(_Node):
    __slots__ = ("name",)

    def __init__(self, pos, name):
        self.pos, self.name = pos, name

    def __str__(self):
        return self.name


class DotNode(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "."


class NilNode(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "nil"


class BoolNode(_Node):
    __slots__ = ("value",)

    def __init__(self, pos, value):
        self.pos, self.value = pos, value

    def __str__(self):
        return "true" if self.value else "false"


class NumberNode(_Node):
    """A numeric constant. `is_int`/`int_val` and `is_float`/`float_val` as in Go; `const` is the
    value used where no type is known (Go's idealConstant), `const_err` its error if any."""

    __slots__ = ("text", "is_int", "int_val", "is_float", "float_val", "const", "const_err")

    def __str__(self):
        return self.text


class StringNode(_Node):
    __slots__ = ("quoted", "text")

    def __init__(self, pos, quoted, text):
        self.pos, self.quoted, self.text = pos, quoted, text

    def __str__(self):
        return self.quoted


class _BranchNode(_Node):
    __slots__ = ("line", "pipe", "list", "else_list")
    keyword = ""

    def __init__(self, pos, line, pipe, lst, else_list):
        self.pos, self.line, self.pipe, self.list, self.else_list = pos, line, pipe, lst, else_list

    def __str__(self):
        s = "{{%s %s}}%s" % (self.keyword, self.pipe, self.list)
        if self.else_list is not None:
            s += "{{else}}%s" % self.else_list
        return s + "{{end}}"


class IfNode(_BranchNode):
    __slots__ = ()
    keyword = "if"


class RangeNode(_BranchNode):
    __slots__ = ()
    keyword = "range"


class WithNode(_BranchNode):
    __slots__ = ()
    keyword = "with"


class BreakNode(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "{{break}}"


class ContinueNode(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "{{continue}}"


class TemplateNode(_Node):
    __slots__ = ("line", "name", "pipe")

    def __init__(self, pos, line, name, pipe):
        self.pos, self.line, self.name, self.pipe = pos, line, name, pipe

    def __str__(self):
        if self.pipe is None:
            return "{{template %s}}" % _go_quote(self.name)
        return "{{template %s %s}}" % (_go_quote(self.name), self.pipe)


class _EndNode(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "{{end}}"


class _ElseNode(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos

    def __str__(self):
        return "{{else}}"


_LITERAL_NODES = (BoolNode, DotNode, NilNode, NumberNode, StringNode)


def _is_empty_tree(node) -> bool:
    if isinstance(node, ListNode):
        return all(_is_empty_tree(n) for n in node.nodes)
    if isinstance(node, TextNode):
        return not node.text.strip(" \t\r\n\v\f")
    return node is None


# ---------------------------------------------------------------------------------------------
# Literal decoding (strconv.Unquote / UnquoteChar / number syntax)
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------------------------

_OPERAND_START = frozenset((T_BOOL, T_CHARCONST, T_COMPLEX, T_DOT, T_FIELD, T_IDENT, T_NUMBER,
                            T_NIL, T_RAWSTRING, T_STRING, T_VARIABLE, T_LPAREN))


class _Parser:
    """Go's parse.Tree, over the eager token list; define/block bodies go to `self.trees`."""

    def __init__(self, text: str, funcs):
        self.funcs = funcs
        self.toks = _Lexer(text, "break" not in funcs, "continue" not in funcs).run()
        self.i = self.hi = 0
        self.vars = ["$"]
        self.range_depth = 0
        self.action_line = 0
        self.trees: dict[str, ListNode] = {}

    # -- token stream
    def next(self) -> _Token:
        i = self.i
        self.i = i + 1
        if i > self.hi:
            self.hi = i
        toks = self.toks
        return toks[i] if i < len(toks) else toks[-1]

    def backup(self) -> None:
        self.i -= 1

    def peek(self) -> _Token:
        tok = self.next()
        self.i -= 1
        return tok

    def next_non_space(self) -> _Token:
        tok = self.next()
        while tok.typ == T_SPACE:
            tok = self.next()
        return tok

    def peek_non_space(self) -> _Token:
        tok = self.next_non_space()
        self.i -= 1
        return tok

    # -- errors
    def errorf(self, msg: str):
        line = self.toks[min(self.hi, len(self.toks) - 1)].line
        raise TemplateParseError("template: :%d: %s" % (line, msg))

    def unexpected(self, tok: _Token, context: str):
        if tok.typ == T_ERROR:
            extra = ""
            if self.action_line and self.action_line != tok.line:
                extra = " in action started at :%d" % self.action_line
                if tok.val.endswith(" action"):
                    extra = extra[len(" in action"):]
            self.errorf(tok.val + extra)
        self.errorf("unexpected %s in %s" % (tok, context))

    def expect(self, typ: int, context: str) -> _Token:
        tok = self.next_non_space()
        if tok.typ != typ:
            self.unexpected(tok, context)
        return tok

    # -- top level
    def parse(self) -> dict[str, ListNode]:
        root = ListNode(self.peek().pos)
        while self.peek().typ != T_EOF:
            if self.peek().typ == T_LDELIM:
                mark = self.i
                self.next()
                if self.next_non_space().typ == T_DEFINE:
                    self.parse_definition()
                    continue
                self.i = mark
            n = self.text_or_action()
            if type(n) in (_EndNode, _ElseNode):
                self.errorf("unexpected %s" % n)
            root.nodes.append(n)
        self.add("", root)
        return self.trees

    def add(self, name: str, root: ListNode) -> None:
        tree = self.trees.get(name)
        if tree is None or _is_empty_tree(tree):
            self.trees[name] = root
        elif not _is_empty_tree(root):
            self.errorf("template: multiple definition of template %s" % _go_quote(name))

    def sub_tree(self, name: str, context: str) -> None:
        """Parse a define/block body (a fresh Go Tree: own variables, no enclosing range)."""
        saved = self.vars, self.range_depth
        self.vars, self.range_depth = ["$"], 0
        root, end = self.item_list()
        if type(end) is not _EndNode:
            self.errorf("unexpected %s in %s" % (end, context))
        self.add(name, root)
        self.vars, self.range_depth = saved

    def parse_definition(self) -> None:
        context = "define clause"
        tok = self.next_non_space()
        if tok.typ not in (T_STRING, T_RAWSTRING):
            self.unexpected(tok, context)
        name = self.unquote(tok)
        self.expect(T_RDELIM, context)
        self.sub_tree(name, context)

    def item_list(self):
        lst = ListNode(self.peek_non_space().pos)
        while self.peek_non_space().typ != T_EOF:
            n = self.text_or_action()
            if type(n) in (_EndNode, _ElseNode):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")

    def text_or_action(self):
        tok = self.next_non_space()
        if tok.typ == T_TEXT:
            return TextNode(tok.pos, tok.val)
        if tok.typ == T_LDELIM:
            self.action_line = tok.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        self.unexpected(tok, "input")

    def action(self):
        tok = self.next_non_space()
        control = {
            T_BLOCK: self.block_control, T_ELSE: self.else_control, T_END: self.end_control,
            T_IF: self.if_control, T_RANGE: self.range_control, T_TEMPLATE: self.template_control,
            T_WITH: self.with_control,
        }.get(tok.typ)
        if control is not None:
            return control()
        if tok.typ in (T_BREAK, T_CONTINUE):
            return self.loop_control(tok)
        self.backup()
        tok = self.peek()
        return ActionNode(tok.pos, tok.line, self.pipeline("command", T_RDELIM))

    def loop_control(self, tok: _Token):
        word = "{{%s}}" % tok.val
        nxt = self.next_non_space()
        if nxt.typ != T_RDELIM:
            self.unexpected(nxt, word)
        if self.range_depth == 0:
            self.errorf("%s outside {{range}}" % word)
        return BreakNode(tok.pos) if tok.typ == T_BREAK else ContinueNode(tok.pos)

    # -- pipelines
    def pipeline(self, context: str, end: int) -> PipeNode:
        tok = self.peek_non_space()
        pipe = PipeNode(tok.pos, tok.line)
        self.declarations(pipe, context)
        while True:
            tok = self.next_non_space()
            if tok.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if tok.typ in _OPERAND_START:
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(tok, context)

    def declarations(self, pipe: PipeNode, context: str) -> None:
        while True:
            v = self.peek_non_space()
            if v.typ != T_VARIABLE:
                return
            mark = self.i
            self.next()
            nxt = self.peek_non_space()
            if nxt.typ in (T_ASSIGN, T_DECLARE):
                pipe.is_assign = nxt.typ == T_ASSIGN
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, [v.val]))
                self.vars.append(v.val)
                return
            if nxt.typ == T_CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, [v.val]))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (T_VARIABLE, T_RDELIM, T_RPAREN):
                        continue
                    self.errorf("range can only initialize variables")
                self.errorf("too many declarations in %s" % context)
            self.i = mark
            return

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf("missing value for %s" % context)
        for i, c in enumerate(pipe.cmds[1:]):
            if type(c.args[0]) in _LITERAL_NODES:
                self.errorf("non executable command in pipeline stage %d" % (i + 2))

    # -- control structures
    def parse_control(self, context: str):
        nvars = len(self.vars)
        try:
            pipe = self.pipeline(context, T_RDELIM)
            if context == "range":
                self.range_depth += 1
            lst, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list = None
            if type(nxt) is _ElseNode:
                else_list = self.else_branch(context, nxt)
            return pipe.pos, pipe.line, pipe, lst, else_list
        finally:
            del self.vars[nvars:]

    def else_branch(self, context: str, else_node) -> ListNode:
        # "{{else if ...}}" / "{{else with ...}}" are "{{else}}{{if ...}}...{{end}}{{end}}".
        chained = {"if": (T_IF, self.if_control), "with": (T_WITH, self.with_control)}.get(context)
        if chained and self.peek().typ == chained[0]:
            self.next()
            lst = ListNode(else_node.pos)
            lst.nodes.append(chained[1]())
            return lst
        lst, nxt = self.item_list()
        if type(nxt) is not _EndNode:
            self.errorf("expected end; found %s" % nxt)
        return lst

    def if_control(self):
        return IfNode(*self.parse_control("if"))

    def range_control(self):
        return RangeNode(*self.parse_control("range"))

    def with_control(self):
        return WithNode(*self.parse_control("with"))

    def end_control(self):
        return _EndNode(self.expect(T_RDELIM, "end").pos)

    def else_control(self):
        peek = self.peek_non_space()
        if peek.typ in (T_IF, T_WITH):
            return _ElseNode(peek.pos)
        return _ElseNode(self.expect(T_RDELIM, "else").pos)

    def block_control(self):
        context = "block clause"
        tok = self.next_non_space()
        name = self.template_name(tok, context)
        pipe = self.pipeline(context, T_RDELIM)
        self.sub_tree(name, context)
        return TemplateNode(tok.pos, tok.line, name, pipe)

    def template_control(self):
        context = "template clause"
        tok = self.next_non_space()
        name = self.template_name(tok, context)
        pipe = None
        if self.next_non_space().typ != T_RDELIM:
            self.backup()
            pipe = self.pipeline(context, T_RDELIM)
        return TemplateNode(tok.pos, tok.line, name, pipe)

    def template_name(self, tok: _Token, context: str) -> str:
        if tok.typ not in (T_STRING, T_RAWSTRING):
            self.unexpected(tok, context)
        return self.unquote(tok)

    # -- commands and operands
    def command(self) -> CommandNode:
        cmd = CommandNode(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            if tok.typ == T_SPACE:
                continue
            if tok.typ in (T_RDELIM, T_RPAREN):
                self.backup()
            elif tok.typ != T_PIPE:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self):
        node = self.term()
        if node is None or self.peek().typ != T_FIELD:
            return node
        pos = self.peek().pos
        fields = []
        while self.peek().typ == T_FIELD:
            fields.append(self.next().val[1:])
        t = type(node)
        if t is FieldNode:
            return FieldNode(pos, node.ident + fields)
        if t is VariableNode:
            return VariableNode(pos, node.ident + fields)
        if t in _LITERAL_NODES:
            self.errorf("unexpected . after term %s" % _go_quote(str(node)))
        return ChainNode(pos, node, fields)

    def term(self):
        tok = self.next_non_space()
        typ = tok.typ
        if typ == T_IDENT:
            if tok.val not in self.funcs:
                self.errorf("function %s not defined" % _go_quote(tok.val))
            return IdentifierNode(tok.pos, tok.val)
        if typ == T_DOT:
            return DotNode(tok.pos)
        if typ == T_NIL:
            return NilNode(tok.pos)
        if typ == T_VARIABLE:
            return self.use_var(tok)
        if typ == T_FIELD:
            return FieldNode(tok.pos, [tok.val[1:]])
        if typ == T_BOOL:
            return BoolNode(tok.pos, tok.val == "true")
        if typ in (T_CHARCONST, T_COMPLEX, T_NUMBER):
            try:
                return _new_number(tok.pos, tok.val, typ)
            except ValueError as e:
                self.errorf(str(e))
        if typ == T_LPAREN:
            return self.pipeline("parenthesized pipeline", T_RPAREN)
        if typ in (T_STRING, T_RAWSTRING):
            return StringNode(tok.pos, tok.val, self.unquote(tok))
        self.backup()
        return None

    def use_var(self, tok: _Token) -> VariableNode:
        if tok.val not in self.vars:
            self.errorf("undefined variable %s" % _go_quote(tok.val))
        return VariableNode(tok.pos, [tok.val])

    def unquote(self, tok: _Token) -> str:
        try:
            return _unquote(tok.val)
        except (ValueError, IndexError):
            self.errorf("invalid syntax")


# ---------------------------------------------------------------------------------------------
# Function specs: arity and Go parameter kinds
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Executor
# ---------------------------------------------------------------------------------------------

_BREAK, _CONTINUE = 1, 2
_MAX_DEPTH = 100
_SCALARS = (str, int, float, bool, complex)


class _State:
    """One execution: output buffer, variable stack, current node (for error messages)."""

    __slots__ = ("tmpl", "out", "node", "vars", "depth", "name")

    def __init__(self, tmpl: "Template", out: list, dot, name: str = "", depth: int = 0):
        self.tmpl, self.out, self.node, self.name, self.depth = tmpl, out, None, name, depth
        self.vars = [["$", dot]]

    # -- errors and variables
    def error(self, msg: str):
        raise TemplateExecError(self.tmpl._exec_message(self.node, self.name, msg))

    def var_value(self, name: str):
        for entry in reversed(self.vars):
            if entry[0] == name:
                return entry[1]
        self.error("undefined variable: %s" % name)

    def set_var(self, name: str, value) -> None:
        for entry in reversed(self.vars):
            if entry[0] == name:
                entry[1] = value
                return
        self.error("undefined variable: %s" % name)

    # -- walking
    def walk_list(self, dot, lst: ListNode):
        out = self.out
        for node in lst.nodes:
            t = type(node)
            if t is TextNode:
                out.append(node.text)
            elif t is ActionNode:
                field = node.field
                if field is not None:  # fast path for {{.Name}}
                    self.node = field
                    value = self.eval_field(dot, field.ident[0], field, node.pipe.cmds[0].args, _NOFINAL, dot)
                    out.append(value if type(value) is str else self.printable(node, value))
                    continue
                self.node = node
                value = self.eval_pipeline(dot, node.pipe)
                if not node.pipe.decl:
                    out.append(value if type(value) is str else self.printable(node, value))
            else:
                signal = _WALKERS[t](self, dot, node)
                if signal:
                    return signal
        return None

    def printable(self, node, value) -> str:
        self.node = node
        if value is MISSING:
            return "<no value>"
        if callable(value) and type(value).__name__ in ("function", "method", "builtin_function_or_method"):
            self.error("can't print %s of type %s" % (node, _go_type(value)))
        return go_str(value)

    def walk_if(self, dot, node):
        mark = len(self.vars)
        self.node = node
        value = self.eval_pipeline(dot, node.pipe)
        if truthy(value):
            signal = self.walk_list(value if type(node) is WithNode else dot, node.list)
        elif node.else_list is not None:
            signal = self.walk_list(dot, node.else_list)
        else:
            signal = None
        del self.vars[mark:]
        return signal

    def walk_range(self, dot, node: RangeNode):
        self.node = node
        mark = len(self.vars)
        value = self.eval_pipeline(dot, node.pipe)
        ndecl = len(node.pipe.decl)
        items = self.range_items(value, ndecl)
        ran = False
        top = len(self.vars)
        for index, elem in items:
            ran = True
            if ndecl:
                self.set_range_vars(node.pipe, top, index, elem)
            signal = self.walk_list(elem, node.list)
            del self.vars[top:]
            if signal == _BREAK:
                break
        if not ran and node.else_list is not None:
            self.walk_list(dot, node.else_list)
        del self.vars[mark:]
        return None

    def set_range_vars(self, pipe: PipeNode, top: int, index, elem) -> None:
        """`range $e :=`/`range $i, $e :=` set the pushed variables; with `=` the named ones."""
        if pipe.is_assign:
            names = [v.ident[0] for v in pipe.decl]
            if len(names) > 1:
                self.set_var(names[0], index)
                self.set_var(names[1], elem)
            else:
                self.set_var(names[0], elem)
            return
        self.vars[top - 1][1] = elem
        if len(pipe.decl) > 1:
            self.vars[top - 2][1] = index

    def range_items(self, value, ndecl: int):
        t = type(value)
        if t is list or t is tuple:
            return enumerate(value)
        if t is dict:
            return ((k, value[k]) for k in _sorted_keys(value))
        if t is int:
            if ndecl > 1:
                self.error("can't use %s to iterate over more than one variable" % value)
            return ((MISSING, i) for i in range(value))
        if value is MISSING or value is None:
            return ()
        if isinstance(value, (list, tuple)):
            return enumerate(value)
        if isinstance(value, dict):
            return ((k, value[k]) for k in _sorted_keys(value))
        self.error("range can't iterate over %s" % go_str(value))

    def walk_template(self, dot, node: TemplateNode):
        self.node = node
        tree = self.tmpl._trees.get(node.name)
        if tree is None:
            self.error("template %s not defined" % _go_quote(node.name))
        if self.depth >= _MAX_DEPTH:
            self.error("exceeded maximum template depth (%d)" % _MAX_DEPTH)
        new_dot = self.eval_pipeline(dot, node.pipe) if node.pipe is not None else MISSING
        sub = _State(self.tmpl, self.out, new_dot, node.name, self.depth + 1)
        sub.walk_list(new_dot, tree)
        return None

    # -- evaluation
    def eval_pipeline(self, dot, pipe: PipeNode):
        self.node = pipe
        value = _NOFINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        for var in pipe.decl:
            if pipe.is_assign:
                self.set_var(var.ident[0], value)
            else:
                self.vars.append([var.ident[0], value])
        return value

    def eval_command(self, dot, cmd: CommandNode, final):
        first = cmd.args[0]
        t = type(first)
        if t is FieldNode:
            self.node = first
            return self.eval_field_chain(dot, dot, first, first.ident, cmd.args, final)
        if t is IdentifierNode:
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if t is VariableNode:
            return self.eval_variable(dot, first, cmd.args, final)
        if t is ChainNode:
            return self.eval_chain(dot, first, cmd.args, final)
        if t is PipeNode:
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        self.node = first
        self.not_a_function(cmd.args, final)
        if t is BoolNode:
            return first.value
        if t is DotNode:
            return dot
        if t is NilNode:
            self.error("nil is not a command")
        if t is NumberNode:
            return self.ideal_constant(first)
        if t is StringNode:
            return first.text
        self.error("can't evaluate command %s" % _go_quote(str(first)))

    def not_a_function(self, args, final) -> None:
        if (args is not None and len(args) > 1) or final is not _NOFINAL:
            self.error("can't give argument to non-function %s" % args[0])

    def ideal_constant(self, node: NumberNode):
        self.node = node
        if node.const_err:
            self.error(node.const_err)
        return node.const

    def eval_chain(self, dot, chain: ChainNode, args, final):
        self.node = chain
        if type(chain.node) is NilNode:
            self.error("indirection through explicit nil in %s" % chain)
        receiver = self.eval_arg(dot, VALUE, chain.node)
        return self.eval_field_chain(dot, receiver, chain, chain.fields, args, final)

    def eval_variable(self, dot, var: VariableNode, args, final):
        self.node = var
        value = self.var_value(var.ident[0])
        if len(var.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, var, var.ident[1:], args, final)

    def eval_field_chain(self, dot, receiver, node, ident, args, final):
        last = len(ident) - 1
        for i, name in enumerate(ident):
            if i < last:
                receiver = self.eval_field(dot, name, node, None, _NOFINAL, receiver)
            else:
                return self.eval_field(dot, name, node, args, final, receiver)

    def eval_field(self, dot, name: str, node, args, final, receiver):
        t = type(receiver)
        if t is dict or (t not in _SCALARS and isinstance(receiver, dict)):
            if (args is not None and len(args) > 1) or final is not _NOFINAL:
                self.error("%s is not a method but has arguments" % name)
            value = receiver.get(name, MISSING)
            if value is MISSING and self.tmpl._missingkey_error:
                self.error("map has no entry for key %s" % _go_quote(name))
            return value
        if receiver is MISSING:
            if self.tmpl._missingkey_error:
                self.error("nil data; no entry for key %s" % _go_quote(name))
            return MISSING
        if receiver is None:
            self.error("nil pointer evaluating interface {}.%s" % name)
        attr = _NOATTR
        if t not in _SCALARS and t is not list and t is not tuple and name[:1].isupper():
            attr = getattr(receiver, name, _NOATTR)
        if attr is _NOATTR:
            self.error("can't evaluate field %s in type %s" % (name, _go_type(receiver)))
        if callable(attr):
            spec = _spec_of(attr)
            if not spec.params and final is _NOFINAL and (args is None or len(args) < 2):
                try:  # fast path: a method without arguments
                    return attr()
                except TemplateError:
                    raise
                except Exception as e:  # noqa: BLE001
                    self.node = node
                    self.error("error calling %s: %s" % (name, _exc_text(e)))
            return self.eval_call(dot, attr, spec, node, name, args, final)
        if (args is not None and len(args) > 1) or final is not _NOFINAL:
            self.error("%s has arguments but cannot be invoked as function" % name)
        return attr

    def eval_function(self, dot, ident: IdentifierNode, cmd, args, final):
        self.node = ident
        spec = self.tmpl._funcs.get(ident.name)
        if spec is None:
            self.error("%s is not a defined function" % _go_quote(ident.name))
        return self.eval_call(dot, spec.fn, spec, cmd, ident.name, args, final)

    def eval_call(self, dot, fn, spec: _Spec, node, name: str, args, final):
        argnodes = args[1:] if args else ()
        params, variadic = spec.params, spec.variadic
        num_in = len(argnodes) + (final is not _NOFINAL)
        if variadic is not None:
            if num_in < len(params):
                self.error("wrong number of args for %s: want at least %d got %d" % (name, len(params), len(argnodes)))
        elif num_in != len(params):
            self.error("wrong number of args for %s: want %d got %d" % (name, len(params), num_in))
        if spec.special in ("and", "or"):
            return self.eval_and_or(dot, spec.special == "or", argnodes, final)
        nfixed = len(params)
        argv = [self.eval_arg(dot, params[i] if i < nfixed else variadic, a) for i, a in enumerate(argnodes)]
        if final is not _NOFINAL:
            argv.append(self.validate(final, params[num_in - 1] if num_in - 1 < nfixed else variadic))
        if spec.special == "call":
            argv.insert(0, str(argnodes[0]) if argnodes else go_str(final))
        try:
            return fn(*argv)
        except TemplateError:
            raise
        except Exception as e:  # noqa: BLE001 - any failure of a called function is Go's "error calling"
            self.node = node
            self.error("error calling %s: %s" % (name, _exc_text(e)))

    def eval_and_or(self, dot, is_or: bool, argnodes, final):
        value = MISSING
        for a in argnodes:
            value = self.eval_arg(dot, VALUE, a)
            if truthy(value) == is_or:
                return value
        return final if final is not _NOFINAL else value

    def eval_arg(self, dot, kind: str, n):
        self.node = n
        t = type(n)
        if t is FieldNode:
            return self.validate(self.eval_field_chain(dot, dot, n, n.ident, (n,), _NOFINAL), kind)
        if t is DotNode:
            return self.validate(dot, kind)
        if t is VariableNode:
            return self.validate(self.eval_variable(dot, n, None, _NOFINAL), kind)
        if t is PipeNode:
            return self.validate(self.eval_pipeline(dot, n), kind)
        if t is IdentifierNode:
            return self.validate(self.eval_function(dot, n, n, None, _NOFINAL), kind)
        if t is ChainNode:
            return self.validate(self.eval_chain(dot, n, None, _NOFINAL), kind)
        if t is NilNode:
            if kind is ANY:
                return None
            if kind is VALUE:
                return MISSING
            if kind is STRINGS:
                return []
            self.error("cannot assign nil to %s" % kind)
        return self.eval_literal(kind, n)

    def eval_literal(self, kind: str, n):
        t = type(n)
        if kind is ANY or kind is VALUE:
            if t is NumberNode:
                return self.ideal_constant(n)
            return n.value if t is BoolNode else n.text
        if kind is STRING:
            if t is StringNode:
                return n.text
            self.error("expected string; found %s" % n)
        if kind is INT:
            if t is NumberNode and n.is_int:
                return n.int_val
            self.error("expected integer; found %s" % n)
        self.error("can't handle %s for arg of type %s" % (n, kind))

    def validate(self, value, kind: str):
        """Go's validateType for our parameter kinds."""
        if kind is ANY:
            return None if value is MISSING else value
        if kind is VALUE:
            return value
        if value is MISSING or value is None:
            if kind is STRINGS:
                return []
            self.error("invalid value; expected %s" % kind)
        t = type(value)
        if kind is STRING and isinstance(value, str):
            return value
        if kind is INT and isinstance(value, int) and t is not bool:
            return value
        if kind is STRINGS and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return value
        self.error("wrong type for value; expected %s; got %s" % (kind, _go_type(value)))


_WALKERS = {
    IfNode: _State.walk_if,
    WithNode: _State.walk_if,
    RangeNode: _State.walk_range,
    TemplateNode: _State.walk_template,
    BreakNode: lambda s, dot, n: _BREAK,
    ContinueNode: lambda s, dot, n: _CONTINUE,
    ListNode: lambda s, dot, n: s.walk_list(dot, n),
}


def _exc_text(e: Exception) -> str:
    if isinstance(e, KeyError) and e.args:
        return str(e.args[0])
    return str(e) or type(e).__name__


class Template:
    """A parsed template; `execute(data)` renders it. Safe to execute many times."""

    def __init__(self, text: str, trees: dict, funcs: dict, missingkey_error: bool):
        self._text, self._trees, self._funcs = text, trees, funcs
        self._missingkey_error = missingkey_error

    def execute(self, data) -> str:
        out: list[str] = []
        root = self._trees.get("")
        if root is not None:
            _State(self, out, data).walk_list(data, root)
        return "".join(out)

    def _exec_message(self, node, name: str, msg: str) -> str:
        if node is None:
            return "template: %s: %s" % (name, msg)
        text, pos = self._text, node.pos
        line = 1 + text.count("\n", 0, pos)
        line_start = text.rfind("\n", 0, pos) + 1
        col = len(text[line_start:pos].encode("utf-8", "surrogatepass"))  # Go counts bytes
        return "template: :%d:%d: executing %s at <%s>: %s" % (line, col, _go_quote(name), node, msg)


def parse(text: str, funcs: dict | None = None, *, missingkey: str = "default") -> Template:
    """Parse a Go template. `funcs` are extra functions merged over the builtins (and docker's);
    `missingkey="error"` makes a missing map key an error, like Go's Option("missingkey=error")."""
    table = _builtin_specs()
    if funcs:
        table = dict(table)
        for name, fn in funcs.items():
            table[name] = _user_spec(name, fn)
    trees = _Parser(text, table).parse()
    return Template(text, trees, table, missingkey == "error")


# ---------------------------------------------------------------------------------------------
# Values: truth, Go type names, %v printing
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# fmt.Sprintf
# ---------------------------------------------------------------------------------------------


class _Flags:
    __slots__ = ("plus", "minus", "sharp", "space", "zero", "width", "prec")

    def __init__(self):
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.width = self.prec = None

    def pad(self, s: str, zero_ok: bool = True) -> str:
        w = self.width
        if w is None or len(s) >= w:
            return s
        if self.minus:
            return s + " " * (w - len(s))
        return ("0" if self.zero and zero_ok else " ") * (w - len(s)) + s


def _sprintf(fmt: str, args) -> str:
    return _Printer(fmt, args).run()


class _Printer:
    """fmt.Sprintf's directive loop: %[flags][[n]][width][.[n]prec]verb."""

    def __init__(self, fmt: str, args):
        self.fmt, self.args = fmt, args
        self.i = self.argi = 0
        self.reordered = False
        self.out: list[str] = []

    def run(self) -> str:
        fmt, out = self.fmt, self.out
        while self.i < len(fmt):
            j = fmt.find("%", self.i)
            if j < 0:
                out.append(fmt[self.i:])
                break
            out.append(fmt[self.i:j])
            self.i = j + 1
            if not self.directive():
                break
        if not self.reordered and self.argi < len(self.args):
            extra = ("<nil>" if a is None else _go_type(a) + "=" + go_str(a) for a in self.args[self.argi:])
            out.append("%!(EXTRA " + ", ".join(extra) + ")")
        return "".join(out)

    def directive(self) -> bool:
        fmt, args, out = self.fmt, self.args, self.out
        f = _Flags()
        self.i = _parse_flags(fmt, self.i, f)
        good = self.arg_index()
        self.width_and_precision(f)
        if self.i < len(fmt) and fmt[self.i] == ".":
            self.i += 1
            good = self.arg_index() and good
            self.width_and_precision(f, "prec")
        if self.i >= len(fmt):
            out.append("%!(NOVERB)")
            return False
        verb = fmt[self.i]
        self.i += 1
        if verb == "v":  # %+v and %#v select struct/Go syntax; they are not sign/alternate flags
            f.plus = f.sharp = False
        if verb == "%":
            out.append("%")
        elif not good:
            out.append("%!" + verb + "(BADINDEX)")
        elif self.argi >= len(args):
            out.append("%!" + verb + "(MISSING)")
        else:
            out.append(_fmt_arg(args[self.argi], verb, f))
            self.argi += 1
        return True

    def arg_index(self) -> bool:
        self.i, self.argi, good, moved = _arg_index(self.fmt, self.i, self.argi, len(self.args))
        self.reordered |= moved
        return good

    def width_and_precision(self, f: _Flags, what: str = "width") -> None:
        if self.i < len(self.fmt) and self.fmt[self.i] == "*":
            self.i += 1
            self.argi, bad = _star_arg(f, what, self.args, self.argi)
            if bad:
                self.out.append("%!(BADWIDTH)" if what == "width" else "%!(BADPREC)")
        elif what == "width":
            self.i, f.width = _parse_num(self.fmt, self.i)
        else:
            self.i, f.prec = _parse_num(self.fmt, self.i)
            f.prec = f.prec or 0


def _parse_flags(fmt: str, i: int, f: _Flags) -> int:
    names = {"+": "plus", "-": "minus", "#": "sharp", " ": "space", "0": "zero"}
    while i < len(fmt) and fmt[i] in names:
        setattr(f, names[fmt[i]], True)
        i += 1
    return i


def _parse_num(fmt: str, i: int):
    j = i
    while j < len(fmt) and fmt[j].isdigit() and fmt[j].isascii():
        j += 1
    return j, (int(fmt[i:j]) if j > i else None)


def _arg_index(fmt: str, i: int, argi: int, nargs: int):
    """Go's "[n]" explicit argument index: (index after, new argi, ok, reordered)."""
    if i >= len(fmt) or fmt[i] != "[":
        return i, argi, True, False
    close = fmt.find("]", i)
    if close < 0:
        return len(fmt), argi, False, True
    digits = fmt[i + 1:close]
    if not digits.isdigit() or not 1 <= int(digits) <= nargs:
        return close + 1, argi, False, True
    return close + 1, int(digits) - 1, True, True


def _star_arg(f: _Flags, what: str, args, argi: int):
    if argi >= len(args) or type(args[argi]) is not int:
        return argi + (argi < len(args)), True
    v = args[argi]
    if what == "width":
        f.width, f.minus = abs(v), f.minus or v < 0
        return argi + 1, False
    f.prec = v if v >= 0 else None
    return argi + 1, v < 0


def _bad_verb(arg, verb: str, f: _Flags) -> str:
    if arg is None or arg is MISSING:
        return "%!" + verb + "(<nil>)"
    return "%!" + verb + "(" + _go_type(arg) + "=" + _fmt_arg(arg, "v", f) + ")"


def _fmt_arg(arg, verb: str, f: _Flags) -> str:
    if verb == "T":
        return f.pad(_go_type(arg))
    if arg is None or arg is MISSING:
        return f.pad("<nil>") if verb == "v" else _bad_verb(arg, verb, f)
    t = type(arg)
    if t is bool:
        return f.pad("true" if arg else "false") if verb in "tv" else _bad_verb(arg, verb, f)
    if t is int:
        return _fmt_int(arg, verb, f) if verb in "bcdoOqxXUv" else _bad_verb(arg, verb, f)
    if t is float:
        return _fmt_float(arg, verb, f) if verb in "veEfFgGxX" else _bad_verb(arg, verb, f)
    if t is str:
        return _fmt_str(arg, verb, f) if verb in "vsqxX" else _bad_verb(arg, verb, f)
    if isinstance(arg, (list, tuple)):
        return "[" + " ".join(_fmt_arg(v, verb, f) for v in arg) + "]"
    if isinstance(arg, dict):
        items = (_fmt_arg(k, verb, f) + ":" + _fmt_arg(arg[k], verb, f) for k in _sorted_keys(arg))
        return "map[" + " ".join(items) + "]"
    if verb in "vsqxX":
        return _fmt_str(go_str(arg), verb, f)
    return _bad_verb(arg, verb, f)


def _sign(neg: bool, f: _Flags) -> str:
    return "-" if neg else "+" if f.plus else " " if f.space else ""


def _fmt_int(v: int, verb: str, f: _Flags) -> str:
    if verb == "c":
        return f.pad(chr(v) if 0 <= v <= 0x10FFFF else "\ufffd")
    if verb == "q":
        return f.pad(_quote_rune(v, f.plus))
    if verb == "U":
        s = "U+%04X" % v
        if f.sharp and 0 <= v <= 0x10FFFF and chr(v).isprintable():
            s += " '%s'" % chr(v)
        return f.pad(s)
    base_fmt = {"d": "d", "v": "d", "b": "b", "o": "o", "O": "o", "x": "x", "X": "X"}[verb]
    neg = v < 0
    digits = format(abs(v), base_fmt)
    sign = _sign(neg, f)
    if f.prec is not None:
        digits = "" if f.prec == 0 and v == 0 else digits.zfill(f.prec)
    elif f.zero and f.width is not None and not f.minus:
        digits = digits.zfill(f.width - len(sign))
    prefix = ""
    if verb == "O" or (f.sharp and verb == "o" and not digits.startswith("0")):
        prefix = "0o" if verb == "O" else "0"
    elif f.sharp and verb in "bxX":
        prefix = {"b": "0b", "x": "0x", "X": "0X"}[verb]
    return f.pad(sign + prefix + digits, False)


def _fmt_float(v: float, verb: str, f: _Flags) -> str:
    special = _special_float(v)
    if special:
        if special == "+Inf" and not f.plus:
            special = " Inf" if f.space else "+Inf"
        return f.pad(special, False)
    neg = math.copysign(1.0, v) < 0
    a = abs(v)
    if verb in "xX":
        s = _hex_float(a, verb == "X", f.prec)
    elif f.prec is None and verb in "vgG":
        s = _format_float_v(a, verb == "G")
    else:
        prec = 6 if f.prec is None else f.prec
        s = ("%." + str(prec) + ("g" if verb == "v" else verb)) % a
    sign = _sign(neg, f)
    if f.zero and f.width is not None and not f.minus:
        s = s.zfill(f.width - len(sign))
    return f.pad(sign + s, False)


def _hex_float(a: float, upper: bool, prec) -> str:
    """fmt's %x of a float64: 0x1.8p+01."""
    if a == 0:
        mant, exp = "0x0", 0
    else:
        h = a.hex()  # 0x1.8000000000000p+1
        body, _, e = h.partition("p")
        ip, _, fp = body.partition(".")
        fp = fp.rstrip("0")
        if prec is not None:
            fp = fp[:prec].ljust(prec, "0")
        mant, exp = ip + ("." + fp if fp else ""), int(e)
    s = "%sp%s%02d" % (mant, "-" if exp < 0 else "+", abs(exp))
    return s.upper() if upper else s


def _fmt_str(s: str, verb: str, f: _Flags) -> str:
    if verb in "vs":
        if f.prec is not None:
            s = s[:f.prec]
        return f.pad(s)
    if verb == "q":
        if f.prec is not None:
            s = s[:f.prec]
        if f.sharp and "`" not in s and all(c == "\t" or (c.isprintable() and c != "\ufeff") for c in s):
            return f.pad("`" + s + "`")
        return f.pad(_go_quote(s, f.plus))
    data = s.encode("utf-8", "surrogatepass")
    if f.prec is not None:
        data = data[:f.prec]
    digits = ["%02x" % b for b in data]
    if f.space:
        s = " ".join(("0x" + d if f.sharp else d) for d in digits)
    else:
        s = ("0x" if f.sharp and digits else "") + "".join(digits)
    return f.pad(s.upper() if verb == "X" else s)


def _sprint(args) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    parts: list[str] = []
    prev_string = False
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i > 0 and not is_string and not prev_string:
            parts.append(" ")
        parts.append(go_str(a))
        prev_string = is_string
    return "".join(parts)


def _sprintln(args) -> str:
    return " ".join(go_str(a) for a in args) + "\n"


# ---------------------------------------------------------------------------------------------
# Builtin functions (text/template's funcs.go)
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# docker's functions (cli/templates/templates.go)
# ---------------------------------------------------------------------------------------------


def _json_escape_table(html: bool) -> dict:
    table = {i: "\\u%04x" % i for i in range(0x20)}
    table.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 0x22: '\\"', 0x5C: "\\\\",
                  0x2028: "\\u2028", 0x2029: "\\u2029"})
    if html:
        table.update({0x3C: "\\u003c", 0x3E: "\\u003e", 0x26: "\\u0026"})
    return table


_JSON_TABLES: dict = {}


def _json_string(s: str, html: bool) -> str:
    table = _JSON_TABLES.get(html)
    if table is None:
        table = _JSON_TABLES[html] = _json_escape_table(html)
    s = s.translate(table)
    if not s.isascii() and any(0xD800 <= ord(c) < 0xE000 for c in s):
        s = "".join("\\ufffd" if 0xD800 <= ord(c) < 0xE000 else c for c in s)
    return '"' + s + '"'


class _JSONUnsupported(Exception):
    pass


def _json_encode(v, html: bool) -> str:
    if v is None or v is MISSING:
        return "null"
    t = type(v)
    if t is str:
        return _json_string(v, html)
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        if math.isnan(v) or math.isinf(v):
            raise _JSONUnsupported
        return _format_float_json(v)
    if isinstance(v, dict):
        items = (_json_string(k if isinstance(k, str) else go_str(k), html) + ":" + _json_encode(x, html)
                 for k, x in v.items())
        return "{" + ",".join(items) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(_json_encode(x, html) for x in v) + "]"
    for base in (str, int, float):  # subclasses, e.g. enums
        if isinstance(v, base):
            return _json_encode(base(v), html)
    to_json = getattr(v, "to_json", None)
    if callable(to_json):
        return _json_encode(to_json(), True)  # docker's MarshalJSON: json.Marshal escapes HTML
    fields = getattr(v, "__dict__", None)
    if isinstance(fields, dict):
        return _json_encode({k: x for k, x in fields.items() if k[:1].isupper()}, html)
    return _json_string(str(v), html)


def _json(v):
    try:
        return _json_encode(v, False)
    except _JSONUnsupported:
        return ""  # docker ignores the encoder's error and prints nothing


def _split(s, sep):
    if sep == "":
        return list(s)
    return s.split(sep)


def _join(elems, sep):
    return sep.join(elems)


def _case_map(s: str, upper: bool) -> str:
    if s.isascii():
        return s.upper() if upper else s.lower()
    out = []
    for c in s:
        m = c.upper() if upper else c.lower()
        out.append(m if len(m) == 1 else c)
    return "".join(out)


def _upper(s):
    return _case_map(s, True)


def _lower(s):
    return _case_map(s, False)


def _is_title_separator(c: str) -> bool:
    if c <= "\x7f":
        return not (c.isalnum() or c == "_")
    if c.isalpha() or c.isdecimal():
        return False
    return c.isspace()


def _title(s):
    """strings.Title: upper-case the first letter of each word."""
    out = []
    prev = " "
    for c in s:
        if _is_title_separator(prev):
            u = c.upper()
            out.append(u if len(u) == 1 else c)
        else:
            out.append(c)
        prev = c
    return "".join(out)


def _pad(source, prefix, suffix):
    if source == "":
        return source
    if prefix < 0 or suffix < 0:
        raise _FuncError("strings: negative Repeat count")
    return " " * prefix + source + " " * suffix


def _truncate(source, length):
    data = source.encode("utf-8", "surrogatepass")
    if len(data) < length:
        return source
    if length < 0:
        raise _FuncError("runtime error: slice bounds out of range [:%d]" % length)
    return data[:length].decode("utf-8", "replace")


_BUILTINS: dict | None = None


def _builtin_specs() -> dict:
    global _BUILTINS
    if _BUILTINS is None:
        V = VALUE
        _BUILTINS = {
            "and": _Spec(None, (V,), V, "and"),
            "or": _Spec(None, (V,), V, "or"),
            "call": _Spec(_call, (V,), V, "call"),
            "html": _Spec(_html, (), ANY),
            "index": _Spec(_index, (V,), V),
            "slice": _Spec(_slice, (V,), V),
            "js": _Spec(_js, (), ANY),
            "len": _Spec(_length, (V,)),
            "not": _Spec(_not, (V,)),
            "print": _Spec(_print, (), ANY),
            "printf": _Spec(_printf, (STRING,), ANY),
            "println": _Spec(_println, (), ANY),
            "urlquery": _Spec(_urlquery, (), ANY),
            "eq": _Spec(_eq, (V,), V),
            "ge": _Spec(_ge, (V, V)),
            "gt": _Spec(_gt, (V, V)),
            "le": _Spec(_le, (V, V)),
            "lt": _Spec(_lt, (V, V)),
            "ne": _Spec(_ne, (V, V)),
            # docker's basicFunctions
            "json": _Spec(_json, (ANY,)),
            "split": _Spec(_split, (STRING, STRING)),
            "join": _Spec(_join, (STRINGS, STRING)),
            "title": _Spec(_title, (STRING,)),
            "lower": _Spec(_lower, (STRING,)),
            "upper": _Spec(_upper, (STRING,)),
            "pad": _Spec(_pad, (STRING, INT, INT)),
            "truncate": _Spec(_truncate, (STRING, INT)),
        }
    return _BUILTINS
