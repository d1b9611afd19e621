"""pydock vs docker as the engine's state grows (issue 11): the cost per item, side by side in one run.

For each command and size: the median wall time and the peak resident set of pydock and of docker, then
the slope, the cost of one more item, (t(large) - t(small)) / (n(large) - n(small)), of each and their
ratio (target: pydock's slope within 2x of docker's; memory flat for the streams).

- `ps -a` with 100 / 1,000 / 3,000 containers (created, not started: the listing is what is measured);
- `images` with 100 / 1,000 images (loaded from one generated archive: distinct configs sharing a layer);
- `logs` of a tenth of N lines and of N lines (default 10,000,000);
- `stats --no-stream` of 10 and of 100 running containers;
- `events` carrying 1,000 and 10,000 events. The daemon replays only its last 256 events to `--since`
  (moby's eventsLimit), so both programs follow the stream live while the bench tags and untags an image
  N/2 times; the cost measured is each program's CPU time (user + system) until the last event was
  printed, since the wall time is the generator's.

    .venv/bin/python bench/bench_scale.py [--runs N] [--sizes-ps 100,1000,3000] [--sizes-images 100,1000]
        [--log-lines N] [--only ps,images,logs,stats,events]

Other containers on the engine count as rows too: the sizes printed are the rows docker printed.
Benchmarks print numbers; they never fail on a timing. Everything made carries the label
pydock.bench=scale and is removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tarfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, PYDOCK  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
LABEL_KEY, LABEL_VALUE = "pydock.bench", "scale"
LABEL = f"{LABEL_KEY}={LABEL_VALUE}"
SOCKET = "/var/run/docker.sock"
REPO = "pydock-bench-scale"


# --- populating the engine through its API (stdlib only, so the bench measures nobody's client) -----

class _UnixConnection(http.client.HTTPConnection):
    def __init__(self) -> None:
        super().__init__("localhost", timeout=600)

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(SOCKET)


_local = threading.local()


def api(method: str, path: str, body=None, raw: bytes | None = None) -> tuple[int, object]:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = _UnixConnection()
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Content-Type": "application/x-tar" if raw is not None else "application/json"}
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    payload = resp.read()
    if resp.status >= 400:
        raise RuntimeError(f"{method} {path}: {resp.status} {payload[:200]!r}")
    try:
        return resp.status, json.loads(payload) if payload else None
    except ValueError:
        return resp.status, payload


def in_threads(fn, items, workers: int = 8) -> list:
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


def label_filter() -> str:
    return urllib.parse.quote(json.dumps({"label": [LABEL]}))


def create_containers(count: int) -> None:
    spec = {"Image": IMAGE, "Cmd": ["true"], "Labels": {LABEL_KEY: LABEL_VALUE, "com.example.tier": "bench"},
            "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": ""}]}},
            "ExposedPorts": {"80/tcp": {}}}
    in_threads(lambda _: api("POST", "/containers/create", spec), range(count))


def start_sleepers(count: int) -> None:
    spec = {"Image": IMAGE, "Cmd": ["sleep", "3600"], "Labels": {LABEL_KEY: LABEL_VALUE}}

    def one(_):
        _, made = api("POST", "/containers/create", spec)
        api("POST", f"/containers/{made['Id']}/start")

    in_threads(one, range(count), workers=4)


def remove_containers() -> None:
    _, found = api("GET", f"/containers/json?all=1&filters={label_filter()}")
    in_threads(lambda c: api("DELETE", f"/containers/{c['Id']}?force=1&v=1"), found)


def image_archive(count: int, start: int) -> bytes:
    """A docker-archive holding `count` images with distinct configs over one shared one-file layer."""
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as tar:
        info = tarfile.TarInfo("bench.txt")
        info.size = 6
        tar.addfile(info, io.BytesIO(b"bench\n"))
    layer_bytes = layer.getvalue()
    diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
    arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
    out = io.BytesIO()
    manifest = []
    with tarfile.open(fileobj=out, mode="w") as tar:
        def add(name: str, data: bytes) -> None:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

        add("layer/layer.tar", layer_bytes)
        for i in range(start, start + count):
            config = json.dumps({
                "architecture": arch, "os": "linux", "created": "2026-01-01T00:00:00Z",
                "config": {"Cmd": ["sh"], "Labels": {LABEL_KEY: LABEL_VALUE, "pydock.bench.n": str(i)}},
                "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                "history": [{"created": "2026-01-01T00:00:00Z", "created_by": f"bench image {i}"}],
            }).encode()
            name = hashlib.sha256(config).hexdigest() + ".json"
            add(name, config)
            manifest.append({"Config": name, "RepoTags": [f"{REPO}/img{i}:latest"], "Layers": ["layer/layer.tar"]})
        add("manifest.json", json.dumps(manifest).encode())
    return out.getvalue()


def load_images(count: int, start: int) -> None:
    api("POST", "/images/load?quiet=1", raw=image_archive(count, start))


def remove_images() -> None:
    _, found = api("GET", f"/images/json?filters={label_filter()}")
    in_threads(lambda i: api("DELETE", f"/images/{i['Id']}?force=1"), found)


# --- measuring -----------------------------------------------------------------------------------

PROBE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
         "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
         "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def once(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run, in a fresh wrapper (RUSAGE_CHILDREN keeps a maximum)."""
    out = subprocess.run([sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, check=True)
    seconds, kib = out.stdout.split()
    return float(seconds), int(kib)


def rows(cmd: list[str]) -> int:
    return len(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines())


class Series:
    """One command's points (items, pydock seconds, docker seconds) and the slopes they give."""

    def __init__(self, name: str, unit: str = "s") -> None:
        self.name, self.unit, self.points = name, unit, []

    def measure(self, n: int, args: list[str], runs: int) -> None:
        ours, theirs = [], []
        once(PYDOCK + args)
        once(DOCKER + args)
        for _ in range(runs):
            ours.append(once(PYDOCK + args))
            theirs.append(once(DOCKER + args))
        self.add(n, statistics.median(t for t, _ in ours), max(k for _, k in ours),
                 statistics.median(t for t, _ in theirs), max(k for _, k in theirs))

    def add(self, n: int, ours: float, our_kib: int, theirs: float, their_kib: int) -> None:
        self.points.append((n, ours, theirs))
        print(f"{self.name:<20} n={n:>10,}   pydock {ours:8.3f} {self.unit} {our_kib / 1024:7.1f} MiB   "
              f"docker {theirs:8.3f} {self.unit} {their_kib / 1024:7.1f} MiB   ratio {ours / theirs:5.2f}x",
              flush=True)

    def slope(self) -> None:
        (n0, a0, b0), (n1, a1, b1) = self.points[0], self.points[-1]
        ours, theirs = (a1 - a0) / (n1 - n0), (b1 - b0) / (n1 - n0)
        ratio = f"{ours / theirs:5.2f}x" if theirs > 0 else "  n/a"
        print(f"{'  slope ' + self.name:<20} per item: pydock {ours * 1e6:9.2f} us   docker {theirs * 1e6:9.2f} us   "
              f"ratio {ratio}  (n {n0:,} -> {n1:,})\n", flush=True)


def grown(name: str, sizes: list[int], grow, counted: list[str], args: list[str], runs: int, clean) -> None:
    """Grow the engine's state to each size (`grow(have, want)`), measure `args` there against the rows
    docker counts with `counted`, print the slope, then `clean()`."""
    series = Series(name)
    made = 0
    for size in sizes:
        grow(made, size)
        made = size
        series.measure(rows(DOCKER + counted), args, runs)
    series.slope()
    clean()


def bench_logs(lines: int, runs: int) -> None:
    series = Series("logs")
    made = []
    try:
        for n in (lines // 10, lines):
            cid = subprocess.run(DOCKER + ["run", "-d", "--label", LABEL, IMAGE, "seq", "1", str(n)],
                                 capture_output=True, text=True, check=True).stdout.strip()
            made.append(cid)
            subprocess.run(DOCKER + ["wait", cid], capture_output=True, check=True)
            series.measure(n, ["logs", cid], runs if n < lines else max(1, runs // 3))
        series.slope()
    finally:
        subprocess.run(DOCKER + ["rm", "-f", *made], capture_output=True, check=False)


def _cpu_and_hwm(pid: int) -> tuple[float, int]:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    hwm = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
               if line.startswith("VmHWM:"))
    return cpu, hwm


def follow_events(pairs: int) -> tuple[tuple[float, int], tuple[float, int], int]:
    """Both programs follow `events` while the bench makes 2 * pairs image events and a sentinel; each
    program's CPU seconds and peak RSS once it printed the sentinel, and the lines docker printed. Their
    output is read as it comes: a full pipe would stall the program, and the daemon waits on a subscriber
    that does not read."""
    sentinel = f"{REPO}/ev:end"
    procs = [subprocess.Popen(tool + ["events", "--filter", "type=image"], stdout=subprocess.PIPE, text=True)
             for tool in (PYDOCK, DOCKER)]
    results: list = [None, None]
    counts = [0, 0]

    def read(i: int) -> None:
        for line in procs[i].stdout:
            counts[i] += 1
            if sentinel in line:
                results[i] = _cpu_and_hwm(procs[i].pid)
                return

    readers = [threading.Thread(target=read, args=(i,), daemon=True) for i in (0, 1)]
    for reader in readers:
        reader.start()
    time.sleep(1.5)  # both connected (pydock's import time included)
    for i in range(pairs):
        api("POST", f"/images/{IMAGE}/tag?repo={REPO}/ev&tag=t{i}")
        api("DELETE", f"/images/{REPO}/ev:t{i}")
    api("POST", f"/images/{IMAGE}/tag?repo={REPO}/ev&tag=end")
    for reader, proc in zip(readers, procs):
        reader.join(60)
        proc.terminate()
        proc.wait()
    api("DELETE", f"/images/{sentinel}")
    return results[0], results[1], counts[1]


def bench_events(sizes: list[int], runs: int) -> None:
    series = Series("events", unit="s CPU")
    for size in sizes:
        ours, theirs = [], []
        for _ in range(runs):
            a, b, count = follow_events(size // 2)
            ours.append(a)
            theirs.append(b)
        series.add(count, statistics.median(t for t, _ in ours), max(k for _, k in ours),
                   statistics.median(t for t, _ in theirs), max(k for _, k in theirs))
    series.slope()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes-ps", default="100,1000,3000")
    parser.add_argument("--sizes-images", default="100,1000")
    parser.add_argument("--sizes-stats", default="10,100")
    parser.add_argument("--sizes-events", default="1000,10000")
    parser.add_argument("--log-lines", type=int, default=10_000_000)
    parser.add_argument("--only", default="ps,images,logs,stats,events")
    args = parser.parse_args()
    sizes = lambda text: [int(s) for s in text.split(",")]  # noqa: E731
    print(f"medians of alternating runs; peak RSS the largest seen; pydock = {' '.join(PYDOCK)}\n", flush=True)
    only = args.only.split(",")
    try:
        if "ps" in only:
            grown("ps -a", sizes(args.sizes_ps), lambda have, want: create_containers(want - have),
                  ["ps", "-aq"], ["ps", "-a"], args.runs, remove_containers)
        if "images" in only:
            grown("images", sizes(args.sizes_images), lambda have, want: load_images(want - have, have),
                  ["images", "-q"], ["images"], args.runs, remove_images)
        if "stats" in only:
            grown("stats --no-stream", sizes(args.sizes_stats), lambda have, want: start_sleepers(want - have),
                  ["ps", "-q"], ["stats", "--no-stream"], args.runs, remove_containers)
        if "events" in only:
            bench_events(sizes(args.sizes_events), max(1, args.runs // 2))
        if "logs" in only:
            bench_logs(args.log_lines, args.runs)
    finally:
        remove_containers()
        remove_images()


if __name__ == "__main__":
    main()
