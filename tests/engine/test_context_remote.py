"""Contexts for remote endpoints, against docker's: `context create/update --docker host=tcp://...,ca=,cert=,
key=,skip-tls-verify=`, `context export/import` both ways between the two programs, and `context ls`'s
ERROR column; each context used for real against the TLS endpoint (tlsd.py) by both programs."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile

import pytest

from tests.conftest import ROOT, _env, run_docker, run_pydock
from tests.engine.conftest import TEST_IMAGE
from tests.engine.test_context import Twins
from tests.engine.tlsd import tls_daemon, tls_pki  # noqa: F401 (fixtures)

CLEAN = {"DOCKER_TLS_VERIFY": None, "DOCKER_TLS": None, "DOCKER_CERT_PATH": None}
PYDOCK = [sys.executable, "-m", "pydock"]


def run_bytes(cmd: list[str], *args: str, env: dict, input: bytes | None = None) -> subprocess.CompletedProcess:
    """A program with bytes in and out (an archive on stdin or stdout)."""
    return subprocess.run([*cmd, *args], input=input, capture_output=True, env=_env({**CLEAN, **env}), cwd=ROOT)


@pytest.fixture
def twins(tmp_path):
    return Twins(tmp_path)


def tls_spec(pki, host: str, **extra) -> str:
    items = {"host": host, "ca": pki.ca, "cert": pki.client, "key": pki.client_key, **extra}
    return ",".join(f"{k}={v}" for k, v in items.items() if v is not None)


# Go's http transport names its read loop when the server's TLS alert arrives there rather than in the write:
# `readLoopPeekFailLocked: remote error: tls: bad certificate`, now and then; the same failure either way
GO_READ_LOOP = "readLoopPeekFailLocked: "


def use(config_dir, context: str, *args: str):
    """The same command through docker and pydock on one config dir: (docker, pydock)."""
    env = {**CLEAN, "DOCKER_CONFIG": str(config_dir)}
    for _ in range(3):  # docker's TLS races: see test_remote_tls.both
        theirs = run_docker("--context", context, *args, env=env)
        if "connection reset by peer" not in theirs.stderr:
            break
    theirs.stderr = theirs.stderr.replace(GO_READ_LOOP, "")
    return theirs, run_pydock("--context", context, *args, env=env)


def assert_works_with_both(config_dir, context: str):
    theirs, ours = use(config_dir, context, "images", "--format", "{{.Repository}}:{{.Tag}}")
    assert theirs.returncode == 0, theirs.stderr
    assert (ours.returncode, ours.stdout, ours.stderr) == (0, theirs.stdout, "")
    assert TEST_IMAGE in ours.stdout


def test_create_with_tls_material_both_ways(tls_pki, tls_daemon, twins):
    """The same files as docker's (meta.json, tls/<digest>/docker/{ca,cert,key}.pem, their modes), and
    a context made by either program works in both."""
    spec = tls_spec(tls_pki, tls_daemon.host)
    twins.run("context", "create", "remote", "--description", "TLS engine", "--docker", spec, expect=0)
    twins.assert_same_files()
    digest = hashlib.sha256(b"remote").hexdigest()
    assert sorted(p.name for p in (twins.ours / "contexts" / "tls" / digest / "docker").iterdir()) == [
        "ca.pem", "cert.pem", "key.pem"]
    for made_by in (twins.theirs, twins.ours):
        assert_works_with_both(made_by, "remote")
    twins.run("context", "ls", env=CLEAN, expect=0)
    twins.run("context", "inspect", "remote", expect=0)


def test_skip_tls_verify(tls_pki, tls_daemon, twins):
    """skip-tls-verify with a client certificate and no CA: TLS without verification; without the
    client certificate the server refuses it, in docker's words."""
    twins.run("context", "create", "insecure", "--docker",
              tls_spec(tls_pki, tls_daemon.host, ca=None, **{"skip-tls-verify": "true"}), expect=0)
    twins.run("context", "create", "nocert", "--docker",
              f"host={tls_daemon.host},skip-tls-verify=true", expect=0)
    twins.assert_same_files()
    assert_works_with_both(twins.ours, "insecure")
    theirs, ours = use(twins.ours, "nocert", "ps")
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (
        1, "the server probably has client authentication (--tlsverify) enabled; check your TLS client certification "
           f"settings: Get \"https://127.0.0.1:{tls_daemon.port}/v1.50/containers/json\": remote error: tls: bad certificate\n")


