"""`pydock swarm join`: join this daemon's node to a swarm, as a worker or a manager (by the token)."""

from __future__ import annotations

import click

from .._lazy import command
from ._flags import NODE_ADDR

EXAMPLES = (
    ("Join a swarm as a worker", "pydock swarm join --token SWMTKN-1-... 192.168.1.10:2377"),
)


@command("join", examples=EXAMPLES, usage="[OPTIONS] HOST:PORT", args=(1, 1),
         help="Join a swarm as a node and/or manager")
@click.argument("remote", nargs=-1)
@click.option("--advertise-addr", default="", metavar="string",
              help='Advertised address (format: "<ip|interface>[:port]")')
@click.option("--availability", default=None, metavar="string",
              help='Availability of the node ("active", "pause", "drain") (default "active")')
@click.option("--data-path-addr", default="", metavar="string",
              help='Address or interface to use for data path traffic (format: "<ip|interface>")')
@click.option("--listen-addr", type=NODE_ADDR, default=None, metavar="node-addr",
              help='Listen address (format: "<ip|interface>[:port]") (default 0.0.0.0:2377)')
@click.option("--token", default="", metavar="string", help="Token for entry into the swarm")
@click.pass_obj
def command(app, remote, advertise_addr, availability, data_path_addr, listen_addr, token):
    from ...engine.api import swarm, system
    from ...opts._errors import OptionError
    from ...opts.swarm import DEFAULT_LISTEN_ADDR
    from ...opts.swarm import availability as check_availability
    from .._objects import require_api
    from ._flags import option_error

    if data_path_addr:
        require_api(app, "data-path-addr", "1.31")
    body = {"ListenAddr": listen_addr or DEFAULT_LISTEN_ADDR, "AdvertiseAddr": advertise_addr,
            "DataPathAddr": data_path_addr, "RemoteAddrs": [remote[0]], "JoinToken": token}
    if availability is not None:
        try:
            body["Availability"] = check_availability(availability)
        except OptionError as e:
            option_error(e)
    swarm.join(app.engine, body)
    info = system.info(app.engine) or {}
    role = "manager" if (info.get("Swarm") or {}).get("ControlAvailable") else "worker"
    app.write(f"This node joined a swarm as a {role}.\n")
