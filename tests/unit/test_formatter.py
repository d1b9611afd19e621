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
