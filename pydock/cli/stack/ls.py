"""`pydock stack ls`: the stacks, as `docker stack ls` finds them (the namespace label of the services)."""

from __future__ import annotations

import click

from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option

EXAMPLES = (
    ("Stack names only", "pydock stack ls --format '{{.Name}}'"),
)


@command("ls", examples=EXAMPLES, help="List stacks")
@format_option(FORMAT_HELP_LIST)
@click.pass_obj
def command(app, format_):
    from ...engine.api import swarm
    from ...render.formatter import Format, prepare, render_rows
    from ...render.views_tasks import STACK_NAMESPACE, STACK_TABLE, StackView, stack_rows

    services = swarm.service_list(app.engine, filters={"label": {STACK_NAMESPACE: True}})
    rows = stack_rows(services)
    fmt = Format.parse(format_ or "table", STACK_TABLE)
    app.write(render_rows(fmt, prepare(fmt), rows, StackView.headers))
