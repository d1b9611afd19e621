"""`stack deploy` and `stack rm` side by side with docker 28 on the shared swarm daemon (tests/engine/swarmd.py).

The same compose files are deployed as stack D through docker and as stack P through pydock; the engine's
specs of the services, networks, secrets and configs of both are compared once the stack names (and the
IDs they lead to) are normalised. Each client removes the other's stack. Replicas stay at 1 and the tasks
only sleep, so the daemon has little to do.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.swarmd import swarm  # noqa: F401

pytestmark = pytest.mark.engine

KEY, VALUE = LABEL.split("=", 1)
D = f"pdsd{RUN_ID[:8]}"  # docker's stack
P = f"pdsp{RUN_ID[:8]}"  # pydock's stack

FIRST = f"""
services:
  web:
    image: {TEST_IMAGE}
    command: sleep 3600
    build: .
    container_name: ignored
    restart: on-failure:3
    environment: {{A: "1", B: null, C: "x y"}}
    labels: [{KEY}={VALUE}, role=web]
    ports: ["18081:80", "9000", {{target: 53, published: 15353, protocol: udp, mode: host}}]
    healthcheck: {{test: "true", interval: 30s, timeout: 1m30s, retries: 3, start_period: 1s}}
    volumes: ["data:/data", "/anon", {{type: tmpfs, target: /t, tmpfs: {{size: 1000}}}}, "./:/site:ro",
              {{type: volume, source: data, target: /nc, volume: {{nocopy: true}}}},
              {{type: bind, source: /tmp, target: /host-tmp, bind: {{propagation: rslave}}}}]
    networks: {{front: {{aliases: [w]}}, default: null}}
    secrets: [s1, {{source: s2, target: /etc/s2, uid: "1", mode: 0400}}]
    configs: [c1]
    ulimits: {{nofile: {{soft: 10, hard: 20}}, nproc: 5}}
    sysctls: {{net.core.somaxconn: 1024}}
    stop_grace_period: 1500ms
    extra_hosts: ["h:1.2.3.4", "v6=[::1]"]
    dns: 8.8.8.8
    dns_search: [example.com]
    read_only: true
    stop_signal: SIGUSR1
    tty: true
    cap_add: [net_admin]
    cap_drop: [ALL]
    init: true
    user: "0"
    working_dir: /tmp
    hostname: node
    logging: {{driver: json-file, options: {{max-size: 1m}}}}
    deploy:
      replicas: 1
      labels: {{{KEY}: "{VALUE}"}}
      resources: {{limits: {{cpus: "0.5", memory: 50M, pids: 100}}, reservations: {{memory: 10M}}}}
      update_config: {{parallelism: 2, delay: 1s, order: start-first}}
      rollback_config: {{monitor: 10s}}
      placement: {{constraints: [node.role==manager], preferences: [{{spread: node.id}}], max_replicas_per_node: 2}}
  db:
    image: {TEST_IMAGE}
    stop_grace_period: 1s
    command: ["sleep", "3600"]
    entrypoint: ["/bin/sh", "-c", "exec \\"$$@\\"", "--"]
    deploy:
      labels: [{KEY}={VALUE}]
      restart_policy: {{condition: on-failure, delay: 2s, max_attempts: 3, window: 1m}}
      endpoint_mode: dnsrr
  old:
    image: {TEST_IMAGE}
    stop_grace_period: 1s
    command: sleep 3600
    deploy: {{labels: [{KEY}={VALUE}]}}
volumes:
  data: {{labels: {{{KEY}: "{VALUE}"}}}}
networks:
  front: {{driver: overlay, attachable: true, labels: [{KEY}={VALUE}]}}
secrets:
  s1: {{file: ./s1.txt, labels: {{{KEY}: "{VALUE}"}}}}
  s2: {{file: ./s2.txt, labels: {{{KEY}: "{VALUE}"}}}}
configs:
  c1: {{file: ./c1.txt, labels: {{{KEY}: "{VALUE}"}}}}
