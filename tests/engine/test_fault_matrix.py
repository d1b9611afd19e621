"""The fault matrix: each command through a fault-injecting relay (tests/engine/faultrelay.py), docker and
pydock side by side through the same relay, each fault injected into the one request that carries the
command's stream (the pattern in CELLS); every other request (/_ping, inspect, create, kill) passes.

The table of cells and what each program did is tests/engine/fault_matrix.md; every cell's test checks
its row there, so the file is the matrix as it is today (regenerate it with FAULT_MATRIX_UPDATE=1 after
a deliberate change, and read the diff). For every cell pydock must give:

- the exit status docker gives (where docker hangs, the cell says so and pydock must exit non-zero);
- at most one line on stderr (exactly one when it fails), no traceback, no "internal error";
- no partial output file (`save -o`, `cp` into a directory, `--cidfile`), even where docker leaves one;
- for the stall cells, SIGINT answered within one second, with docker's status;
- for the pseudo-terminal cells, the terminal back in cooked mode;
- no container left behind that docker would not leave.

Faults (see faultrelay): refused, head (closed before the response head), first (closed at the first body
byte), half (half the body; of a followed stream, the first chunk), last (before the last message/chunk),
error (an errorDetail message mid-stream for JSON streams; an abrupt close otherwise), stall (the request
reaches the daemon, nothing comes back, the connection stays open).
"""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_docker
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.faultrelay import EngineRelay, Fault

pytestmark = pytest.mark.usefixtures("remove_module_containers")

KINDS = ("refused", "head", "first", "half", "last", "error", "stall")
MATRIX = Path(__file__).with_name("fault_matrix.md")
UPDATE = os.environ.get("FAULT_MATRIX_UPDATE") == "1"
HANG = 8.0  # a cut cell still running after this long hangs (a loaded 2-core CI machine runs `run` in ~4 s)
SIGINT_HANG = 3.0  # a stall cell still running this long after its SIGINT ignores it
STALL = 0.7  # how long a stalled cell waits, once both programs have sent the request, before its SIGINT
PREFIX = f"pdtF{RUN_ID[:6]}"
WORLD: dict = {}
REGISTRY = "127.0.0.1:5000"


@dataclass
class Cell:
    """One command of the matrix: `args(tmp, who)` builds its arguments (per program, so output files
    differ); `outputs(tmp, who)` lists the files a failure must not leave."""

    name: str
    pattern: str
    args: object
    follow: bool = False
    pty: bool = False
    outputs: object = None
    na: dict = field(default_factory=dict)  # kind -> why the cell is not run
    container_label: bool = False  # the command creates containers labelled per program
    env: dict = field(default_factory=dict)
    # progress docker prints on stderr before the error (build's "Sending build context"): the whole of
    # stderr must then be docker's (less docker's own deprecation notice), its last line the error
    stderr_like_docker: bool = False


SAME = "same as `half`: the body is not a JSON message stream"


def _chatty():
    return f"{PREFIX}-chatty"


def _exited():
    return f"{PREFIX}-exited"


def _pull_ref():
    return f"{REGISTRY}/{PREFIX.lower()}-pull:1"


def _short_lived(tmp, who) -> str:
    """A container (per program) that prints for four seconds (a loaded machine takes one to start pydock), then
    exits; Ctrl-C (forwarded) ends it."""
    r = run_docker("run", "-d", "--label", LABEL, "--label", f"pydock.fault={tmp.name}-{who}", TEST_IMAGE, "sh", "-c",
                   "trap 'exit 130' INT; echo start; i=0; while [ $i -lt 40 ]; do sleep 0.1; i=$((i+1)); done; echo end")
    assert r.returncode == 0, r
    return r.stdout.strip()


def _run_args(tmp, who, *extra):
    return ("run", "--rm", "--label", LABEL, "--label", f"pydock.fault={tmp.name}-{who}", *extra, TEST_IMAGE, "sh", "-c",
            "trap 'exit 130' INT; echo start; i=0; while [ $i -lt 10 ]; do sleep 0.1; i=$((i+1)); done; echo end")


