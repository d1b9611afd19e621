"""Environment faults, side by side with docker: a full disk, a broken or unreadable config.json, a
read-only config directory, stdout closed or a broken pipe, an invalid DOCKER_HOST, and concurrent
`login`s into one config.json.

Every case runs the same command through docker and pydock and compares the exit status and the one
stderr line (temporary-file suffixes masked: both name them `<name><random decimal>`, as Go's
os.CreateTemp does), then checks what is left on disk.

| fault | docker | pydock (before this module) | pydock now |
|---|---|---|---|
| `save -o` on a full disk | `write /d/.tmp-x.tar123: no space left on device`, 1 | internal error, `.tmp-x.tar*` left | docker's line, old file intact, no temp file |
| `cp` into a full directory | `write /d/busybox: no space left on device`, 1; old file replaced by a partial one | internal error | docker's line; old file intact, nothing partial |
| `run --cidfile` on a full disk | `failed to write the container ID to the file: write ...`, 125 | internal error, empty cid file left | docker's line, 125, no cid file |
| `build --iidfile` on a full disk | `write /d/iid: no space left on device`, 1; empty iid file left | `open /d/iid: ...`, empty file left | docker's line, no file |
| `login` (config.json) on a full disk | `Error saving credentials: write /d/config.json123: no space ...` | `... error saving config file ...: No space left on device` | docker's line, config.json intact |
| `context create` on a full disk | `write .../meta/<hash>/.tmp-meta.json123: no space left on device`; empty dirs left | internal error | docker's line, nothing left |
| config.json garbage/truncated/mistyped/a directory/unreadable | `WARNING: Error parsing config file (...)`, goes on | `loading config file: ...` (Python's words), exit 1 | docker's warning, goes on |
| read-only DOCKER_CONFIG or HOME | `open/mkdir ...: read-only file system` | internal error | docker's line |
| `ps >&-`, `logs >&-` | 0, silent | internal error and a traceback | 0, silent |
| `logs <200k lines> \\| head -1` | SIGPIPE (141) | 141 | 141 |
| DOCKER_HOST `tcp://h:12a`, `tcp://[::1` | `parse "...": invalid port ":12a" after host` | `invalid bind address format` | docker's line |
| DOCKER_HOST an unknown name | `error during connect: ...: lookup foo ...: no such host` | `Cannot connect ... Is the docker daemon running?` | `error during connect: ...: lookup foo: no such host` |

Concurrent logins (test_concurrent_logins_keep_every_entry): 20 `login`s to 20 registry names at once
into one config.json. pydock takes an exclusive flock on config.json's directory around a fresh
read-modify-write (pydock/config.py config_lock) and keeps all 20; before the lock it kept 3 or 4. The
docker CLI takes no lock: measured on the 2-core development machine it kept 1 of the 20 entries in each
of 3 runs (the test prints the number; it is not asserted). A reader polling config.json meanwhile never
saw a torn file from either tool (each write is a rename).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT, _env
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock

REGISTRY = "127.0.0.1:5001"
USER, PASSWORD = "pydock", "pydock-secret"
PYDOCK = [sys.executable, "-m", "pydock"]

pytestmark = pytest.mark.usefixtures("remove_module_containers")


def _need(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"prerequisite missing under CI: {why}")
        pytest.skip(why)


def run(tool: str, *args: str, env: dict | None = None, input: str | None = None, prefix: tuple = (),
        timeout: float = 120) -> subprocess.CompletedProcess:
    program = ["docker"] if tool == "docker" else PYDOCK
    return subprocess.run([*prefix, *program, *args], capture_output=True, text=True, env=_env(env),
                          input=input, timeout=timeout, cwd=ROOT)


_TEMP_SUFFIX = re.compile(r"(\.tmp-[^\s/:]*?|config\.json)\d+(?=[:\s]|$)")


def masked(text: str) -> str:
    """docker's stderr as pydock would print it, with os.CreateTemp's random decimal suffixes masked."""
    return _TEMP_SUFFIX.sub(r"\1<N>", as_pydock(text))


def assert_same_error(theirs, ours, status: int | None = None):
    assert ours.returncode == theirs.returncode, (theirs, ours)
    if status is not None:
        assert ours.returncode == status, ours
    assert "internal error" not in ours.stderr and "Traceback" not in ours.stderr, ours.stderr
    assert masked(ours.stderr) == masked(theirs.stderr), f"\n--- docker\n{theirs.stderr}--- pydock\n{ours.stderr}"


def leftovers(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if ".tmp-" in p.name
                  or re.search(r"config\.json\d+$", p.name))


# -- a 1 MB tmpfs ------------------------------------------------------------------------------------

@pytest.fixture
def small_fs(tmp_path):
    """A 1 MB tmpfs mounted for the test (we are root in CI), unmounted afterwards."""
    _need(os.geteuid() == 0, "mounting a tmpfs needs root")
    mnt = tmp_path / "fs"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True, text=True)
    _need(r.returncode == 0, f"mount -t tmpfs: {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(directory: Path) -> Path:
    """Fill the file system holding `directory` to the last byte."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_save_to_a_full_disk_names_the_file_and_keeps_the_old_one(small_fs):
    target = small_fs / "x.tar"
    results = {}
    for tool in ("docker", "pydock"):
        target.write_text("old\n")
        results[tool] = run(tool, "save", "-o", str(target), TEST_IMAGE)
        assert target.read_text() == "old\n", tool
        assert leftovers(small_fs) == [], tool
    assert_same_error(results["docker"], results["pydock"], status=1)
    assert re.fullmatch(rf"write {small_fs}/\.tmp-x\.tar\d+: no space left on device\n", results["pydock"].stderr)