"""

# the second deploy: web changed, db unchanged, old gone (pruned), a new service
SECOND = f"""
services:
  web:
    image: {TEST_IMAGE}
    stop_grace_period: 1s
    command: sleep 7200
    environment: [A=2]
    labels: [{KEY}={VALUE}]
    secrets: [s1]
    deploy:
      replicas: 1
      labels: {{{KEY}: "{VALUE}", changed: "yes"}}
      mode: replicated
  db:
    image: {TEST_IMAGE}
    stop_grace_period: 1s
    command: ["sleep", "3600"]
    entrypoint: ["/bin/sh", "-c", "exec \\"$$@\\"", "--"]
    deploy:
      labels: [{KEY}={VALUE}]
      restart_policy: {{condition: on-failure, delay: 2s, max_attempts: 3, window: 1m}}
      endpoint_mode: dnsrr
  extra:
    image: {TEST_IMAGE}
    stop_grace_period: 1s
    command: sleep 3600
    deploy: {{labels: [{KEY}={VALUE}]}}
secrets:
  s1: {{file: ./s1.txt, labels: {{{KEY}: "{VALUE}"}}}}
"""


def _ids(kind: str, env) -> dict[str, str]:
    """ID → name of every network, secret, config on the daemon (to read the specs' references)."""
    if kind == "network":
        out = run_docker("network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}}", env=env).stdout
    else:
        out = run_docker(kind, "ls", "--format", "{{.ID}} {{.Name}}", env=env).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if line)


def _objects(kind: str, stack: str, env) -> list[dict]:
    flt = f"label=com.docker.stack.namespace={stack}"
    ls = ["network", "ls", "-q", "--no-trunc"] if kind == "network" else [kind, "ls", "-q"]
    ids = run_docker(*ls, "--filter", flt, env=env).stdout.split()
    if not ids:
        return []
    return json.loads(run_docker(kind, "inspect", *ids, env=env).stdout)


_VOLATILE = {"ID", "Id", "Version", "CreatedAt", "UpdatedAt", "Created", "Endpoint", "UpdateStatus",
             "ServiceStatus", "JobStatus", "Containers", "IPAM", "Peers",
             "com.docker.network.driver.overlay.vxlanid_list"}


def _normal(objects: list[dict], stack: str, names: dict) -> list[dict]:
    """The objects without what differs between two deploys (IDs, times, addresses), references by name
    (`names`: ID → name), the stack's name replaced by STACK; sorted by name."""

    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items() if k not in _VOLATILE}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, str):
            v = names.get(v, v)
            return re.sub(re.escape(stack), "STACK", v)
        return v

    out = [walk(o) for o in objects]
    for o in out:
        for ref in ("Secrets", "Configs"):
            for r in ((o.get("Spec") or {}).get("TaskTemplate") or {}).get("ContainerSpec", {}).get(ref) or []:
                r.pop("SecretID", None), r.pop("ConfigID", None)
    return sorted(out, key=lambda o: json.dumps(o.get("Spec", o).get("Name", ""), sort_keys=True))


def _stack_state(stack: str, env) -> dict:
    objects = {kind: _objects(kind, stack, env) for kind in ("service", "network", "secret", "config")}
    names = {**_ids("network", env), **_ids("secret", env), **_ids("config", env)} if objects["service"] else {}
    return {kind: _normal(found, stack, names) for kind, found in objects.items()}


def _lines(text: str) -> list[str]:
    """Output lines with the stack names normalised, sorted (docker walks Go maps: its order varies)."""
    return sorted(re.sub(f"{D}|{P}", "STACK", line) for line in text.splitlines())


