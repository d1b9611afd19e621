"""`pydock volume ls`: list volumes exactly as `docker volume ls` does."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import filter_option
from .._options import FORMAT_HELP_LIST, format_option, quiet_option

DEFAULT_FORMAT = "table {{.Driver}}\t{{.Name}}"
RAW_FORMAT = "name: {{.Name}}\\ndriver: {{.Driver}}\\n"
RAW_QUIET_FORMAT = "name: {{.Name}}"


@dataclass(frozen=True)
class VolumeListOptions:
    filters: tuple = ()
    format: str | None = None
    quiet: bool = False


EXAMPLES = (
    ('Volumes no container uses', 'pydock volume ls --filter dangling=true'),
)


@command("ls", examples=EXAMPLES, help="List volumes")
@filter_option("volume ls", "dangling=true")
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only display volume names")
@click.pass_obj
def command(app, filters, format_, quiet):
    app.write(run_volume_ls(app, VolumeListOptions(filters, format_, quiet)))


def run_volume_ls(app, opts: VolumeListOptions) -> str:
    from ...engine.api import volumes
    from ...opts.filters import build_filters
    from ...render.formatter import prepare, render_rows
    from ...render.views_objects import VolumeView
    from .._objects import list_format, sort_by_name

    found = volumes.list(app.engine, filters=build_filters(opts.filters))
    source = opts.format or (not opts.quiet and app.config.get("volumesFormat")) or "table"
    fmt = list_format(source, opts.quiet, DEFAULT_FORMAT, "{{.Name}}", RAW_FORMAT, RAW_QUIET_FORMAT)
    tmpl = prepare(fmt)
    rows = [VolumeView(v) for v in sort_by_name(found)]
    return render_rows(fmt, tmpl, rows, VolumeView.headers)
