"""Tests for pydock.render.gotemplate, a Go text/template clone.

Expected values are Go's (text/template, fmt, encoding/json as of Go 1.24) as docker 28 prints them,
e.g. `docker ps -a --format '<template>'` and `docker inspect --format '<template>'`.
"""

from __future__ import annotations

import pytest

from pydock.render import gotemplate as gt
from pydock.render.gotemplate import MISSING, TemplateExecError, TemplateParseError, go_str, parse, truthy


class Ctx:
    """Stands in for docker's *formatter.ContainerContext."""

    go_type = "*formatter.ContainerContext"
    Names = "web"
    Count = 3

    def __init__(self, ident="abc123", labels=None):
        self._id = ident
        self._labels = labels if labels is not None else {"com.x": "1", "env": "prod"}

    def ID(self):  # noqa: N802
        return self._id

    def Image(self):  # noqa: N802
        return "busybox"

    def Label(self, name):  # noqa: N802
        return self._labels.get(name, "")

    def Labels(self):  # noqa: N802
        return ",".join("%s=%s" % kv for kv in sorted(self._labels.items()))

    def Fail(self):  # noqa: N802
        raise RuntimeError("boom")

    def lower_case(self):
        return "hidden"

    def __str__(self):
        return "{ctx}"


class Plain:
    """No go_type: its Go type name is *Plain."""

    Value = 1


class Marshal:
    """Has MarshalJSON (to_json): encoded with HTML escaping, keys in the given order."""

    def to_json(self):
        return {"Name": "<a&b>", "Age": 3}


CTX = Ctx()
DATA = {
    "Str": "hello",
    "Empty": "",
    "Int": 42,
    "Zero": 0,
    "Float": 1.5,
    "True": True,
    "False": False,
    "Nil": None,
    "List": ["a", "b", "c"],
    "EmptyList": [],
    "Map": {"b": 2, "a": 1},
    "Labels": {"com.x": "1", "env": "prod"},
    "Nested": {"Inner": {"Deep": "down"}},
    "Ctx": CTX,
}


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

