"""Engine endpoint resolution: docker's host grammar and its precedence of flags, env and contexts."""

from __future__ import annotations

import os
from pathlib import Path

from ..config import DEFAULT_CONTEXT, ConfigFile, Endpoint, context_meta_dir, context_tls_dir
from ..errors import PydockError

DEFAULT_UNIX_SOCKET = "/var/run/docker.sock"
DEFAULT_HOST = f"unix://{DEFAULT_UNIX_SOCKET}"
DEFAULT_TCP_HOST = "localhost"
DEFAULT_HTTP_PORT = 2375
DEFAULT_TLS_PORT = 2376


class InvalidHost(PydockError):
    def __init__(self, host: str, detail: str = ""):
        detail = detail or f"invalid bind address format: {host}"
        super().__init__(f"Failed to initialize: unable to resolve docker endpoint: {detail}")


def _url_parse_problem(original: str, hostport: str) -> str:
    """What Go's url.Parse says about a tcp:// host[:port] it rejects (docker parses DOCKER_HOST with it
    first), or "" when it accepts it."""
    if hostport.startswith("[") and "]" not in hostport:
        return f'parse "{original}": missing \']\' in host'
    colon = hostport.rfind(":")
    if colon >= 0 and "]" not in hostport[colon:]:
        port = hostport[colon + 1:]
        if port and not port.isdigit():
            return f'parse "{original}": invalid port ":{port}" after host'
    return ""


def parse_host(value: str, tls: bool = False) -> str:
    """Normalise a -H/DOCKER_HOST value the way docker's ParseHost does."""
    value = value.strip()
    if not value:
        return f"tcp://{DEFAULT_TCP_HOST}:{DEFAULT_TLS_PORT}" if tls else DEFAULT_HOST
    if "://" not in value:
        value = "tcp://" + value
    scheme, _, rest = value.partition("://")
    if scheme == "unix":
        return "unix://" + (rest or DEFAULT_UNIX_SOCKET)
    if scheme == "tcp":
        return "tcp://" + _parse_tcp(rest, value, tls)
    if scheme == "npipe":
        return "npipe://" + (rest or "//./pipe/docker_engine")
    if scheme in ("fd", "ssh"):
        return value
    raise InvalidHost(value)


def _parse_tcp(rest: str, original: str, tls: bool) -> str:
    # docker's ParseTCPAddr fills a missing port from tcp://localhost:2375 whether or not TLS is on: only
    # an empty host with TLS becomes tcp://localhost:2376 (parse_host above)
    default_port = DEFAULT_HTTP_PORT
    hostport, slash, path = rest.partition("/")
    problem = _url_parse_problem(original, hostport)
    if problem:
        raise InvalidHost(original, problem)
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise InvalidHost(original)
        host, port = hostport[: end + 1], hostport[end + 1 :].lstrip(":")
    elif hostport.count(":") > 1:
        raise InvalidHost(original)
    else:
        host, _, port = hostport.partition(":")
    port = port or str(default_port)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidHost(original)
    return f"{host or DEFAULT_TCP_HOST}:{port}" + (slash + path if path else "")


def resolve_endpoint(
    config_dir: Path,
    config: ConfigFile,
    host_flag: tuple[str, ...] = (),
    context_flag: str | None = None,
    tls_flags: dict | None = None,
) -> Endpoint:
    """docker's order: --context, then -H/DOCKER_HOST, then DOCKER_CONTEXT, then currentContext, else default."""
    tls_flags = tls_flags or {}
    if host_flag and context_flag:
        raise PydockError("conflicting options: cannot specify both --host and --context")
    if len(host_flag) > 1:
        raise PydockError("Specify only one -H")
    name = context_flag
    if not name and not host_flag and not os.environ.get("DOCKER_HOST"):
        name = os.environ.get("DOCKER_CONTEXT") or config.current_context
    if name and name != DEFAULT_CONTEXT:
        return _context_endpoint(config_dir, name)
    return _default_endpoint(host_flag[0] if host_flag else os.environ.get("DOCKER_HOST", ""), tls_flags)


