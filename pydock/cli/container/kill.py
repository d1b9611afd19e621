"""`pydock kill`: signal running containers, in parallel, reporting in argument order."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_running
from .._lazy import command


@dataclass(frozen=True)
class KillOptions:
    containers: tuple[str, ...]
    signal: str = ""  # passed verbatim (KILL, SIGKILL, 9); the daemon validates it and defaults to KILL


EXAMPLES = (
    ('Send SIGHUP (e.g. to reload a configuration)', 'pydock kill -s HUP web'),
)


@command("kill", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None), help="Kill one or more running containers")
@click.argument("containers", nargs=-1, shell_complete=complete_running)
@click.option("-s", "--signal", default="", metavar="string", help="Signal to send to the container")
@click.pass_obj
def command(app, containers, signal):
    run_kill(app, KillOptions(containers, signal))


def run_kill(app, opts: KillOptions) -> None:
    from ...engine.api import containers
    from .._parallel import in_parallel, print_names, warm_up

    warm_up(app)
    print_names(app, in_parallel(lambda name: containers.kill(app.engine, name, signal=opts.signal), opts.containers))
