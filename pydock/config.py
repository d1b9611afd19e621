"""The docker CLI's configuration: `~/.docker/config.json`, contexts, and where the engine is.

Shared with the docker CLI on purpose: the same files, the same precedence, so a user's setup works for both.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from .errors import PydockError
from .record import Record

DEFAULT_CONTEXT = "default"


def config_dir(flag: str | None = None) -> Path:
    """`--config`, then DOCKER_CONFIG, then ~/.docker."""
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get("DOCKER_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".docker"


class ConfigFile:
    """The parsed config.json; `data` keeps every key so writers can preserve what they do not know.

    Read as docker reads it: a file that cannot be opened, read or decoded is a warning on stderr
    (`WARNING: Error parsing config file (<path>): <Go's decoder error>`) and the command goes on with
    what decoded (nothing after a syntax error; every well-typed field after a type error)."""

    def __init__(self, path: Path, data: dict | None = None):
        self.path = path
        self.data = {} if data is None else data

    def __repr__(self) -> str:
        return f"ConfigFile(path={self.path!r}, data={self.data!r})"

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

    def update(self, change, docker_order: bool = True) -> None:
        """A read-modify-write of config.json that loses no concurrent pydock writer's change: under the
        config lock (`config_lock`) the file is read again, `change(data)` edits that fresh dict in place,
        and the result is written atomically (in docker's key order unless `docker_order` is False).
        `self.data` becomes what was written."""
        with config_lock(self.path):
            data, _ = read_config_data(self.path)
            change(data)
            self.data = docker_key_order(data) if docker_order else data
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
    data, problem = decode_config(raw.decode("utf-8", "replace"))
    return data, (f"Error parsing config file ({path}): {problem}" if problem else "")


# config.json as the docker CLI decodes it: json.NewDecoder(file).Decode(&configfile.ConfigFile{}).
# Go's field types, for its type errors (UnmarshalTypeError) and for what it then keeps.

_STR = "string"
_AUTH = ("struct", "AuthConfig", "types.AuthConfig",
         {k: _STR for k in ("username", "password", "auth", "email", "serveraddress", "identitytoken",
                            "registrytoken")})
_PROXY = ("struct", "ProxyConfig", "configfile.ProxyConfig",
          {k: _STR for k in ("httpProxy", "httpsProxy", "noProxy", "ftpProxy", "allProxy")})
_MAP_STR = ("map", _STR)
_CONFIG = ("struct", "ConfigFile", "configfile.ConfigFile", {
    "auths": ("map", _AUTH), "HttpHeaders": _MAP_STR, "psFormat": _STR, "imagesFormat": _STR,
    "networksFormat": _STR, "pluginsFormat": _STR, "volumesFormat": _STR, "statsFormat": _STR,
    "detachKeys": _STR, "credsStore": _STR, "credHelpers": _MAP_STR, "serviceInspectFormat": _STR,
    "servicesFormat": _STR, "tasksFormat": _STR, "secretFormat": _STR, "configFormat": _STR,
    "nodesFormat": _STR, "pruneFilters": ("slice", _STR), "proxies": ("map", _PROXY), "currentContext": _STR,
    "cliPluginsExtraDirs": ("slice", _STR), "plugins": ("map", _MAP_STR), "aliases": _MAP_STR,
    "features": _MAP_STR, "experimental": _STR})


def _go_type(t) -> str:
    if t == _STR:
        return "string"
    if t[0] == "map":
        return "map[string]" + _go_type(t[1])
    if t[0] == "slice":
        return "[]" + _go_type(t[1])
    return t[2]


def _json_kind(v) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    return {str: "string", dict: "object", list: "array"}[type(v)]


_DROP = object()


class _TypedDecoder:
    """encoding/json's Unmarshal into a typed struct: the first type mismatch is remembered (Go's
    saveError) and the mismatched field skipped; everything else still decodes."""

    def __init__(self):
        self.error = ""

    def value(self, v, t, struct: str, path: list[str]):
        if v is None:
            return v
        want = {"string": str, "map": dict, "slice": list, "struct": dict}[t if t == _STR else t[0]]
        if not isinstance(v, want) or (want is str and isinstance(v, bool)):
            if not self.error:
                where = f"Go struct field {struct}.{'.'.join(path)}" if path else "Go value"
                self.error = f"json: cannot unmarshal {_json_kind(v)} into {where} of type {_go_type(t)}"
            return _DROP
        if t == _STR:
            return v
        if t[0] == "map":
            out = {}
            for key, item in v.items():
                item = self.value(item, t[1], struct, path)
                if item is not _DROP:
                    out[key] = item
            return out
        if t[0] == "slice":
            return [item for item in (self.value(i, t[1], struct, path) for i in v) if item is not _DROP]
        fields = t[3]
        folded = {name.lower(): name for name in fields}
        out = {}
        for key, item in v.items():
            name = key if key in fields else folded.get(key.lower())  # Go matches names case-insensitively
            if name is None:
                out[key] = item  # unknown to docker: kept for writers to preserve
                continue
            item = self.value(item, fields[name], t[1], path + [name])
            if item is not _DROP:
                out[name] = item
        return out


def _reject_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON to Go


def decode_config(text: str) -> tuple[dict, str]:
    """config.json decoded as the docker CLI decodes it: (the fields it keeps, Go's error text or "").
    A syntax error keeps nothing; a type error keeps every field but the mismatched ones (Go's Unmarshal
    goes on and reports the first); an empty file is no error; what follows the first JSON value is
    ignored. A clean file costs one json.loads; only a broken one loads Go's scanner (pydock.opts.gojson)."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except ValueError:
        from .opts._errors import OptionError
        from .opts.gojson import first_value

        try:
            found, value_text = first_value(text)
        except OptionError as e:
            return {}, str(e)
        if not found:
            return {}, ""
        value = json.loads(value_text)
    decoder = _TypedDecoder()
    value = decoder.value(value, _CONFIG, "ConfigFile", [])
    return (value if isinstance(value, dict) else {}), decoder.error


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


class Endpoint(Record):
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
