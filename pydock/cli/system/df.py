"""`pydock system df`: the engine's disk usage (GET /system/df), summary or per object (`-v`), as docker prints it."""

from __future__ import annotations

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option

EXAMPLES = (
    ('What could be reclaimed, per kind of object', 'pydock system df'),
    ('Every image, container, volume and build cache record with its size', 'pydock system df -v'),
)


@command("df", examples=EXAMPLES, help="Show docker disk usage")
@format_option(FORMAT_HELP_LIST)
@click.option("-v", "--verbose", is_flag=True, help="Show detailed information on space usage")
@click.pass_obj
def command(app, format_, verbose):
    from ...engine.api import system
    from ...render.views_df import render_df

    app.write(render_df(system.df(app.engine), format_, verbose))