def _default_endpoint(host: str, flags: dict) -> Endpoint:
    """docker's flags and env: TLS with --tls, --tlsverify, DOCKER_TLS or DOCKER_TLS_VERIFY; its files
    from the flags, else DOCKER_CERT_PATH, else the configuration directory at start-up (DOCKER_CONFIG or
    ~/.docker; never --config). The CA file is read whenever TLS is on (docker's TLSDataFromFiles), and
    must exist; a default cert.pem or key.pem that is not there is no client certificate."""
    verify = bool(flags.get("tlsverify")) or bool(os.environ.get("DOCKER_TLS_VERIFY"))
    tls = verify or bool(flags.get("tls")) or bool(os.environ.get("DOCKER_TLS"))
    if not tls:
        return Endpoint(host=parse_host(host, False))
    cert_path = Path(os.environ.get("DOCKER_CERT_PATH") or os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker")

    def pick(flag: str, filename: str) -> str | None:
        if flags.get(flag):
            return flags[flag]
        path = cert_path / filename
        return str(path) if flag == "tlscacert" or path.exists() else None

    files = {"ca_cert": pick("tlscacert", "ca.pem"), "cert": pick("tlscert", "cert.pem"), "key": pick("tlskey", "key.pem")}
    host = parse_host(host, True)
    for path in files.values():
        if path:
            _check_readable(path)
    return Endpoint(host=host, tls=True, tls_verify=verify, **files)


def _check_readable(path: str) -> None:
    """docker reads each TLS file before it connects: Go's os.ReadFile error, in its words."""
    try:
        with open(path, "rb") as f:
            f.read(1)
    except OSError as e:
        op = "read" if isinstance(e, IsADirectoryError) else "open"
        why = (e.strerror or str(e))
        raise PydockError(f"Failed to initialize: unable to resolve docker endpoint: {op} {path}: "
                          f"{why[:1].lower()}{why[1:]}") from None


def _context_endpoint(config_dir: Path, name: str) -> Endpoint:
    try:
        meta = read_context_meta(config_dir, name)
    except PydockError as e:
        raise PydockError(f"Failed to initialize: unable to resolve docker endpoint: context {_quote(name)}: {e}") from None
    endpoints = meta.get("Endpoints") or {}
    if "docker" not in endpoints or endpoints["docker"] is None:
        detail = ("cannot find docker endpoint in context" if "docker" not in endpoints
                  else 'endpoint "docker" is not of type EndpointMeta')
        raise PydockError(f"Failed to initialize: unable to resolve docker endpoint: {detail}")
    docker = endpoints["docker"]
    host = parse_host(docker.get("Host") or "")
    tls_dir = context_tls_dir(config_dir, name)
    files = {n: str(tls_dir / f"{n}.pem") for n in ("ca", "cert", "key") if (tls_dir / f"{n}.pem").exists()}
    # docker's Endpoint.tlsConfig: TLS when the context has TLS material or skips verification
    skip = bool(docker.get("SkipTLSVerify", False))
    tls = (bool(files) or skip) and host.startswith("tcp://")
    return Endpoint(
        host=host,
        context=name,
        tls=tls,
        tls_verify=tls and not skip,
        ca_cert=files.get("ca"),
        cert=files.get("cert"),
        key=files.get("key"),
    )


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


# -- a context's meta.json, read as docker's typed store reads it ----------------------------------------

def read_context_meta(config_dir: Path, name: str) -> dict:
    """The parsed meta.json of a stored context; a file that is missing, not JSON, or of the wrong
    shape fails with docker's words (`context not found: open ...`, `parsing PATH: json: ...`)."""
    return read_meta_file(context_meta_dir(config_dir, name) / "meta.json")


def read_meta_file(path: Path, missing: type[PydockError] = PydockError) -> dict:
    """One meta.json, checked as docker's typed store reads it; a missing file raises `missing`."""
    import json

    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise missing(f"context not found: open {path}: no such file or directory") from None
    except OSError as e:
        why = e.strerror or str(e)
        raise PydockError(f"open {path}: {why[:1].lower()}{why[1:]}") from None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise PydockError(f"parsing {path}: {go_json_error(text, e)}") from None
    problem = context_meta_problem(data)
    if problem:
        raise PydockError(f"parsing {path}: {problem}")
    return data


def go_json_error(text: bytes, error: ValueError) -> str:
    """encoding/json's wording for the common ways a file is not JSON."""
    pos = getattr(error, "pos", None)
    if not text.strip() or pos is None or pos >= len(text.rstrip()):
        return "unexpected end of JSON input"
    char = chr(39) + text[pos:pos + 1].decode("latin-1") + chr(39)
    msg = getattr(error, "msg", "")
    if msg == "Expecting value":
        return f"invalid character {char} looking for beginning of value"
    if msg == "Expecting property name enclosed in double quotes":
        return f"invalid character {char} looking for beginning of object key string"
    return str(error)


def _go_kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), "value")


def context_meta_problem(data) -> str | None:
    """What Go's json.Unmarshal into docker's typed context metadata says about decoded JSON, or None
    (docker 28: untypedContextMetadata, then DockerContext and EndpointMetaBase)."""
    def cannot(value, into: str) -> str:
        return f"json: cannot unmarshal {_go_kind(value)} into {into}"

    if not isinstance(data, dict):
        return cannot(data, "Go value of type store.untypedContextMetadata")
    if data.get("Name") is not None and not isinstance(data["Name"], str):
        return cannot(data["Name"], "Go struct field untypedContextMetadata.name of type string")
    endpoints = data.get("Endpoints")
    if endpoints is not None and not isinstance(endpoints, dict):
        return cannot(endpoints, "Go struct field untypedContextMetadata.endpoints of type map[string]json.RawMessage")
    if data.get("Metadata") is not None and not isinstance(data["Metadata"], dict):
        return cannot(data["Metadata"], "Go value of type map[string]interface {}")
    for key, value in sorted((endpoints or {}).items()):
        if value is None:
            continue
        if key != "docker":
            if not isinstance(value, dict):
                return cannot(value, "Go value of type map[string]interface {}")
            continue
        if not isinstance(value, dict):
            return cannot(value, "Go value of type context.EndpointMetaBase")
        for field, kind, check in (("Host", "string", str), ("SkipTLSVerify", "bool", bool)):
            if value.get(field) is not None and not isinstance(value[field], check):
                return cannot(value[field], f"Go struct field EndpointMetaBase.{field} of type {kind}")
    return None
