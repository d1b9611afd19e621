"""The Go template engine (pydock.render.gotemplate): parsing raises only TemplateParseError, executing only
TemplateExecError, whatever the text and the data; the parse tree prints (Go's Tree.String) to a template
that parses to the same tree and executes to the same output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pydock.render import gotemplate
from pydock.render.formatter import HEADER_FUNCS, HeaderContext

from ._fuzz import check_typed, junk

FIELDS = [".", ".Name", ".Labels", ".Labels.a", ".List", ".Num", ".F", ".Nil", ".Nil.X", ".Missing", ".Missing.X",
          ".Map.k", ".Bool", ".Name.Bad", ".Label", "$", "$.Name", "$x", "$y", ".Ports", ".Big", ".Neg"]
LITERALS = ['"s"', '""', "`raw`", "'a'", "'\\n'", "'\\x41'", "'\\u00e9'", "''", "'ab'", "1", "-1", "0", "0x1F", "0o17",
            "0b11", "1_000", "1e3", "1.5", ".5", "2i", "1e400", "99999999999999999999", "-9223372036854775808",
            "0x1p-2", "1__0", "true", "false", "nil", '"a\\tb"', '"\\u00e9"', '"\\z"', "1.", "+1"]
FUNCS = ["json", "split", "join", "title", "lower", "upper", "pad", "truncate", "printf", "len", "index", "slice",
         "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "print", "println", "urlquery", "html", "js", "call",
         "bogus"]


@st.composite
def pipelines(draw, depth: int = 0):
    def arg():
        roll = draw(st.integers(0, 9))
        if roll < 4:
            return draw(st.sampled_from(FIELDS))
        if roll < 8 or depth >= 2:
            return draw(st.sampled_from(LITERALS))
        return "(" + draw(pipelines(depth + 1)) + ")"

    commands = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            commands.append(" ".join([draw(st.sampled_from(FUNCS))] + [arg() for _ in range(draw(st.integers(0, 3)))]))
        else:
            commands.append(arg())
    decl = draw(st.sampled_from(["", "", "", "$x := ", "$x = ", "$x, $y := ", "$y := "]))
    return decl + " | ".join(commands)


@st.composite
def templates(draw, depth: int = 0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        roll = draw(st.integers(0, 12))
        left, right = draw(st.sampled_from(["{{", "{{- ", "{{-"])), draw(st.sampled_from(["}}", " -}}", "-}}"]))
        body = (lambda: draw(templates(depth + 1))) if depth < 2 else (lambda: draw(st.sampled_from(["", "x", "{{.}}"])))
        if roll <= 3:
            parts.append(draw(st.sampled_from(["", "text ", "\n", "\t", "é", "{", "}", "{{{", "\\n"])))
        elif roll <= 6:
            parts.append(f"{left}{draw(pipelines())}{right}")
        elif roll == 7:
            els = draw(st.sampled_from(["", "{{else}}", "{{else if .Bool}}", "{{else with .Name}}"]))
            kind = draw(st.sampled_from(["if", "with", "range"]))
            parts.append(f"{{{{{kind} {draw(pipelines())}}}}}{body()}{els}{body() if els else ''}{{{{end}}}}")
        elif roll == 8:
            loop = draw(st.sampled_from(["", "{{break}}", "{{continue}}"]))
            var = draw(st.sampled_from(["", "$i, $v := ", "$v := ", "$i, $v = "]))
            parts.append(f"{{{{range {var}{draw(st.sampled_from(FIELDS))}}}}}{body()}{loop}{{{{end}}}}")
        elif roll == 9:
            name = draw(st.sampled_from(['"t"', '"u"', '""', "`t`"]))
            parts.append(draw(st.sampled_from([f"{{{{define {name}}}}}{body()}{{{{end}}}}",
                                               f"{{{{template {name} .}}}}", f"{{{{template {name}}}}}",
                                               f"{{{{block {name} .Name}}}}{body()}{{{{end}}}}"])))
        elif roll == 10:
            parts.append(draw(st.sampled_from(["{{/* c */}}", "{{- /* c */ -}}", "{{/* open", "{{end}}", "{{else}}",
                                               "{{break}}", "{{", "}}", "{{.Name", "{{)}}", "{{(}}", "{{|}}",
                                               "{{$}}", "{{$z}}", "{{.Name.}}", "{{..}}", '{{"unterminated}}',
                                               "{{range}}{{end}}", "{{if}}{{end}}"])))
        else:
            parts.append(draw(junk))
    return "".join(parts)


class Method:
    go_type = "*fuzz.Ctx"

    def __init__(self):
        self.Name = "m"

    def Label(self, name: str) -> str:  # noqa: N802 (a Go method)
        return name.upper()


DATA = [
    {"Name": "web", "Labels": {"a": "1", "b": ""}, "List": ["x", "y"], "Num": 3, "F": 1.5, "Nil": None, "Bool": True,
     "Map": {"k": [1, 2]}, "Ports": [{"P": 80}], "Big": 1 << 62, "Neg": -7},
    {"Name": "", "List": [], "Labels": {}, "Num": 0, "Bool": False},
    [1, "two", None],
    None,
    Method(),
]


def _execute(tmpl, data):
    return tmpl.execute(data)


def _reprint(tmpl) -> str:
    return str(tmpl._trees[""]) if "" in tmpl._trees else ""


@given(st.one_of(templates(), junk), st.sampled_from(range(len(DATA))), st.booleans())
def test_templates_raise_only_template_errors_and_reprint_stably(text, which, missingkey_error):
    tmpl, _ = check_typed(gotemplate.parse, text, missingkey="error" if missingkey_error else "default",
                          errors=(gotemplate.TemplateParseError,), one_line=False)
    if tmpl is None:
        return
    out, err = check_typed(_execute, tmpl, DATA[which], errors=(gotemplate.TemplateExecError,), one_line=False)
    if "define" in text or "block" in text:  # other trees are not part of the root's print
        return
    printed = _reprint(tmpl)
    again = gotemplate.parse(printed, missingkey="error" if missingkey_error else "default")
    assert _reprint(again) == printed, (text, printed)
    if out is not None and not any(f in text for f in ("printf", "println", "print")):
        assert again.execute(DATA[which]) == out, (text, printed)


@given(templates())
def test_header_pass_raises_only_template_errors(text):
    """The header row runs the same template with docker's header functions and a context of titles."""
    tmpl, _ = check_typed(gotemplate.parse, text, HEADER_FUNCS, errors=(gotemplate.TemplateParseError,),
                          one_line=False)
    if tmpl is not None:
        check_typed(_execute, tmpl, HeaderContext({"Name": "NAME", "List": "LIST"}),
                    errors=(gotemplate.TemplateExecError,), one_line=False)


def test_deep_nesting_is_an_error_not_a_crash():
    for text in ("{{" + "(" * 3000 + ".Name" + ")" * 3000 + "}}", "{{if 1}}" * 2000 + "{{end}}" * 2000,
                 '{{define "t"}}{{template "t" .}}{{end}}{{template "t" .}}'):
        tmpl, _ = check_typed(gotemplate.parse, text, errors=(gotemplate.TemplateParseError,), one_line=False)
        if tmpl is not None:
            check_typed(_execute, tmpl, DATA[0], errors=(gotemplate.TemplateExecError,), one_line=False)


def test_nesting_past_the_stack_is_a_parse_error():
    for text in ("{{" + "(" * 3000 + ".Name" + ")" * 3000 + "}}", "{{if 1}}" * 2000 + "{{end}}" * 2000):
        _, err = check_typed(gotemplate.parse, text, errors=(gotemplate.TemplateParseError,))
        assert str(err) == "template: :1: max expression depth exceeded"
