"""`service create`, `inspect` (raw and --pretty) and `rm` on the shared swarm daemon, side by side with docker.

The same flags create one service through docker and one through pydock (different names); the two
`service inspect` Specs must be identical once the name is taken out (and the secret/config lists sorted:
docker builds them from a Go map, in random order). Everything is created with `-d` except where the
progress view itself is under test."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid

import pytest

from tests.conftest import ROOT, _env, read_pty, run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.swarmd import swarm  # noqa: F401

PREFIX = f"pdsvc-{RUN_ID[:8]}"


def name(tag: str) -> str:
    return f"{PREFIX}-{tag}-{uuid.uuid4().hex[:4]}"


@pytest.fixture(scope="module")
def objects(swarm):  # noqa: F811
    """A secret, a config and an overlay network of this module's own."""
    names = {"secret": f"{PREFIX}-sec", "config": f"{PREFIX}-conf", "network": f"{PREFIX}-net"}
    for kind in ("secret", "config"):
        r = swarm.docker(kind, "create", "--label", LABEL, names[kind], "-", input=b"value\n")
        assert r.returncode == 0, r
    r = swarm.docker("network", "create", "-d", "overlay", "--label", LABEL, names["network"])
    assert r.returncode == 0, r
    yield names
    for kind in ("secret", "config", "network"):
        swarm.docker(kind, "rm", names[kind])


def spec_of(swarm, service: str) -> dict:  # noqa: F811
    r = swarm.docker("service", "inspect", service)
    assert r.returncode == 0, r
    spec = json.loads(r.stdout)[0]["Spec"]
    spec.pop("Name")
    c = spec["TaskTemplate"]["ContainerSpec"]
    for key in ("Secrets", "Configs"):
        c.get(key, []).sort(key=lambda ref: ref["File"]["Name"])
    return spec


def remove(swarm, *services):  # noqa: F811
    swarm.docker("service", "rm", *services)


def both_create(swarm, flags: list[str], cmd=("sleep", "300")):  # noqa: F811
    """Create the same service through docker and pydock; return the two results and names."""
    names = {tool: name(tool) for tool in ("docker", "pydock")}
    results = {}
    for tool, run in (("docker", run_docker), ("pydock", run_pydock)):
        results[tool] = run("service", "create", "-d", "--name", names[tool], "--label", LABEL, *flags, TEST_IMAGE,
                            *cmd, env=swarm.env)
    return results, names


MATRIX = {
    "container": ["-e", "A=1", "-e", "A=2", "-e", "B", "--container-label", "x=y", "-l", "k", "-u", "1000:1000",
                  "-w", "/tmp", "--hostname", "h1", "--entrypoint", "sh -c", "--init", "--read-only", "-t",
                  "--stop-signal", "SIGUSR1", "--stop-grace-period", "3s", "--cap-add", "net_admin",
                  "--cap-drop", "CHOWN", "--sysctl", "net.core.somaxconn=1024", "--group", "100",
                  "--ulimit", "nofile=100:200", "--dns", "1.1.1.1", "--dns-search", "example.com",
                  "--dns-option", "ndots:2", "--host", "foo:1.2.3.4"],
    "health": ["--health-cmd", "true", "--health-interval", "5s", "--health-retries", "3",
               "--health-timeout", "2s", "--health-start-period", "1s"],
    "no-healthcheck": ["--no-healthcheck"],
    "mounts-logs": ["--mount", "type=volume,source=pdsvc-vol,target=/data,volume-label=a=b",
                    "--mount", "type=tmpfs,target=/scratch,tmpfs-size=1m",
                    "--log-driver", "json-file", "--log-opt", "max-size=1m"],
    "placement-policies": ["--replicas", "2", "--constraint", "node.role==manager",
                           "--placement-pref", "spread=node.labels.zone", "--replicas-max-per-node", "3",
                           "--update-parallelism", "2", "--update-delay", "1s", "--update-failure-action", "continue",
                           "--update-max-failure-ratio", "0.3", "--update-order", "start-first",
                           "--rollback-parallelism", "0", "--rollback-monitor", "2s",
                           "--restart-condition", "on-failure", "--restart-delay", "2s",
                           "--restart-max-attempts", "4", "--restart-window", "10s"],
    "resources": ["--limit-cpu", "0.5", "--limit-memory", "64m", "--limit-pids", "50", "--reserve-cpu", "0.25",
                  "--reserve-memory", "32m"],
    "global-ports": ["--mode", "global", "-p", "80", "-p", "target=81,protocol=udp", "-p", "mode=host,target=82,published=8931"],
    "job": ["--mode", "replicated-job", "--replicas", "2", "--max-concurrent", "1"],
    "host-port-dnsrr": ["--endpoint-mode", "dnsrr", "-p", "mode=host,target=80,published=8933"],
}


