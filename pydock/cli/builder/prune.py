"""`pydock builder prune`: remove build cache (after asking, unless -f), as docker's classic builder path does."""

from __future__ import annotations

from dataclasses import dataclass

import click

from ..context.show import BareCommand
from .._objects import filter_option
from .._params import Parsed

# docker's prompt is one line here, unlike the other prune commands'.
DANGLING_WARNING = "WARNING! This will remove all dangling build cache. Are you sure you want to continue?"
ALL_WARNING = "WARNING! This will remove all build cache. Are you sure you want to continue?"


@dataclass(frozen=True)
class BuilderPruneOptions:
    all: bool = False
    force: bool = False
    filters: tuple = ()
    keep_storage: int = 0


EXAMPLES = (
    ("Remove build cache unused for a day, without asking", "pydock builder prune -f --filter until=24h"),
    ("Remove all build cache but keep 1 GB of it", "pydock builder prune -a -f --keep-storage 1g"),
)


@click.command("prune", cls=BareCommand, usage="", args=(0, 0), examples=EXAMPLES, help="Remove build cache")
@click.option("-a", "--all", "all_", is_flag=True, help="Remove all unused build cache, not just dangling ones")
@filter_option("", "until=24h", short=False)
@click.option("-f", "--force", is_flag=True, help="Do not prompt for confirmation")
@click.option("--keep-storage", type=Parsed("bytes", "units:ram_in_bytes"), default=0, metavar="bytes",
              help="Amount of disk space to keep for cache")
@click.pass_obj
def command(app, all_, filters, force, keep_storage):
    run_builder_prune(app, BuilderPruneOptions(all_, force, tuple(filters), keep_storage or 0))


def prune_output(report: dict) -> str:
    """The deleted cache IDs (a block, then a blank line) and docker's total line."""
    from ...render.humanize import human_size

    deleted = report.get("CachesDeleted") or []
    head = "Deleted build cache objects:\n" + "".join(f"{cid}\n" for cid in deleted) + "\n" if deleted else ""
    return head + f"Total reclaimed space: {human_size(report.get('SpaceReclaimed') or 0)}\n"


def run_builder_prune(app, opts: BuilderPruneOptions) -> None:
    """Declining cancels quietly (exit 0, nothing after the prompt), as docker does."""
    from ...engine.api import build
    from .._objects import confirm, prune_filters

    filters = prune_filters(app, opts.filters)
    if not opts.force and not confirm(app, ALL_WARNING if opts.all else DANGLING_WARNING):
        return
    report = build.prune_cache(app.engine, all=opts.all, keep_storage=opts.keep_storage, filters=filters)
    app.write(prune_output(report))
