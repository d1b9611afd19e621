"""Swarm mode, pydock vs docker side by side (issue 14's targets): `service ls` and `node ls` (<= 8x docker)
with 10 services running, and `stack deploy` of a 10-service stack (<= 1.5x docker), each client deploying
its own stack from the same file, removed after every round.

Self-contained: it uses the swarm-mode dockerd of the tests (tests/engine/swarmd.py: started if nobody runs
it, stopped when its last user leaves); needs root and dockerd as those tests do. Never a CI gate.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_swarm.py [--runs N]
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
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import DOCKER, PYDOCK  # noqa: E402

from tests.engine.swarmd import prerequisites, release, shared  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
LABEL = "pydock.bench=swarm"
PREFIX = "pdbenchsw"


def timed(cmd: list[str], env: dict, cwd: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


def report(name: str, ours: list[float], theirs: list[float], target: float) -> None:
    p, d = statistics.median(ours), statistics.median(theirs)
    verdict = "ok" if p / d <= target else "MISSED"
    print(f"{name:<30} pydock {p * 1000:7.1f} ms  docker {d * 1000:7.1f} ms  ratio {p / d:5.2f}x  "
          f"(target <= {target}x)  {verdict}", flush=True)


def compose_file(n: int) -> str:
    services = "".join(f"  s{i}:\n    image: {IMAGE}\n    command: sleep 600\n    stop_grace_period: 1s\n"
                       f"    labels: [{LABEL}]\n" for i in range(n))
    return f"services:\n{services}"


def wait_gone(swarm, stack: str) -> None:
    """A removed stack's network lingers a moment on the node; the next deploy of the name waits for it."""
    for _ in range(100):
        r = swarm.docker("network", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={stack}")
        if not r.stdout.strip():
            return
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    problem = prerequisites()
    if problem:
        sys.exit(f"bench_swarm: {problem}")
    swarm = shared(IMAGE)
    env = swarm.env
    services = [f"{PREFIX}-{i}" for i in range(10)]
    try:
        for name in services:
            swarm.docker("service", "create", "-d", "--name", name, "--label", LABEL, "--stop-grace-period", "1s",
                         IMAGE, "sleep", "600")
        print(f"medians of {args.runs} runs in turn; swarm daemon at {swarm.host}\n")
        for name, sub, target in (("service ls", ["service", "ls"], 8), ("node ls", ["node", "ls"], 8)):
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed(PYDOCK + sub, env))
                theirs.append(timed(DOCKER + sub, env))
            report(name, ours, theirs, target)
        project = tempfile.mkdtemp(prefix="pydock-bench-swarm-")
        Path(project, "stack.yaml").write_text(compose_file(10))
        # `--resolve-image never` first: by default both clients ask the daemon for each image's registry
        # digest, and here (no way out to docker.io) that is the daemon's failed lookups being timed
        for label, extra in (("stack deploy (10 svc, never)", ["--resolve-image", "never"]),
                             ("stack deploy (10 svc, default)", [])):
            ours, theirs = [], []
            for _ in range(max(3, args.runs // 2)):
                for client, times, stack in ((PYDOCK, ours, f"{PREFIX}p"), (DOCKER, theirs, f"{PREFIX}d")):
                    times.append(timed(client + ["stack", "deploy", *extra, "-c", "stack.yaml", stack], env, cwd=project))
                    swarm.docker("stack", "rm", stack)
                    wait_gone(swarm, stack)
            report(label, ours, theirs, 1.5)
    finally:
        swarm.docker("service", "rm", *services)
        for stack in (f"{PREFIX}p", f"{PREFIX}d"):
            swarm.docker("stack", "rm", stack)
        release(swarm)


if __name__ == "__main__":
    main()
