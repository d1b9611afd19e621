"""`pydock info` / `pydock system info`: docker's system-wide report, the client half describing pydock."""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

from .._lazy import command
from ..inspect import FORMAT_HELP

DOCKER_HUB = "https://index.docker.io/v1/"
_PLACEHOLDER = re.compile(r"\.[a-zA-Z]")


@dataclass(frozen=True)
class InfoOptions:
    format: str = ""


@dataclass(frozen=True)
class ServerAnswer:
    """GET /info, or why there is none: a connection failure (the command fails) or a daemon error."""

    payload: dict | None = None
    unreachable: Exception | None = None
    errors: tuple[str, ...] = ()


EXAMPLES = (
    ('The storage driver and the number of containers', "pydock info -f '{{.Driver}} {{.Containers}}'"),
)


@command("info", examples=EXAMPLES, help="Display system-wide information")
@click.option("-f", "--format", "format_", metavar="string", default="", help=FORMAT_HELP)
@click.pass_obj
def command(app, format_):
    run_info(app, InfoOptions(format_ or ""))


def run_info(app, opts: InfoOptions) -> None:
    import os
    import sys

    from ...compose.labels import COMPOSE_VERSION
    from ...render.system import builtin_compose_plugin, client_info
    from .version import pydock_client_version

    compose = builtin_compose_plugin(os.path.abspath(sys.argv[0]), COMPOSE_VERSION)
    client = client_info(pydock_client_version(app, negotiate=False), debug=client_debug(app), plugins=[compose])
    if opts.format:
        _print_formatted(app, client, opts.format)
    else:
        _print_pretty(app, client)


def _print_pretty(app, client: dict) -> None:
    from ...errors import PydockError
    from ...render.system import render_info

    answer = fetch_info(app)
    result = render_info(answer.payload, client, username=hub_username(app.config), client_debug=client_debug(app),
                         server_errors=answer.errors)
    app.write(result.out)
    app.err.write(result.err)
    messages = (["errors pretty printing info"] if result.failed else []) + (
        [str(answer.unreachable)] if answer.unreachable else [])
    if messages:
        raise PydockError("\n".join(messages))


def _print_formatted(app, client: dict, format_: str) -> None:
    """docker asks the daemon only when the template needs more than the client part; daemon errors
    (not connection failures) are printed and the template still runs, on an empty server part."""
    from ...errors import PydockError
    from ...render.system import docker_info, execute_template, parse_template

    answer = fetch_info(app) if needs_server_info(format_, client) else ServerAnswer()
    for message in answer.errors:
        app.err.write(f"{message}\n")
    try:
        tmpl = parse_template(format_, "")
    except PydockError as e:
        if answer.unreachable:
            raise PydockError(f"{answer.unreachable}\n{e}", exit_code=e.exit_code) from None
        raise
    text, error = execute_template(tmpl, docker_info(answer.payload, client, answer.errors), "")
    app.write(text + "\n")
    messages = ([str(answer.unreachable)] if answer.unreachable else []) + ([error] if error else [])
    if messages:
        raise PydockError("\n".join(messages))


def fetch_info(app) -> ServerAnswer:
    from ...engine.api import system
    from ...errors import EngineUnavailable, PydockError

    try:
        return ServerAnswer(payload=system.info(app.engine))
    except EngineUnavailable as e:
        return ServerAnswer(unreachable=e)
    except PydockError as e:
        return ServerAnswer(errors=(str(e),))


def needs_server_info(format_: str, client: dict) -> bool:
    """docker's needsServerInfo: yes for the default and json outputs, for templates without a field,
    for templates that do not parse, and for templates that fail on the client part alone."""
    from ...errors import PydockError
    from ...render.system import client_only_info, execute_template, parse_template

    if format_ in ("", "json", "{{json .}}") or not _PLACEHOLDER.search(format_):
        return True
    try:
        tmpl = parse_template(format_, "")
    except PydockError:
        return True
    return execute_template(tmpl, client_only_info(client), "")[1] is not None


def client_debug(app) -> bool:
    """docker's debug.IsEnabled: `-D`, or a non-empty DEBUG in the environment."""
    import os

    return bool(app.options.debug or os.environ.get("DEBUG"))


def hub_username(config) -> str:
    """The Docker Hub user from config.json (docker prints it as `Username:`); none with a credential store."""
    import base64
    import binascii

    entry = ((config.get("auths") or {}).get(DOCKER_HUB)) or {}
    if not isinstance(entry, dict):
        return ""
    auth = entry.get("auth") or ""
    if not auth:
        return str(entry.get("username") or "")
    try:
        decoded = base64.b64decode(auth, validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""
    user, sep, _ = decoded.partition(":")
    return user if sep else ""
