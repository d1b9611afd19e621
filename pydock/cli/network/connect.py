"""`pydock network connect`: attach a container to a network."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_containers, complete_networks
from .._lazy import command
from .._objects import STRINGS
from .._params import INT, DockerParam


class Link(DockerParam):
    """opts.ValidateLink: `name` or `name:alias`, nothing with two colons."""

    name = "list"

    def convert(self, value, param, ctx):
        if value == "":
            self.fail_value(value, "empty string specified for links", param, ctx)
        if value.count(":") > 1:
            self.fail_value(value, f"bad format for links: {value}", param, ctx)
        return value


@dataclass(frozen=True)
class NetworkConnectOptions:
    network: str
    container: str
    ip: str = ""
    ip6: str = ""
    links: tuple = ()
    aliases: tuple = ()
    link_local_ips: tuple = ()
    driver_opts: tuple = ()
    gw_priority: int = 0


def _complete(ctx, param, incomplete):
    """The network first, then the container."""
    if ctx.params.get("args"):
        return complete_containers(ctx, param, incomplete)
    return complete_networks(ctx, param, incomplete)


_complete.kind = "networks|containers"  # the network, then the container


EXAMPLES = (
    ('Connect a container with an alias', 'pydock network connect --alias api backend web'),
)


@command("connect", examples=EXAMPLES, usage="[OPTIONS] NETWORK CONTAINER", args=(2, 2), help="Connect a container to a network")
@click.argument("args", nargs=-1, shell_complete=_complete)
@click.option("--alias", "aliases", multiple=True, type=STRINGS, metavar="strings",
              help="Add network-scoped alias for the container")
@click.option("--driver-opt", "driver_opts", multiple=True, type=STRINGS, metavar="strings",
              help="driver options for the network")
@click.option("--gw-priority", type=INT, default=0, metavar="int",
              help="Highest gw-priority provides the default gateway. Accepts positive and negative values.")
@click.option("--ip", default="", metavar="string", help='IPv4 address (e.g., "172.30.100.104")')
@click.option("--ip6", default="", metavar="string", help='IPv6 address (e.g., "2001:db8::33")')
@click.option("--link", "links", multiple=True, type=Link(), metavar="list", help="Add link to another container")
@click.option("--link-local-ip", "link_local_ips", multiple=True, type=STRINGS, metavar="strings",
              help="Add a link-local address for the container")
@click.pass_obj
def command(app, args, aliases, driver_opts, gw_priority, ip, ip6, links, link_local_ips):
    def flat(chunks):
        return tuple(x for chunk in chunks for x in chunk)

    opts = NetworkConnectOptions(args[0], args[1], ip, ip6, links, flat(aliases), flat(link_local_ips),
                                 flat(driver_opts), gw_priority)
    run_network_connect(app, opts)


def run_network_connect(app, opts: NetworkConnectOptions) -> None:
    from ...engine.api import networks

    endpoint = {
        "IPAMConfig": {k: v for k, v in (("IPv4Address", opts.ip), ("IPv6Address", opts.ip6),
                                         ("LinkLocalIPs", list(opts.link_local_ips))) if v},
        "Links": list(opts.links) or None,
        "Aliases": list(opts.aliases),
        "DriverOpts": driver_options(opts.driver_opts),
        "GwPriority": opts.gw_priority,
    }
    networks.connect(app.engine, opts.network, opts.container, endpoint)


def driver_options(values) -> dict[str, str]:
    """docker's convertDriverOpt: `k=v`, both sides trimmed; a missing `=` or empty key is an error."""
    from ...errors import PydockError

    out = {}
    for value in values:
        key, eq, val = value.partition("=")
        if not eq or not key.strip():
            raise PydockError("invalid key/value pair format in driver options")
        out[key.strip()] = val.strip()
    return out
