"""ssh:// engines, as docker's connection helper reaches them (cli/connhelper in docker/cli 28).

Every connection runs the system `ssh` client: `ssh -o ConnectTimeout=30 -T [-l user] [-p port] --
host docker system dial-stdio`, and speaks HTTP over its stdin and stdout. Here both are one end of a
`socket.socketpair()` whose other end is the connection's socket, so httpx (through an httpcore network
backend), rawhttp and the hijacked streams of attach/exec work on it as on any socket: a half-close
(`shutdown(SHUT_WR)`) is EOF on ssh's stdin, which `dial-stdio` on the far end passes on to the daemon.

As docker's commandconn:
- ssh runs in a session of its own (Ctrl-C at the terminal reaches pydock, never ssh), with the whole
  environment; its stderr is kept (the last 4 KiB) for the error messages;
- end of stream while ssh exits with a failure status is that failure: `command [ssh ...] has exited
  with exit status 255, make sure the URL is valid, and Docker 18.09 or later is installed on the remote
  host: stderr=...` (docker waits up to 10 s for the process after EOF, and so do we);
- closing a connection terminates its ssh (SIGTERM, SIGKILL after 3 s) and reaps it.
Every ssh still running when pydock exits (Ctrl-C included) is terminated and reaped the same way.

`DOCKER_SSH_OPTS` (split as a shell would) goes before docker's own flags, as the flags of docker's
GetConnectionHelperWithSSHOpts; the docker CLI 28 itself never reads the variable (docker-py and other
tools do): pydock honours it, and with it unset runs exactly docker's command line.

Nothing here imports httpx; `backend()` imports httpcore only when an ssh engine is used.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import threading
from urllib.parse import unquote

from ..errors import EngineUnavailable, PydockError

HTTP_BASE = "http://docker.example.com"  # docker's dummy URL for connection helpers: `Host: docker.example.com`
STDERR_KEEP = 4096
EOF_WAIT = 10.0  # seconds docker waits for the command after EOF
KILL_WAIT = 3.0  # seconds between SIGTERM and SIGKILL when a connection closes


class Spec:
    """An ssh:// URL's parts, as docker's ssh.NewSpec takes them."""

    __slots__ = ("user", "host", "port", "path")

    def __init__(self, user: str = "", host: str = "", port: str = "", path: str = ""):
        self.user, self.host, self.port, self.path = user, host, port, path

    def __eq__(self, other) -> bool:
        return isinstance(other, Spec) and (self.user, self.host, self.port, self.path) == (
            other.user, other.host, other.port, other.path)

    def __repr__(self) -> str:
        return f"Spec(user={self.user!r}, host={self.host!r}, port={self.port!r}, path={self.path!r})"


class InvalidSshUrl(PydockError):
    pass


