"""text/template in Python: Executor."""

from __future__ import annotations

from ._base import MISSING, TemplateError, TemplateExecError, _NOATTR, _NOFINAL
from .docker_funcs import _builtin_specs
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
    NumberNode,
    PipeNode,
    RangeNode,
    StringNode,
    TemplateNode,
    TextNode,
    VariableNode,
    WithNode,
)
from .parser import _Parser
from .specs import ANY, INT, STRING, STRINGS, VALUE, _Spec, _spec_of, _user_spec
from .values import _go_quote, _go_type, _sorted_keys, go_str, truthy


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
            state = _State(self, out, data)
            try:
                state.walk_list(data, root)
            except RecursionError:  # nesting deeper than Python's stack: an error, never a crash
                raise TemplateExecError(self._exec_message(state.node, "", "max expression depth exceeded")) from None
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
