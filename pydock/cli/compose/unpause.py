"""`pydock compose unpause`: unpause the services' paused containers (v2 cmd/compose/pause.go)."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ('Resume a paused service', 'pydock compose unpause worker'),
)


@command("unpause", examples=EXAMPLES, usage="[SERVICE...]", args=(0, None), help="Unpause services")
@click.argument("services", nargs=-1)
@click.pass_obj
def command(capp, services):
    from ...compose import lifecycle

    target = lifecycle.project_or_name(capp, services)
    lifecycle.run_with_progress(capp, "Running", lambda c: lifecycle.pause(c, target, services, unpause=True))
