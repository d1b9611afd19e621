"""`-p/--publish`, `--expose` → ExposedPorts and PortBindings (docker/cli convertToStandardNotation,
go-connections nat.ParsePortSpecs). Pure; errors are OptionError with docker's messages."""

from __future__ import annotations

import ipaddress
from typing import Iterable

from ._errors import OptionError
from .gostrings import to_lower

PROTOCOLS = ("tcp", "udp", "sctp")


def parse_uint16(text: str) -> int:
    """strconv.ParseUint(text, 10, 16), with its error text."""
    if not text or not text.isascii() or not text.isdigit():
        raise OptionError(f'strconv.ParseUint: parsing "{text}": invalid syntax')
    value = int(text)
    if value >= 1 << 16:
        raise OptionError(f'strconv.ParseUint: parsing "{text}": value out of range')
    return value


def parse_port_range(ports: str) -> tuple[int, int]:
    """nat.ParsePortRange: `N` or `N-M` (anything after a second `-` is ignored, as in Go)."""
    if not ports:
        raise OptionError("empty string specified for ports")
    if "-" not in ports:
        port = parse_uint16(ports)
        return port, port
    parts = ports.split("-")
    start, end = parse_uint16(parts[0]), parse_uint16(parts[1])
    if end < start:
        raise OptionError(f"invalid range specified for port: {ports}")
    return start, end


def split_proto_port(raw: str) -> tuple[str, str]:
    """nat.SplitProtoPort: `80/udp` → ("udp", "80"); no or empty proto → tcp."""
    parts = raw.split("/")
    if not raw or not parts[0]:
        return "", ""
    if len(parts) == 1 or not parts[1]:
        return "tcp", parts[0]
    return parts[1], parts[0]


def go_parse_ip(text: str) -> bool:
    """net.ParseIP: dotted IPv4 or IPv6 (no zone, no leading zeros in IPv4)."""
    if "%" in text:
        return False
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def split_host_port(hostport: str) -> tuple[str, str]:
    """net.SplitHostPort, with Go's error text (`address X: missing ']' in address`)."""
    def fail(why: str):
        raise OptionError(f"address {hostport}: {why}")

    i = hostport.rfind(":")
    if i < 0:
        fail("missing port in address")
    j = k = 0
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            fail("missing ']' in address")
        if end + 1 == len(hostport):
            fail("missing port in address")
        if end + 1 != i:
            fail("too many colons in address" if hostport[end + 1] == ":" else "missing port in address")
        host, j, k = hostport[1:end], 1, end + 1
    else:
        host = hostport[:i]
        if ":" in host:
            fail("too many colons in address")
    if "[" in hostport[j:]:
        fail("unexpected '[' in address")
    if "]" in hostport[k:]:
        fail("unexpected ']' in address")
    return host, hostport[i + 1:]


def _split_parts(raw: str) -> tuple[str, str, str]:
    parts = raw.split(":")
    if len(parts) == 1:
        return "", "", parts[0]
    if len(parts) == 2:
        return "", parts[0], parts[1]
    return ":".join(parts[:-2]), parts[-2], parts[-1]


def _parse_ip(ip: str) -> str:
    if ip.startswith("["):
        try:
            ip = split_host_port(ip + ":")[0]
        except OptionError as e:
            raise OptionError(f"invalid IP address {ip}: {e}") from None
    if ip and not go_parse_ip(ip):
        raise OptionError(f"invalid IP address: {ip}")
    return ip


def parse_port_spec(raw: str) -> list[tuple[str, dict]]:
    """One `[[ip:][hostPort]:]containerPort[/proto]` → [(port key, {"HostIp", "HostPort"}), ...]."""
    ip, host_port, container_port = _split_parts(raw)
    proto, container_port = split_proto_port(container_port)
    ip = _parse_ip(ip)
    if not container_port:
        raise OptionError(f"no port specified: {raw}<empty>")
    try:
        start, end = parse_port_range(container_port)
    except OptionError:
        raise OptionError(f"invalid containerPort: {container_port}") from None
    host_start = host_end = 0
    if host_port:
        try:
            host_start, host_end = parse_port_range(host_port)
        except OptionError:
            raise OptionError(f"invalid hostPort: {host_port}") from None
        if end - start != host_end - host_start and end != start:
            raise OptionError(f"invalid ranges specified for container and host Ports: {container_port} and {host_port}")
    if to_lower(proto) not in PROTOCOLS:
        raise OptionError(f"invalid proto: {proto}")
    mappings = []
    for i in range(end - start + 1):
        binding_port = str(host_start + i) if host_port else ""
        if start == end and host_start != host_end:
            binding_port = f"{binding_port}-{host_end}"
        mappings.append((f"{start + i}/{to_lower(proto)}", {"HostIp": ip, "HostPort": binding_port}))
    return mappings


