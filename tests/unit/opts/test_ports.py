"""-p/--publish and --expose: expected payloads and messages are docker 28's (observed on the wire)."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.ports import parse_expose, parse_port_spec, parse_publish, split_host_port, to_standard_notation


def B(ip: str, port: str) -> dict:
    return {"HostIp": ip, "HostPort": port}


@pytest.mark.parametrize("spec, expected", [
    ("80", [("80/tcp", B("", ""))]),
    ("8080:80", [("80/tcp", B("", "8080"))]),
    ("127.0.0.1:8080:80", [("80/tcp", B("127.0.0.1", "8080"))]),
    ("127.0.0.1::82", [("82/tcp", B("127.0.0.1", ""))]),
    (":80", [("80/tcp", B("", ""))]),
    ("81/TCP", [("81/tcp", B("", ""))]),
    ("80/", [("80/tcp", B("", ""))]),
    ("53/udp", [("53/udp", B("", ""))]),
    ("132/sctp", [("132/sctp", B("", ""))]),
    ("[::1]:5000:5000", [("5000/tcp", B("::1", "5000"))]),
    ("[::]:8080:80", [("80/tcp", B("::", "8080"))]),
    ("::1:41500:80", [("80/tcp", B("::1", "41500"))]),
    ("fe80::1:1:2", [("2/tcp", B("fe80::1", "1"))]),
    ("127.0.0.1:9000-9001:90-91/udp", [("90/udp", B("127.0.0.1", "9000")), ("91/udp", B("127.0.0.1", "9001"))]),
    ("7000-7002:7000", [("7000/tcp", B("", "7000-7002"))]),
    ("90-91", [("90/tcp", B("", "")), ("91/tcp", B("", ""))]),
    ("080:080", [("80/tcp", B("", "80"))]),
    ("1-2-3", [("1/tcp", B("", "")), ("2/tcp", B("", ""))]),
])
def test_port_specs(spec, expected):
    assert parse_port_spec(spec) == expected


@pytest.mark.parametrize("spec, message", [
    ("80/xyz", "invalid proto: xyz"),
    ("abc", "invalid containerPort: abc"),
    ("80-70", "invalid containerPort: 80-70"),
    ("70000", "invalid containerPort: 70000"),
    ("999999:80", "invalid hostPort: 999999"),
    ("x:80", "invalid hostPort: x"),
    ("8080:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8080"),
    ("8080-8082:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8080-8082"),
    ("1.2.3.4:", "no port specified: 1.2.3.4:<empty>"),
    ("80:", "no port specified: 80:<empty>"),
    ("/tcp", "no port specified: /tcp<empty>"),
    ("", "no port specified: <empty>"),
    ("foo:80:80", "invalid IP address: foo"),
    ("01.2.3.4:80:80", "invalid IP address: 01.2.3.4"),
    ("[::1:80:80", "invalid IP address [::1: address [::1:: missing ']' in address"),
    ("[::1]x:80:80", "invalid IP address [::1]x: address [::1]x:: missing port in address"),
    ("fe80::1%eth0:80:80", "invalid IP address: fe80::1%eth0"),
])
def test_port_spec_errors(spec, message):
    with pytest.raises(OptionError) as e:
        parse_port_spec(spec)
    assert str(e.value) == message


@pytest.mark.parametrize("spec, standard", [
    ("published=8080,target=80", "8080:80/tcp"),
    ("target=80", ":80/tcp"),
    ("target=81,protocol=udp,mode=host", ":81/udp"),
    ("published=1,target=2,protocol=sctp", "1:2/sctp"),
    ("8080:80", "8080:80"),
])
def test_long_syntax(spec, standard):
    assert to_standard_notation(spec) == standard


@pytest.mark.parametrize("spec, bad", [("bad,published=1", "bad"), ("published=1,=2", "=2"), ("published=1,", "")])
def test_long_syntax_errors(spec, bad):
    with pytest.raises(OptionError) as e:
        to_standard_notation(spec)
    assert str(e.value) == f"invalid publish opts format (should be name=value but got '{bad}')"


def test_publish_collects_exposed_and_bindings():
    """The reference sheet's verified example (section 1)."""
    exposed, bindings = parse_publish(["8080:80", "127.0.0.1:9000-9001:90-91/udp", "[::1]:5000:5000", "3000",
                                       "7000-7002:7000"])
    exposed = parse_expose(["6000-6001"], exposed)
    assert sorted(exposed) == ["3000/tcp", "5000/tcp", "6000/tcp", "6001/tcp", "7000/tcp", "80/tcp", "90/udp", "91/udp"]
    assert bindings == {
        "80/tcp": [B("", "8080")], "90/udp": [B("127.0.0.1", "9000")], "91/udp": [B("127.0.0.1", "9001")],
        "5000/tcp": [B("::1", "5000")], "3000/tcp": [B("", "")], "7000/tcp": [B("", "7000-7002")]}


def test_same_container_port_bound_twice():
    _, bindings = parse_publish(["8080:80", "127.0.0.1:8081:80"])
    assert bindings == {"80/tcp": [B("", "8080"), B("127.0.0.1", "8081")]}


@pytest.mark.parametrize("specs, keys", [
    (["80"], ["80/tcp"]), (["80/udp"], ["80/udp"]), (["80/xyz"], ["80/xyz"]), (["81/"], ["81/tcp"]),
    (["7000-7002/udp"], ["7000/udp", "7001/udp", "7002/udp"]),
])
def test_expose(specs, keys):
    assert list(parse_expose(specs, {})) == keys


@pytest.mark.parametrize("spec, message", [
    ("80:80", "invalid port format for --expose: 80:80"),
    ("90-80", "invalid range format for --expose: 90-80, error: invalid range specified for port: 90-80"),
    ("abc", 'invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax'),
    ("70000", 'invalid range format for --expose: 70000, error: strconv.ParseUint: parsing "70000": value out of range'),
    ("", "invalid range format for --expose: , error: empty string specified for ports"),
])
def test_expose_errors(spec, message):
    with pytest.raises(OptionError) as e:
        parse_expose([spec], {})
    assert str(e.value) == message


@pytest.mark.parametrize("hostport, expected", [
    ("[::1]:", ("::1", "")), ("a:b", ("a", "b")), ("[::1]:80", ("::1", "80")),
])
def test_split_host_port(hostport, expected):
    assert split_host_port(hostport) == expected


@pytest.mark.parametrize("hostport, why", [
    ("x", "missing port in address"), ("[::1", "missing ']' in address"), ("[::1]", "missing port in address"),
    ("a:b:c", "too many colons in address"), ("[a]:b]:c", "too many colons in address"),
    ("a[:b", "unexpected '[' in address"), ("a]:b", "unexpected ']' in address"),
])
def test_split_host_port_errors(hostport, why):
    with pytest.raises(OptionError) as e:
        split_host_port(hostport)
    assert str(e.value) == f"address {hostport}: {why}"
