"""A Podman service of the test session's own: `podman system service` on a socket in a temporary
directory, with its own storage, run state, CNI network configuration, registries.conf and events log,
so nothing it does reaches the main dockerd or the machine's Podman defaults.

In this sandbox (a VM where root may not raise some rlimits) a container only starts when the run sets
`--ulimit nofile=N:N --ulimit nproc=N:N`: `ULIMITS` is what the tests pass, to docker and pydock alike.

`start()` returns a `Podman` (its socket's `host`) or raises `Unavailable` with the reason; `stop()`
removes every container (conmon keeps them running without the service), kills the service and removes
its directories.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import _env

ULIMITS = ("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024")
REGISTRY = "127.0.0.1:5000"
START_TIMEOUT = 20.0


class Unavailable(Exception):
    """Podman cannot serve here; the message says why."""


@dataclass
class Podman:
    base: Path
    process: subprocess.Popen
    env: dict = field(default_factory=dict)

    @property
    def socket(self) -> Path:
        return self.base / "podman.sock"

    @property
    def host(self) -> str:
        return f"unix://{self.socket}"

    def cli(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        """The podman command on this service's storage (for set-up and clean-up, never as the oracle)."""
        return subprocess.run(["podman", *_global_flags(self.base), *args], capture_output=True, text=True,
                              env=self.env, timeout=timeout)

    def log(self) -> str:
        try:
            return (self.base / "service.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""


def _global_flags(base: Path) -> list[str]:
    return ["--root", str(base / "root"), "--runroot", str(base / "run"), "--tmpdir", str(base / "tmp"),
            "--storage-driver", "overlay", "--cgroup-manager", "cgroupfs", "--events-backend", "file"]


def _write_config(base: Path) -> dict:
    (base / "cni").mkdir()
    (base / "containers.conf").write_text(
        "[engine]\n"
        f'events_logfile_path = "{base / "events.log"}"\n'
        "[network]\n"
        f'network_config_dir = "{base / "cni"}"\n')
    (base / "registries.conf").write_text(
        "unqualified-search-registries = []\n"
        f'[[registry]]\nlocation = "{REGISTRY}"\ninsecure = true\n'
        '[[registry]]\nlocation = "127.0.0.1:5001"\ninsecure = true\n')
    (base / "storage.conf").write_text(
        f'[storage]\ndriver = "overlay"\ngraphroot = "{base / "root"}"\nrunroot = "{base / "run"}"\n')
    env = _env(None)
    env.update(CONTAINERS_CONF=str(base / "containers.conf"), CONTAINERS_REGISTRIES_CONF=str(base / "registries.conf"),
               CONTAINERS_STORAGE_CONF=str(base / "storage.conf"))
    return env


def _answers(path: Path) -> bool:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect(str(path))
        s.sendall(b"GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n")
        return s.recv(64).startswith(b"HTTP/1.")
    except OSError:
        return False
    finally:
        s.close()


def start(image: str) -> Podman:
    """The service, answering, with `image` (from the main engine) loaded into it."""
    if shutil.which("podman") is None:
        raise Unavailable("podman is not installed (scripts/engine-up installs it from Debian's packages)")
    base = Path(tempfile.mkdtemp(prefix="pydock-podman-"))
    for sub in ("root", "run", "tmp"):
        (base / sub).mkdir()
    env = _write_config(base)
    log = open(base / "service.log", "wb")
    try:
        process = subprocess.Popen(["podman", *_global_flags(base), "system", "service", "--time=0",
                                    f"unix://{base / 'podman.sock'}"], stdout=log, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True)
    finally:
        log.close()
    podman = Podman(base, process, env)
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(podman.socket):
        if process.poll() is not None or time.monotonic() > deadline:
            reason = (f"exited with status {process.returncode}" if process.poll() is not None
                      else f"not answering after {START_TIMEOUT:.0f}s")
            detail = podman.log()
            stop(podman)
            raise Unavailable(f"podman system service {reason}: {detail.strip()[-600:]}")
        time.sleep(0.05)
    saved = subprocess.run(f"docker save {image} | docker -H {podman.host} load", shell=True, capture_output=True,
                           text=True, env=_env(None), timeout=120)
    if saved.returncode != 0:
        stop(podman)
        raise Unavailable(f"loading {image} into Podman failed: {saved.stderr.strip()}")
    return podman


def _kill_left_over(base: Path) -> None:
    """conmon processes of exec sessions outlive their container's removal: the ones naming our
    directories are ours."""
    mark = str(base).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if mark in cmdline:
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def stop(podman: Podman) -> None:
    if podman.process.poll() is None:
        try:
            podman.cli("rm", "-a", "-f", "-t", "0", "-v", timeout=60)
        except subprocess.TimeoutExpired:
            pass
        os.killpg(podman.process.pid, signal.SIGTERM)
        try:
            podman.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(podman.process.pid, signal.SIGKILL)
            podman.process.wait(10)
    _kill_left_over(podman.base)
    try:  # unmounts the overlay layers, then the directories can go
        podman.cli("system", "reset", "--force", timeout=60)
    except subprocess.TimeoutExpired:
        pass
    subprocess.run(["umount", "-R", "-l", str(podman.base)], capture_output=True)
    shutil.rmtree(podman.base, ignore_errors=True)

