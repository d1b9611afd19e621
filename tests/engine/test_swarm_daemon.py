"""The swarm daemon of the tests' own (tests/engine/swarmd.py): a manager, with the test image, beside an
untouched main daemon."""

from __future__ import annotations

import json
import subprocess

from tests.engine.conftest import TEST_IMAGE
from tests.engine.swarmd import swarm  # noqa: F401  (the fixture)


def test_the_swarm_daemon_is_a_manager_with_the_test_image(swarm):  # noqa: F811
    info = json.loads(swarm.docker("info", "--format", "{{json .Swarm}}").stdout)
    assert info["LocalNodeState"] == "active" and info["ControlAvailable"] is True
    assert swarm.docker("image", "inspect", TEST_IMAGE).returncode == 0


def test_the_main_daemon_stays_out_of_swarm_mode(swarm):  # noqa: F811
    main = subprocess.run(["docker", "-H", "unix:///var/run/docker.sock", "info", "--format", "{{.Swarm.LocalNodeState}}"],
                          capture_output=True, text=True, check=True)
    assert main.stdout.strip() == "inactive"
    assert swarm.host != "unix:///var/run/docker.sock"


def test_tab_offers_the_swarm_objects_by_name(swarm):  # noqa: F811
    from tests.conftest import run_pydock
    from tests.engine.conftest import LABEL, RUN_ID

    name = f"pdcomp-{RUN_ID}"
    made = []
    try:
        r = swarm.docker("secret", "create", "--label", LABEL, f"{name}-s", "-", input=b"x")
        assert r.returncode == 0, r.stderr
        made.append(("secret", f"{name}-s"))
        r = swarm.docker("config", "create", "--label", LABEL, f"{name}-c", "-", input=b"x")
        assert r.returncode == 0, r.stderr
        made.append(("config", f"{name}-c"))
        r = swarm.docker("service", "create", "-d", "--name", f"{name}-v", "--label", LABEL,
                         "--label", f"com.docker.stack.namespace={name}-k", TEST_IMAGE, "sleep", "600")
        assert r.returncode == 0, r.stderr
        made.append(("service", f"{name}-v"))
        hostname = swarm.docker("info", "--format", "{{.Name}}").stdout.decode().strip()
        for kind, want in (("secrets", f"{name}-s"), ("configs", f"{name}-c"), ("swarm-services", f"{name}-v"),
                           ("stacks", f"{name}-k"), ("nodes", hostname)):
            out = run_pydock("__complete", kind, env=swarm.env).stdout.splitlines()
            assert want in out, (kind, out)
        # the main daemon is no manager: nothing offered, nothing printed on stderr
        plain = run_pydock("__complete", "secrets", env={"DOCKER_HOST": "unix:///var/run/docker.sock"})
        assert (plain.returncode, plain.stdout, plain.stderr) == (0, "", "")
    finally:
        for kind, obj in reversed(made):
            swarm.docker(kind, "rm", obj)