@pytest.mark.parametrize("case", sorted(MATRIX))
def test_create_spec_matches_docker(swarm, case):  # noqa: F811
    results, names = both_create(swarm, ["--no-resolve-image", *MATRIX[case]],
                                 cmd=("true",) if case == "job" else ("sleep", "300"))
    try:
        for tool in ("docker", "pydock"):
            assert results[tool].returncode == 0, results[tool]
            assert re.fullmatch(r"[a-z0-9]{25}\n", results[tool].stdout), results[tool]
        assert results["pydock"].stderr == results["docker"].stderr
        assert spec_of(swarm, names["pydock"]) == spec_of(swarm, names["docker"])
    finally:
        remove(swarm, *names.values())


def test_create_env_file(swarm, tmp_path):  # noqa: F811
    env_file = tmp_path / "svc.env"
    env_file.write_text("# comment\nA=from-file\nB=file\nPDSVC_FROM_CLIENT\n")
    flags = ["--no-resolve-image", "--env-file", str(env_file), "-e", "A=flag", "-e", "PDSVC_FROM_CLIENT"]
    env = dict(swarm.env, PDSVC_FROM_CLIENT="client")
    names = {tool: name(tool) for tool in ("docker", "pydock")}
    try:
        for tool, run in (("docker", run_docker), ("pydock", run_pydock)):
            r = run("service", "create", "-d", "--name", names[tool], "--label", LABEL, *flags, TEST_IMAGE, env=env)
            assert r.returncode == 0, r
        spec = spec_of(swarm, names["pydock"])
        assert spec == spec_of(swarm, names["docker"])
        # makeEnv: a later A= replaces the file's; an identical entry is kept twice (docker's loop skips itself)
        assert spec["TaskTemplate"]["ContainerSpec"]["Env"] == [
            "B=file", "PDSVC_FROM_CLIENT=client", "A=flag", "PDSVC_FROM_CLIENT=client"]
    finally:
        remove(swarm, *names.values())


def test_create_secrets_configs_networks(swarm, objects):  # noqa: F811
    flags = ["--secret", objects["secret"], "--secret", f"source={objects['secret']},target=s2,uid=5,gid=6,mode=0400",
             "--config", f"src={objects['config']},target=/etc/c1", "--config", objects["config"],
             "--network", f"name={objects['network']},alias=web,driver-opt=k=v"]
    results, names = both_create(swarm, flags)
    try:
        for tool in ("docker", "pydock"):
            assert results[tool].returncode == 0, results[tool]
        # without --no-resolve-image: the registry is asked for the image's digest, and cannot be reached
        assert results["pydock"].stderr == results["docker"].stderr
        assert "could not be accessed on a registry to record" in results["pydock"].stderr
        spec = spec_of(swarm, names["pydock"])
        assert spec == spec_of(swarm, names["docker"])
        assert spec["TaskTemplate"]["Networks"][0]["Target"] != objects["network"]  # resolved to its ID
    finally:
        remove(swarm, *names.values())


def _services_named(swarm, prefix: str) -> list[str]:  # noqa: F811
    r = swarm.docker("service", "ls", "--filter", f"name={prefix}", "--format", "{{.Name}}")
    return r.stdout.decode().split()


@pytest.mark.parametrize("flags", [
    ["--replicas", "x"],
    ["--health-interval", "-1s"],
    ["--secret", "source=a,foo=b"],
    ["--limit-memory", "lots"],
    ["--placement-pref", "pack=x"],
    ["--entrypoint", "'unclosed"],
    ["--mount", "type=bogus,target=/x"],
    ["-e", "=x"],
    ["--mode", "global", "--replicas", "2"],
    ["--mode", "bad"],
    ["--mode", "replicated-job", "--update-order", "start-first"],
    ["--no-healthcheck", "--health-cmd", "x"],
    ["--secret", "pdsvc-no-such-secret"],
    ["--config", "pdsvc-no-such-config"],
    ["--network", "pdsvc-no-such-net"],
    ["--oom-score-adj", "5", "--health-start-interval", "1s"],  # too new for the swarm daemon's API 1.41
], ids=lambda f: " ".join(f))
def test_create_errors_like_docker(swarm, flags):  # noqa: F811
    n = name("err")
    r = {tool: run("service", "create", "-d", "--name", n, *flags, TEST_IMAGE, env=swarm.env)
         for tool, run in (("docker", run_docker), ("pydock", run_pydock))}
    try:
        assert r["pydock"].returncode == r["docker"].returncode, r
        assert r["pydock"].stderr == r["docker"].stderr.replace("docker", "pydock"), r
        assert r["pydock"].stdout == r["docker"].stdout == ""
        assert _services_named(swarm, n) == []
    finally:
        remove(swarm, n)


