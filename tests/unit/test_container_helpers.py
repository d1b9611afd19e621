"""Pure helpers of the container verbs: natural sort (port), resource values (update), log merging
(logs), the parallel runner and the output sink."""

from __future__ import annotations

import io
import threading
import time

import pytest

from pydock.errors import NotFound, PydockError
from pydock.opts.logmerge import earlier, is_after, later, merge, messages, prefixed, split_timestamp
from pydock.opts.natural import natural_less, natural_sorted


# -- natural order ------------------------------------------------------------------------------------

def test_natural_sort_orders_numbers_by_value():
    lines = ["80/tcp -> 0.0.0.0:8080", "9/tcp -> 127.0.0.1:43010", "10/tcp -> 127.0.0.1:43011", "81/udp -> x",
             "82/tcp -> [::1]:43003"]
    assert natural_sorted(lines) == [lines[1], lines[2], lines[0], lines[3], lines[4]]


@pytest.mark.parametrize("a, b", [("a1", "a2"), ("a2", "a10"), ("a01", "a001"), ("1", "a"), ("a", "ab"), ("x09", "x10")])
def test_natural_less(a, b):
    assert natural_less(a, b) and not natural_less(b, a)


# -- update's body ------------------------------------------------------------------------------------

def test_update_sends_only_what_was_given():
    from pydock.cli.container.update import UpdateOptions, update_config

    opts = UpdateOptions(("c",), {"Memory": 64 << 20, "NanoCpus": 500_000_000}, "on-failure:3", 3)
    assert update_config(opts) == {"Memory": 64 << 20, "NanoCpus": 500_000_000,
                                   "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}
    assert update_config(UpdateOptions(("c",), {"PidsLimit": -1}, "", 1)) == {"PidsLimit": -1}
    with pytest.raises(PydockError, match="^invalid restart policy format: no policy provided before colon$"):
        update_config(UpdateOptions(("c",), {}, ":3", 1))


# -- log merging --------------------------------------------------------------------------------------

def ts(second: int) -> bytes:
    return f"2026-11-28T10:00:{second:02d}.000000000Z".encode()


def test_merge_orders_by_timestamp_and_keeps_source_order_on_ties():
    a = [(1, ts(1) + b" a1\n"), (2, ts(3) + b" a3\n"), (1, ts(5) + b" a5\n")]
    b = [(1, ts(2) + b" b2\n"), (1, ts(3) + b" b3\n")]
    merged = [(i, s, m.split(b" ", 1)[1]) for i, s, m in merge([iter(a), iter(b)])]
    assert merged == [(0, 1, b"a1\n"), (1, 1, b"b2\n"), (0, 2, b"a3\n"), (1, 1, b"b3\n"), (0, 1, b"a5\n")]


def test_merge_is_lazy():
    def endless(tag: bytes):
        n = 0
        while True:
            n += 1
            yield 1, ts(n % 60) + b" " + tag

    it = merge([endless(b"x"), endless(b"y")])
    assert [next(it)[0] for _ in range(4)] == [0, 1, 0, 1]


def test_tty_messages_are_cut_at_newlines_across_chunks():
    frames = [(1, ts(1) + b" one\r\n" + ts(2)), (1, b" two\r\n"), (1, ts(3) + b" partial")]
    assert list(messages(frames, tty=True)) == [
        (1, ts(1) + b" one\r\n"), (1, ts(2) + b" two\r\n"), (1, ts(3) + b" partial")]
    assert list(messages([(2, b"x")], tty=False)) == [(2, b"x")]


def test_prefix_and_timestamps():
    assert split_timestamp(ts(1) + b" hi\n") == (ts(1), b"hi\n")
    assert split_timestamp(b"nospace") == (b"", b"nospace")
    assert prefixed(b"web | ", ts(1) + b" hi\n", keep_timestamp=False) == b"web | hi\n"
    assert prefixed(b"web | ", ts(1) + b" hi\n", keep_timestamp=True) == b"web | " + ts(1) + b" hi\n"


def test_time_value_comparisons():
    assert later("1700000000", "1700000000.5") == "1700000000.5"
    assert later(None, "5") == "5" and earlier("5", None) == "5"
    assert earlier("1700000001", "1700000000.999999999") == "1700000000.999999999"
    assert is_after("1.000000001", "1") and not is_after("-1.5", "-1")


# -- the parallel runner ------------------------------------------------------------------------------

class FakeApp:
    def __init__(self):
        self.out, self.err = io.StringIO(), io.StringIO()

    def write(self, text):
        self.out.write(text)


def test_parallel_reports_in_argument_order_and_runs_concurrently():
    from pydock.cli._parallel import in_parallel

    started = []
    barrier = threading.Barrier(3, timeout=5)

    def op(name):
        started.append(name)
        barrier.wait()  # all three must be in flight at once
        time.sleep({"a": 0.2, "b": 0.0, "c": 0.1}[name])
        if name == "b":
            raise NotFound("No such container: b", 404)
        return name.upper()

    outcomes = list(in_parallel(op, ["a", "b", "c"]))
    assert [(t, r) for t, r, _ in outcomes] == [("a", "A"), ("b", None), ("c", "C")]
    assert str(outcomes[1][2]) == "Error response from daemon: No such container: b"


def test_print_names_joins_errors_and_tolerates_what_it_is_told():
    from pydock.cli._parallel import in_sequence, print_names

    def op(name):
        if name.startswith("x"):
            raise NotFound(f"No such container: {name}", 404)

    app = FakeApp()
    with pytest.raises(PydockError) as e:
        print_names(app, in_sequence(op, ["a", "x1", "b", "x2"]))
    assert app.out.getvalue() == "a\nb\n"
    assert str(e.value) == ("Error response from daemon: No such container: x1\n"
                            "Error response from daemon: No such container: x2")
    app = FakeApp()
    print_names(app, in_sequence(op, ["x1", "a"]), tolerate=lambda err: isinstance(err, NotFound))
    assert app.out.getvalue() == "a\n" and app.err.getvalue() == "Error response from daemon: No such container: x1\n"


def test_a_bug_in_an_operation_is_not_swallowed():
    from pydock.cli._parallel import in_parallel

    with pytest.raises(ZeroDivisionError):
        list(in_parallel(lambda n: 1 / 0, ["a"]))


# -- the output sink ----------------------------------------------------------------------------------

def test_sink_keeps_streams_apart_and_flushes_promptly(tmp_path):
    from pydock.cli.container.logs import Sink

    both = open(tmp_path / "both", "w")
    with Sink(both, both) as sink:
        sink.write(1, b"out1\n")
        sink.write(2, b"err1\n")
        sink.write(1, b"out2\n")
        time.sleep(sink.FLUSH_DELAY * 4)
        assert (tmp_path / "both").read_bytes() == b"out1\nerr1\nout2\n"  # the watchdog flushed it
        sink.write(2, b"\xff raw bytes\n")
    assert (tmp_path / "both").read_bytes().endswith(b"\xff raw bytes\n")


def test_sink_writes_text_streams_too():
    from pydock.cli.container.logs import Sink

    out, err = io.StringIO(), io.StringIO()
    with Sink(out, err) as sink:
        sink.write(1, b"a\n")
        sink.write(2, b"b\n")
    assert (out.getvalue(), err.getvalue()) == ("a\n", "b\n")


def test_name_prefix_colours_only_on_a_terminal(monkeypatch):
    from pydock.cli.container.logs import name_prefix

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert name_prefix("web", tty=False) == b"web | "
    coloured = name_prefix("web", tty=True)
    assert coloured.startswith(b"\x1b[") and coloured.endswith(b"web\x1b[0m | ")
    assert coloured == name_prefix("web", tty=True)  # stable
    monkeypatch.setenv("NO_COLOR", "1")
    assert name_prefix("web", tty=True) == b"web | "


def test_prune_filters_merge_config_defaults():
    """Expected values are what docker 28 sent (`docker container prune -f ...` against a server that
    records the query): a configured label filter is added only when the opposite key is on the
    command line and does not hold the same value (PruneFilters' Contains/ExactMatch)."""
    from pydock.cli._objects import prune_filters

    class App:
        class config:
            @staticmethod
            def get(key, default=None):
                return ["label=keep", "label!=temp", "until=24h"] if key == "pruneFilters" else default

    assert prune_filters(App, [("label", "temp")]) == {"label": {"temp": True}, "until": {"24h": True}}
    assert prune_filters(App, [("label!", "keep")]) == {"label!": {"keep": True}, "until": {"24h": True}}
    assert prune_filters(App, [("label!", "zzz")]) == {"label": {"keep": True}, "label!": {"zzz": True, "temp": True},
                                                        "until": {"24h": True}}