def test_update(tls_pki, tls_daemon, twins):
    twins.run("context", "create", "cc", "--docker", f"host={tls_daemon.host}", expect=0)
    theirs, ours = use(twins.ours, "cc", "ps")  # no TLS material: plain HTTP to the TLS port
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (
        1, "Error response from daemon: Client sent an HTTP request to an HTTPS server.\n")
    twins.run("context", "update", "cc", "--description", "now with TLS", "--docker",
              tls_spec(tls_pki, tls_daemon.host), expect=0)
    twins.assert_same_files()
    assert_works_with_both(twins.ours, "cc")
    for bad in ("host=tcp://127.0.0.1:1,foo=1", f"host={tls_daemon.host},key=/nonexistent/key.pem",
                tls_spec(tls_pki, tls_daemon.host, key=tls_pki.stray_key),
                tls_spec(tls_pki, tls_daemon.host, ca=tls_pki.client_key)):
        twins.run("context", "update", "cc", "--docker", bad, expect=1)
    twins.run("context", "update", "nope", "--description", "x", expect=1)
    twins.run("context", "update", "default", "--description", "x", expect=1)
    twins.assert_same_files()  # a refused update leaves the context as it was
    twins.run("context", "update", "cc", "--docker", "host=tcp://127.0.0.1:1", expect=0)  # TLS files dropped
    twins.assert_same_files()


def _members(data: bytes) -> list[tuple[str, bytes]]:
    # docker's archive ends after the last file's data (see pydock/cli/context/_archive.py): pad it
    padded = data + b"\0" * (-len(data) % 512) + b"\0" * 1024
    with tarfile.open(fileobj=io.BytesIO(padded)) as tar:
        return [(m.name.rstrip("/"), tar.extractfile(m).read() if m.isreg() else b"") for m in tar]


def test_export_import_both_ways(tls_pki, tls_daemon, tmp_path, twins):
    """docker's archive imported by pydock and pydock's by docker; the context works in both."""
    for d in (twins.theirs, twins.ours):
        env = {"DOCKER_CONFIG": str(d)}
        assert run_docker("context", "create", "remote", "--description", "TLS engine", "--docker",
                          tls_spec(tls_pki, tls_daemon.host), env=env).returncode == 0
    for who, run, d in (("docker", run_docker, twins.theirs), ("pydock", run_pydock, twins.ours)):
        r = run("context", "export", "remote", str(tmp_path / f"by-{who}.tar"), env={"DOCKER_CONFIG": str(d)})
        assert (r.returncode, r.stdout, r.stderr) == (0, "", f"Written file \"{tmp_path}/by-{who}.tar\"\n")
    docker_tar = (tmp_path / "by-docker.tar").read_bytes()
    pydock_tar = (tmp_path / "by-pydock.tar").read_bytes()
    assert _members(pydock_tar) == _members(docker_tar)
    # to stdout: the same archive as to a file; to an existing file: refused (O_EXCL), the file untouched
    theirs = run_bytes(["docker"], "context", "export", "remote", "-", env={"DOCKER_CONFIG": str(twins.theirs)})
    ours = run_bytes(PYDOCK, "context", "export", "remote", "-", env={"DOCKER_CONFIG": str(twins.ours)})
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (0, b"")
    assert ours.stdout == pydock_tar and _members(theirs.stdout) == _members(docker_tar)
    twins.run("context", "export", "remote", str(tmp_path / "by-docker.tar"), expect=1)
    assert (tmp_path / "by-docker.tar").read_bytes() == docker_tar
    assert [n for n, _ in _members(pydock_tar)] == ["meta.json", "tls", "tls/docker", "tls/docker/ca.pem",
                                                     "tls/docker/cert.pem", "tls/docker/key.pem"]
    # each imports the other's archive, and both programs use the result
    shared = tmp_path / "shared"
    shared.mkdir()
    env = {"DOCKER_CONFIG": str(shared)}
    r = run_pydock("context", "import", "from-docker", str(tmp_path / "by-docker.tar"), env=env)
    assert (r.returncode, r.stdout, r.stderr) == (0, "from-docker\n", 'Successfully imported context "from-docker"\n')
    r = run_docker("context", "import", "from-pydock", str(tmp_path / "by-pydock.tar"), env=env)
    assert r.returncode == 0, r.stderr
    for name in ("from-docker", "from-pydock"):
        assert_works_with_both(shared, name)
    theirs = run_docker("context", "inspect", "from-pydock", env=env).stdout
    ours = run_docker("context", "inspect", "from-docker", env=env).stdout
    assert json.loads(ours)[0]["Endpoints"] == json.loads(theirs)[0]["Endpoints"]
    assert json.loads(ours)[0]["TLSMaterial"] == {"docker": ["ca.pem", "cert.pem", "key.pem"]}
    # from stdin
    p = run_bytes(PYDOCK, "context", "import", "from-stdin", "-", env=env, input=docker_tar)
    assert (p.returncode, p.stdout) == (0, b"from-stdin\n"), p.stderr
    assert_works_with_both(shared, "from-stdin")


