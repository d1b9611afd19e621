"""Go's text/tabwriter as docker configures it: minwidth 10, tabwidth 1, padding 3, pad with spaces.

Plain text on purpose: scripts parse `ps` and `images` output, so no rich tables here.
Cells are tab-terminated; the last cell of a line is not part of any column. A column's width is
computed over each run of consecutive lines that have that column (a "column block"), as Go does.
"""

from __future__ import annotations

import unicodedata


def text_width(s: str) -> int:
    """Display width as go-runewidth counts it: East Asian wide and fullwidth runes take two cells."""
    if s.isascii():
        return len(s)
    width = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def tabwrite(text: str, minwidth: int = 10, padding: int = 3) -> str:
    lines = [[(cell, text_width(cell)) for cell in line.split("\t")] for line in text.split("\n")]
    out: list[str] = []
    _format(lines, 0, len(lines), [], out, minwidth, padding)
    return "\n".join(out)


def _format(lines, line0: int, line1: int, widths: list[int], out: list[str], minwidth: int, padding: int) -> None:
    column = len(widths)
    this = line0
    while this < line1:
        if column >= len(lines[this]) - 1:
            this += 1
            continue
        _write_lines(lines, line0, this, widths, out)
        line0 = this
        width = minwidth
        while this < line1 and column < len(lines[this]) - 1:
            width = max(width, lines[this][column][1] + padding)
            this += 1
        widths.append(width)
        _format(lines, line0, this, widths, out, minwidth, padding)
        widths.pop()
        line0 = this
    _write_lines(lines, line0, line1, widths, out)


def _write_lines(lines, line0: int, line1: int, widths: list[int], out: list[str]) -> None:
    for i in range(line0, line1):
        parts = []
        for j, (cell, w) in enumerate(lines[i]):
            parts.append(cell)
            if j < len(widths) and j < len(lines[i]) - 1:
                parts.append(" " * (widths[j] - w))
        out.append("".join(parts))
