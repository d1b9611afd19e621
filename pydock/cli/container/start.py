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


@command("start", usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None),
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


def start_attached(app, opts: StartOptions) -> int:
    """docker's order: attach before start (no output is missed), the wait registered before start (a
    fast exit is not missed), then stream until the output ends. The streams, raw terminal, detach keys,
    signal proxy and resizing are the session shared with run/attach (pydock.cli._attach)."""
    from ...engine.api import containers
    from ...errors import StatusError
    from .. import _attach

    if len(opts.containers) > 1:
        fail("you cannot start and attach multiple containers at once")
    info = containers.inspect(app.engine, containers.container_id(opts.containers[0]))
    config, cid = info.get("Config") or {}, info["Id"]
    tty, stdin = bool(config.get("Tty")), opts.interactive and bool(config.get("OpenStdin"))
    keys = _attach.detach_keys_setting(app, opts.detach_keys)
    params = containers.attach_params(stdin=stdin, stdout=True, stderr=True, detach_keys=keys)
    condition = "removed" if (info.get("HostConfig") or {}).get("AutoRemove") else "next-exit"
    forward = None if tty else _attach.kill_forwarder(app, cid)
    with _attach.Signals(forward=forward) as signals, containers.attach(app.engine, cid, params) as conn, \
            _attach.Streamer(app, conn, _attach.StreamOptions(tty, stdin, detach_keys=keys)) as streamer, \
            _attach.StatusWaiter(app, cid, condition) as waiter:
        containers.start(app.engine, cid)
        if tty and _attach.is_terminal(app.out):
            _attach.TtyMonitor(app, lambda h, w: containers.resize(app.engine, cid, h, w), signals).start()
        kind, error = streamer.wait()
        if kind == "detached":
            return 0
        if error is not None:
            raise error
        status = waiter.result()
    if status:
        raise StatusError("", status)
    return 0
