"""`pydock context ...` against docker's, each in its own temporary config dir (DOCKER_CONFIG).

Both programs run the same steps, docker in one directory and pydock in a twin; outputs are compared
with the directory names mapped, then the files they wrote (config.json, contexts/) are compared too.
"""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.differential import as_pydock


class Twins:
    def __init__(self, tmp_path):
        self.theirs = tmp_path / "docker"
        self.ours = tmp_path / "pydock"
        self.theirs.mkdir()
        self.ours.mkdir()

    def run(self, *args: str, env: dict | None = None, input: str | None = None, expect: int | None = None):
        """Run a step with both; assert the same status, stdout and stderr (paths mapped)."""
        theirs = run_docker(*args, env={**(env or {}), "DOCKER_CONFIG": str(self.theirs)}, input=input)
        ours = run_pydock(*args, env={**(env or {}), "DOCKER_CONFIG": str(self.ours)}, input=input)
        mapped = (theirs.returncode, theirs.stdout.replace(str(self.theirs), str(self.ours)),
                  as_pydock(theirs.stderr.replace(str(self.theirs), str(self.ours))))
        assert (ours.returncode, ours.stdout, ours.stderr) == mapped, f"\ndocker: {theirs}\npydock: {ours}"
        if expect is not None:
            assert ours.returncode == expect, ours
        return ours

    def files(self, root) -> dict:
        out = {}
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if rel.startswith("config.json") and rel != "config.json":
                    continue  # a leftover temporary file would show here
                with open(path, "rb") as f:
                    out[rel] = (stat.S_IMODE(os.stat(path).st_mode), f.read())
        return out

    def assert_same_files(self):
        assert self.files(self.ours) == self.files(self.theirs)

    def write_config(self, data: dict, mode: int = 0o600):
        for d in (self.theirs, self.ours):
            (d / "config.json").write_text(json.dumps(data))
            os.chmod(d / "config.json", mode)


@pytest.fixture
def twins(tmp_path):
    return Twins(tmp_path)


def test_fresh_config(twins):
    twins.run("context", "ls")
    twins.run("context", "ls", "-q")
    twins.run("context", "ls", "--format", "json")
    twins.run("context", "show")
    twins.run("context", "inspect")
    twins.run("context", "inspect", "default", "-f", "json")
    twins.assert_same_files()


def test_lifecycle(twins):
    twins.run("context", "create", "pdtD-a", "--docker", "host=unix:///var/run/docker.sock", "--description", "hello",
              expect=0)
    twins.run("context", "create", "pdtD-b", "--docker", "host=tcp://1.2.3.4:2375,skip-tls-verify=true", expect=0)
    twins.run("context", "create", "pdtD-c", "--docker", "host=ssh://me@example.com/run/docker.sock")
    twins.run("context", "create", "pdtD-d")  # a copy of the current context (default)
    twins.run("context", "create", "pdtD-e", "--from", "pdtD-a", "--description", "copied")
    twins.run("context", "create", "pdtD-f", "--docker", "from=pdtD-b")
    twins.run("context", "create", "pdtD-g", "--docker", "skip-tls-verify=1", "--docker", "host=unix:///x")
    twins.run("context", "create", "pdtD-a", "--docker", "host=unix:///y", expect=1)
    twins.assert_same_files()
    twins.run("context", "ls")
    twins.run("context", "ls", "--format", "json")
    twins.run("context", "ls", "--format", "{{.Name}}|{{.Current}}|{{.DockerEndpoint}}|{{.Description}}")
    twins.run("context", "inspect", "pdtD-a", "pdtD-b", "pdtD-d", "pdtD-f", "pdtD-g")
    twins.run("context", "inspect", "-f", "{{.Name}} {{.Metadata.Metadata.Description}} {{.Endpoints.docker.Host}}",
              "pdtD-a", "pdtD-e")
    twins.run("context", "inspect", "-f", "{{json .}}", "pdtD-a")
    twins.run("context", "use", "pdtD-a", expect=0)
    twins.assert_same_files()
    twins.run("context", "show")
    twins.run("context", "ls")
    twins.run("context", "inspect")
    twins.run("context", "rm", "pdtD-a", expect=1)  # in use
    twins.run("context", "rm", "pdtD-b", "pdtD-nope", "default", "pdtD-c", expect=1)
    twins.run("context", "rm", "-f", "pdtD-a", "pdtD-nope2", expect=0)  # forced: unsets the current context
    twins.assert_same_files()
    twins.run("context", "show")
    twins.run("context", "remove", "pdtD-d", "pdtD-e", "pdtD-f", "pdtD-g")
    twins.run("context", "ls")
    twins.assert_same_files()


