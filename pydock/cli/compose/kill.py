"""`pydock compose kill`: send a signal (SIGKILL) to the services' containers (v2 cmd/compose/kill.go)."""

from __future__ import annotations

import os

import click

from .._lazy import command


def _remove_orphans_default() -> bool:
    from ...compose.converge import string_to_bool

    return string_to_bool(os.environ.get("COMPOSE_REMOVE_ORPHANS", ""))


EXAMPLES = (
    ('Send SIGHUP to one service', 'pydock compose kill -s HUP web'),
)


@command("kill", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Force stop service containers")
@click.argument("services", nargs=-1)
@click.option("--remove-orphans", is_flag=True, default=None,
              help="Remove containers for services not defined in the Compose file")
@click.option("-s", "--signal", default="SIGKILL", metavar="string",
              help='SIGNAL to send to the container (default "SIGKILL")')
@click.pass_obj
def command(capp, services, remove_orphans, signal):
    from ...compose import lifecycle

    if remove_orphans is None:
        remove_orphans = _remove_orphans_default()
    target = lifecycle.project_or_name(capp, services)
    lifecycle.run_with_progress(capp, "Killing",
                                lambda c: lifecycle.kill(c, target, services, signal, remove_orphans))
