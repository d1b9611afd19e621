"""`pydock events` / `pydock system events`: the daemon's event stream, as `docker events` prints it.

Default line (docker's prettyPrintEvent): `<RFC 3339 time with 9-digit nanoseconds> <type> <action>
<actor id> (k=v, ... sorted)`. `--format` runs a Go template against docker's events.Message (`json`
is `{{json .}}`); a bad template exits 64 with `Error parsing format: ...`, checked before the stream
is opened. `--since`/`--until` take docker's timestamp grammar; with `--until` the stream ends there.
Each event is written and flushed as it arrives, so `pydock events | grep` sees it at once.
"""

from __future__ import annotations

import click

from .._lazy import command
from .._options import filter_completer
from .._params import FILTER, drop_empty_filters

FORMAT_HELP = ("Format output using a custom template:\n'json':             Print in JSON format\n"
               "'TEMPLATE':         Print output using the given Go template.")


_complete_filter = filter_completer("events")


EXAMPLES = (
    ('Container events of the last hour, then live', 'pydock events --since 1h --filter type=container'),
)


@command("events", examples=EXAMPLES, help="Get real time events from the server")
@click.option("-f", "--filter", "filters", multiple=True, type=FILTER, metavar="filter",
              callback=drop_empty_filters, shell_complete=_complete_filter,
              help="Filter output based on conditions provided")
@click.option("--format", "format_", default="", metavar="string", help=FORMAT_HELP)
@click.option("--since", default="", metavar="string", help="Show all events created since timestamp")
@click.option("--until", default="", metavar="string", help="Stream events until this timestamp")
@click.pass_obj
def command(app, filters, format_, since, until):
    run_events(app, filters, format_, since, until)


def run_events(app, filters, format_: str, since: str, until: str) -> None:
    from ...errors import PydockError
    from ...opts.filters import build_filters
    from ...opts.timestamps import TimestampError, get_timestamp

    tmpl = make_template(format_)
    try:
        since_q = get_timestamp(since) if since else None
        until_q = get_timestamp(until) if until else None
    except TimestampError as e:
        raise PydockError(str(e)) from None

    from ...engine.api import system
    from ...engine.jsonstream import iter_json

    out = app.out
    with system.events(app.engine, since=since_q, until=until_q, filters=build_filters(filters)) as resp:
        for message in iter_json(app.engine.iter_bytes(resp)):
            out.write(render_event(message, tmpl))
            out.flush()


def make_template(format_: str):
    """docker's makeTemplate: parse, then run once on an empty message; any error is exit 64."""
    if not format_:
        return None
    from ...errors import StatusError
    from ...render import gotemplate
    from ...render.system import template_json
    from ...stats.events import EMPTY_MESSAGE

    text = "{{json .}}" if format_ == "json" else format_
    try:
        tmpl = gotemplate.parse(text, {"json": template_json})
        tmpl.execute(EMPTY_MESSAGE)
    except gotemplate.TemplateError as e:
        raise StatusError(f"Error parsing format: {e}", 64) from None
    return tmpl


def render_event(message: dict, tmpl) -> str:
    from ...stats.events import message_value, pretty

    if tmpl is None:
        return pretty(message)
    from ...errors import PydockError
    from ...render import gotemplate

    try:
        return tmpl.execute(message_value(message)) + "\n"
    except gotemplate.TemplateError as e:
        raise PydockError(str(e)) from None
