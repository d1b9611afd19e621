"""`pydock container prune`: remove all stopped containers (after asking, unless -f)."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._params import FILTER, drop_empty_filters

WARNING = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?"


@dataclass(frozen=True)
class PruneOptions:
    force: bool = False
    filters: tuple = ()


EXAMPLES = (
    ('Remove stopped containers older than a day, without asking', 'pydock container prune -f --filter until=24h'),
)


@command("prune", examples=EXAMPLES, help="Remove all stopped containers")
@click.option("--filter", "filters", multiple=True, type=FILTER, metavar="filter", callback=drop_empty_filters,
              help='Provide filter values (e.g. "until=<timestamp>")')
@click.option("-f", "--force", is_flag=True, help="Do not prompt for confirmation")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed, and the space it would free (pydock)")
@click.pass_obj
def command(app, filters, force, dry_run):
    if dry_run:
        from .._pruneplan import Plan, report
        from .._objects import prune_filters

        ids, space = Plan(app, prune_filters(app, tuple(filters)), containers_too=False).container_section()
        app.write(report([("Containers", ids)], space))
        return
    run_prune(app, PruneOptions(force, tuple(filters)))


def run_prune(app, opts: PruneOptions) -> None:
    """Declining is not an error: docker exits 0 and prints nothing after the prompt."""
    from ...engine.api import containers
    from ...render.humanize import human_size
    from .._objects import confirm, prune_filters

    if not opts.force and not confirm(app, WARNING):
        return
    report = containers.prune(app.engine, filters=prune_filters(app, opts.filters))
    deleted = report.get("ContainersDeleted") or []
    if deleted:
        app.write("Deleted Containers:\n" + "".join(f"{cid}\n" for cid in deleted) + "\n")
    reclaimed = report.get("SpaceReclaimed") or 0 if deleted else 0
    app.write(f"Total reclaimed space: {human_size(reclaimed)}\n")