CELLS = [
    Cell("logs -f", r"GET /containers/[^/]+/logs$", lambda t, w: ("logs", "-f", _chatty()), follow=True,
         na={"last": "a followed stream has no last message", "error": SAME}),
    Cell("events", r"GET /events$", lambda t, w: ("events", "--since", WORLD["since"], "--filter", f"label={LABEL}"),
         follow=True, na={"last": "a followed stream has no last message"}),
    Cell("stats", r"GET /containers/[^/]+/stats$", lambda t, w: ("stats", _chatty()), follow=True,
         na={"last": "a followed stream has no last message"}),
    Cell("stats --no-stream", r"GET /containers/[^/]+/stats$", lambda t, w: ("stats", "--no-stream", _chatty()),
         na={"error": "one JSON object with a Content-Length: " + SAME}),
    Cell("wait", r"POST /containers/[^/]+/wait$", lambda t, w: ("wait", _exited())),
    Cell("pull", r"POST /images/create$", lambda t, w: ("pull", _pull_ref())),
    Cell("save -o", r"GET /images/get$", lambda t, w: ("save", "-o", str(t / w / "out.tar"), TEST_IMAGE),
         outputs=lambda t, w: [t / w / "out.tar"], na={"error": SAME}),
    Cell("load", r"POST /images/load$", lambda t, w: ("load", "-i", str(WORLD["dir"] / "image.tar"))),
    Cell("cp from", r"GET /containers/[^/]+/archive$",
         lambda t, w: ("cp", f"{_exited()}:/bin", str(t / w / "bin")), outputs=lambda t, w: [t / w / "bin"],
         na={"error": SAME}),
    Cell("cp to", r"PUT /containers/[^/]+/archive$", lambda t, w: ("cp", str(ROOT / "pydock" / "engine"), f"{_exited()}:/tmp/"),
         na={k: "the response has no body: the fault comes after the copy succeeded" for k in ("first", "half", "last", "error")}),
    Cell("run", r"POST /containers/[^/]+/attach$", lambda t, w: _run_args(t, w, "--cidfile", str(t / w / "cid")),
         container_label=True, na={"last": "a hijacked stream has no last message", "error": "a hijacked stream: " + SAME}),
    Cell("run -it", r"POST /containers/[^/]+/attach$", lambda t, w: _run_args(t, w, "-it"), pty=True,
         container_label=True,
         na={"last": "a hijacked stream has no last message", "error": "a hijacked stream: " + SAME}),
    Cell("build", r"POST /build$", lambda t, w: ("build", "-q", "--label", LABEL, "--iidfile", str(t / w / "iid"),
                                                 str(WORLD["dir"] / "context")),
         outputs=lambda t, w: [t / w / "iid"], env={"DOCKER_BUILDKIT": "0"}, stderr_like_docker=True),
    Cell("push", r"POST /images/.+/push$", lambda t, w: ("push", _pull_ref())),
    Cell("attach", r"POST /containers/[^/]+/attach$", lambda t, w: ("attach", _short_lived(t, w)),
         container_label=True,
         na={"last": "a hijacked stream has no last message", "error": "a hijacked stream: " + SAME}),
    Cell("exec -it", r"POST /exec/[^/]+/start$", lambda t, w: ("exec", "-it", _chatty(), "sh", "-c",
                                                                "echo start; sleep 1.5; echo end"), pty=True,
         na={"last": "a hijacked stream has no last message", "error": "a hijacked stream: " + SAME}),
]


# cells where docker's answer is not one to copy: the matrix records it, pydock does the sane thing
DOCKER_MISBEHAVES = {
    ("run -it", "stall"): "as `run`",
    ("run", "stall"): "docker ignores the first two Ctrl-Cs before the container starts; pydock exits 130 "
                      "and (--rm) removes the container",
}


# cells where docker's own outcome is a race: `stats` either notices the cut stream (1, `unexpected EOF`) or
# waits forever for its first sample, depending on which of its goroutines runs first
DOCKER_RACES = {("stats", "half"): (None, 1), ("stats", "error"): (None, 1),
                # docker cp's Ctrl-C: 0 (the copy reported as a success) or 130, whichever goroutine wins
                ("cp from", "stall"): (0, 130)}


