"""Natural sort order (github.com/fvbommel/sortorder NaturalLess), as `docker port` sorts. Pure."""

from __future__ import annotations

import functools


def natural_less(a: str, b: str) -> bool:
    """Digit runs compare as numbers (leading zeros ignored, fewer zeros first), other bytes as bytes;
    a digit sorts before any other character."""
    x, y = a.encode(), b.encode()
    i = j = 0
    while i < len(x) and j < len(y):
        dx, dy = _isdigit(x[i]), _isdigit(y[j])
        if dx != dy:
            return dx
        if not dx:
            if x[i] != y[j]:
                return x[i] < y[j]
            i, j = i + 1, j + 1
            continue
        i, nz1 = _skip_zeros(x, i)
        j, nz2 = _skip_zeros(y, j)
        if (i - nz1) != (j - nz2):
            return (i - nz1) < (j - nz2)
        if x[nz1:i] != y[nz2:j]:
            return x[nz1:i] < y[nz2:j]
        if nz1 != nz2:
            return nz1 < nz2
    return len(x) < len(y)


def _isdigit(c: int) -> bool:
    return 0x30 <= c <= 0x39


def _skip_zeros(s: bytes, i: int) -> tuple[int, int]:
    """(index after the digit run, index of its first non-zero digit)."""
    while i < len(s) and s[i] == 0x30:
        i += 1
    start = i
    while i < len(s) and _isdigit(s[i]):
        i += 1
    return i, start


def natural_sorted(items) -> list[str]:
    def compare(a: str, b: str) -> int:
        return -1 if natural_less(a, b) else (1 if natural_less(b, a) else 0)

    return sorted(items, key=functools.cmp_to_key(compare))
