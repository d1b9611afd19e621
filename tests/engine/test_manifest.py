"""`manifest inspect` side by side with docker, against the local registries: 127.0.0.1:5000 (open) and
127.0.0.1:5001 (htpasswd). A multi-platform list is made from two local images with docker's own
`manifest create/annotate/push` (pydock has only `inspect` so far), then inspected from the local store
(<config dir>/manifests) and, once that is removed, from the registry."""

from __future__ import annotations

import base64
import json

import pytest

from tests.conftest import run_docker
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.differential import assert_same

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
