"""The docker CLI's configuration: `~/.docker/config.json`, contexts, and where the engine is.

Shared with the docker CLI on purpose: the same files, the same precedence, so a user's setup works for both.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PydockError

DEFAULT_CONTEXT = "default"


def config_dir(flag: str | None = None) -> Path:
    """`--config`, then DOCKER_CONFIG, then ~/.docker."""
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get("DOCKER_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".docker"


@dataclass
class ConfigFile:
    """The parsed config.json; `data` keeps every key so writers can preserve what they do not know.

    Read as docker reads it: a file that cannot be opened, read or decoded is a warning on stderr
    (`WARNING: Error parsing config file (<path>): <Go's decoder error>`) and the command goes on with
    what decoded (nothing after a syntax error; every well-typed field after a type error)."""

    path: Path
    data: dict = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path, warn=None) -> "ConfigFile":
        """`warn`: a stream for docker's warning (stderr); None keeps quiet."""
        path = directory / "config.json"
        data, problem = read_config_data(path)
        if problem and warn is not None:
            warn.write(f"WARNING: {problem}\n")
        return cls(path, data)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    @property
    def current_context(self) -> str:
        value = self.data.get("currentContext")
        return value if isinstance(value, str) else ""

    @property
    def http_headers(self) -> dict[str, str]:
        headers = self.data.get("HttpHeaders") or {}
        return {str(k): str(v) for k, v in headers.items()} if isinstance(headers, dict) else {}

    def save(self) -> None:
        """Write `data` back as docker's ConfigFile.Save does: `auths` always present, TAB indentation,
        Go's JSON escaping, every other key kept; atomically (a temporary file in the same directory,
        then os.replace), keeping the mode and owner of the file it replaces (0600 when new).
        The target of a symlinked config.json is replaced, not the link."""
        self.data = docker_key_order(self.data)
        write_config_file(self.path, self.data)

    def update(self, change) -> None:
        """A read-modify-write of config.json that loses no concurrent pydock writer's change: under the
        config lock (`config_lock`) the file is read again, `change(data)` edits that fresh dict in place,
        and the result is written atomically. `self.data` becomes what was written."""
        with config_lock(self.path):
            data, _ = read_config_data(self.path)
            change(data)
            self.data = docker_key_order(data)
            write_config_file(self.path, self.data, locked=True)


def read_config_data(path: Path) -> tuple[dict, str]:
    """config.json's decoded object (as Go's json.Decoder fills ConfigFile) and docker's warning text
    ("" when it read cleanly). A missing file is an empty config, silently."""
    try:
        with open(path, "rb") as f:
            try:
                raw = f.read()
            except OSError as e:
                return {}, f"Error parsing config file ({path}): {_go_error('read', path, e)}"
    except FileNotFoundError:
        return {}, ""
    except IsADirectoryError as e:  # Go opens a directory; its first read fails
        return {}, f"Error parsing config file ({path}): {_go_error('read', path, e)}"
    except OSError as e:
        return {}, f"Error loading config file: {_go_error('open', path, e)}"
    from .opts.gojson import decode_config

    data, problem = decode_config(raw.decode("utf-8", "replace"))
    return data, (f"Error parsing config file ({path}): {problem}" if problem else "")


def _go_error(op: str, path, e: OSError) -> str:
    from .atomicfile import go_path_error

    return go_path_error(op, path, e)


# configfile.ConfigFile's fields in struct order (json.MarshalIndent writes them so); its maps are
# written with sorted keys. Keys docker does not know are kept, after these.
_DOCKER_KEYS = ("auths", "HttpHeaders", "psFormat", "imagesFormat", "networksFormat", "pluginsFormat",
                "volumesFormat", "statsFormat", "detachKeys", "credsStore", "credHelpers", "serviceInspectFormat",
                "servicesFormat", "tasksFormat", "secretFormat", "configFormat", "nodesFormat", "pruneFilters",
                "proxies", "currentContext", "cliPluginsExtraDirs", "plugins", "aliases", "features", "experimental")
_SORTED_MAPS = ("auths", "HttpHeaders", "credHelpers", "proxies", "plugins", "aliases", "features")


