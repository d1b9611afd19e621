"""Swarm mode beyond the per-group modules (issue 14): the top-level `inspect` on swarm objects, and the bad
inputs the issue names (a constraint no node meets, `service create` on a daemon that is no manager, a secret
that exists already), each side by side with docker."""

from __future__ import annotations

import json
import time

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.differential import assert_same
from tests.engine.swarmd import swarm  # noqa: F401  (the fixture)

MAIN = {"DOCKER_HOST": "unix:///var/run/docker.sock"}


@pytest.fixture(scope="module")
def objects(swarm):  # noqa: F811
    """One of each swarm object, named after this run: a service (and so a task), a secret, a config."""
    name = f"pdmisc-{RUN_ID}"
    made = []
    try:
        for kind in ("secret", "config"):
            r = swarm.docker(kind, "create", "--label", LABEL, f"{name}-{kind}", "-", input=b"payload")
            assert r.returncode == 0, r.stderr
            made.append((kind, f"{name}-{kind}"))
        r = swarm.docker("service", "create", "-d", "--name", f"{name}-svc", "--label", LABEL,
                         "--stop-grace-period", "1s", TEST_IMAGE, "sleep", "600")
        assert r.returncode == 0, r.stderr
        made.append(("service", f"{name}-svc"))
        task = ""
        for _ in range(100):
            task = swarm.docker("service", "ps", "-q", "--no-trunc", f"{name}-svc").stdout.decode().split()
            if task:
                break
            time.sleep(0.1)
        node = swarm.docker("info", "--format", "{{.Swarm.NodeID}}").stdout.decode().strip()
        yield {"service": f"{name}-svc", "secret": f"{name}-secret", "config": f"{name}-config", "task": task[0],
               "node": node}
    finally:
        for kind, obj in reversed(made):
            swarm.docker(kind, "rm", obj)


@pytest.mark.parametrize("kind", ["service", "task", "node", "secret", "config"])
def test_inspect_finds_swarm_objects_as_docker(swarm, objects, kind):  # noqa: F811
    ref = objects[kind]
    assert_same("inspect", ref, env=swarm.env)
    assert_same("inspect", "--type", kind, ref, env=swarm.env)
    field = {"task": "{{.Slot}}", "node": "{{json .Spec.Role}}"}.get(kind, "{{json .Spec.Name}}")
    assert_same("inspect", "--format", "{{.ID}} " + field, ref, env=swarm.env)
    assert_same("inspect", "-s", "--format", "{{.ID}}", ref, env=swarm.env)  # the --size warning


def test_inspect_on_a_daemon_that_is_no_manager(objects):
    assert_same("inspect", objects["service"], env=MAIN)  # not looked for: No such object
    assert_same("inspect", "--type", "service", objects["service"], env=MAIN)  # the daemon's 503


def test_a_constraint_no_node_meets(swarm):  # noqa: F811
    """docker creates the service; its task stays pending with the scheduler's reason, nothing hangs."""
    names = {"docker": f"pdnever-{RUN_ID}-d", "pydock": f"pdnever-{RUN_ID}-p"}
    try:
        for client, name in names.items():
            run = run_docker if client == "docker" else run_pydock
            r = run("service", "create", "-d", "-q", "--name", name, "--label", LABEL, "--constraint",
                    "node.labels.pydock-nowhere==1", TEST_IMAGE, "sleep", "600", env=swarm.env, timeout=60)
            assert r.returncode == 0 and len(r.stdout.strip()) == 25, r
        states = {}
        for client, name in names.items():
            for _ in range(100):
                tasks = json.loads(swarm.docker("service", "ps", "--format", "{{json .}}", name).stdout.decode()
                                   .splitlines()[0] or "{}") if swarm.docker("service", "ps", "-q", name).stdout.strip() else {}
                if tasks.get("Error"):
                    break
                time.sleep(0.1)
            states[client] = (tasks.get("DesiredState"), tasks.get("CurrentState", "").split(" ")[0], tasks.get("Error"))
        assert states["pydock"] == states["docker"]
        assert states["docker"][2].startswith('"no suitable node (scheduling')  # cut at 30 columns, as docker's table
        ours = run_pydock("service", "ps", "--format", "{{.Error}}", names["pydock"], env=swarm.env)
        theirs = run_docker("service", "ps", "--format", "{{.Error}}", names["pydock"], env=swarm.env)
        assert ours.stdout == theirs.stdout and ours.returncode == theirs.returncode == 0
    finally:
        swarm.docker("service", "rm", *names.values())


def test_service_create_on_a_daemon_that_is_no_manager():
    out = assert_same("service", "create", "-d", "--name", f"pdnomgr-{RUN_ID}", TEST_IMAGE, "true", env=MAIN)
    assert out.returncode == 1 and "not a swarm manager" in out.stderr


def test_a_secret_that_exists_already(swarm):  # noqa: F811
    name = f"pddup-{RUN_ID}"
    r = swarm.docker("secret", "create", "--label", LABEL, name, "-", input=b"one")
    assert r.returncode == 0, r.stderr
    try:
        out = assert_same("secret", "create", name, "-", input="two", env=swarm.env)
        assert out.returncode == 1 and "already exists" in out.stderr
    finally:
        swarm.docker("secret", "rm", name)


def test_service_create_pins_the_registry_digest_as_docker(swarm):  # noqa: F811
    """An image the registry (127.0.0.1:5000) knows: docker's client pins its digest and platforms; so does
    pydock's (the descriptor the daemon returns has lower-case keys)."""
    image = f"127.0.0.1:5000/pdsvcdig-{RUN_ID}:v1"
    for args in (("tag", TEST_IMAGE, image), ("push", "-q", image)):
        r = run_docker(*args)
        assert r.returncode == 0, r.stderr
    names = {"docker": f"pddig-{RUN_ID}-d", "pydock": f"pddig-{RUN_ID}-p"}
    try:
        specs = {}
        for client, name in names.items():
            run = run_docker if client == "docker" else run_pydock
            r = run("service", "create", "-d", "-q", "--name", name, "--label", LABEL, image, "sleep", "600",
                    env=swarm.env, timeout=60)
            assert r.returncode == 0, r.stderr
            specs[client] = swarm.docker("service", "inspect", "--format",
                                         "{{.Spec.TaskTemplate.ContainerSpec.Image}} {{json .Spec.TaskTemplate.Placement}}",
                                         name).stdout.decode()
        assert specs["pydock"] == specs["docker"]
        assert f"{image}@sha256:" in specs["docker"]
    finally:
        swarm.docker("service", "rm", *names.values())
        run_docker("rmi", image)
