"""--format preprocessing and table rendering, as docker's formatter does it."""

import pytest

from pydock.errors import PydockError
from pydock.render.formatter import Format, HeaderContext, prepare, render_rows
from pydock.render.views import ContainerView, EMPTY_CONTAINER

DEFAULT = "table {{.ID}}\t{{.Names}}"


@pytest.mark.parametrize("value, template, table", [
    (None, "{{.ID}}\t{{.Names}}", True),
    ("", "{{.ID}}\t{{.Names}}", True),
    ("table", "{{.ID}}\t{{.Names}}", True),
    ("table {{.Names}}\\t{{.State}}", "{{.Names}}\t{{.State}}", True),
    ("json", "{{json .}}", False),
    ("  {{.ID}}\\n  ", "{{.ID}}\n", False),
    ("{{.ID}}", "{{.ID}}", False),
])
def test_format_parse(value, template, table):
    assert Format.parse(value, DEFAULT) == Format(template, table)


def test_quiet_overrides_format():
    assert Format.parse("{{.Names}}", DEFAULT, "{{.ID}}", quiet=True) == Format("{{.ID}}", False)


def test_header_context_label_header():
    h = HeaderContext({"Names": "NAMES"})
    assert h.Names == "NAMES"
    assert h.Label("com.example.some-key_x") == "some key x"


def rows():
    return [ContainerView(dict(EMPTY_CONTAINER, Id="a" * 64, Names=["/web"], Labels={"com.x.role": "db"}), now=0)]


def test_table_header_runs_same_template_with_identity_functions():
    fmt = Format.parse("table {{upper .Names}}\t{{json .ID}}\t{{.Label \"com.x.role\"}}", DEFAULT)
    out = render_rows(fmt, prepare(fmt), rows(), ContainerView.headers)
    assert out == 'NAMES     CONTAINER ID     role\nWEB       "aaaaaaaaaaaa"   db\n'


def test_non_table_has_no_header_and_no_alignment():
    fmt = Format.parse("{{.Names}}\t{{.ID}}", DEFAULT)
    assert render_rows(fmt, prepare(fmt), rows(), ContainerView.headers) == "web\taaaaaaaaaaaa\n"


def test_json_is_html_escaped_with_sorted_keys():
    fmt = Format.parse("json", DEFAULT)
    view = ContainerView(dict(EMPTY_CONTAINER, Id="b" * 64, Names=["/x"], Ports=[
        {"PrivatePort": 80, "PublicPort": 8080, "IP": "0.0.0.0", "Type": "tcp"}]), now=0)
    line = render_rows(fmt, prepare(fmt), [view], ContainerView.headers)
    assert '"Ports":"0.0.0.0:8080-\\u003e80/tcp"' in line
    assert line.startswith('{"Command":"\\"\\"","CreatedAt":')


def test_empty_table_still_prints_header():
    fmt = Format.parse(None, DEFAULT)
    assert render_rows(fmt, prepare(fmt), [], ContainerView.headers) == "CONTAINER ID   NAMES\n"


def test_probe_reports_unknown_field_before_any_row():
    fmt = Format.parse("{{.Nope}}", DEFAULT)
    with pytest.raises(PydockError) as e:
        prepare(fmt, ContainerView(EMPTY_CONTAINER))
    assert str(e.value) == ('failed to execute template: template: :1:2: executing "" at <.Nope>: '
                            "can't evaluate field Nope in type *formatter.ContainerContext")


def test_parse_error_wording():
    with pytest.raises(PydockError, match="^failed to parse template: template: :1: unclosed action$"):
        prepare(Format.parse("{{.ID", DEFAULT), ContainerView(EMPTY_CONTAINER))
    with pytest.raises(PydockError, match="^template parsing error: template: :1: unclosed action$"):
        prepare(Format.parse("{{.ID", DEFAULT))


# -- plain-field templates: printed without the engine, exactly as the engine prints them --------------

class _Row:
    go_type = "*formatter.testContext"

    def __init__(self, **attrs):
        self.__dict__.update(attrs)

    def Name(self):  # noqa: N802
        return "web-1"

    def Count(self):  # noqa: N802
        return 3

    def Fails(self):  # noqa: N802
        raise ValueError("no such thing")

    def Label(self, name):  # noqa: N802
        return name

    def lower(self):
        return "hidden"


PLAIN_CASES = [
    ("{{.Name}}", _Row()),
    ("{{ .Name }}\t{{.Status}}|", _Row(Status="Up 2 seconds")),
    ("[{{.Name}}] {{.Count}}", _Row()),  # an int: the engine prints it
    ("{{.Name}} {{.Missing}}", _Row()),  # no such field: the engine's error
    ("{{.Fails}}", _Row()),  # a failing method: the engine's error
    ("{{.Label}}", _Row()),  # a method that wants an argument
    ("{{.Status}}", _Row(Status=None)),  # nil
    ("{{.Status}}", _Row(Status=["a", "b"])),
    ("{{.Status}}", _Row(Status=True)),
    ("{{.Name}}", {"Name": "from a map"}),
    ("{{.Name}}", {}),
    ("{{.Name}}", None),
    ("{{.Name}}", "a string"),
    ("no actions at all", _Row()),
    ("", _Row()),
    ("}} {{.Name}}}}", _Row()),
]


@pytest.mark.parametrize("text, data", PLAIN_CASES)
def test_plain_field_templates_print_what_the_engine_prints(text, data):
    from pydock.render import gotemplate
    from pydock.render.formatter import PlainFields, compile_template

    plain = compile_template(text)
    assert isinstance(plain, PlainFields)

    def outcome(tmpl):
        try:
            return "ok", tmpl.execute(data)
        except gotemplate.TemplateError as e:
            return "error", str(e)

    assert outcome(plain) == outcome(gotemplate.parse(text))


@pytest.mark.parametrize("text", ["{{.Name | lower}}", "{{json .}}", "{{.A.B}}", "{{- .Name}}", "{{.Name -}}",
                                  "{{/* c */}}", "{{.name}}", "{{$x := .Name}}{{$x}}", "{{.Name}} {{"])
def test_other_templates_go_to_the_engine(text):
    from pydock.render.formatter import PlainFields

    assert PlainFields.of(text) is None


def test_ps_default_format_loads_no_template_engine():
    import subprocess
    import sys

    code = ("import sys; from pydock.render.formatter import Format, prepare, render_rows; "
            "from pydock.render.views import ContainerView, EMPTY_CONTAINER; "
            "from pydock.cli.container.ls import DEFAULT_FORMAT; "
            "fmt = Format.parse('', DEFAULT_FORMAT); tmpl = prepare(fmt, ContainerView(EMPTY_CONTAINER)); "
            "out = render_rows(fmt, tmpl, [ContainerView({'Id': 'a' * 64, 'Names': ['/x'], 'Image': 'busybox', "
            "'Command': 'sh', 'Created': 0, 'State': 'running', 'Status': 'Up', 'Ports': []})], "
            "ContainerView.headers); print(out); "
            "print(sorted(m for m in sys.modules if m.startswith('pydock.render.gotemplate.')))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "CONTAINER ID" in p.stdout and "aaaaaaaaaaaa" in p.stdout
    assert p.stdout.splitlines()[-1] == "['pydock.render.gotemplate._base']"