def docker_key_order(data: dict) -> dict:
    """`data` ordered as docker writes config.json (`auths` always present), nothing dropped."""
    data = dict(data)
    data.setdefault("auths", {})
    out = {}
    for key in _DOCKER_KEYS:
        if key in data:
            value = data[key]
            if key in _SORTED_MAPS and isinstance(value, dict):
                value = {k: value[k] for k in sorted(value)}
            out[key] = value
    for key, value in data.items():
        if key not in out:
            out[key] = value
    return out


def go_json_escape(text: str) -> str:
    """encoding/json's HTML-safe escaping, applied to json.dumps output."""
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def write_config_file(path: Path, data: dict, locked: bool = False) -> None:
    """config.json written atomically with docker's formatting (json.MarshalIndent with a TAB), as
    ConfigFile.Save: MkdirAll 0700, os.CreateTemp beside the file, the old file's mode and owner, rename.
    Failures raise PydockError with Go's text (`write /x/config.json123: no space left on device`,
    `mkdir /x: read-only file system`); the temporary file is removed, the old file left as it was.
    Without `locked`, the write takes the config lock itself."""
    if not locked:
        with config_lock(path):
            return write_config_file(path, data, locked=True)
    from .atomicfile import AtomicFile

    target = Path(os.path.realpath(path))
    _mkdir_all(target.parent)
    text = go_json_escape(json.dumps(data, ensure_ascii=False, indent="\t")).encode()
    with AtomicFile(str(target), prefix=target.name) as f:
        f.write(text)
        mode = _copy_file_permissions(target, f.temp)
        if mode is not None:
            f.mode = mode
        f.commit()


def _mkdir_all(directory: Path) -> None:
    """os.MkdirAll(directory, 0700) with Go's error (`mkdir <the component that failed>: <cause>`)."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as e:
        raise PydockError(_go_error("mkdir", e.filename or directory, e)) from None


@contextmanager
def config_lock(path: Path):
    """An exclusive lock serialising config.json's writers (pydock's login, logout, context use/rm):
    fcntl.flock on the directory that holds the real config.json (created first, 0700, as
    ConfigFile.Save does). The directory is locked rather than the file, because each write replaces the
    file (a waiter would then hold a lock on the old inode), and rather than a `config.json.lock` beside
    it, so nothing extra is ever left in ~/.docker. The docker CLI takes no lock: pydock waits for pydock
    only. Where the directory cannot be opened or locked (no flock on the file system) the write goes
    ahead unlocked and reports its own error, if any."""
    import fcntl

    directory = Path(os.path.realpath(path)).parent
    _mkdir_all(directory)
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # releases the lock


def _copy_file_permissions(source: Path, dest: str) -> int | None:
    """docker's copyFilePermissions: the owner of the file being replaced, and its mode (regular files),
    returned for the writer to set (0600, the temporary file's, when None)."""
    try:
        st = source.stat()
    except OSError:
        return None
    import stat

    try:
        if st.st_uid > 0 and st.st_gid > 0:
            os.chown(dest, st.st_uid, st.st_gid)
    except OSError:
        pass
    return st.st_mode & 0o7777 if stat.S_ISREG(st.st_mode) else None


@dataclass(frozen=True)
class Endpoint:
    """Where the engine is and how to talk to it."""

    host: str
    context: str = DEFAULT_CONTEXT
    tls: bool = False
    tls_verify: bool = False
    ca_cert: str | None = None
    cert: str | None = None
    key: str | None = None


def context_meta_dir(directory: Path, name: str) -> Path:
    return directory / "contexts" / "meta" / _digest(name)


def context_tls_dir(directory: Path, name: str) -> Path:
    return directory / "contexts" / "tls" / _digest(name) / "docker"


def _digest(name: str) -> str:
    """A context's directory name: sha256 of its name (hashlib costs ~4 ms, paid only with contexts)."""
    import hashlib

    return hashlib.sha256(name.encode()).hexdigest()


def load_context(directory: Path, name: str) -> dict:
    """The docker endpoint of a named context, from its meta.json."""
    meta = context_meta_dir(directory, name) / "meta.json"
    try:
        data = json.loads(meta.read_text())
    except FileNotFoundError:
        raise PydockError(f"context not found: open {meta}: no such file or directory") from None
    except (OSError, ValueError) as e:
        raise PydockError(f"loading context {name}: {e}") from None
    return ((data.get("Endpoints") or {}).get("docker")) or {}
