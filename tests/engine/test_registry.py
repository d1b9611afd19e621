"""Registries, side by side with docker: push/pull on 127.0.0.1:5000 (open) and :5001 (htpasswd), login/logout
sharing one config.json, credential helpers, bad references, unknown tags, an unreachable registry.

Every test uses its own temporary DOCKER_CONFIG (never ~/.docker). Images are built with the session
LABEL (removed by the session cleanup); registry repositories are named `pda-...`."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import sys
import textwrap
import urllib.request

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock, assert_same

SUFFIX = LABEL[-6:]
OPEN = "127.0.0.1:5000"
AUTH = "127.0.0.1:5001"
USER, PASSWORD = "pydock", "pydock-secret"
CLOSED = "127.0.0.1:5109"  # nothing listens there (our range 5100-5119)


@pytest.fixture(scope="module")
def source_image():
    """A labelled image with a layer of its own (so pushes have something new to send)."""
    tag = f"pda-src-{SUFFIX}:v1"
    dockerfile = f"FROM {TEST_IMAGE}\nRUN echo {SUFFIX} > /pda-{SUFFIX}\n"
    r = run_docker("build", "-q", "--label", LABEL, "-t", tag, "-", input=dockerfile, env={"DOCKER_BUILDKIT": "0"})
    assert r.returncode == 0, r
    yield tag
    run_docker("rmi", "-f", tag)


@pytest.fixture
def cfg(tmp_path):
    """A fresh DOCKER_CONFIG directory and the env that selects it, for both programs."""
    directory = tmp_path / "docker-config"
    directory.mkdir()
    return directory, {"DOCKER_CONFIG": str(directory)}


def login_docker(env, registry=AUTH):
    r = run_docker("login", "-u", USER, "--password-stdin", registry, input=PASSWORD + "\n", env=env)
    assert r.returncode == 0, r


def tag(source: str, target: str) -> str:
    r = run_docker("tag", source, target)
    assert r.returncode == 0, r
    return target


def untag(*names: str) -> None:
    for n in names:
        run_docker("rmi", n)


def registry_digest(registry: str, repo: str, ref: str) -> str | None:
    """The manifest digest the registry itself holds for repo:ref (HTTP API, basic auth on :5001)."""
    req = urllib.request.Request(f"http://{registry}/v2/{repo}/manifests/{ref}", method="HEAD")
    req.add_header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
    if registry == AUTH:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.headers.get("Docker-Content-Digest")
    except urllib.error.HTTPError:
        return None


def digest_line(text: str) -> str:
    lines = [line for line in text.splitlines() if ": digest: sha256:" in line]
    assert len(lines) == 1, text
    return lines[0]


# -- push and pull, both registries ------------------------------------------------------------------

@pytest.mark.parametrize("registry", [OPEN, AUTH])
def test_push_then_pull_same_digests(registry, source_image, cfg):
    directory, env = cfg
    if registry == AUTH:
        login_docker(env)
    repo = f"pda-push-{SUFFIX}"
    ref_d = tag(source_image, f"{registry}/{repo}:by-docker")
    ref_p = tag(source_image, f"{registry}/{repo}:by-pydock")
    digest = None
    try:
        theirs = run_docker("push", ref_d, env=env)
        ours = run_pydock("push", ref_p, env=env)
        assert theirs.returncode == 0, theirs
        assert ours.returncode == 0, ours
        # docker's line, with the tag and the same digest/size
        assert digest_line(ours.stdout) == digest_line(theirs.stdout).replace("by-docker", "by-pydock")
        assert ours.stdout.splitlines()[0] == f"The push refers to repository [{registry}/{repo}]"
        assert not any("\x1b" in s for s in (ours.stdout, ours.stderr))  # not a terminal: no control codes
        assert "pushed" in ours.stderr  # the summary goes to stderr, never stdout
        digest = registry_digest(registry, repo, "by-docker")
        assert digest and digest == registry_digest(registry, repo, "by-pydock")
        assert digest in ours.stdout

        # pull back, after the local tags are gone: the same output, tag for tag
        untag(ref_d, ref_p)
        theirs = run_docker("pull", ref_d, env=env)
        ours = run_pydock("pull", ref_p, env=env)
        assert theirs.returncode == ours.returncode == 0, (theirs, ours)
        assert ours.stdout == theirs.stdout.replace("by-docker", "by-pydock")
        assert ours.stdout.endswith(f"{ref_p}\n")
        assert run_docker("image", "inspect", "-f", "{{.Id}}", ref_p).stdout == \
            run_docker("image", "inspect", "-f", "{{.Id}}", ref_d).stdout

        # again: both "up to date", exactly alike; -q prints only the reference; by digest too
        assert_same("pull", ref_d, env=env, compare_stderr=False)
        assert_same("pull", "-q", ref_d, env=env, compare_stderr=False)
        assert_same("pull", f"{registry}/{repo}@{digest}", env=env, compare_stderr=False)
        r = assert_same("push", "-q", ref_d, env=env, compare_stderr=False)
        assert r.stdout == f"{ref_d}\n"
    finally:
        untag(ref_d, ref_p, *([f"{registry}/{repo}@{digest}"] if digest else []))


def test_pull_all_tags_and_default_tag(source_image, cfg):
    _, env = cfg
    repo = f"{OPEN}/pda-all-{SUFFIX}"
    refs = [tag(source_image, f"{repo}:{t}") for t in ("a", "latest")]
    try:
        for r in refs:
            assert run_docker("push", "-q", r, env=env).returncode == 0
        assert_same("pull", "-a", "-q", repo, env=env, compare_stderr=False)
        r = assert_same("pull", "-a", repo, env=env, compare_stderr=False)
        assert r.stdout.endswith(f"\n{repo}\n")
        r = assert_same("pull", repo, env=env, compare_stderr=False)
        assert r.stdout.startswith("Using default tag: latest\n")
        assert_same("pull", "-a", f"{repo}:a", env=env)  # tag can't be used with --all-tags/-a
    finally:
        untag(*refs)


def test_push_all_tags(source_image, cfg):
    _, env = cfg
    repo = f"{OPEN}/pda-pushall-{SUFFIX}"
    refs = [tag(source_image, f"{repo}:{t}") for t in ("x", "y")]
    try:
        ours = run_pydock("push", "-a", repo, env=env)
        assert ours.returncode == 0, ours
        lines = [line.split(":")[0] for line in ours.stdout.splitlines() if ": digest: " in line]
        assert sorted(lines) == ["x", "y"]
        assert registry_digest(OPEN, f"pda-pushall-{SUFFIX}", "x") == registry_digest(OPEN, f"pda-pushall-{SUFFIX}", "y")
    finally:
        untag(*refs)


def test_push_without_login_to_the_auth_registry(source_image, cfg):
    _, env = cfg
    ref = tag(source_image, f"{AUTH}/pda-noauth-{SUFFIX}:v1")
    try:
        theirs = run_docker("push", ref, env=env)
        ours = run_pydock("push", ref, env=env)
        assert theirs.returncode == ours.returncode == 1
        assert ours.stdout == theirs.stdout
        assert ours.stderr.splitlines()[0] == theirs.stderr.strip()
        assert ours.stderr.splitlines()[1].startswith("hint: ") and "login" in ours.stderr
    finally:
        untag(ref)


def test_run_pulls_with_stored_credentials(source_image, cfg):
    """The implicit pull of run/create sends the stored credentials and prints docker's lines on stderr."""
    _, env = cfg
    login_docker(env)
    repo = f"{AUTH}/pda-run-{SUFFIX}"
    ref_d, ref_p = tag(source_image, f"{repo}:d"), tag(source_image, f"{repo}:p")
    try:
        assert run_docker("push", "-q", ref_d, env=env).returncode == 0
        assert run_docker("push", "-q", ref_p, env=env).returncode == 0
        untag(ref_d, ref_p)
        theirs = run_docker("run", "--rm", "--label", LABEL, ref_d, "true", env=env)
        ours = run_pydock("run", "--rm", "--label", LABEL, ref_p, "true", env=env)
        assert theirs.returncode == ours.returncode == 0, (theirs, ours)
        assert ours.stderr == theirs.stderr.replace(":d", ":p").replace(" d:", " p:").replace("\nd:", "\np:") \
            or ours.stderr.replace(":p", ":d").replace("\np:", "\nd:") == theirs.stderr, (theirs.stderr, ours.stderr)
    finally:
        untag(ref_d, ref_p)


