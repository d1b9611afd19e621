"""Helpers for the side-by-side benchmarks: run commands alternately, report medians and ratios.

Benchmarks print numbers; they never fail on a timing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYDOCK = [str(ROOT / ".venv" / "bin" / "pydock")] if (ROOT / ".venv" / "bin" / "pydock").exists() else [
    sys.executable, "-m", "pydock"]
DOCKER = [shutil.which("docker") or "docker"]
LABEL = "pydock.bench=1"


def wall(cmd: list[str], runs: int, env: dict | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - start)
    return times


def side_by_side(name: str, ours: list[str], theirs: list[str], runs: int = 15) -> tuple[float, float]:
    """Alternate the two commands so machine noise hits both alike; print medians and the ratio."""
    a: list[float] = []
    b: list[float] = []
    wall(ours, 2)
    wall(theirs, 2)
    for _ in range(runs):
        a += wall(ours, 1)
        b += wall(theirs, 1)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:<34} pydock {ma * 1000:7.1f} ms   docker {mb * 1000:7.1f} ms   ratio {ma / mb:5.2f}x")
    return ma, mb


def peak_rss_kib(cmd: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident set (KiB) of one run of `cmd`, its output discarded. Measured in
    a fresh wrapper process, since RUSAGE_CHILDREN keeps the maximum of every child ever waited for."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env,
                         check=True).stdout.split()
    return float(out[0]), int(out[1])


def alone(name: str, cmd: list[str], runs: int = 15) -> float:
    wall(cmd, 2)
    m = statistics.median(wall(cmd, runs))
    print(f"{name:<34} {m * 1000:7.1f} ms")
    return m


def imported_modules(args: list[str]) -> list[str]:
    """Top-level packages imported by `python -X importtime -m pydock ARGS`."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "pydock", *args], capture_output=True, text=True,
                       env=env, check=False)
    names = set()
    for line in p.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            mod = line.rsplit("|", 1)[1].strip()
            if mod and not mod.startswith("import time"):
                names.add(mod.split(".")[0])
    return sorted(names)
