"""Differential: `compose --dry-run` against docker compose v2.40.3 on the real engine.

A dry run changes nothing, so v2 and pydock run each variant on the SAME project, one after the other,
and what the engine holds (containers with their state and start time, networks, volumes, images) is
compared before and after both. One real `up -d` (v2's) brings the shared project up, once per module.
Compared: exit status, stdout verbatim, and the progress lines on stderr (a pipe here: plain lines with
v2's ` DRY-RUN MODE - ` prefix) as a multiset plus the order per object, since v2 reorders across objects
by its own concurrency.

Left out (known differences outside pydock.compose.dryrun, see the session report):
- `--dry-run pull` of an image that cannot be pulled: v2 (pull.go) adds ` <svc>  - Pull error for image:
  <image>`; pydock's pull.py does not.
- `--dry-run cp SRC svc:DST`: v2 never computes the destination in dry-run and always fails with
  "Could not find the file  in container"; pydock's cp passes the real destination.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose
from tests.conftest import ROOT, run_docker
from tests.engine.conftest import COMPOSE_PREFIX, TEST_IMAGE, remove_compose_projects

PREFIX = " DRY-RUN MODE - "
KEY = "com.docker.compose.project"
REGISTRY = "127.0.0.1:5000"

COMPOSE = f"""\
services:
  db:
    image: {TEST_IMAGE}
    command: ["sleep", "3000"]
    volumes: ["data:/data"]
    stop_grace_period: 1s
  web:
    image: {TEST_IMAGE}
    command: ["sleep", "3001"]
    depends_on: [db]
    stop_grace_period: 1s
volumes:
  data: {{}}
"""
CHANGED = COMPOSE.replace('"3001"', '"3002"')  # web's config hash changes, db's does not


# -- helpers --------------------------------------------------------------------------------------------

def engine_state(project: str) -> dict:
    """Everything of the project on the engine, with what a start/stop/pause/recreate would change."""
    ids = run_docker("ps", "-aq", "--no-trunc", "--filter", f"label={KEY}={project}").stdout.split()
    containers = []
    if ids:
        r = run_docker("inspect", *ids)
        assert r.returncode == 0, r
        containers = sorted((c["Id"], c["Name"], c["State"]["Status"], c["State"]["StartedAt"],
                             c["State"]["Paused"], c["RestartCount"], json.dumps(c["Config"]["Labels"], sort_keys=True))
                            for c in json.loads(r.stdout))

    def names(*ls: str) -> list[str]:
        return sorted(run_docker(*ls, "--filter", f"label={KEY}={project}").stdout.split())

    return {"containers": containers, "networks": names("network", "ls", "-q"),
            "volumes": names("volume", "ls", "-q"), "images": names("images", "-q", "--no-trunc"),
            "test image": run_docker("image", "inspect", "--format", "{{.Id}}", TEST_IMAGE).stdout.strip()}


def lines(text: str) -> list[str]:
    return [line for line in re.sub(r'time="[^"]+"', 'time="T"', text).splitlines() if line.strip()]


def by_object(text: str) -> dict[str, list[str]]:
    """Progress lines grouped by their object (` DRY-RUN MODE -  Container p-web-1  Created`)."""
    out: dict[str, list[str]] = {}
    for line in lines(text):
        m = re.match(r"^ (\S+ \S+)  ", line[len(PREFIX):] if line.startswith(PREFIX) else line)
        out.setdefault(m.group(1) if m else "<other>", []).append(line)
    return out


def assert_same(theirs, ours, *, stdout=lambda s: s) -> None:
    detail = f"\n--- v2 ({theirs.returncode})\n{theirs.stdout}{theirs.stderr}--- pydock ({ours.returncode})\n{ours.stdout}{ours.stderr}"
    assert ours.returncode == theirs.returncode, detail
    assert stdout(ours.stdout) == stdout(theirs.stdout), detail
    assert Counter(lines(ours.stderr)) == Counter(lines(theirs.stderr)), detail
    assert by_object(ours.stderr) == by_object(theirs.stderr), detail


def both(project: str, *args, cwd, env=None, check_engine=True):
    """v2 and pydock, the same command on the same project, side by side (a dry run only reads, so
    they cannot disturb each other); the engine must be as it was."""
    from concurrent.futures import ThreadPoolExecutor

    before = engine_state(project) if check_engine else None
    with ThreadPoolExecutor(2) as pool:
        t = pool.submit(run_compose, "-p", project, *args, cwd=cwd, env=env, timeout=60)
        o = pool.submit(run_pydock_compose, "-p", project, *args, cwd=cwd, env=env, timeout=60)
        theirs, ours = t.result(), o.result()
    if check_engine:
        assert engine_state(project) == before, f"the engine changed:\n{theirs}\n{ours}"
    return theirs, ours


# -- the shared project -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One project brought up for real by v2; every dry run here leaves it as it is."""
    directory = tmp_path_factory.mktemp("dryrun")
    (directory / "compose.yaml").write_text(COMPOSE)
    (directory / "changed.yaml").write_text(CHANGED)
    name = f"{COMPOSE_PREFIX}-dryrun-shared"
    remove_compose_projects(name)
    r = run_compose("-p", name, "up", "-d", cwd=directory)
    assert r.returncode == 0, r
    yield name, directory
    remove_compose_projects(name)


