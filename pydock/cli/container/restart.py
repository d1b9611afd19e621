"""`pydock restart`: restart containers, in parallel, reporting in argument order."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_containers
from .._lazy import command
from .stop import pick_timeout, timeout_options


@dataclass(frozen=True)
class RestartOptions:
    containers: tuple[str, ...]
    timeout: int | None = None
    signal: str = ""


EXAMPLES = (
    ('Restart with a 5 second grace period', 'pydock restart -t 5 web'),
)


@command("restart", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None), help="Restart one or more containers")
@click.argument("containers", nargs=-1, shell_complete=complete_containers)
@timeout_options
@click.pass_obj
def command(app, containers, timeout, time_, signal):
    run_restart(app, RestartOptions(containers, pick_timeout(app, timeout, time_), signal))


def run_restart(app, opts: RestartOptions) -> None:
    """docker restarts one container after the other; the output is the same either way, so we use
    the parallel runner like the other multi-target verbs. `-s` needs API 1.42, as for `stop`."""
    from ...engine.api import containers
    from .._parallel import in_parallel, print_names, warm_up

    warm_up(app)

    def op(name: str) -> None:
        containers.restart(app.engine, name, timeout=opts.timeout, signal=opts.signal)

    print_names(app, in_parallel(op, opts.containers))
