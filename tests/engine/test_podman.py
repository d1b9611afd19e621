"""pydock against Podman's Docker-compatible API, side by side with the docker CLI on the same service.

The session starts its own `podman system service` (tests/engine/podmand.py) and loads the test image
into it; every comparison runs `docker -H unix://<podman.sock> ...` and `pydock -H unix://<podman.sock>
...` and compares stdout, stderr and the exit status, after normalising only what differs between two
calls (Podman's random `info` ID, Go map order, the CPU and memory samples of `stats`). Where Podman's
answer makes docker print garbage (stats' NAME column), the test says what pydock prints instead.

Read-only checks share one container (`box`); the commands that change state each run twice, once per
program, on objects of their own, and the outputs are compared with the object's name substituted.
Without podman the module skips, except under CI=true, where it fails with the reason.
"""

from __future__ import annotations

import json
import os
import re
import socket
import tarfile
import time

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine import podmand
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock

SUFFIX = LABEL[-6:]
IMAGE = f"localhost/{TEST_IMAGE}"  # Podman names a loaded image without a registry under localhost/
U = podmand.ULIMITS


def name(role: str) -> str:
    return f"pdP-{role}-{SUFFIX}"


@pytest.fixture(scope="session")
def podman():
    try:
        service = podmand.start(TEST_IMAGE)
    except podmand.Unavailable as e:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Podman's service cannot run under CI: {e}", pytrace=False)
        pytest.skip(f"Podman's service cannot run here: {e}")
    try:
        yield service
    finally:
        podmand.stop(service)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def box(podman, tmp_path_factory):
    """One running container for the read-only checks: a published port (busybox httpd on 80), an
    environment variable, a bind mount, a label, output on both streams."""
    data = tmp_path_factory.mktemp("podman-bind")
    (data / "f").write_text("bound\n")
    port = _free_port()
    r = run_docker("-H", podman.host, "run", "-d", *U, "--name", name("box"), "--label", LABEL,
                   "-p", f"127.0.0.1:{port}:80", "-e", "FOO=bar", "-v", f"{data}:/data",
                   TEST_IMAGE, "sh", "-c", "echo out; echo err >&2; mkdir /www; echo served > /www/index.html; "
                   "exec httpd -f -p 80 -h /www")
    assert r.returncode == 0, r
    time.sleep(0.5)
    return {"name": name("box"), "id": r.stdout.strip(), "port": port}


# -- comparing ---------------------------------------------------------------------------------------

_DURATION = re.compile(r"(Less than a second|\d+ seconds?|About a minute)( ago)?")


def _fuzzy(text: str) -> str:
    return re.sub(r" {2,}", "  ", _DURATION.sub("<duration>", text))


def _pair(podman, args, input=None):
    return (run_docker("-H", podman.host, *args, input=input),
            run_pydock("-H", podman.host, *args, input=input))


def same(podman, *args: str, norm=lambda s: s, input: str | None = None, retries: int = 3, stderr_norm=None):
    """docker and pydock on Podman: equal exit status, stdout and stderr (as_pydock), after `norm`.
    Retries, then lets sub-minute durations differ (a clock second may tick between the calls)."""
    stderr_norm = stderr_norm or (lambda s: s)

    def key(r, fuzzy, docker):
        err = as_pydock(r.stderr) if docker else r.stderr
        out = norm(r.stdout)
        return r.returncode, (_fuzzy(out) if fuzzy else out), stderr_norm(err)

    for attempt in range(retries):
        theirs, ours = _pair(podman, args, input)
        if key(ours, False, False) == key(theirs, False, True):
            return ours, theirs
        time.sleep(0.3 * (attempt + 1))
    a, b = key(theirs, True, True), key(ours, True, False)
    assert a[0] == b[0], (theirs, ours)
    assert a[1] == b[1], f"\n--- docker stdout\n{a[1]}--- pydock stdout\n{b[1]}"
    assert a[2] == b[2], f"\n--- docker stderr\n{a[2]}--- pydock stderr\n{b[2]}"
    return ours, theirs


