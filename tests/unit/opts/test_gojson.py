"""json.Compact's output and syntax errors, as docker printed them for seccomp profiles."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.gojson import compact


@pytest.mark.parametrize("text, compacted", [
    ('{"x": -0.5E-2, "y": [true,false,null], "z": {}}', '{"x":-0.5E-2,"y":[true,false,null],"z":{}}'),
    ("1.5e3 ", "1.5e3"),
    ('{ "a b" : "c \\" d", "n": 1e2 }', '{"a b":"c \\" d","n":1e2}'),
    ('[ ]', "[]"),
    ('"\\u00e9"', '"\\u00e9"'),
])
def test_compact(text, compacted):
    assert compact(text) == compacted


@pytest.mark.parametrize("text, message", [
    ("{bad", "invalid character 'b' looking for beginning of object key string"),
    ("", "unexpected end of JSON input"),
    ('{"a":1,}', "invalid character '}' looking for beginning of object key string"),
    ("[1 2]", "invalid character '2' after array element"),
    ('{"a" 1}', "invalid character '1' after object key"),
    ('{"a":1 "b":2}', "invalid character '\"' after object key:value pair"),
    ('"\\q"', "invalid character 'q' in string escape code"),
    ('"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"),
    ("-x", "invalid character 'x' in numeric literal"),
    ("1.e3", "invalid character 'e' after decimal point in numeric literal"),
    ("1e+", "invalid character ' ' in exponent of numeric literal"),
    ("tru", "invalid character ' ' in literal true (expecting 'e')"),
    ("trux", "invalid character 'x' in literal true (expecting 'e')"),
    ("nul", "invalid character ' ' in literal null (expecting 'l')"),
    ('{"a":[1,2]} x', "invalid character 'x' after top-level value"),
    ("01", "invalid character '1' after top-level value"),
    ("NaN", "invalid character 'N' looking for beginning of value"),
    ("'a'", "invalid character '\\'' looking for beginning of value"),
    ('{"a":"b\tc"}', "invalid character '\\t' in string literal"),
    ("[", "unexpected end of JSON input"),
    ('{"a":', "unexpected end of JSON input"),
])
def test_syntax_errors(text, message):
    with pytest.raises(OptionError) as e:
        compact(text)
    assert str(e.value) == message