@pytest.fixture
def busybox_container():
    name = f"pdef-{uuid.uuid4().hex[:8]}"
    r = run("docker", "create", "--name", name, "--label", LABEL, TEST_IMAGE, "true")
    assert r.returncode == 0, r
    yield name
    run("docker", "rm", "-f", name)


def test_cp_into_a_full_directory_keeps_the_old_file(small_fs, busybox_container):
    dest = small_fs / "d"
    dest.mkdir()
    old = dest / "busybox"
    results = {}
    for tool in ("docker", "pydock"):
        old.write_text("old\n")
        results[tool] = run(tool, "cp", f"{busybox_container}:/bin/busybox", f"{dest}/")
        if tool == "pydock":  # docker removes the old file first and leaves a partial one
            assert old.read_text() == "old\n"
            assert sorted(p.name for p in dest.iterdir()) == ["busybox"]
    assert_same_error(results["docker"], results["pydock"], status=1)
    assert results["pydock"].stderr == f"write {old}: no space left on device\n"


def test_cidfile_on_a_full_disk(small_fs):
    fill(small_fs)
    cid = small_fs / "cid"
    results = {}
    for tool in ("docker", "pydock"):
        results[tool] = run(tool, "run", "--rm", "--cidfile", str(cid), "--label", LABEL, TEST_IMAGE, "true")
        assert not cid.exists(), tool
    assert_same_error(results["docker"], results["pydock"], status=125)
    assert f"failed to write the container ID to the file: write {cid}: no space left on device" in results["pydock"].stderr


def test_iidfile_on_a_full_disk(small_fs, tmp_path):
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text(f"FROM {TEST_IMAGE}\nLABEL {LABEL}\n")
    fill(small_fs)
    iid = small_fs / "iid"
    results = {}
    for tool in ("docker", "pydock"):
        results[tool] = run(tool, "build", "-q", "--iidfile", str(iid), str(context))
        if tool == "pydock":  # docker leaves an empty file
            assert not iid.exists()
        iid.unlink(missing_ok=True)
    theirs, ours = results["docker"], results["pydock"]
    assert ours.returncode == theirs.returncode == 1, (theirs, ours)
    assert ours.stdout == theirs.stdout  # the image ID (-q) was printed before the file failed
    # docker's legacy builder prints a deprecation notice first; the last line is the error
    assert ours.stderr.splitlines() == theirs.stderr.splitlines()[-1:] == [f"write {iid}: no space left on device"]


def _config_dir(root: Path, content: str = '{"auths":{}}\n') -> Path:
    cfg = root / "cfg"
    cfg.mkdir(parents=True)
    (cfg / "config.json").write_text(content)
    return cfg


def test_login_on_a_full_disk_keeps_config_json(small_fs):
    cfg = _config_dir(small_fs)
    fill(small_fs)
    results = {tool: run(tool, "login", "-u", USER, "--password-stdin", REGISTRY, input=PASSWORD + "\n",
                         env={"DOCKER_CONFIG": str(cfg)}) for tool in ("docker", "pydock")}
    assert_same_error(results["docker"], results["pydock"], status=1)
    assert re.fullmatch(rf"Error saving credentials: write {cfg}/config\.json\d+: no space left on device\n",
                        results["pydock"].stderr)
    assert (cfg / "config.json").read_text() == '{"auths":{}}\n'
    assert leftovers(small_fs) == []


