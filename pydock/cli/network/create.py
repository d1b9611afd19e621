"""`pydock network create`: create a network, print its ID."""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from .._lazy import command
from .._objects import KEY_VALUE, LABEL, STRINGS, NegatableFlag


@dataclass(frozen=True)
class NetworkCreateOptions:
    name: str
    driver: str = "bridge"
    options: tuple = ()
    labels: tuple = ()
    internal: bool = False
    ipv4: bool | None = None  # None: not given, so not sent
    ipv6: bool | None = None
    attachable: bool = False
    ingress: bool = False
    scope: str = ""
    config_only: bool = False
    config_from: str = ""
    ipam_driver: str = "default"
    subnets: tuple = ()
    ip_ranges: tuple = ()
    gateways: tuple = ()
    aux_addresses: tuple = ()
    ipam_options: tuple = field(default=())


# Flags the daemon must be new enough for (docker's "version" flag annotations).
FLAG_VERSIONS = (("attachable", "1.25"), ("ingress", "1.29"), ("scope", "1.30"), ("config_only", "1.30"),
                 ("config_from", "1.30"))


EXAMPLES = (
    ('A bridge network with its own subnet', 'pydock network create --subnet 10.10.0.0/24 backend'),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] NETWORK", args=(1, 1), help="Create a network")
@click.argument("name", nargs=-1)
@click.option("--attachable", is_flag=True, help="Enable manual container attachment")
@click.option("--aux-address", "aux_addresses", multiple=True, type=KEY_VALUE, metavar="map",
              help="Auxiliary IPv4 or IPv6 addresses used by Network driver")
@click.option("--config-from", default="", metavar="string", help="The network from which to copy the configuration")
@click.option("--config-only", is_flag=True, help="Create a configuration only network")
@click.option("-d", "--driver", default="bridge", metavar="string",
              help='Driver to manage the Network (default "bridge")')
@click.option("--gateway", "gateways", multiple=True, type=STRINGS, metavar="strings",
              help="IPv4 or IPv6 Gateway for the master subnet")
@click.option("--ingress", is_flag=True, help="Create swarm routing-mesh network")
@click.option("--internal", is_flag=True, help="Restrict external access to the network")
@click.option("--ip-range", "ip_ranges", multiple=True, type=STRINGS, metavar="strings",
              help="Allocate container ip from a sub-range")
@click.option("--ipam-driver", default="default", metavar="string",
              help='IP Address Management Driver (default "default")')
@click.option("--ipam-opt", "ipam_options", multiple=True, type=KEY_VALUE, metavar="map",
              help="Set IPAM driver specific options")
@click.option("--ipv4/--no-ipv4", default=None, cls=NegatableFlag,
              help="Enable or disable IPv4 address assignment (default true)")
@click.option("--ipv6/--no-ipv6", default=None, cls=NegatableFlag, help="Enable or disable IPv6 address assignment")
@click.option("--label", "labels", multiple=True, type=LABEL, metavar="list", help="Set metadata on a network")
@click.option("-o", "--opt", "options", multiple=True, type=KEY_VALUE, metavar="map",
              help="Set driver specific options")
@click.option("--scope", default="", metavar="string", help="Control the network's scope")
@click.option("--subnet", "subnets", multiple=True, type=STRINGS, metavar="strings",
              help="Subnet in CIDR format that represents a network segment")
@click.pass_obj
def command(app, name, subnets, ip_ranges, gateways, **kw):
    flat = {k: tuple(x for chunk in v for x in chunk) for k, v in
            (("subnets", subnets), ("ip_ranges", ip_ranges), ("gateways", gateways))}
    opts = NetworkCreateOptions(name=name[0], **flat, **kw)
    app.write(run_network_create(app, opts))


def run_network_create(app, opts: NetworkCreateOptions) -> str:
    from ...engine.api import networks
    from .._objects import require_api

    for attr, version in FLAG_VERSIONS:
        if getattr(opts, attr):
            require_api(app, attr.replace("_", "-"), version)
    created = networks.create(app.engine, request_body(opts))
    return f"{created.get('Id', '')}\n"


def request_body(opts: NetworkCreateOptions) -> dict:
    """docker's network.CreateRequest; EnableIPv4/EnableIPv6 only when the flag was given."""
    from .._objects import labels_map
    from ._ipam import ipam_config

    ipam = ipam_config(opts.ipam_driver, list(opts.subnets), list(opts.ip_ranges), list(opts.gateways),
                       dict(opts.aux_addresses), dict(opts.ipam_options))
    body = {"Name": opts.name, "Driver": opts.driver, "Scope": opts.scope, "IPAM": ipam, "Internal": opts.internal,
            "Attachable": opts.attachable, "Ingress": opts.ingress, "ConfigOnly": opts.config_only,
            "ConfigFrom": {"Network": opts.config_from} if opts.config_from else None,
            "Options": dict(opts.options), "Labels": labels_map(opts.labels)}
    if opts.ipv4 is not None:
        body["EnableIPv4"] = opts.ipv4
    if opts.ipv6 is not None:
        body["EnableIPv6"] = opts.ipv6
    return body
