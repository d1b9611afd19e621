"""`system prune` beside docker's. The daemon is shared with other test workers, so every prune here is scoped with
a label filter to objects of its own: docker and pydock each get the same set (a stopped container, an unused
network, an unused volume, a dangling image), labelled apart, and prune them with the same flags. Compared: the
prompt, the sections and their line counts (ids differ), the exit status, and that exactly those objects are gone.
The prompt's text for every flag combination is compared without pruning (answered `n`)."""

from __future__ import annotations

import io
import re
import tarfile
import uuid

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE

pytestmark = pytest.mark.usefixtures("remove_module_containers")


def _objects(scope: str) -> dict[str, str]:
    """A stopped container, an unused network and volume, a dangling image, all labelled `scope`."""
    name = f"pdt-prune-{uuid.uuid4().hex[:8]}"
    made = {}
    for volume in (name, f"{name}-used"):  # each with some bytes in it
        r = run_docker("volume", "create", "--label", LABEL, "--label", scope, volume)
        assert r.returncode == 0, r
        r = run_docker("run", "--rm", "--label", LABEL, "-v", f"{volume}:/v", TEST_IMAGE, "sh", "-c",
                       "echo some bytes > /v/f")
        assert r.returncode == 0, r
    made["volume"], made["volume-used"] = name, f"{name}-used"
    r = run_docker("run", "--name", name, "--label", LABEL, "--label", scope, "-v", f"{name}-used:/data", TEST_IMAGE,
                   "sh", "-c", "echo written > /f")
    assert r.returncode == 0, r
    made["container"] = run_docker("inspect", "-f", "{{.Id}}", name).stdout.strip()
    r = run_docker("network", "create", "--label", LABEL, "--label", scope, name)
    assert r.returncode == 0, r
    made["network"] = name
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        data = uuid.uuid4().bytes
        info = tarfile.TarInfo("unique")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    import subprocess

    p = subprocess.run(["docker", "import", "--change", f"LABEL {LABEL}", "--change", f"LABEL {scope}", "-"],
                       input=buf.getvalue(), capture_output=True, timeout=60)
    assert p.returncode == 0, p
    made["image"] = p.stdout.decode().strip()
    return made


def _gone(made: dict[str, str]) -> dict[str, bool]:
    return {kind: run_docker(*({"container": (), "network": ("network",), "volume": ("volume",),
                                "volume-used": ("volume",), "image": ("image",)}[kind]), "inspect", ident).returncode != 0
            for kind, ident in made.items()}


def _shape(text: str) -> str:
    """The output with ids, names and sizes as tokens: sections and line counts stay; the lines of a section
    sorted (the daemon lists what it removed in its map's order)."""
    text = re.sub(r"sha256:[0-9a-f]{64}|[0-9a-f]{64}|pdt-prune-[0-9a-f]{8}", "ID", text)
    text = re.sub(r"space: [0-9.]+[kMG]?B", "space: SIZE", text)
    return "\n\n".join("\n".join(block.split("\n")[:1] + sorted(block.split("\n")[1:]))
                       for block in text.split("\n\n"))


@pytest.mark.parametrize("flags", [("--volumes",), ("-a", "--volumes")], ids=" ".join)
def test_prune_removes_what_docker_removes(flags):
    scopes = {who: f"pydock.test.prune={uuid.uuid4().hex[:10]}" for who in ("docker", "pydock")}
    made = {who: _objects(scope) for who, scope in scopes.items()}
    try:
        theirs = run_docker("system", "prune", "-f", *flags, "--filter", f"label={scopes['docker']}", timeout=120)
        ours = run_pydock("system", "prune", "-f", *flags, "--filter", f"label={scopes['pydock']}", timeout=120)
        assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr), (ours, theirs)
        assert _shape(ours.stdout) == _shape(theirs.stdout), (ours.stdout, theirs.stdout)
        for section in ("Deleted Containers:", "Deleted Networks:", "Deleted Volumes:", "Deleted Images:"):
            assert section in ours.stdout, ours.stdout
        assert made["pydock"]["container"] in ours.stdout and made["pydock"]["image"] in ours.stdout
        assert _gone(made["pydock"]) == _gone(made["docker"]) == dict.fromkeys(made["pydock"], True)
    finally:
        for objs in made.values():
            run_docker("rm", "-f", objs["container"])
            run_docker("network", "rm", objs["network"])
            run_docker("volume", "rm", objs["volume"], objs["volume-used"])
            run_docker("rmi", objs["image"])


