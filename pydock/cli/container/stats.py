"""`pydock stats` / `pydock container stats`: containers' resource usage, live or once.

docker's behaviour (stats.go of the CLI 28.2.2): one stats stream per container, read concurrently;
without arguments the running containers (all with -a), kept current through the events stream;
--no-stream prints one frame after each container's first sample; named containers that do not exist
fail together (`Error response from daemon: No such container: x`, exit 1) and nothing is printed.
The numbers are docker's (pydock/stats/calc.py). Beyond docker: --sort, --filter (ps's keys),
--interval, --count, sparkline history columns in the live view, and pipe-aware output: off a
terminal no control codes, one timestamped block per interval (see pydock/render/stats_view.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_running
from .._lazy import DockerCommand
from .._options import FORMAT_HELP_LIST, filter_completer, format_option
from .._params import FILTER, Choice, DockerParam, drop_empty_filters

SORT_KEYS = ("cpu", "mem", "net", "io", "pids", "name")  # pydock.stats.order.SORT_KEYS (kept import-free)


class _Positive(DockerParam):
    """--interval (seconds, a positive number) and --count (a positive integer)."""

    def __init__(self, name: str, parse: str):
        self.name = name
        self.parse = parse

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        from ...stats import order

        try:
            return getattr(order, self.parse)(value)
        except ValueError as e:
            self.fail_value(value, str(e), param, ctx)


_complete_filter = filter_completer("ps")


@dataclass(frozen=True)
class StatsOptions:
    containers: tuple[str, ...] = ()
    all: bool = False
    format: str | None = None
    no_stream: bool = False
    no_trunc: bool = False
    filters: tuple = ()
    sort: str | None = None
    interval: float | None = None
    count: int | None = None


EXAMPLES = (
    ('One snapshot of every running container', 'pydock stats --no-stream'),
    ('Name and memory only', "pydock stats --no-stream --format '{{.Name}} {{.MemUsage}}'"),
)


@click.command("stats", examples=EXAMPLES, cls=DockerCommand, usage="[OPTIONS] [CONTAINER...]", args=(0, None),
               help="Display a live stream of container(s) resource usage statistics")
@click.argument("containers", nargs=-1, shell_complete=complete_running)
@click.option("-a", "--all", "all_", is_flag=True, help="Show all containers (default shows just running)")
@click.option("--count", type=_Positive("int", "parse_count"), default=None, metavar="int",
              help="Stop after this many samples (pydock)")
@click.option("-f", "--filter", "filters", multiple=True, type=FILTER, metavar="filter", shell_complete=_complete_filter,
              callback=drop_empty_filters,
              help="Filter containers as ps does: label, name, status, id, ancestor, ... (pydock)")
@format_option(FORMAT_HELP_LIST)
@click.option("--interval", type=_Positive("float", "parse_interval"), default=None, metavar="seconds",
              help="Seconds between samples shown (default 0.5 on a terminal, 1 otherwise) (pydock)")
@click.option("--no-stream", is_flag=True, help="Disable streaming stats and only pull the first result")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@click.option("--sort", type=Choice(SORT_KEYS), default=None, metavar="string",
              help="Sort by cpu, mem, net, io, pids (descending) or name (pydock)")
@click.pass_obj
def command(app, containers, all_, count, filters, format_, interval, no_stream, no_trunc, sort):
    run_stats(app, StatsOptions(tuple(containers), all_, format_, no_stream, no_trunc, tuple(filters), sort,
                                interval, count))


def run_stats(app, opts: StatsOptions) -> None:
    from ...errors import PydockError
    from ...opts.filters import build_filters
    from ...render.formatter import RENDER_FAILED, Format, execute, prepare
    from ...stats.view import DEFAULT_FORMAT, EMPTY

    if opts.filters and opts.containers:
        raise PydockError("filtering is not supported when specifying a list of containers")
    fmt = Format.parse(opts.format or app.config.get("statsFormat") or "table", DEFAULT_FORMAT)
    tmpl = prepare(fmt)
    execute(tmpl, EMPTY, RENDER_FAILED)  # a bad field fails now, before any container is sampled

    from .._parallel import warm_up
    from ...stats.collect import Collector

    warm_up(app)
    collector = Collector(app.engine, stream=not opts.no_stream, all_=opts.all, filters=build_filters(opts.filters))
    interrupted = False
    try:
        _start(app, opts, collector)
        if opts.no_stream:
            app.write(_frame(opts, fmt, tmpl, collector.snapshot()))
            return
        _loop(app, opts, fmt, tmpl, collector)
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        # on Ctrl-C, answer at once: a reader still waiting for a response head has no socket to shut
        # down yet, and its (daemon) thread ends with the process
        collector.close(timeout=0.1 if interrupted else 2.0)


def _start(app, opts: StatsOptions, collector) -> None:
    from ...engine.api import containers
    from .._parallel import joined

    if opts.containers:
        for name in opts.containers:
            collector.add(name, name)
        collector.wait_first()
        errors = collector.errors()
        if errors:
            raise joined(errors)
        return
    if not opts.no_stream:
        collector.follow_events()
    for c in containers.list(app.engine, all=opts.all, filters=collector.filters):
        collector.add(c["Id"][:12], c["Id"][:12])
    collector.wait_first()
    if collector.fatal is not None:
        raise collector.fatal


def _frame(opts: StatsOptions, fmt, tmpl, entries, history=None) -> str:
    from ...render.stats_view import frame
    from ...stats.order import sort_entries
    from ...stats.view import StatsView

    views = [StatsView(e, trunc=not opts.no_trunc) for e in sort_entries(entries, opts.sort)]
    return frame(fmt, tmpl, views, StatsView.headers, history)


def _loop(app, opts: StatsOptions, fmt, tmpl, collector) -> None:
    """Every interval, a frame: redrawn in place on a terminal, appended (timestamped) off one. Ends
    after --count frames, when every named container's stream has ended, or when the events stream
    ends (the daemon went away: its error, if any, is the command's)."""
    import os
    import time

    from ...render.stats_view import LiveSink, PlainSink
    from ...stats.order import History

    tty = app.out_is_tty()
    interval = opts.interval or (0.5 if tty else 1.0)
    history = History() if tty and fmt.table else None
    seen: dict[str, object] = {}
    sink = LiveSink(app.out, bold_header=not os.environ.get("NO_COLOR")) if tty else PlainSink(app.out, fmt.table, True)
    shown = 0
    with sink:
        next_at = time.monotonic()
        while True:
            entries = collector.snapshot()
            if history is not None:
                for e in entries:
                    if seen.get(e.id) is not e:
                        history.add(e)
                        seen[e.id] = e
                history.forget({e.id for e in entries})
            sink.show(_frame(opts, fmt, tmpl, entries, history))
            shown += 1
            if opts.count and shown >= opts.count:
                return
            if opts.containers and collector.live_rows() == 0:
                errors = collector.errors()  # a removed container's stream just ends; a cut one fails
                if errors:
                    from .._parallel import joined

                    raise joined(errors)
                return
            if collector.fatal is not None:
                raise collector.fatal
            if collector.events_ended:
                return
            next_at += interval
            delay = next_at - time.monotonic()
            if delay < 0:
                next_at = time.monotonic()
            else:
                collector.stopping.wait(delay)