# -- bad input ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("verb", ["pull", "push"])
@pytest.mark.parametrize("ref", ["UPPER/case", "a::b", "Upper", "x@sha256:" + "a" * 64])
def test_bad_references(verb, ref, cfg):
    _, env = cfg
    if verb == "pull" and ref.startswith("x@"):
        ref = f"{OPEN}/pda-nope-{SUFFIX}@sha256:" + "a" * 64  # an unknown digest, not a bad reference
    assert_same(verb, ref, env=env)


def test_unknown_tag_and_unknown_repository(cfg):
    _, env = cfg
    assert_same("pull", f"{OPEN}/pda-nope-{SUFFIX}:zzz", env=env)
    assert_same("pull", f"{OPEN}/pda-nope-{SUFFIX}", env=env)
    assert_same("push", f"{OPEN}/pda-nope-{SUFFIX}:zzz", env=env)  # no such local image


def test_unreachable_registry_says_what_to_do(cfg):
    _, env = cfg
    theirs = run_docker("pull", f"{CLOSED}/pda-x:v1", env=env)
    ours = run_pydock("pull", f"{CLOSED}/pda-x:v1", env=env)
    assert theirs.returncode == ours.returncode == 1
    assert ours.stdout == theirs.stdout
    first, hint = ours.stderr.splitlines()
    assert first == theirs.stderr.strip()
    assert hint.startswith("hint: ") and CLOSED in hint and "running" in hint


