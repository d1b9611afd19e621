"""`pydock compose events`: the project's container events (v2 cmd/compose/events.go, pkg/compose/events.go).

As v2: one-off containers skipped, compose labels dropped from the attributes, and when the daemon ends
the stream (`--until` reached) the command fails with `EOF`. v2 prints the attributes in Go map order
(random); pydock sorts them.
"""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ("The project's container events as JSON lines", 'pydock compose events --json'),
)


@command("events", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Receive real time events from containers")
@click.argument("services", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Output events as a stream of json objects")
@click.option("--since", default="", metavar="string", help="Show all events created since timestamp")
@click.option("--until", default="", metavar="string", help="Stream events until this timestamp")
@click.pass_obj
def command(capp, services, as_json, since, until):
    with interruptible(capp):
        _events(capp, services, as_json, since, until)


def _events(capp, services, as_json, since, until):
    from ...compose import labels
    from ...compose.errors import ComposeError
    from ...engine.api import system
    from ...engine.jsonstream import iter_json
    from .ps import project_name

    name = project_name(capp).lower()
    since_q, until_q = _times(since, until)
    with system.events(capp.engine, since=since_q, until=until_q,
                       filters={"label": [labels.project_filter(name)]}) as resp:
        for ev in iter_json(capp.engine.iter_bytes(resp)):
            if ev.get("Type") != "container":
                continue
            attrs = (ev.get("Actor") or {}).get("Attributes") or {}
            if attrs.get(labels.ONEOFF) == "True":
                continue
            service = attrs.get(labels.SERVICE, "")
            if services and service not in services:
                continue
            kept = {k: v for k, v in sorted(attrs.items()) if not k.startswith("com.docker.compose.")}
            nanos = ev.get("timeNano") or ev.get("time", 0) * 1_000_000_000
            cid = (ev.get("Actor") or {}).get("ID", "")
            action = ev.get("Action", "")
            if as_json:
                capp.out.write(go_json_html({"action": action, "attributes": kept, "id": cid, "service": service,
                                             "time": rfc3339_nano(nanos), "type": "container"}) + "\n")
            else:
                attr = ", ".join(f"{k}={v}" for k, v in kept.items())
                capp.out.write(f"{event_time(nanos)} container {action} {cid} ({attr})\n\n")
            capp.out.flush()
    raise ComposeError("EOF")


class interruptible:
    """v2's AdaptCmd: SIGTERM cancels the verb as SIGINT does; the verb then ends with one `\n` on
    stderr and status 130 (click would add a second `\n` to a KeyboardInterrupt)."""

    def __init__(self, capp):
        self.capp = capp

    def __enter__(self):
        import signal

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupt)
        return self

    def __exit__(self, kind, value, tb):
        from ...errors import PydockError

        if kind is not None and issubclass(kind, KeyboardInterrupt):
            self.capp.err.write("\n")
            self.capp.err.flush()
            raise PydockError("", 130) from None
        return False


def _times(since: str, until: str):
    """The docker client's events query: unlike logs, its time errors come bare (no `invalid value for`)."""
    import time

    from ...errors import PydockError
    from ...opts.timestamps import TimestampError, get_timestamp

    now = time.time_ns()
    try:
        return [get_timestamp(v, now) if v else None for v in (since, until)]
    except TimestampError as e:
        raise PydockError(str(e)) from None


def go_json_html(value) -> str:
    """json.Marshal: compact, `<`, `>`, `&` escaped."""
    from ...opts.gojson import go_json

    return go_json(value, indent=None)


def _local(nanos: int):
    import time

    secs, frac = divmod(nanos, 1_000_000_000)
    return time.localtime(secs), frac


def event_time(nanos: int) -> str:
    """Go's `2006-01-02 15:04:05.000000` in local time (truncated to microseconds)."""
    import time

    t, frac = _local(nanos)
    return time.strftime("%Y-%m-%d %H:%M:%S", t) + f".{frac // 1000:06d}"


def rfc3339_nano(nanos: int) -> str:
    """time.Time's JSON form (RFC 3339, nanoseconds without trailing zeros) in local time."""
    import time

    t, frac = _local(nanos)
    off = t.tm_gmtoff or 0
    zone = "Z" if off == 0 else f"{'+' if off > 0 else '-'}{abs(off) // 3600:02d}:{abs(off) % 3600 // 60:02d}"
    f = f"{frac:09d}".rstrip("0")
    return time.strftime("%Y-%m-%dT%H:%M:%S", t) + (f".{f}" if f else "") + zone
