"""text/template in Python: Nodes."""

from __future__ import annotations

from .values import _go_quote


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
