"""`pydock compose pause`: pause the services' running containers (v2 cmd/compose/pause.go)."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ('Pause one service', 'pydock compose pause worker'),
)


@command("pause", examples=EXAMPLES, usage="[SERVICE...]", args=(0, None), help="Pause services")
@click.argument("services", nargs=-1)
@click.pass_obj
def command(capp, services):
    from ...compose import lifecycle

    target = lifecycle.project_or_name(capp, services)
    lifecycle.run_with_progress(capp, "Pausing", lambda c: lifecycle.pause(c, target, services))