def test_context_create_on_a_full_disk(small_fs):
    cfg = _config_dir(small_fs)
    fill(small_fs)
    results = {}
    for tool in ("docker", "pydock"):
        results[tool] = run(tool, "context", "create", "pdef-ctx", "--docker", "host=unix:///var/run/docker.sock",
                            env={"DOCKER_CONFIG": str(cfg)})
        assert leftovers(small_fs) == [], tool
        if tool == "pydock":  # docker leaves contexts/meta/<hash>/ behind, empty
            assert not (cfg / "contexts").exists()
        shutil.rmtree(cfg / "contexts", ignore_errors=True)
    assert_same_error(results["docker"], results["pydock"], status=1)
    assert re.fullmatch(rf"write {cfg}/contexts/meta/[0-9a-f]{{64}}/\.tmp-meta\.json\d+: no space left on device\n",
                        results["pydock"].stderr)


# -- config.json: garbage, empty, unreadable ------------------------------------------------------------

BROKEN_CONFIGS = [
    "garbage{", "", "  \n", "[1]", "null", "12x", '"x"', "tru", '{"auths": {}', '{"a":1,}', '{"auths": {}} trailing',
    '{"auths": 5}', '{"auths": {"x": 5}}', '{"auths": {"x": {"username": 5}}, "psFormat": "table {{.ID}}"}',
    '{"Auths": {"x": 5}, "psformat": 7}', '{"proxies": {"default": {"httpProxy": 1}}}', '{"plugins": {"a": 5}}',
    '{"pruneFilters": [1]}', '{"HttpHeaders": {"a": true}}', '{"currentContext": ["x"]}',
]


@pytest.mark.parametrize("content", BROKEN_CONFIGS)
def test_broken_config_json_is_dockers_warning(tmp_path, content):
    cfg = _config_dir(tmp_path, content)
    results = {tool: run(tool, "context", "ls", "-q", env={"DOCKER_CONFIG": str(cfg)}) for tool in ("docker", "pydock")}
    theirs, ours = results["docker"], results["pydock"]
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout), (theirs, ours)
    assert_same_error(theirs, ours, status=0)


def test_config_json_a_directory(tmp_path):
    cfg = tmp_path / "cfg"
    (cfg / "config.json").mkdir(parents=True)
    for args in (("context", "ls", "-q"), ("context", "use", "default")):
        results = {tool: run(tool, *args, env={"DOCKER_CONFIG": str(cfg)}) for tool in ("docker", "pydock")}
        assert results["pydock"].stdout == results["docker"].stdout
        assert_same_error(results["docker"], results["pydock"], status=0)


def test_garbage_config_json_is_replaced_by_a_login(tmp_path):
    """docker warns, logs in, and writes a fresh config.json over the garbage; so does pydock."""
    files = {}
    for tool in ("docker", "pydock"):
        cfg = _config_dir(tmp_path / tool, "garbage{")
        files[tool] = cfg / "config.json"
        r = run(tool, "login", "-u", USER, "--password-stdin", REGISTRY, input=PASSWORD, env={"DOCKER_CONFIG": str(cfg)})
        assert r.returncode == 0, r
        assert r.stderr.startswith(f"WARNING: Error parsing config file ({files[tool]}): invalid character 'g'"), r
    assert json.loads(files["pydock"].read_text()) == json.loads(files["docker"].read_text())


def test_unreadable_config_json():
    """chmod 000 matters only to a non-root user: both tools run as `nobody`."""
    import tempfile

    _need(shutil.which("setpriv") is not None, "setpriv (util-linux) missing")
    home = Path(tempfile.mkdtemp(prefix="pdef-home-"))  # pytest's tmp_path is not reachable for nobody
    try:
        home.chmod(0o777)
        cfg = _config_dir(home)
        cfg.chmod(0o777)
        (cfg / "config.json").chmod(0)
        nobody = ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups")
        for args in (("context", "ls", "-q"), ("context", "use", "default")):
            results = {tool: run(tool, *args, env={"DOCKER_CONFIG": str(cfg), "HOME": str(home)}, prefix=nobody)
                       for tool in ("docker", "pydock")}
            assert results["docker"].stderr.startswith("WARNING: Error loading config file: open "), results["docker"]
            assert results["pydock"].stdout == results["docker"].stdout == "default\n"
            assert_same_error(results["docker"], results["pydock"], status=0)
    finally:
        shutil.rmtree(home, ignore_errors=True)


# -- a read-only config directory or home ---------------------------------------------------------------

@pytest.fixture
def readonly_fs(small_fs):
    """The tmpfs with a config dir holding config.json and a context `pdef-ro`, then remounted read-only."""
    cfg = _config_dir(small_fs)
    r = run("docker", "context", "create", "pdef-ro", "--docker", "host=unix:///var/run/docker.sock",
            env={"DOCKER_CONFIG": str(cfg)})
    assert r.returncode == 0, r
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    yield small_fs


