"""Go text/tabwriter semantics as docker configures it (minwidth 10, padding 3)."""

import pytest

from pydock.render.tabwriter import tabwrite, text_width


def test_columns_padded_to_max_plus_three_with_min_ten():
    text = "CONTAINER ID\tIMAGE\tNAMES\nabc\tbusybox:latest\tx\n"
    assert tabwrite(text) == (
        "CONTAINER ID   IMAGE            NAMES\n"
        "abc            busybox:latest   x\n"
    )


def test_narrow_column_gets_minwidth_ten():
    assert tabwrite("A\tB\nc\td\n") == "A         B\nc         d\n"


def test_last_cell_not_padded_no_trailing_space():
    out = tabwrite("a\tb\nccc\tddddddddddddddddd\n")
    assert all(not line.endswith(" ") for line in out.splitlines())


def test_column_blocks_break_at_lines_without_the_column():
    # Line 2 has no tab, so it ends the block: line 3's column is sized on its own.
    text = "aaaaaaaaaaaaaaa\tb\nplain line\nc\td\n"
    assert tabwrite(text) == "aaaaaaaaaaaaaaa   b\nplain line\nc         d\n"


def test_empty_cells_are_padded():
    assert tabwrite("A\t\tC\nx\ty\tz\n") == "A                   C\nx         y         z\n"


def test_wide_runes_count_two_cells():
    assert text_width("日本") == 4
    assert tabwrite("日本\tx\nab\ty\n") == "日本      x\nab        y\n"


@pytest.mark.parametrize("text", ["", "\n", "no tabs at all\n"])
def test_degenerate_inputs_pass_through(text):
    assert tabwrite(text) == text
