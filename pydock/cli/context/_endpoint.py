"""`context create --docker k=v,...`: the docker endpoint, checked as docker's getDockerEndpoint checks it.

The host must parse as Go's net/url parses it, an ssh host must be a valid SSH URL, TLS files must
read and (for TCP hosts) hold PEM data, and the Go client must accept the host. Every failure reads
`unable to create docker endpoint config: ...`, with docker's inner wording.
"""

from __future__ import annotations

import re

from ...errors import PydockError
from ...render.views import go_quote

ALLOWED_KEYS = ("from", "host", "ca", "cert", "key", "skip-tls-verify")
GO_BOOLS = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
            "0": False, "f": False, "F": False, "FALSE": False, "false": False, "False": False}
_HOST_OK = set("-_.~!$&'()*+,;=:[]<>\"%")


def go_url_error(raw: str) -> str | None:
    """The error Go's url.Parse gives for the few shapes a docker host can take, or None."""
    if raw.startswith(":"):
        return "missing protocol scheme"
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", raw)
    if not scheme:
        return "first path segment in URL cannot contain colon" if ":" in raw.split("/", 1)[0] else None
    rest = raw[scheme.end():]
    if not rest.startswith("//"):
        return None
    host = re.split(r"[/?#]", rest[2:], maxsplit=1)[0].rpartition("@")[2]
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            return "missing ']' in host"
        port, name = host[end + 1:], ""
    else:
        port = host[host.rfind(":"):] if ":" in host else ""
        name = host[: len(host) - len(port)]
    if port and not re.fullmatch(r":\d*", port):
        return f"invalid port {go_quote(port)} after host"
    for ch in name:
        if ch.isascii() and not ch.isalnum() and ch not in _HOST_OK:
            return f"invalid character {go_quote(ch)} in host name"
    return None


def _ssh_error(host: str) -> str | None:
    rest = host[len("ssh://"):]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    userinfo, at, hostport = authority.rpartition("@")
    if at and ":" in userinfo:
        return "plain-text password is not supported"
    hostname = hostport[1:hostport.find("]")] if hostport.startswith("[") else hostport.split(":", 1)[0]
    if not hostname:
        return "hostname is empty"
    if "?" in rest:
        return f"query parameters are not allowed: {go_quote(rest.split('?', 1)[1].split('#', 1)[0])}"
    if "#" in rest:
        return f"fragments are not allowed: {go_quote(rest.split('#', 1)[1])}"
    return None


def check_host(host: str, tls: dict[str, bytes] | None) -> None:
    """docker's Endpoint.ClientOpts, then client.NewClientWithOpts: which hosts it refuses, and how."""
    invalid = "invalid docker endpoint options: "
    error = go_url_error(host)
    if error:
        raise PydockError(f"{invalid}parse {go_quote(host)}: {error}")
    scheme, sep, addr = host.partition("://")
    if sep and scheme == "ssh":
        error = _ssh_error(host)
        if error:
            raise PydockError(f"{invalid}ssh host connection is not valid: invalid SSH URL: {error}")
        return
    if scheme not in ("unix", "npipe", "fd"):
        _check_tls(tls, invalid)
    applying = "unable to apply docker endpoint options: "
    if not sep or not addr:
        raise PydockError(f"{applying}unable to parse docker host `{host}`")
    if scheme == "npipe":
        raise PydockError(f"{applying}protocol not available")


def _check_tls(tls: dict[str, bytes] | None, prefix: str) -> None:
    """Endpoint.tlsConfig's checks of the material (engine.transport has them, in docker's words)."""
    from ...engine.transport import tls_material_problem

    if not tls:
        return
    problem = tls_material_problem(tls.get("ca.pem"), tls.get("cert.pem"), tls.get("key.pem"))
    if problem:
        raise PydockError(f"{prefix}{problem}")


def read_tls_files(config: dict[str, str]) -> dict[str, bytes] | None:
    """TLSDataFromFiles: the `ca`, `cert` and `key` files, read now (the context keeps copies)."""
    files = {}
    for key, filename in (("ca", "ca.pem"), ("cert", "cert.pem"), ("key", "key.pem")):
        path = config.get(key, "")
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                files[filename] = f.read()
        except IsADirectoryError:
            raise PydockError(f"read {path}: is a directory") from None
        except OSError as e:
            raise PydockError(f"open {path}: {(e.strerror or str(e)).lower()}") from None
    return files or None


def endpoint_from_config(app, config: dict[str, str]) -> tuple[dict, dict[str, bytes] | None]:
    """({"Host", "SkipTLSVerify"}, TLS files or None) for `--docker`, or docker's error."""
    from . import _store

    unknown = [f"unrecognized config key: {k}" for k in sorted(config) if k not in ALLOWED_KEYS]
    if unknown:
        raise PydockError("\n".join(unknown))
    if "from" in config:
        source = _store.get_metadata(app, config["from"])
        docker = (source.get("Endpoints") or {}).get("docker")
        if not isinstance(docker, dict):
            raise PydockError(f"unable to get endpoint from context {go_quote(config['from'])}")
        return _store.typed({"Endpoints": {"docker": docker}})["Endpoints"]["docker"], None
    tls = read_tls_files(config)
    value = config.get("skip-tls-verify")
    if value is not None and value not in GO_BOOLS:
        raise PydockError(f'skip-tls-verify: parsing {go_quote(value)}: invalid syntax')
    endpoint = {"Host": config.get("host", ""), "SkipTLSVerify": GO_BOOLS.get(value or "false", False)}
    if endpoint["Host"]:
        check_host(endpoint["Host"], tls)
    return endpoint, tls
