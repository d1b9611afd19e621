"""The fault matrix's rows of secondary requests and `compose up` (tests/engine/fault_matrix.md): a fault on one
request of a command that is not its stream (run's start and wait, exec's start and inspect, start -a's start and
wait, the second DELETE of `rm -f`, pull's follow-up inspect), and on `compose up -d`'s start and attached `compose
up`'s attach; docker (docker compose's own binary) and pydock side by side, each through its own relay. The rows,
their assertions and the table are in test_fault_matrix.py (`SECONDARY`, `check_secondary`); this module runs them
beside it, on another pytest-xdist worker. Regenerate the table with FAULT_MATRIX_UPDATE=1 running both modules in
one process (`-p no:xdist`).

Also here: a registry that dies in the middle of a layer and stays dead (pull and push at once: one ~50 s wait).
"""

from __future__ import annotations

import os
import re
import subprocess
import threading

import pytest

from tests.conftest import ROOT, run_docker
from tests.engine.faultrelay import RegistryRelay
from tests.engine.test_fault_matrix import (  # noqa: F401 - fixtures used by name
    PREFIX, REGISTRY, _command, _layer_image, _secondary_cases, check_secondary, recorded, world)

pytestmark = pytest.mark.usefixtures("remove_module_containers")


@pytest.mark.parametrize("cell,kind", list(_secondary_cases()))
def test_secondary_fault(cell, kind, world, recorded, tmp_path):
    check_secondary(cell, kind, recorded, tmp_path)


def test_registry_dies_mid_layer_and_stays_dead(world):
    """The registry dies in the middle of the first layer and never comes back: the daemon retries the layer
    (five times, about 50 s) and gives up. pull and push run at once, each program through its own relay, so the
    test costs one such wait. pydock gives docker's status and docker's last line (the daemon's error), one
    line on stderr, no traceback; nothing is left tagged by the failed pull."""

    cells = [(verb, who) for verb in ("pull", "push") for who in ("docker", "pydock")]
    relays = {cell: RegistryRelay() for cell in cells}
    refs: dict = {}
    results: dict = {}
    try:
        for (verb, who), relay in relays.items():
            name = f"{PREFIX.lower()}-dead-{verb}-{who}:1"
            refs[(verb, who)] = f"127.0.0.1:{relay.port}/{name}"
            if verb == "pull":  # in the registry, not here
                _layer_image(f"{REGISTRY}/{name}")
                assert run_docker("push", "-q", f"{REGISTRY}/{name}", timeout=120).returncode == 0
                run_docker("rmi", f"{REGISTRY}/{name}")
            else:
                _layer_image(refs[(verb, who)])

        def go(cell):
            verb, who = cell
            results[cell] = subprocess.run(_command(who) + [verb, refs[cell]], capture_output=True, text=True,
                                           timeout=150, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                                           stdin=subprocess.DEVNULL)

        threads = [threading.Thread(target=go, args=(cell,)) for cell in cells]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(r.cuts == 1 for r in relays.values()), "the layer transfer was not cut"
        port = re.compile(r"127\.0\.0\.1:\d+|-(docker|pydock)\b|[0-9a-f]{12}")
        for verb in ("pull", "push"):
            theirs, ours = results[(verb, "docker")], results[(verb, "pydock")]
            assert theirs.returncode != 0, theirs
            assert ours.returncode == theirs.returncode, (ours, theirs)
            assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr, ours
            lines = [ln for ln in ours.stderr.splitlines() if ln.strip() and not ln.startswith("hint:")]
            assert len(lines) == 1, ours
            assert port.sub("X", lines[0]) == port.sub("X", theirs.stderr.strip().splitlines()[-1]), (ours, theirs)
        assert run_docker("image", "inspect", refs[("pull", "pydock")]).returncode != 0
    finally:
        for relay in relays.values():
            relay.close()
        for ref in refs.values():
            run_docker("rmi", "-f", ref)