def test_use_keeps_config_keys_and_mode(twins):
    config = {"auths": {"example.com": {"auth": "dTpw"}}, "HttpHeaders": {"X-A": "<b>"}, "psFormat": "table {{.ID}}",
              "proxies": {"default": {"httpProxy": "http://p:3128"}}}
    twins.write_config(config, mode=0o640)
    twins.run("context", "create", "pdtD-a", "--docker", "host=unix:///var/run/docker.sock")
    twins.run("context", "use", "pdtD-a", expect=0)
    twins.assert_same_files()  # docker re-encodes known keys in its own order; these are already in it
    twins.run("context", "use", "default", expect=0)
    twins.assert_same_files()
    assert stat.S_IMODE(os.stat(twins.ours / "config.json").st_mode) == 0o640


def test_use_preserves_unknown_keys(twins):
    """docker drops keys it has no field for; pydock keeps every key, in place (our one difference)."""
    path = twins.ours / "config.json"
    path.write_text(json.dumps({"zz-custom": {"keep": [1, 2]}, "psFormat": "x", "currentContext": "old"}))
    r = run_pydock("context", "create", "pdtD-a", env={"DOCKER_CONFIG": str(twins.ours)})
    assert r.returncode == 1 and 'context "old": context not found' in r.stderr  # a copy of the missing current one
    r = run_pydock("context", "create", "pdtD-b", "--docker", "host=unix:///x", env={"DOCKER_CONFIG": str(twins.ours)})
    assert r.returncode == 0, r
    r = run_pydock("context", "use", "pdtD-b", env={"DOCKER_CONFIG": str(twins.ours)})
    assert r.returncode == 0 and r.stdout == "pdtD-b\n", r
    data = json.loads(path.read_text())
    assert list(data) == ["auths", "zz-custom", "psFormat", "currentContext"]
    assert data["zz-custom"] == {"keep": [1, 2]} and data["currentContext"] == "pdtD-b"
    run_pydock("context", "use", "default", env={"DOCKER_CONFIG": str(twins.ours)})
    assert "currentContext" not in json.loads(path.read_text())
    assert not [p for p in os.listdir(twins.ours) if p.startswith("config.json") and p != "config.json"]


def test_use_writes_through_a_symlink(twins, tmp_path):
    real = tmp_path / "real-config.json"
    real.write_text("{}")
    os.symlink(real, twins.ours / "config.json")
    run_pydock("context", "create", "pdtD-a", "--docker", "host=unix:///x", env={"DOCKER_CONFIG": str(twins.ours)})
    r = run_pydock("context", "use", "pdtD-a", env={"DOCKER_CONFIG": str(twins.ours)})
    assert r.returncode == 0, r
    assert os.path.islink(twins.ours / "config.json")
    assert json.loads(real.read_text())["currentContext"] == "pdtD-a"


def test_current_context_from_env_and_flags(twins):
    twins.run("context", "create", "pdtD-a", "--docker", "host=tcp://10.0.0.1:2375", "--description", "env")
    twins.run("context", "show", env={"DOCKER_CONTEXT": "pdtD-a"})
    twins.run("context", "ls", env={"DOCKER_CONTEXT": "pdtD-a"})
    twins.run("--context", "pdtD-a", "context", "show")
    twins.run("--context", "pdtD-nope", "context", "ls")  # an unknown current context is a row with its error
    twins.run("-H", "tcp://1.2.3.4:5", "context", "ls")
    twins.run("context", "ls", env={"DOCKER_HOST": "tcp://9.9.9.9:1"})  # and the DOCKER_HOST warning
    twins.run("context", "use", "pdtD-a", env={"DOCKER_HOST": "tcp://9.9.9.9:1"})
    twins.run("context", "inspect", "default", env={"DOCKER_HOST": "tcp://9.9.9.9:1"})
    twins.run("context", "create", "pdtD-b", env={"DOCKER_HOST": "tcp://9.9.9.9:1"})  # copies default
    twins.run("context", "inspect", "pdtD-b")
    twins.assert_same_files()


