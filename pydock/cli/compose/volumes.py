"""`pydock compose volumes`: the project's volumes (v2 cmd/compose/volumes.go, pkg/compose/volumes.go)."""

from __future__ import annotations

import click

from .._lazy import command
from .ps import FORMAT_HELP


EXAMPLES = (
    ("The project's volumes", 'pydock compose volumes'),
)


@command("volumes", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="List volumes")
@click.argument("services", nargs=-1)
@click.option("--format", "format_", default="table", metavar="string", help=FORMAT_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Only display volume names")
@click.pass_obj
def command(capp, services, format_, quiet):
    from ...compose import labels
    from ...engine.api import containers as capi
    from ...engine.api import volumes as vapi
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views_objects import VolumeView
    from .ps import check_services, project_or_name

    services = list(services)
    project, name = project_or_name(capp, services)
    check_services(project, services)
    flt = {"label": [labels.project_filter(name)]}
    found = vapi.list(capp.engine, filters=flt) or []
    if services:
        running = capi.list(capp.engine, filters=flt) or []
        used = {m.get("Name") for c in running if (c.get("Labels") or {}).get(labels.SERVICE) in services
                for m in c.get("Mounts") or []}
        found = [v for v in found if v.get("Name") in used]
    if quiet:
        capp.out.write("".join(v.get("Name", "") + "\n" for v in found))
        return
    fmt = Format.parse(format_, "table {{.Driver}}\t{{.Name}}")
    tmpl = prepare(fmt)
    capp.out.write(render_rows(fmt, tmpl, [VolumeView(v) for v in found], VolumeView.headers))
