"""pydock vs docker: `ps` with 20 containers present, `--version`, `--help`, and what each imports.

    .venv/bin/python bench/bench_startup_ps.py [--runs N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DOCKER, LABEL, PYDOCK, alone, imported_modules, side_by_side  # noqa: E402

IMAGE = "pydock-test/busybox:latest"
WATCH = {"click", "httpx", "httpcore", "rich", "yaml", "pygments", "h11", "anyio", "ssl", "certifi"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--containers", type=int, default=20)
    args = parser.parse_args()
    ids = [subprocess.run(DOCKER + ["run", "-d", "--label", LABEL, IMAGE, "sleep", "600"], capture_output=True,
                          text=True, check=True).stdout.strip() for _ in range(args.containers)]
    try:
        print(f"{len(ids)} running containers; medians of {args.runs} alternating runs\n")
        side_by_side("ps", PYDOCK + ["ps"], DOCKER + ["ps"], args.runs)
        side_by_side("ps -a --no-trunc", PYDOCK + ["ps", "-a", "--no-trunc"], DOCKER + ["ps", "-a", "--no-trunc"], args.runs)
        side_by_side("images", PYDOCK + ["images"], DOCKER + ["images"], args.runs)
        side_by_side("--version", PYDOCK + ["--version"], DOCKER + ["--version"], args.runs)
        side_by_side("--help", PYDOCK + ["--help"], DOCKER + ["--help"], args.runs)
        alone("python -c pass (floor)", [sys.executable, "-c", "pass"], args.runs)
        print()
        for cmd in (["--version"], ["--help"], ["ps"]):
            mods = imported_modules(cmd)
            print(f"pydock {' '.join(cmd):<10} imports {len(mods)} top-level modules; of note: "
                  f"{', '.join(sorted(WATCH & set(mods))) or '-'}")
    finally:
        subprocess.run(DOCKER + ["rm", "-f", *ids], capture_output=True, check=False)


if __name__ == "__main__":
    main()
