"""`pydock volume prune`: remove volumes no container uses (after asking, unless -f)."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import filter_option

ANONYMOUS_WARNING = ("WARNING! This will remove anonymous local volumes not used by at least one container.\n"
                     "Are you sure you want to continue?")
ALL_WARNING = ("WARNING! This will remove all local volumes not used by at least one container.\n"
               "Are you sure you want to continue?")


@dataclass(frozen=True)
class VolumePruneOptions:
    all: bool = False
    force: bool = False
    filters: tuple = ()


EXAMPLES = (
    ('Remove every unused volume, named ones too', 'pydock volume prune -a -f'),
)


@command("prune", examples=EXAMPLES, help="Remove unused local volumes")
@click.option("-a", "--all", "all_", is_flag=True, help="Remove all unused volumes, not just anonymous ones")
@filter_option("", "label=<label>", short=False)
@click.option("-f", "--force", is_flag=True, help="Do not prompt for confirmation")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed, and the space it would free (pydock)")
@click.pass_obj
def command(app, all_, filters, force, dry_run):
    if dry_run:
        from .._pruneplan import Plan, report
        from .._objects import prune_filters

        filters = prune_filters(app, tuple(filters))
        if all_:
            filters["all"] = {"true": True}
        names, space = Plan(app, filters, containers_too=False).volume_section(filters)
        app.write(report([("Volumes", names)], space))
        return
    run_volume_prune(app, VolumePruneOptions(all_, force, tuple(filters)))


def run_volume_prune(app, opts: VolumePruneOptions) -> None:
    """Before API 1.42 the daemon prunes every unused volume, so docker warns about all of them.
    Declining cancels quietly (exit 0)."""
    from ...engine.api import volumes
    from ...render.humanize import human_size
    from .._objects import confirm, prune_filters, require_api

    if opts.all:
        require_api(app, "all", "1.42")
    filters = prune_filters(app, opts.filters)
    warning = ALL_WARNING if opts.all or not app.engine.version_at_least("1.42") else ANONYMOUS_WARNING
    if opts.all:
        if "all" in filters:
            from ...errors import PydockError

            raise PydockError("conflicting options: cannot specify both --all and --filter all=1")
        filters["all"] = {"true": True}
    if not opts.force and not confirm(app, warning):
        return
    report = volumes.prune(app.engine, filters=filters)
    deleted = report.get("VolumesDeleted") or []
    if deleted:
        app.write("Deleted Volumes:\n" + "".join(f"{name}\n" for name in deleted) + "\n")
    app.write(f"Total reclaimed space: {human_size(report.get('SpaceReclaimed') or 0 if deleted else 0)}\n")
