"""--network (simple and long syntax) and the per-network flags, --dns*, --add-host, --link, --mac-address."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.network import (Attachment, EndpointFlags, endpoints_config, parse_network, valid_mac,
                                 validate_dns_search, validate_extra_host, validate_ip, validate_link)

EMPTY = {"IPAMConfig": None, "Links": None, "Aliases": None, "MacAddress": "", "DriverOpts": None, "GwPriority": 0,
         "NetworkID": "", "EndpointID": "", "Gateway": "", "IPAddress": "", "IPPrefixLen": 0, "IPv6Gateway": "",
         "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "DNSNames": None}


def ep(**changes) -> dict:
    return {**EMPTY, **changes}


@pytest.mark.parametrize("value, attachment", [
    ("host", Attachment("host")),
    ("mynet", Attachment("mynet")),
    ("container:abc", Attachment("container:abc")),
    ("name=n,alias=a,alias=b,ip=1.2.3.4,ip6=::1,mac-address=02:42:ac:11:00:99,link-local-ip=169.254.1.1",
     Attachment("n", aliases=("a", "b"), ipv4="1.2.3.4", ipv6="::1", mac="02:42:ac:11:00:99",
                link_local_ips=("169.254.1.1",))),
    ("name=n,driver-opt=K=V,gw-priority=5", Attachment("n", driver_opts=(("k", "v"),), gw_priority=5)),
    ("NAME=MyNet, alias = x", Attachment("mynet", aliases=("x",))),
])
def test_parse_network(value, attachment):
    assert parse_network(value) == attachment


@pytest.mark.parametrize("value, message", [
    ("name=n,bogus=1", "invalid field key bogus"),
    ("alias=x", "network name/id is not specified"),
    ("name=n,junk", "invalid field junk"),
    ("name=n,driver-opt=x", "invalid key value pair format in driver options"),
    ("name=n,gw-priority=x", "invalid gw-priority (x): invalid syntax"),
])
def test_parse_network_errors(value, message):
    with pytest.raises(OptionError) as e:
        parse_network(value)
    assert str(e.value) == message


@pytest.mark.parametrize("attachments, flags, endpoints", [
    ((), EndpointFlags(), {"default": EMPTY}),
    ((Attachment("host"),), EndpointFlags(), {}),
    ((Attachment("mynet"),), EndpointFlags(), {}),
    ((Attachment("mynet"),), EndpointFlags(aliases=("web",), links=("db:db",), ipv4="10.0.0.2", ipv6="fd00::2"),
     {"mynet": ep(Aliases=["web"], Links=["db:db"], IPAMConfig={"IPv4Address": "10.0.0.2", "IPv6Address": "fd00::2"})}),
    ((Attachment("bridge"),), EndpointFlags(links=("db:db",)), {}),
    ((), EndpointFlags(links=("db:db",)), {"default": EMPTY}),
    ((Attachment("a"), Attachment("b")), EndpointFlags(), {"a": EMPTY, "b": EMPTY}),
    ((Attachment("n", driver_opts=(("k", "v"),), gw_priority=5),), EndpointFlags(),
     {"n": ep(DriverOpts={"k": "v"}, GwPriority=5)}),
    ((), EndpointFlags(mac="02:42:ac:11:00:99"), {"default": ep(MacAddress="02:42:ac:11:00:99")}),
    ((Attachment("n"),), EndpointFlags(link_local_ips=("169.254.1.1",)),
     {"n": ep(IPAMConfig={"LinkLocalIPs": ["169.254.1.1"]})}),
])
def test_endpoints(attachments, flags, endpoints):
    assert endpoints_config(attachments, flags) == endpoints


@pytest.mark.parametrize("attachments, flags, message", [
    ((), EndpointFlags(aliases=("web",)), "network-scoped aliases are only supported for user-defined networks"),
    ((Attachment("bridge"),), EndpointFlags(aliases=("web",)),
     "network-scoped aliases are only supported for user-defined networks"),
    ((Attachment("host", aliases=("x",)),), EndpointFlags(),
     "network-scoped aliases are only supported for user-defined networks"),
    ((Attachment("n", aliases=("a",)),), EndpointFlags(aliases=("b",)),
     "conflicting options: cannot specify both --network-alias and per-network alias"),
    ((Attachment("n", ipv4="1.1.1.1"),), EndpointFlags(ipv4="1.1.1.2"),
     "conflicting options: cannot specify both --ip and per-network IPv4 address"),
    ((Attachment("n", mac="02:42:ac:11:00:99"),), EndpointFlags(mac="02:42:ac:11:00:98"),
     "conflicting options: cannot specify both --mac-address and per-network MAC address"),
    ((Attachment("host"), Attachment("b")), EndpointFlags(),
     "conflicting options: cannot attach both user-defined and non-user-defined network-modes"),
    ((Attachment("a"), Attachment("a")), EndpointFlags(), 'network "a" is specified multiple times'),
    ((Attachment("n", mac="bad"),), EndpointFlags(), "bad is not a valid mac address"),
    ((Attachment(" "),), EndpointFlags(), "no name set for network"),
])
def test_endpoint_errors(attachments, flags, message):
    with pytest.raises(OptionError) as e:
        endpoints_config(attachments, flags)
    assert str(e.value) == message


@pytest.mark.parametrize("mac, ok", [
    ("02:42:ac:11:00:99", True), ("02-42-AC-11-00-99", True), ("0242.ac11.0099", True),
    ("02:42:ac:11:00:99:aa:bb", True), ("bad", False), ("02:42:ac:11:00", False), ("02:42-ac:11:00:99", False),
])
def test_mac_addresses(mac, ok):
    assert valid_mac(mac) is ok


@pytest.mark.parametrize("value, canonical", [
    ("1.1.1.1", "1.1.1.1"), ("::1", "::1"), (" 8.8.8.8 ", "8.8.8.8"), ("::ffff:1.2.3.4", "1.2.3.4"),
    ("0:0:0:0:0:0:0:1", "::1"),
])
def test_dns(value, canonical):
    assert validate_ip(value) == canonical


def test_dns_error():
    with pytest.raises(OptionError) as e:
        validate_ip("bogus")
    assert str(e.value) == "IP address is not correctly formatted: bogus"


@pytest.mark.parametrize("value, result", [("example.com", "example.com"), (".", "."), ("a.b.", "a.b")])
def test_dns_search(value, result):
    assert validate_dns_search(value) == result


@pytest.mark.parametrize("value", ["bad_domain!", "123", "-a.com"])
def test_dns_search_errors(value):
    with pytest.raises(OptionError) as e:
        validate_dns_search(value)
    assert str(e.value) == f"{value} is not a valid domain"


@pytest.mark.parametrize("value, result", [
    ("h:1.2.3.4", "h:1.2.3.4"), ("h=1.2.3.4", "h:1.2.3.4"), ("h2=::1", "h2:::1"), ("h3:[::2]", "h3:::2"),
    ("h:::1", "h:::1"), ("gw:host-gateway", "gw:host-gateway"), ("h=[1.2.3.4]", "h:1.2.3.4"),
])
def test_extra_hosts(value, result):
    assert validate_extra_host(value) == result


@pytest.mark.parametrize("value, message", [
    ("bad", 'bad format for add-host: "bad"'), (":1.2.3.4", 'bad format for add-host: ":1.2.3.4"'),
    ("h:notip", 'invalid IP address in add-host: "notip"'), ("a:b=1.2.3.4", 'bad format for add-host: "a:b=1.2.3.4"'),
])
def test_extra_host_errors(value, message):
    with pytest.raises(OptionError) as e:
        validate_extra_host(value)
    assert str(e.value) == message


def test_links():
    assert validate_link("a:b") == "a:b" and validate_link("a") == "a"
    for value, message in (("", "empty string specified for links"), ("a:b:c", "bad format for links: a:b:c")):
        with pytest.raises(OptionError) as e:
            validate_link(value)
        assert str(e.value) == message
