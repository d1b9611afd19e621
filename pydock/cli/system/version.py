"""`pydock version`: docker's client and server version report, the client half describing pydock."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from ..inspect import FORMAT_HELP

RUNTIME_LABEL = "Python version"  # docker's "Go version" line, for the runtime pydock runs on


@dataclass(frozen=True)
class VersionOptions:
    format: str = ""


EXAMPLES = (
    ("The server's version alone", "pydock version -f '{{.Server.Version}}'"),
)


@command("version", examples=EXAMPLES, help="Show the Docker version information")
@click.option("-f", "--format", "format_", metavar="string", default="", help=FORMAT_HELP)
@click.pass_obj
def command(app, format_):
    run_version(app, VersionOptions(format_ or ""))


def run_version(app, opts: VersionOptions) -> None:
    """Print what docker prints: the client part even when the daemon cannot be reached, then its error."""
    from ...engine.api import system
    from ...errors import PydockError
    from ...render.system import execute_template, parse_template, render_version, version_info
    from ...render.tabwriter import tabwrite

    tmpl = parse_template(opts.format, "version", {"getDetailsOrder": _details_order}) if opts.format else None
    client = pydock_client_version(app, negotiate=True)
    try:
        server, failure = system.version(app.engine), None
    except PydockError as e:
        server, failure = None, e
    info = version_info(client, server)
    if tmpl is None:
        app.write(render_version(info, runtime_label=RUNTIME_LABEL))
    else:
        text, error = execute_template(tmpl, info, "version")
        app.write(tabwrite(text + "\n", minwidth=20, padding=1))
        if error is not None and failure is None:  # docker reports the connection error, not the template's
            failure = PydockError(error)
    if failure is not None:
        raise failure


def _details_order(component) -> list[str]:
    """The version template's `getDetailsOrder`: a component's detail keys, sorted."""
    return sorted(getattr(component, "Details", None) or {})


def pydock_client_version(app, *, negotiate: bool) -> dict:
    """docker's clientVersion, describing pydock. With `negotiate`, the API version is the negotiated one
    (docker pings for it; when that fails it shows its own default, and so do we)."""
    import platform
    import sys

    from ... import __version__
    from ...engine.client import MAX_API_VERSION
    from ...errors import PydockError
    from ...render.system import client_version, go_platform

    context = app.endpoint.context  # an invalid host fails here, before anything is printed, as in docker
    api_version = ""
    if negotiate:
        try:
            api_version = app.engine.api_version
        except PydockError:
            api_version = MAX_API_VERSION
    return client_version(version=__version__, api_version=api_version, default_api_version=MAX_API_VERSION,
                          runtime=f"python{platform.python_version()}", os_arch=go_platform(sys.platform, platform.machine()),
                          context=context)
