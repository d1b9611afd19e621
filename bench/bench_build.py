"""pydock vs docker (classic builder): `build` of a ~1 GB context in many files, side by side.

    .venv/bin/python bench/bench_build.py [--files 2000] [--size-kb 500] [--runs 3] [--copy]

The context is generated in a temporary directory (random, incompressible data: FILES files of SIZE_KB
in 20 subdirectories, no .dockerignore). The Dockerfile is `FROM pydock-test/busybox:latest` plus a LABEL;
with --copy it also does `COPY . /ctx` (then each build writes the whole context as a layer, so the
daemon's disk dominates both tools alike). Without --copy the engine still receives and unpacks the
whole context, which is what the client side is measured on. Runs alternate between the tools; each run
is timed and its peak RSS measured in a fresh wrapper process (RUSAGE_CHILDREN). Prints medians and the
ratio; removes the images and the context afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, LABEL, PYDOCK  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
TAG = "pydock-test/pdb-bench"


def measured(cmd: list[str], env: dict) -> tuple[float, int]:
    """common.peak_rss_kib, plus the exit status: a failed build must not pass for a fast one."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env,
                         check=True).stdout.split()
    if out[2] != "0":
        raise SystemExit(f"build failed (exit {out[2]}): {' '.join(cmd)}")
    return float(out[0]), int(out[1])


def make_context(root: Path, files: int, size_kb: int, copy: bool) -> int:
    total = 0
    block = os.urandom(size_kb * 1024)
    for i in range(files):
        d = root / f"dir{i % 20:02d}"
        d.mkdir(exist_ok=True)
        data = block[i % 1024:] + block[:i % 1024]  # distinct files, no page-cache sharing tricks needed
        (d / f"file{i:05d}.bin").write_bytes(data)
        total += len(data)
    lines = [f"FROM {IMAGE}", "LABEL bench=build"] + (["COPY . /ctx"] if copy else [])
    (root / "Dockerfile").write_text("\n".join(lines) + "\n")
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size-kb", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copy", action="store_true", help="COPY the context into the image too")
    args = parser.parse_args()
    env = dict(os.environ, DOCKER_BUILDKIT="0")
    tmp = Path(tempfile.mkdtemp(prefix="pdb-bench-"))
    try:
        total = make_context(tmp, args.files, args.size_kb, args.copy)
        print(f"context: {args.files} files, {total / 1e9:.2f} GB in {tmp}; Dockerfile: "
              f"{'FROM + LABEL + COPY . /ctx' if args.copy else 'FROM + LABEL'}; {args.runs} alternating runs\n")
        common = ["build", "--no-cache", "--label", LABEL, "--label", "pydock.test=bench", str(tmp)]
        tools = {"pydock": PYDOCK + common[:1] + ["-t", f"{TAG}:p"] + common[1:],
                 "docker": DOCKER + common[:1] + ["-t", f"{TAG}:d"] + common[1:]}
        results: dict[str, list[tuple[float, int]]] = {"pydock": [], "docker": []}
        for _ in range(args.runs):
            for name, cmd in tools.items():
                results[name].append(measured(cmd, env))
        for name in ("pydock", "docker"):
            walls = [w for w, _ in results[name]]
            rss = max(r for _, r in results[name])
            print(f"{name:<7} wall median {statistics.median(walls):6.2f} s  (runs: "
                  f"{', '.join(f'{w:.2f}' for w in walls)})  peak RSS {rss / 1024:6.1f} MB")
        ratio = statistics.median(w for w, _ in results["pydock"]) / statistics.median(w for w, _ in results["docker"])
        print(f"\nbuild, {total / 1e9:.2f} GB context: wall ratio pydock/docker {ratio:.2f}x (target <= 1.2x); "
              f"pydock peak RSS {max(r for _, r in results['pydock']) / 1024:.1f} MB (target <= 100 MB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(DOCKER + ["rmi", "-f", f"{TAG}:p", f"{TAG}:d"], capture_output=True, check=False)


if __name__ == "__main__":
    main()
