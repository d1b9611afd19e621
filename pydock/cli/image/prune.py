"""`pydock image prune`: remove dangling images (with -a, every image no container uses), after asking."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import filter_option

DANGLING_WARNING = "WARNING! This will remove all dangling images.\nAre you sure you want to continue?"
ALL_WARNING = ("WARNING! This will remove all images without at least one container associated to them.\n"
               "Are you sure you want to continue?")


@dataclass(frozen=True)
class ImagePruneOptions:
    all: bool = False
    force: bool = False
    filters: tuple = ()


EXAMPLES = (
    ('Remove every unused image, not only dangling ones', 'pydock image prune -a -f'),
)


@command("prune", examples=EXAMPLES, help="Remove unused images")
@click.option("-a", "--all", "all_", is_flag=True, help="Remove all unused images, not just dangling ones")
@filter_option("", "until=<timestamp>", short=False)
@click.option("-f", "--force", is_flag=True, help="Do not prompt for confirmation")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed, and the space it would free (pydock)")
@click.pass_obj
def command(app, all_, filters, force, dry_run):
    if dry_run:
        from .._pruneplan import Plan, report
        from .._objects import prune_filters

        filters = prune_filters(app, prune_filter_pairs(tuple(filters), all_))
        lines, space = Plan(app, filters, containers_too=False).image_section(filters)
        app.write(report([("Images", lines)], space))
        return
    run_image_prune(app, ImagePruneOptions(all_, force, tuple(filters)))


def prune_filter_pairs(filters: tuple, all_: bool) -> tuple:
    """docker adds `dangling=<!all>` to the user's filters before merging config.json's pruneFilters."""
    return (*filters, ("dangling", "false" if all_ else "true"))


def run_image_prune(app, opts: ImagePruneOptions) -> None:
    """Declining cancels quietly (exit 0, nothing after the prompt), as docker does."""
    from ...engine.api import images
    from ...render.views_images import prune_report
    from .._objects import confirm, prune_filters

    filters = prune_filters(app, prune_filter_pairs(opts.filters, opts.all))
    if not opts.force and not confirm(app, ALL_WARNING if opts.all else DANGLING_WARNING):
        return
    app.write(prune_report(images.prune(app.engine, filters=filters)))
