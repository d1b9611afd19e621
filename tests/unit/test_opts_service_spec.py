"""`service create/update` → ServiceSpec (pydock.opts.service), against docker/cli v28.2.2: opts.go (ToService,
makeEnv, toHealthConfig), opts/swarmopts/{secret,config}.go, update.go (updateService and its helpers),
opts/capabilities.go and github.com/google/shlex. The expected values are read off that source."""

from __future__ import annotations

import re

import pytest

from pydock.opts._errors import OptionError
from pydock.opts import service as s


def _raises(message: str):
    return pytest.raises(OptionError, match="^" + re.escape(message) + "$")


# -- --secret / --config ------------------------------------------------------------------------------------

def test_secret_short_and_long_forms():
    assert s.secret_reference("db") == {"File": {"Name": "db", "UID": "0", "GID": "0", "Mode": 0o444}, "SecretName": "db"}
    assert s.secret_reference("source=db,target=/run/x,uid=5,gid=6,mode=0400") == {
        "File": {"Name": "/run/x", "UID": "5", "GID": "6", "Mode": 0o400}, "SecretName": "db"}
    assert s.secret_reference("src=db,MODE=0x1ff")["File"]["Mode"] == 0o777  # base 0, keys any case
    assert s.config_reference("src=c,target=t") == {"File": {"Name": "t", "UID": "0", "GID": "0", "Mode": 0o444},
                                                     "ConfigName": "c"}


@pytest.mark.parametrize("value,message", [
    ("target=x", "source is required"),
    ("source=a,foo=b", "invalid field in secret request: foo"),
    ("source=a,target", "invalid field 'target' must be a key=value pair"),
    ("source=a,=b", "invalid field '=b' must be a key=value pair"),
    ("source=a,mode=rw", 'invalid mode specified: strconv.ParseUint: parsing "rw": invalid syntax'),
])
def test_secret_errors(value, message):
    with _raises(message):
        s.secret_reference(value)


def test_config_error_names_config():
    with _raises("invalid field in config request: foo"):
        s.config_reference("src=a,foo=1")


def test_resolve_references_ids_and_errors():
    refs = [s.secret_reference("a"), s.secret_reference("source=b,target=x")]
    out = s.resolve_references(refs, "SecretName", "SecretID", "secret", {"a": "ida", "b": "idb"})
    assert [(r["SecretName"], r["SecretID"], r["File"]["Name"]) for r in out] == [("a", "ida", "a"), ("b", "idb", "x")]
    with _raises("secret not found: b"):
        s.resolve_references(refs, "SecretName", "SecretID", "secret", {"a": "ida"})
    with _raises("duplicate secret target for b not allowed"):
        s.resolve_references([s.secret_reference("source=a,target=x"), s.secret_reference("source=b,target=x")],
                             "SecretName", "SecretID", "secret", {"a": "1", "b": "2"})


# -- small converters ---------------------------------------------------------------------------------------

def test_shlex_split_like_google_shlex():
    assert s.shlex_split("sh -c 'echo hi there'") == ["sh", "-c", "echo hi there"]
    assert s.shlex_split('a "b \\" c" d\\ e') == ["a", 'b " c', "d e"]
    assert s.shlex_split("a #comment here") == ["a"]
    assert s.shlex_split("") == []
    with _raises("EOF found when expecting closing quote"):
        s.shlex_split("'open")


def test_swarm_hosts_and_env():
    assert s.swarm_hosts(["web:10.0.0.1", "db:::1", "bare"]) == ["10.0.0.1 web", "::1 db"]
    # makeEnv: files first, then flags; a later K= replaces the earlier one, order of the last kept
    assert s.make_env(["A=1", "B=2"], ["A=3", "C"]) == ["B=2", "A=3", "C"]


def test_effective_caps():
    assert s.effective_caps(["net_admin", "CAP_CHOWN"], ["chown", "kill"]) == (["CAP_CHOWN", "CAP_NET_ADMIN"], ["CAP_KILL"])
    assert s.effective_caps(["all", "kill"], []) == (["ALL"], None)
    assert s.effective_caps([], ["RESET"]) == (None, None)


def test_health_config():
    assert s.health_config({}, False) is None
    assert s.health_config({}, True) == {"Test": ["NONE"]}
    assert s.health_config({"cmd": "true", "interval": 5_000_000_000, "retries": 3}, False) == {
        "Test": ["CMD-SHELL", "true"], "Interval": 5_000_000_000, "Retries": 3}
    with _raises("--no-healthcheck conflicts with --health-* options"):
        s.health_config({"interval": 0}, True)  # given, even as 0s (a PositiveDurationOpt was Set)
    with _raises("duration cannot be negative"):
        s.positive_duration("-1s")


def test_credential_spec():
    assert s.credential_spec("config://x") == {"Config": "x"}
    assert s.credential_spec("") is None
    with _raises('invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"'):
        s.credential_spec("x")


# -- build_spec ---------------------------------------------------------------------------------------------

def _spec(**v):
    return s.build_spec(v, image="img:1", args=(), env=[], networks=[], cwd="/")


