"""`pydock start`: start stopped containers; with -a/-i, attach to one and exit with its status.

Without -a/-i containers are started one after the other (the order can matter: links, shared
namespaces), each name printed as given; failures are printed as they happen and summed up at the end.
Attached: inspect, attach, register the wait, start, then stream until the container's output ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_stopped
from .._lazy import command, fail


@dataclass(frozen=True)
class StartOptions:
    containers: tuple[str, ...]
    attach: bool = False
    interactive: bool = False
    detach_keys: str = ""


EXAMPLES = (
    ('Start a stopped container and attach to its output', 'pydock start -a web'),
)


@command("start", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None),
         help="Start one or more stopped containers")
@click.argument("containers", nargs=-1, shell_complete=complete_stopped)
@click.option("-a", "--attach", is_flag=True, help="Attach STDOUT/STDERR and forward signals")
@click.option("--detach-keys", default="", metavar="string", help="Override the key sequence for detaching a container")
@click.option("-i", "--interactive", is_flag=True, help="Attach container's STDIN")
@click.pass_obj
def command(app, containers, attach, detach_keys, interactive):
    opts = StartOptions(tuple(containers), attach, interactive, detach_keys)
    if attach or interactive:
        return start_attached(app, opts)
    run_start(app, opts)


def run_start(app, opts: StartOptions) -> None:
    from ...engine.api import containers
    from .._parallel import flush_stream, in_sequence

    failed = []
    for name, _, error in in_sequence(lambda n: containers.start(app.engine, n), opts.containers):
        if error is not None:
            app.err.write(f"{error}\n")
            failed.append(name)
            continue
        app.write(f"{name}\n")
        flush_stream(app.out)
    if failed:
        fail(f"Error: failed to start containers: {', '.join(failed)}")


def start_attached(app, opts: StartOptions) -> None:
    """`start -a [-i]`: one container, the attach session shared with run/attach (_attach.start_attached)."""
    from ...engine.api import containers
    from ...errors import StatusError
    from .._attach import start_attached as session

    if len(opts.containers) > 1:
        fail("you cannot start and attach multiple containers at once")
    info = containers.inspect(app.engine, containers.container_id(opts.containers[0]))
    status = session(app, info, interactive=opts.interactive, detach_keys=opts.detach_keys)
    if status:
        raise StatusError("", status)
