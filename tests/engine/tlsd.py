"""A real TLS endpoint for the remote-engine tests: certificates made with `openssl`, and a second dockerd.

Why a second dockerd (and not stunnel in front of /var/run/docker.sock): the TLS handshake errors a client
sees are the ones docker's own daemon sends (Go's crypto/tls: `bad certificate`, `certificate required`,
`expired certificate` alerts), so the comparison with the docker CLI is with the real thing. It runs on its
own --data-root, --exec-root, --pidfile and unix socket, with a bridge interface of its own and
`--iptables=false`, so it never meets the main daemon on /var/run/docker.sock (never `--bridge none`: that
deletes the host's docker0); it starts in about a second, and the session stops it.

The plain (non-TLS) tcp port for "TLS client to a plain port" is a small forwarder to the second daemon's
unix socket: dockerd 20.10 listening on plain tcp sleeps 15 s before serving, and refuses to mix TLS and
plain tcp listeners.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.engine.daemonkit import log_tail, make_bridge, ping
from tests.engine.daemonkit import prerequisites as daemon_prerequisites

OPENSSL_CNF = """\
[ca]
default_ca = ca_default
[ca_default]
dir = {dir}
database = {dir}/index.txt
new_certs_dir = {dir}/newcerts
serial = {dir}/serial
default_md = sha256
policy = policy_any
copy_extensions = copy
unique_subject = no
[policy_any]
commonName = supplied
[server_ext]
subjectAltName = IP:127.0.0.1,DNS:localhost
extendedKeyUsage = serverAuth
[client_ext]
extendedKeyUsage = clientAuth
"""


def _openssl(*args: str, cwd: Path) -> None:
    r = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)}: {r.stderr.strip()}")


@dataclass
class PKI:
    """Paths of the generated material (all PEM)."""

    dir: Path
    files: dict[str, Path] = field(default_factory=dict)

    def __getattr__(self, name: str) -> str:
        files = self.__dict__.get("files", {})
        if name in files:
            return str(files[name])
        raise AttributeError(name)


def make_pki(directory: Path) -> PKI:
    """A CA with server and client certificates, an expired client and an expired server certificate (made
    with `openssl ca -startdate/-enddate`, which OpenSSL 3.0 has and `x509 -req` has not), a second CA
    with a client certificate of its own (signed nothing the server trusts), and a key of nobody's."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    (d / "newcerts").mkdir(exist_ok=True)
    (d / "index.txt").write_text("")
    (d / "serial").write_text("1000\n")
    (d / "openssl.cnf").write_text(OPENSSL_CNF.format(dir=d))
    pki = PKI(d)

    def key(name: str) -> None:
        _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", f"{name}-key.pem", cwd=d)
        pki.files[f"{name}_key"] = d / f"{name}-key.pem"

    def ca(name: str, cn: str) -> None:
        key(name)
        _openssl("req", "-x509", "-new", "-key", f"{name}-key.pem", "-subj", f"/CN={cn}", "-days", "3650",
                 "-sha256", "-out", f"{name}.pem", cwd=d)
        pki.files[name] = d / f"{name}.pem"

    def leaf(name: str, cn: str, ext: str, ca_name: str = "ca", start: str = "", end: str = "") -> None:
        key(name)
        _openssl("req", "-new", "-key", f"{name}-key.pem", "-subj", f"/CN={cn}", "-out", f"{name}.csr", cwd=d)
        dates = ["-startdate", start, "-enddate", end] if start else ["-days", "3650"]
        _openssl("ca", "-batch", "-config", "openssl.cnf", "-notext", "-extensions", ext,
                 "-cert", f"{ca_name}.pem", "-keyfile", f"{ca_name}-key.pem", "-in", f"{name}.csr",
                 "-out", f"{name}.pem", *dates, cwd=d)
        pki.files[name] = d / f"{name}.pem"

    ca("ca", "pydock test CA")
    ca("otherca", "pydock other CA")
    leaf("server", "localhost", "server_ext")
    leaf("client", "client", "client_ext")
    leaf("expired_client", "expired client", "client_ext", start="20200101000000Z", end="20200201000000Z")
    leaf("expired_server", "localhost", "server_ext", start="20200101000000Z", end="20200201000000Z")
    leaf("other_client", "other client", "client_ext", ca_name="otherca")
    key("stray")
    return pki


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class UnixForwarder:
    """A plain tcp listener on 127.0.0.1 whose connections are piped to a unix socket."""

    def __init__(self, unix_path: str):
        self.unix_path = unix_path
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            try:
                upstream.connect(self.unix_path)
            except OSError:
                conn.close()
                continue
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.closed = True
        self.server.close()


