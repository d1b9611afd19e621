"""pydock vs docker: push and pull of a ~200 MB image to the local registry (127.0.0.1:5000), and the cost
of pydock's terminal progress renderer (CPU share of a core, redraws per second) during a pull on a pty.

    .venv/bin/python bench/bench_pull_push.py [--runs N] [--mb 200]

Every push must upload for real (the registry keeps blobs, and the daemon mounts known blobs from other
repositories), so each push gets a freshly built image with its own random layer. Each pull starts with
the image removed locally. Runs alternate docker and pydock; medians and the ratio are printed.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, LABEL, PYDOCK  # noqa: E402

BASE = "pydock-test/busybox:latest"
REGISTRY = "127.0.0.1:5000"


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def build(tag: str, mb: int) -> None:
    dockerfile = f"FROM {BASE}\nRUN head -c {mb * 1000 * 1000} /dev/urandom > /pda-big && echo {uuid.uuid4().hex}\n"
    r = sh(DOCKER + ["build", "-q", "--label", LABEL, "-t", tag, "-"], input=dockerfile,
           env=dict(os.environ, DOCKER_BUILDKIT="0"))
    if r.returncode != 0:
        raise SystemExit(f"build failed: {r.stderr}")


def timed(cmd: list[str], config: str) -> float:
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, DOCKER_CONFIG=config))
    took = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {r.stderr}")
    return took


def remove_image(ref: str) -> None:
    image_id = sh(DOCKER + ["image", "inspect", "-f", "{{.Id}}", ref]).stdout.strip()
    if image_id:
        sh(DOCKER + ["rmi", "-f", image_id])


def report(name: str, ours: list[float], theirs: list[float]) -> None:
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{name:<28} median: pydock {a:6.2f} s  docker {b:6.2f} s  ratio {a / b:4.2f}x   "
          f"best: pydock {min(ours):6.2f} s  docker {min(theirs):6.2f} s  ratio {min(ours) / min(theirs):4.2f}x")
    print(f"{'':<28} runs: pydock {', '.join(f'{x:.2f}' for x in ours)}; docker {', '.join(f'{x:.2f}' for x in theirs)}")


def tty_pull(ref: str, config: str) -> tuple[float, float, int, int]:
    """pydock pull on a pseudo-terminal: (wall s, CPU s of the pydock process, redraws, bytes written)."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(PYDOCK + ["pull", ref], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                            env=dict(os.environ, DOCKER_CONFIG=config, COLUMNS="120", LINES="40"))
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if data:
                chunks.append(data)
                continue
        if proc.poll() is not None and not ready:
            break
        if ready and not data:
            break
    proc.wait()
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # rich starts each redraw of the live block by erasing its bottom line and moving up: "\r ESC[2K ESC[1A"
    redraws = len(re.findall(r"\r\x1b\[2K\x1b\[1A", out))
    return took, cpu, redraws, len(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pull-runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=200)
    args = parser.parse_args()
    config = tempfile.mkdtemp(prefix="pda-bench-config-")
    tag_base = f"{REGISTRY}/pda-bench-{uuid.uuid4().hex[:8]}"
    made: list[str] = []
    try:
        print(f"{args.mb} MB random layer on {BASE}; registry {REGISTRY}; {args.runs} alternating push runs, "
              f"{args.pull_runs} pull runs\n")
        push_ours, push_theirs = [], []
        for i in range(args.runs):
            for who, cmd, times in (("d", DOCKER, push_theirs), ("p", PYDOCK, push_ours)):
                ref = f"{tag_base}:{who}{i}"
                build(ref, args.mb)
                made.append(ref)
                times.append(timed(cmd + ["push", ref], config))
        report("push (fresh 200 MB layer)", push_ours, push_theirs)

        pull_ours, pull_theirs = [], []
        ref = made[0]
        for _ in range(args.pull_runs):
            for cmd, times in ((DOCKER, pull_theirs), (PYDOCK, pull_ours)):
                remove_image(ref)
                times.append(timed(cmd + ["pull", ref], config))
        report("pull (image absent)", pull_ours, pull_theirs)

        remove_image(ref)
        took, cpu, redraws, size = tty_pull(ref, config)
        print(f"\npydock pull on a pty: {took:.2f} s wall, {cpu:.2f} s CPU in the pydock process "
              f"({100 * cpu / took:.1f}% of a core, rendering and stream decoding together), "
              f"{redraws} redraws = {redraws / took:.1f}/s, {size} bytes to the terminal")
        remove_image(ref)
        start = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(PYDOCK + ["pull", ref], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, DOCKER_CONFIG=config))
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        took2 = time.perf_counter() - start
        cpu2 = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        print(f"pydock pull to a pipe:  {took2:.2f} s wall, {cpu2:.2f} s CPU ({100 * cpu2 / took2:.1f}% of a core); "
              f"the terminal renderer's own share is the difference: {100 * (cpu / took - cpu2 / took2):.1f}% of a core")
    finally:
        for ref in made:
            remove_image(ref)
        sh(["rm", "-rf", config])


if __name__ == "__main__":
    main()
