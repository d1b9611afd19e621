"""The YAML/JSON encoders of `compose config`: yaml.v3's scalar styles and key order, Go's JSON
escaping and float formatting. Expected texts were taken from `docker compose config` v2.40.3 output."""

from __future__ import annotations

import pytest

from pydock.compose.loader.structs import GoFloat
from pydock.opts.gojson import float_g, float_json, go_json, json_string
from pydock.compose.serialize import YamlMap, go_yaml, yaml_key_sorted

# (value, what v2 printed after `key: `)
SCALARS = [
    ("", '""'), ("yes", '"yes"'), ("on", '"on"'), ("1.5", '"1.5"'), ("0755", '"0755"'), ("a: b", "'a: b'"),
    ("a #b", "'a #b'"), ("*x", "'*x'"), ("- x", "'- x'"), ("-x", "-x"), ("lead", "lead"), (" lead", "' lead'"),
    ("trail ", "'trail '"), ("a\tb", '"a\\tb"'), ("null", '"null"'), ("~", '"~"'), ("héllo", "héllo"),
    ("it's", "it's"), ('say "hi"', 'say "hi"'), ("1:20", '"1:20"'), ("1e3", '"1e3"'), (".5", '".5"'),
    ("0x1F", '"0x1F"'), (".inf", '".inf"'), ("{a}", "'{a}'"), ("@x", "'@x'"), ("`x", "'`x'"), ("%x", "'%x'"),
    ("a,b", "a,b"), ("a:b", "a:b"), ("?x", "?x"), ("&x", "'&x'"), ("!x", "'!x'"), ("|x", "'|x'"), (">x", "'>x'"),
    ("--- x", "'--- x'"), ("2001-12-14", '"2001-12-14"'), ("TRUE", '"TRUE"'), ("y", '"y"'), ("'x'", "'''x'''"),
    ("a \nb", '"a \\nb"'), ("back\\slash", "back\\slash"), ("bell\a", '"bell\\a"'), ("123", '"123"'),
    ("-", "'-'"), ("?", "'?'"), ("x 😀", '"x \\U0001F600"'), ("a\u2028b", "'a\u2028  b'"), ("no", '"no"'), ("a b", "a b"), ("<b>&amp;</b>", "<b>&amp;</b>"),
    ("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss",
     "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss"),
]


@pytest.mark.parametrize("value,want", SCALARS)
def test_yaml_scalar_styles(value, want):
    assert go_yaml({"k": value}) == f"k: {want}\n"


@pytest.mark.parametrize("value,want", [
    ("line1\nline2\n", "k: |\n  line1\n  line2\n"),
    ("line1\nline2", "k: |-\n  line1\n  line2\n"),
    ("line1\nline2\n\n", "k: |+\n  line1\n  line2\n\n"),
    ("\nabc", "k: |2-\n\n  abc\n"),
])
def test_yaml_literal_blocks(value, want):
    assert go_yaml({"k": value}) == want


def test_yaml_key_order_is_yaml_v3_natural_order():
    keys = ["web10", "web2", "A_", "_A", "123", "b", "B", "a1", "a01"]
    assert yaml_key_sorted(keys)[:4] == ["_A", "123", "A_", "B"]
    assert yaml_key_sorted(["web10", "web2"]) == ["web2", "web10"]


def test_yaml_keys_quoted_like_values():
    assert go_yaml({"ON": "on", "YES": "yes", "Y": "y", "x": 1}) == \
        '"ON": "on"\n"Y": "y"\n"YES": "yes"\nx: 1\n'


def test_yaml_structure():
    doc = YamlMap(name="p", services={"a": YamlMap(command=["echo", ""], ports=[YamlMap(mode="ingress", target=80)],
                                                   networks={"default": None}, volumes=[], labels={})})
    assert go_yaml(doc) == (
        "name: p\nservices:\n  a:\n    command:\n      - echo\n      - \"\"\n    ports:\n"
        "      - mode: ingress\n        target: 80\n    networks:\n      default: null\n    volumes: []\n"
        "    labels: {}\n")


@pytest.mark.parametrize("f,bits,want", [(1.5, 64, "1.5"), (1000000.0, 64, "1e+06"), (0.00001, 64, "1e-05"),
                                         (1e21, 64, "1e+21"), (3.0, 64, "3"), (0.1, 32, "0.1"),
                                         (123456.0, 64, "123456"), (0.5, 32, "0.5")])
def test_yaml_floats(f, bits, want):
    assert float_g(f, bits) == want


@pytest.mark.parametrize("f,bits,want", [(1.5, 64, "1.5"), (1e21, 64, "1e+21"), (1e-7, 64, "1e-7"),
                                         (1000000.0, 64, "1000000"), (0.1, 32, "0.1"), (0.25, 32, "0.25"),
                                         (3.0, 64, "3")])
def test_json_floats(f, bits, want):
    assert float_json(f, bits) == want


def test_json_html_escaping_and_unicode():
    assert json_string("<b> & é\u2028") == '"\\u003cb\\u003e \\u0026 é\\u2028"'
    assert json_string('q"\\\n\x01') == '"q\\"\\\\\\n\\u0001"'


def test_json_indent_and_empties():
    assert go_json({"a": [], "b": {}, "c": None, "d": [1, GoFloat(0.5, 32)], "e": True}) == (
        '{\n  "a": [],\n  "b": {},\n  "c": null,\n  "d": [\n    1,\n    0.5\n  ],\n  "e": true\n}')
