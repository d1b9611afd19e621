"""pydock.opts.build: `docker build` flags → POST /build query, compared with what docker 28 sends
(captured on the wire with a logging proxy in front of the engine socket; see the expected strings)."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.build import (BuildOptions, build_args_map, build_query, go_json, labels_map,
                               registry_config_header, validate_build_arg)


def _encoded(o: BuildOptions, **kw) -> str:
    return urlencode(build_query(o, **kw))


# docker 28.2.2 on the wire: `docker build -q -t pydock-test/pdb-manual -t pydock-test/pdb-manual:2
# --build-arg A=1 --build-arg HOME --build-arg ZZZ --label pydock.test=manual .` (HOME=/root, ZZZ unset)
WIRE_1 = ("buildargs=%7B%22A%22%3A%221%22%2C%22HOME%22%3A%22%2Froot%22%2C%22ZZZ%22%3Anull%7D&dockerfile=Dockerfile"
          "&labels=%7B%22pydock.test%22%3A%22manual%22%7D&q=1&t=pydock-test%2Fpdb-manual"
          "&t=pydock-test%2Fpdb-manual%3A2&version=1")

# `--platform Linux/AMD64 --rm=false --force-rm --no-cache --pull --network host --target x --add-host a:1.2.3.4
# --add-host b:::1 --cache-from a,b --cache-from c --security-opt x=y --shm-size 1m -m 64m --memory-swap -1
# --cpu-shares 5 --cpu-period 100000 --cpu-quota 50000 --cpuset-cpus 0 --cpuset-mems 0 --cgroup-parent cg
# --isolation default --ulimit nofile=1024:2048 --ulimit core=1 -q`
WIRE_2 = ("cachefrom=%5B%22a%22%2C%22b%22%2C%22c%22%5D&cgroupparent=cg&cpuperiod=100000&cpuquota=50000&cpusetcpus=0"
          "&cpusetmems=0&cpushares=5&dockerfile=Dockerfile&extrahosts=a%3A1.2.3.4&extrahosts=b%3A%3A%3A1&forcerm=1"
          "&memory=67108864&memswap=-1&networkmode=host&nocache=1&platform=linux%2Famd64&pull=1&q=1&rm=0"
          "&securityopt=x%3Dy&shmsize=1048576&target=x&ulimits=%5B%7B%22Name%22%3A%22core%22%2C%22Hard%22%3A1%2C"
          "%22Soft%22%3A1%7D%2C%7B%22Name%22%3A%22nofile%22%2C%22Hard%22%3A2048%2C%22Soft%22%3A1024%7D%5D&version=1")


def test_query_matches_docker_wire_capture_tags_args_labels():
    args = tuple(validate_build_arg(v, {"HOME": "/root"}) for v in ("A=1", "HOME", "ZZZ"))
    o = BuildOptions(tags=("pydock-test/pdb-manual", "pydock-test/pdb-manual:2"), build_args=args,
                     labels=("pydock.test=manual",), quiet=True)
    assert _encoded(o, dockerfile="Dockerfile") == WIRE_1


def test_query_matches_docker_wire_capture_every_resource_flag():
    o = BuildOptions(platform="linux/amd64", rm=False, force_rm=True, no_cache=True, pull=True, network="host",
                     target="x", extra_hosts=("a:1.2.3.4", "b:::1"), cache_from=("a", "b", "c"),
                     security_opt=("x=y",), shm_size=1 << 20, memory=64 << 20, memory_swap=-1, cpu_shares=5,
                     cpu_period=100000, cpu_quota=50000, cpuset_cpus="0", cpuset_mems="0", cgroup_parent="cg",
                     isolation="default", quiet=True,
                     ulimits=({"Name": "nofile", "Hard": 2048, "Soft": 1024}, {"Name": "core", "Hard": 1, "Soft": 1}))
    assert _encoded(o, dockerfile="Dockerfile") == WIRE_2


@pytest.mark.parametrize("options, expected", [
    (BuildOptions(), [("version", "1")]),
    (BuildOptions(rm=True), [("version", "1")]),                       # rm is the daemon's default: not sent
    (BuildOptions(rm=False), [("rm", "0"), ("version", "1")]),
    (BuildOptions(network="default"), [("version", "1")]),
    (BuildOptions(network="none"), [("networkmode", "none"), ("version", "1")]),
    (BuildOptions(isolation="hyperv"), [("isolation", "hyperv"), ("version", "1")]),
    (BuildOptions(squash=True), [("squash", "1"), ("version", "1")]),
    (BuildOptions(memory=0, shm_size=0, cpu_shares=0), [("version", "1")]),
    (BuildOptions(labels=("a", "b=", "c=d=e")), [("labels", '{"a":"","b":"","c":"d=e"}'), ("version", "1")]),
    (BuildOptions(build_args=("X=<&>",)), [("buildargs", '{"X":"\\u003c\\u0026\\u003e"}'), ("version", "1")]),
    (BuildOptions(tags=("b", "a")), [("t", "b"), ("t", "a"), ("version", "1")]),  # repeated keys keep their order
])
def test_query_table(options, expected):
    assert build_query(options) == expected


def test_dockerfile_parameter_only_when_known():
    assert ("dockerfile", "sub/Dockerfile.x") in build_query(BuildOptions(), dockerfile="sub/Dockerfile.x")
    assert not [k for k, _ in build_query(BuildOptions(), dockerfile="") if k == "dockerfile"]


@pytest.mark.parametrize("value, environ, expected", [
    ("A=1", {}, "A=1"), ("A=", {"A": "x"}, "A="), ("A", {"A": "x"}, "A=x"), ("A", {}, "A"), ("A=b=c", {}, "A=b=c"),
])
def test_validate_build_arg(value, environ, expected):
    assert validate_build_arg(value, environ) == expected


@pytest.mark.parametrize("value", ["=x", "="])
def test_validate_build_arg_rejects_empty_name(value):
    with pytest.raises(OptionError, match=f"invalid environment variable: {value}"):
        validate_build_arg(value, {})


@pytest.mark.parametrize("values, proxies, expected", [
    (["A=1", "B"], None, {"A": "1", "B": None}),
    (["A=1", "A=2"], None, {"A": "2"}),
    ([], {"httpProxy": "http://p:3128"}, {"HTTP_PROXY": "http://p:3128", "http_proxy": "http://p:3128"}),
    (["HTTP_PROXY=mine"], {"httpProxy": "http://p"}, {"HTTP_PROXY": "mine", "http_proxy": "http://p"}),
    ([], {"noProxy": "", "allProxy": "socks://s"}, {"ALL_PROXY": "socks://s", "all_proxy": "socks://s"}),
])
def test_build_args_map_with_proxies(values, proxies, expected):
    assert build_args_map(values, proxies) == expected


def test_labels_map_later_wins():
    assert labels_map(["a=1", "a=2", "b"]) == {"a": "2", "b": ""}


def test_go_json_struct_order_and_html_escaping():
    assert go_json({"b": 1, "a": "<x>"}) == '{"a":"\\u003cx\\u003e","b":1}'
    assert go_json([{"Name": "n", "Hard": 1, "Soft": 0}], sort_keys=False) == '[{"Name":"n","Hard":1,"Soft":0}]'


def test_registry_config_header():
    assert registry_config_header({}) == "e30="
    assert registry_config_header(None) == "e30="
    header = registry_config_header({
        "127.0.0.1:5001": {"serveraddress": "127.0.0.1:5001", "password": "pydock-secret", "username": "pydock",
                           "email": "not@sent"},
        "https://index.docker.io/v1/": {"serveraddress": "https://index.docker.io/v1/", "identitytoken": ""}})
    text = base64.urlsafe_b64decode(header).decode()
    assert text == ('{"127.0.0.1:5001":{"username":"pydock","password":"pydock-secret","serveraddress":'
                    '"127.0.0.1:5001"},"https://index.docker.io/v1/":{"serveraddress":"https://index.docker.io/v1/"}}')
