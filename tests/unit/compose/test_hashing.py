"""pydock.compose.hashing against docker compose v2.40.3: the config-hash labels v2 wrote, and the
JSON v2 printed, recorded in tests/compose_fixtures/convert-*/v2-capture.json (recorded by
tests/engine/compose/record_convert.py; the live comparison is in test_convert_oracle.py)."""

from __future__ import annotations

import json

import pytest

from pydock.compose import convert, hashing
from pydock.compose import labels as L
from pydock.opts.gojson import compact
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "compose_fixtures"
CAPTURES = sorted(FIXTURES.glob("convert-*/v2-capture.json"))


def load(path):
    rec = json.loads(path.read_text())
    rec["model"] = json.loads(rec["config_json"].replace("$$", "$"))
    return rec


@pytest.fixture(params=CAPTURES, ids=lambda p: p.parent.name)
def capture(request):
    return load(request.param)


def test_there_are_captures():
    assert len(CAPTURES) >= 14


def test_go_json_is_gos_encoding(capture):
    """The model re-encoded = v2's `config --format json` output compacted (Go's json.Compact):
    HTML and U+2028 escapes, float formatting, key order, all as Go's encoder writes them."""
    expected = compact(capture["config_json"]).replace("$$", "$")
    assert hashing.go_json(capture["model"]) == expected


def test_service_hashes_are_v2_labels(capture):
    """Against the label of every POST /containers/create v2 sent."""
    services = capture["model"]["services"]
    containers = capture["containers"]

    def lookup(svc):
        return [c for c in containers if c["Labels"][L.SERVICE] == svc]

    sent = [b["Labels"] for m, t, b in capture["requests"] if "/containers/create" in t]
    assert sent
    for lbl in sent:
        service = services[lbl[L.SERVICE]]
        resolved = convert.resolve_references(service, lookup)
        assert hashing.service_hash(service, resolve=resolved) == lbl[L.CONFIG_HASH], lbl[L.SERVICE]


def test_network_and_volume_hashes_are_v2_labels(capture):
    model = capture["model"]
    seen = 0
    for method, target, body in capture["requests"]:
        if target.endswith("/networks/create"):
            key = body["Labels"][L.NETWORK]
            assert hashing.network_hash(model["networks"][key]) == body["Labels"][L.CONFIG_HASH], key
            seen += 1
        elif target.endswith("/volumes/create"):
            key = body["Labels"][L.VOLUME]
            assert hashing.volume_hash(model["volumes"][key]) == body["Labels"][L.CONFIG_HASH], key
            seen += 1
    own = [n for n in (model.get("networks") or {}).values() if not n.get("external")]
    own += [v for v in (model.get("volumes") or {}).values() if not v.get("external")]
    assert seen == len(own)


def test_blanked_fields_do_not_count():
    """build, pull_policy, scale, deploy.replicas, depends_on and profiles are left out (hash.go)."""
    base = {"command": ["true"], "entrypoint": None, "image": "x", "networks": {"default": None}}
    noisy = {"profiles": ["p"], "build": {"context": "/x"}, "command": ["true"], "depends_on": {"a": {}},
             "entrypoint": None, "image": "x", "networks": {"default": None}, "pull_policy": "never", "scale": 3}
    assert hashing.service_hash(noisy) == hashing.service_hash(base)
    with_deploy = dict(base, deploy={"replicas": 2, "resources": {}, "placement": {}})
    assert hashing.hashed_service(with_deploy)["deploy"] == {"resources": {}, "placement": {}}


def test_resolved_references():
    """service:x modes and volumes_from take the container id (convergence.go)."""
    s = {"network_mode": "service:db", "ipc": "service:db", "pid": "host",
         "volumes_from": ["db:ro", "container:other:rw", "missing"]}
    out = hashing.hashed_service(s, resolve={"db": "abc"})
    assert out == {"command": None, "entrypoint": None, "ipc": "container:abc", "network_mode": "container:abc",
                   "pid": "host", "volumes_from": ["abc", "other", "missing"]}
    assert list(out) == ["command", "entrypoint", "ipc", "network_mode", "pid", "volumes_from"]


def test_canonical_service_guards_edited_dicts():
    """Keys appended out of order, zero values Go would omit, unsorted maps: hashed as Go would."""
    model = {"command": ["true"], "entrypoint": None, "environment": {"A": "1", "B": "2"}, "image": "x",
             "init": False, "networks": {"default": None}}
    edited = {"image": "x", "networks": {"default": None}, "command": ["true"], "tty": False, "stdin_open": False,
              "environment": {"B": "2", "A": "1"}, "init": False, "x-ext": 1, "user": ""}
    assert hashing.service_hash(edited) == hashing.service_hash(model)
    assert hashing.go_json(hashing.canonical_service(model)) == hashing.go_json(model)


def test_volume_driver_defaults_to_local():
    """VolumeHash: an empty driver hashes as "local", placed after name (struct order)."""
    assert hashing.volume_hash({"name": "p_data"}) == hashing.volume_hash({"name": "p_data", "driver": "local"})
    assert hashing.go_json({"name": "p_data", "driver": "local"}) == '{"name":"p_data","driver":"local"}'


@pytest.mark.parametrize("value, text", [
    # Go encoding/json float formatting ('f' unless < 1e-6 or >= 1e21; e-07 cleaned to e-7)
    (0.5, "0.5"), (1.0, "1"), (100.0, "100"), (0.333, "0.333"), (1e20, "100000000000000000000"),
    (1e21, "1e+21"), (1.5e21, "1.5e+21"), (1e-6, "0.000001"), (1e-7, "1e-7"), (1.25e-7, "1.25e-7"),
    (1e-10, "1e-10"), (-2.5, "-2.5"), (0.0, "0"),
])
def test_go_float(value, text):
    assert hashing.go_json(value) == text


@pytest.mark.parametrize("value, text", [
    ("<a>&b", '"\\u003ca\\u003e\\u0026b"'), ("\u2028\u2029", '"\\u2028\\u2029"'), ("\t\n\r", '"\\t\\n\\r"'),
    ("\b\f", '"\\b\\f"'), ("\x01\x1f\x7f", '"\\u0001\\u001f\x7f"'), ('"\\', '"\\"\\\\"'), ("é😀", '"é😀"'),
])
def test_go_strings(value, text):
    assert hashing.go_json(value) == text
