"""pydock's additions to stats, pure: --sort, --interval/--count values, sparklines, history."""

from __future__ import annotations

import pytest

from pydock.stats.calc import StatsEntry
from pydock.stats.order import History, ValueError_, parse_count, parse_interval, sort_entries, sparkline


def e(name, cpu=0.0, mem=0.0, rx=0.0, tx=0.0, r=0.0, w=0.0, pids=0, invalid=False):
    return StatsEntry(container=name, name="/" + name, id=name * 3, cpu_percentage=cpu, memory=mem, network_rx=rx,
                      network_tx=tx, block_read=r, block_write=w, pids_current=pids, invalid=invalid)


ROWS = [
    e("web10", cpu=5.0, mem=300, rx=10, tx=5, r=0, w=100, pids=3),
    e("web2", cpu=50.0, mem=100, rx=1, tx=1, r=500, w=0, pids=9),
    e("db", cpu=5.0, mem=900, rx=100, tx=0, r=1, w=1, pids=1),
    e("cache", invalid=True),
]


@pytest.mark.parametrize("key, expected", [
    (None, ["web10", "web2", "db", "cache"]),            # insertion order, as docker
    ("cpu", ["web2", "db", "web10", "cache"]),           # descending; ties by name; invalid last
    ("mem", ["db", "web10", "web2", "cache"]),
    ("net", ["db", "web10", "web2", "cache"]),           # rx + tx
    ("io", ["web2", "web10", "db", "cache"]),            # read + write
    ("pids", ["web2", "web10", "db", "cache"]),
    ("name", ["db", "web2", "web10", "cache"]),          # natural order: web2 before web10
])
def test_sort(key, expected):
    assert [x.container for x in sort_entries(ROWS, key)] == expected


def test_sort_does_not_mutate():
    before = list(ROWS)
    sort_entries(ROWS, "cpu")
    assert ROWS == before


@pytest.mark.parametrize("value, seconds", [("1", 1.0), ("0.5", 0.5), ("2.25", 2.25), ("10", 10.0)])
def test_interval_ok(value, seconds):
    assert parse_interval(value) == seconds


@pytest.mark.parametrize("value", ["0", "-1", "abc", "", "nan", "inf", "-0.5", "0.0"])
def test_interval_bad(value):
    with pytest.raises(ValueError_, match="must be a positive number of seconds"):
        parse_interval(value)


@pytest.mark.parametrize("value, n", [("1", 1), ("3", 3), ("100", 100)])
def test_count_ok(value, n):
    assert parse_count(value) == n


@pytest.mark.parametrize("value, why", [
    ("0", "must be a positive integer"), ("-1", "must be a positive integer"),
    ("abc", 'strconv.ParseInt: parsing "abc": invalid syntax'), ("1.5", 'strconv.ParseInt: parsing "1.5"'),
])
def test_count_bad(value, why):
    with pytest.raises(ValueError_) as err:
        parse_count(value)
    assert str(err.value).startswith(why)


@pytest.mark.parametrize("values, low, high, width, expected", [
    ([], 0, None, 4, "    "),
    ([0, 100], 0, 100, 4, "  ▁█"),
    ([0, 25, 50, 75, 100], 0, 100, 5, "▁▃▅▇█"),
    ([5, 5, 5], 0, None, 3, "███"),         # constant at the peak
    ([0, 0], 0, None, 2, "▁▁"),             # nothing at all
    ([1, 2, 3, 4, 5, 6], 0, 6, 3, "▆▇█"),   # only the last `width` values
    ([200], 0, 100, 1, "█"),                # clamped
])
def test_sparkline(values, low, high, width, expected):
    assert sparkline(values, low, high, width) == expected


def test_history_keeps_last_samples_and_forgets_removed():
    h = History(size=3)
    for cpu in (10, 20, 30, 40):
        h.add(StatsEntry(id="a", cpu_percentage=cpu, memory=cpu * 10))
    h.add(StatsEntry(id="b", invalid=True))
    assert list(h.cpu["a"]) == [20, 30, 40]
    assert "b" not in h.cpu
    assert h.cpu_line("a") == "▂▃▄"   # scaled to 100 % of one core
    assert h.mem_line("a") == "▅▇█"   # scaled to the peak
    assert h.cpu_line("zzz") == "   "
    h.forget({"b"})
    assert h.cpu == {} and h.mem == {}


def test_history_cpu_above_one_core_scales_to_peak():
    h = History(size=2)
    for cpu in (100.0, 200.0):
        h.add(StatsEntry(id="a", cpu_percentage=cpu))
    assert h.cpu_line("a") == "▅█"
