"""AuthConfig and its encodings (api/types/registry/authconfig.go, cli/config/configfile/file.go)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

INDEX_SERVER = "https://index.docker.io/v1/"  # registry.IndexServer: Docker Hub's key in config.json
DEFAULT_NAMESPACE = "docker.io"

# AuthConfig's JSON field order (Go struct order), each omitted when empty.
_FIELDS = ("username", "password", "auth", "email", "serveraddress", "identitytoken", "registrytoken")


class AuthConfigError(ValueError):
    """config.json holds an `auth` value docker cannot decode either."""


@dataclass(frozen=True)
class AuthConfig:
    username: str = ""
    password: str = ""
    auth: str = ""
    email: str = ""
    serveraddress: str = ""
    identitytoken: str = ""
    registrytoken: str = ""

    def __repr__(self) -> str:  # never show secrets, even in a traceback or a debugger
        return (f"AuthConfig(username={self.username!r}, serveraddress={self.serveraddress!r}, "
                f"password={'***' if self.password else ''!r}, identitytoken={'***' if self.identitytoken else ''!r})")

    __str__ = __repr__

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in _FIELDS if getattr(self, name)}

    def with_(self, **changes) -> "AuthConfig":
        return replace(self, **changes)

    @property
    def empty(self) -> bool:
        return not (self.username or self.password or self.identitytoken or self.registrytoken)


def encode_header(auth: AuthConfig | None) -> str:
    """registry.EncodeAuthConfig: URL-safe base64 (with padding) of the compact JSON; `e30=` for none."""
    body = json.dumps(auth.to_json() if auth else {}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(body.encode()).decode()


def decode_header(value: str) -> AuthConfig:
    """The inverse of encode_header (for tests and --dry-run style displays)."""
    data = json.loads(base64.urlsafe_b64decode(value.encode() + b"=" * (-len(value) % 4)))
    return AuthConfig(**{k: str(v) for k, v in data.items() if k in _FIELDS})


def encode_auth(username: str, password: str) -> str:
    """config.json `auth`: standard base64 of `user:pass` ("" when both are empty)."""
    if not username and not password:
        return ""
    return base64.b64encode(f"{username}:{password}".encode()).decode()


def decode_auth(value: str) -> tuple[str, str]:
    """configfile.decodeAuth: standard base64 `user:pass`; a missing `:` or user is an error."""
    if not value:
        return "", ""
    try:
        decoded = base64.b64decode(value.encode(), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        raise AuthConfigError("illegal base64 data in the auth field") from None
    user, sep, password = decoded.partition(":")
    if not sep or not user:
        raise AuthConfigError("Invalid auth configuration file")
    return user, password.strip("\x00")


def from_file_entry(key: str, entry: dict) -> AuthConfig:
    """An `auths` entry as docker's LoadFromReader leaves it: user/pass decoded, `auth` cleared,
    serveraddress set to the key."""
    entry = entry if isinstance(entry, dict) else {}
    user, password = decode_auth(str(entry.get("auth") or ""))
    return AuthConfig(
        username=user or str(entry.get("username") or ""),
        password=password or str(entry.get("password") or ""),
        email=str(entry.get("email") or ""),
        serveraddress=key,
        identitytoken=str(entry.get("identitytoken") or ""),
        registrytoken=str(entry.get("registrytoken") or ""),
    )


def to_file_entry(auth: AuthConfig) -> dict:
    """SaveToWriter: `auth` = base64(user:pass), username/password/serveraddress never written."""
    entry = {"auth": encode_auth(auth.username, auth.password), "email": auth.email,
             "identitytoken": auth.identitytoken, "registrytoken": auth.registrytoken}
    return {k: v for k, v in entry.items() if v}


def key_for_domain(domain: str) -> str:
    """getAuthConfigKey: Docker Hub's full index address, otherwise host[:port] as is."""
    if domain in ("docker.io", "index.docker.io"):
        return INDEX_SERVER
    return domain


def convert_to_hostname(maybe_url: str) -> str:
    """credentials.ConvertToHostname: `https://host:5000/v2/` -> `host:5000`; `host/path` -> `host`."""
    if "://" in maybe_url:
        netloc = urlsplit(maybe_url).netloc.rpartition("@")[2]
        host, port = netloc, ""
        if netloc.startswith("["):
            host, _, rest = netloc[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else ""
        elif ":" in netloc:
            host, _, port = netloc.partition(":")
        if host:
            if not port:
                return host
            return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return maybe_url.split("/", 1)[0]
