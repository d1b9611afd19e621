"""`pydock network rm`: remove networks one by one, as docker does."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_networks
from .._lazy import command

INGRESS_WARNING = ("WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run "
                   "the same docker engine version. Otherwise, removal may not be effective and functionality of "
                   "newly create ingress networks will be impaired.\nAre you sure you want to continue?")


@dataclass(frozen=True)
class NetworkRmOptions:
    names: tuple = ()
    force: bool = False


EXAMPLES = (
    ('Remove two networks', 'pydock network rm backend frontend'),
)


@command("rm", examples=EXAMPLES, usage="NETWORK [NETWORK...]", args=(1, None), help="Remove one or more networks")
@click.argument("names", nargs=-1, shell_complete=complete_networks)
@click.option("-f", "--force", is_flag=True, help="Do not error if the network does not exist")
@click.pass_obj
def command(app, names, force):
    run_network_rm(app, NetworkRmOptions(names, force))


def run_network_rm(app, opts: NetworkRmOptions) -> None:
    """Each name on stdout once removed, each failure on stderr at once; then docker's `exit status 1`.
    An ingress network is removed only after the user agrees; with -f a missing network is no error."""
    from ...engine.api import networks
    from ...errors import NotFound, PydockError
    from .._objects import confirm

    failed = False
    for name in opts.names:
        if _is_ingress(app, name) and not confirm(app, INGRESS_WARNING):
            continue
        try:
            networks.remove(app.engine, name)
        except PydockError as e:
            if opts.force and isinstance(e, NotFound):
                continue
            app.err.write(f"{e}\n")
            failed = True
            continue
        app.write(f"{name}\n")
    if failed:
        raise PydockError("exit status 1")


def _is_ingress(app, name: str) -> bool:
    from ...engine.api import networks
    from ...errors import PydockError

    try:
        return bool((networks.inspect(app.engine, name) or {}).get("Ingress"))
    except PydockError:
        return False
