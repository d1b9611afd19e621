"""`service update`, `scale` and `rollback` on the shared swarm daemon, side by side with docker.

Two identical services are created (by docker); docker updates one, pydock the other with the same flags; the
resulting Specs must be identical once the name is taken out (the environment sorted: docker rebuilds it from a
Go map when --env-add is given). Everything runs with `-d`: the progress view is tested in test_service_create."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.swarmd import swarm  # noqa: F401

PREFIX = f"pdsvu-{RUN_ID[:8]}"


def name(tag: str) -> str:
    return f"{PREFIX}-{tag}-{uuid.uuid4().hex[:4]}"


def create(swarm, n: str, *flags: str, cmd=("sleep", "300")):  # noqa: F811
    r = swarm.docker("service", "create", "-d", "-q", "--no-resolve-image", "--name", n, "--label", LABEL, *flags,
                     TEST_IMAGE, *cmd)
    assert r.returncode == 0, r


def inspect(swarm, n: str) -> dict:  # noqa: F811
    r = swarm.docker("service", "inspect", n)
    assert r.returncode == 0, r
    return json.loads(r.stdout)[0]


def spec_of(swarm, n: str) -> dict:  # noqa: F811
    spec = inspect(swarm, n)["Spec"]
    spec.pop("Name")
    c = spec["TaskTemplate"]["ContainerSpec"]
    c.get("Env", []).sort()
    for key in ("Secrets", "Configs"):
        c.get(key, []).sort(key=lambda ref: ref["File"]["Name"])
    return spec


@pytest.fixture
def pair(swarm):  # noqa: F811
    made = []

    def make(*flags, cmd=("sleep", "300")):
        names = {"docker": name("d"), "pydock": name("p")}
        for n in names.values():
            create(swarm, n, *flags, cmd=cmd)
            made.append(n)
        return names

    yield make
    if made:
        swarm.docker("service", "rm", *made)


@pytest.fixture(scope="module")
def objects(swarm):  # noqa: F811
    names = {"secret": f"{PREFIX}-sec", "config": f"{PREFIX}-conf", "network": f"{PREFIX}-net"}
    for kind in ("secret", "config"):
        assert swarm.docker(kind, "create", "--label", LABEL, names[kind], "-", input=b"v\n").returncode == 0
    assert swarm.docker("network", "create", "-d", "overlay", "--label", LABEL, names["network"]).returncode == 0
    yield names
    for kind in ("secret", "config", "network"):
        swarm.docker(kind, "rm", names[kind])


def both(swarm, names: dict, *args: str):  # noqa: F811
    """Run the same command through docker (on its service) and pydock (on its own)."""
    return {tool: run(*[names[tool] if a == "{}" else a for a in args], env=swarm.env)
            for tool, run in (("docker", run_docker), ("pydock", run_pydock))}


def test_update_container_flags_like_docker(swarm, pair, objects):  # noqa: F811
    names = pair("-e", "A=1", "-e", "B=2", "-l", "a=1", "--container-label", "x=1", "--mount",
                 "type=tmpfs,target=/t1", "--dns", "1.1.1.1", "--dns-option", "ndots:2", "--host", "foo:1.2.3.4",
                 "--group", "100", "--cap-add", "NET_ADMIN", "--sysctl", "net.core.somaxconn=1024",
                 "--ulimit", "nofile=100:200", "--secret", objects["secret"], "--config", objects["config"],
                 "--network", objects["network"], "--no-healthcheck")
    r = both(swarm, names, "service", "update", "-d", "--no-resolve-image", "--env-add", "C=3", "--env-rm", "A",
             "--label-add", "b=2", "--label-rm", "a", "--container-label-add", "y=2", "--container-label-rm", "x",
             "--mount-add", "type=volume,source=pdsvu-v,target=/v", "--mount-rm", "/t1", "--dns-add", "8.8.8.8",
             "--dns-rm", "1.1.1.1", "--dns-search-add", "example.com", "--dns-option-rm", "ndots:2",
             "--host-add", "bar:5.6.7.8", "--host-rm", "foo", "--group-add", "200", "--group-rm", "100",
             "--cap-drop", "net_admin", "--cap-add", "SYS_TIME", "--sysctl-add", "net.ipv4.ip_forward=1",
             "--sysctl-rm", "net.core.somaxconn", "--ulimit-add", "nproc=10", "--ulimit-rm", "nofile",
             "--secret-rm", objects["secret"], "--secret-add", f"source={objects['secret']},target=s2,mode=0400",
             "--config-rm", objects["config"], "--config-add", f"src={objects['config']},target=/c2",
             "--network-rm", objects["network"], "--health-cmd", "true", "--health-interval", "3s",
             "--entrypoint", "sh -c", "--args", "sleep 301", "-u", "1000", "-w", "/tmp", "--hostname", "h",
             "--init", "--tty", "--read-only", "--stop-signal", "SIGTERM", "--stop-grace-period", "4s",
             "--log-driver", "json-file", "--log-opt", "max-file=2", "--force", "{}")
    for tool in ("docker", "pydock"):
        assert r[tool].returncode == 0, r[tool]
        assert r[tool].stdout == names[tool] + "\n"
    assert r["pydock"].stderr == r["docker"].stderr
    assert spec_of(swarm, names["pydock"]) == spec_of(swarm, names["docker"])


def test_update_swarm_flags_like_docker(swarm, pair, objects):  # noqa: F811
    names = pair("--replicas", "1", "--constraint", "node.role==manager", "--placement-pref", "spread=node.labels.a",
                 "-p", "80", "-p", "mode=host,target=81,published=8941", "--update-delay", "1s")
    r = both(swarm, names, "service", "update", "-d", "--replicas", "2", "--constraint-add", "node.role!=worker",
             "--constraint-rm", "node.role==manager", "--placement-pref-rm", "spread=node.labels.a",
             "--placement-pref-add", "spread=node.labels.b", "--publish-rm", "80", "--publish-add", "82",
             "--update-parallelism", "3", "--update-order", "start-first", "--rollback-delay", "2s",
             "--rollback-failure-action", "continue", "--restart-condition", "none", "--restart-max-attempts", "2",
             "--limit-cpu", "0.5", "--limit-memory", "64m", "--reserve-memory", "16m", "--limit-pids", "30",
             "--replicas-max-per-node", "4", "--network-add", f"name={objects['network']},alias=a1",
             "--image", TEST_IMAGE, "{}")
    for tool in ("docker", "pydock"):
        assert r[tool].returncode == 0, r[tool]
    # --image asks the registry for the digest (unreachable here): docker's warning, word for word
    assert r["pydock"].stderr == r["docker"].stderr
    assert "could not be accessed on a registry" in r["pydock"].stderr
    assert spec_of(swarm, names["pydock"]) == spec_of(swarm, names["docker"])


def test_update_reads_the_current_version(swarm, pair):  # noqa: F811
    """Each update sends the Version.Index it read: two in a row both land, on top of each other."""
    names = pair()
    n = names["pydock"]
    before = inspect(swarm, n)
    for label in ("one=1", "two=2"):
        r = run_pydock("service", "update", "-d", "--label-add", label, n, env=swarm.env)
        assert r.returncode == 0, r
    after = inspect(swarm, n)
    assert after["Version"]["Index"] > before["Version"]["Index"]
    assert after["Spec"]["Labels"] == {**before["Spec"]["Labels"], "one": "1", "two": "2"}
    assert after["PreviousSpec"]["Labels"] == {**before["Spec"]["Labels"], "one": "1"}


@pytest.mark.parametrize("args", [
    ["--rollback", "--replicas", "2"],
    ["--replicas", "x"],
    ["--update-max-failure-ratio", "lots"],
    ["--health-timeout", "-2s"],
    ["--mount-add", "type=tmpfs,target=/a", "--mount-add", "type=tmpfs,target=/a"],
    ["--secret-add", "pdsvu-no-such-secret"],
    ["--network-rm", "pdsvu-no-such-net"],
    ["--no-healthcheck", "--health-retries", "2"],
], ids=lambda a: " ".join(a))
def test_update_errors_like_docker(swarm, pair, args):  # noqa: F811
    names = pair("--mode", "global")
    before = {tool: inspect(swarm, n)["Version"]["Index"] for tool, n in names.items()}
    r = both(swarm, names, "service", "update", "-d", *args, "{}")
    assert r["pydock"].returncode == r["docker"].returncode != 0, r
    assert r["pydock"].stderr == r["docker"].stderr.replace("docker", "pydock"), r
    assert {tool: inspect(swarm, n)["Version"]["Index"] for tool, n in names.items()} == before  # nothing sent


def test_update_mode_and_network_errors(swarm, pair, objects):  # noqa: F811
    names = pair("--mode", "global", "--network", objects["network"])
    for args in (["--replicas", "2"], ["--network-add", objects["network"]]):
        r = both(swarm, names, "service", "update", "-d", *args, "{}")
        assert (r["pydock"].returncode, r["pydock"].stderr) == (r["docker"].returncode, r["docker"].stderr), r
    r = both(swarm, {"docker": "pdsvu-no-such", "pydock": "pdsvu-no-such"}, "service", "update", "-d", "--force", "{}")
    assert (r["pydock"].returncode, r["pydock"].stderr) == (r["docker"].returncode, r["docker"].stderr) == (
        1, "Error response from daemon: service pdsvu-no-such not found\n")


def test_scale_like_docker(swarm, pair):  # noqa: F811
    names = pair("--replicas", "1")
    glob = name("g")
    create(swarm, glob, "--mode", "global")
    try:
        out = {}
        for tool, run in (("docker", run_docker), ("pydock", run_pydock)):
            r = run("service", "scale", "-d", f"{names[tool]}=2", "pdsvu-no-such=1", f"{glob}=3",
                    f"{names[tool]}=x", env=swarm.env)
            out[tool] = (r.returncode, r.stdout.replace(names[tool], "<s>"), r.stderr.replace(names[tool], "<s>"))
            assert inspect(swarm, names[tool])["Spec"]["Mode"] == {"Replicated": {"Replicas": 2}}
            r = run("service", "scale", names[tool], env=swarm.env)
            out[tool + " usage"] = (r.returncode, r.stdout, r.stderr.replace(names[tool], "<s>").replace(tool, "<tool>"))
        assert out["pydock"] == out["docker"]
        assert out["pydock usage"] == out["docker usage"]
        assert out["pydock"][0] == 1 and "scale can only be used with replicated or replicated-job mode" in out["pydock"][2]
    finally:
        swarm.docker("service", "rm", glob)


def test_rollback_like_docker(swarm, pair):  # noqa: F811
    names = pair("-e", "V=1")
    original = spec_of(swarm, names["docker"])
    for tool in ("docker", "pydock"):
        assert swarm.docker("service", "update", "-d", "--env-add", "V=2", names[tool]).returncode == 0
    r = both(swarm, names, "service", "rollback", "-d", "{}")
    for tool in ("docker", "pydock"):
        assert (r[tool].returncode, r[tool].stdout) == (0, names[tool] + "\n"), r[tool]
        assert spec_of(swarm, names[tool]) == original
    assert r["pydock"].stderr == r["docker"].stderr
    # and `update --rollback` goes back again (to V=2), the server-side way
    r = both(swarm, names, "service", "update", "-d", "--rollback", "{}")
    for tool in ("docker", "pydock"):
        assert r[tool].returncode == 0, r[tool]
        assert spec_of(swarm, names[tool])["TaskTemplate"]["ContainerSpec"]["Env"] == ["V=2"]
    r = both(swarm, {"docker": "pdsvu-no-such", "pydock": "pdsvu-no-such"}, "service", "rollback", "-d", "{}")
    assert (r["pydock"].returncode, r["pydock"].stderr) == (r["docker"].returncode, r["docker"].stderr)