class TLSDaemon:
    """A second dockerd serving mutual TLS on 127.0.0.1:port, and its own unix socket."""

    def __init__(self, root: Path, pki: PKI, server_cert: str | None = None, server_key: str | None = None):
        self.root = Path(root)
        self.pki = pki
        self.port = free_port()
        self.host = f"tcp://127.0.0.1:{self.port}"
        self.sock = str(self.root / "docker.sock")
        self.server_cert = server_cert or pki.server
        self.server_key = server_key or pki.server_key
        self.proc: subprocess.Popen | None = None
        self.log = self.root / "dockerd.log"

    def start(self, timeout: float = 30) -> None:
        for sub in ("data", "exec"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self._make_bridge()
        cmd = ["dockerd", "-H", self.host, "-H", f"unix://{self.sock}",
               "--tlsverify", "--tlscacert", self.pki.ca, "--tlscert", self.server_cert, "--tlskey", self.server_key,
               "--data-root", str(self.root / "data"), "--exec-root", str(self.root / "exec"),
               "--pidfile", str(self.root / "docker.pid"), "--bridge", self.bridge, "--iptables=false",
               "--ip6tables=false", "--ip-masq=false", "--userland-proxy=false"]
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dockerd for TLS exited {self.proc.returncode}: {self._tail()}")
            if self._ping():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"dockerd for TLS did not answer in {timeout}s: {self._tail()}")

    @property
    def bridge(self) -> str:
        return f"pdtls{self.port % 100000}"

    def _make_bridge(self) -> None:
        make_bridge(self.bridge, f"10.213.{self.port % 250 + 1}.1/24")

    def _tail(self) -> str:
        return log_tail(self.log)

    def _ping(self) -> bool:
        return ping(self.sock)

    def docker(self, *args: str, input: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        """The docker CLI on this daemon's unix socket (setup only)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
        return subprocess.run(["docker", "-H", f"unix://{self.sock}", *args], input=input, capture_output=True,
                              env=env, timeout=timeout)

    def load_image(self, image: str) -> None:
        save = subprocess.Popen(["docker", "save", image], stdout=subprocess.PIPE)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
        r = subprocess.run(["docker", "-H", f"unix://{self.sock}", "load"], stdin=save.stdout, capture_output=True,
                           env=env, timeout=120)
        save.stdout.close()
        save.wait()
        if r.returncode != 0 or save.returncode != 0:
            raise RuntimeError(f"loading {image} into the TLS daemon: {r.stderr.decode().strip()}")

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            self._stop_daemon()
        finally:
            subprocess.run(["ip", "link", "del", self.bridge], capture_output=True)

    def _stop_daemon(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None
        # the daemon's overlay mounts live under data/: unmount what it left before removing the tree
        subprocess.run(["sh", "-c", f"grep -o ' {self.root}/[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l"],
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def prerequisites() -> str | None:
    """What is missing to run the TLS endpoint, or None."""
    return daemon_prerequisites("openssl", "dockerd", "docker", "ip")


# -- pytest fixtures (imported by the test modules that use the endpoint) --------------------------------
import pytest  # noqa: E402


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"the TLS endpoint cannot start under CI: {reason}")
    pytest.skip(f"no TLS endpoint: {reason}")


@pytest.fixture(scope="session")
def tls_pki(tmp_path_factory) -> PKI:
    problem = prerequisites()
    if problem:
        _unavailable(problem)
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def tls_daemon(tls_pki, tmp_path_factory):
    """The second dockerd (mutual TLS), with the test image, and a plain tcp port to the same daemon."""
    from tests.engine.conftest import TEST_IMAGE

    # a short root: the daemon's sockets under exec-root must fit in sun_path (108 bytes)
    import tempfile

    daemon = TLSDaemon(Path(tempfile.mkdtemp(prefix="pdtls-")), tls_pki)
    try:
        daemon.start()
        daemon.load_image(TEST_IMAGE)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        daemon.stop()
        _unavailable(str(e))
    daemon.plain = UnixForwarder(daemon.sock)
    yield daemon
    daemon.plain.close()
    daemon.stop()


class ExpiredServer:
    """A TLS server on 127.0.0.1 whose certificate expired in 2020 (signed by the test CA): the client's
    verification fails in the handshake, so nothing but the handshake is served."""

    def __init__(self, pki: PKI):
        import ssl

        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(pki.expired_server, pki.expired_server_key)
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            conn.settimeout(5)
            try:
                self.ctx.wrap_socket(conn, server_side=True).close()
            except OSError:
                conn.close()

    def close(self) -> None:
        self.server.close()
