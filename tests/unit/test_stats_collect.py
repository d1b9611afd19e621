"""The collector's bookkeeping without any stream: rows in insertion order, docker's event routing
(start adds; create adds with --all; die removes without --all; destroy always), the 2 s staleness
rule that turns a row into `--`, and the extra connection pools for many streams."""

from __future__ import annotations

import time

import pytest

from pydock.stats import collect
from pydock.stats.calc import StatsEntry
from pydock.stats.collect import Collector, Row


class Recorder(Collector):
    """A collector whose add() only records (no thread, no engine)."""

    def __init__(self, **kw):
        super().__init__(None, stream=True, **kw)
        self.added: list[str] = []

    def add(self, key, ident):
        self.added.append(key)
        self.rows[key] = Row(key, ident, StatsEntry(container=key, id=key))
        return True


CID = "0123456789ab" + "c" * 52


def event(action: str, cid: str = CID) -> dict:
    return {"Type": "container", "Action": action, "Actor": {"ID": cid, "Attributes": {}}}


@pytest.mark.parametrize("all_, action, added", [
    (False, "start", True), (False, "create", False), (True, "create", True), (True, "start", True),
    (False, "exec_start: sh", False), (False, "attach", False),
])
def test_events_that_add(all_, action, added):
    c = Recorder(all_=all_)
    c._on_event(event(action))
    assert c.added == (["0123456789ab"] if added else [])


@pytest.mark.parametrize("all_, action, removed", [
    (False, "die", True), (True, "die", False), (False, "destroy", True), (True, "destroy", True),
    (False, "stop", False), (False, "kill", False),
])
def test_events_that_remove(all_, action, removed):
    c = Recorder(all_=all_)
    c.add("0123456789ab", "0123456789ab")
    c.add("other", "other")
    c._on_event(event(action))
    assert list(c.rows) == (["other"] if removed else ["0123456789ab", "other"])


def test_event_without_an_id_is_ignored():
    c = Recorder()
    c._on_event({"Type": "container", "Action": "start", "Actor": {"ID": ""}})
    assert c.added == []


def test_rows_keep_insertion_order_and_go_stale_after_the_timeout():
    c = Recorder()
    for key in ("b", "a", "c"):
        c.add(key, key)
    now = time.monotonic()
    c.rows["b"].samples, c.rows["b"].updated = 1, now
    c.rows["b"].stats = StatsEntry(container="b", name="/b", id="b", cpu_percentage=5.0)
    c.rows["a"].samples, c.rows["a"].updated = 1, now - collect.TIMEOUT - 0.1
    c.rows["a"].stats = StatsEntry(container="a", name="/a", id="a", cpu_percentage=7.0)
    c.rows["c"].started = now - collect.TIMEOUT - 0.1  # never had a sample
    snap = c.snapshot(now)
    assert [s.container for s in snap] == ["b", "a", "c"]
    assert [s.invalid for s in snap] == [False, True, True]
    assert snap[1].name == "/a" and snap[1].cpu_percentage == 0.0  # reset, name kept


def test_ended_or_failed_rows_are_invalid_while_streaming():
    from pydock.errors import PydockError

    c = Recorder()
    c.add("x", "x")
    c.add("y", "y")
    c.rows["x"].ended = True
    c.rows["y"].error = PydockError("boom")
    assert all(s.invalid for s in c.snapshot())
    assert c.live_rows() == 1
    assert [str(e) for e in c.errors()] == ["boom"]
