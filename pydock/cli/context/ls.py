"""`pydock context ls`: the stored contexts and `default`, the current one marked."""

from __future__ import annotations

import os
from dataclasses import dataclass

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option, quiet_option

DEFAULT_FORMAT = "table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}"


@dataclass(frozen=True)
class ContextListOptions:
    format: str | None = None
    quiet: bool = False


EXAMPLES = (
    ('Context names only', 'pydock context ls -q'),
)


@command("ls", examples=EXAMPLES, help="List contexts")
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only show context names")
@click.pass_obj
def command(app, format_, quiet):
    app.write(run_context_ls(app, ContextListOptions(format_, quiet)))
    if os.environ.get("DOCKER_HOST"):
        from ._store import HOST_OVERRIDE_WARNING

        app.err.write(HOST_OVERRIDE_WARNING.format(what="a context"))


def run_context_ls(app, opts: ContextListOptions) -> str:
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views_objects import ContextView
    from .._objects import sort_by_name

    rows = sort_by_name(context_rows(app), name=lambda row: row.Name())
    fmt = Format("{{.Name}}", False) if opts.quiet else Format.parse(opts.format or "table", DEFAULT_FORMAT)
    return render_rows(fmt, prepare(fmt), rows, ContextView.headers)


def context_rows(app) -> list:
    """One row per context; a current context that is not stored gets a row with the error."""
    from ...errors import PydockError
    from ...render.views_objects import ContextView
    from . import _store

    current = _store.current_name(app)
    rows = []
    for meta in _store.list_metadata(app):
        info = meta.get("Metadata") if isinstance(meta.get("Metadata"), dict) else {}
        description = _store.DEFAULT_DESCRIPTION if meta["Name"] == "default" else info.get("Description") or ""
        endpoints = meta.get("Endpoints") or {}
        docker = endpoints.get("docker")
        error = ("" if docker is not None else 'endpoint "docker" is not of type EndpointMeta' if "docker" in endpoints
                 else "cannot find docker endpoint in context")
        rows.append(ContextView(meta["Name"], current=meta["Name"] == current, description=description,
                                endpoint=(docker or {}).get("Host") or "", error=error))
    if not any(row.Current() for row in rows):
        try:
            _store.get_metadata(app, current)
            error = ""
        except PydockError as e:
            error = str(e)
        rows.append(ContextView(current, current=True, error=error))
    return rows