def _cases():
    for c in CELLS:
        for kind in KINDS:
            if kind not in c.na:
                yield pytest.param(c, kind, id=f"{c.name.replace(' ', '_')}-{kind}")


# -- fixtures ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def relay(tmp_path_factory):
    r = EngineRelay(str(tmp_path_factory.mktemp("relay")))
    yield r
    r.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A container that prints without end, one that exited 3, an image in the open registry, a saved tar."""
    base = tmp_path_factory.mktemp("fault")
    WORLD["dir"] = base
    WORLD["since"] = str(int(time.time()) - 300)  # one value for both programs: their messages quote it
    made = []

    def ok(*args):
        r = run_docker(*args, timeout=120)
        assert r.returncode == 0, r
        return r

    ok("run", "-d", "--name", _chatty(), "--label", LABEL, TEST_IMAGE, "sh", "-c",
       "while true; do echo 0123456789abcdefghijklmnopqrstuvwxyz; sleep 0.05; done")
    made.append(_chatty())
    assert run_docker("run", "--name", _exited(), "--label", LABEL, TEST_IMAGE, "sh", "-c", "exit 3").returncode == 3
    made.append(_exited())
    ok("tag", TEST_IMAGE, _pull_ref())
    ok("push", "-q", _pull_ref())
    ok("save", "-o", str(base / "image.tar"), TEST_IMAGE)
    (base / "context").mkdir()
    (base / "context" / "Dockerfile").write_text(f"FROM {TEST_IMAGE}\nLABEL pydock.fault=build\n")
    yield base
    run_docker("rm", "-f", *made)
    run_docker("rmi", _pull_ref())


@pytest.fixture(scope="module")
def recorded():
    """The matrix file's rows, and (FAULT_MATRIX_UPDATE=1) the rows observed, written back at the end."""
    rows = _read_matrix()
    observed: dict = {}
    yield rows, observed
    if UPDATE:
        _write_matrix(observed)


# -- running one program through the relay -------------------------------------------------------------

@dataclass
class Outcome:
    status: int | None  # None: still running after HANG seconds (killed)
    stderr: str
    stdout: bytes
    sigint_answer: float | None = None
    cooked: bool | None = None  # pty cells: the terminal is back in cooked mode


def _command(who: str) -> list[str]:
    return ["docker"] if who == "docker" else [sys.executable, "-m", "pydock"]


def _run(who: str, args, env: dict, *, stall: bool, use_pty: bool, ready=None) -> Outcome:
    cmd = _command(who) + list(args)
    master = slave = None
    if use_pty:
        master, slave = pty.openpty()
        termios.tcsetattr(slave, termios.TCSANOW, termios.tcgetattr(slave))
        stdin = stdout = slave
    else:
        stdin, stdout = subprocess.DEVNULL, subprocess.PIPE
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=ROOT,
                            start_new_session=use_pty)
    drained = bytearray()
    if master is not None:
        threading.Thread(target=_drain, args=(master, drained), daemon=True).start()
    answer = None
    try:
        if stall:  # SIGINT once both programs are stalled in the faulty request (or after 10 s)
            deadline = time.monotonic() + 10
            while not ready() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(STALL)
            if use_pty:  # as a terminal does: the foreground process group gets the SIGINT
                os.killpg(proc.pid, signal.SIGINT)
            else:
                proc.send_signal(signal.SIGINT)
            sent = time.monotonic()
            out, err = proc.communicate(timeout=SIGINT_HANG)
            answer = time.monotonic() - sent
        else:
            out, err = proc.communicate(timeout=HANG)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        status = None
    cooked = None
    if slave is not None:
        mode = termios.tcgetattr(slave)
        cooked = bool(mode[3] & termios.ICANON) and bool(mode[3] & termios.ECHO)
        os.close(slave)
        out = bytes(drained)
    return Outcome(status, err.decode("utf-8", "replace"), out or b"", answer, cooked)


