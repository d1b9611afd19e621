"""`pydock compose down`: stop and remove the project's containers, then its networks (and with -v
its volumes, with --rmi its images) (v2 cmd/compose/down.go, pkg/compose/down.go)."""

from __future__ import annotations

import os

import click

from .._lazy import command
from .._params import INT


EXAMPLES = (
    ('Stop and remove the project, its volumes too', 'pydock compose down -v'),
)


@command("down", examples=EXAMPLES, usage="[OPTIONS] [SERVICES]", args=(0, None), help="Stop and remove containers, networks")
@click.argument("services", nargs=-1)
@click.option("--remove-orphans", is_flag=True, default=None,
              help="Remove containers for services not defined in the Compose file")
@click.option("--rmi", default="", metavar="string",
              help='Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")')
@click.option("-t", "--timeout", type=INT, default=None, metavar="int", help="Specify a shutdown timeout in seconds")
@click.option("-v", "--volumes", is_flag=True,
              help='Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers')
@click.option("--volume", "volume_deprecated", is_flag=True, hidden=True)
@click.pass_obj
def command(capp, services, remove_orphans, rmi, timeout, volumes, volume_deprecated):
    from ...compose import lifecycle, progress
    from ...compose.converge import string_to_bool
    from ...compose.errors import ComposeError

    if volume_deprecated:
        progress.log_warning(capp.err, "--volume is deprecated, please use --volumes", capp.environ)
        volumes = True
    if rmi and rmi not in ("all", "local"):
        raise ComposeError(f'invalid value for --rmi: "{rmi}"')
    if remove_orphans is None:
        remove_orphans = string_to_bool(os.environ.get("COMPOSE_REMOVE_ORPHANS", ""))
    target = lifecycle.project_or_name(capp, services)
    lifecycle.run_with_progress(capp, "Running", lambda c: lifecycle.down(
        c, target, services, timeout=timeout, volumes=volumes, remove_orphans=remove_orphans, images=rmi))
