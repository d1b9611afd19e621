"""pydock vs docker over ssh://: `ps` (and `version`) through the same sshd, keys and ssh client.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_ssh.py [--runs N]

Starts an sshd of its own on a free 127.0.0.1 port (tests/engine/sshd.py: host key, client key,
known_hosts, an `ssh` wrapper first on PATH), runs each command alternately through both programs, and
prints medians and the ratio (target: pydock <= 2x docker; the ssh handshake dominates both). The far
end is the real docker CLI (`docker system dial-stdio`); with --far-pydock it is pydock's. A bare
`ssh ... true` to the same server is the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import DOCKER, PYDOCK, alone, side_by_side  # noqa: E402

from tests.engine.sshd import Sshd, sshd_problem  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--far-pydock", action="store_true", help="pydock's dial-stdio on the far end")
    args = parser.parse_args()
    problem = sshd_problem()
    if problem:
        sys.exit(f"bench_ssh: {problem}")
    base = Path(tempfile.mkdtemp(prefix="pydock-bench-sshd-"))
    server = Sshd(base).start()
    try:
        profile = "far" if args.far_pydock else "default"
        for key, value in server.env(profile).items():  # the children inherit the clients' setup
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        host = ["-H", server.url]
        print(f"sshd on 127.0.0.1:{server.port}; far end: {'pydock' if args.far_pydock else 'docker'} "
              f"system dial-stdio; medians of {args.runs} alternating runs\n")
        ok = subprocess.run(PYDOCK + host + ["ps"], capture_output=True, text=True)
        if ok.returncode != 0:
            sys.exit(f"bench_ssh: pydock ps over ssh failed: {ok.stderr.strip()}")
        side_by_side("ps over ssh://", PYDOCK + host + ["ps"], DOCKER + host + ["ps"], args.runs)
        side_by_side("version over ssh://", PYDOCK + host + ["version"], DOCKER + host + ["version"], args.runs)
        side_by_side("ps on the local socket", PYDOCK + ["-H", "unix:///var/run/docker.sock", "ps"],
                     DOCKER + ["-H", "unix:///var/run/docker.sock", "ps"], args.runs)
        ssh = [str(server.client_bin / "ssh"), "-T", "-p", str(server.port), "-l", server.user, "127.0.0.1", "true"]
        alone("ssh ... true (the handshake)", ssh, args.runs)
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
