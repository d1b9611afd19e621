"""`pydock logs`: a container's log, streamed; stdout and stderr kept apart byte for byte.

One container: exactly `docker logs` (inspect for Config.Tty and the ID, then the framed or raw stream).
Several containers (pydock only): every line is prefixed with its container's name, and lines are
merged in timestamp order; with `-f` the history is merged first and live lines follow as they come.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass

import click

from .._complete import complete_containers
from .._lazy import DockerCommand

SINCE_HELP = 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'
UNTIL_HELP = 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'
COLORS = (36, 33, 32, 35, 34, 96, 93, 92, 95, 94)  # compose's palette: cyan, yellow, green, magenta, blue, bright


@dataclass(frozen=True)
class LogsOptions:
    containers: tuple[str, ...]
    follow: bool = False
    since: str = ""
    until: str = ""
    timestamps: bool = False
    details: bool = False
    tail: str = "all"


class LogsCommand(DockerCommand):
    """Takes several containers, but with none says what docker says ("requires 1 argument")."""

    def _check_count(self, ctx, count: int) -> None:
        if count == 0:
            bounds, self.arg_bounds = self.arg_bounds, (1, 1)
            try:
                super()._check_count(ctx, count)
            finally:
                self.arg_bounds = bounds


EXAMPLES = (
    ('Follow the last 100 lines with timestamps', 'pydock logs -f --tail 100 -t web'),
    ('What was logged in the last ten minutes', 'pydock logs --since 10m web'),
)


@click.command("logs", examples=EXAMPLES, cls=LogsCommand, usage="[OPTIONS] CONTAINER", args=(1, None),
               help="Fetch the logs of a container (several: lines prefixed with the name, merged by time)")
@click.argument("containers", nargs=-1, shell_complete=complete_containers)
@click.option("--details", is_flag=True, help="Show extra details provided to logs")
@click.option("-f", "--follow", is_flag=True, help="Follow log output")
@click.option("--since", default="", metavar="string", help=SINCE_HELP)
@click.option("-n", "--tail", default="all", metavar="string", help="Number of lines to show from the end of the logs")
@click.option("-t", "--timestamps", is_flag=True, help="Show timestamps")
@click.option("--until", default="", metavar="string", help=UNTIL_HELP)
@click.pass_obj
def command(app, containers, details, follow, since, tail, timestamps, until):
    run_logs(app, LogsOptions(tuple(containers), follow, since, until, timestamps, details, tail))


def run_logs(app, opts: LogsOptions) -> None:
    from ...engine.api import containers
    from .._parallel import in_parallel, joined, warm_up

    warm_up(app)
    found, errors = [], []
    def inspect(name: str) -> dict:
        return containers.inspect(app.engine, containers.container_id(name))

    for _, info, error in in_parallel(inspect, opts.containers):
        (errors.append(error) if error else found.append(info))
    if errors:
        raise joined(errors)
    since, until = query_times(opts)
    with Sink(app.out, app.err) as sink:
        if len(found) == 1:
            _single(app, opts, found[0], since, until, sink)
        else:
            _merged(app, opts, found, since, until, sink)


def query_times(opts: LogsOptions) -> tuple[str | None, str | None]:
    """--since/--until as the daemon wants them, with docker's `invalid value for "since": ...`."""
    import time

    from ...errors import PydockError
    from ...opts.timestamps import TimestampError, get_timestamp

    now = time.time_ns()
    values = []
    for flag, value in (("since", opts.since), ("until", opts.until)):
        try:
            values.append(get_timestamp(value, now) if value else None)
        except TimestampError as e:
            raise PydockError(f'invalid value for "{flag}": {e}') from None
    return values[0], values[1]


def _single(app, opts: LogsOptions, info: dict, since, until, sink: "Sink") -> None:
    from ...engine import stdcopy
    from ...engine.api import containers

    tty = bool((info.get("Config") or {}).get("Tty"))
    with containers.logs(app.engine, info["Id"], tail=opts.tail, follow=opts.follow, timestamps=opts.timestamps,
                         details=opts.details, since=since, until=until) as resp:
        for stream, data in stdcopy.demux(app.engine.iter_bytes(resp), tty, join=True):
            sink.write(stream, data)


# -- several containers -----------------------------------------------------------------------------

def _merged(app, opts: LogsOptions, found: list[dict], since, until, sink: "Sink") -> None:
    """History merged by timestamp; with -f, then live lines in arrival order. The cut between the two
    is one instant T0: history is asked `until=T0`, the live part `since=T0`, so nothing is lost."""
    import time
    from contextlib import ExitStack

    from ...opts.logmerge import earlier, is_after, later, merge, prefixed

    names = [(info.get("Name") or info["Id"][:12]).lstrip("/") for info in found]
    prefixes = {s: [name_prefix(n, is_tty(f)) for n in names] for s, f in ((1, app.out), (2, app.err))}
    t0 = _nanos_value(time.time_ns()) if opts.follow else None
    with ExitStack() as stack:
        history_until = until if t0 is None else earlier(until, t0)
        sources = [_messages(app, stack, info, opts, since, history_until, tail=opts.tail) for info in found]
        for index, stream, message in merge(sources):
            sink.write(stream, prefixed(prefixes[stream][index], message, opts.timestamps))
    if t0 is not None and (until is None or is_after(until, t0)):
        _follow(app, opts, found, later(since, t0), until, sink, prefixes)