def _gone(stack: str, env, timeout: float = 30) -> dict:
    """The stack's state once its objects have gone (a removed overlay network lingers a moment on the
    node); what is left after `timeout`."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        state = _stack_state(stack, env)
        if not any(state.values()) or time.monotonic() > deadline:
            return state
        time.sleep(0.5)


def _cleanup(env):
    """Both stacks removed, and gone from the node (the next test deploys under the same names)."""
    for stack in (D, P):
        run_docker("stack", "rm", stack, env=env)
    for stack in (D, P):
        _gone(stack, env)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "s1.txt").write_text("secret one\n")
    (tmp_path / "s2.txt").write_text("secret two\n")
    (tmp_path / "c1.txt").write_text("config one\n")
    (tmp_path / "first.yaml").write_text(FIRST)
    (tmp_path / "second.yaml").write_text(SECOND)
    return tmp_path


def _deploy_both_ways(client, stack, first, second, env):
    """First deploy, state; second deploy with --prune, state: (outputs, states)."""
    ids = re.compile(r"\(id: \w+\)")
    r1 = client("stack", "deploy", "-c", first, stack, env=env, timeout=120)
    s1 = _stack_state(stack, env)
    r2 = client("stack", "deploy", "--prune", "--detach=true", "-c", second, stack, env=env, timeout=120)
    s2 = _stack_state(stack, env)
    outputs = [(r.returncode, _lines(ids.sub("(id: X)", r.stdout)), r.stderr) for r in (r1, r2)]
    return outputs, [s1, s2]


def test_deploy_update_prune_rm_like_docker(swarm, files):  # noqa: F811
    """One stack at a time (both publish the same ingress port): docker's first, removed by pydock, then
    pydock's, removed by docker."""
    env = swarm.env
    first, second = str(files / "first.yaml"), str(files / "second.yaml")
    empty = {"service": [], "network": [], "secret": [], "config": []}
    try:
        out_d, states_d = _deploy_both_ways(run_docker, D, first, second, env)
        assert out_d[0][0] == 0 and out_d[1][0] == 0, out_d
        assert [s["Spec"]["Name"] for s in states_d[0]["service"]] == ["STACK_db", "STACK_old", "STACK_web"]
        assert [len(states_d[0][k]) for k in ("secret", "config", "network")] == [2, 1, 2]
        assert [s["Spec"]["Name"] for s in states_d[1]["service"]] == ["STACK_db", "STACK_extra", "STACK_web"]
        rm_by_pydock = run_pydock("stack", "rm", D, env=env)
        assert rm_by_pydock.returncode == 0, rm_by_pydock.stderr
        assert _gone(D, env) == empty

        out_p, states_p = _deploy_both_ways(run_pydock, P, first, second, env)
        assert out_p == out_d
        assert states_p[0] == states_d[0]
        assert states_p[1] == states_d[1]
        rm_by_docker = run_docker("stack", "rm", P, env=env)
        assert rm_by_docker.returncode == 0, rm_by_docker.stderr
        assert _gone(P, env) == empty
        assert (_lines(rm_by_pydock.stdout), rm_by_pydock.stderr) == (_lines(rm_by_docker.stdout), rm_by_docker.stderr)

        # nothing left: docker's notice, status 0
        d = run_docker("stack", "rm", D, P, env=env)
        p = run_pydock("stack", "rm", D, P, env=env)
        assert (p.returncode, p.stdout, _lines(p.stderr)) == (d.returncode, d.stdout, _lines(d.stderr))
        assert d.stderr.count("Nothing found in stack") == 2
    finally:
        _cleanup(env)


BAD = [
    ("unknown key", "services: {web: {image: x, foo: 1}}"),  # one: with two, docker names either (Go map order)
    ("top-level name", "name: x\nservices: {web: {image: x}}"),
    ("unknown deploy key", "services: {web: {image: x, deploy: {foo: 1}}}"),
    ("forbidden keys", "services: {web: {image: x, extends: y, cpu_shares: 3}}"),
    ("no image", "services: {web: {command: x}}"),
    ("bad image", 'services: {web: {image: "Bad:ref"}}'),
    ("profiles", "services: {web: {image: x, profiles: [a]}}"),
    ("too precise", 'services: {web: {image: x, deploy: {resources: {limits: {cpus: "0.0000000001"}}}}}'),
    ("not a mapping", "- a\n- b\n"),
    ("old version", "version: '2'\nservices: {web: {image: x}}"),
]


