"""`pydock swarm init`: make this daemon's node the manager of a new swarm."""

from __future__ import annotations

import click

from .._lazy import command
from ._flags import IP_NETS, NODE_ADDR, UINT32, autolock_flag, swarm_flags

EXAMPLES = (
    ("A one-node swarm advertised on one address", "pydock swarm init --advertise-addr 192.168.1.10"),
)


@command("init", examples=EXAMPLES, help="Initialize a swarm")
@click.option("--advertise-addr", default="", metavar="string",
              help='Advertised address (format: "<ip|interface>[:port]")')
@autolock_flag("Enable manager autolocking (requiring an unlock key to start a stopped manager)")
@click.option("--availability", default=None, metavar="string",
              help='Availability of the node ("active", "pause", "drain") (default "active")')
@click.option("--data-path-addr", default="", metavar="string",
              help='Address or interface to use for data path traffic (format: "<ip|interface>")')
@click.option("--data-path-port", type=UINT32, default=0, metavar="uint32",
              help="Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, "
                   "the default port (4789) is used.")
@click.option("--default-addr-pool", "default_addr_pool", multiple=True, type=IP_NETS, metavar="ipNetSlice",
              help="default address pool in CIDR format (default [])")
@click.option("--default-addr-pool-mask-length", "mask_length", type=UINT32, default=24, metavar="uint32",
              help="default address pool subnet mask length (default 24)")
@click.option("--force-new-cluster", is_flag=True, help="Force create a new cluster from current state")
@click.option("--listen-addr", type=NODE_ADDR, default=None, metavar="node-addr",
              help='Listen address (format: "<ip|interface>[:port]") (default 0.0.0.0:2377)')
@swarm_flags
@click.pass_obj
def command(app, advertise_addr, autolock, availability, data_path_addr, data_path_port, default_addr_pool,
            mask_length, force_new_cluster, listen_addr, **spec_flags):
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.swarm import DEFAULT_LISTEN_ADDR, init_request
    from .._objects import require_api
    from ._flags import changed, join_command_text, option_error, unlock_text

    if data_path_addr:
        require_api(app, "data-path-addr", "1.31")
    if data_path_port:
        require_api(app, "data-path-port", "1.40")
    if default_addr_pool:
        require_api(app, "default-addr-pool", "1.39")
    if spec_flags.get("max_snapshots") is not None:
        require_api(app, "max-snapshots", "1.25")
    if spec_flags.get("snapshot_interval") is not None:
        require_api(app, "snapshot-interval", "1.25")
    try:
        body = init_request(changed(**spec_flags, autolock=autolock), listen_addr=listen_addr or DEFAULT_LISTEN_ADDR,
                            advertise_addr=advertise_addr, data_path_addr=data_path_addr,
                            data_path_port=data_path_port,
                            default_addr_pools=[net for nets in default_addr_pool for net in nets],
                            force_new_cluster=force_new_cluster, autolock=bool(autolock),
                            availability_=availability, subnet_size=mask_length)
    except OptionError as e:
        option_error(e)
    try:
        node_id = swarm.init(app.engine, body)
    except PydockError as e:
        text = str(e)
        if "could not choose an IP address to advertise" in text or "could not find the system's IP address" in text:
            raise PydockError(text + " - specify one with --advertise-addr") from None
        raise
    app.write(f"Swarm initialized: current node ({node_id}) is now a manager.\n\n")
    app.write(join_command_text(app, node_id, True, False))
    app.write("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n")
    if body["AutoLockManagers"]:
        try:
            key = swarm.unlock_key(app.engine).get("UnlockKey", "")
        except PydockError as e:
            raise PydockError(f"could not fetch unlock key: {e}") from None
        app.write(unlock_text(key))
