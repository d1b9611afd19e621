"""`pydock history` / `pydock image history`: the layers of an image, as docker's history table prints them."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_images
from .._lazy import command
from .._objects import NegatableFlag
from .._options import FORMAT_HELP_LIST, format_option, no_trunc_option, quiet_option


@dataclass(frozen=True)
class HistoryOptions:
    image: str
    human: bool = True
    quiet: bool = False
    no_trunc: bool = False
    format: str | None = None
    platform: str = ""


EXAMPLES = (
    ('The layers with the full commands', 'pydock history --no-trunc myapp:1.2'),
)


@command("history", examples=EXAMPLES, usage="[OPTIONS] IMAGE", args=(1, 1), help="Show the history of an image")
@click.argument("image", nargs=-1, shell_complete=complete_images)
@format_option(FORMAT_HELP_LIST)
@click.option("-H", "--human/--no-human", default=True, cls=NegatableFlag,
              help="Print sizes and dates in human readable format (default true)")
@no_trunc_option
@quiet_option("Only show image IDs")
@click.option("--platform", metavar="string", default="", hidden=True,
              help='Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")')
@click.pass_obj
def command(app, image, format_, human, no_trunc, quiet, platform):
    app.write(run_history(app, HistoryOptions(image[0], human, quiet, no_trunc, format_, platform)))


def run_history(app, opts: HistoryOptions) -> str:
    from ...engine.api import images
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views_images import HISTORY_TABLE, HistoryView, history_format_source, history_rows

    from .save import api_platform

    platform = api_platform(app, opts.platform, "1.48")
    fmt = Format.parse(history_format_source(opts.format, opts.quiet, opts.human), HISTORY_TABLE)
    tmpl = prepare(fmt)
    found = images.history(app.engine, opts.image, platform=platform)
    rows = history_rows(found, trunc=not opts.no_trunc, human=opts.human)
    return render_rows(fmt, tmpl, rows, HistoryView.headers)