@pytest.mark.parametrize("what,text", BAD, ids=[b[0] for b in BAD])
def test_bad_files_like_docker(swarm, tmp_path, what, text):  # noqa: F811
    env = swarm.env
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    # a stack of its own per case: a network just removed can linger on the node a moment
    stack = f"pdsb{RUN_ID[:8]}{BAD.index((what, text))}"
    flt = f"label=com.docker.stack.namespace={stack}"
    try:
        # docker creates the networks before it converts the services; pydock converts first and creates
        # nothing when the file is bad
        p = run_pydock("stack", "deploy", "-c", str(f), stack, env=env)
        assert p.stdout == ""
        assert run_docker("network", "ls", "-q", "--filter", flt, env=env).stdout == ""
        d = run_docker("stack", "deploy", "-c", str(f), stack, env=env)
        assert d.returncode == 1
        assert (p.returncode, p.stderr) == (d.returncode, d.stderr)
    finally:
        run_docker("stack", "rm", stack, env=env)


def test_usage_errors_like_docker(swarm, tmp_path):  # noqa: F811
    env = swarm.env
    f = tmp_path / "ok.yaml"
    f.write_text(f"services: {{web: {{image: {TEST_IMAGE}}}}}\n")
    for args in (["stack", "deploy", "x"], ["stack", "deploy", "-c", str(tmp_path / "nope.yaml"), "x"],
                 ["stack", "deploy", "-c", str(f), "--resolve-image", "sometimes", "x"],
                 ["stack", "deploy", "-c", str(f), " '' "]):
        d = run_docker(*args, env=env)
        p = run_pydock(*args, env=env)
        assert (p.returncode, p.stdout, p.stderr) == (d.returncode, d.stdout, d.stderr), args


def _both(env, *args, input=None, stacks=(D, P), timeout=120):
    """The same command through docker (stack D) and pydock (stack P): the two results."""
    d = run_docker(*[a.replace("STACK", stacks[0]) for a in args], env=env, input=input, timeout=timeout)
    p = run_pydock(*[a.replace("STACK", stacks[1]) for a in args], env=env, input=input, timeout=timeout)
    return d, p


def _same(d, p, ids=re.compile(r"\b[a-z0-9]{25}\b")):
    """Results equal once the stack names and swarm IDs are normalised."""
    def norm(text):
        return ids.sub("ID", re.sub(f"{D}|{P}", "STACK", text))
    assert (p.returncode, norm(p.stdout), norm(p.stderr)) == (d.returncode, norm(d.stdout), norm(d.stderr))


def test_stdin_merged_files_and_a_changed_secret_like_docker(swarm, tmp_path):  # noqa: F811
    env = swarm.env
    (tmp_path / "s1.txt").write_text("one\n")
    base = (f"services:\n  web:\n    image: {TEST_IMAGE}\n    command: sleep 1\n    stop_grace_period: 1s\n"
            "    secrets: [s1]\n"
            f"    deploy: {{labels: [{KEY}={VALUE}]}}\n"
            f"secrets:\n  s1: {{file: {tmp_path}/s1.txt, labels: [{KEY}={VALUE}]}}\n")
    (tmp_path / "override.yaml").write_text("services:\n  web:\n    command: sleep 3600\n    environment: [A=1]\n")
    override = str(tmp_path / "override.yaml")
    try:
        d, p = _both(env, "stack", "deploy", "-c", "-", "-c", override, "STACK", input=base)
        assert d.returncode == 0, d.stderr
        _same(d, p)
        assert _stack_state(P, env) == _stack_state(D, env)
        assert _stack_state(D, env)["service"][0]["Spec"]["TaskTemplate"]["ContainerSpec"]["Env"] == ["A=1"]
        # a secret's data cannot change: the daemon refuses, the deploy fails
        (tmp_path / "s1.txt").write_text("two\n")
        (tmp_path / "base.yaml").write_text(base)
        d, p = _both(env, "stack", "deploy", "-c", str(tmp_path / "base.yaml"), "-c", override, "STACK")
        assert d.returncode == 1 and "only updates to Labels are allowed" in d.stderr
        _same(d, p)
    finally:
        _cleanup(env)