# -- login / logout -----------------------------------------------------------------------------------

BASE_CONFIG = {"auths": {}, "psFormat": "table {{.ID}}\\t{{.Names}}", "detachKeys": "ctrl-x,x",
               "aliases": {"builder": "buildx"}}


def write_config(directory, data=BASE_CONFIG, mode=0o600):
    path = directory / "config.json"
    path.write_text(json.dumps(data, indent="\t"))
    path.chmod(mode)
    return path


def test_login_writes_what_docker_writes_and_each_reads_the_other(source_image, cfg, tmp_path):
    directory, env = cfg
    # the same starting file, logged in by docker and by pydock: byte-identical results
    other = tmp_path / "docker-side"
    other.mkdir()
    write_config(directory)
    write_config(other)
    theirs = run_docker("login", "-u", USER, "--password-stdin", AUTH, input=PASSWORD + "\n",
                        env={"DOCKER_CONFIG": str(other)})
    ours = run_pydock("login", "-u", USER, "--password-stdin", AUTH, input=PASSWORD + "\n", env=env)
    assert theirs.returncode == ours.returncode == 0
    assert ours.stdout == theirs.stdout == "Login Succeeded\n"
    assert ours.stderr == theirs.stderr.replace(str(other), str(directory))
    path = directory / "config.json"
    assert path.read_text() == (other / "config.json").read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert base64.b64decode(data["auths"][AUTH]["auth"]).decode() == f"{USER}:{PASSWORD}"
    assert {k: v for k, v in data.items() if k != "auths"} == {k: v for k, v in BASE_CONFIG.items() if k != "auths"}

    # docker uses pydock's credentials (push + pull on the auth registry)
    ref = tag(source_image, f"{AUTH}/pda-login-{SUFFIX}:v1")
    try:
        assert run_docker("push", "-q", ref, env=env).returncode == 0
        untag(ref)
        assert run_docker("pull", "-q", ref, env=env).returncode == 0
        # docker logs out (rewrites the file), docker logs in again, pydock reads that
        r = assert_same("logout", AUTH, env=env)  # the second run finds nothing: both still exit 0, same text
        assert r.stdout == f"Removing login credentials for {AUTH}\n"
        assert json.loads(path.read_text())["auths"] == {}
        assert run_pydock("pull", "-q", ref, env=env).returncode == 1  # logged out: refused
        login_docker(env)
        untag(ref)
        r = run_pydock("pull", "-q", ref, env=env)
        assert r.returncode == 0 and r.stdout == f"{ref}\n", r
        # pydock logs out: docker sees it
        r = run_pydock("logout", f"http://{AUTH}/v2/", env=env)
        assert (r.returncode, r.stdout, r.stderr) == (0, f"Removing login credentials for {AUTH}\n", "")
        assert json.loads(path.read_text()) == BASE_CONFIG
        untag(ref)
        assert run_docker("pull", "-q", ref, env=env).returncode == 1
    finally:
        untag(ref)


