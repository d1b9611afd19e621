"""TAB in bash: pydock's generated script against the docker CLI's `__complete`, side by side in one run.

Each case is timed inside one bash process (so neither side pays for starting bash): N completions of
the same command line, per-call median over rounds. pydock's side is what bash runs at TAB: the
`_pydock` function from completions/pydock.bash (for object names it starts `pydock __complete`);
docker's side is the program its script runs at TAB, `docker __complete ...`.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_completion.py [--rounds N] [--calls N]

Targets (issue 10): flags and flag values <= 1.0x docker; container names <= 3x docker; `pydock --help`
<= 80 ms. Never a CI gate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYDOCK, ROOT  # noqa: E402

SCRIPT = ROOT / "completions" / "pydock.bash"
CASES = [  # (label, pydock's command line at TAB, docker's __complete arguments)
    ("flag: run --rest", "pydock run --rest", ["run", "--rest"]),
    ("value: run --restart ", "pydock run --restart ", ["run", "--restart", ""]),
    ("value: kill -s ", "pydock kill -s ", ["kill", "-s", ""]),
    ("command: container l", "pydock container l", ["container", "l"]),
    ("containers: stop ", "pydock stop ", ["stop", ""]),
]
OBJECT_CASES = {"containers: stop "}


def bash_loop(body: str, calls: int) -> float:
    """Seconds per call of `body`, run `calls` times in one bash."""
    program = f"""
source {SCRIPT}
PATH={os.path.dirname(PYDOCK[0])}:$PATH
start=$EPOCHREALTIME
for ((i = 0; i < {calls}; i++)); do {body}; done
end=$EPOCHREALTIME
echo "$start $end"
"""
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, check=True)
    start, end = map(float, p.stdout.split()[-2:])
    return (end - start) / calls


def ours(line: str) -> str:
    return f"COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; COMPREPLY=(); _pydock"


def theirs(args: list[str]) -> str:
    return "docker __complete " + " ".join(f"'{a}'" for a in args) + " >/dev/null 2>&1"


def help_time(rounds: int) -> float:
    times = []
    for _ in range(rounds * 5):
        start = time.perf_counter()
        subprocess.run([*PYDOCK, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    print(f"per TAB, median of {args.rounds} rounds of {args.calls} calls in one bash\n")
    print(f"{'case':<26}{'pydock':>10}{'docker':>10}{'ratio':>9}   target")
    for label, line, dargs in CASES:
        a, b = [], []
        for _ in range(args.rounds):
            a.append(bash_loop(ours(line), args.calls))
            b.append(bash_loop(theirs(dargs), args.calls))
        ma, mb = statistics.median(a), statistics.median(b)
        target = "<= 3x" if label in OBJECT_CASES else "<= 1.0x"
        print(f"{label:<26}{ma * 1000:8.2f}ms{mb * 1000:8.2f}ms{ma / mb:8.2f}x   {target}")
    print(f"\npydock --help: {help_time(args.rounds) * 1000:.0f} ms (target <= 80 ms)")


if __name__ == "__main__":
    main()