def each(podman, make, args_for, norm=lambda s: s, prepare=None, stderr_norm=lambda s: s):
    """A command that changes state, once per program on objects of its own: `prepare(obj)` (through
    docker), then `args_for(obj)`; outputs compared with the object's name replaced by OBJ."""
    out = []
    for prog, run in (("docker", run_docker), ("pydock", run_pydock)):
        obj = make(prog)
        if prepare:
            prepare(obj)
        r = run("-H", podman.host, *args_for(obj))
        text = (r.returncode, norm(r.stdout.replace(obj, "OBJ")),
                stderr_norm((as_pydock(r.stderr) if prog == "docker" else r.stderr).replace(obj, "OBJ")))
        out.append((text, r))
    (theirs, rd), (ours, rp) = out
    assert ours == theirs, f"\n--- docker {rd.args}\n{theirs}\n--- pydock\n{ours}"
    return rp, rd


def podman_docker(podman, *args, input=None):
    r = run_docker("-H", podman.host, *args, input=input)
    assert r.returncode == 0, r
    return r


# -- version, info -----------------------------------------------------------------------------------


def _server(text: str) -> str:
    _, sep, server = text.partition("\nServer:")
    assert sep, text
    return server


def test_version_server_section(podman):
    ours, theirs = same(podman, "version", norm=_server)
    assert "Podman Engine" in ours.stdout and ours.stderr == ""


def _info_server(text: str) -> str:
    """Podman answers a new random ID on every call, and its storage driver's status in Go map order."""
    lines = _server(text).split("\n")
    out, driver = [], []
    for line in lines:
        if line.startswith(" ID: "):
            line = " ID: <random>"
        if line.startswith("  ") and out and (out[-1].startswith(" Storage Driver:") or driver):
            driver.append(line)
            continue
        if driver:
            out.extend(sorted(driver))
            driver = []
        if line.startswith(" Runtimes: "):
            line = " Runtimes: " + " ".join(sorted(line.split()[1:]))
        out.append(line)
    return "\n".join(out + sorted(driver))


def _no_plugin_warnings(text: str) -> str:
    """docker warns about its own CLI plugins (a compose link another worktree's venv re-pointed): client side."""
    return "".join(line for line in text.splitlines(True) if not line.startswith("WARNING: Plugin "))


def test_info_server_section(podman, box):
    ours, _ = same(podman, "info", norm=_info_server, stderr_norm=_no_plugin_warnings)
    assert " Server Version: 4." in ours.stdout


def test_info_format(podman):
    same(podman, "info", "--format", "{{.ServerVersion}} {{.Driver}} {{.CgroupDriver}} {{.OperatingSystem}}")


# -- ps, images, inspect -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    (), ("-a",), ("-q",), ("-a", "--no-trunc"), ("-s",),
    ("--format", "{{.Names}}\t{{.Ports}}\t{{.Image}}\t{{.Command}}\t{{.Labels}}"),
    ("--format", "json"),
    ("--format", "{{json .}}"),  # docker asks for sizes when the template prints every field
    ("--filter", "status=running", "-q"), ("--filter", "status=exited", "-q"),
])
def test_ps(podman, box, args):
    same(podman, "ps", *args)


# ids without the session label: each pytest-xdist worker has a label of its own, and every worker must collect
# the same test ids
@pytest.mark.parametrize("flt", ["name=pdP-box", f"label={LABEL}", f"ancestor={TEST_IMAGE}", "label=nosuch"],
                         ids=["name", "label", "ancestor", "no-such-label"])
def test_ps_filters(podman, box, flt):
    same(podman, "ps", "-a", "--filter", flt, "--format", "{{.Names}} {{.Status}}")


@pytest.mark.parametrize("args", [
    (), ("-a",), ("-q",), ("--no-trunc",), ("--digests",), ("--format", "json"),
    ("--filter", "reference=pydock-test/*"), ("--format", "{{.Repository}}:{{.Tag}} {{.UniqueSize}} {{.SharedSize}}"),
])
def test_images(podman, args):
    same(podman, "images", *args)


