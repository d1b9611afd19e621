"""`pydock service ls`: list services exactly as `docker service ls` does (also `stack services`)."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option, quiet_option
from .ps import filter_flag


@dataclass(frozen=True)
class ServiceListOptions:
    filters: tuple = ()
    format: str | None = None
    quiet: bool = False


EXAMPLES = (
    ("Replicated services only", "pydock service ls --filter mode=replicated"),
)


@command("ls", examples=EXAMPLES, help="List services")
@filter_flag()
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only display IDs")
@click.pass_obj
def command(app, filters, format_, quiet):
    from ...opts.filters import build_filters

    services = list_services(app, build_filters(filters), status=not quiet)
    app.write(render_services(app, services, format_, quiet))


def list_services(app, filters: dict, *, status: bool) -> list[dict]:
    """The services with their replica counts: the daemon's ServiceStatus (`status=true`, API >= 1.41),
    else counted from their tasks as docker's AppendServiceStatus does."""
    from ...engine.api import swarm
    from ...render.views_tasks import append_service_status, needs_task_status

    services = swarm.service_list(app.engine, filters=filters, status=status)
    if not status:
        return services
    wanted = needs_task_status(services)
    if not wanted:
        return services
    tasks = swarm.task_list(app.engine, filters={"service": {i: True for i in wanted}})
    if not tasks:
        return append_service_status(services, [], set())
    active = {n["ID"] for n in swarm.node_list(app.engine) if (n.get("Status") or {}).get("State") != "down"}
    return append_service_status(services, tasks, active)


def render_services(app, services: list[dict], format_: str | None, quiet: bool) -> str:
    """docker's ListFormatWrite: sorted by name (natural order), the config's servicesFormat unless -q."""
    from ...render.formatter import prepare, render_rows
    from ...render.views_tasks import ServiceView, service_format, sort_services

    source = format_ or (not quiet and app.config.get("servicesFormat")) or "table"
    fmt = service_format(source, quiet)
    tmpl = prepare(fmt)
    return render_rows(fmt, tmpl, [ServiceView(s) for s in sort_services(services)], ServiceView.headers)