@pytest.mark.parametrize("args, status", [
    (("login", "-u", USER, "--password-stdin", REGISTRY), 1),
    (("context", "use", "pdef-ro"), 1),
    (("context", "create", "pdef-other", "--docker", "host=unix:///var/run/docker.sock"), 1),
    (("ps", "-q", "--filter", "label=pdef-none"), 0),
    (("context", "ls", "-q"), 0),
])
def test_readonly_config_dir(readonly_fs, args, status):
    env = {"DOCKER_CONFIG": str(readonly_fs / "cfg")}
    results = {tool: run(tool, *args, env=env, input=PASSWORD) for tool in ("docker", "pydock")}
    assert results["pydock"].stdout == results["docker"].stdout
    assert_same_error(results["docker"], results["pydock"], status=status)


@pytest.mark.parametrize("args, status", [(("login", "-u", USER, "--password-stdin", REGISTRY), 1),
                                          (("ps", "-q", "--filter", "label=pdef-none"), 0)])
def test_readonly_home(small_fs, args, status):
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    env = {"HOME": str(small_fs), "DOCKER_CONFIG": None}
    results = {tool: run(tool, *args, env=env, input=PASSWORD) for tool in ("docker", "pydock")}
    assert results["pydock"].stdout == results["docker"].stdout
    assert_same_error(results["docker"], results["pydock"], status=status)
    if status:
        assert results["pydock"].stderr == f"Error saving credentials: mkdir {small_fs}/.docker: read-only file system\n"


# -- stdout closed, stdout a broken pipe ----------------------------------------------------------------

@pytest.mark.parametrize("args", [("ps",), ("images",), ("version", "--format", "{{.Client.Os}}")])
def test_stdout_closed(args):
    results = {}
    for tool in ("docker", "pydock"):
        program = ["docker"] if tool == "docker" else PYDOCK
        results[tool] = subprocess.run(["sh", "-c", '"$@" >&-', "sh", *program, *args], capture_output=True,
                                       text=True, env=_env(None), cwd=ROOT, timeout=60)
    assert_same_error(results["docker"], results["pydock"], status=0)
    assert results["pydock"].stderr == ""


@pytest.fixture(scope="module")
def chatty_container():
    """A stopped container that printed 200,000 lines."""
    name = f"pdef-big-{uuid.uuid4().hex[:8]}"
    r = run("docker", "run", "--name", name, "--label", LABEL, TEST_IMAGE, "seq", "1", "200000")
    assert r.returncode == 0
    yield name
    run("docker", "rm", "-f", name)


def _first_line_then_close(argv: list[str]) -> tuple[int, bytes, str]:
    """`argv | head -1`: read one line, close the pipe, wait. A process killed by SIGPIPE counts as 141,
    as a shell reports it."""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(None), cwd=ROOT)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode(errors="replace")
    code = p.wait(timeout=60)
    return (128 + -code if code < 0 else code), first, err


def test_broken_pipe_on_a_long_log(chatty_container):
    results = {tool: _first_line_then_close([*(["docker"] if tool == "docker" else PYDOCK), "logs", chatty_container])
               for tool in ("docker", "pydock")}
    assert results["docker"] == (141, b"1\n", "")
    assert results["pydock"] == (141, b"1\n", "")


def test_broken_pipe_on_short_outputs(chatty_container):
    """A short output may fit in the pipe before the reader goes: 0 or 141 (both tools race alike); never a
    word on stderr."""
    now = str(int(time.time()))
    for args in (("ps", "-a"), ("images", "-a"), ("events", "--since", "0", "--until", now), ("inspect", chatty_container)):
        for tool in ("docker", "pydock"):
            code, first, err = _first_line_then_close([*(["docker"] if tool == "docker" else PYDOCK), *args])
            assert code in (0, 141) and err == "" and first, (tool, args, code, err)


# -- an invalid DOCKER_HOST ---------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["garbage://x", "", "tcp://", "unix:///nonexistent/docker.sock", "tcp://h:12a",
                                  "tcp://a:b:c", "tcp://[::1", "tcp://h:port/x", "http://", "://x", "tcp://127.0.0.1:1"])
def test_invalid_docker_host(host):
    results = {tool: run(tool, "ps", "-q", "--filter", "label=pdef-none", env={"DOCKER_HOST": host})
               for tool in ("docker", "pydock")}
    assert results["pydock"].stdout == results["docker"].stdout
    assert_same_error(results["docker"], results["pydock"], status=0 if host == "" else 1)


