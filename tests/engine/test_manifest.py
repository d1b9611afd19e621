"""`manifest` side by side with docker, against the local registries: 127.0.0.1:5000 (open) and
127.0.0.1:5001 (htpasswd). A multi-platform list is made from two local images, inspected from the local
store (<config dir>/manifests) and, once pushed and removed, from the registry. For create/annotate/push/rm
docker and pydock each work in a config dir of their own, step by step, and must leave byte-identical
stores and print the same digests."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.differential import as_pydock, assert_same

OPEN, AUTH = "127.0.0.1:5000", "127.0.0.1:5001"
REPO = f"pdt{RUN_ID}/mf"


def _ok(*args, env=None, input=None):
    r = run_docker(*args, env=env, input=input)
    assert r.returncode == 0, r
    return r


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """A config dir of our own: credentials for :5001, and docker's and pydock's manifest store."""
    home = tmp_path_factory.mktemp("manifest-config")
    token = base64.b64encode(b"pydock:pydock-secret").decode()
    (home / "config.json").write_text(json.dumps({"auths": {AUTH: {"auth": token}}}))
    env = {"DOCKER_CONFIG": str(home)}
    second = f"{OPEN}/{REPO}:b"
    _ok("build", "-q", "--label", LABEL, "--label", "variant=b", "-t", second, "-",
        input=f"FROM {TEST_IMAGE}\nLABEL pydock.manifest=b\n", env=env)
    tags = [f"{OPEN}/{REPO}:a", f"{AUTH}/{REPO}:a", second]
    for tag in tags[:2]:
        _ok("tag", TEST_IMAGE, tag)
    try:
        for tag in tags:
            _ok("push", "-q", tag, env=env)
        listed = f"{OPEN}/{REPO}:list"
        _ok("manifest", "create", "--insecure", listed, tags[0], second, env=env)
        _ok("manifest", "annotate", "--arch", "arm64", "--variant", "v8", listed, second, env=env)
        yield env
    finally:
        run_docker("rmi", *tags)


@pytest.mark.parametrize("args", [
    ("--insecure", f"{OPEN}/{REPO}:a"),
    ("--insecure", "-v", f"{OPEN}/{REPO}:a"),
    (f"{OPEN}/{REPO}:a",),  # plain http needs --insecure: docker finds no manifest
    ("--insecure", f"{OPEN}/{REPO}:nope"),
    ("--insecure", f"{AUTH}/{REPO}:a"),  # credentials from config.json
    ("--insecure", "-v", f"{AUTH}/{REPO}:a"),
    ("--insecure", f"{OPEN}/{REPO}:list"),  # the local list
    ("-v", f"{OPEN}/{REPO}:list"),
    (f"{OPEN}/{REPO}:list", f"{OPEN}/{REPO}:b"),  # one image of the local list
    ("-v", f"{OPEN}/{REPO}:list", f"{OPEN}/{REPO}:b"),
    (f"{OPEN}/{REPO}:list", f"{OPEN}/{REPO}:zz"),
    ("UPPER",), (), ("a", "b", "c"),
])
def test_inspect(config, args):
    assert_same("manifest", "inspect", *args, env=config, retries=1)


def test_inspect_without_credentials():
    """:5001 answers with a Basic challenge; without stored credentials docker names the request."""
    assert_same("manifest", "inspect", "--insecure", f"{AUTH}/{REPO}:a", retries=1)


def test_inspect_pushed_list(config):
    """After `manifest push` and `manifest rm`, the list comes from the registry: by tag and by digest."""
    listed, second = f"{OPEN}/{REPO}:pushed", f"{OPEN}/{REPO}:b"
    _ok("manifest", "create", "--insecure", listed, f"{OPEN}/{REPO}:a", second, env=config)
    _ok("manifest", "annotate", "--arch", "arm64", "--variant", "v8", listed, second, env=config)
    pushed = _ok("manifest", "push", "--insecure", listed, env=config).stdout.split()[-1]
    _ok("manifest", "rm", listed, env=config)
    for args in (("--insecure", listed), ("--insecure", "-v", listed), ("--insecure", f"{OPEN}/{REPO}@{pushed}")):
        ours = assert_same("manifest", "inspect", *args, env=config, retries=1)
        assert '"arm64"' in ours.stdout


@pytest.fixture()
def two_configs(config, tmp_path):
    """Separate config dirs for docker and pydock, both with the :5001 credentials."""
    theirs, ours = tmp_path / "docker", tmp_path / "pydock"
    for home in (theirs, ours):
        home.mkdir()
        (home / "config.json").write_text((Path(config["DOCKER_CONFIG"]) / "config.json").read_text())
    return {"DOCKER_CONFIG": str(theirs)}, {"DOCKER_CONFIG": str(ours)}


def _store(env) -> dict:
    root = Path(env["DOCKER_CONFIG"]) / "manifests"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _step(envs, *args):
    theirs, ours = run_docker(*args, env=envs[0]), run_pydock(*args, env=envs[1])
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, as_pydock(theirs.stderr)), (ours, theirs)
    assert _store(envs[1]) == _store(envs[0])
    return ours


def test_create_annotate_push_rm(two_configs):
    listed, a, b = f"{OPEN}/{REPO}-list:steps", f"{OPEN}/{REPO}:a", f"{OPEN}/{REPO}:b"  # another repository: blobs are mounted
    _step(two_configs, "manifest", "create", "--insecure", listed, a, b)
    _step(two_configs, "manifest", "create", "--insecure", listed, a)  # exists: --amend needed
    _step(two_configs, "manifest", "create", "--insecure", "--amend", listed, a)
    _step(two_configs, "manifest", "annotate", "--arch", "arm64", "--variant", "v8", "--os-version", "1.0",
          "--os-features", "a,b", "--os-features", "a", listed, b)
    _step(two_configs, "manifest", "annotate", "--arch", "nope", listed, b)
    _step(two_configs, "manifest", "annotate", "--os", "linux", listed, f"{OPEN}/{REPO}:zz")
    _step(two_configs, "manifest", "annotate", listed, "UPPER")
    _step(two_configs, "manifest", "inspect", listed)
    _step(two_configs, "manifest", "inspect", "-v", listed, b)
    pushed = _step(two_configs, "manifest", "push", listed)  # loopback: plain http without --insecure
    assert "Pushed ref" in pushed.stdout
    _step(two_configs, "manifest", "push", "--insecure", "-p", listed)
    _step(two_configs, "manifest", "push", listed)  # purged
    _step(two_configs, "manifest", "inspect", "--insecure", "-v", listed)
    _step(two_configs, "manifest", "rm", listed, "x/y:1")


def test_create_push_authenticated_and_refusals(two_configs):
    listed, image = f"{AUTH}/{REPO}:steps", f"{AUTH}/{REPO}:a"
    _step(two_configs, "manifest", "create", "--insecure", listed, image)
    _step(two_configs, "manifest", "push", "--purge", listed)
    _step(two_configs, "manifest", "inspect", "--insecure", listed)
    mixed = f"{OPEN}/{REPO}:mixed"
    _step(two_configs, "manifest", "create", "--insecure", mixed, f"{OPEN}/{REPO}:a", image)
    _step(two_configs, "manifest", "push", mixed)  # images from another registry
    _step(two_configs, "manifest", "rm", mixed)
    _step(two_configs, "manifest", "create", "UPPER", image)
    _step(two_configs, "manifest", "create", "--insecure", f"{OPEN}/{REPO}:gone", f"{OPEN}/{REPO}:nope")
    _step(two_configs, "manifest", "push", f"{OPEN}/{REPO}:never")
    _step(two_configs, "manifest", "rm", f"{OPEN}/{REPO}:never")