@pytest.mark.parametrize("args", [
    ("inspect", "BOX"), ("container", "inspect", "--size", "BOX"), ("inspect", "-f", "{{.State.Status}} {{.Config.Image}} {{.Name}}", "BOX"),
    ("inspect", TEST_IMAGE), ("image", "inspect", "-f", "{{.Id}} {{.RepoTags}} {{.Os}}", TEST_IMAGE),
    ("history", TEST_IMAGE), ("history", "--no-trunc", "--format", "{{.ID}} {{.CreatedBy}}", TEST_IMAGE),
])
def test_inspect(podman, box, args):
    # ExecIDs: Podman lists the container's exec sessions (other tests' execs) in an order that changes
    same(podman, *[box["name"] if a == "BOX" else a for a in args], norm=_no_exec_ids)


def _no_exec_ids(text: str) -> str:
    return re.sub(r'"ExecIDs": \[[^\]]*\]', '"ExecIDs": [...]', text)


# -- one running container: stats, top, port, logs, exec ------------------------------------------------

_STATS_NUMBERS = re.compile(r"\d+(\.\d+)?(%|[kMGT]?i?B)")


def _settled_pair(podman, args, tries: int = 3):
    """Both programs' stats, again while the PIDs differ (an exec of another test may still be ending)."""
    for _ in range(tries):
        theirs, ours = _pair(podman, args)
        if re.findall(r"\b\d+$|\"PIDs\":\"\d+\"", theirs.stdout, re.M) == re.findall(r"\b\d+$|\"PIDs\":\"\d+\"", ours.stdout, re.M):
            break
        time.sleep(0.5)
    return theirs, ours


def _stats_columns(text: str) -> list[list[str]]:
    return [re.split(r" {2,}", line.strip()) for line in text.strip().split("\n")]


@pytest.mark.parametrize("which", ["one", "all"])
def test_stats_no_stream_prints_the_container_id(podman, box, which):
    """Podman's stats name the ID `Id` and the name without docker's leading slash. docker's JSON decoding
    ignores the case of keys (its CONTAINER ID column is right) and cuts the name's first character
    (NAME `dP-box-...`): pydock prints the ID as docker does, and the whole name."""
    args = ("stats", "--no-stream", *((box["name"],) if which == "one" else ()))
    theirs, ours = _settled_pair(podman, args)
    assert (ours.returncode, ours.stderr) == (theirs.returncode, as_pydock(theirs.stderr)) == (0, "")
    d, p = _stats_columns(theirs.stdout), _stats_columns(ours.stdout)
    assert d[0] == p[0]  # the header
    assert [r[0] for r in p] == [r[0] for r in d]
    assert [r[0] for r in p[1:]] == [box["id"][:12]]
    assert [r[1] for r in d[1:]] == [box["name"][1:]]  # docker: garbage
    assert [r[1] for r in p[1:]] == [box["name"]]
    assert [r[-1] for r in p] == [r[-1] for r in d]  # PIDs


def test_stats_format_fields(podman, box):
    same(podman, "stats", "--no-stream", "--format", "{{.ID}} {{.Container}} {{.PIDs}}", box["name"])
    _, ours = _pair(podman, ("stats", "--no-stream", "--no-trunc", "--format", "{{.ID}}|{{.Name}}|{{.MemUsage}}", box["id"]))
    ident, nm, mem = ours.stdout.strip().split("|")
    assert (ident, nm, ours.returncode) == (box["id"], box["name"], 0)
    assert _STATS_NUMBERS.search(mem), mem


def test_stats_json(podman, box):
    """Everything but the samples (CPU %, memory, I/O) is the same."""
    def norm(text):
        rows = [json.loads(line) for line in text.splitlines()]
        return [{k: v for k, v in row.items() if k not in ("CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "Name")}
                for row in rows]
    theirs, ours = _settled_pair(podman, ("stats", "--no-stream", "--format", "json", box["name"]))
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (0, "")
    assert norm(ours.stdout) == norm(theirs.stdout)
    assert json.loads(ours.stdout)["Name"] == box["name"]


@pytest.mark.parametrize("args", [
    ("top", "BOX"), ("top", "BOX", "-o", "pid,args"), ("port", "BOX"), ("port", "BOX", "80"), ("port", "BOX", "80/tcp"),
    ("port", "BOX", "81"), ("logs", "BOX"), ("logs", "--tail", "1", "BOX"), ("logs", "-t", "BOX"),
    ("exec", "BOX", "cat", "/data/f"), ("exec", "BOX", "sh", "-c", "echo $FOO; exit 4"), ("exec", "-w", "/etc", "BOX", "pwd"),
    ("exec", "-u", "1000", "-e", "Z=1", "BOX", "sh", "-c", "id -u; echo $Z"),
])
def test_running_container(podman, box, args):
    same(podman, *[box["name"] if a == "BOX" else a for a in args])


def test_exec_stdin(podman, box):
    same(podman, "exec", "-i", box["name"], "sh", "-c", "cat; echo done >&2", input="line one\nline two\n")


def test_published_port_answers(podman, box):
    """-p 127.0.0.1:PORT:80 reaches the container's httpd."""
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", box["port"]), timeout=2) as s:
                s.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
                reply = s.recv(4096)
            if b"served" in reply:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the published port does not answer"
        time.sleep(0.2)


# -- run ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("echo", "hello"), ("sh", "-c", "echo out; echo err >&2; exit 3"), ("nosuchcmd",),
])
def test_run_attached(podman, args):
    same(podman, "run", "--rm", *U, TEST_IMAGE, *args)


