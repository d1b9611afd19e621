"""Private swarm daemons for the tests that change a swarm (`swarm init|join|leave|update|unlock`).

The shared swarm daemon (swarmd.py) must never be re-initialised, locked or left: other test runs use it.
These daemons are this module's alone. Each runs in a network namespace of its own (`ip netns add`,
`ip netns exec NS dockerd ...`), so its docker0, its docker_gwbridge and its ingress network live in that
namespace and cannot meet the host's or the shared swarm daemon's; it has its own --data-root, --exec-root,
--pidfile and unix socket (a unix socket on the filesystem is reachable from the host's namespace, so the
clients run on the host as usual). Two namespaces are joined by a veth pair (10.217.0.1 and .2), so one
daemon can join the other's swarm.

`pair()` starts both and yields them; at the end each daemon is stopped (SIGTERM, then SIGKILL), whatever
it mounted is unmounted, its tree removed, and the namespaces deleted (which deletes the veth pair).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from tests.engine.daemonkit import log_tail, ping
from tests.engine.daemonkit import prerequisites as daemon_prerequisites

SUBNET = "10.217.0"  # the veth pair's /24; nothing else on this machine uses it


def _run(*cmd: str) -> None:
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")


class PrivateDaemon:
    """A dockerd in network namespace `netns`, on the unix socket `<root>/docker.sock`."""

    def __init__(self, root: Path, netns: str, addr: str):
        self.root, self.netns, self.addr = Path(root), netns, addr
        self.sock = str(self.root / "docker.sock")
        self.host = f"unix://{self.sock}"
        self.log = self.root / "dockerd.log"
        self.proc: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
        env["DOCKER_HOST"] = self.host
        return env

    def docker(self, *args: str, input: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(["docker", *args], input=input, capture_output=True, env=self.env, timeout=timeout)

    def start(self, timeout: float = 60) -> None:
        for sub in ("data", "exec"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        cmd = ["nsenter", f"--net=/run/netns/{self.netns}", "dockerd", "-H", self.host,
               "--data-root", str(self.root / "data"), "--exec-root", str(self.root / "exec"),
               "--pidfile", str(self.root / "docker.pid"), "--iptables=false", "--ip6tables=false",
               "--ip-masq=false", "--userland-proxy=false"]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self._ping():
            if self.proc.poll() is not None:
                raise RuntimeError(f"private dockerd exited {self.proc.returncode}: {self._tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"private dockerd did not answer in {timeout}s: {self._tail()}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _tail(self) -> str:
        return log_tail(self.log)

    def _ping(self) -> bool:
        return ping(self.sock)


def prerequisites() -> str | None:
    return daemon_prerequisites("dockerd", "docker", "ip", "nsenter")


def _cleanup(root: Path, namespaces: list[str]) -> None:
    subprocess.run(["sh", "-c", f"grep -o ' {root}/[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l"],
                   capture_output=True)
    shutil.rmtree(root, ignore_errors=True)
    for ns in namespaces:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


@contextmanager
def pair():
    """Two private daemons, A (10.217.0.1) and B (10.217.0.2), in namespaces joined by a veth pair."""
    tag = uuid.uuid4().hex[:6]
    root = Path(f"/tmp/pdsw-{tag}")  # short: the daemons' sockets under exec-root must fit in sun_path
    namespaces = [f"pdsw-{tag}-a", f"pdsw-{tag}-b"]
    veth = (f"pdsw{tag}a", f"pdsw{tag}b")
    daemons: list[PrivateDaemon] = []
    try:
        for ns in namespaces:
            _run("ip", "netns", "add", ns)
            _run("ip", "-n", ns, "link", "set", "lo", "up")
        _run("ip", "link", "add", veth[0], "netns", namespaces[0], "type", "veth", "peer", "name", veth[1],
             "netns", namespaces[1])
        for i, (ns, dev) in enumerate(zip(namespaces, veth)):
            _run("ip", "-n", ns, "addr", "add", f"{SUBNET}.{i + 1}/24", "dev", dev)
            _run("ip", "-n", ns, "link", "set", dev, "up")
        for i, ns in enumerate(namespaces):
            daemons.append(PrivateDaemon(root / "ab"[i], ns, f"{SUBNET}.{i + 1}"))
        for d in daemons:
            d.start()
        yield daemons
    finally:
        for d in daemons:
            try:
                d.stop()
            except Exception:  # noqa: BLE001 - the rest of the cleanup must run
                pass
        _cleanup(root, namespaces)
