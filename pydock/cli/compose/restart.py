"""`pydock compose restart`: restart the services' containers in dependency order
(v2 cmd/compose/restart.go, pkg/compose/restart.go)."""

from __future__ import annotations

import click

from .._lazy import command
from .._params import INT


EXAMPLES = (
    ('Restart one service without its dependencies', 'pydock compose restart --no-deps web'),
)


@command("restart", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Restart service containers")
@click.argument("services", nargs=-1)
@click.option("--no-deps", is_flag=True, help="Don't restart dependent services")
@click.option("-t", "--timeout", type=INT, default=None, metavar="int", help="Specify a shutdown timeout in seconds")
@click.pass_obj
def command(capp, services, no_deps, timeout):
    from ...compose import lifecycle

    target = lifecycle.project_or_name(capp)  # v2 loads the whole project, then enables the named ones
    lifecycle.run_with_progress(capp, "Restarting",
                                lambda c: lifecycle.restart(c, target, services, timeout, no_deps))
