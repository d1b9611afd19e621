"""`pydock compose stop`: stop the services' containers, dependents first (v2 cmd/compose/stop.go)."""

from __future__ import annotations

import click

from .._lazy import command
from .._params import INT


EXAMPLES = (
    ('Stop one service with a 30 second grace period', 'pydock compose stop -t 30 web'),
)


@command("stop", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Stop services")
@click.argument("services", nargs=-1)
@click.option("-t", "--timeout", type=INT, default=None, metavar="int", help="Specify a shutdown timeout in seconds")
@click.pass_obj
def command(capp, services, timeout):
    from ...compose import lifecycle

    target = lifecycle.project_or_name(capp, services)
    lifecycle.run_with_progress(capp, "Stopping", lambda c: lifecycle.stop(c, target, services, timeout))
