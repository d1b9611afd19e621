"""`pydock system prune`: stopped containers, unused networks, (--volumes) unused anonymous volumes, dangling
(-a: unused) images and build cache, in docker's order, after one prompt; each kind's deleted list, then the
total reclaimed."""

from __future__ import annotations

import click

from ...errors import PydockError
from .._lazy import command
from .._objects import filter_option

EXAMPLES = (
    ('Remove everything unused, images included, without asking', 'pydock system prune -a -f'),
    ('Only what is older than a day', 'pydock system prune --filter until=24h'),
)


@command("prune", examples=EXAMPLES, help="Remove unused data")
@click.option("-a", "--all", "all_", is_flag=True, help="Remove all unused images not just dangling ones")
@filter_option("", "label=<key>=<value>", short=False)
@click.option("-f", "--force", is_flag=True, help="Do not prompt for confirmation")
@click.option("--volumes", is_flag=True, help="Prune anonymous volumes")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed, and the space it would free (pydock)")
@click.pass_obj
def command(app, all_, filters, force, volumes, dry_run):
    if dry_run:
        app.write(dry_run_report(app, all_, tuple(filters), volumes))
        return
    run_system_prune(app, all_, tuple(filters), force, volumes)


def dry_run_report(app, all_: bool, filters: tuple, volumes: bool) -> str:
    """What `system prune` would remove with these flags: the containers first, then what only they used."""
    from .._pruneplan import Plan, report
    from ..image.prune import prune_filter_pairs
    from .._objects import prune_filters

    check_volume_filters(filters, volumes)
    merged = prune_filters(app, filters)
    plan = Plan(app, merged, containers_too=True)
    ids, space = plan.container_section()
    sections = [("Containers", ids), ("Networks", plan.network_section(merged))]
    if volumes:
        names, more = plan.volume_section(merged)
        sections.append(("Volumes", names))
        space += more
    lines, more = plan.image_section(prune_filters(app, prune_filter_pairs(filters, all_)))
    sections.append(("Images", lines))
    space += more
    caches, more = plan.cache_section(all_)
    sections.append(("build cache objects", caches))
    return report(sections, space + more)


def check_volume_filters(filters: tuple, volumes: bool) -> None:
    """docker refuses `until` with --volumes before anything else (the volume prune has no such filter)."""
    if volumes and any(key == "until" for key, _ in filters):
        raise PydockError('ERROR: The "until" filter is not supported with "--volumes"')


def warning(app, all_: bool, volumes: bool, filters: tuple) -> str:
    """docker's confirmationMessage: what goes, and the label/until filters it applies (natural order)."""
    from ...opts.natural import natural_sorted
    from .._objects import prune_filters

    lines = ["all stopped containers", "all networks not used by at least one container"]
    if volumes:
        lines.append("all anonymous volumes not used by at least one container")
    lines.append("all images without at least one container associated to them" if all_ else "all dangling images")
    lines.append("all build cache" if all_ else "unused build cache")
    text = "WARNING! This will remove:\n" + "".join(f"  - {line}\n" for line in lines)
    merged = prune_filters(app, filters)
    shown = [f"{key}={value}" for key in ("label", "label!", "until") for value in merged.get(key, {})]
    if shown:
        text += "\n  Items to be pruned will be filtered with:\n" + "".join(f"  - {f}\n" for f in natural_sorted(shown))
    return text + "\nAre you sure you want to continue?"


def run_system_prune(app, all_: bool, filters: tuple, force: bool, volumes: bool) -> None:
    from ...engine.api import build, containers, images, networks
    from ...engine.api import volumes as volume_api
    from ...render.humanize import human_size
    from ...render.views_images import delete_lines
    from ..image.prune import prune_filter_pairs
    from .._objects import confirm, prune_filters

    check_volume_filters(filters, volumes)
    if not force and not confirm(app, warning(app, all_, volumes, filters)):
        return
    reclaimed = 0

    def section(title: str, lines: str, space: int) -> None:
        nonlocal reclaimed
        if lines:
            app.write(f"{title}:\n{lines}\n")
            reclaimed += space or 0

    report = containers.prune(app.engine, filters=prune_filters(app, filters))
    section("Deleted Containers", "".join(f"{c}\n" for c in report.get("ContainersDeleted") or []),
            report.get("SpaceReclaimed"))
    report = networks.prune(app.engine, filters=prune_filters(app, filters))
    section("Deleted Networks", "".join(f"{n}\n" for n in report.get("NetworksDeleted") or []), 0)
    if volumes:
        report = volume_api.prune(app.engine, filters=prune_filters(app, filters))
        section("Deleted Volumes", "".join(f"{v}\n" for v in report.get("VolumesDeleted") or []),
                report.get("SpaceReclaimed"))
    report = images.prune(app.engine, filters=prune_filters(app, prune_filter_pairs(filters, all_)))
    section("Deleted Images", delete_lines(report.get("ImagesDeleted") or [], prune_style=True),
            report.get("SpaceReclaimed"))
    report = build.prune_cache(app.engine, all=all_, filters=prune_filters(app, filters))
    caches = report.get("CachesDeleted") or []
    section("Deleted build cache objects", "".join(f"{c}\n" for c in caches), 0)
    reclaimed += report.get("SpaceReclaimed") or 0  # docker counts the build cache's space even with nothing listed
    app.write(f"Total reclaimed space: {human_size(reclaimed)}\n")
