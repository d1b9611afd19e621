"""`pydock secret ls`: list secrets as `docker secret ls` does (sorted by name)."""

from __future__ import annotations

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, filter_option, format_option, quiet_option

EXAMPLES = (
    ("The secrets with a label", "pydock secret ls --filter label=project=web"),
)


@command("ls", examples=EXAMPLES, help="List secrets")
@filter_option("secret ls")
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only display IDs")
@click.pass_obj
def command(app, filters, format_, quiet):
    from ...engine.api import swarm
    from ...opts.filters import build_filters
    from ...render.views_swarm import SECRET_TABLE, SecretView
    from .._objects import sort_by_name
    from .._swarm import list_format, write_rows

    found = swarm.object_list(app.engine, "/secrets", filters=build_filters(filters))
    fmt = list_format(format_, quiet, SECRET_TABLE, app.config.get("secretFormat") or "")
    rows = [SecretView(s) for s in sort_by_name(found, lambda s: (s.get("Spec") or {}).get("Name", ""))]
    write_rows(app, fmt, rows, SecretView.headers)
