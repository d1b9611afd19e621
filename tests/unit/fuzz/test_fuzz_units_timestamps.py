"""Sizes, `--cpus`, durations, Go integers (pydock.opts.units) and `--since`/`--until` (opts.timestamps): only
the typed errors escape; values render back (Go's Duration.String, plain numbers, RFC 3339) to input that
parses to the same value."""

from __future__ import annotations

import calendar

from hypothesis import given
from hypothesis import strategies as st

from pydock.opts._errors import OptionError
from pydock.opts.timestamps import TimestampError, get_timestamp
from pydock.opts.units import (INT64_MAX, INT64_MIN, mem_swap_bytes, nano_cpus, parse_duration, parse_go_bool,
                               parse_go_float, parse_go_int, parse_go_uint, parse_octal_mode, ram_in_bytes)
from pydock.render.humanize import bytes_size

from ._fuzz import check_typed, junk, numbers, spliced

decimals = st.one_of(numbers, st.from_regex(r"[+-]?[0-9]{0,4}\.?[0-9]{0,4}(?:[eE][+-]?[0-9]{1,3})?", fullmatch=True),
                     st.sampled_from(["inf", "-Inf", "NaN", "1e400", ".", "1.", ".5", "0x1p3", "1_000"]))
size_suffixes = st.sampled_from(["", "b", "k", "kb", "KiB", "m", "MB", "mib", "g", "gB", "t", "p", "pb", "e", "q",
                                 " ", " k", " KiB", "  m", "bb", "kib ", "kibi"])
sizes = st.one_of(spliced(decimals, size_suffixes), junk)


@given(sizes)
def test_sizes_raise_only_option_error_and_round_trip(text):
    for parser in (ram_in_bytes, mem_swap_bytes):
        value, _ = check_typed(parser, text, errors=(OptionError,))
        if value is not None and value >= 0:  # past int64, Go's float conversion gives the minimum int64
            assert parser(str(value)) == value
            if 0 < value < 1 << 60:  # BytesSize keeps 4 significant digits (and says EiB, which sizes lack)
                assert abs(ram_in_bytes(bytes_size(value)) - value) <= value * 0.0005 + 1


@given(st.one_of(spliced(st.sampled_from(["", "-", "+"]), decimals, st.sampled_from(["", "/2", "/0", "/3", "e-9"])),
                 junk))
def test_cpus_raise_only_option_error_and_round_trip(text):
    nano, _ = check_typed(nano_cpus, text, errors=(OptionError,))
    if nano is not None:
        sign = "-" if nano < 0 else ""
        rendered = f"{sign}{abs(nano) // 10**9}.{abs(nano) % 10**9:09d}"
        assert nano_cpus(rendered) == nano, rendered


def go_duration(d: int) -> str:
    """Go's time.Duration.String()."""
    if d == 0:
        return "0s"
    sign, u = ("-" if d < 0 else ""), abs(d)

    def frac(v: int, digits: int) -> str:
        whole, rest = divmod(v, 10**digits)
        tail = f"{rest:0{digits}d}".rstrip("0")
        return f"{whole}.{tail}" if tail else str(whole)

    if u < 1000:
        return f"{sign}{u}ns"
    if u < 10**6:
        return f"{sign}{frac(u, 3)}µs"
    if u < 10**9:
        return f"{sign}{frac(u, 6)}ms"
    hours, rest = divmod(u, 3600 * 10**9)
    minutes, rest = divmod(rest, 60 * 10**9)
    out = (f"{hours}h" if hours else "") + (f"{minutes}m" if hours or minutes else "") + f"{frac(rest, 9)}s"
    return sign + out


units = st.sampled_from(["ns", "us", "µs", "μs", "ms", "s", "m", "h", "", "d", "S", "sec"])
durations = st.one_of(st.lists(spliced(decimals, units, junk_rate=12), min_size=1, max_size=4).map("".join),
                      st.integers(INT64_MIN, INT64_MAX).map(go_duration), junk)


@given(durations)
def test_durations_raise_only_option_error_and_round_trip(text):
    value, _ = check_typed(parse_duration, text, errors=(OptionError,))
    if value is not None:
        assert INT64_MIN <= value <= INT64_MAX
        assert parse_duration(go_duration(value)) == value, go_duration(value)


@given(st.integers(INT64_MIN + 1, INT64_MAX))
def test_go_duration_strings_parse_exactly(value):
    assert parse_duration(go_duration(value)) == value


integers = st.one_of(numbers, st.sampled_from(["0x1F", "0X_1f", "0o17", "0b101", "010", "1_000", "_1", "1__0",
                                               "0x", "-0x10", "+0b1", "08", "0_7", "-9223372036854775809"]),
                     st.integers(-(1 << 65), 1 << 65).map(str), junk)


@given(integers)
def test_go_integers_raise_only_option_error_and_round_trip(text):
    for parser in (parse_go_int, parse_go_uint, parse_octal_mode):
        value, _ = check_typed(parser, text, errors=(OptionError,))
        if value is not None:
            assert parser(format(value, "o") if parser is parse_octal_mode else str(value)) == value
    for parser in (parse_go_bool, parse_go_float):
        check_typed(parser, text, errors=(OptionError,))


NOW_NS = 1_765_000_000_123_456_789


dates = st.tuples(st.integers(0, 9999), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
                  st.integers(0, 59), st.integers(0, 59), st.integers(0, 999_999_999))
zones = st.sampled_from(["Z", "+00:00", "+02:00", "-05:30", "+14:00", ""])


def _zone_seconds(zone: str, local: int) -> int:
    if zone == "":
        return local
    if zone == "Z":
        return 0
    sign = -1 if zone[0] == "-" else 1
    return sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)


@given(dates, zones, st.sampled_from([0, 3600, -18000]))
def test_rfc3339_timestamps_are_exact(date, zone, local):
    y, mo, d, h, mi, s, ns = date
    text = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{ns:09d}{zone}"
    seconds = calendar.timegm((y, mo, d, h, mi, s)) if y >= 1 else None
    got = get_timestamp(text, now_ns=NOW_NS, local_offset=local)
    if seconds is not None:
        assert got == f"{seconds - _zone_seconds(zone, local)}.{ns:09d}", text


timestamp_pieces = st.one_of(
    spliced(st.from_regex(r"[0-9]{4}", fullmatch=True), "-", st.from_regex(r"[0-9]{1,2}", fullmatch=True), "-",
            st.from_regex(r"[0-9]{1,2}", fullmatch=True), st.sampled_from(["", "T", "t", " "]),
            st.from_regex(r"[0-9]{0,2}(:[0-9]{1,2}){0,2}(\.[0-9]{0,12})?", fullmatch=True), zones, junk_rate=10),
    durations, spliced(numbers, st.sampled_from(["", ".", ".5", ".000000001", ".x"])), junk)


@given(timestamp_pieces, st.sampled_from([0, 3600, -18000]))
def test_timestamps_raise_only_timestamp_error_and_are_stable(text, local):
    value, _ = check_typed(get_timestamp, text, now_ns=NOW_NS, local_offset=local, errors=(TimestampError,))
    if value is not None and not value.startswith("-"):
        assert get_timestamp(value, now_ns=NOW_NS, local_offset=local) == value
