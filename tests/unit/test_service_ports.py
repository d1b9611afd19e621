"""`service create --publish` values (pydock.opts.ports.parse_service_port), as docker/cli's swarmopts.PortOpt.Set
reads them: expected values and messages from that code (v28.2.2), its tests' cases included."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.ports import parse_service_port


def cfg(target, published=0, proto="tcp", mode="ingress"):
    return {"Protocol": proto, "TargetPort": target, "PublishedPort": published, "PublishMode": mode}


@pytest.mark.parametrize("value,expected", [
    ("80", [cfg(80)]),
    ("8080:80", [cfg(80, 8080)]),
    ("8080:80/udp", [cfg(80, 8080, "udp")]),
    ("8080-8081:80-81", [cfg(80, 8080), cfg(81, 8081)]),
    ("8080-8082:80", [cfg(80, 8080), cfg(80, 8081), cfg(80, 8082)]),
    ("target=80", [cfg(80)]),
    ("target=80,published=8080", [cfg(80, 8080)]),
    ("published=8080,target=80,protocol=udp,mode=host", [cfg(80, 8080, "udp", "host")]),
    ("TARGET=80,Protocol=SCTP,MODE=HOST", [cfg(80, 0, "sctp", "host")]),  # docker lowercases the whole field
    ('"target=80","published=9000"', [cfg(80, 9000)]),
])
def test_ports(value, expected):
    assert parse_service_port(value) == expected


@pytest.mark.parametrize("value,message", [
    ("published=8080", "missing mandatory field 'target'"),
    ("target=80,protocol=icmp", "invalid protocol value 'icmp'"),
    ("target=80,mode=bridge", "invalid publish mode value (bridge): must be either 'ingress' or 'host'"),
    ("target=http", "invalid target port (http): value must be an integer: invalid syntax"),
    ("target=80,published=70000", "invalid published port (70000): value must be an integer: value out of range"),
    ("target=80,name=web", "invalid field key: name"),
    ("target=80,x", "invalid field: x"),
    ("127.0.0.1:8080:80", "hostip is not supported"),
    ("8080:80/icmp", "invalid proto: icmp"),
])
def test_errors(value, message):
    with pytest.raises(OptionError) as info:
        parse_service_port(value)
    assert str(info.value) == message
