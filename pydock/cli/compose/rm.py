"""`pydock compose rm`: remove the services' stopped containers (v2 cmd/compose/remove.go,
pkg/compose/remove.go): `Going to remove a, b` and a confirmation unless `-f`."""

from __future__ import annotations

import click

from .._lazy import command

HELP = """Removes stopped service containers

By default, anonymous volumes attached to containers will not be removed. You
can override this with -v. To list all volumes, use "docker volume ls".

Any data which is not in a volume will be lost."""


EXAMPLES = (
    ("Stop and remove a service's containers without asking", 'pydock compose rm -s -f worker'),
)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help=HELP, short_help="Removes stopped service containers")
@click.argument("services", nargs=-1)
@click.option("-f", "--force", is_flag=True, help="Don't ask to confirm removal")
@click.option("-s", "--stop", "stop_first", is_flag=True, help="Stop the containers, if required, before removing")
@click.option("-v", "--volumes", is_flag=True, help="Remove any anonymous volumes attached to containers")
@click.option("-a", "--all", "all_", is_flag=True, hidden=True, help="Deprecated - no effect")
@click.pass_obj
def command(capp, services, force, stop_first, volumes, all_):
    from ...compose import lifecycle
    from ...compose.converge import Compose

    target = lifecycle.project_or_name(capp, services)
    lifecycle.remove(Compose.for_app(capp), target, services, force=force, stop_first=stop_first,
                     volumes=volumes, confirm=lambda msg: lifecycle.confirm(capp, msg))