CASES = [
    ("--dry-run", "up", "-d"),  # nothing changed: Running
    ("--dry-run", "-f", "changed.yaml", "up", "-d"),  # web changed: Recreate, then its temporary name starts
    ("--dry-run", "up", "-d", "--force-recreate"),
    ("--dry-run", "up", "-d", "--wait"),
    ("--dry-run", "up", "-d", "--no-deps", "db"),
    ("--dry-run", "create"),
    ("--dry-run", "scale", "web=2"),
    ("--dry-run", "down"),
    ("--dry-run", "down", "-v"),
    ("--dry-run", "down", "--rmi", "all"),
    ("--dry-run", "stop"),
    ("--dry-run", "start"),
    ("--dry-run", "restart"),
    ("--dry-run", "kill"),
    ("--dry-run", "pause"),
    ("--dry-run", "unpause"),
    ("--dry-run", "rm", "-f"),
    ("--dry-run", "rm", "-s", "-f"),  # v2 counts the running containers as stopped
    ("--dry-run", "exec", "-d", "web", "echo", "hi"),
    ("--dry-run", "exec", "-T", "web", "echo", "hi"),  # refused: interactive exec
    ("--dry-run", "run", "--rm", "web", "echo", "hi"),  # refused: interactive run
    ("--dry-run", "attach", "web"),  # refused
    ("--dry-run", "commit", "web"),
    ("--dry-run", "--progress", "json", "up", "-d", "--force-recreate"),
    ("--dry-run", "--progress", "quiet", "down"),
    # v2's --dry-run is a persistent flag: after the verb it is the same
    ("up", "--dry-run", "-d", "--force-recreate"),
    ("down", "--dry-run"),
    ("stop", "--dry-run=true"),
    # reads: the same with or without --dry-run
    ("--dry-run", "ps", "-a", "--format", "{{.Name}} {{.Service}} {{.State}}"),
    ("--dry-run", "config", "--services"),
]


@pytest.fixture(scope="module")
def case_results(running):
    """Every case of CASES run at once (dry runs only read, so they cannot disturb each other), with the
    engine's state before and after all of them."""
    from concurrent.futures import ThreadPoolExecutor

    project, directory = running
    before = engine_state(project)
    with ThreadPoolExecutor(6) as pool:
        futures = {args: pool.submit(both, project, *args, cwd=directory, check_engine=False) for args in CASES}
        results = {args: f.result() for args, f in futures.items()}
    return before, engine_state(project), results


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_dry_run_matches_v2_and_changes_nothing(case_results, args):
    before, after, results = case_results
    theirs, ours = results[args]
    assert_same(theirs, ours)
    assert after == before, "the engine changed"


def test_attached_up_stops_after_the_create(running):
    """v2 prints its last line after a ` \\r` (its dry-run writer's line reset, even in a pipe): pydock writes
    no control codes off a terminal, so that is the one difference allowed."""
    project, directory = running
    theirs, ours = both(project, "--dry-run", "up", cwd=directory)
    assert "interactive run is not supported in dry-run mode" in ours.stdout
    assert_same(theirs, ours, stdout=lambda s: re.sub(r"(\x1b\[2K)?\r| \r", "", s))


