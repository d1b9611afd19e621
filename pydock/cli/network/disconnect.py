"""`pydock network disconnect`: detach a container from a network."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .connect import _complete


@dataclass(frozen=True)
class NetworkDisconnectOptions:
    network: str
    container: str
    force: bool = False


EXAMPLES = (
    ('Take a container off a network', 'pydock network disconnect backend web'),
)


@command("disconnect", examples=EXAMPLES, usage="[OPTIONS] NETWORK CONTAINER", args=(2, 2), help="Disconnect a container from a network")
@click.argument("args", nargs=-1, shell_complete=_complete)
@click.option("-f", "--force", is_flag=True, help="Force the container to disconnect from a network")
@click.pass_obj
def command(app, args, force):
    run_network_disconnect(app, NetworkDisconnectOptions(args[0], args[1], force))


def run_network_disconnect(app, opts: NetworkDisconnectOptions) -> None:
    from ...engine.api import networks

    networks.disconnect(app.engine, opts.network, opts.container, force=opts.force)
