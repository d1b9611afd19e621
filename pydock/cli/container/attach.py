"""`pydock attach` / `pydock container attach`: our stdin, stdout and stderr on a running container.

docker 28's order (cli/command/container/attach.go): register the wait, inspect (refusing stopped,
paused and restarting containers), check the TTY, proxy signals (non-TTY containers only), attach,
check the state again, resize (TTY), stream; then exit with the container's status. The detach keys
end the session with docker's "read escape sequence" (exit 1), leaving the container running.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import click

from ...errors import PydockError, StatusError
from .._complete import complete_unpaused
from .._lazy import command
from .._params import NegatableFlag


@dataclass(frozen=True)
class AttachOptions:
    container: str
    no_stdin: bool = False
    sig_proxy: bool = True
    detach_keys: str = ""


EXAMPLES = (
    ('Attach without forwarding Ctrl-C to the container', 'pydock attach --sig-proxy=false web'),
)


@command("attach", examples=EXAMPLES, usage="[OPTIONS] CONTAINER", args=(1, 1),
         help="Attach local standard input, output, and error streams to a running container")
@click.argument("containers", nargs=-1, shell_complete=complete_unpaused)
@click.option("--detach-keys", default="", metavar="string", help="Override the key sequence for detaching a container")
@click.option("--no-stdin", is_flag=True, help="Do not attach STDIN")
@click.option("--sig-proxy/--no-sig-proxy", default=True, cls=NegatableFlag,
              help="Proxy all received signals to the process (default true)")
@click.pass_obj
def command(app, containers, detach_keys, no_stdin, sig_proxy):
    status = run_attach(app, AttachOptions(containers[0], no_stdin, sig_proxy, detach_keys))
    if status:
        raise StatusError("", status)


def inspect_running(app, name: str) -> dict:
    """The container, if it can be attached to; docker's messages otherwise."""
    from ...engine.api import containers

    info = containers.inspect(app.engine, name)
    state = info.get("State") or {}
    if not state.get("Running"):
        raise PydockError("You cannot attach to a stopped container, start it first", 1)
    if state.get("Paused"):
        raise PydockError("You cannot attach to a paused container, unpause it first", 1)
    if state.get("Restarting"):
        raise PydockError("You cannot attach to a restarting container, wait until it is running", 1)
    return info


def run_attach(app, opts: AttachOptions) -> int:
    from contextlib import ExitStack

    from ...engine.api import containers
    import threading

    from .._attach import Signals, StatusWaiter, check_tty, detach_keys_setting, interrupt_before, kill_forwarder

    import time

    name = containers.container_id(opts.container)
    streaming = threading.Event()
    attaching: list[float] = []  # when the attach request went out
    with ExitStack() as stack:
        waiter = stack.enter_context(StatusWaiter(app, name, None))
        config = inspect_running(app, name).get("Config") or {}
        tty = bool(config.get("Tty"))
        check_tty(sys.stdin, not opts.no_stdin, tty)
        keys = detach_keys_setting(app, opts.detach_keys)
        forward = kill_forwarder(app, name) if opts.sig_proxy and not tty else None
        stalled = interrupt_before(streaming, lambda: attaching[0] if attaching else None)
        signals = stack.enter_context(Signals(forward=forward, on_termination=stalled))
        stdin = not opts.no_stdin and bool(config.get("OpenStdin"))
        attaching.append(time.monotonic())
        streamer = _attach(app, stack, name, tty=tty, stdin=stdin, keys=keys)
        streaming.set()
        _monitor_size(app, name, tty, signals)
        kind, value = streamer.wait()
    if value is not None:
        raise value if isinstance(value, (PydockError, BrokenPipeError)) else PydockError(str(value), 1)
    return _exit_status(waiter)


def _attach(app, stack, name: str, *, tty: bool, stdin: bool, keys: str):
    from ...engine.api import containers
    from ...errors import DaemonError
    from .._attach import StreamOptions, Streamer, upgrade_failed

    params = containers.attach_params(stdin=stdin, stdout=True, stderr=True, detach_keys=keys)
    try:
        conn = stack.enter_context(containers.attach(app.engine, name, params))
    except DaemonError as e:
        raise upgrade_failed(e) from None
    inspect_running(app, name)  # it may have stopped in between; the attach would then never end
    return stack.enter_context(Streamer(app, conn, StreamOptions(tty=tty, stdin=stdin, detach_keys=keys)))


def _monitor_size(app, name: str, tty: bool, signals) -> None:
    from ...engine.api import containers
    from .._attach import TtyMonitor, is_terminal

    if tty and is_terminal(app.out):
        monitor = TtyMonitor(app, lambda rows, cols: containers.resize(app.engine, name, rows, cols), signals)
        monitor.start(bump=True)


def _exit_status(waiter) -> int:
    status, error = waiter.outcome()
    if error is not None:
        raise PydockError(error, 1)
    return status