def test_detach_false_waits_like_docker(swarm, tmp_path):  # noqa: F811
    """`--detach=false` waits for the service to converge, then the monitor period (1s here), as docker's lines
    in a pipe say; `-q` waits without them."""
    env = swarm.env
    f = tmp_path / "c.yaml"
    f.write_text(f"services:\n  web:\n    image: {TEST_IMAGE}\n    command: sleep 3600\n    stop_grace_period: 1s\n"
                 f"    deploy: {{labels: [{KEY}={VALUE}], update_config: {{monitor: 1s}}}}\n")

    def shape(text):  # repeated poll lines once; the countdown's seconds vary with timing
        lines = [re.sub(r"Waiting \d+ seconds", "Waiting N seconds", line) for line in text.splitlines()]
        lines = [re.sub(r"Service \w+ converged", "Service ID converged", line) for line in lines]
        return [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]

    try:
        d, p = _both(env, "stack", "deploy", "--detach=false", "-c", str(f), "STACK")
        assert d.returncode == 0, d.stderr
        assert (p.returncode, shape(re.sub(P, D, p.stdout)), p.stderr) == (0, shape(d.stdout), d.stderr)
        assert shape(d.stdout)[-1] == "verify: Service ID converged"
        d, p = _both(env, "stack", "deploy", "-q", "-d=false", "-c", str(f), "STACK")
        _same(d, p)
    finally:
        _cleanup(env)


def test_resolve_image_pins_the_registry_digest_like_docker(swarm, tmp_path):  # noqa: F811
    """--resolve-image always (the default) pins the image to its digest in the registry and records its
    platforms; `changed` on an unchanged image keeps what the service has; `never` asks nothing."""
    env = swarm.env
    image = f"127.0.0.1:5000/pydock-stack-{RUN_ID}:v1"
    assert swarm.docker("tag", TEST_IMAGE, image).returncode == 0
    push = swarm.docker("push", "-q", image)
    assert push.returncode == 0, push.stderr
    f = tmp_path / "c.yaml"
    f.write_text(f"services:\n  web:\n    image: {image}\n    command: sleep 3600\n    stop_grace_period: 1s\n"
                 f"    deploy: {{labels: [{KEY}={VALUE}]}}\n")
    try:
        for resolve in ("always", "changed", "never"):
            d, p = _both(env, "stack", "deploy", "--resolve-image", resolve, "-c", str(f), "STACK")
            assert d.returncode == 0, d.stderr
            _same(d, p)
            state = _stack_state(D, env)
            assert _stack_state(P, env) == state
            if resolve == "always":
                assert "@sha256:" in state["service"][0]["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]
                assert state["service"][0]["Spec"]["TaskTemplate"]["Placement"]["Platforms"]
    finally:
        _cleanup(env)
        swarm.docker("rmi", image)


def test_not_a_swarm_manager_like_docker(tmp_path):
    """The test engine itself is no swarm manager: docker's refusal, before anything is created."""
    f = tmp_path / "c.yaml"
    f.write_text(f"services:\n  web:\n    image: {TEST_IMAGE}\n")
    d = run_docker("stack", "deploy", "-c", str(f), "x")
    p = run_pydock("stack", "deploy", "-c", str(f), "x")
    assert d.returncode == 1 and "this node is not a swarm manager" in d.stderr
    assert (p.returncode, p.stdout, p.stderr) == (d.returncode, d.stdout, d.stderr)
