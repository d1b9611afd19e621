"""A Swarm-mode engine of the tests' own: a third dockerd, initialised as a one-node swarm.

Why not `swarm init` on the main daemon (/var/run/docker.sock): every other engine test shares it, a swarm
manager changes what `info`, `network ls` and `ps` answer there, and `swarm leave -f` at the end of a run
that died half-way would be left to chance. This daemon runs on its own --data-root, --exec-root, --pidfile
and unix socket, with a bridge interface of its own and `--iptables=false` (never `--bridge none`: that
deletes the host's docker0, see tlsd.py), and local networks from an address pool of its own, so its
`docker_gwbridge` and the networks stacks create never overlap the main daemon's 172.x networks. It starts
in about two seconds, `swarm init --advertise-addr 127.0.0.1` makes it a manager, and the session stops it.

One daemon serves the whole machine: a swarm's gateway bridge is always named `docker_gwbridge` in the host's
namespace, so two swarm daemons cannot run at once, and the suite's xdist workers (and a second test run)
share this one. `shared()` starts it on first use under a lock (/tmp/pydock-swarm.lock) and records each
user's pid; the last user to leave stops it, and a user that died is dropped by the next one to come.

Every swarm test module uses the `swarm` fixture below. `swarm.docker(...)` runs the docker CLI against it
(the oracle); `swarm.env` is the environment for pydock and docker alike (DOCKER_HOST set to its socket).
Objects a test creates carry the session label where the command takes one, and are removed by the test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from tests.engine.daemonkit import log_tail, make_bridge, ping
from tests.engine.daemonkit import prerequisites as daemon_prerequisites

# a /16 of our own for the daemon's local networks (docker_gwbridge, stacks' bridge networks) and another
# for overlay networks (ingress and stacks' default networks): nothing else on this machine uses them
LOCAL_POOL = "10.215.0.0/16"
OVERLAY_POOL = "10.216.0.0/16"
ROOT = Path("/tmp/pydock-swarm")  # short: the daemon's sockets under exec-root must fit in sun_path
LOCK = Path("/tmp/pydock-swarm.lock")


class SwarmDaemon:
    """A dockerd on its own unix socket, a single-node swarm manager once `start()` returns."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.sock = str(self.root / "docker.sock")
        self.host = f"unix://{self.sock}"
        self.proc: subprocess.Popen | None = None
        self.log = self.root / "dockerd.log"
        self.bridge = "pdswarm0"

    @property
    def env(self) -> dict[str, str]:
        """The environment for a client of this daemon (docker's and pydock's alike)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
        env["DOCKER_HOST"] = self.host
        return env

    def start(self, timeout: float = 60) -> None:
        for sub in ("data", "exec"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self._make_bridge()
        cmd = ["dockerd", "-H", self.host,
               "--data-root", str(self.root / "data"), "--exec-root", str(self.root / "exec"),
               "--pidfile", str(self.root / "docker.pid"), "--bridge", self.bridge, "--iptables=false",
               "--ip6tables=false", "--ip-masq=false",  # the userland proxy serves host-mode published ports
               "--default-address-pool", f"base={LOCAL_POOL},size=24"]
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self._ping():
            if self.proc.poll() is not None:
                raise RuntimeError(f"dockerd for swarm exited {self.proc.returncode}: {self._tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"dockerd for swarm did not answer in {timeout}s: {self._tail()}")
            time.sleep(0.1)
        r = self.docker("swarm", "init", "--advertise-addr", "127.0.0.1", "--default-addr-pool", OVERLAY_POOL)
        if r.returncode != 0:
            raise RuntimeError(f"swarm init: {r.stderr.decode(errors='replace').strip()}")

    def _make_bridge(self) -> None:
        make_bridge(self.bridge, "10.214.0.1/24")

    def _tail(self) -> str:
        return log_tail(self.log)

    def _ping(self) -> bool:
        return ping(self.sock)

    def docker(self, *args: str, input: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        """The docker CLI on this daemon (the oracle, and setup)."""
        return subprocess.run(["docker", *args], input=input, capture_output=True, env=self.env, timeout=timeout)

    def load_image(self, image: str) -> None:
        save = subprocess.Popen(["docker", "save", image], stdout=subprocess.PIPE)
        r = subprocess.run(["docker", "load"], stdin=save.stdout, capture_output=True, env=self.env, timeout=120)
        save.stdout.close()
        save.wait()
        if r.returncode != 0 or save.returncode != 0:
            raise RuntimeError(f"loading {image} into the swarm daemon: {r.stderr.decode().strip()}")

    def _pid(self) -> int | None:
        if self.proc is not None:
            return self.proc.pid
        try:  # started by another process (another xdist worker, another test run)
            return int((self.root / "docker.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def _alive(self, pid: int) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] != "Z"

    def stop(self) -> None:
        """Stop the daemon (whoever started it), then remove its tree and its interfaces."""
        pid = self._pid()
        try:
            if pid is not None and self._alive(pid):
                self.docker("swarm", "leave", "--force", timeout=30)
                os.killpg(pid, signal.SIGTERM)
                deadline = time.monotonic() + 20
                while self._alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if self._alive(pid):
                    os.killpg(pid, signal.SIGKILL)
                if self.proc is not None:
                    self.proc.wait()
            self.proc = None
            subprocess.run(["sh", "-c", f"grep -o ' {self.root}/[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l"],
                           capture_output=True)
            shutil.rmtree(self.root, ignore_errors=True)
        finally:
            # the swarm's gateway bridge is the daemon's, created in the host's namespace; it outlives dockerd
            for link in (self.bridge, "docker_gwbridge"):
                subprocess.run(["ip", "link", "del", link], capture_output=True)


def prerequisites() -> str | None:
    """What is missing to run the swarm daemon, or None."""
    return daemon_prerequisites("dockerd", "docker", "ip")


# -- sharing the daemon, and the pytest fixture ------------------------------------------------------------
import pytest  # noqa: E402


@contextmanager
def _locked():
    import fcntl

    with open(LOCK, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _users() -> set[int]:
    """The pids using the daemon, without those that are gone."""
    try:
        pids = {int(p) for p in (ROOT / "users").read_text().split()}
    except (OSError, ValueError):
        return set()
    alive = set()
    for pid in pids:
        try:
            os.kill(pid, 0)
            alive.add(pid)
        except ProcessLookupError:
            pass
        except PermissionError:
            alive.add(pid)
    return alive


def _write_users(pids: set[int]) -> None:
    (ROOT / "users").write_text("".join(f"{p}\n" for p in sorted(pids)))


def shared(image: str) -> SwarmDaemon:
    """The machine's swarm daemon, started (with `image` loaded) if nobody runs it; this process is a user."""
    daemon = SwarmDaemon(ROOT)
    with _locked():
        users = _users()
        if not daemon._ping() or daemon.docker("info", "--format", "{{.Swarm.LocalNodeState}}").stdout.strip() != b"active":
            daemon.stop()  # whatever an earlier user left
            try:
                daemon.start()
                daemon.load_image(image)
            except BaseException:
                daemon.stop()
                raise
            users = set()
        ROOT.mkdir(parents=True, exist_ok=True)
        _write_users(users | {os.getpid()})
    return daemon


def release(daemon: SwarmDaemon) -> None:
    """This process stops using the daemon; the last user stops it."""
    with _locked():
        users = _users() - {os.getpid()}
        if users:
            _write_users(users)
            return
        daemon.stop()


@pytest.fixture(scope="session")
def swarm():
    """The swarm-mode daemon with the test image loaded. Under CI a daemon that cannot start fails the run."""
    from tests.engine.conftest import TEST_IMAGE

    problem = prerequisites()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the swarm daemon cannot start under CI: {problem}")
        pytest.skip(f"no swarm daemon: {problem}")
    try:
        daemon = shared(TEST_IMAGE)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the swarm daemon cannot start under CI: {e}")
        pytest.skip(f"no swarm daemon: {e}")
    yield daemon
    release(daemon)
