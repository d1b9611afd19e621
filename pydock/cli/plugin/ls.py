"""`pydock plugin ls`: list plugins exactly as `docker plugin ls` does."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import filter_option
from .._options import FORMAT_HELP_LIST, format_option, quiet_option

DEFAULT_FORMAT = "table {{.ID}}\t{{.Name}}\t{{.Description}}\t{{.Enabled}}"
RAW_FORMAT = "plugin_id: {{.ID}}\\nname: {{.Name}}\\ndescription: {{.Description}}\\nenabled: {{.Enabled}}\\n"
RAW_QUIET_FORMAT = "plugin_id: {{.ID}}"


@dataclass(frozen=True)
class PluginListOptions:
    filters: tuple = ()
    format: str | None = None
    no_trunc: bool = False
    quiet: bool = False


EXAMPLES = (
    ("Enabled plugins' names", "pydock plugin ls --filter enabled=true --format '{{.Name}}'"),
)


@command("ls", examples=EXAMPLES, help="List plugins")
@filter_option("", "enabled=true")
@format_option(FORMAT_HELP_LIST)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@quiet_option("Only display plugin IDs")
@click.pass_obj
def command(app, filters, format_, no_trunc, quiet):
    app.write(run_plugin_ls(app, PluginListOptions(tuple(filters), format_, no_trunc, quiet)))


def run_plugin_ls(app, opts: PluginListOptions) -> str:
    from ...engine.api import plugins
    from ...opts.filters import build_filters
    from ...render.formatter import prepare, render_rows
    from ...render.views_plugins import PluginView
    from .._objects import list_format, sort_by_name

    found = plugins.list(app.engine, filters=build_filters(opts.filters))
    source = opts.format or (not opts.quiet and app.config.get("pluginsFormat")) or "table"
    fmt = list_format(source, opts.quiet, DEFAULT_FORMAT, "{{.ID}}", RAW_FORMAT, RAW_QUIET_FORMAT)
    tmpl = prepare(fmt)
    rows = [PluginView(p, trunc=not opts.no_trunc) for p in sort_by_name(found)]
    return render_rows(fmt, tmpl, rows, PluginView.headers)
