"""text/template in Python: Parser."""

from __future__ import annotations

from ._base import TemplateParseError
from .lexer import (
    T_ASSIGN,
    T_BLOCK,
    T_BOOL,
    T_BREAK,
    T_CHAR,
    T_CHARCONST,
    T_COMPLEX,
    T_CONTINUE,
    T_DECLARE,
    T_DEFINE,
    T_DOT,
    T_ELSE,
    T_END,
    T_EOF,
    T_ERROR,
    T_FIELD,
    T_IDENT,
    T_IF,
    T_LDELIM,
    T_LPAREN,
    T_NIL,
    T_NUMBER,
    T_PIPE,
    T_RANGE,
    T_RAWSTRING,
    T_RDELIM,
    T_RPAREN,
    T_SPACE,
    T_STRING,
    T_TEMPLATE,
    T_TEXT,
    T_VARIABLE,
    T_WITH,
    _Lexer,
    _Token,
)
from .literals import _new_number, _unquote
from .nodes import (
    ActionNode,
    BoolNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ContinueNode,
    DotNode,
    FieldNode,
    IdentifierNode,
    IfNode,
    ListNode,
    NilNode,
    PipeNode,
    RangeNode,
    StringNode,
    TemplateNode,
    TextNode,
    VariableNode,
    WithNode,
    _ElseNode,
    _EndNode,
    _LITERAL_NODES,
    _is_empty_tree,
)
from .values import _go_quote


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
        """The trees; nesting deeper than Python's stack allows (Go stops parentheses at 10000 levels with
        this message, and would go on with {{if}}s) is a parse error, never a RecursionError."""
        try:
            return self._parse()
        except RecursionError:
            self.errorf("max expression depth exceeded")

    def _parse(self) -> dict[str, ListNode]:
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