def _nanos_value(ns: int) -> str:
    return f"{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}"


def _messages(app, stack, info: dict, opts: LogsOptions, since, until, *, tail: str, follow: bool = False):
    from ...engine import stdcopy
    from ...engine.api import containers
    from ...opts.logmerge import messages

    tty = bool((info.get("Config") or {}).get("Tty"))
    resp = stack.enter_context(containers.logs(app.engine, info["Id"], tail=tail, follow=follow, timestamps=True,
                                               details=opts.details, since=since, until=until))
    return messages(stdcopy.demux(app.engine.iter_bytes(resp), tty), tty)


def _follow(app, opts: LogsOptions, found: list[dict], since, until, sink: "Sink", prefixes) -> None:
    """One reader thread per container feeds a queue; lines are printed as they come, until every
    container's stream has ended (the daemon ends a followed log when the container stops)."""
    import queue
    import threading

    from ...opts.logmerge import prefixed

    q: queue.Queue = queue.Queue(maxsize=1024)
    for index, info in enumerate(found):
        threading.Thread(target=_pump, args=(app, opts, info, index, since, until, q), daemon=True).start()
    running = len(found)
    while running:
        item = q.get()
        if item is None or isinstance(item, BaseException):
            running -= 1
            if isinstance(item, BaseException):
                raise item
            continue
        index, stream, message = item
        sink.write(stream, prefixed(prefixes[stream][index], message, opts.timestamps))


def _pump(app, opts: LogsOptions, info: dict, index: int, since, until, q) -> None:
    from contextlib import ExitStack

    try:
        with ExitStack() as stack:
            for stream, message in _messages(app, stack, info, opts, since, until, tail="all", follow=True):
                q.put((index, stream, message))
        q.put(None)
    except Exception as e:  # handed to the main thread, which reports it
        q.put(e)


# -- output ------------------------------------------------------------------------------------------

def binary(stream):
    """A buffered byte writer onto a text stream's file descriptor (its own buffer, so that
    PYTHONUNBUFFERED does not turn a million frames into a million syscalls); for streams without a
    descriptor, the byte layer or a decoding adapter."""
    import io

    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return _TextAdapter(stream)
    stream.flush()
    try:
        fd = stream.fileno()
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return buffer
    return io.BufferedWriter(io.FileIO(fd, "wb", closefd=False), 1 << 16)


class _TextAdapter:
    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8", "replace"))

    def flush(self) -> None:
        getattr(self.stream, "flush", lambda: None)()


class Sink:
    """Demultiplexed output to stdout (1) and stderr (2). Buffered for speed (a log can be a million
    tiny frames), yet prompt: the other stream is flushed whenever the stream changes (so `2>&1` keeps
    the daemon's order), and a watchdog thread flushes anything left FLUSH_DELAY after it was written
    (so `-f` shows a line as soon as it arrives). Use as a context manager."""

    FLUSH_DELAY = 0.05

    def __init__(self, out, err):
        self.out, self.err = binary(out), binary(err)
        self.last = None
        self.dirty = False
        self.closed = False

    def __enter__(self) -> "Sink":
        import threading

        threading.Thread(target=self._watch, name="pydock-flush", daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.closed = True
        self.flush(quiet=exc[0] is not None)

    def write(self, stream: int, data: bytes) -> None:
        f = self.err if stream == 2 else self.out
        if f is not self.last:
            if self.last is not None:
                self.last.flush()
            self.last = f
        f.write(data)
        self.dirty = True

    def flush(self, quiet: bool = False) -> None:
        for f in (self.out, self.err):
            try:
                f.flush()
            except (OSError, ValueError):
                if not quiet:
                    raise

    def _watch(self) -> None:
        """Polls rather than being signalled: a million writes should not each take a lock."""
        import time

        while not self.closed:
            time.sleep(self.FLUSH_DELAY)
            if self.dirty and not self.closed:
                self.dirty = False
                try:
                    self.flush()
                except (OSError, ValueError):
                    return  # the reader went away; the main thread finds out on its next write


def name_prefix(name: str, tty: bool) -> bytes:
    """`name | `, the name in a stable colour (by a hash of it) on a terminal unless NO_COLOR is set."""
    if not tty or os.environ.get("NO_COLOR"):
        return f"{name} | ".encode()
    color = COLORS[zlib.crc32(name.encode()) % len(COLORS)]
    return f"\x1b[{color}m{name}\x1b[0m | ".encode()


def is_tty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
