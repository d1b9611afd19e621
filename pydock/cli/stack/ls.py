"""`pydock stack ls`: the stacks, as `docker stack ls` finds them (the namespace label of the services)."""

from __future__ import annotations

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option

def _deprecated(ctx, param, value):
    if value is not None:
        import sys

        sys.stdout.write("Flag --orchestrator has been deprecated, option will be ignored\n")  # on stdout, as cobra writes it
    return value


# docker's stack commands take a deprecated `--orchestrator` (swarm|all), ignored with a warning
orchestrator_option = click.option("--orchestrator", metavar="string", hidden=True, expose_value=False,
                                   callback=_deprecated, help="Orchestrator to use (swarm|all)")

EXAMPLES = (
    ("Stack names only", "pydock stack ls --format '{{.Name}}'"),
)


@command("ls", examples=EXAMPLES, help="List stacks")
@format_option(FORMAT_HELP_LIST)
@orchestrator_option
@click.pass_obj
def command(app, format_):
    from ...engine.api import swarm
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views_tasks import STACK_NAMESPACE, STACK_TABLE, StackView, stack_rows

    services = swarm.service_list(app.engine, filters={"label": {STACK_NAMESPACE: True}})
    rows = stack_rows(services)
    fmt = Format.parse(format_ or "table", STACK_TABLE)
    app.write(render_rows(fmt, prepare(fmt), rows, StackView.headers))
