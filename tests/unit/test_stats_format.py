"""stats frames (table, templates, json, history columns, timestamped blocks) and events lines. Pure."""

from __future__ import annotations

import io
import json
import re

import pytest

from pydock.render.formatter import Format, prepare
from pydock.render.stats_view import PlainSink, frame, timestamp
from pydock.stats.calc import StatsEntry
from pydock.stats.events import EMPTY_MESSAGE, message_value, pretty, rfc3339_nano_fixed
from pydock.stats.order import History
from pydock.stats.view import DEFAULT_FORMAT, StatsView

A = StatsEntry(container="web", name="/web", id="0123456789abcdef" * 4, cpu_percentage=12.345, memory=319488,
               memory_limit=25276510208, memory_percentage=0.0012, network_rx=1086, network_tx=0,
               block_read=4096, block_write=1e6, pids_current=3)
B = StatsEntry(container="db", name="/db", id="fedcba9876543210" * 4, invalid=True)


def render(fmt_text, entries, history=None, trunc=True):
    fmt = Format.parse(fmt_text, DEFAULT_FORMAT)
    views = [StatsView(e, trunc) for e in entries]
    return frame(fmt, prepare(fmt), views, StatsView.headers, history)


def test_default_table_matches_docker_layout():
    out = render("table", [A, B])
    assert out.splitlines() == [
        "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O       BLOCK I/O     PIDS",
        "0123456789ab   web       12.35%    312KiB / 23.54GiB   0.00%     1.09kB / 0B   4.1kB / 1MB   3",
        "fedcba987654   db        --        -- / --             --        --            --            --",
    ]


def test_empty_list_prints_the_header_only():
    assert render("", []) == ("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n")


def test_custom_template_and_no_trunc():
    assert render("{{.Name}} {{.PIDs}} {{.ID}}", [A], trunc=False) == f"web 3 {A.id}\n"
    assert render("table {{.Container}}\t{{.Name}}", [A]).splitlines() == ["CONTAINER   NAME", "web         web"]


def test_json_has_docker_keys_sorted():
    line = render("json", [A])
    assert json.loads(line) == {"BlockIO": "4.1kB / 1MB", "CPUPerc": "12.35%", "Container": "web",
                                "ID": "0123456789ab", "MemPerc": "0.00%", "MemUsage": "312KiB / 23.54GiB",
                                "Name": "web", "NetIO": "1.09kB / 0B", "PIDs": "3"}
    assert list(json.loads(line)) == sorted(json.loads(line))


def test_history_columns_follow_the_table():
    h = History(size=4)
    for cpu in (0.0, 100.0):
        h.add(StatsEntry(id=A.id, cpu_percentage=cpu, memory=cpu))
    lines = render("table {{.Name}}\t{{.CPUPerc}}", [A, B], h).splitlines()
    assert lines == [
        "NAME      CPU %     CPU HISTORY   MEM HISTORY",
        "web       12.35%      ▁█            ▁█",
        "db        --                          ",
    ]


def test_plain_sink_timestamps_tables_only():
    out = io.StringIO()
    PlainSink(out, table=True, stamped=True).show("A\n")
    stamp, rest = out.getvalue().split("\n", 1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    assert rest == "A\n\n"
    out = io.StringIO()
    PlainSink(out, table=False, stamped=True).show('{"a":1}\n')
    assert out.getvalue() == '{"a":1}\n'
    assert "\x1b" not in out.getvalue()


def test_timestamp_format():
    assert timestamp(1795840624.4567) == "2026-11-28T04:37:04.456Z"


# -- events -------------------------------------------------------------------------------------------

EVENT = {"status": "die", "id": "3e8c", "from": "busybox", "Type": "container", "Action": "die",
         "Actor": {"ID": "3e8c", "Attributes": {"name": "x", "exitCode": "0", "image": "busybox"}},
         "scope": "local", "time": 1795840624, "timeNano": 1795840624367593565}


def test_pretty_event_line():
    assert pretty(EVENT, local_offset=0) == (
        "2026-11-28T04:37:04.367593565Z container die 3e8c (exitCode=0, image=busybox, name=x)\n")


def test_pretty_event_without_attributes_or_nanos():
    msg = {"Type": "network", "Action": "prune", "Actor": {"ID": "", "Attributes": {}}, "time": 1795840624}
    assert pretty(msg, local_offset=0) == "2026-11-28T04:37:04.000000000Z network prune \n"


@pytest.mark.parametrize("offset, text", [(0, "2026-11-28T04:37:04.000000001Z"),
                                          (3600, "2026-11-28T05:37:04.000000001+01:00"),
                                          (-34200, "2026-11-27T19:07:04.000000001-09:30")])
def test_rfc3339_nano_fixed(offset, text):
    assert rfc3339_nano_fixed(1795840624000000001, offset) == text


def test_event_json_is_docker_field_order_with_omitempty():
    from pydock.render.system import template_json

    assert template_json(message_value(EVENT)) == (
        '{"status":"die","id":"3e8c","from":"busybox","Type":"container","Action":"die","Actor":{"ID":"3e8c",'
        '"Attributes":{"exitCode":"0","image":"busybox","name":"x"}},"scope":"local","time":1795840624,'
        '"timeNano":1795840624367593565}')
    assert template_json(EMPTY_MESSAGE) == '{"Type":"","Action":"","Actor":{"ID":"","Attributes":null}}'


def test_event_template_fields():
    from pydock.render import gotemplate

    t = gotemplate.parse("{{.Type}} {{.Actor.Attributes.name}} {{.TimeNano}} {{.Status}}")
    assert t.execute(message_value(EVENT)) == "container x 1795840624367593565 die"
