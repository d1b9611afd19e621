"""`pydock stack services`: `service ls` of one stack's services (its namespace label), as docker lists them."""

from __future__ import annotations

import click

from .._complete import complete_stacks
from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option, quiet_option
from ..service.ps import filter_flag
from .ls import orchestrator_option

EXAMPLES = (
    ("The services of stack web", "pydock stack services web"),
)


GO_SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def validate_stack_name(name: str) -> None:
    """docker's validateStackName: a name of nothing but blanks and quotes is refused."""
    from ...errors import PydockError

    if not name.strip(GO_SPACES + "\"'"):
        raise PydockError(f"invalid stack name: {_go_quote(name)}")


def _go_quote(s: str) -> str:
    from ...render.views import go_quote

    return go_quote(s)


def stack_filters(namespace: str, pairs) -> dict:
    from ...opts.filters import build_filters
    from ...render.views_tasks import STACK_NAMESPACE

    filters = build_filters(pairs)
    filters.setdefault("label", {})[f"{STACK_NAMESPACE}={namespace}"] = True
    return filters


@command("services", examples=EXAMPLES, usage="[OPTIONS] STACK", args=(1, 1), help="List the services in the stack")
@click.argument("namespace", nargs=-1, shell_complete=complete_stacks)
@filter_flag()
@format_option(FORMAT_HELP_LIST)
@quiet_option("Only display IDs")
@orchestrator_option
@click.pass_obj
def command(app, namespace, filters, format_, quiet):
    from ..service.ls import list_services, render_services

    (namespace,) = namespace
    validate_stack_name(namespace)
    services = list_services(app, stack_filters(namespace, filters), status=not quiet)
    if not services:
        app.err.write(f"Nothing found in stack: {namespace}\n")
        return
    app.write(render_services(app, services, format_, quiet))