def test_login_with_stored_credentials(cfg):
    directory, env = cfg
    login_docker(env)
    theirs = run_docker("login", AUTH, env=env, input="")
    ours = run_pydock("login", AUTH, env=env, input="")
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_wrong_password_stores_nothing(cfg):
    directory, env = cfg
    path = write_config(directory, mode=0o644)
    before = path.read_text()
    r = assert_same("login", "-u", USER, "--password-stdin", AUTH, input="wrong\n", env=env)
    assert r.returncode == 1 and "401 Unauthorized" in r.stderr and "wrong" not in r.stderr
    assert path.read_text() == before and stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(os.listdir(directory)) == ["config.json"]
    # no file at all: none created
    path.unlink()
    r = run_pydock("login", "-u", USER, "-p", "wrong", AUTH, env=env)
    assert r.returncode == 1 and not path.exists()


@pytest.mark.parametrize("args,stdin", [
    (("login", "-u", USER, AUTH), ""),
    (("login", "--password-stdin", AUTH), "x\n"),
    (("login", "-u", "", AUTH), ""),
    (("login", "-p", "x", "--password-stdin", "-u", USER, AUTH), ""),
    (("login", "-u", USER, "--password-stdin", AUTH), "\n"),
    (("login", AUTH), ""),
    (("login", "-u", USER, "-p", "wrong", CLOSED), ""),
    (("logout", "never-logged-in.example:1"), ""),
])
def test_login_logout_errors_as_docker(args, stdin, cfg):
    directory, env = cfg
    assert_same(*args, input=stdin, env=env)
    assert not (directory / "config.json").exists()


@pytest.mark.parametrize("verb", ["login", "logout"])
def test_login_logout_too_many_arguments(verb, cfg):
    """docker 28 prints a stray "S" before "Run 'docker login --help'" (a cobra template quirk): not copied."""
    _, env = cfg
    theirs, ours = run_docker(verb, "a", "b", env=env), run_pydock(verb, "a", "b", env=env)
    assert theirs.returncode == ours.returncode == 1
    assert ours.stderr == as_pydock(theirs.stderr).replace("\nSRun ", "\nRun ")


def test_password_flag_warns_and_debug_logs_no_secret(cfg):
    directory, env = cfg
    r = run_pydock("-D", "login", "-u", USER, "-p", PASSWORD, AUTH, env=env)
    assert r.returncode == 0, r
    assert r.stderr.startswith("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n")
    r2 = run_pydock("-D", "pull", f"{AUTH}/pda-nope-{SUFFIX}:v1", env=env)
    for res in (r, r2):
        assert PASSWORD not in res.stdout + res.stderr
        assert base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode() not in res.stdout + res.stderr


# -- credential helpers -------------------------------------------------------------------------------

HELPER = textwrap.dedent("""\
    #!{python}
    import json, os, sys
    path = os.environ["PDATEST_STORE"]
    data = json.load(open(path)) if os.path.exists(path) else {{}}
    action, raw = sys.argv[1], sys.stdin.read()
    if action == "store":
        c = json.loads(raw)
        data[c["ServerURL"]] = {{"Username": c["Username"], "Secret": c["Secret"]}}
    elif action in ("get", "erase"):
        if raw.strip() not in data:
            print("credentials not found in native keychain")
            sys.exit(1)
        if action == "get":
            print(json.dumps(dict(ServerURL=raw.strip(), **data[raw.strip()])))
        else:
            del data[raw.strip()]
    elif action == "list":
        print(json.dumps({{k: v["Username"] for k, v in data.items()}}))
    json.dump(data, open(path, "w"))
""")


