"""`pydock network prune`: remove networks no container uses (after asking, unless -f)."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import filter_option

WARNING = ("WARNING! This will remove all custom networks not used by at least one container.\n"
           "Are you sure you want to continue?")


@dataclass(frozen=True)
class NetworkPruneOptions:
    force: bool = False
    filters: tuple = ()


EXAMPLES = (
    ('Remove every unused network without asking', 'pydock network prune -f'),
)


@command("prune", examples=EXAMPLES, help="Remove all unused networks")
@filter_option("", "until=<timestamp>", short=False)
@click.option("-f", "--force", is_flag=True, help="Do not prompt for confirmation")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed, and the space it would free (pydock)")
@click.pass_obj
def command(app, filters, force, dry_run):
    if dry_run:
        from .._pruneplan import Plan, report
        from .._objects import prune_filters

        filters = prune_filters(app, tuple(filters))
        app.write(report([("Networks", Plan(app, filters, containers_too=False).network_section(filters))], None))
        return
    run_network_prune(app, NetworkPruneOptions(force, tuple(filters)))


def run_network_prune(app, opts: NetworkPruneOptions) -> None:
    """Declining cancels quietly: docker exits 0 with nothing after the prompt. Nothing deleted, no output."""
    from ...engine.api import networks
    from .._objects import confirm, prune_filters

    filters = prune_filters(app, opts.filters)
    if not opts.force and not confirm(app, WARNING):
        return
    deleted = networks.prune(app.engine, filters=filters).get("NetworksDeleted") or []
    if deleted:
        app.write("Deleted Networks:\n" + "".join(f"{name}\n" for name in deleted) + "\n")
