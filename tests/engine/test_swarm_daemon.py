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