@pytest.fixture
def helper(tmp_path):
    bindir = tmp_path / "helper-bin"
    bindir.mkdir()
    script = bindir / "docker-credential-pdatest"
    script.write_text(HELPER.format(python=sys.executable))
    script.chmod(0o755)
    store = tmp_path / "pdatest-store.json"
    return store, {"PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "PDATEST_STORE": str(store)}


@pytest.mark.parametrize("setting", [{"credsStore": "pdatest"}, {"credHelpers": {AUTH: "pdatest"}}])
def test_credential_helper_shared_with_docker(setting, helper, cfg, source_image, tmp_path):
    store, helper_env = helper
    directory, env = cfg
    env = {**env, **helper_env}
    path = write_config(directory, {"auths": {}, **setting})
    # pydock stores through the helper; config.json keeps an empty entry and no secret, as docker's
    other = tmp_path / "docker-side"
    other.mkdir()
    write_config(other, {"auths": {}, **setting})
    theirs = run_docker("login", "-u", USER, "--password-stdin", AUTH, input=PASSWORD,
                        env={**env, "DOCKER_CONFIG": str(other), "PDATEST_STORE": str(tmp_path / "other.json")})
    ours = run_pydock("login", "-u", USER, "--password-stdin", AUTH, input=PASSWORD, env=env)
    assert theirs.returncode == ours.returncode == 0, (theirs, ours)
    assert (ours.stdout, ours.stderr) == (theirs.stdout, theirs.stderr)  # no "unencrypted" warning
    assert path.read_text() == (other / "config.json").read_text()
    assert PASSWORD not in path.read_text()
    assert json.loads(store.read_text()) == {AUTH: {"Username": USER, "Secret": PASSWORD}}
    assert json.loads(store.read_text()) == json.loads((tmp_path / "other.json").read_text())

    ref = tag(source_image, f"{AUTH}/pda-helper-{SUFFIX}:v1")
    try:
        assert run_docker("push", "-q", ref, env=env).returncode == 0  # docker reads what pydock stored
        untag(ref)
        r = run_pydock("pull", "-q", ref, env=env)  # and pydock reads it back through the helper
        assert r.returncode == 0 and r.stdout == f"{ref}\n", r
        r = assert_same("logout", AUTH, env=env)
        assert r.returncode == 0 and json.loads(store.read_text()) == {}
        login_docker(env)  # docker stores, pydock uses and erases
        untag(ref)
        assert run_pydock("pull", "-q", ref, env=env).returncode == 0
        r = run_pydock("logout", AUTH, env=env)
        assert (r.returncode, r.stderr) == (0, "") and json.loads(store.read_text()) == {}
        assert json.loads(path.read_text()) == {"auths": {}, **setting}
    finally:
        untag(ref)


def test_helper_missing_from_path(cfg):
    directory, env = cfg
    write_config(directory, {"auths": {}, "credsStore": "pda-no-such-helper"})
    r = assert_same("login", "-u", USER, "--password-stdin", AUTH, input=PASSWORD, env=env)
    assert r.returncode == 1 and "Error saving credentials" in r.stderr
    assert_same("logout", AUTH, env=env)


# -- the terminal ---------------------------------------------------------------------------------------

def run_on_pty(args, env) -> tuple[int, str]:
    """pydock with stdout and stderr on a pseudo-terminal: (exit status, everything it drew)."""
    import pty
    import subprocess

    from tests.conftest import _env, read_pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pydock", *args], stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=slave, env=_env({**env, "COLUMNS": "120"}))
    os.close(slave)
    out = read_pty(master)
    proc.wait(timeout=60)
    return proc.returncode, out.decode("utf-8", "replace")


def test_pull_and_push_on_a_terminal(source_image, cfg):
    _, env = cfg
    repo = f"{OPEN}/pda-tty-{SUFFIX}"
    ref = tag(source_image, f"{repo}:v1")
    try:
        code, text = run_on_pty(["push", ref], env)
        assert code == 0, text
        assert re.search(r"\x1b\[\d*A", text), text  # the layer block is redrawn in place
        assert "Total (" in text and ": digest: sha256:" in text
        untag(ref)
        run_docker("rmi", f"{repo}@{registry_digest(OPEN, f'pda-tty-{SUFFIX}', 'v1')}")
        code, text = run_on_pty(["pull", ref], env)
        assert code == 0, text
        assert f"v1: Pulling from pda-tty-{SUFFIX}" in text and text.rstrip().splitlines()[-2].strip() == ref
        assert "Status: " in text and "pulled " in text
        code, text = run_on_pty(["pull", f"{repo}:nope"], env)
        assert code == 1 and "manifest unknown" in text
    finally:
        untag(ref)


def test_interactive_login_on_a_terminal(cfg):
    """Username prompt (with the stored name as default), the password not echoed, then stored."""
    import pty
    import select
    import subprocess

    from tests.conftest import _env

    directory, env = cfg

    def converse(answers: list[tuple[str, str]]) -> tuple[int, str]:
        master, slave = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "pydock", "login", AUTH], stdin=slave, stdout=slave,
                                stderr=slave, env=_env(env))
        os.close(slave)
        seen = ""
        pending = list(answers)
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            seen += data.decode("utf-8", "replace")
            while pending and seen.rstrip().endswith(pending[0][0]):
                os.write(master, pending.pop(0)[1].encode())
        proc.wait(timeout=60)
        os.close(master)
        return proc.returncode, seen

    code, seen = converse([("Username:", f"{USER}\n"), ("Password:", f"{PASSWORD}\n")])
    assert code == 0, seen
    assert "Login Succeeded" in seen and PASSWORD not in seen  # echo was off while typing the password
    assert json.loads((directory / "config.json").read_text())["auths"][AUTH]["auth"] == \
        base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    # stored credentials that no longer work: docker's notice, then the prompt offers the stored name
    path = directory / "config.json"
    data = json.loads(path.read_text())
    data["auths"][AUTH]["auth"] = base64.b64encode(f"{USER}:stale".encode()).decode()
    path.write_text(json.dumps(data))
    code, seen = converse([(f"Username ({USER}):", "\n"), ("Password:", f"{PASSWORD}\n")])
    assert code == 0, seen
    # (dockerd 20.10 answers a failed /auth with 500, so this is docker's "Login did not succeed" branch)
    assert "Login did not succeed, error: " in seen and "401 Unauthorized" in seen and "Login Succeeded" in seen
    assert f"Username ({USER}): " in seen
    assert base64.b64decode(json.loads(path.read_text())["auths"][AUTH]["auth"]).decode() == f"{USER}:{PASSWORD}"