def _drain(fd: int, into: bytearray) -> None:
    try:
        while True:
            data = os.read(fd, 65536)
            if not data:
                return
            into += data
    except OSError:
        return
    finally:
        try:
            os.close(fd)
        except OSError:
            pass


def _env(relay) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DOCKER_CONTEXT",)}
    env.update(DOCKER_HOST=relay.host, PYTHONPATH=str(ROOT))
    return env


def _containers(tmp, who) -> list[str]:
    return run_docker("ps", "-aq", "--filter", f"label=pydock.fault={tmp.name}-{who}").stdout.split()


# -- the matrix file -------------------------------------------------------------------------------------

# docker-only stderr that is not an answer to the fault: the legacy builder's notice, and the tar writer's
# logrus lines when the upload of a context or a copy meets a refused connection
DEPRECATED = re.compile(r"DEPRECATED: The legacy builder.*?environment-variable\.\n\n"
                        r"|time=\"[^\"]*\" level=error msg=\"Can't (add file|close tar writer)[^\n]*\n", re.S)
RUN_HINT = re.compile(r"^Run '\S+ run --help' for more information$")
HEADER = "| command | " + " | ".join(KINDS) + " |"


def _read_matrix() -> dict:
    rows = {}
    if not MATRIX.exists():
        return rows
    for line in MATRIX.read_text().splitlines():
        if not line.startswith("| ") or line == HEADER or line.startswith("| ---"):
            continue
        cols = [c.strip() for c in line.strip("|").split("|")]
        for kind, text in zip(KINDS, cols[1:]):
            rows[(cols[0].strip("`"), kind)] = text
    return rows


def _write_matrix(observed: dict) -> None:
    lines = [
        "# The fault matrix (generated by tests/engine/test_fault_matrix.py with FAULT_MATRIX_UPDATE=1)",
        "",
        "Each cell: docker's outcome / pydock's outcome through the same relay. A number is the exit status;",
        "`=` the one stderr line is the same text; `hangs` still running after "
        f"{HANG:.0f} s (or {SIGINT_HANG:.0f} s after the SIGINT of a stall cell); `^C` the stall cells, answered SIGINT within 1 s;",
        "`partial` docker leaves a partial output file that pydock removes; `n/a` not run, with the reason below.",
        "",
        HEADER,
        "| --- " * (len(KINDS) + 1) + "|",
    ]
    notes = []
    for c in CELLS:
        cols = []
        for kind in KINDS:
            if kind in c.na:
                notes.append(f"- `{c.name}` / {kind}: {c.na[kind]}")
                cols.append("n/a")
            else:
                cols.append(observed.get((c.name, kind), "not run"))
        lines.append(f"| `{c.name}` | " + " | ".join(cols) + " |")
    lines += ["", "Where docker misbehaves (pydock is held to the sane answer):", ""]
    lines += [f"- `{name}` / {kind}: {why}" for (name, kind), why in DOCKER_MISBEHAVES.items()]
    lines += [f"- `{name}` / {kind}: docker races: it either ends (1, `unexpected EOF`) or waits forever for its "
              "first sample" for name, kind in sorted(DOCKER_RACES) if name == "stats"]
    lines += ["- `cp from` / stall: docker races: its Ctrl-C ends with 0 (as if the copy had succeeded) or 130"]
    lines += ["- wherever the matrix says `hangs` (docker still running after the cut, or after the Ctrl-C of a stall",
              "  cell): `stats` waits forever for a sample on a stream that has ended, `run`/`exec -it` wait before",
              "  the stream starts and count Ctrl-Cs up to three; pydock ends non-zero with one line, or 130 at once.", ""]
    lines += ["Cells not run:", ""] + notes + ["", *UNCOVERED, ""]
    MATRIX.write_text("\n".join(lines))


UNCOVERED = [
    "The registry dying mid-layer: test_registry_dies_mid_layer_and_comes_back (pull, push) cuts the first layer",
    "transfer and restarts the registry a second later; the daemon retries and both programs succeed alike. A",
    "registry that stays dead is not run: the daemon retries five times over about 50 s first.",
    "",
    "Not in the matrix yet (time): `compose up`, and faults on the secondary requests of a command",
    "(run's create/wait/start, exec's create) rather than its stream.",
]


