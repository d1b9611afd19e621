"""pydock vs docker on the container paths of issue 3, side by side in one run:

- `run --rm IMAGE true` wall time (target <= 1.3x docker);
- `logs` of a container that printed N lines (default 1,000,000; target <= 1.1x), and pydock's peak RSS
  for a tenth of the lines vs all of them (memory flat: the two should be about equal);
- `run` attached to a container printing M bytes (default 200 MB): wall time, and peak RSS vs a tenth.

    .venv/bin/python bench/bench_containers.py [--runs N] [--lines N] [--megabytes N] [--skip-run-output]

Benchmarks print numbers; they never fail on a timing. Every container carries the label pydock.bench=1
and is removed at the end.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, LABEL, PYDOCK, peak_rss_kib, side_by_side  # noqa: E402

IMAGE = "pydock-test/busybox:latest"


def printed(lines: int) -> str:
    """A stopped container whose log holds `lines` lines, made by docker so both tools read the same."""
    cid = subprocess.run(DOCKER + ["run", "-d", "--label", LABEL, IMAGE, "seq", "1", str(lines)],
                         capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(DOCKER + ["wait", cid], capture_output=True, check=True)
    return cid


def timed_pair(name: str, ours: list[str], theirs: list[str], runs: int) -> None:
    """Alternating runs of two long commands: median wall time of each, ratio, and pydock's peak RSS."""
    a, b, rss = [], [], []
    for _ in range(runs):
        seconds, kib = peak_rss_kib(ours)
        a.append(seconds)
        rss.append(kib)
        b.append(peak_rss_kib(theirs)[0])
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:<34} pydock {ma:7.2f} s    docker {mb:7.2f} s    ratio {ma / mb:5.2f}x   "
          f"pydock peak RSS {max(rss) / 1024:5.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15, help="runs of `run --rm true`")
    parser.add_argument("--long-runs", type=int, default=3, help="runs of the long logs/output commands")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--skip-run-output", action="store_true")
    args = parser.parse_args()
    made: list[str] = []
    try:
        print(f"medians of alternating runs; pydock = {' '.join(PYDOCK)}\n")
        side_by_side("run --rm IMAGE true", PYDOCK + ["run", "--rm", "--label", LABEL, IMAGE, "true"],
                     DOCKER + ["run", "--rm", "--label", LABEL, IMAGE, "true"], args.runs)

        big, small = printed(args.lines), printed(args.lines // 10)
        made += [big, small]
        timed_pair(f"logs ({args.lines:,} lines)", PYDOCK + ["logs", big], DOCKER + ["logs", big], args.long_runs)
        _, small_rss = peak_rss_kib(PYDOCK + ["logs", small])
        _, big_rss = peak_rss_kib(PYDOCK + ["logs", big])
        print(f"{'  memory flat?':<34} pydock peak RSS {small_rss / 1024:5.1f} MiB for {args.lines // 10:,} lines, "
              f"{big_rss / 1024:5.1f} MiB for {args.lines:,}")

        if not args.skip_run_output:
            def run_printing(tool: list[str], megabytes: int) -> list[str]:
                script = f"yes 0123456789abcdef | head -c {megabytes * 1_000_000}"
                return tool + ["run", "--rm", "--label", LABEL, IMAGE, "sh", "-c", script]

            timed_pair(f"run printing {args.megabytes} MB", run_printing(PYDOCK, args.megabytes),
                       run_printing(DOCKER, args.megabytes), 1)
            _, small_rss = peak_rss_kib(run_printing(PYDOCK, max(1, args.megabytes // 10)))
            print(f"{'  memory flat?':<34} pydock peak RSS {small_rss / 1024:5.1f} MiB for "
                  f"{max(1, args.megabytes // 10)} MB (compare the line above)")
    finally:
        if made:
            subprocess.run(DOCKER + ["rm", "-f", *made], capture_output=True, check=False)


if __name__ == "__main__":
    main()
