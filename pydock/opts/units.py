"""Numbers as docker's flags read them: go-units RAMInBytes, opts.NanoCPUs, time.ParseDuration and
strconv's integers and booleans. Pure; each parser raises OptionError with Go's own message."""

from __future__ import annotations

import math
import re

from ._errors import OptionError
from .gostrings import go_quote, go_quote_time

BINARY = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
_FLOAT = r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))"
_RATIONAL = r"[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
GO_BOOLS = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
            "0": False, "f": False, "F": False, "FALSE": False, "false": False, "False": False}


def parse_go_bool(text: str) -> bool:
    if text not in GO_BOOLS:
        raise OptionError(f'strconv.ParseBool: parsing {go_quote(text)}: invalid syntax')
    return GO_BOOLS[text]


def parse_go_float(text: str) -> float:
    """strconv.ParseFloat(text, 64) for decimal input."""
    if not re.fullmatch(_FLOAT, text):
        raise OptionError(f'strconv.ParseFloat: parsing {go_quote(text)}: invalid syntax')
    value = float(text)
    if math.isinf(value) and "inf" not in text.lower():
        raise OptionError(f'strconv.ParseFloat: parsing {go_quote(text)}: value out of range')
    return value


def _int64(value: float) -> int:
    """Go's int64(float64) on amd64: truncation, and the minimum int64 when out of range or NaN."""
    if math.isnan(value) or math.isinf(value) or not INT64_MIN <= value < 1 << 63:
        return INT64_MIN
    return int(value)


def ram_in_bytes(size: str) -> int:
    """`64m`, `1.5g`, `512 KiB`, `100` → bytes (binary multiples; go-units RAMInBytes)."""
    sep = max(size.rfind(c) for c in "0123456789. ")
    if sep == -1:
        raise OptionError(f"invalid size: '{size}'")
    num, suffix = (size[:sep], size[sep + 1:]) if size[sep] == " " else (size[:sep + 1], size[sep + 1:])
    value = parse_go_float(num)
    if value < 0:
        raise OptionError(f"invalid size: '{size}'")
    if not suffix:
        return _int64(value)
    sfx = suffix.lower() if len(suffix) <= 3 else suffix
    bad = OptionError(f"invalid suffix: '{sfx}'")
    if len(sfx) > 3:
        raise bad
    if sfx[0] == "b":
        if len(sfx) > 1:
            raise bad
        return _int64(value)
    if sfx[0] not in BINARY or (len(sfx) == 2 and sfx[1] != "b") or (len(sfx) == 3 and sfx[1:] != "ib"):
        raise bad
    return _int64(value * BINARY[sfx[0]])


def mem_swap_bytes(size: str) -> int:
    """`--memory-swap`: a size, or `-1` for unlimited."""
    return -1 if size == "-1" else ram_in_bytes(size)


def nano_cpus(value: str) -> int:
    """`--cpus 1.5` → 1500000000: a big.Rat times 1e9 that must come out whole."""
    from fractions import Fraction  # with decimal, 5 ms to import: only --cpus needs it

    try:
        if not re.fullmatch(_RATIONAL, value):
            raise ValueError
        nano = Fraction(value) * 1_000_000_000
    except (ValueError, ZeroDivisionError):
        raise OptionError(f"failed to parse {value} as a rational number") from None
    if nano.denominator != 1:
        raise OptionError("value is too precise")
    return _wrap64(int(nano))


def _wrap64(value: int) -> int:
    """big.Int.Int64(): the low 64 bits, as a signed number."""
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


# -- integers (strconv with base 0, as pflag parses them) ------------------------------------------

_BASE0 = r"[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)"


def _go_base0(text: str) -> int | None:
    if not re.fullmatch(_BASE0, text) or "__" in text or text.endswith("_"):
        return None
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.lstrip("+"))
    if len(digits) > 1 and digits[0] == "0" and digits[1] not in "xXoObB":
        digits = "0o" + digits[1:].lstrip("_")
    try:
        return sign * int(digits, 0)
    except ValueError:
        return None


def parse_go_int(text: str, bits: int = 64) -> int:
    """strconv.ParseInt(text, 0, bits): `10`, `0x1f`, `010` (octal), `1_000`."""
    value = _go_base0(text)
    if value is None:
        raise OptionError(f'strconv.ParseInt: parsing {go_quote(text)}: invalid syntax')
    if not -(1 << (bits - 1)) <= value < 1 << (bits - 1):
        raise OptionError(f'strconv.ParseInt: parsing {go_quote(text)}: value out of range')
    return value


def parse_go_uint(text: str, bits: int = 64) -> int:
    """strconv.ParseUint(text, 0, bits): no sign allowed."""
    value = None if text[:1] in "+-" else _go_base0(text)
    if value is None:
        raise OptionError(f'strconv.ParseUint: parsing {go_quote(text)}: invalid syntax')
    if value >= 1 << bits:
        raise OptionError(f'strconv.ParseUint: parsing {go_quote(text)}: value out of range')
    return value


def parse_go_uint16(text: str) -> int:
    return parse_go_uint(text, 16)


def parse_octal_mode(text: str) -> int:
    """strconv.ParseUint(text, 8, 32): `1770` → 1016."""
    if not text or any(c not in "01234567" for c in text):
        raise OptionError(f'strconv.ParseUint: parsing {go_quote(text)}: invalid syntax')
    value = int(text, 8)
    if value >= 1 << 32:
        raise OptionError(f'strconv.ParseUint: parsing {go_quote(text)}: value out of range')
    return value


# -- durations (time.ParseDuration) -----------------------------------------------------------------

DURATION_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000,
                  "m": 60_000_000_000, "h": 3_600_000_000_000}
_DURATION_PART = r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)"


def parse_duration(text: str) -> int:
    """`1m30s`, `1.5h`, `300ms`, `-2s`, `0` → nanoseconds (time.ParseDuration, with its messages)."""
    quoted = go_quote_time(text)
    invalid = OptionError(f"time: invalid duration {quoted}")
    rest, negative = text, False
    if rest[:1] in ("+", "-"):
        negative, rest = rest[0] == "-", rest[1:]
    if rest == "0":
        return 0
    if not rest:
        raise invalid
    total = 0
    while rest:
        match = re.match(_DURATION_PART, rest)
        whole, frac, unit = match.group(1), match.group(2) or "", match.group(3)
        if (not whole and not frac) or int(whole or "0") > 1 << 63:  # Go's leadingInt overflows first
            raise invalid
        if not unit:
            raise OptionError(f"time: missing unit in duration {quoted}")
        if unit not in DURATION_UNITS:
            raise OptionError(f"time: unknown unit {go_quote_time(unit)} in duration {quoted}")
        total += _duration_part(int(whole or "0"), frac, DURATION_UNITS[unit], invalid)
        if total > 1 << 63:
            raise invalid
        rest = rest[match.end():]
    if negative:
        return -total
    if total > INT64_MAX:
        raise invalid
    return total


def _duration_part(whole: int, frac: str, unit: int, invalid: OptionError) -> int:
    if whole > (1 << 63) // unit:
        raise invalid
    value = whole * unit
    if frac:  # Go scales the fraction in floating point, then truncates
        value += int(float(int(frac)) * (unit / 10 ** len(frac)))
    return value