RENDER_CASES = [
    # text, fields, methods
    ("plain text", None, "plain text"),
    ("", None, ""),
    ("{{.ID}} {{.Names}} {{.Count}}", CTX, "abc123 web 3"),
    ('{{.Label "com.x"}}|{{.Label "nope"}}', CTX, "1|"),
    ("{{.Str}} {{.Int}} {{.Float}} {{.True}} {{.Nested.Inner.Deep}}", DATA, "hello 42 1.5 true down"),
    ("{{.}}", "dot", "dot"),
    ("{{.}}", None, "<nil>"),
    ("{{.}}", CTX, "{ctx}"),
    ("{{$}}", 5, "5"),
    ("{{$.Str}}", DATA, "hello"),
    ("{{.Ctx.ID}}", DATA, "abc123"),
    ('{{.Ctx.Label "env"}}', DATA, "prod"),
    ("{{.Names | .Label}}", CTX, ""),
    # missing keys and nils
    ("{{.Missing}}", DATA, "<no value>"),
    ("{{.Missing.Deeper}}", DATA, "<no value>"),
    ("{{.Nil}}", DATA, "<nil>"),
    ("{{.List}} {{.EmptyList}} {{.Map}}", DATA, "[a b c] [] map[a:1 b:2]"),
    ('{{printf "%v" .Missing}}', DATA, "<nil>"),
    ('{{.Missing | printf "%v"}}', DATA, "<nil>"),
    ("{{print .Missing}}", DATA, "<nil>"),
    ("{{html .Missing}}", DATA, "&lt;no value&gt;"),
    ("{{js .Nil}}", DATA, "\\u003Cno value\\u003E"),
    ("{{json .Missing}} {{json .Nil}}", DATA, "null null"),
    ("{{$x := .Missing}}{{$x}}", DATA, "<no value>"),
    # literals
    ('{{"a\\tb\\u00e9\\x41\\101"}}', None, "a\tbéAA"),
    ("{{`raw\\n`}}", None, "raw\\n"),
    ("{{0x1F}} {{0o17}} {{0b101}} {{1_000}} {{010}} {{'a'}} {{1.5e3}} {{.5}} {{-.5}} {{+3}} {{1e3}} {{0x1p4}} {{-0}} {{1.0}}",
     None, "31 15 5 1000 8 97 1500 0.5 -0.5 3 1000 16 0 1"),
    ("{{1e6}} {{123.0}} {{0.5}} {{1e21}} {{1234567.0}} {{0.00001}}", None, "1e+06 123 0.5 1e+21 1.234567e+06 1e-05"),
    ("{{true}} {{false}}", None, "true false"),
    ("{{-3}}", None, "-3"),
    ("{{1i}}", None, "(0+1i)"),
    # trim markers and comments
    ('{{- " x " -}}  {{- /* c */ -}}  | {{3 -}} 4 {{- 5}}', None, " x | 345"),
    ("a {{/* comment */}} b", None, "a  b"),
    ("a\n  {{- /* c */}} b", None, "a b"),
    ("x  {{- 1 -}}\n\t y", None, "x1y"),
    ("{{.Str\n}}", DATA, "hello"),
    # variables
    ("{{$x := 1}}{{$x = 2}}{{$x}}", None, "2"),
    ("{{$x := 5}}{{$x}}{{if true}}{{$x := 6}}{{$x}}{{end}}{{$x}}", None, "565"),
    ("{{$x := 5}}{{if true}}{{$x = 6}}{{end}}{{$x}}", None, "6"),
    ('{{with $x := "v"}}{{$x}}{{.}}{{end}}', None, "vv"),
    ("{{$c := .Ctx}}{{$c.ID}}", DATA, "abc123"),
    ("{{$x := .Str}}", DATA, ""),
    # if / else if / else
    ("{{if .True}}y{{else}}n{{end}}", DATA, "y"),
    ("{{if .False}}y{{else}}n{{end}}", DATA, "n"),
    ("{{if .Empty}}y{{else if .Zero}}z{{else if .List}}l{{else}}n{{end}}", DATA, "l"),
    ("{{if .Missing}}y{{else}}n{{end}}", DATA, "n"),
    ("{{if .Nil}}y{{else}}n{{end}}", DATA, "n"),
    ("{{if .EmptyList}}y{{else}}n{{end}}|{{if .Map}}y{{end}}", DATA, "n|y"),
    ('{{if eq .Image "nope"}}a{{else if eq .Image "busybox"}}b{{else}}c{{end}}', CTX, "b"),
    ("{{if and .True .Int}}ok{{end}}", DATA, "ok"),
    # with
    ("{{with .Nested.Inner}}{{.Deep}}{{end}}", DATA, "down"),
    ("{{with .Empty}}x{{else}}empty{{end}}", DATA, "empty"),
    ('{{with ""}}x{{else with "y"}}{{.}}{{end}}', None, "y"),
    ("{{with .Ctx}}{{.ID}}{{end}}", DATA, "abc123"),
    # range
    ('{{range $i, $e := split "a,b,c" ","}}{{$i}}={{$e}};{{end}}', None, "0=a;1=b;2=c;"),
    ("{{range .List}}[{{.}}]{{end}}", DATA, "[a][b][c]"),
    ("{{range $k, $v := .Map}}{{$k}}={{$v}};{{end}}", DATA, "a=1;b=2;"),
    ("{{range .Map}}{{.}}{{end}}", DATA, "12"),
    ("{{range .EmptyList}}x{{else}}empty{{end}}", DATA, "empty"),
    ("{{range .Missing}}x{{else}}none{{end}}", DATA, "none"),
    ("{{range .Nil}}x{{else}}none{{end}}", DATA, "none"),
    ('{{range split "a,b,c" ","}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}}', None, "a"),
    ('{{range split "a,b,c" ","}}{{if eq . "b"}}{{continue}}{{end}}{{.}}{{end}}', None, "ac"),
    ("{{range 3}}{{.}}{{end}}", None, "012"),
    ("{{range $i := 3}}{{$i}}{{end}}", None, "012"),
    ("{{range -1}}x{{end}}", None, ""),
    ("{{range $e := .List}}{{$e}}{{$.Str}}{{end}}", DATA, "ahellobhellochello"),
    ("{{range .List}}{{$x := .}}{{$x}}{{end}}", DATA, "abc"),
    ('{{$x := 1}}{{range $x = split "a,b" ","}}{{$x}}{{end}}|{{$x}}', None, "ab|b"),
    ('{{$i := 0}}{{$e := 0}}{{range $i, $e = split "a,b" ","}}{{$i}}{{$e}}{{end}}|{{$i}}{{$e}}', None, "0a1b|1b"),
    # pipelines and parentheses
    ('{{.Names | printf "%s-%s" "x"}}', CTX, "x-web"),
    ('{{"a" | len}}', None, "1"),
    ('{{(index (split "a.b" ".") 1)}}', None, "b"),
    ("{{(.Nested).Inner.Deep}}", DATA, "down"),
    ('{{.ID | len | printf "%d-%s" 3}}', CTX, "3-%!s(int=6)"),
    ('{{.Str | upper | lower | printf "%q"}}', DATA, '"hello"'),
    ("{{.Str|}}", DATA, "hello"),
    # and / or / not
    ('{{and 1 0 2}} {{or 0 "" 3}} {{and 1 2}} {{or 0 ""}} {{not 0}} {{not "a"}}', None, "0 3 2  true false"),
    ('{{or 0 ""}}x{{and "a" 0.0}}', None, "x0"),
    ("{{and 0 (index 1 2)}}", None, "0"),
    ("{{or 1 (index 1 2)}}", None, "1"),
    ("{{.Str | and 1}} {{0 | or false}}", DATA, "hello 0"),
    # comparisons
    ('{{eq "a" "b" "a"}} {{ne 1 2}} {{lt "a" "b"}} {{le 2 2}} {{gt 1.5 2.5}} {{ge 3 2}}', None, "true true true true false true"),
    ('{{le "b" "a"}}|{{gt "b" "a"}}|{{ge 1 1}}|{{lt 1 2}}|{{eq true true}}|{{eq 1.5 1.5}}', None, "false|true|true|true|true|true"),
    ('{{eq .Nil nil}} {{eq .Nil "x"}} {{eq .Missing nil}} {{eq .Str .Str}}', DATA, "true false true true"),
    ("{{eq .Ctx .Ctx}}", DATA, "true"),
    # len / index / slice
    ('{{len "héllo"}} {{len .List}} {{len .Map}} {{len ""}}', DATA, "6 3 2 0"),
    ('{{index "abc" 0}} {{index .List 1}} {{index .Map "b"}} {{index .List}}', DATA, "97 b 2 [a b c]"),
    ('{{index .Labels "env"}}|{{index .Labels "zz"}}|{{index .Map "zz"}}', DATA, "prod||<no value>"),
    ('{{index (split "a,b" ",") 0 0}}', None, "97"),
    ('{{slice "abcdef" 1 3}} {{slice "héllo" 1 3}} {{slice .List 1}} {{slice .List}} {{slice "ab" 2}}|', DATA,
     "bc é [b c] [a b c] |"),
    ("{{slice .List 0 1 2}}", DATA, "[a]"),
    # print / println / printf
    ('{{print 1 2 "a" 3 "b" "c"}}', None, "1 2a3bc"),
    ('{{print "a" 1 2 "b"}}|{{print 1.5 true nil}}|{{print}}', None, "a1 2b|1.5 true <nil>|"),
    ('{{println "a" 1 2 "b"}}|{{println}}|', None, "a 1 2 b\n|\n|"),
    ('{{printf "%5s|%-5s|%05d|%x|%X|%.2f|%t|%%|%v" "a" "b" 42 255 "hi" 3.14159 true 1.5}}', None,
     "    a|b    |00042|ff|6869|3.14|true|%|1.5"),
    ('{{printf "%d %s"}}', None, "%!d(MISSING) %!s(MISSING)"),
    ('{{printf "%d" "x"}} {{printf "%s" 5}} {{printf "%d" 1 2}}', None, "%!d(string=x) %!s(int=5) 1%!(EXTRA int=2)"),
    ('{{printf "%q" 65}} {{printf "%c" 65}} {{printf "%v" nil}} {{printf "%s" nil}} {{printf "%d" 1.5}}', None,
     "'A' A <nil> %!s(<nil>) %!d(float64=1.5)"),
    ('{{printf "%6.2f|%-8.3e|%g|%G|%e" 3.14159 1234.5678 0.000012345 1e21 100.0}}', None,
     "  3.14|1.235e+03|1.2345e-05|1E+21|1.000000e+02"),
    ('{{printf "%+d|% d|%o|%b|%#x|%#o|%U" 5 5 8 5 255 8 233}}', None, "+5| 5|10|101|0xff|010|U+00E9"),
    ('{{printf "%.3s|%10.2s|%T %T %T %T" "abcdef" "xyz" 1 "a" 1.5 true}}', None, "abc|        xy|int string float64 bool"),
    ('{{printf "%v %v" (split "a,b" ",") (len "é")}}', None, "[a b] 2"),
    ('{{printf "%x % x %X" "hé" "ab" 3.5}}', None, "68c3a9 61 62 0X1.CP+01"),
    ('{{printf "%5t|%-7v|%3c|" true 12 97}}', None, " true|12     |  a|"),
    ('{{printf "%!"}} {{printf "%z" 1}} {{printf "abc%"}}', None, "%!!(MISSING) %!z(int=1) abc%!(NOVERB)"),
    ('{{printf "%*d|%-*d|%.*f" 5 1 4 2 2 3.14159}}', None, "    1|2   |3.14"),
    ('{{printf "%[2]d %[1]d" 1 2}}', None, "2 1"),
    ('{{printf "%[3]v %v" 1 2}}', None, "%!v(BADINDEX) 1"),
    ('{{printf "%*d" "x" 1}}', None, "%!(BADWIDTH)1"),
    ('{{printf "%08.3f|%+.1e|%x" -3.14159 12345.0 -255}}', None, "-003.142|+1.2e+04|-ff"),
    ('{{printf "%q" `a\\b`}} {{printf "%#q" "a\\\\b"}}', None, '"a\\\\b" `a\\b`'),
    ('{{printf "%q" "a\\"b\\x01é\\u2028\\x7f\\a\\\\"}}', None, '"a\\"b\\x01é\\u2028\\x7f\\a\\\\"'),
    ('{{printf "%05s|%-05d|%5d|%#08x|%x|%08.2f|%+v|%6.1v" "ab" 3 "x" 255 3.5 -1.5 2 3.14159}}', None,
     "000ab|3    |%!d(string=    x)|0x000000ff|0x1.cp+01|-0001.50|2|     3"),
    ('{{printf "%v|%d|%s|%5v" (split "a,b" ",") (split "a,b" ",") 1.5 (split "a,b" ",")}}', None,
     "[a b]|[%!d(string=a) %!d(string=b)]|%!s(float64=1.5)|[    a     b]"),
    ('{{printf "%.0f|%.1f|%e|%g|%g|%g" 2.5 0.25 0.0 100000.0 1000000.0 0.0001}}', None, "2|0.2|0.000000e+00|100000|1e+06|0.0001"),
    ('{{printf "%v %v %v %.3g %.3g %g" 1e20 1e-5 123456.0 1234567.0 100.0 1e-7}}', None, "1e+20 1e-05 123456 1.23e+06 100 1e-07"),
    ('{{printf "%t|%v" 1 true}}', None, "%!t(int=1)|true"),
    ('{{printf "%q|%+q|%#q|%x|% x|%#x|%X" "héllo" "héllo" "a`b" "hé" "hé" "hé" "hé"}}', None,
     '"héllo"|"h\\u00e9llo"|"a`b"|68c3a9|68 c3 a9|0x68c3a9|68C3A9'),
    ('{{printf "%c|%q|%U|%#U|%q" 9731 10 9731 9731 1114112}}', None, "☃|'\\n'|U+2603|U+2603 '☃'|'�'"),
    ('{{printf "%6.2v|%-6.2s|%.1q" "abcdef" "abcdef" "abc"}}', None, "    ab|ab    |\"a\""),
    ('{{printf "%.2x|%08b|%o|%#o|%O" 5 5 -8 8 8}}', None, "05|00000101|-10|010|0o10"),
    ('{{printf "%v %v %v" 1e100 -0.0 100000000.0}}', None, "1e+100 -0 1e+08"),
    ('{{printf "%.2f%%" 12.345}}', None, "12.35%"),
    ('{{printf "%8.3f|%-8.2f|%+.1f" 3.14159 2.5 3.0}}', None, "   3.142|2.50    |+3.0"),
    ('{{printf "%s" true}}', None, "%!s(bool=true)"),
    ('{{printf "%v|%s" .Map .Ctx}}', DATA, "map[a:1 b:2]|{ctx}"),
    # html / js / urlquery
    ('{{html "<a&b>\\"x\'"}}', None, "&lt;a&amp;b&gt;&#34;x&#39;"),
    ('{{js "<a&b=c>\\"x\'"}}', None, "\\u003Ca\\u0026b\\u003Dc\\u003E\\\"x\\'"),
    ('{{js "é\\u2028\\n"}}', None, "é\\u2028\\u000A"),
    ('{{urlquery "a b&c=d/é~"}}', None, "a+b%26c%3Dd%2F%C3%A9~"),
    ('{{html 1 "a" 2}} {{js 1 2}} {{urlquery "a" 1}}', None, "1a2 1 2 a1"),
    ("{{urlquery}}|{{html}}", None, "|"),
    # docker's functions
    ('{{json "a<b>&"}} {{json 1.5}} {{json 1e21}} {{json 1e-7}} {{json 100000000000000000000.0}} {{json 0.000001}} '
     '{{json (split "a" ",")}} {{json nil}} {{json true}}', None,
     '"a<b>&" 1.5 1e+21 1e-7 100000000000000000000 0.000001 ["a"] null true'),
    ("{{json .}}", {"b": 1, "a": [1, "x", None], "c": {"z": "é\n\u2028"}}, '{"b":1,"a":[1,"x",null],"c":{"z":"é\\n\\u2028"}}'),
    ("{{json .}}", Marshal(), '{"Name":"\\u003ca\\u0026b\\u003e","Age":3}'),
    ("{{json .}}", [Marshal()], '[{"Name":"\\u003ca\\u0026b\\u003e","Age":3}]'),
    ("{{json .Labels}}", DATA, '{"com.x":"1","env":"prod"}'),
    ('{{split "a,b,c" ","}} {{len (split "" ",")}} {{split "abc" ""}}', None, "[a b c] 1 [a b c]"),
    ('{{join (split "a,b,c" ",") "+"}}', None, "a+b+c"),
    ('{{title "hello wORLD foo-bar x_y 1a"}}', None, "Hello WORLD Foo-Bar X_y 1a"),
    ('{{title "élan vital"}}', None, "Élan Vital"),
    ('{{lower "ÀB"}} {{upper "straße"}}', None, "àb STRAßE"),
    ('{{truncate "abcdef" 3}}|{{truncate "ab" 3}}|{{truncate "abc" 3}}|{{truncate "abc" 0}}|{{pad "x" 1 2}}|{{pad "" 2 2}}|', None,
     "abc|ab|abc|| x  ||"),
    ('{{truncate "héllo" 2}}', None, "h\ufffd"),
    # define / template / block
    ('{{define "x"}}X{{.}}{{end}}{{template "x" 5}}', None, "X5"),
    ('{{block "b" 7}}B{{.}}{{end}}', None, "B7"),
    ('{{define "t"}}[{{.}}]{{end}}{{range .List}}{{template "t" .}}{{end}}', DATA, "[a][b][c]"),
    ('{{define "n"}}{{.}}{{end}}{{template "n"}}', None, "<no value>"),
    ('{{define "a"}}A{{end}}text', None, "text"),
]


