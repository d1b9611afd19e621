"""The docker CLI's configuration: `~/.docker/config.json`, contexts, and where the engine is.

Shared with the docker CLI on purpose: the same files, the same precedence, so a user's setup works for both.
"""

from __future__ import annotations

import hashlib
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
    return directory / "contexts" / "meta" / hashlib.sha256(name.encode()).hexdigest()


def context_tls_dir(directory: Path, name: str) -> Path:
    return directory / "contexts" / "tls" / hashlib.sha256(name.encode()).hexdigest() / "docker"


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
