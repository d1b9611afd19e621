"""Sizes (go-units RAMInBytes), --cpus (NanoCPUs), durations (time.ParseDuration), Go integers and bools."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.units import (mem_swap_bytes, nano_cpus, parse_duration, parse_go_bool, parse_go_int, parse_go_uint,
                               parse_go_uint16, parse_octal_mode, ram_in_bytes)


@pytest.mark.parametrize("text, expected", [
    ("64m", 67108864), ("1g", 1073741824), ("1G", 1073741824), ("100", 100), ("100b", 100), ("4k", 4096),
    ("1kb", 1024), ("1KiB", 1024), ("1.5 KiB", 1536), ("1.5g", 1610612736), ("0", 0), ("1t", 1 << 40),
    ("1p", 1 << 50), ("1.9", 1), ("1e3", 1000), (".5k", 512),
])
def test_ram_in_bytes(text, expected):
    assert ram_in_bytes(text) == expected


@pytest.mark.parametrize("text, message", [
    ("lots", "invalid size: 'lots'"), ("12q", "invalid suffix: 'q'"), ("1kk", "invalid suffix: 'kk'"),
    ("1bb", "invalid suffix: 'bb'"), ("1kbb", "invalid suffix: 'kbb'"), ("1KBIB", "invalid suffix: 'KBIB'"),
    ("-1", "invalid size: '-1'"), ("", "invalid size: ''"), ("1..5m", 'strconv.ParseFloat: parsing "1..5": invalid syntax'),
])
def test_ram_in_bytes_errors(text, message):
    with pytest.raises(OptionError) as e:
        ram_in_bytes(text)
    assert str(e.value) == message


def test_memory_swap():
    assert mem_swap_bytes("-1") == -1
    assert mem_swap_bytes("128m") == 134217728


@pytest.mark.parametrize("text, expected", [
    ("1.5", 1500000000), ("1", 1000000000), ("3/2", 1500000000), ("0.000000001", 1), ("0", 0), ("1e-3", 1000000),
])
def test_nano_cpus(text, expected):
    assert nano_cpus(text) == expected


@pytest.mark.parametrize("text, message", [
    ("abc", "failed to parse abc as a rational number"), ("", "failed to parse  as a rational number"),
    ("1/0", "failed to parse 1/0 as a rational number"), ("0.0000000001", "value is too precise"),
])
def test_nano_cpus_errors(text, message):
    with pytest.raises(OptionError) as e:
        nano_cpus(text)
    assert str(e.value) == message


@pytest.mark.parametrize("text, nanos", [
    ("1m30s", 90_000_000_000), ("1.5h", 5_400_000_000_000), ("300ms", 300_000_000), ("-2s", -2_000_000_000),
    ("0", 0), ("+3s", 3_000_000_000), (".5s", 500_000_000), ("1.s", 1_000_000_000), ("1us", 1000),
    ("1µs", 1000), ("2ns", 2), ("1h2m3.5s", 3_723_500_000_000), ("2562047h47m16.854775807s", (1 << 63) - 1),
])
def test_durations(text, nanos):
    assert parse_duration(text) == nanos


@pytest.mark.parametrize("text, message", [
    ("1", 'time: missing unit in duration "1"'), ("1d", 'time: unknown unit "d" in duration "1d"'),
    ("x", 'time: invalid duration "x"'), ("", 'time: invalid duration ""'), (".s", 'time: invalid duration ".s"'),
    ("-", 'time: invalid duration "-"'), ("2562047h47m16.854775808s", 'time: invalid duration "2562047h47m16.854775808s"'),
])
def test_duration_errors(text, message):
    with pytest.raises(OptionError) as e:
        parse_duration(text)
    assert str(e.value) == message


@pytest.mark.parametrize("text, value", [
    ("10", 10), ("-5", -5), ("+7", 7), ("0x10", 16), ("010", 8), ("0o17", 15), ("0b11", 3), ("1_000", 1000),
    ("0", 0), ("9223372036854775807", (1 << 63) - 1),
])
def test_go_int(text, value):
    assert parse_go_int(text) == value


@pytest.mark.parametrize("text, why", [
    ("abc", "invalid syntax"), ("08", "invalid syntax"), ("1__0", "invalid syntax"), ("_1", "invalid syntax"),
    ("", "invalid syntax"), ("1.5", "invalid syntax"), ("9223372036854775808", "value out of range"),
])
def test_go_int_errors(text, why):
    with pytest.raises(OptionError) as e:
        parse_go_int(text)
    assert str(e.value) == f'strconv.ParseInt: parsing "{text}": {why}'


def test_go_uint():
    assert parse_go_uint16("300") == 300
    assert parse_go_uint("0x10") == 16
    for text, why in (("70000", "value out of range"), ("-1", "invalid syntax"), ("x", "invalid syntax")):
        with pytest.raises(OptionError) as e:
            parse_go_uint16(text)
        assert str(e.value) == f'strconv.ParseUint: parsing "{text}": {why}'


@pytest.mark.parametrize("text, value", [("1770", 1016), ("0", 0), ("777", 511)])
def test_octal_mode(text, value):
    assert parse_octal_mode(text) == value


@pytest.mark.parametrize("text", ["9", "", "0o7", "1_0"])
def test_octal_mode_errors(text):
    with pytest.raises(OptionError):
        parse_octal_mode(text)


@pytest.mark.parametrize("text, value", [("1", True), ("t", True), ("TRUE", True), ("False", False), ("0", False)])
def test_go_bool(text, value):
    assert parse_go_bool(text) is value


def test_go_bool_error():
    with pytest.raises(OptionError) as e:
        parse_go_bool("maybe")
    assert str(e.value) == 'strconv.ParseBool: parsing "maybe": invalid syntax'
