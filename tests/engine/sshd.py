"""An sshd of the test's own, on a free 127.0.0.1 port, for the ssh:// endpoint tests (issue 13).

Everything lives in one temporary directory: the host key, sshd_config, the pid file, sshd's log, and a
HOME for the clients (docker and pydock alike: docker's config dir and pydock's caches follow it) whose
.ssh holds the client key, a known_hosts naming the server's host key, and a config that makes ssh use
them and nothing else (no agent, no password prompt). OpenSSH reads `~/.ssh` from the password database,
not from $HOME, so the clients' PATH starts with a directory whose `ssh` is the system ssh with `-F` that
config: both clients look `ssh` up on PATH, and run it with exactly the same setup.

The far end's PATH is chosen per client key with authorized_keys' `environment=` (which
`PermitUserEnvironment yes` allows): see `Sshd` for the profiles.

Also usable by hand: `python -m tests.engine.sshd` starts one and prints how to reach it.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
ROOT = Path(__file__).resolve().parent.parent.parent


def sshd_problem() -> str | None:
    """Why no sshd of our own can run here, or None."""
    for tool in (SSHD, shutil.which("ssh-keygen"), shutil.which("ssh")):
        if not tool or not os.access(tool, os.X_OK):
            return "openssh-server/openssh-client not installed (scripts/engine-up installs them)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _keygen(path: Path, comment: str) -> str:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
                   check=True, capture_output=True)
    return Path(str(path) + ".pub").read_text().strip()


PROFILES = ("default", "far", "nodocker", "unknown_host", "refused")


class Sshd:
    """The server, and client set-ups ("profiles") that reach it in different ways: `default` (the real
    docker CLI on the far end), `far` (pydock as the far end's `docker`), `nodocker` (a far end whose
    PATH has no docker), `unknown_host` (an empty known_hosts, strict checking), `refused` (a key the
    server does not accept). The clients' `ssh` wrapper reads the profile's config from the environment."""

    def __init__(self, base: Path):
        self.base = base
        self.home = base / "home"
        self.ssh_dir = self.home / ".ssh"
        self.user = getpass.getuser()
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log = base / "sshd.log"
        self.shim_dir = base / "far-bin"  # the far end's `docker` that is pydock
        self.far_log = base / "far-end.log"  # one line per far-end pydock started
        self.client_bin = base / "client-bin"  # `ssh` with our config, first on the clients' PATH

    @property
    def url(self) -> str:
        return f"ssh://{self.user}@127.0.0.1:{self.port}"

    def config_file(self, profile: str = "default") -> Path:
        return self.ssh_dir / f"config-{profile}"

    def env(self, profile: str = "default") -> dict[str, str]:
        """The clients' environment: the temporary HOME (docker's config dir and pydock's caches follow
        it), `ssh` with the profile's config first on PATH, no agent."""
        return {"HOME": str(self.home), "PATH": f"{self.client_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                "PYDOCK_TEST_SSH_CONFIG": str(self.config_file(profile)),
                "SSH_AUTH_SOCK": None, "DOCKER_CONFIG": None, "DOCKER_SSH_OPTS": None}  # type: ignore[dict-item]

    def start(self) -> "Sshd":
        self.base.mkdir(parents=True, exist_ok=True)
        self.ssh_dir.mkdir(parents=True, mode=0o700)
        host_pub = _keygen(self.base / "host_ed25519", "pydock-test-host")
        keys = {name: self.ssh_dir / f"id_{name}" for name in ("default", "far", "nodocker", "refused")}
        pubs = {name: _keygen(path, f"pydock-test-{name}") for name, path in keys.items()}
        self._write_shim()
        self._write_ssh_wrapper()
        system_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        empty = self.base / "empty-bin"
        empty.mkdir(exist_ok=True)
        authorized = self.base / "authorized_keys"
        authorized.write_text(f"{pubs['default']}\n"
                              f"environment=\"PATH={self.shim_dir}:{system_path}\" {pubs['far']}\n"
                              f"environment=\"PATH={empty}\" {pubs['nodocker']}\n")
        authorized.chmod(0o600)
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation directory
        self.port = _free_port()
        config = self.base / "sshd_config"
        config.write_text("\n".join([
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {self.base / 'host_ed25519'}",
            f"PidFile {self.base / 'sshd.pid'}",
            f"AuthorizedKeysFile {authorized}",
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PermitUserEnvironment yes",
            "AllowTcpForwarding no",
            "X11Forwarding no",
            "PrintMotd no",
            "LogLevel VERBOSE",
            "MaxStartups 100:30:200",
            "",
        ]))
        known = self.ssh_dir / "known_hosts"
        known.write_text(f"[127.0.0.1]:{self.port} {host_pub}\n")
        (self.ssh_dir / "known_hosts_empty").write_text("")
        for profile in PROFILES:
            key = keys.get(profile, keys["default"])
            hosts = self.ssh_dir / "known_hosts_empty" if profile == "unknown_host" else known
            self.config_file(profile).write_text("\n".join([
                "Host *",
                f"  IdentityFile {key}",
                "  IdentitiesOnly yes",
                f"  UserKnownHostsFile {hosts}",
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  BatchMode yes",
                "",
            ]))
        for p in self.ssh_dir.iterdir():
            p.chmod(0o600)
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sshd exited with status {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"sshd did not listen on 127.0.0.1:{self.port}: {self.log.read_text()[-2000:]}")

    def _write_ssh_wrapper(self) -> None:
        self.client_bin.mkdir(parents=True, exist_ok=True)
        wrapper = self.client_bin / "ssh"
        default = self.config_file("default")
        wrapper.write_text(f"#!/bin/sh\nexec {shutil.which('ssh')} -F \"${{PYDOCK_TEST_SSH_CONFIG:-{default}}}\" \"$@\"\n")
        wrapper.chmod(0o755)

    def _write_shim(self) -> None:
        """`docker` on the far-end PATH of the `far` key's sessions: pydock, from this checkout and
        interpreter; it notes each start in far_log."""
        self.shim_dir.mkdir(parents=True, exist_ok=True)
        shim = self.shim_dir / "docker"
        shim.write_text(f"#!/bin/sh\necho \"$*\" >> {self.far_log}\n"
                        f"PYTHONPATH={ROOT} exec {sys.executable} -m pydock \"$@\"\n")
        shim.chmod(0o755)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def sessions(self) -> list[int]:
        """The pids of this sshd's session processes (its children)."""
        return _children(self.proc.pid) if self.proc is not None else []

    def kill_sessions(self) -> int:
        """Kill every session process of this sshd, as a dropped connection would; the listener stays.
        How many were killed."""
        killed = 0
        for child in self.sessions():
            try:
                os.kill(child, 9)
                killed += 1
            except ProcessLookupError:
                pass
        return killed


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            out.append(int(entry))
    return out


if __name__ == "__main__":
    import tempfile

    d = Sshd(Path(tempfile.mkdtemp(prefix="pydock-sshd-"))).start()
    print(f"HOME={d.home} PATH={d.client_bin}:$PATH PYDOCK_TEST_SSH_CONFIG={d.config_file()} docker -H {d.url} ps    (sshd pid {d.proc.pid}, log {d.log})")
    try:
        d.proc.wait()
    except KeyboardInterrupt:
        d.stop()