def test_pull_that_downloads_layers_prints_dockers_lines(cfg):
    """Layers absent locally: the per-layer state lines in a pipe are docker's, line for line."""
    _, env = cfg
    repo = f"{OPEN}/pda-layers-{SUFFIX}"
    ref_d, ref_p = f"{repo}:d", f"{repo}:p"
    dockerfile = f"FROM {TEST_IMAGE}\nRUN head -c 3000000 /dev/urandom > /pda-layer-{SUFFIX}\n"
    r = run_docker("build", "-q", "--label", LABEL, "-t", ref_d, "-", input=dockerfile, env={"DOCKER_BUILDKIT": "0"})
    assert r.returncode == 0, r
    image_id = r.stdout.strip()
    tag(ref_d, ref_p)
    try:
        for ref in (ref_d, ref_p):
            assert run_docker("push", "-q", ref, env=env).returncode == 0
        run_docker("rmi", "-f", image_id)
        theirs = run_docker("pull", ref_d, env=env)
        run_docker("rmi", "-f", image_id)
        ours = run_pydock("pull", ref_p, env=env)
        assert theirs.returncode == ours.returncode == 0, (theirs, ours)
        assert "Pull complete" in ours.stdout and "Already exists" in ours.stdout
        # the daemon sends "Verifying Checksum" for a small layer only when its download outlasts a
        # progress tick: a matter of timing between the two pulls, not of rendering, so it is left out
        def states(text: str) -> str:
            return "".join(line for line in text.splitlines(True) if not line.endswith(": Verifying Checksum\n"))

        # only the tag differs: "d: Pulling from ..." and the full reference (a digest may hold ":d" too)
        expected = theirs.stdout.replace(ref_d, ref_p)
        if expected.startswith("d: Pulling from"):
            expected = "p" + expected[1:]
        assert states(ours.stdout) == states(expected), (theirs.stdout, ours.stdout)
        assert "\x1b" not in ours.stdout + ours.stderr
        size = json.loads(run_docker("image", "inspect", ref_p).stdout)[0]["Size"]
        from pydock.render.humanize import human_size

        assert re.fullmatch(rf"pulled {re.escape(ref_p)}: 3\.\d+MB downloaded in 1 layer, "
                            rf"image size {re.escape(human_size(size))}, \d+\.\ds\n", ours.stderr), ours.stderr
    finally:
        run_docker("rmi", "-f", image_id)


def test_push_platform_needs_a_newer_daemon(cfg):
    _, env = cfg
    version = run_docker("version", "--format", "{{.Server.APIVersion}}").stdout.strip()
    if tuple(int(x) for x in version.split(".")) >= (1, 46):
        pytest.skip("the daemon supports push --platform")
    assert_same("push", "--platform", "linux/amd64", f"{OPEN}/pda-nope-{SUFFIX}:v1", env=env)
