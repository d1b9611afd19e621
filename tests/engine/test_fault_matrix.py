"""The fault matrix: each command through a fault-injecting relay (tests/engine/faultrelay.py), docker and
pydock side by side through the same relay, each fault injected into the one request that carries the
command's stream (the pattern in CELLS); every other request (/_ping, inspect, create, kill) passes.

The rows of secondary requests (run's start and wait, exec's inspect, ...) and `compose up` are defined here
(`SECONDARY`, `check_secondary`) and run by test_fault_secondary.py. The table of cells and what each program
did is tests/engine/fault_matrix.md; every cell's test checks
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
from tests.engine.conftest import COMPOSE_PREFIX, LABEL, RUN_ID, TEST_IMAGE
from tests.engine.faultrelay import EngineRelay, Fault

pytestmark = pytest.mark.usefixtures("remove_module_containers")

KINDS = ("refused", "head", "first", "half", "last", "error", "500", "stall")
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

    def __post_init__(self):
        self.na.setdefault("500", NO_500)


SAME = "same as `half`: the body is not a JSON message stream"
NO_500 = ("not run: an error answer to the stream's own request comes before any stream, the error path every "
          "command shares (tests/engine/test_cli_errors.py and each command's tests compare the daemon's errors)")


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


# cells where docker's one line is itself a race, so whether it equals pydock's (`=`) is not recorded: `cp to`
# whose answer is cut at the head writes its archive while the relay closes, and reads `EOF` or fails its write
LINE_RACES = {("cp to", "head")}


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


def _command(who: str, args=()) -> list[str]:
    """The program: docker compose's own binary for `compose` (the docker CLI's plugin shim would survive a
    kill of its parent and keep the pipes open), docker, or this checkout's pydock."""
    if who == "docker" and args[:1] == ("compose",):
        from tests.compose_oracle import compose_binary

        return [str(compose_binary())]
    return ["docker"] if who == "docker" else [sys.executable, "-m", "pydock"]


def cmd_is_compose(who: str, args: tuple) -> bool:
    return who == "docker" and args[:1] == ("compose",)


def _run(who: str, args, env: dict, *, stall: bool, use_pty: bool, ready=None, hang: float = HANG) -> Outcome:
    args = tuple(args)
    cmd = _command(who, args) + list(args[1:] if cmd_is_compose(who, args) else args)
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
            out, err = proc.communicate(timeout=hang)
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
    rows = _read_matrix()
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
    notes: dict[str, list[str]] = {}  # reason -> the cells it covers
    for c in (*CELLS, *SECONDARY):
        cols = []
        for kind in KINDS:
            if kind in c.na:
                notes.setdefault(c.na[kind], []).append(f"`{c.name}` / {kind}")
                cols.append("n/a")
            else:
                # a row this run did not observe keeps the file's text: the secondary rows are written by
                # test_fault_secondary.py, the others by this module
                cols.append(observed.get((c.name, kind)) or rows.get((c.name, kind)) or "not run")
        lines.append(f"| `{c.name}` | " + " | ".join(cols) + " |")
    lines += ["", "Where docker misbehaves (pydock is held to the sane answer):", ""]
    lines += [f"- `{name}` / {kind}: {why}" for (name, kind), why in DOCKER_MISBEHAVES.items()]
    lines += [f"- `{name}` / {kind}: docker races: it either ends (1, `unexpected EOF`) or waits forever for its "
              "first sample" for name, kind in sorted(DOCKER_RACES) if name == "stats"]
    lines += ["- `cp from` / stall: docker races: its Ctrl-C ends with 0 (as if the copy had succeeded) or 130"]
    lines += ["- wherever the matrix says `hangs` (docker still running after the cut, or after the Ctrl-C of a stall",
              "  cell): `stats` waits forever for a sample on a stream that has ended, `run`/`exec -it` wait before",
              "  the stream starts and count Ctrl-Cs up to three; pydock ends non-zero with one line, or 130 at once.", ""]
    lines += SECONDARY_NOTES + [""]
    lines += [f"- `{name}` / {kind}: {why}" for (name, kind), (why, _) in SECONDARY_MISBEHAVES.items()]
    lines += [f"- `{name}` / {kind}: docker races: 125, or it waits forever for the removal of a container whose start "
              "failed" for name, kind in sorted(SECONDARY_RACES)] + [""]
    if OPEN_DEFECTS:
        lines += ["Open defects (pydock's answer is not yet the sane one; the cell records today's):", ""]
        lines += [f"- `{name}` / {kind}: {why}" for (name, kind), (_, why) in OPEN_DEFECTS.items()] + [""]
    lines += ["Cells not run:", ""] + [f"- {', '.join(cells)}: {why}" for why, cells in notes.items()]
    lines += ["", *UNCOVERED, ""]
    MATRIX.write_text("\n".join(lines))


