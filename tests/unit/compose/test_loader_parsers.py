"""Short-syntax parsers of the loader, table-driven from compose-go's own tests (types/types_test.go
TestParsePortConfig, format/volume_test.go) and docker/go-connections nat.ParsePortSpec."""

from __future__ import annotations

import pytest

from pydock.compose.errors import ComposeError
from pydock.compose.loader.canonical import clean_path, parse_port_config, parse_volume
from pydock.compose.loader.structs import format_duration, parse_duration, ram_in_bytes, shell_split


def _p(target, published=None, protocol="tcp", host_ip=None):
    d = {"mode": "ingress"}
    if host_ip:
        d["host_ip"] = host_ip
    d["target"] = target
    if published is not None:
        d["published"] = published
    d["protocol"] = protocol
    return d


PORTS = [
    ("80", [_p(80)]),
    ("80:8080", [_p(8080, "80")]),
    ("80-90:8080", [_p(8080, "80-90")]),
    ("8080:80/tcp", [_p(80, "8080")]),
    ("80:8080/udp", [_p(8080, "80", "udp")]),
    ("80-81:8080-8081/tcp", [_p(8080, "80"), _p(8081, "81")]),
    ("80-82:8080-8082/udp", [_p(8080, "80", "udp"), _p(8081, "81", "udp"), _p(8082, "82", "udp")]),
    ("80-82:8080/udp", [_p(8080, "80-82", "udp")]),
    ("80-80:8080/tcp", [_p(8080, "80")]),
    ("1.1.1.1:80:80", [_p(80, "80", host_ip="1.1.1.1")]),
    ("[::1]:80:80", [_p(80, "80", host_ip="::1")]),
    ("127.0.0.1::80", [_p(80, host_ip="127.0.0.1")]),
    ("3000-3002", [_p(3000), _p(3001), _p(3002)]),
    ("53:53/UDP", [_p(53, "53", "udp")]),
]


@pytest.mark.parametrize("spec,want", PORTS)
def test_parse_port_config(spec, want):
    assert parse_port_config(spec) == want


PORT_ERRORS = [
    ("9999999", "invalid containerPort: 9999999"),
    ("80/xyz", "invalid proto: xyz"),
    ("tcp", "invalid containerPort: tcp"),
    ("", "no port specified: <empty>"),
    ("abc:80", "invalid hostPort: abc"),
    ("80-81:90-92", "invalid ranges specified for container and host Ports: 90-92 and 80-81"),
    ("1.2.3:80:80", "invalid IP address: 1.2.3"),
]


@pytest.mark.parametrize("spec,msg", PORT_ERRORS)
def test_parse_port_config_errors(spec, msg):
    with pytest.raises(ComposeError) as e:
        parse_port_config(spec)
    assert str(e.value) == msg


BIND = {"create_host_path": True}
VOLUMES = [
    ("/path", {"type": "volume", "target": "/path", "volume": {}}),
    ("/path/foo", {"type": "volume", "target": "/path/foo", "volume": {}}),
    (".", {"type": "volume", "target": "."}),
    ("/a", {"type": "volume", "target": "/a"}),
    ("./foo:/target", {"type": "bind", "source": "./foo", "target": "/target", "bind": BIND}),
    ("~/thing:/target", {"type": "bind", "source": "~/thing", "target": "/target", "bind": BIND}),
    ("../other:/target", {"type": "bind", "source": "../other", "target": "/target", "bind": BIND}),
    ("/foo:/target", {"type": "bind", "source": "/foo", "target": "/target", "bind": BIND}),
    ("/source:/target:slave", {"type": "bind", "source": "/source", "target": "/target",
                               "bind": {"propagation": "slave", "create_host_path": True}}),
    ("/source:/target:ro,z", {"type": "bind", "source": "/source", "target": "/target", "read_only": True,
                              "bind": {"selinux": "z", "create_host_path": True}}),
    ("/source:/target:ro,Z", {"type": "bind", "source": "/source", "target": "/target", "read_only": True,
                              "bind": {"selinux": "Z", "create_host_path": True}}),
    ("name:/target:bogus", {"type": "volume", "source": "name", "target": "/target", "volume": {}}),
    ("name:/target:nocopy", {"type": "volume", "source": "name", "target": "/target", "volume": {"nocopy": True}}),
    ("./foo:/target:ro", {"type": "bind", "source": "./foo", "target": "/target", "read_only": True, "bind": BIND}),
    ("./foo:/target:rw", {"type": "bind", "source": "./foo", "target": "/target", "bind": BIND}),
    ("data:/data", {"type": "volume", "source": "data", "target": "/data", "volume": {}}),
    ("${A:-/x}:/y", {"type": "volume", "source": "${A:-/x}", "target": "/y", "volume": {}}),
    ("C:\\source\\foo:D:\\target:ro,rprivate", {"type": "bind", "source": "C:\\source\\foo", "target": "D:\\target",
                                                "read_only": True,
                                                "bind": {"propagation": "rprivate", "create_host_path": True}}),
]


