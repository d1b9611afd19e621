"""`pydock service inspect`: the daemon's JSON (with swarmkit's defaults inserted, as docker asks for them),
a --format template, or `--pretty`: docker's own pretty template run by pydock's text/template engine over
a context with docker's methods (render/views_service)."""

from __future__ import annotations

import click

from .._complete import complete_swarm_services
from .._lazy import command
from ..inspect import FORMAT_HELP

EXAMPLES = (
    ("A service in docker's human-friendly layout", "pydock service inspect --pretty web"),
    ("The replica count of a service", "pydock service inspect -f '{{.Spec.Mode.Replicated.Replicas}}' web"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] SERVICE [SERVICE...]", args=(1, None),
         help="Display detailed information on one or more services")
@click.argument("names", nargs=-1, shell_complete=complete_swarm_services)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("--pretty", is_flag=True, help="Print the information in a human friendly format")
@click.pass_obj
def command(app, names, format_, pretty):
    from ...errors import PydockError
    from .._inspect import inspect_each

    if pretty and format_:
        raise PydockError("--format is incompatible with human friendly format")
    fmt = "pretty" if pretty else format_
    if not fmt:
        fmt = app.config.get("serviceInspectFormat") or None
    if fmt and fmt.startswith("pretty") and fmt != "pretty":
        raise PydockError("Cannot supply extra formatting options to the pretty template")
    if fmt == "pretty":
        app.write(render_pretty(app, names))
        return
    if fmt == "raw":
        fmt = None
    inspect_each(app, names, lambda name: get_service(app, name), fmt)


def get_service(app, name: str):
    from ...engine.api import swarm
    from ...errors import NotFound, PydockError
    from ...render.views_service import Service

    try:
        data, raw = swarm.service_inspect_raw(app.engine, name, insert_defaults=True)
    except NotFound:
        raise PydockError(f"Error: no such service: {name}") from None
    return Service(data), raw


def render_pretty(app, names) -> str:
    """docker renders every service before writing any: the first failure prints nothing but itself."""
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...render.formatter import RENDER_FAILED, compile_template, execute
    from ...render.views_service import PRETTY_TEMPLATE, PrettyService

    tmpl = compile_template(PRETTY_TEMPLATE, prefix=RENDER_FAILED)
    out = []
    for name in names:
        service = get_service(app, name)[0].__dict__
        names_by_id = {}
        for net in (service.get("Spec") or {}).get("TaskTemplate", {}).get("Networks") or ():
            try:
                found = swarm.network_inspect_swarm(app.engine, net["Target"])
                names_by_id[found["Id"]] = found["Name"]
            except PydockError:
                pass
        out.append(execute(tmpl, PrettyService(service, names_by_id), RENDER_FAILED) + "\n")
    return "".join(out)