def to_standard_notation(spec: str) -> str:
    """The long syntax `published=8080,target=80,protocol=udp` → `8080:80/udp` (other keys ignored)."""
    if "=" not in spec:
        return spec
    params = {"protocol": "tcp"}
    for param in spec.split(","):
        key, eq, value = param.partition("=")
        if not eq or not key:
            raise OptionError(f"invalid publish opts format (should be name=value but got '{param}')")
        params[key] = value
    return f"{params.get('published', '')}:{params.get('target', '')}/{params['protocol']}"


def parse_publish(specs: Iterable[str]) -> tuple[dict, dict]:
    """All `-p` values → (ExposedPorts, PortBindings), in first-seen order."""
    standard = [to_standard_notation(s) for s in specs]
    exposed: dict[str, dict] = {}
    bindings: dict[str, list] = {}
    for raw in standard:
        for port, binding in parse_port_spec(raw):
            exposed.setdefault(port, {})
            bindings.setdefault(port, []).append(binding)
    return exposed, bindings


def parse_expose(specs: Iterable[str], exposed: dict) -> dict:
    """`--expose 80`, `--expose 7000-7002/udp`: more keys for ExposedPorts (a new dict is returned)."""
    result = dict(exposed)
    for spec in specs:
        if ":" in spec:
            raise OptionError(f"invalid port format for --expose: {spec}")
        proto, port = split_proto_port(spec)
        try:
            start, end = parse_port_range(port)
        except OptionError as e:
            raise OptionError(f"invalid range format for --expose: {spec}, error: {e}") from None
        for number in range(start, end + 1):
            result.setdefault(f"{number}/{proto}", {})
    return result


_LONG_SYNTAX = None


def parse_service_port(value: str) -> list[dict]:
    """One `service create/update --publish` value → swarm PortConfigs (docker/cli swarmopts.PortOpt.Set): the
    long syntax `mode=host,target=80,published=8080,protocol=udp` (keys and values case-insensitive, as
    docker's), or the short one `8080:80/udp` (no host IP; a published range gives one config per port)."""
    global _LONG_SYNTAX
    if _LONG_SYNTAX is None:
        import re

        _LONG_SYNTAX = re.compile(r"\w+=\w+(,\w+=\w+)*")
    if _LONG_SYNTAX.search(value):
        return [_long_port(value)]
    configs: list[dict] = []
    for port, binding in parse_port_spec(value):
        if binding["HostIp"]:
            raise OptionError("hostip is not supported")
        number, proto = port.split("/")
        host = binding["HostPort"]
        if host:
            try:
                start, end = parse_port_range(host)
            except OptionError:
                raise OptionError(f"invalid hostport binding ({host}) for port ({number})") from None
        else:
            start = end = 0
        configs += [{"Protocol": proto, "TargetPort": int(number), "PublishedPort": published,
                     "PublishMode": "ingress"} for published in range(start, end + 1)]
    return configs


def _long_port(value: str) -> dict:
    from .mounts import parse_csv_record

    config = {"Protocol": "", "TargetPort": 0, "PublishedPort": 0, "PublishMode": ""}
    for field in parse_csv_record(value):
        key, eq, val = to_lower(field).partition("=")
        if not eq or not key:
            raise OptionError(f"invalid field: {field}")
        if key == "protocol":
            if val not in PROTOCOLS:
                raise OptionError(f"invalid protocol value '{val}'")
            config["Protocol"] = val
        elif key == "mode":
            if val not in ("ingress", "host"):
                raise OptionError(f"invalid publish mode value ({val}): must be either 'ingress' or 'host'")
            config["PublishMode"] = val
        elif key in ("target", "published"):
            try:
                number = parse_uint16(val)
            except OptionError as e:
                why = str(e).rsplit(": ", 1)[-1]
                raise OptionError(f"invalid {key} port ({val}): value must be an integer: {why}") from None
            config["TargetPort" if key == "target" else "PublishedPort"] = number
        else:
            raise OptionError(f"invalid field key: {key}")
    if not config["TargetPort"]:
        raise OptionError("missing mandatory field 'target'")
    config["PublishMode"] = config["PublishMode"] or "ingress"
    config["Protocol"] = config["Protocol"] or "tcp"
    return config
