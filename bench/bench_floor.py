"""pydock's own cost above the stack's floor (issue 12), side by side with docker in one run.

For each command: pydock's median, the floor's median (the same interpreter importing only the libraries
that command needs: click and httpx for an engine command, yaml too for compose, nothing for the root
--help/--version, which load no library; it exits with os._exit, as pydock does), docker's median, and
pydock minus the floor against the target (<= 20 ms; `run --rm`: pydock minus docker <= floor + 20 ms).
The three commands of a row run in turn, round after round, so machine noise hits them alike; the
differences printed are medians of the rounds' differences.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_floor.py [--runs N] [--gc-floor]

Never a CI gate.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, PYDOCK, ROOT  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
LABEL = "pydock.bench=floor"
PY = str(ROOT / ".venv" / "bin" / "python")
# httpx without its CLI module, as pydock/engine/_httpx.py imports it, and httpcore, which httpx imports
# only when the first request is sent
ENGINE_LIBS = "import sys; sys.modules['httpx._main'] = None; import click, httpx, httpcore"
# pydock leaves without the interpreter's finalization (pydock/__main__.py `_leave`), so the floor leaves
# the same way: what both pay is loading the stack, and tearing it down is nobody's floor
LEAVE = "; import os; os._exit(0)"
GC_FLOOR = False
FLOORS = {"none": [PY, "-c", LEAVE[2:]], "click": [PY, "-c", "import click" + LEAVE],
          "engine": [PY, "-c", ENGINE_LIBS + LEAVE], "compose": [PY, "-c", ENGINE_LIBS + ", yaml" + LEAVE]}
# --gc-floor: the floor with the garbage collector's thresholds pydock sets before loading anything
# (pydock/__main__.GC_THRESHOLDS): what pydock's own code adds when the libraries load as cheaply as in pydock
GC = "import gc; gc.set_threshold(50_000, 50, 100); "
COMPOSE = "services:\n  web:\n    image: pydock-test/busybox:latest\n    command: sleep 600\n    labels: [pydock.bench=floor]\n"


def once(cmd: list[str], cwd: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, check=False)
    return time.perf_counter() - start


def row(name: str, ours: list[str], floor: str, theirs: list[str], runs: int, cwd: str | None = None,
        vs_docker: bool = False) -> None:
    floor_cmd = FLOORS[floor]
    if GC_FLOOR:
        floor_cmd = [PY, "-c", GC + floor_cmd[2]]
    cmds = (ours, floor_cmd, theirs)
    for cmd in cmds:
        once(cmd, cwd)
    times: list[list[float]] = [[], [], []]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            times[i].append(once(cmd, cwd))
    p, f, d = (statistics.median(t) * 1000 for t in times)
    # the differences are medians of each round's difference: this machine's speed drifts by 10-20 % over
    # seconds, and a round's three runs share its speed where two separate medians do not
    if vs_docker:  # the engine's own time dominates: pydock may cost the floor + 20 ms more than docker
        over = statistics.median(a - b for a, b in zip(times[0], times[2])) * 1000
        target = f + 20
        ok = over <= target
        verdict = f"pydock-docker {over:6.1f} ms  (target <= {target:.0f})"
    else:
        over = statistics.median(a - b for a, b in zip(times[0], times[1])) * 1000
        ok = over <= 20
        verdict = f"pydock-floor  {over:6.1f} ms  (target <= 20)"
    print(f"{name:<18} pydock {p:7.1f}  floor[{floor:<7}] {f:6.1f}  docker {d:6.1f}  ratio {p / d:5.2f}x  "
          f"{verdict}  {'ok' if ok else 'MISSED'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--gc-floor", action="store_true", help="the floor with pydock's GC thresholds")
    args = parser.parse_args()
    global GC_FLOOR
    GC_FLOOR = args.gc_floor
    run = DOCKER + ["run", "-d", "--label", LABEL, IMAGE, "sleep", "600"]
    ids = [subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip() for _ in range(10)]
    stopped = subprocess.run(DOCKER + ["create", "--label", LABEL, IMAGE, "true"], capture_output=True, text=True,
                             check=True).stdout.strip()
    project = tempfile.mkdtemp(prefix="pydock-bench-floor-")
    Path(project, "compose.yaml").write_text(COMPOSE)
    compose = [DOCKER[0], "compose", "-p", "pdbenchfloor"]
    subprocess.run(compose + ["up", "-d"], cwd=project, capture_output=True, check=True)
    try:
        print(f"medians of {args.runs} runs in turn, ms; 10 running containers\n")
        row("--version", PYDOCK + ["--version"], "none", DOCKER + ["--version"], args.runs)
        row("--help", PYDOCK + ["--help"], "none", DOCKER + ["--help"], args.runs)
        row("ps", PYDOCK + ["ps"], "engine", DOCKER + ["ps"], args.runs)
        row("images", PYDOCK + ["images"], "engine", DOCKER + ["images"], args.runs)
        row("inspect", PYDOCK + ["inspect", ids[0]], "engine", DOCKER + ["inspect", ids[0]], args.runs)
        row("stop (stopped)", PYDOCK + ["stop", stopped], "engine", DOCKER + ["stop", stopped], args.runs)
        row("compose ps", PYDOCK + ["compose", "-p", "pdbenchfloor", "ps"], "compose", compose + ["ps"], args.runs,
            cwd=project)
        row("run --rm true", PYDOCK + ["run", "--rm", "--label", LABEL, IMAGE, "true"], "engine",
            DOCKER + ["run", "--rm", "--label", LABEL, IMAGE, "true"], args.runs, vs_docker=True)
    finally:
        subprocess.run(compose + ["down", "-t", "0"], cwd=project, capture_output=True, check=False)
        subprocess.run(DOCKER + ["rm", "-f", *ids, stopped], capture_output=True, check=False)


if __name__ == "__main__":
    main()