def test_run_env_volume_stdin(podman, tmp_path):
    (tmp_path / "f").write_text("from the host\n")
    same(podman, "run", "--rm", "-i", *U, "-e", "A=b", "-v", f"{tmp_path}:/data", TEST_IMAGE,
         "sh", "-c", "echo $A; cat /data/f; cat", input="stdin\n")


def test_run_detached_then_stop_start_rm(podman):
    def make(prog):
        return name(f"life-{prog}")

    def norm(text):
        return re.sub(r"\b[0-9a-f]{64}\b", "<id>", text)
    each(podman, make, lambda c: ("run", "-d", *U, "--name", c, "--label", LABEL, TEST_IMAGE, "sleep", "300"), norm=norm)
    for verb in (("stop", "-t", "1"), ("start",), ("restart", "-t", "1"), ("kill",), ("rm",), ("rm",)):
        each(podman, make, lambda c: (*verb, c))


def test_run_unknown_image_and_bad_flags(podman):
    same(podman, "run", "--rm", *U, "127.0.0.1:5000/pdp/nosuch:1", "true")
    same(podman, "run", "--rm", *U, "--memory", "lots", TEST_IMAGE, "true")


# -- cp --------------------------------------------------------------------------------------------------


def test_cp_both_ways(podman, box, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("to the container\n")
    for prog, run in (("docker", run_docker), ("pydock", run_pydock)):
        r = run("-H", podman.host, "cp", str(src), f"{box['name']}:/in-{prog}.txt")
        assert (r.returncode, r.stderr) == (0, ""), r
    same(podman, "exec", box["name"], "cat", "/in-docker.txt", "/in-pydock.txt")
    for prog, run in (("docker", run_docker), ("pydock", run_pydock)):
        r = run("-H", podman.host, "cp", f"{box['name']}:/data/f", str(tmp_path / f"out-{prog}"))
        assert (r.returncode, r.stderr) == (0, ""), r
    assert (tmp_path / "out-pydock").read_bytes() == (tmp_path / "out-docker").read_bytes() == b"bound\n"
    same(podman, "cp", f"{box['name']}:/etc/hostname", "-")  # a tar on stdout
    same(podman, "cp", f"{box['name']}:/nosuch", str(tmp_path))


# -- networks, volumes, images ---------------------------------------------------------------------------


def test_network_create_ls_inspect_rm(podman):
    def make(prog):
        return name(f"net-{prog}")

    ids = re.compile(r"\b[0-9a-f]{12}([0-9a-f]{52})?\b")
    each(podman, make, lambda n: ("network", "create", "--label", LABEL, n), norm=lambda s: ids.sub("<id>", s))
    each(podman, make, lambda n: ("network", "ls", "--filter", f"name={n}", "--format", "{{.Name}} {{.Driver}} {{.Scope}}"))
    each(podman, make, lambda n: ("network", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Labels}}", n))
    same(podman, "network", "ls")
    same(podman, "network", "ls", "--filter", f"label={LABEL}", "-q")
    each(podman, make, lambda n: ("network", "rm", n))
    each(podman, make, lambda n: ("network", "rm", n))  # gone: the error


def test_volume_create_ls_inspect_rm(podman):
    def make(prog):
        return name(f"vol-{prog}")

    each(podman, make, lambda v: ("volume", "create", "--label", LABEL, v))
    each(podman, make, lambda v: ("volume", "ls", "--filter", f"name={v}"))
    each(podman, make, lambda v: ("volume", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Labels}}", v))
    same(podman, "volume", "ls")
    each(podman, make, lambda v: ("volume", "rm", v))
    each(podman, make, lambda v: ("volume", "rm", v))


def _summary(text: str) -> str:
    """pydock adds a summary line (`pushed ...`, `pulled ...`) on stderr, beyond docker."""
    return "".join(line for line in text.splitlines(True) if not line.startswith(("pushed ", "pulled ")))


def test_tag_push_pull_rmi(podman):
    def make(prog):
        return f"{podmand.REGISTRY}/pdp-{SUFFIX}/{prog}:1"

    def tag(ref):
        podman_docker(podman, "tag", TEST_IMAGE, ref)

    digests = re.compile(r"sha256:[0-9a-f]{64}")
    each(podman, make, lambda ref: ("tag", TEST_IMAGE, ref))
    # docker walks a Go map of an image's repositories: its row order changes between calls; sorted here
    same(podman, "images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}", make("docker"),
         norm=lambda s: "".join(sorted(s.splitlines(True))))
    # the daemon's own numbers (digests, the manifest's size) are passed through as they come
    pushed = re.compile(r"sha256:[0-9a-f]{64}|size: \d+")
    rp, _ = each(podman, make, lambda ref: ("push", ref), norm=lambda s: pushed.sub("<n>", s), stderr_norm=_summary)
    # Podman's push stream names no layer: pydock's summary must not claim that nothing was uploaded
    assert rp.stderr.startswith(f"pushed {make('pydock')}: ") and "nothing uploaded" not in rp.stderr, rp
    each(podman, make, lambda ref: ("rmi", ref))
    # Podman reports the layers it already has in its map's order: compared as a set of lines
    rp, _ = each(podman, make, lambda ref: ("pull", ref),
                 norm=lambda s: "\n".join(sorted(digests.sub("<digest>", s).split("\n"))), stderr_norm=_summary)
    assert rp.stderr.startswith(f"pulled {make('pydock')}: ") and "nothing downloaded" not in rp.stderr, rp
    # pulled images carry repository digests: a format that prints {{.Digest}} gets a row per digest, as
    # with --digests (docker walks a Go map of repositories: its row order changes between calls)
    for fmt in ("{{.Repository}}:{{.Tag}} {{.Digest}}", "{{.Repository}} {{ .Digest }}"):
        ours, _ = same(podman, "images", "--format", fmt, norm=lambda s: "".join(sorted(s.splitlines(True))))
        assert digests.search(ours.stdout) if "{{.Digest}}" in fmt else "<none>" in ours.stdout, ours
    each(podman, make, lambda ref: ("rmi", ref))
    each(podman, make, lambda ref: ("rmi", ref))  # gone: the error
    same(podman, "pull", f"{podmand.REGISTRY}/pdp-{SUFFIX}/nosuch:1", stderr_norm=_summary)


# -- events ----------------------------------------------------------------------------------------------


def test_events_since_until(podman):
    since = f"{time.time():.3f}"
    c = name("ev")
    podman_docker(podman, "run", "--name", c, *U, "--label", LABEL, TEST_IMAGE, "true")
    podman_docker(podman, "rm", c)
    time.sleep(1.1)
    until = f"{time.time():.3f}"
    same(podman, "events", "--since", since, "--until", until)
    same(podman, "events", "--since", since, "--until", until, "--filter", f"container={c}", "--format", "{{json .}}")
    same(podman, "events", "--since", since, "--until", until, "--filter", "event=die",
         "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}")


# -- errors ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("inspect", "pdP-nosuch"), ("container", "inspect", "pdP-nosuch"), ("logs", "pdP-nosuch"), ("rm", "pdP-nosuch"),
    ("stop", "pdP-nosuch"), ("start", "pdP-nosuch"), ("restart", "pdP-nosuch"), ("kill", "pdP-nosuch"),
    ("exec", "pdP-nosuch", "true"), ("top", "pdP-nosuch"), ("port", "pdP-nosuch"), ("stats", "--no-stream", "pdP-nosuch"),
    ("cp", "pdP-nosuch:/x", "-"), ("rmi", "pdp-nosuch:1"), ("image", "inspect", "pdp-nosuch:1"),
    ("history", "pdp-nosuch:1"), ("tag", "pdp-nosuch:1", "pdp-other:1"), ("volume", "inspect", "pdP-nosuch"),
    ("network", "inspect", "pdP-nosuch"), ("volume", "rm", "pdP-nosuch"), ("network", "rm", "pdP-nosuch"),
])
def test_errors(podman, args):
    ours, _ = same(podman, *args)
    assert ours.returncode != 0 and ours.stderr and "internal error" not in ours.stderr