def test_docker_host_that_does_not_resolve():
    """docker names the resolver (`lookup x on 10.0.0.53:53: no such host`); the rest is alike."""
    host = "tcp://pdef-no-such-host.invalid:2375"
    theirs = run("docker", "ps", "-q", env={"DOCKER_HOST": host})
    ours = run("pydock", "ps", "-q", env={"DOCKER_HOST": host})
    assert ours.returncode == theirs.returncode == 1
    pattern = r"error during connect: .*lookup pdef-no-such-host\.invalid.*: no such host\n"
    assert re.fullmatch(pattern, theirs.stderr), theirs
    assert re.fullmatch(pattern, ours.stderr), ours


def test_docker_host_ssh_without_a_host():
    """ssh:// is spoken now (tests/engine/test_remote_ssh.py): a URL without a host is docker's one line."""
    theirs = run("docker", "ps", "-q", env={"DOCKER_HOST": "ssh://"})
    ours = run("pydock", "ps", "-q", env={"DOCKER_HOST": "ssh://"})
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (
        1, "Failed to initialize: ssh host connection is not valid: invalid SSH URL: hostname is empty\n")


@pytest.mark.parametrize("host", ["fd://", "npipe:////./pipe/x"])
def test_docker_host_scheme_pydock_does_not_speak(host):
    """pydock speaks unix://, tcp:// and ssh:// only: its own one line where docker fails on other grounds."""
    theirs = run("docker", "ps", "-q", env={"DOCKER_HOST": host})
    ours = run("pydock", "ps", "-q", env={"DOCKER_HOST": host})
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr.count("\n") == 1 and "unsupported protocol scheme" in ours.stderr, ours


# -- concurrent logins into one config.json -------------------------------------------------------------

HOSTS_MARK = "# pydock-test-env-faults"


@pytest.fixture
def registry_names():
    """20 names for the htpasswd registry: localhost, 127.0.0.1 and 18 host names added to /etc/hosts
    (the daemon treats 127.0.0.0/8 as insecure and resolves the names itself); /etc/hosts restored."""
    _need(os.access("/etc/hosts", os.W_OK), "/etc/hosts not writable")
    tag = uuid.uuid4().hex[:6]
    names = [f"pdef-{tag}-{i:02d}" for i in range(18)]
    with open("/etc/hosts", "a") as f:
        f.write("".join(f"127.0.0.1 {n} {HOSTS_MARK}\n" for n in names))
    try:
        yield ["localhost:5001", "127.0.0.1:5001"] + [f"{n}:5001" for n in names]
    finally:
        with open("/etc/hosts") as f:
            kept = [line for line in f if not any(n in line for n in names)]
        with open("/etc/hosts", "w") as f:  # in place: /etc/hosts may be a bind mount
            f.writelines(kept)


def _concurrent_logins(tool: str, cfg: Path, names: list[str]) -> tuple[list, int, int]:
    """(failed logins, entries kept, torn reads seen by a reader polling config.json meanwhile)."""
    program = ["docker"] if tool == "docker" else PYDOCK
    env = _env({"DOCKER_CONFIG": str(cfg)})
    torn, done = [0], threading.Event()

    def reader():
        while not done.is_set():
            try:
                json.loads((cfg / "config.json").read_text())
            except ValueError:
                torn[0] += 1
            except OSError:
                pass

    watcher = threading.Thread(target=reader, daemon=True)
    watcher.start()
    procs = [subprocess.Popen([*program, "login", "-u", USER, "--password-stdin", name], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT) for name in names]
    for p in procs:
        p.stdin.write(PASSWORD.encode())
        p.stdin.close()
    failed = []
    for name, p in zip(names, procs):
        p.stdout.read()
        err = p.stderr.read()
        p.wait(timeout=120)
        if p.returncode != 0:
            failed.append((name, p.returncode, err.decode(errors="replace")))
    done.set()
    watcher.join()
    auths = json.loads((cfg / "config.json").read_text())["auths"]
    return failed, len(set(auths) & set(names)), torn[0]


def test_concurrent_logins_keep_every_entry(tmp_path, registry_names):
    counts = {}
    for tool in ("docker", "pydock"):
        cfg = _config_dir(tmp_path / tool)
        failed, kept, torn = _concurrent_logins(tool, cfg, registry_names)
        assert failed == [], (tool, failed)
        assert torn == 0, tool
        counts[tool] = kept
    print(f"\n20 concurrent logins into one config.json: docker kept {counts['docker']}, pydock kept {counts['pydock']}")
    assert counts["pydock"] == 20