@pytest.mark.parametrize("template,data,expected", RENDER_CASES)
def test_render(template, data, expected):
    assert parse(template).execute(data) == expected


# --------------------------------------------------------------------------------------------
# Parse errors
# --------------------------------------------------------------------------------------------

PARSE_ERRORS = [
    ("{{foo}}", 'template: :1: function "foo" not defined'),
    ("{{é}}", 'template: :1: function "é" not defined'),
    ("{{.A}", "template: :1: bad character U+007D '}'"),
    ("{{.A }", 'template: :1: unexpected "}" in operand'),
    ('{{"a"}', 'template: :1: unexpected "}" in operand'),
    ("{{.A", "template: :1: unclosed action"),
    ("{{.A\n\n", "template: :3: unclosed action started at :1"),
    ("{{if .ID}}x", "template: :1: unexpected EOF"),
    ("{{end}}", "template: :1: unexpected {{end}}"),
    ("{{else}}", "template: :1: unexpected {{else}}"),
    ("{{$x}}", 'template: :1: undefined variable "$x"'),
    ('{{range $i, $e := split "a,b" ","}}{{end}}{{$i}}', 'template: :1: undefined variable "$i"'),
    ("{{}}", "template: :1: missing value for command"),
    ("{{if}}{{end}}", "template: :1: missing value for if"),
    ("{{range}}{{end}}", "template: :1: missing value for range"),
    ("{{with}}{{end}}", "template: :1: missing value for with"),
    ("{{$x := }}", "template: :1: missing value for command"),
    ("{{(.ID}}", "template: :1: unclosed left paren"),
    ("{{.ID)}}", "template: :1: unexpected right paren"),
    ("{{if .ID}}a{{else}}b{{else}}c{{end}}", "template: :1: expected end; found {{else}}"),
    ("{{range $a, $b, $c := .ID}}{{end}}", "template: :1: too many declarations in range"),
    ("{{$a, $b := .ID}}", "template: :1: too many declarations in command"),
    ("{{range $a, 3}}{{end}}", "template: :1: range can only initialize variables"),
    ("{{break}}", "template: :1: {{break}} outside {{range}}"),
    ("{{continue}}", "template: :1: {{continue}} outside {{range}}"),
    ("{{range .A}}{{break 1}}{{end}}", 'template: :1: unexpected "1" in {{break}}'),
    ("{{range .A}}{{else}}{{break}}{{end}}", "template: :1: {{break}} outside {{range}}"),
    ("{{/* x */ .ID}}", "template: :1: comment ends before closing delimiter"),
    ("{{/* x", "template: :1: unclosed comment"),
    ("{{ /* x */ }}", 'template: :1: unexpected "/" in command'),
    ('{{"abc}}', "template: :1: unterminated quoted string"),
    ("{{`abc}}", "template: :1: unterminated raw quoted string"),
    ("{{'a}}", "template: :1: unterminated character constant"),
    ("{{1x}}", 'template: :1: bad number syntax: "1x"'),
    ("{{|}}", 'template: :1: unexpected "|" in command'),
    ("{{.ID | | upper}}", 'template: :1: unexpected "|" in command'),
    ('{{"a".Foo}}', 'template: :1: unexpected . after term "\\"a\\""'),
    ("{{true.Foo}}", 'template: :1: unexpected . after term "true"'),
    ("{{nil.Foo}}", 'template: :1: unexpected . after term "nil"'),
    ("{{.ID.}}", "template: :1: unexpected <.> in operand"),
    ('{{"a" | "b"}}', "template: :1: non executable command in pipeline stage 2"),
    ('{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: :1: template: multiple definition of template "a"'),
    ("{{template .ID}}", 'template: :1: unexpected ".ID" in template clause'),
    ("{{99999999999999999999}}", 'template: :1: integer overflow: "99999999999999999999"'),
    ("{{'ab'}}", "template: :1: malformed character constant: 'ab'"),
    ('{{"\\q"}}', "template: :1: invalid syntax"),
    ("{{0x}}", 'template: :1: illegal number syntax: "0x"'),
    ("{{.A :}}", "template: :1: expected :="),
    ("{{.A\x01}}", "template: :1: bad character U+0001"),
    ("{{\u00a0}}", "template: :1: unrecognized character in action: U+00A0"),
    ("a\nb\n{{if}}", "template: :3: missing value for if"),
    ("{{if .A}}\n{{else with .B}}{{end}}", "template: :2: unexpected <with> in input"),
    ("{{define .X}}{{end}}", 'template: :1: unexpected ".X" in define clause'),
]


