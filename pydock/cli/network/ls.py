"""`pydock network ls`: list networks exactly as `docker network ls` does."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import filter_option
from .._options import FORMAT_HELP_LIST, format_option, quiet_option

DEFAULT_FORMAT = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"
RAW_FORMAT = "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n"
RAW_QUIET_FORMAT = "network_id: {{.ID}}"


@dataclass(frozen=True)
class NetworkListOptions:
    filters: tuple = ()
    format: str | None = None
    no_trunc: bool = False
    quiet: bool = False


EXAMPLES = (
    ("User-defined networks' names", "pydock network ls --filter type=custom --format '{{.Name}}'"),
)


@command("ls", examples=EXAMPLES, help="List networks")
@filter_option("network ls", "driver=bridge")
@format_option(FORMAT_HELP_LIST)
@click.option("--no-trunc", is_flag=True, help="Do not truncate the output")
@quiet_option("Only display network IDs")
@click.pass_obj
def command(app, filters, format_, no_trunc, quiet):
    app.write(run_network_ls(app, NetworkListOptions(filters, format_, no_trunc, quiet)))


def run_network_ls(app, opts: NetworkListOptions) -> str:
    from ...engine.api import networks
    from ...opts.filters import build_filters
    from ...render.formatter import prepare, render_rows
    from ...render.views_objects import NetworkView
    from .._objects import list_format, sort_by_name

    found = networks.list(app.engine, filters=build_filters(opts.filters))
    source = opts.format or (not opts.quiet and app.config.get("networksFormat")) or "table"
    fmt = list_format(source, opts.quiet, DEFAULT_FORMAT, "{{.ID}}", RAW_FORMAT, RAW_QUIET_FORMAT)
    tmpl = prepare(fmt)
    rows = [NetworkView(n, trunc=not opts.no_trunc) for n in sort_by_name(found)]
    return render_rows(fmt, tmpl, rows, NetworkView.headers)
