"""loader.Normalize and NormalizeProjectName, table-driven from compose-go loader/normalize_test.go and
loader/loader_test.go."""

from __future__ import annotations

import pytest

from pydock.compose.errors import ComposeError
from pydock.compose.loader.names import check_project_name, go_quote, normalize_project_name
from pydock.compose.loader.normalize import normalize

DEFAULT = {"default": {"name": "myProject_default"}}
STARTED_RESTART = {"condition": "service_started", "restart": True, "required": True}

CASES = [
    ("network names",
     {"name": "myProject",
      "services": {"foo": {"build": {"context": "./testdata", "args": {"FOO": None, "ZOT": None}}}},
      "networks": {"myExternalnet": {"external": True}, "myNamedNet": {"name": "CustomName"}, "mynet": {}}},
     {"FOO": "BAR"},
     {"name": "myProject",
      "services": {"foo": {"build": {"context": "./testdata", "dockerfile": "Dockerfile", "args": {"FOO": "BAR"}},
                           "networks": {"default": None}}},
      "networks": {"default": {"name": "myProject_default"},
                   "myExternalnet": {"name": "myExternalnet", "external": True},
                   "myNamedNet": {"name": "CustomName"}, "mynet": {"name": "myProject_mynet"}}}),
    ("depends_on",
     {"name": "myProject",
      "services": {"foo": {"depends_on": {"bar": {"condition": "service_healthy", "required": True, "restart": True}},
                           "network_mode": "service:zot"},
                   "bar": {"volumes_from": ["zot", "container:xxx"]},
                   "zot": {}}},
     {},
     {"name": "myProject",
      "services": {"bar": {"depends_on": {"zot": {"condition": "service_started", "required": True, "restart": False}},
                           "networks": {"default": None}, "volumes_from": ["zot", "container:xxx"]},
                   "foo": {"depends_on": {"bar": {"condition": "service_healthy", "required": True, "restart": True},
                                          "zot": STARTED_RESTART},
                           "network_mode": "service:zot"},
                   "zot": {"networks": {"default": None}}},
      "networks": DEFAULT}),
    ("implicit dependencies",
     {"name": "myProject",
      "services": {"test": {"ipc": "service:foo", "cgroup": "service:bar", "uts": "service:baz", "pid": "service:qux",
                            "volumes_from": ["quux"], "links": ["corge"],
                            "depends_on": {"foo": {"condition": "service_healthy"}}}}},
     {},
     {"name": "myProject",
      "services": {"test": {"ipc": "service:foo", "cgroup": "service:bar", "uts": "service:baz", "pid": "service:qux",
                            "volumes_from": ["quux"], "links": ["corge"],
                            "depends_on": {"foo": {"condition": "service_healthy"}, "bar": STARTED_RESTART,
                                           "baz": STARTED_RESTART, "qux": STARTED_RESTART,
                                           "quux": {"condition": "service_started", "required": True,
                                                    "restart": False},
                                           "corge": STARTED_RESTART},
                            "networks": {"default": None}}},
      "networks": DEFAULT}),
    ("implicit context path",
     {"name": "myProject", "services": {"test": {"build": {}}}},
     {},
     {"name": "myProject", "services": {"test": {"build": {"context": ".", "dockerfile": "Dockerfile"},
                                                 "networks": {"default": None}}},
      "networks": DEFAULT}),
    ("default network",
     {"name": "myProject", "services": {"test": {"image": "test"}}},
     {},
     {"name": "myProject", "networks": DEFAULT,
      "services": {"test": {"image": "test", "networks": {"default": None}}}}),
    ("custom network",
     {"name": "myProject", "services": {"test": {"networks": {"my_network": None}}}, "networks": {"my_network": None}},
     {},
     {"name": "myProject", "networks": {"my_network": {"name": "myProject_my_network"}},
      "services": {"test": {"networks": {"my_network": None}}}}),
    ("environment",
     {"name": "myProject", "services": {"test": {"environment": ["FOO", "BAR", "ZOT=QIX"]}}},
     {"BAR": "bar", "ZOT": "zot"},
     {"name": "myProject", "networks": DEFAULT,
      "services": {"test": {"environment": ["FOO", "BAR=bar", "ZOT=QIX"], "networks": {"default": None}}}}),
    ("pull_policy if_not_present",
     {"name": "p", "services": {"a": {"image": "x", "pull_policy": "if_not_present", "network_mode": "host"}}},
     {},
     {"name": "p", "services": {"a": {"image": "x", "pull_policy": "missing", "network_mode": "host"}}}),
    ("empty networks mapping gets the default network",
     {"name": "p", "services": {"a": {"networks": {}}}},
     {},
     {"name": "p", "services": {"a": {"networks": {"default": None}}}, "networks": {"default": {"name": "p_default"}}}),
]


@pytest.mark.parametrize("name,model,env,want", CASES, ids=[c[0] for c in CASES])
def test_normalize(name, model, env, want):
    assert normalize(model, env) == want


@pytest.mark.parametrize("raw,want", [
    ("My_Proj.Test", "my_projtest"), ("-_foo", "foo"), ("UPPER", "upper"), ("a b c", "abc"), ("__", ""),
    ("9lives", "9lives"), ("é-x", "x"),
])
def test_normalize_project_name(raw, want):
    assert normalize_project_name(raw) == want


@pytest.mark.parametrize("name", ["Bad", "-lead", "_lead", "with.dot", "sp ace", ""])
def test_invalid_imperative_project_names(name):
    if name == "":
        assert check_project_name(name) == ""
        return
    with pytest.raises(ComposeError) as e:
        check_project_name(name)
    assert str(e.value) == (f"invalid project name {go_quote(name)}: must consist only of lowercase alphanumeric "
                            "characters, hyphens, and underscores as well as start with a letter or number")


@pytest.mark.parametrize("name", ["good", "good-name_1", "9x"])
def test_valid_imperative_project_names(name):
    assert check_project_name(name) == name
