"""What the tests' extra dockerds share (tlsd.py: the TLS endpoint; swarmd.py: the swarm; swarm_private.py:
private swarm daemons in network namespaces): a ping on the unix socket, the log's tail for error messages, a
bridge interface of the daemon's own, and the check for the tools they need."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path


def ping(sock: str) -> bool:
    """The daemon on unix socket `sock` answers /_ping."""
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(2)
    try:
        s.connect(sock)
        s.sendall(b"GET /_ping HTTP/1.0\r\nHost: x\r\n\r\n")
        return s.recv(64).startswith(b"HTTP/1.0 200")
    except OSError:
        return False
    finally:
        s.close()


def log_tail(log: Path, lines: int = 8) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def make_bridge(name: str, subnet: str) -> None:
    """A bridge interface for a second dockerd (`--bridge NAME`). Never `--bridge none`: a dockerd started with
    it deletes the host's docker0 (moby's removeDefaultBridgeInterface), the main daemon's bridge, and every
    test after that fails to start a container ("could not find bridge docker0")."""
    subprocess.run(["ip", "link", "del", name], capture_output=True)
    for cmd in (["ip", "link", "add", name, "type", "bridge"], ["ip", "addr", "add", subnet, "dev", name],
                ["ip", "link", "set", name, "up"]):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")


def prerequisites(*tools: str) -> str | None:
    """What is missing to run a second dockerd (with `tools` on PATH), or None."""
    for tool in tools:
        if shutil.which(tool) is None:
            return f"{tool} not found on PATH"
    if os.geteuid() != 0:
        return "a second dockerd needs root"
    return None