def test_run_detached_prints_the_name_it_would_give(running):
    project, directory = running
    theirs, ours = both(project, "--dry-run", "run", "-d", "web", cwd=directory)
    slug = re.compile(rf"^{re.escape(project)}-web-run-[0-9a-f]{{12}}\n$")
    assert slug.match(theirs.stdout) and slug.match(ours.stdout), (theirs, ours)
    assert_same(theirs, ours, stdout=lambda s: slug.sub("<name>", s))


def test_export_and_copy_write_nothing(running, tmp_path):
    project, directory = running
    for args in (("export", "-o", str(tmp_path / "out.tar"), "web"),
                 ("cp", "web:/etc/hostname", str(tmp_path / "hostname")),
                 ("cp", "web:/etc", str(tmp_path / "etc")),
                 ("cp", "web:/no-such-file", str(tmp_path / "x"))):
        theirs, ours = both(project, "--dry-run", *args, cwd=directory)
        assert_same(theirs, ours)
        assert list(tmp_path.iterdir()) == [], args


def test_dry_run_flag_in_every_verbs_help(running):
    """Listed in each verb's --help in its alphabetical place, as v2's."""
    project, directory = running

    def neighbours(text: str):
        names = re.findall(r"^\s{1,8}(?:-\w, )?--([\w-]+)", text.split("Options:", 1)[1], re.M)
        names = [n for n in names if n != "help"]
        i = names.index("dry-run")
        return names[i - 1] if i else None, names[i + 1] if i + 1 < len(names) else None

    for verb in ("up", "down", "run", "exec", "config", "version"):
        theirs, ours = both(project, verb, "--help", cwd=directory, check_engine=False)
        assert ours.returncode == theirs.returncode == 0
        assert "Execute command in dry run mode" in ours.stdout
        assert neighbours(ours.stdout) == neighbours(theirs.stdout), verb


@pytest.mark.parametrize("flag", [("--ansi", "never"), ("-p", "x"), ("--progress", "plain"), ("--profile", "x"),
                                  ("-f", "compose.yaml"), ("--env-file", ".env"), ("--parallel", "1"),
                                  ("--project-directory", ".")])
def test_other_root_flags_are_refused_after_the_verb(running, flag):
    project, directory = running
    theirs, ours = both(project, "up", *flag, "-d", cwd=directory, check_engine=False)
    assert ours.returncode == theirs.returncode != 0
    assert ours.stderr.replace("pydock compose", "docker compose") == theirs.stderr


# -- fresh projects -------------------------------------------------------------------------------------

def test_fresh_project_and_stopped_containers(compose_project, tmp_path):
    p = compose_project
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    for args in (("--dry-run", "up", "-d"), ("--dry-run", "up", "-d", "--wait"), ("--dry-run", "down", "-v"),
                 ("--dry-run", "start")):
        theirs, ours = both(p, *args, cwd=tmp_path)
        assert_same(theirs, ours)
    assert engine_state(p)["containers"] == []
    r = run_compose("-p", p, "up", "-d", cwd=tmp_path)
    assert r.returncode == 0, r
    assert run_docker("stop", "-t", "0", f"{p}-web-1").returncode == 0
    oneoff = run_compose("-p", p, "run", "-d", "db", "true", cwd=tmp_path)  # an exited one-off container:
    assert oneoff.returncode == 0, oneoff  # v2's dry-run `up` "starts" it (its start list is create's listing)
    assert run_docker("wait", oneoff.stdout.strip()).returncode == 0
    for args in (("--dry-run", "up", "-d"), ("--dry-run", "start"), ("--dry-run", "rm", "-f"),
                 ("--dry-run", "-f", "compose.yaml", "up", "-d", "--force-recreate", "web")):
        theirs, ours = both(p, *args, cwd=tmp_path)
        assert_same(theirs, ours)


@pytest.fixture
def registry_image(compose_project):
    """`<registry>/<project>-a:1` in the local registry, not on the engine."""
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(f"http://{REGISTRY}/v2/", timeout=5).read()
    except (OSError, urllib.error.URLError) as e:
        pytest.fail(f"no registry at {REGISTRY} (start it with scripts/engine-up): {e}", pytrace=False)
    ref = f"{REGISTRY}/{compose_project}-a:1"
    assert run_docker("tag", TEST_IMAGE, ref).returncode == 0
    assert run_docker("push", "-q", ref).returncode == 0
    run_docker("rmi", ref)
    yield ref
    run_docker("rmi", "-f", ref)