@pytest.mark.parametrize("template,message", PARSE_ERRORS)
def test_parse_errors(template, message):
    with pytest.raises(TemplateParseError) as info:
        parse(template)
    assert str(info.value) == message


# --------------------------------------------------------------------------------------------
# Execution errors
# --------------------------------------------------------------------------------------------

EXEC_ERRORS = [
    ("{{.Foo}}", CTX, 'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext'),
    ("{{.Config.Bogus}}", CTX,
     'template: :1:9: executing "" at <.Config.Bogus>: can\'t evaluate field Config in type *formatter.ContainerContext'),
    ("{{.ID.Foo}}", CTX, 'template: :1:5: executing "" at <.ID.Foo>: can\'t evaluate field Foo in type string'),
    ("{{.lower_case}}", CTX,
     'template: :1:2: executing "" at <.lower_case>: can\'t evaluate field lower_case in type *formatter.ContainerContext'),
    ("{{._id}}", CTX, 'template: :1:2: executing "" at <._id>: can\'t evaluate field _id in type *formatter.ContainerContext'),
    ("{{.Value.X}}", Plain(), 'template: :1:8: executing "" at <.Value.X>: can\'t evaluate field X in type int'),
    ("{{.Nope}}", Plain(), 'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *Plain'),
    ("a\nb{{.Foo}}", CTX, 'template: :2:3: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext'),
    ("a\n{{\n.ID\n.Foo\n}}", CTX, 'template: :3:0: executing "" at <.ID>: wrong number of args for ID: want 0 got 1'),
    ("{{upper}}", None, 'template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 0'),
    ('{{len "a" "b"}}', None, 'template: :1:2: executing "" at <len>: wrong number of args for len: want 1 got 2'),
    ("{{eq}}", None, 'template: :1:2: executing "" at <eq>: wrong number of args for eq: want at least 1 got 0'),
    ("{{and}}", None, 'template: :1:2: executing "" at <and>: wrong number of args for and: want at least 1 got 0'),
    ("{{printf}}", None, 'template: :1:2: executing "" at <printf>: wrong number of args for printf: want at least 1 got 0'),
    ("{{.Label}}", CTX, 'template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0'),
    ("{{.Names 1}}", CTX, 'template: :1:2: executing "" at <.Names>: Names has arguments but cannot be invoked as function'),
    ("{{.ID 1}}", CTX, 'template: :1:2: executing "" at <.ID>: wrong number of args for ID: want 0 got 1'),
    ("{{.Str 1}}", DATA, 'template: :1:2: executing "" at <.Str>: Str is not a method but has arguments'),
    ("{{index .List 5}}", DATA, 'template: :1:2: executing "" at <index .List 5>: error calling index: index out of range: 5'),
    ("{{index .List 3}}", DATA, 'template: :1:2: executing "" at <index .List 3>: error calling index: reflect: slice index out of range'),
    ('{{index "abc" 3}}', None, 'template: :1:2: executing "" at <index "abc" 3>: error calling index: reflect: string index out of range'),
    ('{{index "abc" -1}}', None, 'template: :1:2: executing "" at <index "abc" -1>: error calling index: index out of range: -1'),
    ('{{index "abc" 1.5}}', None,
     'template: :1:2: executing "" at <index "abc" 1.5>: error calling index: cannot index slice/array with type float64'),
    ("{{index 1 2}}", None, 'template: :1:2: executing "" at <index 1 2>: error calling index: can\'t index item of type int'),
    ("{{index nil 1}}", None, 'template: :1:2: executing "" at <index nil 1>: error calling index: index of untyped nil'),
    ("{{index .Nil 0}}", DATA, 'template: :1:2: executing "" at <index .Nil 0>: error calling index: index of untyped nil'),
    ('{{index . "Nil" 0}}', DATA, 'template: :1:2: executing "" at <index . "Nil" 0>: error calling index: index of nil pointer'),
    ('{{index (split "a" ",") "x"}}', None,
     'template: :1:2: executing "" at <index (split "a" ",") "x">: error calling index: cannot index slice/array with type string'),
    ('{{slice (split "a,b,c" ",") 2 1}}', None,
     'template: :1:2: executing "" at <slice (split "a,b,c" ",") 2 1>: error calling slice: invalid slice index: 2 > 1'),
    ('{{slice "abc" 1 2 3}}', None, 'template: :1:2: executing "" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string'),
    ("{{slice 3 1}}", None, 'template: :1:2: executing "" at <slice 3 1>: error calling slice: can\'t slice item of type int'),
    ('{{slice "abc" 2 5}}', None, 'template: :1:2: executing "" at <slice "abc" 2 5>: error calling slice: index out of range: 5'),
    ("{{slice .Nil}}", DATA, 'template: :1:2: executing "" at <slice .Nil>: error calling slice: slice of untyped nil'),
    ("{{len 3}}", None, 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'),
    ("{{len .Nil}}", DATA, 'template: :1:2: executing "" at <len .Nil>: error calling len: len of nil pointer'),
    ("{{lt 1 1.5}}", None, 'template: :1:2: executing "" at <lt 1 1.5>: error calling lt: incompatible types for comparison'),
    ("{{eq 1 1.0}}", None, 'template: :1:2: executing "" at <eq 1 1.0>: error calling eq: incompatible types for comparison'),
    ('{{eq "a" 1}}', None, 'template: :1:2: executing "" at <eq "a" 1>: error calling eq: incompatible types for comparison'),
    ("{{ne 1 1.5}}", None, 'template: :1:2: executing "" at <ne 1 1.5>: error calling ne: incompatible types for comparison'),
    ("{{eq 1}}", None, 'template: :1:2: executing "" at <eq 1>: error calling eq: missing argument for comparison'),
    ("{{lt true false}}", None, 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'),
    ("{{lt nil 1}}", None, 'template: :1:2: executing "" at <lt nil 1>: error calling lt: invalid type for comparison'),
    ("{{eq .Map .Map}}", DATA,
     'template: :1:2: executing "" at <eq .Map .Map>: error calling eq: non-comparable type map[a:1 b:2]: map[string]interface {}'),
    ("{{upper 3}}", None, 'template: :1:8: executing "" at <3>: expected string; found 3'),
    ('{{split 3 ","}}', None, 'template: :1:8: executing "" at <3>: expected string; found 3'),
    ('{{pad "x" "1" 2}}', None, 'template: :1:10: executing "" at <"1">: expected integer; found "1"'),
    ('{{join "x" ","}}', None, 'template: :1:7: executing "" at <"x">: can\'t handle "x" for arg of type []string'),
    ("{{upper .Int}}", DATA, 'template: :1:8: executing "" at <.Int>: wrong type for value; expected string; got int'),
    ("{{upper .Missing}}", DATA, 'template: :1:8: executing "" at <.Missing>: invalid value; expected string'),
    ('{{pad "x" -1 2}}', None, 'template: :1:2: executing "" at <pad "x" -1 2>: error calling pad: strings: negative Repeat count'),
    ('{{truncate "abc" -1}}', None,
     'template: :1:2: executing "" at <truncate "abc" -1>: error calling truncate: runtime error: slice bounds out of range [:-1]'),
    ("{{call 3}}", None, 'template: :1:2: executing "" at <call 3>: error calling call: non-function 3 of type int'),
    ("{{call .Names}}", CTX, 'template: :1:2: executing "" at <call .Names>: error calling call: non-function .Names of type string'),
    ("{{call .Nil}}", DATA, 'template: :1:2: executing "" at <call .Nil>: error calling call: call of nil'),
    ("{{nil}}", None, 'template: :1:2: executing "" at <nil>: nil is not a command'),
    ("{{(nil).Foo}}", None, 'template: :1:3: executing "" at <nil>: nil is not a command'),
    ("{{(1).Foo}}", None, 'template: :1:3: executing "" at <1>: can\'t evaluate field Foo in type int'),
    ('{{(split "a.b" ".").Foo}}', None, 'template: :1:15: executing "" at <".">: can\'t evaluate field Foo in type []string'),
    ("{{$ .ID}}", CTX, 'template: :1:2: executing "" at <$>: can\'t give argument to non-function $'),
    ("{{1 2}}", None, 'template: :1:2: executing "" at <1>: can\'t give argument to non-function 1'),
    ("{{$x = 1}}", None, 'template: :1:7: executing "" at <1>: undefined variable: $x'),
    ("{{.Nil.Foo}}", DATA, 'template: :1:6: executing "" at <.Nil.Foo>: nil pointer evaluating interface {}.Foo'),
    ("é{{.Foo}}", CTX, 'template: :1:4: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext'),
    ("x\néé{{.Foo}}", CTX, 'template: :2:6: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext'),
    ("{{range $x = .Names}}{{end}}", CTX, 'template: :1:13: executing "" at <.Names>: undefined variable: $x'),
    ("{{.Fail}}", CTX, 'template: :1:2: executing "" at <.Fail>: error calling Fail: boom'),
    ("{{range .Str}}x{{end}}", DATA, 'template: :1:8: executing "" at <.Str>: range can\'t iterate over hello'),
    ("{{range $i, $e := 3}}x{{end}}", None,
     'template: :1:18: executing "" at <3>: can\'t use 3 to iterate over more than one variable'),
    ('{{template "x"}}', None, 'template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined'),
    ('{{define "t"}}{{.Foo}}{{end}}{{template "t" .}}', CTX,
     'template: :1:16: executing "t" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext'),
    ("{{99999999999999999999.0 | printf}}", None, 'template: :1:27: executing "" at <printf>: wrong type for value; expected string; got float64'),
    ("{{18446744073709551615}}", None, 'template: :1:2: executing "" at <18446744073709551615>: 18446744073709551615 overflows int'),
]


@pytest.mark.parametrize("template,data,message", EXEC_ERRORS)
def test_exec_errors(template, data, message):
    tmpl = parse(template)
    with pytest.raises(TemplateExecError) as info:
        tmpl.execute(data)
    assert str(info.value) == message


def test_error_classes():
    assert issubclass(TemplateParseError, gt.TemplateError)
    assert issubclass(TemplateExecError, gt.TemplateError)
    assert issubclass(gt.TemplateError, Exception)


# --------------------------------------------------------------------------------------------
# Custom functions and options
# --------------------------------------------------------------------------------------------


def test_custom_funcs_merge_over_builtins():
    funcs = {"json": lambda v: "J", "double": lambda x: x * 2, "join": lambda v, _sep: v}
    tmpl = parse("{{json .}} {{double 21}} {{join .Names ','}} {{upper .Names}}", funcs)
    assert tmpl.execute(CTX) == "J 42 web WEB"


def test_custom_func_errors():
    funcs = {"one": lambda x: x, "many": lambda *xs: len(xs), "bad": lambda: 1 / 0}
    assert parse("{{many}} {{many 1 2}} {{3 | many 1}}", funcs).execute(None) == "0 2 2"
    with pytest.raises(TemplateExecError) as info:
        parse("{{one}}", funcs).execute(None)
    assert str(info.value) == 'template: :1:2: executing "" at <one>: wrong number of args for one: want 1 got 0'
    with pytest.raises(TemplateExecError) as info:
        parse("{{bad}}", funcs).execute(None)
    assert str(info.value) == 'template: :1:2: executing "" at <bad>: error calling bad: division by zero'
    with pytest.raises(TemplateParseError):
        parse("{{one}}")  # not defined without funcs


def test_custom_func_gets_nil_for_missing():
    seen = []
    parse("{{probe .Nope}}", {"probe": lambda v: seen.append(v) or "ok"}).execute({})
    assert seen == [None]


def test_missingkey_error_option():
    tmpl = parse("{{.Nope}}", missingkey="error")
    with pytest.raises(TemplateExecError) as info:
        tmpl.execute({"A": 1})
    assert str(info.value) == 'template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'
    assert parse("{{.A}}", missingkey="error").execute({"A": 1}) == "1"


def test_break_as_user_function():
    assert parse("{{break}}", {"break": lambda: "b"}).execute(None) == "b"


def test_recursive_template_is_bounded():
    tmpl = parse('{{define "r"}}x{{template "r" .}}{{end}}{{template "r" .}}')
    with pytest.raises(TemplateExecError) as info:
        tmpl.execute(None)
    assert "exceeded maximum template depth" in str(info.value)


def test_template_is_reusable():
    tmpl = parse("{{$x := .}}{{$x}}-{{range .}}{{.}}{{end}}")
    assert tmpl.execute([1, 2]) == "[1 2]-12"
    assert tmpl.execute([3]) == "[3]-3"


def test_header_style_getattr_context():
    class Header:
        def __getattr__(self, name):
            if name.startswith("_"):
                raise AttributeError(name)
            return {"ID": "CONTAINER ID"}.get(name, MISSING)

    assert parse("{{.ID}}\t{{.Other}}").execute(Header()) == "CONTAINER ID\t<no value>"


# --------------------------------------------------------------------------------------------
# go_str and truthy
# --------------------------------------------------------------------------------------------

GO_STR_CASES = [
    ("s", "s"), (True, "true"), (False, "false"), (None, "<nil>"), (MISSING, "<no value>"),
    (0, "0"), (-12, "-12"), (1e6, "1e+06"), (123.0, "123"), (0.5, "0.5"), (1e21, "1e+21"),
    (123456.0, "123456"), (1234567.0, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
    (-0.0, "-0"), (float("inf"), "+Inf"), (float("-inf"), "-Inf"), (float("nan"), "NaN"),
    (0.1 + 0.2, "0.30000000000000004"), (["a", 1, None], "[a 1 <nil>]"), ((), "[]"),
    ({"b": [1], "a": {"x": True}}, "map[a:map[x:true] b:[1]]"), ({2: "x", 10: "y"}, "map[2:x 10:y]"),
    (CTX, "{ctx}"),
]


@pytest.mark.parametrize("value,expected", GO_STR_CASES)
def test_go_str(value, expected):
    assert go_str(value) == expected


TRUTHY_CASES = [
    (True, True), (False, False), (0, False), (1, True), (0.0, False), (-1.5, True), ("", False), ("x", True),
    ([], False), ([0], True), ({}, False), ({"a": 1}, True), (None, False), (MISSING, False), (CTX, True),
]


@pytest.mark.parametrize("value,expected", TRUTHY_CASES)
def test_truthy(value, expected):
    assert truthy(value) is expected


# --------------------------------------------------------------------------------------------
# Performance sanity: parse once, execute many (correctness only; no timing assertion)
# --------------------------------------------------------------------------------------------


def test_many_rows():
    tmpl = parse("{{.ID}}\t{{.Image}}\t{{.Label \"env\"}}")
    rows = [Ctx(ident="id%d" % i) for i in range(1000)]
    out = [tmpl.execute(r) for r in rows]
    assert len(out) == 1000
    assert out[0] == "id0\tbusybox\tprod"
    assert out[999] == "id999\tbusybox\tprod"