@pytest.mark.parametrize("spec,want", VOLUMES)
def test_parse_volume(spec, want):
    assert parse_volume(spec) == want


@pytest.mark.parametrize("spec,msg", [
    ("/foo:/foo:ro:foo", "invalid spec: /foo:/foo:ro:foo: too many colons"),
    (":foo", "invalid spec: :foo: empty section between colons"),
    ("/foo::ro", "invalid spec: /foo::ro: empty section between colons"),
    ("", "invalid empty volume spec"),
])
def test_parse_volume_errors(spec, msg):
    with pytest.raises(ComposeError) as e:
        parse_volume(spec)
    assert str(e.value) == msg


@pytest.mark.parametrize("p,want", [("/a/b/../c/", "/a/c"), ("a//b", "a/b"), ("", "."), ("/..", "/"),
                                    ("./x/.", "x"), ("//x", "/x")])
def test_clean_path_is_go_path_clean(p, want):
    assert clean_path(p) == want


@pytest.mark.parametrize("line,want", [
    ("echo hi", ["echo", "hi"]),
    ("echo a; echo b", ["echo", "a"]),  # go-shellwords stops at an unquoted ;
    ("sh -c 'x \"y z\"' a\\ b", ["sh", "-c", 'x "y z"', "a b"]),
    ('echo "hello world" && sleep 1', ["echo", "hello world"]),
    ("", []),
    ("  spaced   out  ", ["spaced", "out"]),
    ("a '' b", ["a", "", "b"]),
])
def test_shell_split(line, want):
    assert shell_split(line) == want


@pytest.mark.parametrize("text,ns", [("10s", 10**10), ("1m30s", 90 * 10**9), ("500ms", 5 * 10**8),
                                     ("1h", 3600 * 10**9), ("1d", 86400 * 10**9), ("1.5s", 15 * 10**8),
                                     ("0", 0), ("2w", 14 * 86400 * 10**9), ("90", None)])
def test_parse_duration(text, ns):
    if ns is None:
        with pytest.raises(ComposeError):
            parse_duration(text)
    else:
        assert parse_duration(text) == ns


@pytest.mark.parametrize("ns,text", [(0, "0s"), (10**10, "10s"), (90 * 10**9, "1m30s"), (3600 * 10**9, "1h0m0s"),
                                     (5 * 10**8, "500ms"), (1500, "1.5µs"), (15 * 10**8, "1.5s"),
                                     (3723 * 10**9, "1h2m3s"), (90500 * 10**6, "1m30.5s")])
def test_format_duration_is_go_duration_string(ns, text):
    assert format_duration(ns) == text


@pytest.mark.parametrize("v,n", [("1g", 1 << 30), ("1.5g", 1610612736), ("64m", 64 << 20), ("128mb", 128 << 20),
                                 ("50M", 50 << 20), ("1024", 1024), (2048, 2048), ("1k", 1024), ("1KiB", 1024)])
def test_ram_in_bytes(v, n):
    assert ram_in_bytes(v) == n
