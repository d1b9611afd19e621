"""pydock.compose.convert against what docker compose v2.40.3 sent to Engine 20.10 (API 1.41), as
recorded in tests/compose_fixtures/convert-*/v2-capture.json by
tests/engine/compose/record_convert.py (the same comparison runs live in test_convert_oracle.py).

Only the lists v2 builds by iterating a Go map are sorted before comparing (their order is random in
v2): Env, Binds, Mounts, Ulimits, ExtraHosts and the depends_on label. Everything else, key order
included, is compared byte for byte through Go's encoding.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from pydock.compose import convert, hashing
from pydock.compose import labels as L
from pydock.compose.errors import ComposeError
from pydock.compose.model import Project
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "compose_fixtures"
# The captures hold the absolute paths of the checkout they were recorded in; conversion is pure over the
# recorded model, so they replay anywhere, except convert-caps, which reads its seccomp profile from that
# recorded project directory: it is compared live (engine/compose/test_convert_oracle.py) and left out here.
CAPTURES = sorted(p for p in FIXTURES.glob("convert-*/v2-capture.json") if p.parent.name != "convert-caps")


def load(path: Path) -> dict:
    rec = json.loads(path.read_text())
    rec["model"] = json.loads(rec["config_json"].replace("$$", "$"))
    rec["project_obj"] = Project(name=rec["project"], working_dir=rec["working_dir"],
                                 config_files=tuple(rec["config_files"]), model=rec["model"])
    return rec


def posts(rec: dict, fragment: str) -> list[tuple[str, dict]]:
    return [(t, b) for m, t, b in rec["requests"] if fragment in t]


def normalise(body: dict) -> dict:
    body = json.loads(json.dumps(body))
    if body.get("Env"):
        body["Env"] = sorted(body["Env"])
    labels = body.get("Labels") or {}
    if labels.get(L.DEPENDS_ON):
        labels[L.DEPENDS_ON] = ",".join(sorted(labels[L.DEPENDS_ON].split(",")))
    host = body.get("HostConfig") or {}
    for key in ("Binds", "ExtraHosts"):
        if host.get(key):
            host[key] = sorted(host[key])
    if host.get("Mounts"):
        host["Mounts"] = sorted(host["Mounts"], key=lambda m: m.get("Target", ""))
    if host.get("Ulimits"):
        host["Ulimits"] = sorted(host["Ulimits"], key=lambda u: u["Name"])
    return body


@pytest.fixture(params=CAPTURES, ids=lambda p: p.parent.name)
def capture(request):
    return load(request.param)


def lookup_in(rec):
    def lookup(service):
        return [c for c in rec["containers"] if c["Labels"][L.SERVICE] == service
                and c["Labels"][L.ONEOFF] == "False"]
    return lookup


def plan_for(rec, target, sent, **kw):
    query = parse_qs(urlsplit(target).query)
    lbl = sent["Labels"]
    plan = convert.container_plan(rec["project_obj"], lbl[L.SERVICE], number=int(lbl[L.CONTAINER_NUMBER]),
                                  name=query["name"][0], image_id=lbl.get(L.IMAGE), api_version="1.41",
                                  lookup_container=lookup_in(rec), **kw)
    return plan, {k: unquote(v[0]) for k, v in query.items()}


def test_captures_present():
    assert len(CAPTURES) >= 14


def test_container_bodies(capture):
    creates = posts(capture, "/containers/create")
    assert creates
    for target, sent in creates:
        plan, query = plan_for(capture, target, sent)
        assert plan.query() == query
        assert hashing.go_json(normalise(plan.body)) == hashing.go_json(normalise(sent)), query["name"]
        assert plan.config_hash == sent["Labels"][L.CONFIG_HASH]


def test_connects_after_create(capture):
    """API < 1.44: every non-primary network is connected after create, by priority then name."""
    ids = {c["Id"]: c["Names"][0].lstrip("/") for c in capture["containers"]}
    connects = posts(capture, "/connect")
    for target, sent in posts(capture, "/containers/create"):
        plan, query = plan_for(capture, target, sent)
        theirs = [(unquote(t.split("/networks/")[1].split("/connect")[0]), b["EndpointConfig"])
                  for t, b in connects if ids[b["Container"]] == query["name"]]
        assert [(n, hashing.go_json(e)) for n, e in plan.connect] == [(n, hashing.go_json(e)) for n, e in theirs]


def test_network_and_volume_bodies(capture):
    for target, sent in posts(capture, "/networks/create"):
        body = convert.network_create_body(capture["project_obj"], sent["Labels"][L.NETWORK])
        assert hashing.go_json(body) == hashing.go_json(sent)
    for target, sent in posts(capture, "/volumes/create"):
        body = convert.volume_create_body(capture["project_obj"], sent["Labels"][L.VOLUME])
        assert hashing.go_json(body) == hashing.go_json(sent)


def _capture(name: str) -> dict:
    return load(FIXTURES / name / "v2-capture.json")


def _sent(rec: dict, container: str) -> dict:
    return next(b for t, b in posts(rec, "/containers/create") if f"name={container}" in t)


@pytest.mark.parametrize("fixture, container, policy", [
    # observed in the captures: restart, deploy.restart_policy wins, any → always, none → no
    ("convert-basic", "conv-basic-init-1", {"Name": "on-failure", "MaximumRetryCount": 3}),
    ("convert-basic", "conv-basic-web-1", {"Name": "unless-stopped", "MaximumRetryCount": 0}),
    ("convert-restart", "conv-restart-a-1", {"Name": "always", "MaximumRetryCount": 0}),
    ("convert-restart", "conv-restart-b-1", {"Name": "always", "MaximumRetryCount": 0}),
    ("convert-restart", "conv-restart-c-1", {"Name": "no", "MaximumRetryCount": 0}),
    ("convert-resources", "conv-resources-res-1", {"Name": "on-failure", "MaximumRetryCount": 4}),
])
def test_restart_policies(fixture, container, policy):
    rec = _capture(fixture)
    assert _sent(rec, container)["HostConfig"]["RestartPolicy"] == policy
    service = rec["model"]["services"][container.split("-")[2]]
    assert convert.restart_policy(service) == policy


def test_float32_cpus():
    """cpus is a float32 in compose-go: 0.1 → 100000000 ns, as v2 sent."""
    rec = _capture("convert-caps")
    assert _sent(rec, "conv-caps-c-1")["HostConfig"]["NanoCpus"] == 100000000
    assert convert.resources({"cpus": 0.1})["NanoCpus"] == 100000000
    deploy = _capture("convert-hash-deploy")
    assert _sent(deploy, "conv-hash-deploy-s-1")["HostConfig"]["NanoCpus"] == 300000000
    assert convert.resources({"cpus": 0.3})["NanoCpus"] == 300000000


# -- what the captures cannot show (v2's own rules, from pkg/compose/create.go) ---------------------------

def _project(services: dict, networks: dict | None = None, **kw) -> Project:
    model = {"name": "p", "services": services,
             "networks": networks if networks is not None else {"default": {"name": "p_default", "ipam": {}}}}
    return Project(name="p", working_dir="/w", config_files=("/w/compose.yaml",), model=model, **kw)


def _svc(**fields) -> dict:
    base = {"command": None, "entrypoint": None, "image": "img", "networks": {"default": None}}
    base.update(fields)
    return convert.with_field(base, "image", base["image"])


def test_oneoff_container():
    """`run`: oneoff label True, no container-number, the container name as container_name (hashed)."""
    p = _project({"web": _svc()})
    plan = convert.container_plan(p, "web", number=-1, name="p-web-run-0123456789ab", image_id=None,
                                  api_version="1.41", oneoff=True, extra_labels={L.SLUG: "0123456789ab" * 5})
    lbl = plan.body["Labels"]
    assert lbl[L.ONEOFF] == "True" and L.CONTAINER_NUMBER not in lbl and lbl[L.SLUG]
    assert plan.body["NetworkingConfig"]["EndpointsConfig"]["p_default"]["Aliases"] == ["p-web-run-0123456789ab", "web"]
    expected = hashing.service_hash(convert.with_field(p.services["web"], "container_name", "p-web-run-0123456789ab"))
    assert lbl[L.CONFIG_HASH] == expected
    assert list(convert.with_field(p.services["web"], "container_name", "x"))[:3] == ["command", "container_name",
                                                                                      "entrypoint"]


def test_api_144_puts_every_network_in_the_create():
    svc = _svc(networks={"a": {"priority": 1}, "b": None}, mac_address="02:42:ac:11:00:02")
    p = _project({"web": svc}, {"a": {"name": "p_a", "ipam": {}}, "b": {"name": "p_b", "ipam": {}}})
    old = convert.container_plan(p, "web", number=1, name="p-web-1", image_id=None, api_version="1.41")
    assert [n for n, _ in old.connect] == ["p_b"] and old.body["MacAddress"] == "02:42:ac:11:00:02"
    new = convert.container_plan(p, "web", number=1, name="p-web-1", image_id=None, api_version="1.44")
    assert new.connect == [] and "MacAddress" not in new.body
    eps = new.body["NetworkingConfig"]["EndpointsConfig"]
    assert list(eps) == ["p_a", "p_b"] and eps["p_a"]["MacAddress"] == "02:42:ac:11:00:02"
    assert "CheckDuplicate" not in convert.network_create_body(p, "a", api_version="1.44")


@pytest.mark.parametrize("service, message", [
    (_svc(healthcheck={"test": ["CMD", "true"], "start_interval": "1s", "start_period": "1s"}),
     "can't set healthcheck.start_interval as feature require Docker Engine v25 or later"),
    (_svc(networks={"default": {"interface_name": "eth9"}}), "interface_name requires Docker Engine v28.1 or later"),
    (_svc(network_mode="service:db"), "cannot share network namespace with service db: container missing"),
    (_svc(volumes_from=["db"]), "cannot share volume with service db: container missing"),
    (_svc(security_opt=["bogus"]), 'invalid security-opt: "bogus"'),
    # the profile is read relative to the project directory and named by the cleaned path (RelativePath)
    (_svc(security_opt=["seccomp=./no/../nope.json"]),
     "opening seccomp profile (./no/../nope.json) failed: open /w/nope.json: no such file or directory"),
    (_svc(volumes=[{"type": "image", "source": "img", "target": "/i"}]),
     "volume with type=image require Docker Engine v28 or later"),
    (_svc(mac_address="02:42:ac:11:00:02", networks={"default": {"mac_address": "02:42:ac:11:00:03"}}),
     "the service-level mac_address should have the same value as network default"),
])
def test_v2_errors(service, message):
    with pytest.raises(ComposeError) as e:
        convert.container_plan(_project({"web": service}), "web", number=1, name="p-web-1", image_id=None,
                               api_version="1.41", lookup_container=lambda s: [])
    assert str(e.value) == message


def test_no_networks_means_none_and_runtime_fields():
    svc = _svc(runtime="runc", storage_opt={"size": "1G"}, network_mode="disabled",
               security_opt=["systempaths=unconfined"], gpus=[{"driver": "nvidia", "count": -1}],
               devices=[{"source": "vendor.com/gpu=0", "target": "vendor.com/gpu=0"}])
    plan = convert.container_plan(_project({"w": svc}, {}), "w", number=1, name="p-w-1", image_id=None,
                                  api_version="1.41")
    host = plan.body["HostConfig"]
    assert plan.body["NetworkDisabled"] is True and host["NetworkMode"] == "disabled"
    assert host["Runtime"] == "runc" and host["StorageOpt"] == {"size": "1G"}
    assert host["MaskedPaths"] == [] and host["ReadonlyPaths"] == [] and host["SecurityOpt"] is None
    assert host["DeviceRequests"] == [
        {"Driver": "cdi", "Count": 0, "DeviceIDs": ["vendor.com/gpu=0"], "Capabilities": None, "Options": None},
        {"Driver": "nvidia", "Count": -1, "DeviceIDs": None, "Capabilities": [["gpu"]], "Options": None}]
    assert host["Devices"] is None
    none = convert.container_plan(_project({"w": _svc()}, {}), "w", number=1, name="p-w-1", image_id=None,
                                  api_version="1.41")
    assert none.body["HostConfig"]["NetworkMode"] == "none" and "NetworkingConfig" not in none.body


def test_inherited_volumes():
    """recreate: the old anonymous volume (and one at an image VOLUME path) is mounted again by name."""
    svc = _svc(volumes=[{"type": "volume", "target": "/anon", "volume": {}}])
    old = [{"Type": "volume", "Name": "abc", "Source": "/var/lib/docker/volumes/abc/_data", "Destination": "/anon",
            "RW": True},
           {"Type": "volume", "Name": "def", "Destination": "/img", "RW": False},
           {"Type": "tmpfs", "Destination": "/t"}]
    binds, mounts = convert.container_volumes(_project({"w": svc}), svc, "1.41", inherited_volumes=old,
                                              image_volumes=["/img"])
    assert binds is None
    assert mounts == [{"Type": "volume", "Source": "abc", "Target": "/anon"},
                      {"Type": "volume", "Source": "def", "Target": "/img", "ReadOnly": True}]


def test_proxies_and_env():
    svc = _svc(environment={"A": "1", "B": None, "no_proxy": "mine"})
    env = convert.environment(svc, {"httpProxy": "http://p:1", "noProxy": "x"})
    assert env == ["A=1", "B", "no_proxy=mine", "HTTP_PROXY=http://p:1", "http_proxy=http://p:1", "NO_PROXY=x"]
    assert convert.environment(_svc(), None) is None
