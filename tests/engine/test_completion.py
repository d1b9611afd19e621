"""TAB on the real engine: container names by state, per command, against what the docker CLI offers
(`docker __complete CMD PREFIX`), through the shipped scripts in real bash, zsh and fish (driven as in
tests/unit/test_completion_scripts.py), and the other object kinds through `pydock __complete`."""

from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import ROOT, run_docker
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.unit.test_completion_scripts import SHELLS, names, run_shell

PREFIX = f"pdtc{uuid.uuid4().hex[:6]}"
STATES = ("created", "running", "paused", "exited")
PATH = f"{ROOT / '.venv' / 'bin'}:/usr/local/bin:/usr/bin:/bin"


@pytest.fixture(scope="module")
def containers():
    made = []
    for state in STATES:
        name = f"{PREFIX}-{state}"
        if state == "created":
            r = run_docker("create", "--label", LABEL, "--name", name, TEST_IMAGE, "sleep", "300")
        else:
            r = run_docker("run", "-d", "--init", "--label", LABEL, "--name", name, TEST_IMAGE,
                           "sh", "-c", "exit 0" if state == "exited" else "sleep 300")
        assert r.returncode == 0, r
        made.append(name)
    assert run_docker("pause", f"{PREFIX}-paused").returncode == 0
    assert run_docker("wait", f"{PREFIX}-exited").returncode == 0
    yield made
    run_docker("rm", "-f", *made)


def docker_names(*args: str) -> list[str]:
    r = run_docker("__complete", *args)
    return sorted(line.split("\t")[0] for line in r.stdout.splitlines()
                  if line and not line.startswith(":") and line.startswith(PREFIX))


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("command", ["start", "stop", "kill", "restart", "pause", "unpause", "exec", "attach",
                                     "logs", "rm", "rm -f", "container rm --force", "port", "top", "wait", "commit",
                                     "diff", "rename", "update", "stats", "container inspect", "container start",
                                     "container stop", "container logs", "network connect net1"])
def test_container_names_by_state_are_dockers(containers, shell, command):
    ours = names(run_shell(shell, f"pydock {command} {PREFIX}", PATH, None))
    assert ours and ours == docker_names(*command.split(), PREFIX), (shell, command)


@pytest.mark.parametrize("shell", SHELLS)
def test_inspect_offers_every_container_where_docker_offers_none(containers, shell):
    """`docker inspect` completes nothing; pydock offers every object (containers here) by name."""
    assert docker_names("inspect", PREFIX) == []
    assert names(run_shell(shell, f"pydock inspect {PREFIX}", PATH, None)) == sorted(containers)


def test_zsh_and_fish_show_image_and_status_beside_containers(containers):
    for shell in ("zsh", "fish"):
        got = run_shell(shell, f"pydock logs {PREFIX}-ex", PATH, None)
        assert len(got) == 1 and got[0].startswith(f"{PREFIX}-exited\t{TEST_IMAGE}, Exited (0)"), (shell, got)


@pytest.mark.parametrize("kind, docker_args", [
    ("networks", ("network", "inspect", "")),
    ("volumes", ("volume", "inspect", "")),
])
def test_other_object_kinds_are_dockers(kind, docker_args):
    """Names of one of each, ours among them; other workers create and remove theirs meanwhile, so ours must
    hold everything docker listed both before and after it, and nothing docker listed at neither time."""
    import subprocess

    name = f"{PREFIX}-{kind}"
    assert run_docker(kind[:-1], "create", "--label", LABEL, name).returncode == 0
    try:
        def theirs() -> set[str]:
            r = run_docker("__complete", *docker_args)
            return {line.split("\t")[0] for line in r.stdout.splitlines() if line and not line.startswith(":")}

        before = theirs()
        ours = set(subprocess.run([str(ROOT / ".venv" / "bin" / "pydock"), "__complete", kind], capture_output=True,
                                  text=True).stdout.split())
        after = theirs()
        assert name in ours and before & after <= ours <= before | after, (sorted(before), sorted(ours), sorted(after))
    finally:
        run_docker(kind[:-1], "rm", name)


def test_images_are_dockers_without_the_untagged():
    """docker offers `<none>:<none>` for untagged images too; pydock leaves those out (not a usable name)."""
    import subprocess

    ours = subprocess.run([str(ROOT / ".venv" / "bin" / "pydock"), "__complete", "images"], capture_output=True,
                          text=True).stdout.split()
    r = run_docker("__complete", "image", "inspect", "")
    theirs = {line.split("\t")[0] for line in r.stdout.splitlines() if line and not line.startswith(":")}
    assert TEST_IMAGE in ours and sorted(ours) == sorted(theirs - {"<none>:<none>"})
