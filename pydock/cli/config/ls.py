"""`pydock config ls`: list configs as `docker config ls` does (sorted by name)."""

from __future__ import annotations

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, filter_option, format_option, quiet_option

EXAMPLES = (
    ("The configs with a label", "pydock config ls --filter label=project=web"),
)


@command("ls", examples=EXAMPLES, help="List configs")
@filter_option("config ls")
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only display IDs")
@click.pass_obj
def command(app, filters, format_, quiet):
    from ...engine.api import swarm
    from ...opts.filters import build_filters
    from ...render.views_swarm import CONFIG_TABLE, ConfigView
    from .._objects import sort_by_name
    from .._swarm import list_format, write_rows

    found = swarm.object_list(app.engine, "/configs", filters=build_filters(filters))
    fmt = list_format(format_, quiet, CONFIG_TABLE, app.config.get("configFormat") or "")
    rows = [ConfigView(s) for s in sort_by_name(found, lambda s: (s.get("Spec") or {}).get("Name", ""))]
    write_rows(app, fmt, rows, ConfigView.headers)