def _tar(entries) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


META = json.dumps({"Name": "x", "Metadata": {"Description": "d"},
                   "Endpoints": {"docker": {"Host": "tcp://127.0.0.1:1", "SkipTLSVerify": False}}}).encode()


@pytest.mark.parametrize("content", [
    b"garbage\n", b"", _tar([("tls/docker/ca.pem", b"x")]), _tar([("meta.json", META), ("tls/../x", b"x")]),
    _tar([("meta.json", b"{nope")]), _tar([("meta.json", META), ("tls/ca.pem", b"x")]),
], ids=["garbage", "empty", "no-meta", "path-format", "bad-json", "shallow-tls"])
def test_import_errors(tmp_path, twins, content):
    (tmp_path / "a.tar").write_bytes(content)
    twins.run("context", "import", "imported", str(tmp_path / "a.tar"), expect=1)
    # docker stores meta.json before it finds the bad entry after it: pydock creates nothing
    assert not (twins.ours / "contexts").exists()


def test_import_refusals(tmp_path, twins):
    (tmp_path / "a.tar").write_bytes(_tar([("meta.json", META)]))
    twins.run("context", "create", "taken", "--docker", "host=tcp://127.0.0.1:1", expect=0)
    for args in (("taken", "a.tar"), ("default", "a.tar"), ("bad name", "a.tar"), ("fine", "missing.tar")):
        twins.run("context", "import", args[0], str(tmp_path / args[1]), expect=1)
    twins.run("context", "import", "fine", str(tmp_path / "a.tar"), expect=0)
    twins.assert_same_files()
    theirs = run_docker("context", "export", "nope", str(tmp_path / "d.tar"), env={"DOCKER_CONFIG": str(twins.theirs)})
    ours = run_pydock("context", "export", "nope", str(tmp_path / "p.tar"), env={"DOCKER_CONFIG": str(twins.ours)})
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout) == (1, "")
    assert ours.stderr == theirs.stderr.replace(str(twins.theirs), str(twins.ours))
    assert (tmp_path / "d.tar").stat().st_size == 0  # docker leaves an empty file there; pydock does not
    assert not (tmp_path / "p.tar").exists()


def test_ls_error_column_and_unresolvable_endpoints(twins):
    """An endpoint that cannot be resolved: a context without a docker endpoint, a null one, a current
    context that is not there (rows with ERROR); a meta.json of the wrong shape (every command fails)."""
    def store(name: str, meta) -> None:
        for d in (twins.theirs, twins.ours):
            m = d / "contexts" / "meta" / hashlib.sha256(name.encode()).hexdigest()
            m.mkdir(parents=True, exist_ok=True)
            (m / "meta.json").write_text(meta if isinstance(meta, str) else json.dumps(meta))

    store("noep", {"Name": "noep", "Metadata": {}, "Endpoints": {}})
    store("nullep", {"Name": "nullep", "Metadata": {}, "Endpoints": {"docker": None}})
    twins.write_config({"currentContext": "gone"})
    twins.run("context", "ls", env=CLEAN, expect=0)
    twins.run("context", "ls", "--format", "{{.Name}}|{{.Error}}", env=CLEAN, expect=0)
    for name in ("noep", "nullep", "gone"):
        twins.run("--context", name, "ps", env=CLEAN, expect=1)
        twins.run("context", "inspect", name, env=CLEAN)
    store("badhost", {"Name": "badhost", "Metadata": {}, "Endpoints": {"docker": {"Host": 5}}})
    twins.run("context", "ls", env=CLEAN, expect=1)
    twins.run("--context", "badhost", "ps", env=CLEAN, expect=1)
    store("badhost", '{"Name":"badhost","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://x:1"}}')
    twins.run("context", "ls", env=CLEAN, expect=1)
    twins.run("--context", "badhost", "ps", env=CLEAN, expect=1)