@pytest.mark.parametrize("flags", [(), ("-a",), ("--volumes",), ("-a", "--volumes", "--filter", "label=a=b"),
                                   ("--filter", "until=2h", "--filter", "label!=keep", "--filter", "label=x")],
                         ids=lambda f: " ".join(f) or "plain")
def test_prompt_declined_as_docker(flags):
    theirs = run_docker("system", "prune", *flags, input="n\n")
    ours = run_pydock("system", "prune", *flags, input="n\n")
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_prompt_with_config_prune_filters(tmp_path):
    (tmp_path / "config.json").write_text('{"pruneFilters": ["label=from-config", "until=10m"]}')
    for extra in ((), ("--filter", "label!=other")):  # docker adds the configured label only beside a `label!`
        theirs = run_docker("--config", str(tmp_path), "system", "prune", *extra, input="")
        ours = run_pydock("--config", str(tmp_path), "system", "prune", *extra, input="")
        assert "until=10m" in theirs.stdout
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


@pytest.mark.parametrize("args", [("--volumes", "--filter", "until=1h"), ("extra",), ("--filter", "nope")],
                         ids=" ".join)
def test_errors_as_docker(args):
    theirs = run_docker("system", "prune", "-f", *args)
    ours = run_pydock("system", "prune", "-f", *args)
    assert ours.returncode == theirs.returncode != 0, (ours, theirs)
    assert ours.stderr.replace("pydock", "docker") == theirs.stderr, (ours, theirs)


def _sections(text: str) -> dict[str, set[str]]:
    """Report sections (`Deleted Containers:` / `Would delete Containers:`) as title -> set of lines."""
    out: dict[str, set[str]] = {}
    title = None
    for line in text.splitlines():
        if line.endswith(":") and (line.startswith("Deleted ") or line.startswith("Would delete ")):
            title = line.split(" ", 2)[-1][:-1] if line.startswith("Would") else line[len("Deleted "):-1]
            out[title] = set()
        elif not line:
            title = None
        elif title is not None:
            out[title].add(line)
    return out


@pytest.mark.parametrize("command", [("system", "prune", "--volumes"), ("system", "prune", "-a", "--volumes"),
                                     ("container", "prune"), ("image", "prune"), ("volume", "prune"),
                                     ("network", "prune")], ids=" ".join)
def test_dry_run_lists_what_prune_removes(command):
    """pydock's own: `--dry-run` changes nothing and names exactly what the prune then removes, with the space."""
    scope = f"pydock.test.prune={uuid.uuid4().hex[:10]}"
    made = _objects(scope)
    try:
        dry = run_pydock(*command, "--dry-run", "--filter", f"label={scope}", timeout=120)
        assert dry.returncode == 0 and dry.stderr == "", dry
        assert _gone(made) == dict.fromkeys(made, False), "the dry run removed something"
        real = run_pydock(*command, "-f", "--filter", f"label={scope}", timeout=120)
        assert real.returncode == 0, real
        # the build cache is the daemon's, not this test's (the daemon ignores label filters there, and other
        # workers' builds come and go): its section is left out of the comparison, and so is the space
        planned, pruned = _sections(dry.stdout), _sections(real.stdout)
        cache = planned.pop("build cache objects", None), pruned.pop("build cache objects", None)
        assert planned == pruned, (dry.stdout, real.stdout)
        assert pruned, real.stdout  # something was pruned
        if command[0] == "network":  # docker's network prune reports no space
            assert dry.stdout.endswith("\nDry run: nothing was removed\n"), dry.stdout
            return
        space = re.search(r"Total reclaimable space: (\S+) \(dry run: nothing was removed\)", dry.stdout)
        assert space, dry.stdout
        if cache == (None, None):
            assert f"Total reclaimed space: {space.group(1)}" in real.stdout, (dry.stdout, real.stdout)
    finally:
        run_docker("rm", "-f", made["container"])
        run_docker("network", "rm", made["network"])
        run_docker("volume", "rm", made["volume"], made["volume-used"])
        run_docker("rmi", made["image"])


def test_dry_run_errors_as_the_daemon():
    for args in (("container", "prune", "--filter", "nope=1"), ("image", "prune", "--filter", "until=xx"),
                 ("volume", "prune", "--filter", "until=1h"), ("system", "prune", "--volumes", "--filter", "until=1h"),
                 ("network", "prune", "--filter", "until=1h", "--filter", "until=2h")):
        theirs = run_docker(*args, "-f", "--filter", "label=pydock.test.none")
        ours = run_pydock(*args, "--dry-run", "--filter", "label=pydock.test.none")
        assert ours.returncode == theirs.returncode != 0, (args, ours, theirs)
        assert ours.stderr == theirs.stderr, (args, ours, theirs)