def _go_quote(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


_HOST_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&'()*+,;=:[]%")


def parse_url(url: str) -> Spec:
    """docker's url.Parse then ssh.NewSpec; their errors, with docker's `Failed to initialize: ` prefix."""
    if not url.startswith("ssh://"):
        raise InvalidSshUrl(f"Failed to initialize: ssh host connection is not valid: invalid SSH URL: "
                            f"incorrect scheme: {url.split('://', 1)[0]}")
    rest = url[len("ssh://"):]
    fragment = query = ""
    if "#" in rest:
        rest, fragment = rest.split("#", 1)
    if "?" in rest:
        rest, query = rest.split("?", 1)
    authority, slash, path = rest.partition("/")
    path = slash + path
    userinfo, at, hostport = authority.rpartition("@")
    # Go's url.Parse first
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise InvalidSshUrl(f"Failed to initialize: parse {_go_quote(url)}: missing ']' in host")
        host, port_part = hostport[1:end], hostport[end + 1:]
        if port_part and not port_part.startswith(":"):
            raise InvalidSshUrl(f"Failed to initialize: parse {_go_quote(url)}: invalid port "
                                f"{_go_quote(port_part)} after host")
        port = port_part[1:]
    else:
        host, colon, port = hostport.rpartition(":") if ":" in hostport else (hostport, "", "")
        for ch in host:
            if ch not in _HOST_CHARS:
                raise InvalidSshUrl(f"Failed to initialize: parse {_go_quote(url)}: invalid character "
                                    f"{_go_quote(ch)} in host name")
    if port and not port.isdigit():
        raise InvalidSshUrl(f"Failed to initialize: parse {_go_quote(url)}: invalid port {_go_quote(':' + port)} after host")
    invalid = "Failed to initialize: ssh host connection is not valid: invalid SSH URL: "
    user = ""
    if at:
        name, colon, _ = userinfo.partition(":")
        if colon:
            raise InvalidSshUrl(invalid + "plain-text password is not supported")
        user = unquote(name)
    if not host:
        raise InvalidSshUrl(invalid + "hostname is empty")
    if query:
        raise InvalidSshUrl(invalid + f"query parameters are not allowed: {_go_quote(query)}")
    if fragment:
        raise InvalidSshUrl(invalid + f"fragments are not allowed: {_go_quote(fragment)}")
    return Spec(user, host, port, unquote(path))


def ssh_opts(environ=None) -> list[str]:
    """DOCKER_SSH_OPTS, split as a POSIX shell splits words (unparsable: split on blanks)."""
    value = (os.environ if environ is None else environ).get("DOCKER_SSH_OPTS", "")
    try:
        return shlex.split(value)
    except ValueError:
        return value.split()


def command(spec: Spec, flags: list[str] | None = None) -> list[str]:
    """The whole command line, `ssh` first, as docker 28's getConnectionHelper builds it: the extra
    flags, `-o ConnectTimeout=30` unless they name ConnectTimeout, `-T` unless they have it, then
    `-l user`, `-p port`, `--`, the host, and the remote command (with `--host unix://PATH` for a URL
    with a path)."""
    flags = list(flags or ())
    if "ConnectTimeout" not in "".join(flags):
        flags.append("-o ConnectTimeout=30")
    if "-T" not in flags:
        flags.append("-T")
    args = ["ssh", *flags]
    if spec.user:
        args += ["-l", spec.user]
    if spec.port:
        args += ["-p", spec.port]
    args += ["--", spec.host, "docker"]
    if spec.path:
        args += ["--host", "unix://" + spec.path]
    return args + ["system", "dial-stdio"]


# -- the processes ------------------------------------------------------------------------------------

_SIGNAL_NAMES = {signal.SIGKILL: "killed", signal.SIGTERM: "terminated", signal.SIGINT: "interrupt",
                 signal.SIGHUP: "hangup", signal.SIGPIPE: "broken pipe", signal.SIGQUIT: "quit",
                 signal.SIGSEGV: "segmentation fault", signal.SIGABRT: "aborted"}


def go_exit_text(returncode: int) -> str:
    """How Go's *exec.ExitError prints: `exit status 255`, `signal: killed`."""
    if returncode >= 0:
        return f"exit status {returncode}"
    try:
        sig = signal.Signals(-returncode)
    except ValueError:
        return f"signal {-returncode}"
    return "signal: " + _SIGNAL_NAMES.get(sig, sig.name.lower())


class CommandExited(EngineUnavailable):
    """The ssh behind a connection ended with a failure. `received` tells whether any byte came from it
    (none: the connection was never made, docker's `error during connect` at the request)."""

    def __init__(self, message: str, received: bool = False):
        super().__init__(message)
        self.received = received

    def during(self, request: str) -> EngineUnavailable:
        """As Go's client names the request it failed: `error during connect: Get "http://...": ...`."""
        error = DialFailed(f"error during connect: {request}: {self.message}")
        error.cause = self
        return error


class DialFailed(EngineUnavailable):
    """A request failed because its ssh failed; `cause` is the CommandExited."""

    cause: CommandExited | None = None


_live: set["SshProcess"] = set()
_live_lock = threading.Lock()
_atexit_registered = False


class SshProcess:
    def __init__(self, args: list[str], far: socket.socket):
        import tempfile

        self.args = args
        self._stderr = tempfile.TemporaryFile()
        self._lock = threading.Lock()
        self.proc = subprocess.Popen(args, stdin=far.fileno(), stdout=far.fileno(), stderr=self._stderr,
                                     start_new_session=True, close_fds=True)
        _register(self)

    def stderr(self) -> str:
        try:
            size = self._stderr.seek(0, os.SEEK_END)
            self._stderr.seek(max(0, size - STDERR_KEEP))
            text = self._stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        return text

    def failure(self, received: bool, wait: float = EOF_WAIT) -> CommandExited | None:
        """After EOF: the process's failure as docker words it, or None when it exited with status 0."""
        try:
            code = self.proc.wait(wait)
        except subprocess.TimeoutExpired:
            return CommandExited(f"command [{' '.join(self.args)}] did not exit after EOF: "
                                 f"stderr={_go_quote(self.stderr())}", received)
        if code == 0:
            return None
        stderr = " ".join(line.strip() for line in self.stderr().splitlines() if line.strip())
        return CommandExited(f"command [{' '.join(self.args)}] has exited with {go_exit_text(code)}, make sure "
                             f"the URL is valid, and Docker 18.09 or later is installed on the remote host: "
                             f"stderr={stderr}", received)

    def kill(self) -> None:
        """docker's commandConn.kill: SIGTERM, SIGKILL after 3 s; always reaped."""
        with self._lock:
            proc = self.proc
            if proc.returncode is None and proc.poll() is None:
                try:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(KILL_WAIT)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                except OSError:
                    pass
            _forget(self)
            try:
                self._stderr.close()
            except OSError:
                pass


def _register(p: SshProcess) -> None:
    global _atexit_registered
    with _live_lock:
        _live.add(p)
        if not _atexit_registered:
            import atexit

            atexit.register(reap_all)
            _atexit_registered = True


def _forget(p: SshProcess) -> None:
    with _live_lock:
        _live.discard(p)


def reap_all() -> None:
    """Terminate and reap every ssh still running (at exit: no orphan, no zombie)."""
    with _live_lock:
        procs = list(_live)
    for p in procs:
        if p.proc.poll() is None:
            try:
                p.proc.send_signal(signal.SIGTERM)
            except OSError:
                pass
    for p in procs:
        p.kill()


def live_count() -> int:
    with _live_lock:
        return sum(1 for p in _live if p.proc.poll() is None)


class SshSocket(socket.socket):
    """The near end of the socketpair: a socket whose EOF, or broken pipe, while its ssh failed raises
    the ssh's failure (CommandExited, not an OSError, so httpcore passes it through unchanged)."""

    _ssh: SshProcess | None = None
    _received = False

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        try:
            data = super().recv(bufsize, flags)
        except ConnectionResetError:  # ssh exited with our request unread
            self._raise_failure()
            raise
        if data:
            self._received = True
        elif bufsize and self._ssh is not None:
            self._raise_failure()
        return data

    def recv_into(self, buffer, nbytes: int = 0, flags: int = 0) -> int:
        try:
            n = super().recv_into(buffer, nbytes, flags)
        except ConnectionResetError:
            self._raise_failure()
            raise
        if n:
            self._received = True
        elif self._ssh is not None and (nbytes or len(buffer)):
            self._raise_failure()
        return n

    def send(self, data, flags: int = 0) -> int:
        try:
            return super().send(data, flags)
        except OSError:
            self._raise_failure(wait=EOF_WAIT)
            raise

    def sendall(self, data, flags: int = 0) -> None:
        try:
            super().sendall(data, flags)
        except OSError:
            self._raise_failure(wait=EOF_WAIT)
            raise

    def _raise_failure(self, wait: float = EOF_WAIT) -> None:
        ssh = self._ssh
        if ssh is None:
            return
        failure = ssh.failure(self._received, wait)
        if failure is not None:
            raise failure

    def close(self) -> None:
        ssh, self._ssh = self._ssh, None
        super().close()
        if ssh is not None:
            ssh.kill()

    @property
    def ssh(self) -> SshProcess | None:
        return self._ssh


def connect(url: str, environ=None) -> SshSocket:
    """A new connection to the engine at an ssh:// URL: a new ssh process."""
    args = command(parse_url(url), ssh_opts(environ))
    near, far = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock = SshSocket(near.family, near.type, near.proto, fileno=near.detach())
        try:
            sock._ssh = SshProcess(args, far)
        except OSError as e:
            sock.close()
            # Go's exec: `exec: "ssh": executable file not found in $PATH`
            if isinstance(e, FileNotFoundError):
                raise CommandExited('exec: "ssh": executable file not found in $PATH') from None
            raise CommandExited(f"fork/exec ssh: {e.strerror or e}") from None
    finally:
        far.close()
    return sock


_connectors: dict[str, "Connector"] = {}


def connector_for(url: str) -> "Connector":
    """The one Connector of an ssh:// URL in this process: httpx's pool and rawhttp share it."""
    conn = _connectors.get(url)
    if conn is None:
        conn = _connectors[url] = Connector(url)
    return conn


class Connector:
    """New connections for one engine. A connection whose ssh failed before sending anything is
    remembered: later connections of the same invocation fail the same way at once, instead of running
    ssh again for the same refusal (docker runs it again, up to three times per command)."""

    def __init__(self, url: str):
        parse_url(url)  # a bad URL fails when the engine is made, as docker's client
        self.url = url
        self.dial_failure: CommandExited | None = None
        self._spare: SshSocket | None = None

    def prestart(self) -> None:
        """Start the first connection's ssh now, so its handshake runs while pydock loads httpx and
        builds its first request; the first connect() takes it. (An ssh started and never used is
        terminated at exit with the others.)"""
        if self._spare is None and self.dial_failure is None:
            try:
                self._spare = connect(self.url)
            except PydockError:
                pass  # connect() says it again when a connection is needed

    def connect(self) -> SshSocket:
        if self.dial_failure is not None:
            raise self.dial_failure
        spare, self._spare = self._spare, None
        return spare if spare is not None else connect(self.url)

    def note(self, failure: CommandExited) -> None:
        if not failure.received:
            self.dial_failure = failure


def backend(connector: Connector):
    """An httpcore network backend whose every connection is a new ssh (the host and port httpx asks
    for, docker.example.com:80, are the dummy URL's)."""
    import httpcore
    from httpcore._backends.sync import SyncStream

    class SshBackend(httpcore.NetworkBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            return _NotingStream(SyncStream(connector.connect()), connector)

        def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
            raise NotImplementedError

    class _NotingStream(httpcore.NetworkStream):
        """SyncStream, remembering a failure before the first byte (Connector.note)."""

        def __init__(self, stream, conn):
            self._stream, self._conn = stream, conn

        def read(self, max_bytes, timeout=None):
            try:
                return self._stream.read(max_bytes, timeout)
            except CommandExited as e:
                self._conn.note(e)
                raise

        def write(self, buffer, timeout=None):
            try:
                self._stream.write(buffer, timeout)
            except CommandExited as e:
                self._conn.note(e)
                raise

        def close(self):
            self._stream.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # pragma: no cover
            raise NotImplementedError

        def get_extra_info(self, info):
            return self._stream.get_extra_info(info)

    return SshBackend()
