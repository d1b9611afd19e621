"""`--since` / `--until` values → what docker sends. Every expectation below was observed on the wire
from docker 28.2.2 (a logging proxy on the socket) or is docker's own error text."""

from __future__ import annotations

import pytest

from pydock.opts.timestamps import TimestampError, choose_layout, get_timestamp, go_quote, go_quote_time
from pydock.opts.units import parse_duration

NOW = 1_795_827_614_123_456_789  # 2026-11-28T21:40:14.123456789Z
UTC = 0


@pytest.mark.parametrize("value, sent", [
    ("10m", "1795827014"), ("1h30m", "1795822214"), ("1.5h", "1795822214"), ("-5m", "1795827914"),
    ("0s", "1795827614"), (".5h", "1795825814"), ("5.h", "1795809614"), ("1µs", "1795827614"), ("300ms", "1795827613"),
])
def test_durations_are_now_minus_whole_seconds(value, sent):
    assert get_timestamp(value, NOW, UTC) == sent


@pytest.mark.parametrize("value, sent", [
    ("2026-11-28", "1795824000.000000000"),
    ("2026-11-28T10", "1795860000.000000000"),
    ("2026-11-28T10:30", "1795861800.000000000"),
    ("2026-11-28T10:30:00", "1795861800.000000000"),
    ("2026-11-28T10:30:00.5", "1795861800.500000000"),
    ("2026-11-28T10:30:00,5", "1795861800.500000000"),
    ("2026-11-28T10:30:00Z", "1795861800.000000000"),
    ("2026-11-28T10:30:00+02:00", "1795854600.000000000"),
    ("2026-11-28T10:30:00-05:00", "1795879800.000000000"),
    ("2026-11-28T10:30:00.5+01:00", "1795858200.500000000"),
    ("2026-11-28T10:30:00.123456789123Z", "1795861800.123456789"),
    ("2026-11-28T10:30:00+24:60", "1795771800.000000000"),
    ("2026-11-28Z", "1795824000.000000000"),
    ("2026-11-28+01:00", "1795820400.000000000"),
    ("0000-01-01", "-62167219200.000000000"),
    ("2024-02-29", "1709164800.000000000"),
])
def test_rfc3339_dates_and_times(value, sent):
    assert get_timestamp(value, NOW, UTC) == sent


def test_values_without_a_zone_use_the_current_local_offset():
    new_york_winter = -5 * 3600
    assert get_timestamp("2026-11-28T10:30", NOW, new_york_winter) == "1795879800.000000000"
    assert get_timestamp("2026-11-28T10:30Z", NOW, new_york_winter) == "1795861800.000000000"


@pytest.mark.parametrize("value", ["1700000000", "1700000000.5", "1.5", "+5", "0"])
def test_unix_timestamps_pass_through(value):
    assert get_timestamp(value, NOW, UTC) == value


@pytest.mark.parametrize("value, message", [
    ("bogus", 'failed to parse value as time or duration: "bogus"'),
    ("1.2.3", 'failed to parse value as time or duration: "1.2.3"'),
    ("10x", 'failed to parse value as time or duration: "10x"'),
    ("3d", 'failed to parse value as time or duration: "3d"'),
    ("1e3", 'failed to parse value as time or duration: "1e3"'),
    ("T10", 'failed to parse value as time or duration: "T10"'),
    ("1700000000.", 'failed to parse value as time or duration: "1700000000."'),
    ("99999999999999999999", 'failed to parse value as time or duration: "99999999999999999999"'),
    ("2026-13-01", 'parsing time "2026-13-01": month out of range'),
    ("2026-02-30", 'parsing time "2026-02-30": day out of range'),
    ("2023-02-29T00:00:00Z", 'parsing time "2023-02-29T00:00:00Z": day out of range'),
    ("2026-11-28T25", 'parsing time "2026-11-28T25": hour out of range'),
    ("2026-11-28T10:60", 'parsing time "2026-11-28T10:60": minute out of range'),
    ("2026-11-28T10:30:60", 'parsing time "2026-11-28T10:30:60": second out of range'),
    ("2026-11-28T10:30:00+25:00", 'parsing time "2026-11-28T10:30:00+25:00": time zone offset hour out of range'),
    ("2026-11-28T10:30:00+02:61", 'parsing time "2026-11-28T10:30:00+02:61": time zone offset minute out of range'),
    ("-5", 'parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006"'),
    ("abc-def", 'parsing time "abc-def" as "2006-01-02": cannot parse "abc-def" as "2006"'),
    ("2026-1-28", 'parsing time "2026-1-28" as "2006-01-02": cannot parse "1-28" as "01"'),
    ("2026-11-28T1:3", 'parsing time "2026-11-28T1:3" as "2006-01-02T15:04": cannot parse "3" as "04"'),
    ("2026-11-28T10:30:00z",
     'parsing time "2026-11-28T10:30:00z" as "2006-01-02T15:04:05Z07:00": cannot parse "z" as "Z07:00"'),
    ("2026-11-28T10:30:00+0200",
     'parsing time "2026-11-28T10:30:00+0200" as "2006-01-02T15:04Z07:00": cannot parse ":00+0200" as "Z07:00"'),
    ("2026-11-28x", 'parsing time "2026-11-28x": extra text: "x"'),
    ("2026-11-28 10:30", 'parsing time "2026-11-28 10:30": extra text: " 10:30"'),
    ("2026-11-28T10:30:00.", 'parsing time "2026-11-28T10:30:00.": extra text: "."'),
    ("2026-11-28T10:30:00.5Z+01:00", 'parsing time "2026-11-28T10:30:00.5Z+01:00": extra text: "+01:00"'),
])
def test_errors_carry_gos_messages(value, message):
    with pytest.raises(TimestampError) as e:
        get_timestamp(value, NOW, UTC)
    assert str(e.value) == message


@pytest.mark.parametrize("value, layout, local", [
    ("2026-11-28", "2006-01-02", True),
    ("2026-11-28-05:00", "2006-01-02Z07:00", False),
    ("2026-11-28T10", "2006-01-02T15", True),
    ("2026-11-28T10:30:00+02:00", "2006-01-02T15:04:05Z07:00", False),
    ("2026-11-28T10:30+02:00", "2006-01-02T15:04Z07:00", False),
    ("2026-11-28T10.5", "2006-01-02T15:04:05.999999999", True),
])
def test_layout_choice(value, layout, local):
    assert choose_layout(value) == (layout, local)


@pytest.mark.parametrize("value, nanos", [
    ("1h", 3_600_000_000_000), ("1h30m", 5_400_000_000_000), ("-1.5s", -1_500_000_000), ("+0", 0), ("2us", 2_000),
    ("1μs", 1_000), (".5m", 30_000_000_000), ("1m0.5s", 60_500_000_000),
])
def test_parse_duration(value, nanos):
    assert parse_duration(value) == nanos


@pytest.mark.parametrize("value, message", [
    ("", 'time: invalid duration ""'), ("1", 'time: missing unit in duration "1"'),
    ("1x", 'time: unknown unit "x" in duration "1x"'), (".s", 'time: invalid duration ".s"'),
    ("9999999999999h", 'time: invalid duration "9999999999999h"'),
])
def test_parse_duration_errors(value, message):
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.") + "$"):
        parse_duration(value)


def test_quoting_styles():
    assert go_quote('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    assert go_quote("é\x01") == '"é\\x01"'
    assert go_quote_time("é") == '"\\xc3\\xa9"'