def test_load_ends_its_line(podman, tmp_path):
    """Podman answers `Loaded image: NAME` without the newline Docker sends: docker prints it so (the next
    prompt on the same line), pydock ends the line."""
    tar = tmp_path / "image.tar"
    saved = run_docker("save", "-o", str(tar), TEST_IMAGE)
    assert saved.returncode == 0, saved
    theirs, ours = _pair(podman, ("load", "-i", str(tar)))
    assert (theirs.returncode, theirs.stderr, theirs.stdout) == (0, "", f"Loaded image: {IMAGE}")
    assert (ours.returncode, ours.stderr, ours.stdout) == (0, "", theirs.stdout + "\n")


def test_system_df(podman, box):
    """Podman answers LayersSize 0 and an image entry per tag: docker's images RECLAIMABLE comes out
    negative (`-1.063e+07B`); pydock prints 0B. The rest is docker's."""
    def negative_to_zero(text):
        return re.sub(r"-\d[\d.e+]*B\b", "0B", text)

    theirs, ours = _pair(podman, ("system", "df"))
    images = [line for line in theirs.stdout.splitlines() if line.startswith("Images ")]
    assert len(images) == 1 and re.search(r" -\d[\d.e+]*B$", images[0]), theirs.stdout  # docker: garbage
    assert "-" not in ours.stdout.split("\n", 1)[1], ours.stdout
    same(podman, "system", "df", norm=lambda s: re.sub(r" {2,}", "  ", negative_to_zero(s)))
    same(podman, "system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}} {{.Size}}")
    same(podman, "system", "df", "-v", "--format", "{{range .Images}}{{.ID}} {{.Size}} {{.UniqueSize}}\n{{end}}")


