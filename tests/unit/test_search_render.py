"""`search` rows from a recorded daemon answer (tests/fixtures/search_busybox.json, Docker Hub's result shape),
checked against the rules of docker's searchContext (cli/command/registry/formatter_search.go):
Description has CR and LF turned into blanks and is cut to 45 display columns ending in `…` unless
--no-trunc; StarCount is the decimal count; IsOfficial is `[OK]` or empty, and `true`/`false` once the row
is marshalled to JSON; `--format json` is the four fields, keys sorted, HTML escaped as Go's json.Marshal does.
(The same answer is served to docker itself in tests/engine/test_builder_plugin_search.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pydock.cli.search import index_name
from pydock.render.views_search import SearchView, render_search

RESULTS = json.loads((Path(__file__).parent.parent / "fixtures" / "search_busybox.json").read_text())
BY_NAME = {r["name"]: r for r in RESULTS}


def test_description_is_cut_to_45_columns():
    assert SearchView(BY_NAME["exactly/fortyfive"]).Description() == "1234567890" * 4 + "12345"
    assert SearchView(BY_NAME["exactly/fortysix"]).Description() == "1234567890" * 4 + "1234" + "…"
    assert SearchView(BY_NAME["exactly/fortysix"], trunc=False).Description() == "1234567890" * 4 + "123456"


def test_wide_characters_count_two_columns():
    # "busybox " is 8 columns; 18 CJK characters make 44; the ellipsis is the 45th column.
    desc = SearchView(BY_NAME["wide/chars"]).Description()
    assert desc == "busybox " + "镜像，带有完整的工具集合，适合嵌入式" + "…"


def test_line_breaks_become_blanks():
    assert SearchView(BY_NAME["crlf/desc"], trunc=False).Description() == "line one  line two\ttabbed <b>&amp;</b>"
    assert SearchView(BY_NAME["radial/busyboxplus"], trunc=False).Description() == (
        "Full-chain, Internet enabled, busybox made from scratch. Comes in git and cURL flavors.")


def test_official_and_stars():
    row = SearchView(BY_NAME["busybox"])
    assert (row.StarCount(), row.IsOfficial()) == ("3368", "[OK]")
    assert SearchView(BY_NAME["progrium/busybox"]).IsOfficial() == ""


def test_table_layout():
    out = render_search(RESULTS[:2], None, trunc=True)
    # tabwriter: each column as wide as its widest cell plus 3 blanks of padding, the last one unpadded
    assert out == ("NAME               DESCRIPTION           STARS     OFFICIAL\n"
                   "busybox            Busybox base image.   3368      [OK]\n"
                   "progrium/busybox                         47        \n")
    assert render_search([], "table", trunc=True) == "NAME      DESCRIPTION   STARS     OFFICIAL\n"


def test_json_lines():
    out = render_search([BY_NAME["crlf/desc"], BY_NAME["progrium/busybox"]], "json", trunc=True)
    assert out.splitlines() == [
        '{"Description":"line one  line two\\ttabbed \\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e",'
        '"IsOfficial":"true","Name":"crlf/desc","StarCount":"12345678"}',
        '{"Description":"","IsOfficial":"false","Name":"progrium/busybox","StarCount":"47"}',
    ]


def test_marshalled_row_keeps_json_booleans():
    assert render_search([BY_NAME["busybox"]], "{{.IsOfficial}} {{json .IsOfficial}}", True) == '[OK] "[OK]"\n'
    assert render_search([BY_NAME["busybox"]], "{{json .}} {{.IsOfficial}}", True).endswith("} true\n")


@pytest.mark.parametrize("term,index", [
    ("busybox", "docker.io"), ("library/busybox", "docker.io"), ("docker.io/busybox", "docker.io"),
    ("index.docker.io/busybox", "docker.io"), ("127.0.0.1:5001/busybox", "127.0.0.1:5001"),
    ("localhost/x", "localhost"), ("example.com/a/b", "example.com"), ("user/repo", "docker.io"),
])
def test_index_name(term, index):
    assert index_name(term) == index