def test_rm_several_and_unknown(swarm):  # noqa: F811
    out = {}
    for tool, run in (("docker", run_docker), ("pydock", run_pydock)):
        a, b = name("rma"), name("rmb")
        for n in (a, b):
            assert swarm.docker("service", "create", "-d", "-q", "--no-resolve-image", "--name", n, "--label", LABEL,
                                TEST_IMAGE, "sleep", "300").returncode == 0
        r = run("service", "rm", a, "pdsvc-no-such-service", b, env=swarm.env)
        out[tool] = (r.returncode, r.stdout.replace(a, "<a>").replace(b, "<b>"), r.stderr)
        assert _services_named(swarm, a) == _services_named(swarm, b) == []
    assert out["pydock"] == out["docker"]
    assert out["pydock"][0] == 1
    r = run_pydock("service", "remove", name("none"), env=swarm.env)  # docker's alias
    assert r.returncode == 1 and "not found" in r.stderr


def test_inspect_raw_pretty_format(swarm, objects):  # noqa: F811
    n = name("insp")
    flags = MATRIX["container"] + MATRIX["placement-policies"] + MATRIX["resources"] + MATRIX["mounts-logs"] + [
        "--secret", objects["secret"], "--config", f"src={objects['config']},target=/c", "--network",
        objects["network"], "-p", "80", "--health-cmd", "true", "--health-interval", "5s"]
    assert swarm.docker("service", "create", "-d", "-q", "--no-resolve-image", "--name", n, "--label", LABEL,
                        *flags, TEST_IMAGE, "sleep", "300").returncode == 0
    try:
        for args in ([n], ["--pretty", n], ["--format", "pretty", n], ["-f", "{{.Spec.Name}} {{json .Spec.Labels}}", n],
                     [n, "pdsvc-no-such"], ["--pretty", "pdsvc-no-such", n], ["--pretty", "-f", "{{.ID}}", n],
                     ["--format", "prettyx", n], ["-f", "{{.Nope}}", n]):
            d = run_docker("service", "inspect", *args, env=swarm.env)
            p = run_pydock("service", "inspect", *args, env=swarm.env)
            assert (p.returncode, p.stdout, p.stderr) == (d.returncode, d.stdout, d.stderr), args
    finally:
        remove(swarm, n)


# -- the convergence progress (no -d) ---------------------------------------------------------------------

def _distinct_lines(text: str, service_id: str) -> list[str]:
    """Each line once, in first-seen order, the ID and the countdown normalised: how often the 200 ms poll
    repeats a line depends on timing."""
    lines = [re.sub(r"Waiting \d+ seconds", "Waiting N seconds", line.replace(service_id, "<id>"))
             for line in text.splitlines()]
    return list(dict.fromkeys(lines))


def test_create_progress_in_a_pipe(swarm):  # noqa: F811
    seen = {}
    for tool, run in (("docker", run_docker), ("pydock", run_pydock)):
        n = name("prog")
        try:
            r = run("service", "create", "--no-resolve-image", "--name", n, "--label", LABEL, TEST_IMAGE, "sleep", "300",
                    env=swarm.env, timeout=90)
            assert r.returncode == 0, r
            service_id = r.stdout.splitlines()[0]
            seen[tool] = _distinct_lines(r.stdout, service_id)
        finally:
            remove(swarm, n)
    assert seen["pydock"] == seen["docker"]
    assert seen["pydock"][:4] == ["<id>", "overall progress: 0 out of 1 tasks", "1/1:  ", "overall progress: 1 out of 1 tasks"]
    assert seen["pydock"][-1] == "verify: Service <id> converged"


def _on_a_terminal(argv: list[str], env: dict, columns: int = 140) -> tuple[int, str]:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    p = subprocess.Popen(argv, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env=_env(env), cwd=ROOT)
    os.close(slave)
    out = read_pty(master, idle_timeout=60)
    return p.wait(timeout=90), out.decode("utf-8", "replace")


def test_update_progress_on_a_terminal(swarm):  # noqa: F811
    """On a terminal each id's line is redrawn in place, the task's line with its bar; docker's output has the
    same pieces."""
    n = name("tty")
    assert swarm.docker("service", "create", "-d", "-q", "--no-resolve-image", "--name", n, "--label", LABEL,
                        TEST_IMAGE, "sleep", "300").returncode == 0
    try:
        outs = {}
        for tool, argv in (("docker", ["docker"]), ("pydock", [sys.executable, "-m", "pydock"])):
            status, outs[tool] = _on_a_terminal([*argv, "service", "update", "--force", n], swarm.env)
            assert status == 0, outs[tool]
        for out in outs.values():
            assert "\x1b[2K\roverall progress: 1 out of 1 tasks" in out
            assert re.search(r"\x1b\[2K\r1/1: running +\[=+>\]", out)
            assert f"verify: Service {n} converged" in out
            assert "\x1b[1A" in out and "\x1b[1B" in out
    finally:
        remove(swarm, n)
