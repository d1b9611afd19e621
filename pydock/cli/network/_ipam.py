"""`network create`'s IPAM flags → the API's IPAM object, checked as docker's createIPAMConfig checks them.

docker builds the pools from a Go map, so with several subnets its order is random; ours is flag order.
"""

from __future__ import annotations

import ipaddress

from ...errors import PydockError


def _cidr(text: str):
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise PydockError(f"invalid CIDR address: {text}") from None


def subnet_matches(subnet: str, data: str) -> bool:
    """Does `subnet` contain the address (or the CIDR's address) `data`? Go's subnetMatches."""
    try:
        network = _cidr(subnet)
    except PydockError as e:
        raise PydockError(f"invalid subnet: {e}") from None
    if "/" in data:
        address = ipaddress.ip_address(data.split("/", 1)[0]) if _cidr(data) else None
    else:
        try:
            address = ipaddress.ip_address(data)
        except ValueError:
            return False
    return address.version == network.version and address in network


def _pools(subnets: list[str]) -> dict[str, dict]:
    pools: dict[str, dict] = {}
    for s in subnets:
        for k in pools:
            if subnet_matches(s, k) or subnet_matches(k, s):
                raise PydockError("multiple overlapping subnet configuration is not supported")
        pools[s] = {"Subnet": s}
    return pools


def _assign(pools: dict[str, dict], subnets: list[str], value: str, key: str, what: str) -> None:
    """Put an ip-range or gateway on every subnet that contains it; one per subnet."""
    match = False
    for s in subnets:
        if key == "IPRange":
            _cidr(value)
        if not subnet_matches(s, value):
            continue
        if pools[s].get(key):
            pair = f"({value}, {pools[s][key]})"
            if key == "IPRange":
                raise PydockError(f"cannot configure multiple ranges {pair} on the same subnet ({s})")
            raise PydockError(f"cannot configure multiple gateways {pair} for the same subnet ({s})")
        pools[s][key] = value
        match = True
    if not match:
        raise PydockError(f"no matching subnet for {what} {value}")


def _aux(pools: dict[str, dict], subnets: list[str], aux: dict[str, str]) -> None:
    for name, address in aux.items():
        hits = [s for s in subnets if subnet_matches(s, address)]
        if not hits:
            raise PydockError(f"no matching subnet for aux-address {address}")
        for s in hits:
            pools[s].setdefault("AuxiliaryAddresses", {})[name] = address


def ipam_config(driver: str, subnets: list[str], ranges: list[str], gateways: list[str], aux: dict[str, str],
                options: dict[str, str]) -> dict:
    if len(subnets) < len(ranges) or len(subnets) < len(gateways):
        raise PydockError("every ip-range or gateway must have a corresponding subnet")
    pools = _pools(subnets)
    for r in ranges:
        _assign(pools, subnets, r, "IPRange", "range")
    for g in gateways:
        _assign(pools, subnets, g, "Gateway", "gateway")
    _aux(pools, subnets, aux)
    return {"Driver": driver, "Config": list(pools.values()), "Options": options}
