"""`--network/--net` (simple and long syntax), `--network-alias`, `--ip`, `--ip6`, `--mac-address`,
`--link`, `--link-local-ip`, `--add-host`, `--dns`, `--dns-search` (docker/cli opts/network.go,
opts/hosts.go, opts/opts.go, container/opts.go parseNetworkOpts)."""

from __future__ import annotations

import ipaddress
import re

from ..record import Record
from ._errors import OptionError
from .gostrings import to_lower, trim_space
from .mounts import parse_csv_record
from .ports import go_parse_ip
from .timestamps import go_quote  # strconv.Quote (one copy)

_LONG_SYNTAX = r"\w+=\w+(,\w+=\w+)*"
_DOMAIN = (r"^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))"
           r"(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])))*)\.?\s*$")
_MAC = (r"[0-9A-Fa-f]{2}(?P<sep>[:-])[0-9A-Fa-f]{2}(?:(?P=sep)[0-9A-Fa-f]{2}){4,18}"
        r"|[0-9A-Fa-f]{4}(?:\.[0-9A-Fa-f]{4}){2,9}")
NON_USER_DEFINED = ("default", "bridge", "host", "none")


class Attachment(Record):
    """One `--network` value (NetworkAttachmentOpts)."""

    target: str
    aliases: tuple[str, ...] = ()
    driver_opts: tuple[tuple[str, str], ...] = ()
    links: tuple[str, ...] = ()
    ipv4: str = ""
    ipv6: str = ""
    link_local_ips: tuple[str, ...] = ()
    mac: str = ""
    gw_priority: int = 0


def is_user_defined(mode: str) -> bool:
    return mode not in NON_USER_DEFINED and not mode.startswith("container:")


def parse_network(value: str) -> Attachment:
    """NetworkOpt.Set: `name` or `name=n,alias=a,ip=...,driver-opt=k=v,gw-priority=N`."""
    if not re.search(_LONG_SYNTAX, value):
        return Attachment(target=value)
    fields: dict = {"aliases": [], "link_local_ips": [], "driver_opts": {}}
    for item in parse_csv_record(value):
        key, eq, val = to_lower(item).partition("=")
        if not eq or not key:
            raise OptionError(f"invalid field {item}")
        _network_field(fields, trim_space(key), trim_space(val))
    if not fields.get("target"):
        raise OptionError("network name/id is not specified")
    return Attachment(target=fields["target"], aliases=tuple(fields["aliases"]),
                      driver_opts=tuple(fields["driver_opts"].items()), ipv4=fields.get("ipv4", ""),
                      ipv6=fields.get("ipv6", ""), link_local_ips=tuple(fields["link_local_ips"]),
                      mac=fields.get("mac", ""), gw_priority=fields.get("gw_priority", 0))


_SIMPLE_KEYS = {"name": "target", "ip": "ipv4", "ip6": "ipv6", "mac-address": "mac"}


def _network_field(fields: dict, key: str, val: str) -> None:
    if key in _SIMPLE_KEYS:
        fields[_SIMPLE_KEYS[key]] = val
    elif key == "alias":
        fields["aliases"].append(val)
    elif key == "link-local-ip":
        fields["link_local_ips"].append(val)
    elif key == "driver-opt":
        opt, eq, opt_val = val.partition("=")
        if not eq or not opt:
            raise OptionError("invalid key value pair format in driver options")
        fields["driver_opts"][trim_space(opt)] = trim_space(opt_val)
    elif key == "gw-priority":
        fields["gw_priority"] = _atoi(val)
    else:
        raise OptionError(f"invalid field key {key}")