def test_pull_is_resolved_not_pulled(compose_project, registry_image, tmp_path):
    p = compose_project
    # one service: with two, v2 visits them in Go's map order
    (tmp_path / "compose.yaml").write_text(f"services:\n  present:\n    image: {registry_image}\n"
                                           "    command: [sleep, '3000']\n")
    for args in (("--dry-run", "pull", "present"), ("--dry-run", "up", "-d"), ("pull", "--dry-run", "--quiet"),
                 ("--dry-run", "--progress", "json", "pull")):
        theirs, ours = both(p, *args, cwd=tmp_path)
        assert_same(theirs, ours)
        assert run_docker("image", "inspect", registry_image).returncode != 0, args


def test_build_says_what_it_would_build(compose_project):
    """The classic builder (DOCKER_BUILDKIT=0): v2 writes its `Successfully built: dryRunID` message on
    stdout through jsonmessage, as on a terminal (`ESC[2K` CR ... CR); pydock's build renders it as on
    the pipe it is. And v2 skips its closing `<svc>  Built` events when the build gave no image ID
    (build.go), which pydock's build.py still prints. Both differences are outside dryrun.py: the text
    of the message and the Service events are compared exactly, those two are taken out."""
    p = compose_project
    fixture = ROOT / "tests" / "compose_fixtures" / "ops-build"
    env = {"DOCKER_BUILDKIT": "0"}

    def message(text: str) -> list[str]:
        return [line.strip() for line in text.replace("\x1b[2K", "").replace("\r", "").splitlines() if line.strip()]

    for args in (("--dry-run", "build"), ("build", "--dry-run", "app")):
        theirs, ours = both(p, *args, cwd=fixture, env=env)
        assert (ours.returncode, message(ours.stdout)) == (theirs.returncode, message(theirs.stdout)) == \
            (0, message(theirs.stdout))
        assert "DRY-RUN MODE - Successfully tagged: " + p + "-app" in message(ours.stdout)
        events = [line for line in lines(theirs.stderr) if "level=warning" not in line]
        assert [line for line in lines(ours.stderr) if not re.fullmatch(re.escape(PREFIX) + r" \w+  Built", line)] == events


def test_unpullable_images_fail_as_v2s_resolver(compose_project, tmp_path):
    """A reference the registry does not have; one behind auth without and with wrong credentials
    (127.0.0.1:5001, htpasswd). `up`/`create`/`run` only: `pull` adds a line of its own (see above)."""
    import base64
    import urllib.error
    import urllib.request

    for registry in (REGISTRY, "127.0.0.1:5001"):
        try:
            urllib.request.urlopen(f"http://{registry}/v2/", timeout=5).read()
        except urllib.error.HTTPError:
            pass  # 401: it is there
        except (OSError, urllib.error.URLError) as e:
            pytest.fail(f"no registry at {registry} (start it with scripts/engine-up): {e}", pytrace=False)
    p = compose_project
    missing = tmp_path / "missing"
    missing.mkdir()
    (missing / "compose.yaml").write_text(f"services:\n  s:\n    image: {REGISTRY}/{p}-nothing:1\n")
    for args in (("--dry-run", "up", "-d"), ("--dry-run", "run", "-d", "s")):
        theirs, ours = both(p, *args, cwd=missing)
        assert theirs.returncode == 1
        assert_same(theirs, ours)
    private = tmp_path / "private"
    private.mkdir()
    (private / "compose.yaml").write_text(f"services:\n  s:\n    image: 127.0.0.1:5001/{p}-nothing:1\n")
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    auth = base64.b64encode(b"pydock:wrong").decode()
    (wrong / "config.json").write_text(json.dumps({"auths": {"127.0.0.1:5001": {"auth": auth}}}))
    nothing = tmp_path / "no-credentials"
    nothing.mkdir()
    for config in (nothing, wrong):
        theirs, ours = both(p, "--dry-run", "up", "-d", cwd=private, env={"DOCKER_CONFIG": str(config)})
        assert theirs.returncode == 1
        assert_same(theirs, ours)