def _describe(theirs: Outcome, ours: Outcome, partial: bool, racy: bool = False) -> str:
    def status(o: Outcome) -> str:
        return "hangs" if o.status is None else str(o.status)

    if racy:
        if ours.sigint_answer is not None:
            return f"0 or 130 / {status(ours)} ^C"
        text = f"1 or hangs / {status(ours)}"
        return text + (" =" if ours.stderr.strip() == "unexpected EOF" else "")
    text = f"{status(theirs)} / {status(ours)}"
    if ours.sigint_answer is not None:
        text += " ^C"
    t, o = DEPRECATED.sub("", theirs.stderr).strip(), ours.stderr.strip()
    if o and t == o:
        text += " ="
    if partial:
        text += " partial"
    return text


@pytest.mark.parametrize("cell,kind", list(_cases()))
def test_fault(cell: Cell, kind: str, relay, world, recorded, tmp_path):
    rows, observed = recorded
    for who in ("docker", "pydock"):
        (tmp_path / who).mkdir()
    relay.arm(Fault(cell.pattern, kind, follow=cell.follow))
    env = {**_env(relay), **cell.env}
    stall = kind == "stall"
    results: dict[str, Outcome] = {}

    def go(who):
        results[who] = _run(who, cell.args(tmp_path, who), env, stall=stall, use_pty=cell.pty,
                            ready=lambda: len(relay.hits) >= 2)

    threads = [threading.Thread(target=go, args=(who,)) for who in ("docker", "pydock")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    hits, seen = list(relay.hits), list(relay.seen)
    relay.arm(None)
    theirs, ours = results["docker"], results["pydock"]
    if kind != "refused":
        assert len(hits) >= 2, f"the fault was not applied to both programs: {seen}"

    # stderr: no traceback, one line when failing, at most one otherwise
    assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr, ours
    # `run` ends its errors as docker does, with a blank line and "Run 'pydock run --help' ...": one message
    lines = [ln for ln in ours.stderr.splitlines() if ln.strip() and not RUN_HINT.match(ln)]
    # the exit status
    if stall:
        assert ours.sigint_answer is not None and ours.sigint_answer < 1.0, ours
        if theirs.status is None or (cell.name, kind) in {**DOCKER_MISBEHAVES, **DOCKER_RACES}:
            assert ours.status == 130, ours
        else:
            assert ours.status == theirs.status, (ours, theirs)
        assert lines == [], ours
    elif cell.stderr_like_docker and theirs.status is not None:
        assert ours.status == theirs.status, (ours, theirs)
        assert ours.stderr == DEPRECATED.sub("", theirs.stderr), (ours, theirs)
    elif theirs.status is None or (cell.name, kind) in DOCKER_RACES:  # pydock must end, non-zero, one line
        assert ours.status not in (None, 0), ours
        assert len(lines) == 1, ours
    else:
        assert ours.status == theirs.status, (ours, theirs)
        if ours.status != 0:
            assert len(lines) == 1, ours
        else:
            assert len(lines) <= 1, ours
    # partial files
    partial = False
    if cell.outputs is not None:
        for path in cell.outputs(tmp_path, "pydock"):
            assert not path.exists(), f"pydock left {path}"
        partial = any(p.exists() for p in cell.outputs(tmp_path, "docker"))
        if ours.status == 0:
            assert all(p.exists() for p in cell.outputs(tmp_path, "pydock"))
    leftovers = [p.name for p in (tmp_path / "pydock").iterdir() if p.name.startswith(".tmp")]
    assert not leftovers, leftovers
    cid = {who: (tmp_path / who / "cid").exists() for who in ("docker", "pydock")}
    assert cid["pydock"] == cid["docker"], cid
    # the terminal
    if cell.pty:
        assert ours.cooked, "pydock left the terminal in raw mode"
    # containers
    if cell.container_label:
        deadline = time.monotonic() + 5
        while True:
            left = {who: _containers(tmp_path, who) for who in ("docker", "pydock")}
            if len(left["pydock"]) <= len(left["docker"]) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(left["pydock"]) <= len(left["docker"]), left
        for who in ("docker", "pydock"):
            if left[who]:
                run_docker("rm", "-f", *left[who])

    racy = (cell.name, kind) in DOCKER_RACES
    if racy:
        assert theirs.status in DOCKER_RACES[(cell.name, kind)], theirs
    row = _describe(theirs, ours, partial, racy)
    observed[(cell.name, kind)] = row
    if not UPDATE:
        assert rows.get((cell.name, kind)) == row, (
            f"the matrix says {rows.get((cell.name, kind))!r}, observed {row!r} "
            f"(docker: {theirs!r}; pydock: {ours!r}); FAULT_MATRIX_UPDATE=1 rewrites {MATRIX.name}")


# -- the registry dies in the middle of a layer ------------------------------------------------------------

def _layer_image(ref: str) -> None:
    """An image of one layer no other image has (2 MiB of random bytes), so a pull or push moves it."""
    import io
    import tarfile

    data = os.urandom(2 << 20)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo("blob")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    p = subprocess.run(["docker", "import", "--change", f"LABEL {LABEL}", "-", ref], input=buf.getvalue(),
                       capture_output=True, timeout=60)
    assert p.returncode == 0, p


@pytest.mark.parametrize("verb", ["pull", "push"])
def test_registry_dies_mid_layer_and_comes_back(verb, world):
    """A relay in front of the open registry cuts the first layer transfer after 64 KiB, stops listening,
    and listens again a second later (a registry that restarts). The daemon retries the layer (5 s later)
    and the command succeeds: pydock gives docker's status and output, and no traceback. The registry that
    stays dead is not a cell: the daemon retries five times over about 50 s before it gives up, far beyond
    this module's budget."""
    from tests.engine.faultrelay import RegistryRelay

    relays = {who: RegistryRelay(revive_after=1.0) for who in ("docker", "pydock")}
    refs = {}
    try:
        for who, relay in relays.items():
            name = f"{PREFIX.lower()}-reg-{verb}-{who}:1"
            refs[who] = f"127.0.0.1:{relay.port}/{name}"
            if verb == "pull":  # in the registry, not here
                _layer_image(f"{REGISTRY}/{name}")
                assert run_docker("push", "-q", f"{REGISTRY}/{name}", timeout=120).returncode == 0
                run_docker("rmi", f"{REGISTRY}/{name}")
            else:
                _layer_image(refs[who])
        results: dict = {}

        def go(who):
            p = subprocess.run(_command(who) + [verb, refs[who]], capture_output=True, text=True, timeout=120,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, stdin=subprocess.DEVNULL)
            results[who] = p

        threads = [threading.Thread(target=go, args=(who,)) for who in relays]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        theirs, ours = results["docker"], results["pydock"]
        assert all(r.cuts == 1 for r in relays.values()), "the layer transfer was not cut"
        assert theirs.returncode == 0, theirs
        assert ours.returncode == theirs.returncode, (ours, theirs)
        assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr, ours
        # the same outcome lines, but for the IDs (each program moved its own layer); progress lines depend on
        # the daemon's timing (a "Verifying Checksum" comes or not)
        strip = re.compile(r"[0-9a-f]{12}: |sha256:[0-9a-f]{64}|:\d+/|-(docker|pydock)\b")
        final = re.compile(r"Pulling from|Pull complete|Status:|Digest:|Pushed|digest:|^\S+:1$")

        def outcome(text: str) -> list[str]:
            return [strip.sub("", ln) for ln in text.splitlines() if final.search(ln)]

        assert outcome(ours.stdout) == outcome(theirs.stdout), (ours.stdout, theirs.stdout)
        assert "Retrying in" in ours.stdout  # the daemon's retry was shown
        assert run_docker("image", "inspect", refs["pydock"]).returncode == 0
    finally:
        for relay in relays.values():
            relay.close()
        for ref in refs.values():
            run_docker("rmi", "-f", ref)
