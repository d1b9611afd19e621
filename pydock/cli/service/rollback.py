"""`pydock service rollback`: the daemon's server-side rollback to the previous spec (an update of the current
spec at its version with `rollback=previous`), then the service name and, without -d, the progress."""

from __future__ import annotations

import click

from .._complete import complete_swarm_services
from .._lazy import command

EXAMPLES = (
    ("Undo the last update of a service", "pydock service rollback web"),
)


@command("rollback", examples=EXAMPLES, usage="[OPTIONS] SERVICE", args=(1, 1),
         help="Revert changes to a service's configuration")
@click.argument("service", shell_complete=complete_swarm_services)
@click.option("-d", "--detach", is_flag=True, help="Exit immediately instead of waiting for the service to converge")
@click.option("-q", "--quiet", is_flag=True, help="Suppress progress output")
@click.pass_obj
def command(app, service, detach, quiet):
    from ...engine.api import swarm
    from ._flags import wait_on_service

    current = swarm.service_inspect(app.engine, service)
    response = swarm.service_update(app.engine, current["ID"], current["Version"]["Index"], current["Spec"],
                                    rollback="previous")
    for warning in response.get("Warnings") or ():
        app.err.write(f"{warning}\n")
    app.write(f"{service}\n")
    if not detach:
        wait_on_service(app, service, quiet)
