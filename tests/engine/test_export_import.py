"""`export` and `import` beside docker's: the same container exported by both gives the same archive; an archive
imported by both (from a file and from stdin, with changes, a message and a reference) gives images the engine
holds alike (same layer, config, comment); the round trip export -> import -> run works; errors match."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import tarfile
import uuid

import pytest

from tests.conftest import ROOT, run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE

pytestmark = pytest.mark.usefixtures("remove_module_containers")
TAG = uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def container():
    name = f"pdt-export-{TAG}"
    r = run_docker("run", "--name", name, "--label", LABEL, TEST_IMAGE, "sh", "-c",
                   "mkdir -p /data && echo hello > /data/hello && ln -s /data/hello /link")
    assert r.returncode == 0, r
    yield name
    run_docker("rm", "-f", name)


@pytest.fixture(scope="module")
def images():
    made: list[str] = []
    yield made
    for ref in made:
        run_docker("rmi", "-f", ref)


def _export(program: list[str], *args) -> subprocess.CompletedProcess:
    return subprocess.run(program + ["export", *args], capture_output=True, timeout=60, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _members(data: bytes) -> list[tuple]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return sorted((m.name, m.type, m.size, m.linkname, m.mode) for m in tar.getmembers())


def test_export_to_stdout_and_file(container, tmp_path):
    ours_cmd = [sys.executable, "-m", "pydock"]
    theirs, ours = _export(["docker"], container), _export(ours_cmd, container)
    assert theirs.returncode == ours.returncode == 0, (theirs.stderr, ours.stderr)
    assert _members(ours.stdout) == _members(theirs.stdout)
    assert ("data/hello", tarfile.REGTYPE, 6) in [m[:3] for m in _members(ours.stdout)]
    for who, cmd in (("docker", ["docker"]), ("pydock", ours_cmd)):
        out = tmp_path / f"{who}.tar"
        r = _export(cmd, "-o", str(out), container)
        assert r.returncode == 0 and r.stdout == b"", r
        assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert _members((tmp_path / "pydock.tar").read_bytes()) == _members((tmp_path / "docker.tar").read_bytes())
    assert sorted(os.listdir(tmp_path)) == ["docker.tar", "pydock.tar"]  # no temporary file left


@pytest.mark.parametrize("args", [("pdt-no-such-container",), ("-o", "/nonexistent-dir/x.tar", "CONTAINER"),
                                  ("-o", "/tmp", "CONTAINER"), (), ("a", "b")], ids=" ".join)
def test_export_errors(container, args):
    args = tuple(container if a == "CONTAINER" else a for a in args)
    theirs, ours = run_docker("export", *args), run_pydock("export", *args)
    assert ours.returncode == theirs.returncode != 0, (ours, theirs)
    assert ours.stderr.replace("pydock", "docker") == theirs.stderr, (ours, theirs)
    assert ours.stdout == theirs.stdout == ""


def test_export_refuses_a_terminal(container):
    results = {}
    for who, cmd in (("docker", ["docker"]), ("pydock", [sys.executable, "-m", "pydock"])):
        master, slave = pty.openpty()
        p = subprocess.run(cmd + ["export", container], stdout=slave, stderr=subprocess.PIPE, timeout=60, cwd=ROOT)
        os.close(slave)
        os.close(master)
        results[who] = (p.returncode, p.stderr.decode().replace("pydock", "docker"))
    assert results["pydock"] == results["docker"]
    assert results["docker"][0] == 1 and "cowardly refusing" in results["docker"][1]


def _image(ref: str) -> dict:
    import json

    r = run_docker("image", "inspect", ref)
    assert r.returncode == 0, r
    info = json.loads(r.stdout)[0]
    return {"layers": info["RootFS"]["Layers"], "comment": info["Comment"], "cmd": info["Config"]["Cmd"],
            "workdir": info["Config"]["WorkingDir"], "env": info["Config"]["Env"], "labels": info["Config"]["Labels"]}


def test_import_from_file_and_stdin_round_trip(container, images, tmp_path):
    archive = tmp_path / "fs.tar"
    assert _export(["docker"], "-o", str(archive), container).returncode == 0
    changes = ("-c", 'CMD ["cat", "/data/hello"]', "-c", "WORKDIR /data", "-c", "ENV A=1", "-c", f"LABEL {LABEL}")
    refs = {}
    for who, run in (("docker", run_docker), ("pydock", run_pydock)):
        ref = f"pdt-import-{who}-{TAG}:v1"
        r = run("import", *changes, "-m", "imported here", str(archive), ref)
        assert r.returncode == 0 and r.stdout.startswith("sha256:"), r
        images.append(ref)
        refs[who] = ref
        stdin_ref = f"pdt-import-stdin-{who}-{TAG}"
        p = subprocess.run((["docker"] if who == "docker" else [sys.executable, "-m", "pydock"]) +
                           ["import", "-c", f"LABEL {LABEL}", "-", stdin_ref], stdin=open(archive, "rb"),
                           capture_output=True, text=True, timeout=60, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert p.returncode == 0 and p.stdout.startswith("sha256:"), p
        images.append(stdin_ref)
        refs[who + "-stdin"] = stdin_ref
    assert _image(refs["pydock"]) == _image(refs["docker"])
    assert _image(refs["pydock"])["comment"] == "imported here"
    assert _image(refs["pydock-stdin"]) == _image(refs["docker-stdin"])
    r = run_pydock("run", "--rm", refs["pydock"])
    assert (r.returncode, r.stdout) == (0, "hello\n"), r


@pytest.mark.parametrize("args", [("/nonexistent.tar",), ("ARCHIVE", "Bad:Ref"), ("-c", "BOGUS x", "ARCHIVE"),
                                  (), ("/",)], ids=" ".join)
def test_import_errors(container, args, tmp_path):
    archive = tmp_path / "fs.tar"
    assert _export(["docker"], "-o", str(archive), container).returncode == 0
    args = tuple(str(archive) if a == "ARCHIVE" else a for a in args)
    theirs, ours = run_docker("import", *args), run_pydock("import", *args)
    assert ours.returncode == theirs.returncode != 0, (ours, theirs)
    assert ours.stderr.replace("pydock", "docker") == theirs.stderr, (ours, theirs)


def test_import_ignores_arguments_after_the_reference(container, images, tmp_path):
    archive = tmp_path / "fs.tar"
    assert _export(["docker"], "-o", str(archive), container).returncode == 0
    for who, run in (("docker", run_docker), ("pydock", run_pydock)):
        ref = f"pdt-import-extra-{who}-{TAG}"
        images.append(ref)
        r = run("import", str(archive), ref, "extra", "more")
        assert r.returncode == 0 and r.stdout.startswith("sha256:"), r
