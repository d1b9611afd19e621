"""override.Merge + EnforceUnicity, table-driven from compose-go override/merge_*_test.go
(assertMergeYaml: merge, then de-duplicate)."""

from __future__ import annotations

import copy

import pytest

from pydock.compose.loader.merge import enforce_unicity, merge


def svc(**kw):
    return {"services": {"test": kw}}


CASES = [
    ("environment sequence",
     svc(image="foo", environment=["FOO=BAR"]),
     svc(environment=["QIX=ZOT", "EMPTY=", "NIL"]),
     svc(image="foo", environment=["FOO=BAR", "QIX=ZOT", "EMPTY=", "NIL"])),
    ("environment mapping",
     svc(image="foo", environment={"FOO": "BAR"}),
     svc(environment={"EMPTY": "", "NIL": None, "QIX": "ZOT"}),
     svc(image="foo", environment=["FOO=BAR", "EMPTY=", "NIL", "QIX=ZOT"])),
    ("environment mixed",
     svc(image="foo", environment={"FOO": "BAR"}),
     svc(environment=["QIX=ZOT"]),
     svc(image="foo", environment=["FOO=BAR", "QIX=ZOT"])),
    ("environment number",
     svc(environment={"FOO": 1}),
     svc(environment={"FOO": 3}),
     svc(environment=["FOO=3"])),
    ("logging same driver",
     svc(image="foo", logging={"driver": "syslog", "options": {"syslog-address": "tcp://192.168.0.42:123"}}),
     svc(logging={"driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"}}),
     svc(image="foo", logging={"driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"}})),
    ("logging distinct driver",
     svc(image="foo", logging={"driver": "local", "options": {"max-size": "10m"}}),
     svc(logging={"driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"}}),
     svc(image="foo", logging={"driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"}})),
    ("logging implicit driver",
     svc(image="foo", logging={"options": {"max-size": "10m"}}),
     svc(logging={"options": {"max-file": 3}}),
     svc(image="foo", logging={"options": {"max-size": "10m", "max-file": 3}})),
    ("extra_hosts sequence",
     svc(image="foo", extra_hosts=["example.com=1.2.3.4"]),
     svc(extra_hosts=["localhost=127.0.0.1", "example.com=1.2.3.4", "example.com=4.3.2.1"]),
     svc(image="foo", extra_hosts=["example.com=1.2.3.4", "localhost=127.0.0.1", "example.com=4.3.2.1"])),
    ("extra_hosts mapping",
     svc(image="foo", extra_hosts={"example.com": "1.2.3.4"}),
     svc(extra_hosts={"localhost": "127.0.0.1", "example.com": ["1.2.3.4", "4.3.2.1"]}),
     svc(image="foo", extra_hosts=["example.com=1.2.3.4", "example.com=4.3.2.1", "localhost=127.0.0.1"])),
    ("volumes appended",
     svc(image="foo", volumes=["a:/a", {"type": "bind", "source": "./b", "target": "/b"}]),
     svc(volumes=["c:/c"]),
     svc(image="foo", volumes=["a:/a", {"type": "bind", "source": "./b", "target": "/b"}, "c:/c"])),
    ("volumes same target replaced in place",
     svc(volumes=["va:/a", "vb:/b"]),
     svc(volumes=["vc:/a"]),
     svc(volumes=["vc:/a", "vb:/b"])),
    ("command replaced",
     svc(command=["a", "b"]),
     svc(command=["c"]),
     svc(command=["c"])),
    ("entrypoint replaced by string",
     svc(entrypoint=["a", "b"]),
     svc(entrypoint="sh"),
     svc(entrypoint="sh")),
    ("healthcheck test replaced, rest merged",
     svc(healthcheck={"test": ["CMD", "a"], "interval": "1s"}),
     svc(healthcheck={"test": ["CMD", "b"]}),
     svc(healthcheck={"test": ["CMD", "b"], "interval": "1s"})),
    ("build string and mapping",
     svc(build="."),
     svc(build={"dockerfile": "Dockerfile.dev"}),
     svc(build={"context": ".", "dockerfile": "Dockerfile.dev"})),
    ("depends_on list merged into mapping",
     svc(depends_on=["a"]),
     svc(depends_on={"b": {"condition": "service_healthy"}}),
     svc(depends_on={"a": {"condition": "service_started", "required": True},
                     "b": {"condition": "service_healthy"}})),
    ("networks list and mapping",
     svc(networks=["front"]),
     svc(networks={"back": {"aliases": ["x"]}}),
     svc(networks={"front": None, "back": {"aliases": ["x"]}})),
    ("labels mapping to sorted sequence",
     svc(labels={"b": "2", "a": "1"}),
     svc(labels=["a=3"]),
     svc(labels=["a=3", "b=2"])),
    ("ports de-duplicated",
     svc(ports=["8080:80", "9090:90"]),
     svc(ports=["8080:80", "7070:70"]),
     svc(ports=["8080:80", "9090:90", "7070:70"])),
    ("expose de-duplicated",
     svc(expose=["1000", 2000]),
     svc(expose=["2000", "1000"]),
     svc(expose=["1000", "2000"])),
    ("dns scalar and list",
     svc(dns="8.8.8.8"),
     svc(dns=["1.1.1.1", "8.8.8.8"]),
     svc(dns=["8.8.8.8", "1.1.1.1"])),
    ("cap_add de-duplicated",
     svc(cap_add=["NET_ADMIN"]),
     svc(cap_add=["SYS_ADMIN", "NET_ADMIN"]),
     svc(cap_add=["NET_ADMIN", "SYS_ADMIN"])),
    ("secrets by target",
     svc(secrets=["a", {"source": "b", "target": "/run/secrets/a"}]),
     svc(secrets=["c"]),
     svc(secrets=[{"source": "b", "target": "/run/secrets/a"}, "c"])),
    ("env_file by path",
     svc(env_file=[{"path": "a.env", "required": True}]),
     svc(env_file=["a.env", "b.env"]),
     svc(env_file=["a.env", "b.env"])),
    ("scalar replaced, new keys added",
     {"services": {"a": {"image": "x", "restart": "no"}}, "volumes": {"v": {}}},
     {"services": {"a": {"image": "y"}, "b": {"image": "z"}}, "networks": {"n": None}},
     {"services": {"a": {"image": "y", "restart": "no"}, "b": {"image": "z"}}, "volumes": {"v": {}},
      "networks": {"n": None}}),
    ("top-level labels to sequence",
     {"networks": {"n": {"labels": {"a": "1"}}}},
     {"networks": {"n": {"labels": ["b=2"]}}},
     {"networks": {"n": {"labels": ["a=1", "b=2"]}}}),
]


@pytest.mark.parametrize("name,right,left,want", CASES, ids=[c[0] for c in CASES])
def test_merge_then_unicity(name, right, left, want):
    got = enforce_unicity(merge(copy.deepcopy(right), copy.deepcopy(left)))
    assert got == want


def test_merge_type_mismatch_is_an_error():
    from pydock.compose.errors import ComposeError

    with pytest.raises(ComposeError) as e:
        merge({"services": {"a": {"volumes": ["x:/x"]}}}, {"services": {"a": {"volumes": {"y": 1}}}})
    assert str(e.value) == "cannot override services.a.volumes"