UNCOVERED = [
    "The registry dying mid-layer: test_registry_dies_mid_layer_and_comes_back (pull, push) cuts the first layer",
    "transfer and restarts the registry a second later; the daemon retries and both programs succeed alike.",
    "test_registry_dies_mid_layer_and_stays_dead (test_fault_secondary.py) never restarts it: the daemon retries",
    "for about 50 s and gives up; pull and push run at once, pydock gives docker's status and last line.",
    "",
    "Not in the matrix yet (time): `compose up -d`'s create and network requests, attached `compose up`'s event",
    "stream and start, `exec -d`, `create`, `stop`/`kill` of several containers.",
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
    if (cell.name, kind) in LINE_RACES:  # docker's line races here: the cell is recorded without `=`
        row = row.replace(" =", "")
    observed[(cell.name, kind)] = row
    if not UPDATE:
        assert rows.get((cell.name, kind)) == row, (
            f"the matrix says {rows.get((cell.name, kind))!r}, observed {row!r} "
            f"(docker: {theirs!r}; pydock: {ours!r}); FAULT_MATRIX_UPDATE=1 rewrites {MATRIX.name}")


# -- faults on a command's secondary requests, and `compose up` ---------------------------------------------
#
# Each program gets its own relay (a `gone` fault refuses everything after it: one relay would refuse the other
# program's earlier requests too); the fault goes to one request that is not the command's stream (run's start
# and wait, exec's inspect, the second DELETE of `rm -f`, pull's follow-up inspect), or, for `compose up`, to its
# start (`-d`) or its attach (attached). The `refused` column of these rows runs the relay's `gone`: a connection
# cannot be refused once its request is known, so the daemon goes away as that request is sent.

COMPOSE_RUN = "trap 'exit 0' TERM; trap 'exit 130' INT; echo start; i=0; while [ $i -lt 10 ]; do sleep 0.1; i=$((i+1)); done; echo end"
NO_BODY = "the response has no body (204): a cut after the head is a success"
NOT_JSON_STREAM = "the body is one JSON object, not a message stream: as `half`"
HIJACK = "the stream of the command, not a secondary request (the rows above)"


@dataclass
class Secondary:
    """One secondary request of a command. `args(tmp, who)` builds the arguments; `scope(tmp, who)` is the
    label (or compose project) whose containers a failure must not leave beyond docker's."""

    name: str
    pattern: str
    args: object
    kinds: tuple
    na: dict = field(default_factory=dict)  # the kinds of KINDS not in `kinds`, with the reason
    compose: bool = False
    docker_sends: bool = True  # pull's inspect after the pull is pydock's own: docker sends no such request

    def __post_init__(self):
        for kind in KINDS:
            if kind not in self.kinds:
                self.na.setdefault(kind, "not run (time): the same path as the column beside it")


def _scope(tmp, who) -> str:
    return f"pydock.fault={tmp.name}-{who}"


def _project(tmp, who) -> str:
    import zlib

    return f"{COMPOSE_PREFIX}-fm{zlib.crc32(tmp.name.encode()) % 100000}-{who[0]}"


def _sec_run(*extra):
    return lambda t, w: ("run", *extra, "--label", LABEL, "--label", _scope(t, w), TEST_IMAGE, "sh", "-c",
                         "trap 'exit 130' INT; echo start; sleep 0.3; exit 3")


def _sec_created(t, w):
    r = run_docker("create", "--label", LABEL, "--label", _scope(t, w), TEST_IMAGE, "sh", "-c",
                   "trap 'exit 130' INT; echo start; sleep 0.3; exit 3")
    assert r.returncode == 0, r
    return ("start", "-a", r.stdout.strip())


def _sec_two(t, w):
    names = [f"{PREFIX}-rm{n}-{t.name[-12:]}-{w}" for n in "ab"]
    for name in names:
        r = run_docker("run", "-d", "--name", name, "--label", LABEL, "--label", _scope(t, w), TEST_IMAGE, "sleep", "60")
        assert r.returncode == 0, r
    return ("rm", "-f", *names)


def _sec_compose(*verb):
    def args(t, w):
        path = t / "compose.yaml"
        if not path.exists():
            command = COMPOSE_RUN.replace("$", "$$")
            path.write_text(f"services:\n  app:\n    image: {TEST_IMAGE}\n    labels:\n      pydock.test: \"{RUN_ID}\"\n"
                            f"    command: [\"sh\", \"-c\", {command!r}]\n")
        return ("compose", "-p", _project(t, w), "-f", str(path), *verb)
    return args


SECONDARY = [
    Secondary("run (start)", r"POST /containers/[^/]+/start$", _sec_run(), ("refused", "head", "500", "stall"),
              na={k: NO_BODY for k in ("first", "half", "last", "error")}),
    Secondary("run --rm (start)", r"POST /containers/[^/]+/start$", _sec_run("--rm"), ("refused", "head", "500", "stall"),
              na={k: NO_BODY for k in ("first", "half", "last", "error")}),
    Secondary("run (wait)", r"POST /containers/[^/]+/wait$", _sec_run(),
              ("refused", "head", "first", "half", "last", "500", "stall"), na={"error": NOT_JSON_STREAM}),
    Secondary("run --rm (wait)", r"POST /containers/[^/]+/wait$", _sec_run("--rm"),
              ("refused", "head", "last", "500", "stall"), na={"error": NOT_JSON_STREAM}),
    Secondary("exec (start)", r"POST /exec/[^/]+/start$",
              lambda t, w: ("exec", _chatty(), "sh", "-c", "echo start; sleep 0.3; exit 3"),
              ("refused", "head", "500", "stall"), na={k: HIJACK for k in ("first", "half", "last", "error")}),
    Secondary("exec (inspect)", r"GET /exec/[^/]+/json$",
              lambda t, w: ("exec", _chatty(), "sh", "-c", "echo start; sleep 0.3; exit 3"),
              ("refused", "head", "half", "last", "500", "stall"), na={"error": NOT_JSON_STREAM}),
    Secondary("start -a (start)", r"POST /containers/[^/]+/start$", _sec_created, ("refused", "head", "500", "stall"),
              na={k: NO_BODY for k in ("first", "half", "last", "error")}),
    Secondary("start -a (wait)", r"POST /containers/[^/]+/wait$", _sec_created,
              ("refused", "head", "last", "500", "stall"), na={"error": NOT_JSON_STREAM}),
    Secondary("rm -f (2nd delete)", rf"DELETE /containers/{PREFIX}-rmb-", _sec_two, ("refused", "head", "500", "stall"),
              na={k: NO_BODY for k in ("first", "half", "last", "error")}),
    Secondary("pull (inspect)", r"GET /images/.+/json$", lambda t, w: ("pull", _pull_ref()),
              ("refused", "head", "last", "500", "stall"), na={"error": NOT_JSON_STREAM}, docker_sends=False),
    Secondary("compose up -d (start)", r"POST /containers/[^/]+/start$", _sec_compose("up", "-d"),
              ("refused", "head", "500", "stall"), na={k: NO_BODY for k in ("first", "half", "last", "error")},
              compose=True),
    Secondary("compose up (attach)", r"POST /containers/[^/]+/attach$", _sec_compose("up"),
              ("refused", "head", "first", "half", "500", "stall"),
              na={"last": "a hijacked stream has no last message", "error": "a hijacked stream: " + SAME}, compose=True),
]

# cells where pydock's answer is not yet the sane one: the cell checks today's status (a fix shows as a failure
# to update, and the table's diff), the table lists them
OPEN_DEFECTS: dict = {}
# a secondary cell still running after this long hangs (compose creates a network and a container, then waits
# for its one second of work: 20 s on a loaded 2-core machine)
SECONDARY_HANG = {False: 10.0, True: 20.0}
# cells of these rows where docker's answer is not the one to copy: (why, pydock's status)
SECONDARY_MISBEHAVES: dict = {
    ("exec (inspect)", "stall"): ("docker reports its own Ctrl-C during the exit status inspect as the daemon gone "
                                  "(-1: 255); pydock exits 130", 130),
}
SECONDARY_NOTES = [
    "Rows `name (request)`: the fault goes to that request of the command, not to its stream; each program",
    "through its own relay. Their `refused` is the relay's `gone`: the request never reaches the daemon, its",
    "connection closes unanswered and every later connection is refused (a connection cannot be refused once",
    "its request is known). `500`: the relay answers the request with the daemon's JSON error in its place.",
    "stderr: at most one line, or exactly docker's lines (docker logs a failed wait as a second line; compose",
    "prints its progress lines, left out of the count); `=` means the same final line as docker's (the relay's",
    "path, IDs, the program's and compose's project names aside; docker's logged wait error before it is a race). `pull (inspect)` is pydock's own request (its",
    "summary line): docker sends none, and pydock must answer as docker does without a Ctrl-C.",
]
PROGRESS = re.compile(r"^ ?(Network|Container|Volume) \S+ +\S|^Gracefully Stopping|^Attaching to ")


# secondary cells where docker's own outcome is a race: `run --rm` whose start fails either exits 125 or waits
# forever for the container's removal, depending on whether its wait request or the start error comes first
SECONDARY_RACES = {("run --rm (start)", "refused"): (None, 125), ("run --rm (start)", "500"): (None, 125)}


def _secondary_cases():
    for c in SECONDARY:
        for kind in KINDS:
            if kind not in c.na:
                yield pytest.param(c, kind, id=f"{c.name.replace(' ', '_')}-{kind}")


def _normal(text: str, relay, tmp) -> list[str]:
    """stderr's lines that answer the fault, with the relay's path, logrus' time, the program's and the compose
    project's names unified; blank lines, run's help hint and compose's progress lines left out."""
    from urllib.parse import quote

    for who in ("docker", "pydock"):
        text = text.replace(_project(tmp, who), "PROJECT")
    for form in (relay.path, quote(relay.path, safe="")):
        text = text.replace(form, "RELAY")
    text = re.sub(r'time="[^"]*"', "time=T", text)
    text = re.sub(r"\b[0-9a-f]{64}\b", "ID", text)
    text = re.sub(r"^docker: ", "pydock: ", text, flags=re.M)
    return [ln for ln in text.splitlines()
            if ln.strip() and not RUN_HINT.match(ln) and not PROGRESS.match(ln.replace("\r\x1b[K", ""))]


def _left(cell: Secondary, tmp, who) -> tuple[int, int]:
    """(containers, networks) the command left in its scope."""
    if cell.compose:
        flt = f"label=com.docker.compose.project={_project(tmp, who)}"
        return (len(run_docker("ps", "-aq", "--filter", flt).stdout.split()),
                len(run_docker("network", "ls", "-q", "--filter", flt).stdout.split()))
    return len(run_docker("ps", "-aq", "--filter", f"label={_scope(tmp, who)}").stdout.split()), 0


def _cleanup(cell: Secondary, tmp) -> None:
    for who in ("docker", "pydock"):
        if cell.compose:
            from tests.compose_oracle import run_compose

            run_compose("-p", _project(tmp, who), "-f", str(tmp / "compose.yaml"), "down", "-t", "0", cwd=tmp)
        ids = run_docker("ps", "-aq", "--filter", f"label={_scope(tmp, who)}").stdout.split()
        if ids:
            run_docker("rm", "-f", *ids)


def check_secondary(cell: Secondary, kind: str, recorded, tmp_path) -> None:
    """One cell of a secondary row (run by tests/engine/test_fault_secondary.py, beside this module)."""
    import tempfile

    rows, observed = recorded
    relays = {who: EngineRelay(tempfile.mkdtemp(prefix="pdrelay")) for who in ("docker", "pydock")}
    stall = kind == "stall" and cell.docker_sends
    results: dict[str, Outcome] = {}
    try:
        args = {who: cell.args(tmp_path, who) for who in relays}
        for relay in relays.values():
            relay.arm(Fault(cell.pattern, "gone" if kind == "refused" else kind))

        def go(who):
            results[who] = _run(who, args[who], _env(relays[who]), stall=stall, use_pty=False,
                                ready=lambda: len(relays[who].hits) >= 1, hang=SECONDARY_HANG[cell.compose])

        threads = [threading.Thread(target=go, args=(who,)) for who in relays]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        hits = {who: list(r.hits) for who, r in relays.items()}
        assert hits["pydock"], f"the fault was not applied to pydock: {relays['pydock'].seen}"
        if cell.docker_sends:
            assert hits["docker"], f"the fault was not applied to docker: {relays['docker'].seen}"
        theirs, ours = results["docker"], results["pydock"]
        assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr, ours
        lines = {who: _normal(results[who].stderr, relays[who], tmp_path) for who in relays}
        misbehaves = SECONDARY_MISBEHAVES.get((cell.name, kind))
        if stall:
            assert ours.sigint_answer is not None and ours.sigint_answer < 1.0, ours
            expected = 130 if theirs.status is None else theirs.status
            assert ours.status == (misbehaves[1] if misbehaves else expected), (ours, theirs)
            assert lines["pydock"] == [], ours
        else:
            if (cell.name, kind) in OPEN_DEFECTS:
                assert ours.status == OPEN_DEFECTS[(cell.name, kind)][0], (ours, theirs)
            elif misbehaves:
                assert ours.status == misbehaves[1], (ours, theirs)
            elif theirs.status is None:
                assert ours.status not in (None, 0), ours
            else:
                assert ours.status == theirs.status, (ours, theirs)
            if lines["pydock"] != lines["docker"]:  # else one line when failing, at most one otherwise
                assert len(lines["pydock"]) == 1 if ours.status else len(lines["pydock"]) <= 1, (lines, ours, theirs)
        # what the engine holds afterwards: nothing docker would not leave
        deadline = time.monotonic() + 5
        while True:
            left = {who: _left(cell, tmp_path, who) for who in relays}
            if all(o <= t for o, t in zip(left["pydock"], left["docker"])) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert all(o <= t for o, t in zip(left["pydock"], left["docker"])), left
    finally:
        for relay in relays.values():
            relay.close()
        _cleanup(cell, tmp_path)

    def status(o: Outcome) -> str:
        return "hangs" if o.status is None else str(o.status)

    racy = SECONDARY_RACES.get((cell.name, kind))
    if racy:
        assert theirs.status in racy, theirs
    docker_text = " or ".join(status(Outcome(s, "", b"")) for s in sorted(racy, key=str)) if racy else status(theirs)
    row = f"{docker_text} / {status(ours)}" + (" ^C" if ours.sigint_answer is not None else "")
    if not racy and lines["pydock"] and lines["docker"] and lines["pydock"][-1] == lines["docker"][-1]:
        row += " ="  # the final line: docker's logged wait error before it comes or not (a race in docker)
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

