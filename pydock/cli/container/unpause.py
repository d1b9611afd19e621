"""`pydock unpause`: thaw paused containers, in parallel, reporting in argument order."""

from __future__ import annotations

import click

from .._complete import complete_paused
from .._lazy import command


EXAMPLES = (
    ('Resume a paused container', 'pydock unpause web'),
)


@command("unpause", examples=EXAMPLES, usage="CONTAINER [CONTAINER...]", args=(1, None),
         help="Unpause all processes within one or more containers")
@click.argument("containers", nargs=-1, shell_complete=complete_paused)
@click.pass_obj
def command(app, containers):
    run_unpause(app, tuple(containers))


def run_unpause(app, names: tuple[str, ...]) -> None:
    from ...engine.api import containers
    from .._parallel import in_parallel, print_names, warm_up

    warm_up(app)
    print_names(app, in_parallel(lambda name: containers.unpause(app.engine, name), names))
