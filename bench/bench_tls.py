"""pydock vs docker over mutual TLS: `ps` and `images` against a tcp:// engine with --tlsverify, beside the
same commands on the local unix socket (what TLS adds to each).

Self-contained: it makes a CA and certificates with openssl and starts a second dockerd serving TLS on a
127.0.0.1 port, on its own data root and socket (tests/engine/tlsd.py), and stops it at the end. Needs
root, dockerd and openssl, as the TLS tests do.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_tls.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import DOCKER, PYDOCK, alone, side_by_side  # noqa: E402

from tests.engine.tlsd import TLSDaemon, make_pki, prerequisites  # noqa: E402

IMAGE = "pydock-test/busybox:latest"


def cpu_ms(cmd: list[str], runs: int) -> float:
    """Median user+sys CPU of one run: on a loaded machine the wall clock mostly measures the wait for a
    core, the CPU time what the program itself costs."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times) * 1000


def handshake_ms(pki, host: str, runs: int) -> float:
    """In-process: building our SSL context and one verified /_ping over a fresh TLS connection."""
    from pydock.config import Endpoint
    from pydock.engine.client import Engine

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        engine = Engine(Endpoint(host=host, tls=True, tls_verify=True, ca_cert=pki.ca, cert=pki.client, key=pki.client_key))
        engine.ping()
        engine.close()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    problem = prerequisites()
    if problem:
        sys.exit(f"bench_tls: {problem}")
    with tempfile.TemporaryDirectory(prefix="pdbench-tls-") as tmp:
        pki = make_pki(Path(tmp) / "pki")
        daemon = TLSDaemon(Path(tmp) / "d", pki)
        daemon.start()
        try:
            daemon.load_image(IMAGE)
            for _ in range(5):
                daemon.docker("create", "--network", "none", IMAGE, "true")
            tls = ["--tlsverify", "--tlscacert", pki.ca, "--tlscert", pki.client, "--tlskey", pki.client_key,
                   "-H", daemon.host]
            unix = ["-H", f"unix://{daemon.sock}"]
            print(f"second dockerd at {daemon.host} (mutual TLS); medians of {args.runs} alternating runs\n")
            ours, theirs = side_by_side("ps -a over TLS", PYDOCK + tls + ["ps", "-a"], DOCKER + tls + ["ps", "-a"], args.runs)
            side_by_side("images over TLS", PYDOCK + tls + ["images"], DOCKER + tls + ["images"], args.runs)
            side_by_side("ps -a on its unix socket", PYDOCK + unix + ["ps", "-a"], DOCKER + unix + ["ps", "-a"], args.runs)
            alone("python -c pass (floor)", [sys.executable, "-c", "pass"], args.runs)
            print(f"{'context + handshake + /_ping':<34} {handshake_ms(pki, daemon.host, args.runs):7.1f} ms (in process)")
            a, b = cpu_ms(PYDOCK + tls + ["ps", "-a"], args.runs), cpu_ms(DOCKER + tls + ["ps", "-a"], args.runs)
            print(f"{'ps -a over TLS, CPU (user+sys)':<34} pydock {a:7.1f} ms   docker {b:7.1f} ms   ratio {a / b:5.2f}x")
            print(f"\nps over TLS: {ours / theirs:.2f}x docker by the wall clock (target <= 8x); "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        finally:
            daemon.stop()


if __name__ == "__main__":
    main()
