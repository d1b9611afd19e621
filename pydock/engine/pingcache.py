"""What a local engine answered to `/_ping`, remembered between invocations.

Every command negotiates the API version with a `/_ping` before its first request; docker does the same,
on every run. For an engine on a unix socket, pydock keeps the answer's headers (API-Version, OSType, ...)
in `$XDG_CACHE_HOME/pydock/ping.json` (else `~/.cache/...`), so a command sends its one request instead
of two. The cache is never trusted beyond what it can prove:

- the key is the socket's path, device, inode and change time: a daemon that starts again makes a new
  socket, and a different socket is a different key;
- the daemon names its API version on every response (the API-Version header); a response that names
  another one drops the entry (the next command pings);
- a daemon replaced behind a socket that outlived it (systemd's socket activation) and now older than the
  cached version refuses the request with "client version ... is too new" before doing anything: the
  client then forgets the entry, pings, and sends the request again (client.Engine);
- a request whose body is a stream (build, load, cp into a container) cannot be sent twice, so it is
  never sent on a cached version.

A cache that cannot be read or written is no cache: nothing is ever reported about it.
"""

from __future__ import annotations

import json
import os

from ..config import Endpoint

KEEP = 16  # entries: one per engine socket in use; the oldest go first


def cache_file() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pydock", "ping.json")


def key(endpoint: Endpoint) -> str | None:
    """The socket's identity, or None where nothing is cached (tcp, ssh, a socket that is not there)."""
    host = endpoint.host
    if not host.startswith("unix://"):
        return None
    path = host[len("unix://") :]
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{path}|{st.st_dev}:{st.st_ino}:{st.st_ctime_ns}"


def _read() -> dict:
    try:
        with open(cache_file(), "rb") as f:
            data = json.loads(f.read())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(cache_key: str) -> dict[str, str] | None:
    headers = _read().get(cache_key)
    if isinstance(headers, dict) and isinstance(headers.get("api-version"), str):
        return {str(k): str(v) for k, v in headers.items()}
    return None


def store(cache_key: str, headers: dict[str, str]) -> None:
    kept = {"api-version", "ostype", "docker-experimental", "builder-version", "swarm"}
    data = _read()
    data.pop(cache_key, None)
    data[cache_key] = {k: v for k, v in headers.items() if k in kept}
    _write(dict(list(data.items())[-KEEP:]))


def forget(cache_key: str) -> None:
    data = _read()
    if data.pop(cache_key, None) is not None:
        _write(data)


def _write(data: dict) -> None:
    from ..atomicfile import FileWriteError, write_atomic

    path = cache_file()
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        write_atomic(path, json.dumps(data, indent=1).encode())
    except (OSError, FileWriteError):  # a cache that cannot be written is no cache (read-only home, full disk)
        pass