def _atoi(val: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", val):
        raise OptionError(f"invalid gw-priority ({val}): invalid syntax")
    if not -(1 << 63) <= int(val) < 1 << 63:
        raise OptionError(f"invalid gw-priority ({val}): value out of range")
    return int(val)


def network_mode(attachments: tuple[Attachment, ...]) -> str:
    return attachments[0].target if attachments else "default"


# -- endpoints ------------------------------------------------------------------------------------

class EndpointFlags(Record):
    """The old single-network flags, applied to the first network."""

    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    ipv4: str = ""
    ipv6: str = ""
    mac: str = ""
    link_local_ips: tuple[str, ...] = ()


_CONFLICTS = (
    ("aliases", "conflicting options: cannot specify both --network-alias and per-network alias"),
    ("links", "conflicting options: cannot specify both --link and per-network links"),
    ("ipv4", "conflicting options: cannot specify both --ip and per-network IPv4 address"),
    ("ipv6", "conflicting options: cannot specify both --ip6 and per-network IPv6 address"),
    ("mac", "conflicting options: cannot specify both --mac-address and per-network MAC address"),
    ("link_local_ips", "conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses"),
)


def apply_flags(att: Attachment, flags: EndpointFlags) -> Attachment:
    """applyContainerOptions: the flags fill the attachment, or conflict with its own settings."""
    for name, message in _CONFLICTS:
        if getattr(att, name) and getattr(flags, name):
            raise OptionError(message)
    changes = {name: getattr(flags, name) for name in ("aliases", "ipv4", "ipv6", "mac", "link_local_ips")
               if getattr(flags, name)}
    if is_user_defined(att.target) and flags.links:
        changes["links"] = flags.links
    return att.replace(**changes)


def endpoint(att: Attachment) -> dict:
    """parseNetworkAttachmentOpt → EndpointSettings as Go encodes it (every field present)."""
    if not att.target.strip():
        raise OptionError("no name set for network")
    if not is_user_defined(att.target):
        if att.aliases:
            raise OptionError("network-scoped aliases are only supported for user-defined networks")
        if att.links:
            raise OptionError("links are only supported for user-defined networks")
    ipam = None
    if att.ipv4 or att.ipv6 or att.link_local_ips:
        ipam = {k: v for k, v in (("IPv4Address", att.ipv4), ("IPv6Address", att.ipv6),
                                  ("LinkLocalIPs", list(att.link_local_ips))) if v}
    if att.mac and not valid_mac(att.mac):
        raise OptionError(f"{att.mac} is not a valid mac address")
    return {"IPAMConfig": ipam, "Links": list(att.links) or None, "Aliases": list(att.aliases) or None,
            "MacAddress": att.mac, "DriverOpts": dict(sorted(att.driver_opts)) or None,
            "GwPriority": att.gw_priority, "NetworkID": "", "EndpointID": "", "Gateway": "", "IPAddress": "",
            "IPPrefixLen": 0, "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0,
            "DNSNames": None}


def is_empty_endpoint(ep: dict) -> bool:
    return not any(v for v in ep.values())


def endpoints_config(attachments: tuple[Attachment, ...], flags: EndpointFlags) -> dict:
    """parseNetworkOpts → NetworkingConfig.EndpointsConfig."""
    if not attachments:
        return {"default": endpoint(apply_flags(Attachment("default"), flags))}
    endpoints: dict[str, dict] = {}
    user_defined = non_user_defined = False
    for i, att in enumerate(attachments):
        if is_user_defined(att.target):
            user_defined = True
        else:
            non_user_defined = True
        ep = endpoint(apply_flags(att, flags) if i == 0 else att)
        if att.target in endpoints:
            raise OptionError(f'network "{att.target}" is specified multiple times')
        if i == 0 and len(attachments) == 1 and is_empty_endpoint(ep):
            continue
        endpoints[att.target] = ep
    if user_defined and non_user_defined:
        raise OptionError("conflicting options: cannot attach both user-defined and non-user-defined network-modes")
    return dict(sorted(endpoints.items()))


# -- validators -----------------------------------------------------------------------------------

def valid_mac(value: str) -> bool:
    """net.ParseMAC: 6, 8 or 20 octets, `:`/`-` separated pairs or `.` separated quads."""
    text = trim_space(value)
    if not re.fullmatch(_MAC, text):
        return False
    digits = re.sub(r"[:.\-]", "", text)
    return len(digits) // 2 in (6, 8, 20)


def validate_ip(value: str) -> str:
    """ValidateIPAddress (--dns): canonical form of a valid address."""
    text = trim_space(value)
    if not go_parse_ip(text):
        raise OptionError(f"IP address is not correctly formatted: {value}")
    return go_ip_string(text)


def go_ip_string(text: str) -> str:
    """net.IP.String(): IPv4-mapped IPv6 prints as IPv4."""
    addr = ipaddress.ip_address(text)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return str(addr.ipv4_mapped)
    return str(addr)


def validate_dns_search(value: str) -> str:
    value = value.strip(" ")
    if value == ".":
        return value
    match = re.search(_DOMAIN, value) if re.search(r"[a-zA-Z]", value) else None
    if match and len(match.group(1)) < 255:
        return match.group(1)
    raise OptionError(f"{value} is not a valid domain")


def validate_extra_host(value: str) -> str:
    """`host:ip` or `host=ip` → `host:ip`; brackets around the address are dropped."""
    host, eq, addr = value.partition("=")
    if not eq:
        host, eq, addr = value.partition(":")
    if not eq or not host or ":" in host:
        raise OptionError(f"bad format for add-host: {go_quote(value)}")
    if addr != "host-gateway":
        if len(addr) > 2 and addr[0] == "[" and addr[-1] == "]":
            addr = addr[1:-1]
        if not go_parse_ip(trim_space(addr)):
            raise OptionError(f"invalid IP address in add-host: {go_quote(addr)}")
    return f"{host}:{addr}"


def validate_link(value: str) -> str:
    if not value:
        raise OptionError("empty string specified for links")
    if value.count(":") > 1:
        raise OptionError(f"bad format for links: {value}")
    return value




def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
