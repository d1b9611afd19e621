"""`pydock ps` / `pydock container ls`: list containers exactly as `docker ps` does."""

from __future__ import annotations

import re

import click

from ...record import Record
from .._lazy import command
from .._options import FORMAT_HELP_LIST, filter_option, format_option, no_trunc_option, quiet_option
from .._params import INT

_JSON_DOT = re.compile(r"\{\{-?\s*json\s+\.\s*-?\}\}")
DEFAULT_FORMAT = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"


class PsOptions(Record):
    all: bool = False
    filters: tuple = ()
    format: str | None = None
    last: int = -1
    latest: bool = False
    no_trunc: bool = False
    quiet: bool = False
    size: bool = False


EXAMPLES = (
    ('Running containers', 'pydock ps'),
    ('Every container, IDs only (for scripts)', 'pydock ps -aq'),
    ('Exited containers of one image, as JSON lines', 'pydock ps -a --filter status=exited --filter ancestor=nginx --format json'),
    ('A custom table', "pydock ps --format 'table {{.Names}}\\t{{.Status}}\\t{{.Ports}}'"),
)


@command("ls", examples=EXAMPLES, help="List containers")
@click.option("-a", "--all", "all_", is_flag=True, help="Show all containers (default shows just running)")
@filter_option("ps")
@format_option(FORMAT_HELP_LIST)
@click.option("-n", "--last", type=INT, default=-1, metavar="int", help="Show n last created containers (includes all states)")
@click.option("-l", "--latest", is_flag=True, help="Show the latest created container (includes all states)")
@no_trunc_option
@quiet_option("Only display container IDs")
@click.option("-s", "--size", is_flag=True, help="Display total file sizes")
@click.pass_obj
def command(app, all_, filters, format_, last, latest, no_trunc, quiet, size):
    opts = PsOptions(all_, filters, format_, last, latest, no_trunc, quiet, size)
    app.write(run_ps(app, opts))


def run_ps(app, opts: PsOptions) -> str:
    from ...engine.api import containers
    from ...opts.filters import build_filters
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views import EMPTY_CONTAINER, ContainerView

    format_ = opts.format or app.config.get("psFormat") or ""
    if opts.quiet and opts.format:
        app.warn("Ignoring custom format, because both --format and --quiet are set.")
    default = DEFAULT_FORMAT + ("\t{{.Size}}" if opts.size else "")
    fmt = Format.parse(format_, default, "{{.ID}}", opts.quiet)
    tmpl = prepare(fmt, ContainerView(EMPTY_CONTAINER))
    # docker asks for sizes when running the template on an empty row calls .Size: `{{json .}}` calls every
    # field (the `json` shorthand is not a template there, and does not)
    size = opts.size or (not opts.quiet and (fmt.references("Size") or _JSON_DOT.search(format_) is not None))
    limit = 1 if opts.latest else opts.last
    found = containers.list(app.engine, all=opts.all, limit=limit, size=size, filters=build_filters(opts.filters))
    rows = [ContainerView(c, trunc=not opts.no_trunc) for c in found]
    return render_rows(fmt, tmpl, rows, ContainerView.headers)
