"""Credential stores over a loaded config.json (pydock.config.ConfigFile), as docker's:

- FileStore: `auths` in config.json (`auth` = base64 user:pass), written atomically on change.
- NativeStore: a `docker-credential-<name>` helper (`credsStore`, or `credHelpers[<registry>]`),
  with config.json keeping an empty entry for the registry (docker keeps e.g. `email` there).
"""

from __future__ import annotations

import sys

from .helper import TOKEN_USERNAME, CredentialsNotFound, Helper
from .types import (INDEX_SERVER, AuthConfig, AuthConfigError, convert_to_hostname, from_file_entry,
                    key_for_domain, to_file_entry)

UNENCRYPTED_WARNING = (
    "\nWARNING! Your credentials are stored unencrypted in '{path}'.\n"
    "Configure a credential helper to remove this warning. See\n"
    "https://docs.docker.com/go/credential-store/\n\n"
)


def config_data(config) -> dict:
    """The parsed config.json of a pydock.config.ConfigFile (or a plain dict, read-only use)."""
    data = config if isinstance(config, dict) else getattr(config, "data", None)
    return data if isinstance(data, dict) else {}


class FileStore:
    def __init__(self, config, warn=None):
        self.config = config
        self.warn = warn  # a stream for the "stored unencrypted" warning (stderr), or None

    def _auths(self) -> dict:
        auths = config_data(self.config).get("auths")
        if not isinstance(auths, dict):
            auths = {}
        return auths

    def get(self, server: str) -> AuthConfig:
        """The entry for `server`, else the first entry whose key reduces to that hostname."""
        auths = self._auths()
        if server in auths:
            return from_file_entry(server, auths[server])
        for key, entry in auths.items():
            if convert_to_hostname(key) == server:
                return from_file_entry(key, entry)
        return AuthConfig()

    def get_all(self) -> dict[str, AuthConfig]:
        out = {}
        for key, entry in self._auths().items():
            try:
                out[key] = from_file_entry(key, entry)
            except AuthConfigError:
                continue
        return out

    def store(self, auth: AuthConfig) -> None:
        entry = to_file_entry(auth)
        if auth.serveraddress in self._auths() and self._auths()[auth.serveraddress] == entry:
            return

        def change(data: dict) -> None:
            _auths_of(data)[auth.serveraddress] = entry

        self._update(change)
        if auth.password and self.warn is not None:
            self.warn.write(UNENCRYPTED_WARNING.format(path=self.config.path))

    def erase(self, server: str) -> None:
        if server not in self._auths():
            return

        def change(data: dict) -> None:
            _auths_of(data).pop(server, None)

        self._update(change)

    def _update(self, change) -> None:
        """config.json's read-modify-write under the config lock (ConfigFile.update): the entry is
        applied to the file as it is now, so concurrent logins to other registries are all kept."""
        update = getattr(self.config, "update", None)
        if update is not None:
            update(change)
            return
        data = config_data(self.config)  # a plain dict (read-only use): changed in place
        change(data)


def _auths_of(data: dict) -> dict:
    """data["auths"], made a dict (and first among the keys, as docker writes it) when it is not one."""
    auths = data.get("auths")
    if not isinstance(auths, dict):
        auths = {}
        if "auths" in data:
            data["auths"] = auths
        else:
            items = list(data.items())
            data.clear()
            data.update({"auths": auths, **dict(items)})
    return auths


class NativeStore:
    def __init__(self, config, suffix: str, warn=None):
        self.helper = Helper(suffix)
        self.file = FileStore(config, warn=None)  # keeps the non-secret fields (email), never a secret

    def get(self, server: str) -> AuthConfig:
        try:
            auth = self.file.get(server)
        except AuthConfigError:
            auth = AuthConfig()
        try:
            creds = self.helper.get(server)
        except CredentialsNotFound:
            return auth
        if creds["Username"] == TOKEN_USERNAME:
            return auth.with_(username="", password="", identitytoken=creds["Secret"], serveraddress=server)
        return auth.with_(username=creds["Username"], password=creds["Secret"], identitytoken="",
                          serveraddress=server)

    def get_all(self) -> dict[str, AuthConfig]:
        return {server: self.get(server) for server in self.helper.list()}

    def store(self, auth: AuthConfig) -> None:
        if auth.identitytoken:
            self.helper.store(auth.serveraddress, TOKEN_USERNAME, auth.identitytoken)
        else:
            self.helper.store(auth.serveraddress, auth.username, auth.password)
        self.file.store(auth.with_(username="", password="", identitytoken=""))

    def erase(self, server: str) -> None:
        self.helper.erase(server)
        self.file.erase(server)


def helper_for(config, server: str) -> str:
    """getConfiguredCredentialStore: credHelpers[server], else credsStore, else "" (the file)."""
    data = config_data(config)
    helpers = data.get("credHelpers")
    if isinstance(helpers, dict) and server and server in helpers:
        return str(helpers[server] or "")
    return str(data.get("credsStore") or "")


def credentials_store(config, server: str, warn=None):
    suffix = helper_for(config, server)
    return NativeStore(config, suffix, warn) if suffix else FileStore(config, warn)


def get_auth_config(config, server: str) -> AuthConfig:
    """ConfigFile.GetAuthConfig: errors (a failing helper, a broken `auth`) propagate."""
    return credentials_store(config, server).get(server)


def resolve_for_image(config, image: str) -> AuthConfig:
    """resolveAuthConfigFromImage: the credentials for the registry of a (normalised) image name.
    Lookup failures give no credentials, as `docker pull` then goes on anonymously."""
    from ..opts.reference import InvalidReference, parse_normalized

    try:
        domain = parse_normalized(image).domain
    except InvalidReference:
        return AuthConfig()
    return resolve_for_domain(config, domain)


def resolve_for_domain(config, domain: str) -> AuthConfig:
    try:
        return get_auth_config(config, key_for_domain(domain))
    except Exception as e:  # a helper that fails, a broken entry: go on without credentials, say why
        from ..errors import PydockError

        if not isinstance(e, (PydockError, AuthConfigError)):
            raise
        sys.stderr.write(f"WARNING: failed to get credentials for {key_for_domain(domain)}: {e}\n")
        return AuthConfig()


def registry_auth(config, image: str) -> str:
    """The X-Registry-Auth header value for pulling/pushing `image` (`e30=` without credentials)."""
    from .types import encode_header

    auth = resolve_for_image(config, image)
    return encode_header(None if auth == AuthConfig() else auth)


def all_credentials(config) -> dict[str, AuthConfig]:
    """ConfigFile.GetAllCredentials: the default store's entries, then each credHelpers registry's.
    A credHelpers entry whose helper fails is skipped (docker logs a warning at debug level)."""
    from ..errors import PydockError

    out: dict[str, AuthConfig] = dict(credentials_store(config, "").get_all())
    helpers = config_data(config).get("credHelpers")
    for server in (helpers if isinstance(helpers, dict) else {}):
        try:
            out[server] = get_auth_config(config, server)
        except (PydockError, AuthConfigError):
            continue
    return out


def registry_config_header(config) -> str:
    """X-Registry-Config for a build: URL-safe base64 of {registry: authconfig} with every stored credential."""
    import base64
    import json

    body = {server: auth.to_json() for server, auth in all_credentials(config).items()}
    return base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode()).decode()


__all__ = ["FileStore", "NativeStore", "credentials_store", "get_auth_config", "resolve_for_image",
           "resolve_for_domain", "registry_auth", "helper_for", "all_credentials",
           "registry_config_header", "INDEX_SERVER"]
