"""`pydock pause`: freeze the processes of containers, in parallel, reporting in argument order."""

from __future__ import annotations

import click

from .._complete import complete_unpaused
from .._lazy import command


EXAMPLES = (
    ("Freeze a container's processes", 'pydock pause web'),
)


@command("pause", examples=EXAMPLES, usage="CONTAINER [CONTAINER...]", args=(1, None),
         help="Pause all processes within one or more containers")
@click.argument("containers", nargs=-1, shell_complete=complete_unpaused)
@click.pass_obj
def command(app, containers):
    run_pause(app, tuple(containers))


def run_pause(app, names: tuple[str, ...]) -> None:
    from ...engine.api import containers
    from .._parallel import in_parallel, print_names, warm_up

    warm_up(app)
    print_names(app, in_parallel(lambda name: containers.pause(app.engine, name), names))
