"""`pydock images` / `pydock image ls`: list images exactly as `docker images` does."""

from __future__ import annotations


import click

from ...record import Record
from .._complete import complete_images
from .._lazy import command
from .._options import FORMAT_HELP_LIST, filter_option, format_option, no_trunc_option, quiet_option

DEFAULT_FORMAT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
DIGESTS_FORMAT = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"


class ImagesOptions(Record):
    reference: str | None = None
    all: bool = False
    digests: bool = False
    filters: tuple = ()
    format: str | None = None
    no_trunc: bool = False
    quiet: bool = False


EXAMPLES = (
    ('Every image', 'pydock images'),
    ("Dangling images' IDs", 'pydock images -q --filter dangling=true'),
)


@command("ls", examples=EXAMPLES, usage="[OPTIONS] [REPOSITORY[:TAG]]", args=(0, 1), help="List images")
@click.argument("reference", nargs=-1, shell_complete=complete_images)
@click.option("-a", "--all", "all_", is_flag=True, help="Show all images (default hides intermediate images)")
@click.option("--digests", is_flag=True, help="Show digests")
@filter_option("images")
@format_option(FORMAT_HELP_LIST)
@no_trunc_option
@quiet_option("Only show image IDs")
@click.pass_obj
def command(app, reference, all_, digests, filters, format_, no_trunc, quiet):
    opts = ImagesOptions(reference[0] if reference else None, all_, digests, filters, format_, no_trunc, quiet)
    app.write(run_images(app, opts))


def run_images(app, opts: ImagesOptions) -> str:
    from ...engine.api import images
    from ...opts.filters import build_filters
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views import ImageView, image_rows

    format_ = opts.format or app.config.get("imagesFormat") or ""
    default = DIGESTS_FORMAT if opts.digests else DEFAULT_FORMAT
    fmt = Format.parse(format_, default, "{{.ID}}", opts.quiet)
    tmpl = prepare(fmt)
    pairs = list(opts.filters) + ([("reference", opts.reference)] if opts.reference else [])
    found = images.list(app.engine, all=opts.all, filters=build_filters(pairs))
    # docker's needDigest: --digests, or a format that prints {{.Digest}} (a row per digest then)
    rows = image_rows(found, digests=opts.digests or "{{.Digest}}" in fmt.template, trunc=not opts.no_trunc)
    return render_rows(fmt, tmpl, rows, ImageView.headers)
