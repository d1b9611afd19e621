"""`pydock wait`: block until containers stop, then print their exit codes in argument order."""

from __future__ import annotations

import click

from .._complete import complete_running
from .._lazy import command


EXAMPLES = (
    ('Wait for a container and use its exit status', 'pydock wait job'),
)


@command("wait", examples=EXAMPLES, usage="CONTAINER [CONTAINER...]", args=(1, None),
         help="Block until one or more containers stop, then print their exit codes")
@click.argument("containers", nargs=-1, shell_complete=complete_running)
@click.pass_obj
def command(app, containers):
    run_wait(app, tuple(containers))


def run_wait(app, names: tuple[str, ...]) -> None:
    """All waits are registered at once; each code is printed once it and those before it are known."""
    from ...engine.api import containers
    from .._parallel import flush_stream, in_parallel, joined, warm_up

    warm_up(app)
    errors = []
    for _, result, error in in_parallel(lambda name: containers.wait(app.engine, name), names):
        if error is not None:
            errors.append(error)
            continue
        app.write(f"{(result or {}).get('StatusCode', 0)}\n")
        flush_stream(app.out)
    if errors:
        raise joined(errors)