def test_unknown_current_context_in_config(twins):
    twins.write_config({"currentContext": "pdtD-ghost"})
    twins.run("context", "ls")
    twins.run("context", "show")
    twins.run("context", "inspect", expect=1)
    twins.run("context", "rm", "pdtD-ghost", expect=1)
    twins.run("context", "rm", "-f", "pdtD-ghost", expect=0)
    twins.assert_same_files()


@pytest.mark.parametrize("args", [
    ("context", "use", "pdtD-nope"), ("context", "use"), ("context", "use", "a", "b"), ("context", "use", ""),
    ("context", "use", "a b"), ("context", "inspect", "pdtD-nope"), ("context", "inspect", "default", "pdtD-nope"),
    ("context", "inspect", "-f", "{{.Nope}}"), ("context", "inspect", "-f", "{{.Nope"),
    ("context", "inspect", "-f", "{{.Metadata.Description}}"), ("context", "rm", "pdtD-nope"),
    ("context", "rm", "default"), ("context", "rm", "-f", "default"), ("context", "rm"),
    ("context", "create", "default"), ("context", "create", "a"), ("context", "create", "a b", "--docker", "host=x"),
    ("context", "create", "-x"), ("context", "create"), ("context", "create", "pdtD-x", "--from", "pdtD-nope"),
    ("context", "create", "pdtD-x", "--from", "default", "--docker", "host=unix:///y"),
    ("context", "create", "pdtD-x", "--docker", "foo=bar"),
    ("context", "create", "pdtD-x", "--docker", "host"), ("context", "create", "pdtD-x", "--docker", ""),
    ("context", "create", "pdtD-x", "--docker", 'host="x,ca=y'), ("context", "create", "pdtD-x", "--docker", "a=1,b,c=2"),
    ("context", "create", "pdtD-x", "--docker", "skip-tls-verify=maybe"),
    ("context", "create", "pdtD-x", "--docker", "host=x"), ("context", "create", "pdtD-x", "--docker", "host=tcp://a:b"),
    ("context", "create", "pdtD-x", "--docker", "host=tcp://"), ("context", "create", "pdtD-x", "--docker", "host=tcp://a b"),
    ("context", "create", "pdtD-x", "--docker", "host=1.2.3.4:2375"), ("context", "create", "pdtD-x", "--docker", "host=:x"),
    ("context", "create", "pdtD-x", "--docker", "host=ssh://"), ("context", "create", "pdtD-x", "--docker", "host=ssh://u:p@h"),
    ("context", "create", "pdtD-x", "--docker", "host=npipe:////./pipe/x"),
    ("context", "create", "pdtD-x", "--docker", "host=unix:///x,ca=/nonexistent"),
    ("context", "create", "pdtD-x", "--docker", "host=tcp://h:1,ca=/tmp"),
    ("context", "create", "pdtD-x", "--docker", "from=pdtD-nope"),
    ("context", "ls", "x"), ("context", "ls", "--format", "{{.Nope}}"), ("context", "ls", "--format", "{{.Name"),
    ("context", "show", "x"), ("context", "bogus"),
])
def test_errors_match_docker(twins, args):
    out = twins.run(*args)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    twins.assert_same_files()


def test_tls_files_are_copied(twins, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    twins.run("context", "create", "pdtD-t", "--docker", f"host=unix:///x,ca={ca}")
    twins.run("context", "create", "pdtD-u", "--from", "pdtD-t")
    twins.run("context", "inspect", "pdtD-t", "pdtD-u")
    twins.assert_same_files()
    twins.run("context", "rm", "pdtD-t", "pdtD-u")
    twins.assert_same_files()