def test_export_import(podman, box, tmp_path):
    """export: the same archive's members. import: Podman sends the new ID as both `id` and `status`, which
    docker prints as `sha256:X: sha256:X`; pydock prints the ID once, as against Docker."""
    names = []
    for prog, run in (("docker", run_docker), ("pydock", run_pydock)):
        out = tmp_path / f"{prog}.tar"
        r = run("-H", podman.host, "export", "-o", str(out), box["name"])
        assert (r.returncode, r.stdout, r.stderr) == (0, "", ""), r
        with tarfile.open(out) as t:
            names.append(sorted(m.name for m in t.getmembers() if not m.name.startswith(("proc/", "sys/", "dev/"))))
    assert names[0] == names[1] and "bin/busybox" in names[0]
    same(podman, "export", "pdP-nosuch")
    ref = f"pdp-import-{SUFFIX}"
    theirs = run_docker("-H", podman.host, "import", str(tmp_path / "docker.tar"), f"{ref}:docker")
    ours = run_pydock("-H", podman.host, "import", str(tmp_path / "docker.tar"), f"{ref}:pydock")
    ident = re.fullmatch(r"(sha256:[0-9a-f]{64}): (sha256:[0-9a-f]{64})\n", theirs.stdout)
    assert theirs.returncode == 0 and ident and ident.group(1) == ident.group(2), theirs  # docker: twice
    assert (ours.returncode, ours.stderr) == (0, "") and re.fullmatch(r"sha256:[0-9a-f]{64}\n", ours.stdout), ours
    inspected = run_docker("-H", podman.host, "image", "inspect", "-f", "{{.Id}}", f"{ref}:pydock")
    assert inspected.stdout == ours.stdout, inspected
    podman_docker(podman, "rmi", f"{ref}:docker", f"{ref}:pydock")
