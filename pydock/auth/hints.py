"""What to do when a registry cannot be used: one extra line after docker's own message.

Pure text matching on the daemon's message (the daemon reports registry failures as text only)."""

from __future__ import annotations

import re

_URL_HOST = re.compile(r'"https?://([^/"]+)/')


def _host(message: str, fallback: str) -> str:
    m = _URL_HOST.search(message)
    return m.group(1) if m else fallback


def registry_hint(message: str, registry: str = "") -> str:
    """A `hint:` line for a registry failure, or "" when the message is not one we can explain."""
    host = _host(message, registry)
    where = f" at {host}" if host else ""
    if "server gave HTTP response to HTTPS client" in message:
        return (f"hint: the registry{where} answers plain HTTP but the daemon expects HTTPS: serve it over TLS, or add "
                f'"{host or "<registry>"}" to "insecure-registries" in /etc/docker/daemon.json and restart the daemon')
    if "connection refused" in message:
        return (f"hint: nothing is listening{where}: check that the registry is running and that the host and port "
                f"are right")
    if "no such host" in message or "server misbehaving" in message:
        return f"hint: the registry name{where} does not resolve: check its spelling, or your DNS settings"
    if "i/o timeout" in message or "Client.Timeout exceeded" in message or "no route to host" in message:
        return (f"hint: the registry{where} does not answer: check the address, firewalls and the daemon's proxy "
                f"settings")
    if "x509:" in message or "tls: " in message:
        return (f"hint: the registry{where} has a certificate the daemon does not trust: put its CA in "
                f"/etc/docker/certs.d/{host or '<registry>'}/ca.crt")
    if "no basic auth credentials" in message or "unauthorized: authentication required" in message:
        return f"hint: this registry needs a login: run 'pydock login {host}'" if host else ""
    return ""


def with_hint(error, registry: str = ""):
    """The same error (type, exit status) with the hint on a second line; the error itself when there is none."""
    from ..errors import PydockError

    hint = registry_hint(str(error), registry)
    if not hint:
        return error
    return PydockError(f"{error}\n{hint}", error.exit_code)
