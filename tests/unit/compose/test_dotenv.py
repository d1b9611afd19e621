"""compose-go dotenv (v2.9.1): godotenv_test.go, godotenv_var_expansion_test.go and parser_test.go ported
as tables; the fixtures are compose-go's own (dotenv/fixtures)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pydock.compose.errors import ComposeError
from pydock.compose.loader import dotenv

FIX = Path(__file__).parent / "dotenv_fixtures"


def read(name: str, lookup=None) -> dict:
    """godotenv.Read / ReadWithLookup of one fixture."""
    return dotenv.read_with_lookup([str(FIX / name)], lookup)


# TestParsing: (line, key, value)
PARSING = [
    ("FOO=bar", "FOO", "bar"),
    ("FOO =bar", "FOO", "bar"),
    ("FOO= bar", "FOO", "bar"),
    ('FOO="bar"', "FOO", "bar"),
    ("FOO='bar'", "FOO", "bar"),
    (r'FOO="escaped\"bar"', "FOO", 'escaped"bar'),
    (r'FOO="\"quoted\""', "FOO", '"quoted"'),
    ("FOO=\"'d'\"", "FOO", "'d'"),
    ("OPTION_A: 1", "OPTION_A", "1"),
    ("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar"),
    ("OPTION_A=1:B", "OPTION_A", "1:B"),
    ("export OPTION_A=2", "OPTION_A", "2"),
    (r"export OPTION_B='\n'", "OPTION_B", "\\n"),
    ("export exportFoo=2", "exportFoo", "2"),
    ("exportFOO=2", "exportFOO", "2"),
    ("export_FOO =2", "export_FOO", "2"),
    ("export.FOO= 2", "export.FOO", "2"),
    ("export\tOPTION_A=2", "OPTION_A", "2"),
    ("  export OPTION_A=2", "OPTION_A", "2"),
    ("\texport OPTION_A=2", "OPTION_A", "2"),
    ('export OPTION_A="export A"', "OPTION_A", "export A"),
    (r'FOO="bar\nbaz"', "FOO", "bar\nbaz"),
    (r"FOO=a\tb", "FOO", r"a\tb"),
    (r'FOO="a\tb"', "FOO", "a\tb"),
    (r'KEY="Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\Z\0123Z"', "KEY", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ"),
    ("FOO.BAR=foobar", "FOO.BAR", "foobar"),
    ("FOO=foobar=", "FOO", "foobar="),
    ("FOO=bar ", "FOO", "bar"),
    ("FOO=bar # this is foo", "FOO", "bar"),
    ("FOO=bar #this is foo", "FOO", "bar"),
    ("FOO=bar #", "FOO", "bar"),
    ("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment"),
    ('FOO="bar#baz"', "FOO", "bar#baz"),
    ('FOO="bar#baz"#', "FOO", "bar#baz"),
    ('FOO="bar#baz" # comment', "FOO", "bar#baz"),
    ("FOO='bar#baz' # comment", "FOO", "bar#baz"),
    ('FOO="bar#baz#bang" # comment', "FOO", "bar#baz#bang"),
    ('FOO="ba#r"', "FOO", "ba#r"),
    ("FOO='ba#r'", "FOO", "ba#r"),
    (r'FOO="bar\n\ b\az"', "FOO", "bar\n\\ b\az"),
    (r'FOO="bar\\\n\ b\az"', "FOO", "bar\\\n\\ b\az"),
    (r'FOO="bar\\r\ b\az"', "FOO", "bar\\r\\ b\az"),
    (r'FOO="bar\nbaz\\"', "FOO", "bar\nbaz\\"),
    ('="value"', "", "value"),
    (" KEY =value", "KEY", "value"),
    ("   KEY=value", "KEY", "value"),
    ("\tKEY=value", "KEY", "value"),
    (r'KEY="\0123"', "KEY", "S"),
    (r'KEY="\x07"', "KEY", r"\x07"),
    (r'KEY="\u12e4"', "KEY", r"\u12e4"),
    (r'KEY="\U00101234"', "KEY", r"\U00101234"),
    # TestParse / TestVariableStringValueSeparator / parser_test TestParseBytes
    ("THREE = \"3\"", "THREE", "3"),
    ('TEST_URLS="stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443"', "TEST_URLS",
     "stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443"),
    ("a[1]=c", "a[1]", "c"),
    ("a.propertyKey=d", "a.propertyKey", "d"),
    ("árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép", "árvíztűrő-TÜKÖRFÚRÓGÉP", "ÁRVÍZTŰRŐ-tükörfúrógép"),
]


@pytest.mark.parametrize("line,key,value", PARSING)
def test_parsing(line, key, value):
    env = dotenv.parse(line)
    assert key in env, env
    assert env[key] == value


def test_parse_several():
    assert dotenv.parse("ONE=1\nTWO='2'\nTHREE = \"3\"") == {"ONE": "1", "TWO": "2", "THREE": "3"}
    assert dotenv.parse("a=b\na[1]=c\na.propertyKey=d\n") == {"a": "b", "a[1]": "c", "a.propertyKey": "d"}


def test_order_is_file_order():
    assert list(dotenv.parse("B=1\nA=2\nC=3\nA=4")) == ["B", "A", "C"]


def test_bad_line_is_an_error():
    with pytest.raises(ComposeError):
        dotenv.parse("lol$wut")


# (input, exact error) compose-go wording
ERRORS = [
    ("%!(EXTRA string)=foo", 'line 1: unexpected character "%" in variable name "%!(EXTRA string)=foo"'),
    ("A=1\nFO!O=bar\n", 'line 2: unexpected character "!" in variable name "FO!O=bar"'),
    ("KEY WITH SPACE=1", "line 1: key cannot contain a space"),
    ('A=1\nKEY="abc\ndef', 'line 3: unterminated quoted value "abc'),
    ("A=${B:?need B}", "required variable B is missing a value: need B"),
    ("A=${B:}", 'Invalid template: "${B:}"'),
]


@pytest.mark.parametrize("text,message", ERRORS)
def test_errors(text, message):
    with pytest.raises(ComposeError) as e:
        dotenv.parse(text)
    assert str(e.value) == message


def test_error_names_the_file():
    with pytest.raises(ComposeError) as e:
        dotenv.parse("A B=1", None, "/x/.env")
    assert str(e.value) == "failed to read /x/.env: line 1: key cannot contain a space"


@pytest.mark.parametrize("text", [
    'KEY="', 'KEY="value', 'KEY="value\\"', "KEY=\"value'", "KEY='", "KEY='value", "KEY='value\\'", "KEY='value\"",
])
def test_unterminated_quotes(text):
    with pytest.raises(ComposeError, match="unterminated quoted value"):
        dotenv.parse(text)


@pytest.mark.parametrize("text", ["\n", "\r\n", "\t\t ", "# Comment", "\t # comment"])
def test_lines_to_ignore(text):
    assert dotenv.parse(text) == {}


# TestExpanding
EXPANDING = [
    ("FOO=test\nBAR=$FOO", {"FOO": "test", "BAR": "test"}),
    ("FOO=test\nBAR=${FOO}bar", {"FOO": "test", "BAR": "testbar"}),
    ("BAR=$FOO", {"BAR": ""}),
    ('FOO=test\nBAR="quote $FOO"', {"FOO": "test", "BAR": "quote test"}),
    ("BAR='quote $FOO'", {"BAR": "quote $FOO"}),
    (r'FOO="foo\$BAR"', {"FOO": "foo$BAR"}),
    (r'FOO="foo\${BAR}"', {"FOO": "foo${BAR}"}),
    ('FOO=test\nBAR="foo\\${FOO} ${FOO}"', {"FOO": "test", "BAR": "foo${FOO} test"}),
]


@pytest.mark.parametrize("text,expected", EXPANDING)
def test_expanding(text, expected):
    assert dotenv.parse(text) == expected


def test_unset_variable_warns():
    warnings = []
    assert dotenv.parse("BAR=$FOO", warn=warnings.append) == {"BAR": ""}
    assert warnings == ['The "FOO" variable is not set. Defaulting to a blank string.']


# godotenv_var_expansion_test.go: expandVariables with envMap {EMPTY_VAR: "", TEST_VAR: "Test Value"}
VAR_EXPANSION = [
    ("RESULT=${UNSET_VAR:-Default Value}", "Default Value", None),
    ("RESULT=${EMPTY_VAR:-Default Value}", "Default Value", None),
    ("RESULT=${TEST_VAR:-Default Value}", "Test Value", None),
    ("RESULT=${UNSET_VAR-Default Value}", "Default Value", None),
    ("RESULT=${EMPTY_VAR-Default Value}", "", None),
    ("RESULT=${TEST_VAR-Default Value}", "Test Value", None),
    ("RESULT=${UNSET_VAR:?Test error}", None, "required variable UNSET_VAR is missing a value: Test error"),
    ("RESULT=${EMPTY_VAR:?Test error}", None, "required variable EMPTY_VAR is missing a value: Test error"),
    ("RESULT=${TEST_VAR:?Default Value}", "Test Value", None),
    ("RESULT=${UNSET_VAR?Test error}", None, "required variable UNSET_VAR is missing a value: Test error"),
    ("RESULT=${EMPTY_VAR?Test error}", "", None),
    ("RESULT=${TEST_VAR?Default Value}", "Test Value", None),
]


@pytest.mark.parametrize("line,value,error", VAR_EXPANSION)
def test_var_expansion(line, value, error):
    env = {"EMPTY_VAR": "", "TEST_VAR": "Test Value"}
    if error:
        with pytest.raises(ComposeError) as e:
            dotenv.parse(line, env)
        assert str(e.value) == error
    else:
        assert dotenv.parse(line, env)["RESULT"] == value


def test_expanding_with_lookup():
    assert dotenv.parse("TEST=$ME", lambda k: "YES" if k == "ME" else None) == {"TEST": "YES"}


# fixtures (TestReadPlainEnv, TestLoad*Env, TestSubstitutions, TestUTF8BOM, TestDash)
PLAIN = {"OPTION_A": "1", "OPTION_B": "2", "OPTION_C": "3", "OPTION_D": "4", "OPTION_E": "5", "OPTION_F": "",
         "OPTION_G": "", "OPTION_H": "my string"}
FIXTURES = [
    ("plain.env", PLAIN),
    ("utf8-bom.env", PLAIN),
    ("exported.env", {"OPTION_A": "2", "OPTION_B": "\\n"}),
    ("equals.env", {"OPTION_A": "postgres://localhost:5432/database?sslmode=disable"}),
    ("quoted.env", {"OPTION_A": "1", "OPTION_B": "2", "OPTION_C": "", "OPTION_D": "\\n", "OPTION_E": "1",
                    "OPTION_F": "2", "OPTION_G": "", "OPTION_H": "\n", "OPTION_I": "echo 'asd'",
                    "OPTION_J": "first line\nsecond line\nthird line\nand so on", "OPTION_K": "Let's go!",
                    "OPTION_Z": "last value"}),
    ("unquoted.env", {"OPTION_A": "some quoted phrase", "OPTION_B": "first one with an unquoted phrase",
                      "OPTION_C": "then another one with an unquoted phrase",
                      "OPTION_D": "then another one with an unquoted phrase special è char",
                      "OPTION_E": "then another one quoted phrase"}),
    ("substitutions.env", {"OPTION_A": "1", "OPTION_B": "1", "OPTION_C": "1", "OPTION_D": "1_1", "OPTION_E": ""}),
    ("special.env", {"VAR.WITH.DOTS": "dots", "VAR_WITH_UNDERSCORES": "underscores", "VAR-WITH-DASHES": "dashes"}),
    ("inherited-not-found.env", {}),
]


@pytest.mark.parametrize("name,expected", FIXTURES)
def test_fixtures(name, expected):
    assert read(name) == expected


def test_plain_keeps_digit_key_in_parse_but_read_drops_it():
    text = (FIX / "plain.env").read_text()
    assert dotenv.parse(text)["456"] == "ABC"
    assert "456" not in read("plain.env")


def test_utf8_bom_fixture_has_bom():
    assert (FIX / "utf8-bom.env").read_bytes().startswith(b"\xef\xbb\xbf")


def test_error_parsing_fixture():
    with pytest.raises(ComposeError, match="line 7: key cannot contain a space"):
        read("invalid1.env")


def test_inherited():
    env = {"VAR_TO_BE_LOADED_FROM_OS_ENV": "SOME_RANDOM_VALUE"}
    assert read("inherited-multi-var.env", env) == {"foo": "bar", "VAR_TO_BE_LOADED_FROM_OS_ENV": "SOME_RANDOM_VALUE",
                                                    "bar": "baz"}
    assert read("inherited-single-var.env", env) == {"VAR_TO_BE_LOADED_FROM_OS_ENV": "SOME_RANDOM_VALUE"}
    asked = []

    def lookup(k):
        asked.append(k)
        return None

    assert read("inherited-not-found.env", lookup) == {}
    assert asked == ["VARIABLE_NOT_FOUND"]


def test_substitutions_env_precedence():
    # TestSubstitutionsWithEnvFilePrecedence: the lookup beats the file's own earlier values
    assert read("substitutions.env", {"OPTION_A": "5"}) == {"OPTION_A": "1", "OPTION_B": "5", "OPTION_C": "5",
                                                            "OPTION_D": "5_5", "OPTION_E": ""}
    assert read("substitutions-default.env", {"OPTION_A": "5"}) == {
        "OPTION_A": "5", "OPTION_B": "5", "OPTION_C": "5", "OPTION_D": "5_5", "OPTION_E": ""}
    assert read("substitutions-default.env", {}) == {"OPTION_A": "1", "OPTION_B": "1", "OPTION_C": "1",
                                                     "OPTION_D": "1_1", "OPTION_E": ""}


# GetEnvFromFile (read_files)


def test_read_files_directory(tmp_path):
    d = tmp_path / ".env"
    d.mkdir()
    with pytest.raises(ComposeError) as e:
        dotenv.read_files([str(d)], {})
    assert str(e.value) == f"{d} is a directory"


def test_read_files_missing(tmp_path):
    with pytest.raises(ComposeError) as e:
        dotenv.read_files([str(tmp_path / "nope.env")], {})
    assert str(e.value) == f"couldn't find env file: {tmp_path / 'nope.env'}"


def test_read_files_parse_error_names_file(tmp_path):
    f = tmp_path / "bad.env"
    f.write_text("A=1\nB C=2\n")
    with pytest.raises(ComposeError) as e:
        dotenv.read_files([str(f)], {})
    assert str(e.value) == f"failed to read {f}: line 2: key cannot contain a space"


def test_multiple_files(tmp_path):
    base = tmp_path / "base.env"
    base.write_text('\nENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\n')
    override = tmp_path / "override.env"
    override.write_text('\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n')
    assert dotenv.read_files([str(base), str(override)], None) == {
        "ENV_HOSTNAME": "dev.my-company.com", "ENV_MY_URL": "http://dev.my-company.com"}
    assert dotenv.read_files([str(base), str(override)], {"ENV_HOSTNAME": "host.local"}) == {
        "ENV_HOSTNAME": "dev.my-company.com", "ENV_MY_URL": "http://host.local"}


def test_read_files_relative_path(tmp_path, monkeypatch):
    (tmp_path / "a.env").write_text("A=1\n")
    monkeypatch.chdir(tmp_path)
    assert dotenv.read_files(["a.env"]) == {"A": "1"}


def test_parse_into_shared_vars():
    # types.Project env_file loading: one service's env files share the `vars` map
    vars_ = {}
    dotenv.parse("A=1\n", None, "a.env", into=vars_)
    dotenv.parse("B=${A}2\n", None, "b.env", into=vars_)
    assert vars_ == {"A": "1", "B": "12"}


def test_many_lines():
    text = "\n".join(f"KEY{i}=VALUE{i}" for i in range(1000))
    assert len(dotenv.parse(text)) == 1000


def test_line_numbers_count_multiline_values():
    text = 'A="x\ny\nz"\nB=1\nC D=2\n'
    with pytest.raises(ComposeError, match="^line 5: key cannot contain a space$"):
        dotenv.parse(text)


def test_crlf_unquoted_value_trimmed():
    assert dotenv.parse("A=1\r\nB=2\r\n") == {"A": "1", "B": "2"}


def test_no_os_environ_leak(monkeypatch):
    monkeypatch.setenv("PYDOCK_DOTENV_T", "x")
    assert dotenv.parse("A=$PYDOCK_DOTENV_T") == {"A": ""}
    assert os.environ["PYDOCK_DOTENV_T"] == "x"
