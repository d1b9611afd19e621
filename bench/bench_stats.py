"""pydock vs docker: `stats --no-stream` of 20 running containers (wall time), and the live view of
50 containers for 30 s on a pseudo-terminal (CPU use as % of one core, RSS at the start and the end).

    .venv/bin/python bench/bench_stats.py [--runs N] [--live-seconds S]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, LABEL, PYDOCK, side_by_side  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process and its reaped children, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / TICK


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def live(cmd: list[str], seconds: float, warmup: float = 3.0) -> tuple[float, int, int, int]:
    """Run `cmd` on a pty (200x60), drain its output; (CPU % of one core after warm-up, RSS KiB after
    warm-up, RSS KiB at the end, bytes written)."""
    import fcntl
    import termios

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
    written = 0
    start = time.monotonic()
    cpu0 = rss0 = None
    t0 = 0.0
    try:
        while time.monotonic() - start < warmup + seconds:
            if cpu0 is None and time.monotonic() - start >= warmup:
                cpu0, rss0, t0 = cpu_seconds(pid), rss_kib(pid), time.monotonic()
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    written += len(os.read(fd, 1 << 16))
                except OSError:
                    break
        cpu1, rss1, t1 = cpu_seconds(pid), rss_kib(pid), time.monotonic()
    finally:
        os.kill(pid, 2)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.read(fd, 1 << 16)
            except OSError:
                break
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
        else:
            os.kill(pid, 9)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)
    return (cpu1 - cpu0) / (t1 - t0) * 100, rss0, rss1, written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--live-seconds", type=float, default=30.0)
    args = parser.parse_args()
    names = [f"pdd-bench-{i:02d}" for i in range(50)]
    subprocess.run(DOCKER + ["rm", "-f", *names], capture_output=True, check=False)
    for n in names:
        subprocess.run(DOCKER + ["run", "-d", "--label", LABEL, "--name", n, IMAGE, "sleep", "900"],
                       capture_output=True, check=True)
    try:
        first20 = names[:20]
        print(f"{len(first20)} running containers; medians of {args.runs} alternating runs\n")
        side_by_side("stats --no-stream (20 containers)", PYDOCK + ["stats", "--no-stream", *first20],
                     DOCKER + ["stats", "--no-stream", *first20], args.runs)
        print(f"\nlive view of {len(names)} containers on a pty for {args.live_seconds:.0f} s "
              "(after a 3 s warm-up):")
        for label, cmd in (("pydock", PYDOCK + ["stats", *names]), ("docker", DOCKER + ["stats", *names])):
            cpu, rss0, rss1, written = live(cmd, args.live_seconds)
            print(f"  {label:<7} CPU {cpu:5.1f}% of one core   RSS {rss0 / 1024:6.1f} MiB -> {rss1 / 1024:6.1f} MiB"
                  f"   output {written / 1024:7.0f} KiB")
    finally:
        subprocess.run(DOCKER + ["rm", "-f", *names], capture_output=True, check=False)


if __name__ == "__main__":
    main()
