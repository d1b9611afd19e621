"""`compose pull` and `compose push` against the real v2 binary and the local registry 127.0.0.1:5000
(helper H7). Nothing outside this machine is reached: each test pushes pydock-test/busybox under a name
of its own (`$REPO-a:1`), and removes what it pushed (registry manifests) and tagged (local images).

v2 pulls and pushes concurrently and visits services in Go map order, so event lines are compared as
sets where several services are involved; one-service runs are compared byte for byte.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose
from tests.conftest import ROOT, run_docker

FIXTURE = ROOT / "tests" / "compose_fixtures" / "ops-pull"
REGISTRY = "127.0.0.1:5000"
MANIFEST_TYPES = ", ".join(["application/vnd.docker.distribution.manifest.v2+json",
                            "application/vnd.oci.image.manifest.v1+json",
                            "application/vnd.docker.distribution.manifest.list.v2+json",
                            "application/vnd.oci.image.index.v1+json"])


@pytest.fixture(scope="module", autouse=True)
def _registry():
    """The registry is a prerequisite: without it every test here FAILS (never skips)."""
    try:
        urllib.request.urlopen(f"http://{REGISTRY}/v2/", timeout=5).read()
    except (OSError, urllib.error.URLError) as e:
        pytest.fail(f"no registry at {REGISTRY} (start it with scripts/engine-up): {e}", pytrace=False)


def delete_from_registry(repo: str, tag: str) -> None:
    """DELETE the manifest a tag points to (the registry keeps the blobs until its GC)."""
    req = urllib.request.Request(f"http://{REGISTRY}/v2/{repo}/manifests/{tag}", method="HEAD",
                                 headers={"Accept": MANIFEST_TYPES})
    try:
        digest = urllib.request.urlopen(req, timeout=10).headers.get("Docker-Content-Digest")
    except urllib.error.URLError:
        return
    if digest:
        try:
            urllib.request.urlopen(urllib.request.Request(f"http://{REGISTRY}/v2/{repo}/manifests/{digest}",
                                                          method="DELETE"), timeout=10)
        except urllib.error.URLError:
            pass


def registry_tags(repo: str) -> list[str]:
    try:
        data = urllib.request.urlopen(f"http://{REGISTRY}/v2/{repo}/tags/list", timeout=10).read()
    except urllib.error.URLError:
        return []
    return sorted(json.loads(data).get("tags") or [])


@pytest.fixture
def repo(compose_project):
    """`$REPO` for the fixture: the registry holds `$REPO-a:1`, not present locally."""
    name = f"{REGISTRY}/{compose_project}"
    env = {"REPO": name}
    local = [f"{name}-a:1", f"{name}-b:1", f"{name}-missing:1"]
    assert run_docker("tag", "pydock-test/busybox:latest", local[0]).returncode == 0
    assert run_docker("push", "-q", local[0]).returncode == 0
    run_docker("rmi", local[0])
    yield compose_project, name, env
    run_docker("rmi", "-f", *local, f"{compose_project}-noimage")
    for suffix in ("a", "b"):
        repo_path = f"{compose_project}-{suffix}"
        for tag in registry_tags(repo_path):
            delete_from_registry(repo_path, tag)


def local(ref: str) -> bool:
    return run_docker("image", "inspect", ref).returncode == 0


def lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line)


# -- pull ---------------------------------------------------------------------------------------------

def test_pull_one_service_matches_v2(repo):
    project, name, env = repo
    v2 = run_compose("-p", project, "pull", "present", cwd=FIXTURE, env=env)
    assert v2.returncode == 0, v2
    run_docker("rmi", f"{name}-a:1")
    ours = run_pydock_compose("-p", project, "pull", "present", cwd=FIXTURE, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr)
    assert ours.stderr == " present Pulling \n present Pulled \n"
    assert local(f"{name}-a:1")
    run_docker("rmi", f"{name}-a:1")
    q2 = run_compose("-p", project, "pull", "-q", "present", cwd=FIXTURE, env=env)
    run_docker("rmi", f"{name}-a:1")
    q = run_pydock_compose("-p", project, "pull", "-q", "present", cwd=FIXTURE, env=env)
    assert (q.returncode, q.stdout, q.stderr) == (q2.returncode, q2.stdout, q2.stderr)
    assert (q.returncode, q.stdout) == (0, "") and local(f"{name}-a:1")


def test_pull_failure_matches_v2(repo):
    project, name, env = repo
    v2 = run_compose("-p", project, "pull", "missing", cwd=FIXTURE, env=env)
    ours = run_pydock_compose("-p", project, "pull", "missing", cwd=FIXTURE, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr)
    assert ours.returncode == 1
    assert ours.stderr.splitlines()[-1].startswith(f"Error response from daemon: manifest for {name}-missing:1 not found")


def test_pull_all_ignoring_failures(repo):
    project, name, env = repo
    v2 = run_compose("-p", project, "pull", "--ignore-pull-failures", cwd=FIXTURE, env=env)
    run_docker("rmi", f"{name}-a:1")
    ours = run_pydock_compose("-p", project, "pull", "--ignore-pull-failures", cwd=FIXTURE, env=env)
    assert ours.returncode == v2.returncode == 0, (v2, ours)
    # the service sharing an image is skipped as "being pulled by" whichever of the two came first
    def normal(text: str) -> list[str]:
        return lines(text.replace("being pulled by also", "being pulled by X")
                     .replace("being pulled by present", "being pulled by X")
                     .replace(" also Pulling", " X Pulling").replace(" present Pulling", " X Pulling")
                     .replace(" also Pulled", " X Pulled").replace(" present Pulled", " X Pulled")
                     .replace(" also Skipped", " X Skipped").replace(" present Skipped", " X Skipped"))
    assert normal(ours.stderr) == normal(v2.stderr)
    assert " noimage Skipped - No image to be pulled " in ours.stderr.splitlines()
    assert local(f"{name}-a:1")


def test_pull_without_ignoring_fails(repo):
    project, name, env = repo
    v2 = run_compose("-p", project, "pull", "present", "missing", cwd=FIXTURE, env=env)
    ours = run_pydock_compose("-p", project, "pull", "present", "missing", cwd=FIXTURE, env=env)
    assert ours.returncode == v2.returncode == 1
    assert ours.stderr.splitlines()[-1] == v2.stderr.splitlines()[-1]


def test_pull_buildable_and_policy(repo):
    project, name, env = repo
    for args in (("pull", "--ignore-buildable", "buildable", "noimage"), ("pull", "--policy", "missing", "present"),
                 ("pull", "--policy", "always", "present"), ("pull", "nosuch")):
        run_docker("tag", "pydock-test/busybox:latest", f"{name}-a:1")  # present locally, tag "1"
        v2 = run_compose("-p", project, *args, cwd=FIXTURE, env=env)
        ours = run_pydock_compose("-p", project, *args, cwd=FIXTURE, env=env)
        assert ours.returncode == v2.returncode, (v2, ours)
        assert lines(ours.stderr) == lines(v2.stderr), (v2, ours)


def test_pull_buildable_failure_warns(repo):
    project, name, env = repo
    v2 = run_compose("-p", project, "pull", "buildable", cwd=FIXTURE, env=env)
    ours = run_pydock_compose("-p", project, "pull", "buildable", cwd=FIXTURE, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr)
    assert "WARNING: Some service image(s) must be built from source by running:\n    docker compose build buildable" \
        in ours.stderr


# -- push ---------------------------------------------------------------------------------------------

def test_push_builds_with_image(repo):
    project, name, env = repo
    assert run_docker("tag", "pydock-test/busybox:latest", f"{name}-b:1").returncode == 0
    ours = run_pydock_compose("-p", project, "push", cwd=FIXTURE, env=env)
    assert ours.returncode == 0, ours
    assert registry_tags(f"{project}-b") == ["1"]
    got = ours.stderr.splitlines()
    for service in ("present", "also", "missing", "noimage"):
        assert f" {service} Skipped " in got
    assert any(line.startswith(f" Pushing {name}-b:1: ") for line in got)
    delete_from_registry(f"{project}-b", "1")
    v2 = run_compose("-p", project, "push", cwd=FIXTURE, env=env)
    assert v2.returncode == 0, v2

    def statuses(text: str) -> list[str]:  # layer lines without the progress bars v2 draws for uploads
        return lines("\n".join(line.split(" Pushing [")[0] for line in text.splitlines()
                               if "Pushing [" not in line or not line.startswith(" Pushing ")))
    assert {line.rsplit(": ", 1)[0] for line in statuses(ours.stderr)} >= \
        {line.rsplit(": ", 1)[0] for line in statuses(v2.stderr) if "Skipped" in line}


def test_push_quiet_and_failures(repo):
    project, name, env = repo
    # b:1 is not built: the push fails as v2's does; with --ignore-push-failures it is only reported
    v2 = run_compose("-p", project, "push", "buildable", cwd=FIXTURE, env=env)
    ours = run_pydock_compose("-p", project, "push", "buildable", cwd=FIXTURE, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr)
    assert ours.returncode == 1
    v2 = run_compose("-p", project, "push", "--ignore-push-failures", "buildable", cwd=FIXTURE, env=env)
    ours = run_pydock_compose("-p", project, "push", "--ignore-push-failures", "buildable", cwd=FIXTURE, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr)
    assert ours.returncode == 0
    run_docker("tag", "pydock-test/busybox:latest", f"{name}-b:1")
    q2 = run_compose("-p", project, "push", "-q", "buildable", cwd=FIXTURE, env=env)
    assert registry_tags(f"{project}-b") == ["1"]
    delete_from_registry(f"{project}-b", "1")
    assert registry_tags(f"{project}-b") == []
    q = run_pydock_compose("-p", project, "push", "-q", "buildable", cwd=FIXTURE, env=env)
    assert (q.returncode, q.stdout, q.stderr) == (q2.returncode, q2.stdout, q2.stderr) == (0, "", "")
    assert registry_tags(f"{project}-b") == ["1"]


@pytest.mark.parametrize("args", [
    ("pull", "--bogus"),  # bad flags: cobra's message and usage line
    ("push", "--bogus"),
    ("pull", "nosuch"),
    ("push", "nosuch"),
])
def test_pull_push_errors(repo, args):
    project, name, env = repo
    v2 = run_compose("-p", project, *args, cwd=FIXTURE, env=env)
    ours = run_pydock_compose("-p", project, *args, cwd=FIXTURE, env=env)
    expected = v2.stderr.replace("docker compose", "pydock compose")
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, expected)
    assert ours.returncode == 1


def test_run_pulls_the_missing_image(repo):
    """`run` pulls the target's missing image first (its own progress display, as v2's)."""
    project, name, env = repo
    v2 = run_compose("-p", project + "-o", "run", "--rm", "present", "echo", "hi", cwd=FIXTURE, env=env, input="")
    assert v2.returncode == 0, v2
    assert run_docker("rmi", f"{name}-a:1").returncode == 0
    ours = run_pydock_compose("-p", project, "run", "--rm", "present", "echo", "hi", cwd=FIXTURE, env=env, input="")
    assert (ours.returncode, ours.stdout) == (v2.returncode, v2.stdout) == (0, "hi\n")
    assert ours.stderr == v2.stderr.replace(project + "-o", project)
    assert " present Pulled \n" in ours.stderr and local(f"{name}-a:1")
