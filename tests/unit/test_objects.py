"""The pure parts of the network/volume/context verbs: flag types, prune filters, IPAM, URLs, times."""

from __future__ import annotations

from types import SimpleNamespace

import click
import pytest

from pydock.cli._objects import STRING_TO_STRING, STRINGS, labels_map, list_format, prune_filters, sort_by_name
from pydock.cli.context._endpoint import go_url_error
from pydock.cli.network._ipam import ipam_config
from pydock.errors import PydockError
from pydock.render.views_objects import ContextView, NetworkView, VolumeView, go_time_text


def convert(param_type, value):
    opt = click.Option(["--x"])
    return param_type.convert(value, opt, None)


@pytest.mark.parametrize("value, expected", [
    ("a,b", ["a", "b"]), ("", []), ('"a,b",c', ["a,b", "c"]), ("one", ["one"]),
])
def test_strings_split_like_pflag(value, expected):
    assert convert(STRINGS, value) == expected


@pytest.mark.parametrize("value, expected", [
    ("host=tcp://h:1,skip-tls-verify=1", {"host": "tcp://h:1", "skip-tls-verify": "1"}),
    ("host=tcp://a,b", {"host": "tcp://a,b"}),  # one `=`: no comma splitting
    ('"host=x"', {"host": "x"}),
])
def test_string_to_string(value, expected):
    assert convert(STRING_TO_STRING, value) == expected


@pytest.mark.parametrize("value", ["host", "", "a=1,b,c=2"])
def test_string_to_string_errors(value):
    with pytest.raises(click.BadParameter, match="must be formatted as key=value"):
        convert(STRING_TO_STRING, value)


def app_with(config: dict):
    return SimpleNamespace(config=SimpleNamespace(get=lambda key, default=None: config.get(key, default)))


@pytest.mark.parametrize("pairs, configured, expected", [
    ([], ["until=24h", "bad"], {"until": {"24h": True}}),
    ([("label", "a")], ["label=b"], {"label": {"a": True}}),  # docker's ExactMatch: no label! → not added
    ([("label!", "x")], ["label=b"], {"label!": {"x": True}, "label": {"b": True}}),
    ([("label!", "b")], ["label=b"], {"label!": {"b": True}}),
    ([("label", "a")], ["label!=c"], {"label": {"a": True}, "label!": {"c": True}}),
])
def test_prune_filters(pairs, configured, expected):
    assert prune_filters(app_with({"pruneFilters": configured}), pairs) == expected


def test_labels_map_and_natural_sort():
    assert labels_map(["a=1", "b", "a=2", "c=x=y"]) == {"a": "2", "b": "", "c": "x=y"}
    names = [{"Name": n} for n in ("net10", "net2", "Net1", "net1")]
    assert [n["Name"] for n in sort_by_name(names)] == ["Net1", "net1", "net2", "net10"]


def test_list_format_quiet_and_raw():
    table = "table {{.ID}}\t{{.Name}}"
    assert list_format("table", True, table, "{{.ID}}", "raw {{.ID}}", "q {{.ID}}").template == "{{.ID}}"
    assert list_format("raw", True, table, "{{.ID}}", "raw {{.ID}}", "q {{.ID}}").template == "q {{.ID}}"
    assert list_format("{{.Name}}", True, table, "{{.ID}}", "r", "q").template == "{{.Name}}"
    assert list_format("table", False, table, "{{.ID}}", "r", "q").table


@pytest.mark.parametrize("stamp, expected", [
    ("2026-11-28T02:36:50.52093748Z", "2026-11-28 02:36:50.52093748 +0000 UTC"),
    ("2026-11-28T02:36:50Z", "2026-11-28 02:36:50 +0000 UTC"),
    ("2026-11-28T02:36:50.000000000Z", "2026-11-28 02:36:50 +0000 UTC"),
    ("2026-11-28T02:36:50.5+02:00", "2026-11-28 02:36:50.5 +0200 +0200"),
    ("", "0001-01-01 00:00:00 +0000 UTC"),
])
def test_go_time_text(stamp, expected):
    assert go_time_text(stamp) == expected


def test_views():
    n = NetworkView({"Id": "a" * 64, "Name": "x", "Labels": {"b": "2", "a": "1"}, "Internal": True})
    assert (n.ID(), n.Labels(), n.Internal(), n.IPv4(), n.Label("b")) == ("a" * 12, "a=1,b=2", "true", "false", "2")
    v = VolumeView({"Name": "v", "UsageData": {"Size": 2000, "RefCount": 3}})
    assert (v.Size(), v.Links(), v.Group(), v.Status()) == ("2kB", "3", "N/A", "N/A")
    c = ContextView("c", current=True, error="x" * 60)
    assert c.Current() is True and c.Error() == "x" * 44 + "…"
    assert list(c.to_json()) == ["Current", "Description", "DockerEndpoint", "Error", "Name"]


def test_ipam():
    cfg = ipam_config("default", ["10.1.0.0/16", "fd00::/64"], ["10.1.2.0/24"], ["10.1.0.1", "fd00::1"],
                      {"h": "10.1.0.5"}, {"o": "1"})
    assert cfg == {"Driver": "default", "Options": {"o": "1"}, "Config": [
        {"Subnet": "10.1.0.0/16", "IPRange": "10.1.2.0/24", "Gateway": "10.1.0.1", "AuxiliaryAddresses": {"h": "10.1.0.5"}},
        {"Subnet": "fd00::/64", "Gateway": "fd00::1"}]}


@pytest.mark.parametrize("args, message", [
    ((["10.1.0.0/16", "10.2.0.0/16"], ["10.1.0.0/24", "10.1.1.0/24"], []), "cannot configure multiple ranges"),
    ((["10.1.0.0/16", "10.1.0.0/16"], [], []), "multiple overlapping subnet configuration is not supported"),
    ((["10.1.0.0/16"], ["x"], []), "invalid CIDR address: x"),
    (([], [], ["10.0.0.1"]), "every ip-range or gateway must have a corresponding subnet"),
])
def test_ipam_errors(args, message):
    with pytest.raises(PydockError, match=message):
        ipam_config("default", *args, {}, {})


@pytest.mark.parametrize("url, error", [
    ("tcp://h:1", None), ("unix:///var/run/docker.sock", None), ("x", None), ("tcp://[::1]:2375", None),
    ("tcp://a:b", 'invalid port ":b" after host'), ("tcp://a b", 'invalid character " " in host name'),
    ("1.2.3.4:2375", "first path segment in URL cannot contain colon"), (":x", "missing protocol scheme"),
])
def test_go_url_error(url, error):
    assert go_url_error(url) == error
