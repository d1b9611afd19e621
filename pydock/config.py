"""The docker CLI's configuration: `~/.docker/config.json`, contexts, and where the engine is.

Shared with the docker CLI on purpose: the same files, the same precedence, so a user's setup works for both.
"""

from __future__ import annotations

import json
import os
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
    """The parsed config.json; `data` keeps every key so writers can preserve what they do not know."""

    path: Path
    data: dict = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> "ConfigFile":
        path = directory / "config.json"
        try:
            text = path.read_text()
        except FileNotFoundError:
            return cls(path)
        except OSError as e:
            raise PydockError(f"loading config file: {path}: {e.strerror}") from None
        if not text.strip():
            return cls(path)
        try:
            data = json.loads(text)
        except ValueError as e:
            raise PydockError(f"loading config file: {path}: {e}") from None
        if not isinstance(data, dict):
            raise PydockError(f"loading config file: {path}: not a JSON object")
        return cls(path, data)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    @property
    def current_context(self) -> str:
        return self.data.get("currentContext") or ""

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


def write_config_file(path: Path, data: dict) -> None:
    """config.json written atomically with docker's formatting (json.MarshalIndent with a TAB)."""
    import tempfile

    target = Path(os.path.realpath(path))
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = go_json_escape(json.dumps(data, ensure_ascii=False, indent="\t")).encode()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name)  # created 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text)
        _copy_file_permissions(target, tmp)
        os.replace(tmp, target)
    except OSError as e:
        _unlink_quietly(tmp)
        raise PydockError(f"error saving config file {path}: {e.strerror or e}") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _copy_file_permissions(source: Path, dest: str) -> None:
    """docker's copyFilePermissions: the mode (regular files) and owner of the file being replaced."""
    try:
        st = source.stat()
    except OSError:
        return
    import stat

    try:
        if stat.S_ISREG(st.st_mode):
            os.chmod(dest, st.st_mode & 0o7777)
        if st.st_uid > 0 and st.st_gid > 0:
            os.chown(dest, st.st_uid, st.st_gid)
    except OSError:
        pass


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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