def test_build_spec_defaults():
    spec = _spec()
    assert spec["Mode"] == {"Replicated": {}}
    assert spec["EndpointSpec"] == {"Mode": "vip"}
    c = spec["TaskTemplate"]["ContainerSpec"]
    assert c["Init"] is False and "StopGracePeriod" not in c and "Command" not in c
    assert "UpdateConfig" not in spec and "RestartPolicy" not in spec["TaskTemplate"]


def test_build_spec_configs_from_defaults():
    spec = _spec(update_parallelism=3, restart_delay=2_000_000_000, endpoint_mode="DNSRR")
    assert spec["UpdateConfig"] == {"Parallelism": 3, "Delay": 0, "Monitor": 5_000_000_000, "FailureAction": "pause",
                                    "MaxFailureRatio": 0, "Order": "stop-first"}
    assert spec["TaskTemplate"]["RestartPolicy"] == {"Condition": "any", "Delay": 2_000_000_000, "MaxAttempts": 0}
    assert spec["EndpointSpec"]["Mode"] == "dnsrr"


def test_build_spec_errors_in_docker_order():
    with _raises("--no-healthcheck conflicts with --health-* options"):  # health before mode
        _spec(no_healthcheck=True, health_cmd="x", mode="global", replicas=2)
    with _raises("update and rollback configuration is not supported for jobs"):
        _spec(mode="replicated-job", rollback_order="start-first")
    with _raises("Unknown mode: bad, only replicated and global supported"):
        _spec(mode="bad")


# -- update_spec --------------------------------------------------------------------------------------------

def _update(spec, **v):
    return s.update_spec(spec, v, env_add=list(v.pop("env_add_checked", ())), networks_rm=set(),
                         networks_add=[], cwd="/")


def test_update_leaves_the_current_spec_alone():
    current = {"Name": "x", "Labels": {"a": "1"}, "TaskTemplate": {"ContainerSpec": {"Image": "i"}}}
    out = _update(current, label_add=("b=2",), label_rm=("a",))
    assert out["Labels"] == {"b": "2"} and current["Labels"] == {"a": "1"}


def test_update_lists():
    spec = {"TaskTemplate": {"ContainerSpec": {"Env": ["A=1", "B=2"], "Groups": ["b", "a"],
                                               "Hosts": ["1.2.3.4 foo bar", "5.6.7.8 baz"],
                                               "DNSConfig": {"Nameservers": ["1.1.1.1"]}},
                             "Placement": {"Constraints": ["z", "y"]}},
            "EndpointSpec": {"Ports": [{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080,
                                        "PublishMode": "ingress"}]}}
    out = _update(spec, env_rm=("A",), env_add_checked=["C=3"], group_add=("c",), group_rm=("b",),
                  host_rm=("foo",), host_add=("new:9.9.9.9",), dns_add=("8.8.8.8", "1.1.1.1"),
                  constraint_add=("x",), constraint_rm=("z",),
                  publish_rm=([{"Protocol": "", "TargetPort": 80, "PublishedPort": 0, "PublishMode": ""}],),
                  publish_add=([{"Protocol": "udp", "TargetPort": 53, "PublishedPort": 53, "PublishMode": "host"}],))
    c = out["TaskTemplate"]["ContainerSpec"]
    assert sorted(c["Env"]) == ["B=2", "C=3"]
    assert c["Groups"] == ["a", "c"]
    assert c["Hosts"] == ["1.2.3.4 bar", "5.6.7.8 baz", "9.9.9.9 new"]
    assert c["DNSConfig"] == {"Nameservers": ["1.1.1.1", "8.8.8.8"]}
    assert out["TaskTemplate"]["Placement"]["Constraints"] == ["x", "y"]
    assert out["EndpointSpec"]["Ports"] == [{"Protocol": "udp", "TargetPort": 53, "PublishedPort": 53, "PublishMode": "host"}]


def test_update_mounts_sorted_by_source_then_target():
    spec = {"TaskTemplate": {"ContainerSpec": {"Mounts": [{"Type": "volume", "Source": "b", "Target": "/b"}]}}}
    out = _update(spec, mount_add=("type=volume,source=a,target=/a", "type=tmpfs,target=/t"), mount_rm=("/b",))
    assert [m["Target"] for m in out["TaskTemplate"]["ContainerSpec"]["Mounts"]] == ["/t", "/a"]
    with _raises("duplicate mount target"):
        _update(spec, mount_add=("type=volume,target=/a", "type=tmpfs,target=/a"))


def test_update_caps_and_health_and_force():
    spec = {"TaskTemplate": {"ContainerSpec": {"CapabilityAdd": ["CAP_NET_ADMIN"],
                                               "Healthcheck": {"Test": ["NONE"]}}, "ForceUpdate": 2}}
    out = _update(spec, cap_drop=("net_admin", "kill"), health_retries=2, force=True)
    c = out["TaskTemplate"]["ContainerSpec"]
    assert "CapabilityAdd" not in c and c["CapabilityDrop"] == ["CAP_KILL"]
    assert c["Healthcheck"] == {"Retries": 2}  # a NONE test is dropped once a --health-* flag is given
    assert out["TaskTemplate"]["ForceUpdate"] == 3


def test_update_mode_checks():
    with _raises("replicas can only be used with replicated mode"):
        _update({"Mode": {"Global": {}}}, replicas=2)
    assert _update({"Mode": {"Replicated": {"Replicas": 1}}}, replicas=0)["Mode"] == {"Replicated": {"Replicas": 0}}
