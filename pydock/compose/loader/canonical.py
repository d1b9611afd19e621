"""compose-go transform/*.go, paths/*.go and loader/environment.go on plain dicts: short syntaxes made
canonical (ports, volumes, depends_on, env_file, build, networks ...), default values, relative paths
made absolute, `environment:` entries without a value resolved from the project environment.

Paths are tuples of keys; list items are "[]" (compose-go's tree.Path with PathMatchList).
"""

from __future__ import annotations

import os
import posixpath

from ..errors import ComposeError
from .structs import go_sprint

STAR = "*"


def matches(path: tuple, pattern: tuple) -> bool:
    if len(path) != len(pattern):
        return False
    for a, b in zip(path, pattern):
        if b != STAR and a != b:
            return False
    return True


def pathstr(path: tuple) -> str:
    return ".".join(str(p) for p in path)


# ---------------------------------------------------------------------------------------------------------
# ports (docker/go-connections nat.ParsePortSpec + types.ParsePortConfig)

def _parse_range(s: str) -> tuple[int, int]:
    if s == "":
        raise ValueError("empty string specified for ports")
    if "-" not in s:
        n = _parse_uint16(s)
        return n, n
    a, _, b = s.partition("-")
    start, end = _parse_uint16(a), _parse_uint16(b)
    if end < start:
        raise ValueError("invalid range specified for port: " + s)
    return start, end


def _parse_uint16(s: str) -> int:
    if not s or not s.isdigit() or not s.isascii():
        raise ValueError(s)
    n = int(s)
    if n > 65535:
        raise ValueError(s)
    return n


def _split_parts(raw: str):
    parts = raw.split(":")
    n = len(parts)
    cp = parts[-1]
    if n == 1:
        return "", "", cp
    if n == 2:
        return "", parts[0], cp
    if n == 3:
        return parts[0], parts[1], cp
    return ":".join(parts[:n - 2]), parts[n - 2], cp


def _split_proto(raw: str):
    parts = raw.split("/")
    if not raw or not parts[0]:
        return "", ""
    if len(parts) == 1:
        return "tcp", raw
    if not parts[1]:
        return "tcp", parts[0]
    return parts[1], parts[0]


def parse_port_config(value: str) -> list[dict]:
    ip, host_port, container_port = _split_parts(value)
    proto, container_port = _split_proto(container_port)
    if ip and ip[0] == "[":
        if ip[-1] != "]":
            raise ComposeError(f"invalid IP address {ip}: address {ip}:: missing ']' in address")
        ip = ip[1:-1]
    if ip:
        import ipaddress

        try:
            ipaddress.ip_address(ip)
        except ValueError:
            raise ComposeError("invalid IP address: " + ip) from None
    if container_port == "":
        raise ComposeError(f"no port specified: {value}<empty>")
    try:
        start, end = _parse_range(container_port)
    except ValueError:
        raise ComposeError("invalid containerPort: " + container_port) from None
    hstart = hend = 0
    if host_port:
        try:
            hstart, hend = _parse_range(host_port)
        except ValueError:
            raise ComposeError("invalid hostPort: " + host_port) from None
    if host_port and (end - start) != (hend - hstart) and end != start:
        raise ComposeError(f"invalid ranges specified for container and host Ports: {container_port} and {host_port}")
    if proto.lower() not in ("tcp", "udp", "sctp"):
        raise ComposeError("invalid proto: " + proto)
    bindings = {}
    for i in range(end - start + 1):
        cport = str(start + i)
        hp = host_port
        if host_port:
            hp = str(hstart + i)
        if start == end and hstart != hend:
            hp = f"{hp}-{hend}"
        key = f"{cport}/{proto.lower()}"
        bindings.setdefault(key, []).append((ip, hp))
    out = []
    for key in sorted(bindings):
        port, _, pr = key.partition("/")
        for hip, hp in bindings[key]:
            d = {"mode": "ingress"}
            if hip:
                d["host_ip"] = hip
            d["target"] = int(port)
            if hp:
                d["published"] = hp
            d["protocol"] = pr
            out.append(d)
    return out


# ---------------------------------------------------------------------------------------------------------
# volumes (format.ParseVolume)

_PROPAGATIONS = ("rprivate", "private", "rshared", "shared", "rslave", "slave")


def _is_file_path(source: str) -> bool:
    if not source:
        return False
    if source[0] in "./~":
        return True
    if source.startswith("\\\\"):
        return True
    return len(source) > 1 and source[1] == ":" and source[0].isalpha()


def parse_volume(spec: str) -> dict:
    vol: dict = {}
    source = target = ""
    read_only = False
    bind: dict | None = None
    volume: dict | None = None
    if len(spec) == 0:
        raise ComposeError("invalid empty volume spec")
    if len(spec) in (1, 2):
        return {"type": "volume", "target": spec}
    buf: list[str] = []
    depth = 0
    end = "\0"
    chars = spec + end
    err = None
    for i, ch in enumerate(chars):
        if ch == "$" and i + 1 < len(spec) and spec[i + 1] == "{":
            depth += 1
            buf.append(ch)
            continue
        if ch == "}" and depth > 0:
            depth -= 1
            buf.append(ch)
            continue
        if ch == ":" and len(buf) == 1 and buf[0].isalpha():
            buf.append(ch)
        elif (ch == ":" or ch == end) and depth == 0:
            s = "".join(buf)
            if not buf:
                err = "empty section between colons"
            elif source == "" and ch == end:
                target = s
            elif source == "":
                source = s
            elif target == "":
                target = s
            elif ch == ":":
                err = "too many colons"
            else:
                for opt in s.split(","):
                    if opt == "ro":
                        read_only = True
                    elif opt == "rw":
                        read_only = False
                    elif opt == "nocopy":
                        volume = {"nocopy": True}
                    elif opt in _PROPAGATIONS:
                        bind = bind or {}
                        bind["propagation"] = opt
                    elif opt in ("z", "Z"):
                        bind = bind or {}
                        bind["selinux"] = opt
            if err:
                raise ComposeError(f"invalid spec: {spec}: {err}")
            buf = []
        else:
            buf.append(ch)
    if _is_file_path(source):
        vol["type"] = "bind"
        bind = bind or {}
        bind["create_host_path"] = True
    else:
        vol["type"] = "volume"
        volume = volume if volume is not None else {}
    if source:
        vol["source"] = source
    if target:
        vol["target"] = target
    if read_only:
        vol["read_only"] = True
    if bind is not None:
        vol["bind"] = {k: bind[k] for k in ("selinux", "propagation", "create_host_path") if k in bind}
    if volume is not None:
        vol["volume"] = volume
    return vol


def clean_path(p: str) -> str:
    """Go's path.Clean."""
    if p == "":
        return "."
    c = posixpath.normpath(p)
    if c.startswith("//"):
        c = "/" + c.lstrip("/")
    return c


# ---------------------------------------------------------------------------------------------------------
# transform.Canonical

def _t_string_or_list(d, p, ign):
    return [d] if isinstance(d, str) else d


def _t_service(d, p, ign):
    if isinstance(d, dict):
        return _t_mapping(d, p, ign)
    return d


def _t_string_slice_to_map(d, p, ign):
    if isinstance(d, list):
        return {to: None for to in d}
    return d


def _t_build(d, p, ign):
    if isinstance(d, dict):
        return _t_mapping(d, p, ign)
    if isinstance(d, str):
        return {"context": d}
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for build")


def _t_depends_on(d, p, ign):
    if isinstance(d, dict):
        for k, e in d.items():
            if not isinstance(e, dict):
                raise ComposeError(f"{pathstr(p)}.{k}: unsupported value {go_sprint(d)}")
            e.setdefault("condition", "service_started")
            e.setdefault("required", True)
        return d
    if isinstance(d, list):
        return {k: {"condition": "service_started", "required": True} for k in d}
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for depend_on")


def _t_env_file(d, p, ign):
    def one(v):
        if isinstance(v, str):
            return {"path": v, "required": True}
        if isinstance(v, dict):
            v.setdefault("required", True)
            return v
        return None

    if isinstance(d, str):
        return [one(d)]
    if isinstance(d, list):
        return [one(v) for v in d]
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for env_file")


def _t_extends(d, p, ign):
    if isinstance(d, dict):
        return _t_mapping(d, p, ign)
    if isinstance(d, str):
        return {"service": d}
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for extends")


def _t_gpus(d, p, ign):
    if isinstance(d, list):
        return _t_sequence(d, p, ign)
    if isinstance(d, str):
        return [{"count": "all"}]
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for gpus")


def _t_volume_mount(d, p, ign):
    if isinstance(d, dict):
        return d
    if isinstance(d, str):
        try:
            v = parse_volume(d)
        except ComposeError:
            if ign:
                return d
            raise
        if v.get("target"):
            v["target"] = clean_path(v["target"])
        return v
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for service volume mount")


def _t_device(d, p, ign):
    if isinstance(d, dict):
        return d
    if isinstance(d, str):
        src = dst = ""
        perms = "rwm"
        arr = d.split(":")
        if len(arr) == 3:
            src, dst, perms = arr
        elif len(arr) == 2:
            src, dst = arr
        elif len(arr) == 1:
            src = arr[0]
        elif not ign:
            raise ComposeError(f"confusing device mapping, please use long syntax: {d}")
        if dst == "":
            dst = src
        return {"source": src, "target": dst, "permissions": perms}
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for service volume mount")


def _t_file_mount(d, p, ign):
    if isinstance(d, dict):
        return d
    if isinstance(d, str):
        return {"source": d}
    raise ComposeError(f"{pathstr(p)}: unsupported type {_gotype(d)}")


def _t_ports(d, p, ign):
    if not isinstance(d, list):
        raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for port")
    out = []
    for e in d:
        if isinstance(e, bool):
            raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(e)} for port")
        if isinstance(e, int):
            out.extend(parse_port_config(str(e)))
        elif isinstance(e, str):
            try:
                out.extend(parse_port_config(e))
            except ComposeError:
                if ign:
                    return d
                raise
        elif isinstance(e, dict):
            out.append(e)
        else:
            raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(e)} for port")
    return out


def _t_ssh(d, p, ign):
    if isinstance(d, dict):
        return d
    if isinstance(d, list):
        out = {}
        for e in d:
            if not isinstance(e, str):
                raise ComposeError(f"invalid ssh key type {_gotype(e)}")
            k, found, v = e.partition("=")
            if not found:
                if k != "default":
                    raise ComposeError(f'invalid ssh key "{e}"')
                out[k] = None
                continue
            out[k] = v
        return out
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for ssh")


def _t_ulimits(d, p, ign):
    if isinstance(d, (dict, int)):
        return d
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for external")


def _t_key_value(d, p, ign):
    if isinstance(d, dict):
        return d
    if isinstance(d, list):
        out = {}
        for e in d:
            k, found, v = str(e).partition("=")
            if not found:
                if ign:
                    return d
                raise ComposeError(f"{pathstr(p)}: invalid value {e}, expected key=value")
            out[k] = v
        return out
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)}")


def _t_string_or_x(d, p, ign):
    return d if isinstance(d, str) else go_sprint(d)


def _t_maybe_external(d, p, ign, warn=None):
    if d is None:
        return None
    res = _t_mapping(d, p, ign)
    if "external" in res:
        ext = res["external"]
        if isinstance(ext, dict):
            res["external"] = True
            if "name" in ext:
                if _WARN[0]:
                    _WARN[0](f"{pathstr(p)}: external.name is deprecated. Please set name and external: true")
                if "name" in res and ext["name"] != res["name"]:
                    raise ComposeError(f"{pathstr(p)}: name and external.name conflict; only use name")
                if "name" not in res:
                    res["name"] = ext["name"]
    return res


def _t_include(d, p, ign):
    if isinstance(d, dict):
        return d
    if isinstance(d, str):
        return {"path": d}
    raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for external")


_WARN = [None]

S = "services"
_TRANSFORMERS = [
    ((S, STAR), _t_service),
    ((S, STAR, "build", "secrets", STAR), _t_file_mount),
    ((S, STAR, "build", "provenance"), _t_string_or_x),
    ((S, STAR, "build", "sbom"), _t_string_or_x),
    ((S, STAR, "build", "additional_contexts"), _t_key_value),
    ((S, STAR, "depends_on"), _t_depends_on),
    ((S, STAR, "env_file"), _t_env_file),
    ((S, STAR, "label_file"), _t_string_or_list),
    ((S, STAR, "extends"), _t_extends),
    ((S, STAR, "gpus"), _t_gpus),
    ((S, STAR, "networks"), _t_string_slice_to_map),
    ((S, STAR, "models"), _t_string_slice_to_map),
    ((S, STAR, "volumes", STAR), _t_volume_mount),
    ((S, STAR, "dns"), _t_string_or_list),
    ((S, STAR, "devices", STAR), _t_device),
    ((S, STAR, "secrets", STAR), _t_file_mount),
    ((S, STAR, "configs", STAR), _t_file_mount),
    ((S, STAR, "ports"), _t_ports),
    ((S, STAR, "build"), _t_build),
    ((S, STAR, "build", "ssh"), _t_ssh),
    ((S, STAR, "ulimits", STAR), _t_ulimits),
    ((S, STAR, "build", "ulimits", STAR), _t_ulimits),
    ((S, STAR, "develop", "watch", STAR, "ignore"), _t_string_or_list),
    ((S, STAR, "develop", "watch", STAR, "include"), _t_string_or_list),
    (("volumes", STAR), _t_maybe_external),
    (("networks", STAR), _t_maybe_external),
    (("secrets", STAR), _t_maybe_external),
    (("configs", STAR), _t_maybe_external),
    (("include", STAR), _t_include),
]


def _gotype(v) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, dict):
        return "map[string]interface {}"
    return "<nil>"


def _transform(d, p, ign):
    for pat, fn in _TRANSFORMERS:
        if matches(p, pat):
            return fn(d, p, ign)
    if isinstance(d, dict):
        return _t_mapping(d, p, ign)
    if isinstance(d, list):
        return _t_sequence(d, p, ign)
    return d


def _t_mapping(d, p, ign):
    for k in list(d):
        d[k] = _transform(d[k], p + (k,), ign)
    return d


def _t_sequence(d, p, ign):
    for i, e in enumerate(d):
        d[i] = _transform(e, p + ("[]",), ign)
    return d


def canonical(d: dict, ignore_parse_error: bool = False, warn=None) -> dict:
    _WARN[0] = warn
    try:
        return _transform(d, (), ignore_parse_error)
    finally:
        _WARN[0] = None


# ---------------------------------------------------------------------------------------------------------
# transform.SetDefaultValues

def _d_build(d, p):
    if isinstance(d, dict):
        d.setdefault("context", ".")
    return d


def _d_secret(d, p):
    if isinstance(d, dict):
        if "target" not in d:
            d["target"] = f"/run/secrets/{go_sprint(d.get('source'))}"
        return d
    raise ComposeError(f"{pathstr(p)}: unsupported type {_gotype(d)}")


def _d_port(d, p):
    if isinstance(d, dict):
        d.setdefault("protocol", "tcp")
        d.setdefault("mode", "ingress")
    return d


def _d_device_request(d, p):
    if not isinstance(d, dict):
        raise ComposeError(f"{pathstr(p)}: invalid type {_gotype(d)} for device request")
    if "count" not in d and "device_ids" not in d:
        d["count"] = "all"
    return d


_DEFAULTS = [
    ((S, STAR, "build"), _d_build),
    ((S, STAR, "secrets", STAR), _d_secret),
    ((S, STAR, "ports", STAR), _d_port),
    ((S, STAR, "deploy", "resources", "reservations", "devices", STAR), _d_device_request),
    ((S, STAR, "gpus", STAR), _d_device_request),
]


def set_defaults(d, p=()):
    for pat, fn in _DEFAULTS:
        if matches(p, pat):
            return fn(d, p)
    if isinstance(d, dict):
        for k in list(d):
            d[k] = set_defaults(d[k], p + (k,))
    elif isinstance(d, list):
        for i, e in enumerate(d):
            d[i] = set_defaults(e, p + ("[]",))
    return d


class NilList(list):
    """An empty sequence after loader.OmitEmpty: a nil Go slice (JSON `null`, YAML `[]`)."""


def omit_empty(d: dict) -> dict:
    """loader.OmitEmpty: `services.*.dns` entries that are null or "" are dropped, and (a side effect of
    how it rebuilds sequences) every empty sequence becomes a nil slice."""
    return _omit(d, ())


def _omit(v, p):
    if isinstance(v, dict):
        for k in list(v):
            v[k] = _omit(v[k], p + (k,))
        return v
    if isinstance(v, list):
        dns = len(p) == 3 and p[0] == "services" and p[2] == "dns"
        out = [_omit(e, p + ("[]",)) for e in v if not (dns and (e is None or e == ""))]
        return out if out else NilList()
    return v


# ---------------------------------------------------------------------------------------------------------
# paths.ResolveRelativePaths

def expand_user(p: str, home: str | None) -> str:
    if p.startswith("~"):
        if not home:
            return p
        return os.path.join(home, p[1:].lstrip("/")) if p[1:] else home
    return p


def _join(base: str, p: str) -> str:
    return clean_path(posixpath.join(base, p))


class _Resolver:
    def __init__(self, wd: str, home: str | None):
        self.wd = wd
        self.home = home

    def abs_path(self, v):
        if isinstance(v, list):
            return [self.abs_path(x) for x in v]
        if isinstance(v, str):
            v = expand_user(v, self.home)
            if v.startswith("/"):
                return v
            if v:
                return _join(self.wd, v)
            return v
        raise ComposeError(f"unexpected type {_gotype(v)}")

    def context(self, v):
        if not isinstance(v, str):
            return v
        if "://" in v or v.startswith("service:"):
            return v
        for prefix in ("https://", "http://", "git://", "ssh://", "github.com/", "git@"):
            if v.startswith(prefix):
                return v
        return self.abs_path(v)

    def maybe_unix(self, v):
        if not isinstance(v, str):
            return v
        v = expand_user(v, self.home)
        if not v.startswith("/") and not _is_windows_abs(v):
            return _join(self.wd, v)
        return v

    def volume_mount(self, v):
        if isinstance(v, dict):
            if v.get("type") != "bind":
                return v
            if "source" not in v:
                raise ComposeError('invalid mount config for type "bind": field Source must not be empty')
            v["source"] = self.maybe_unix(v["source"])
        return v

    def volume_driver_opts(self, v):
        if v is None or not isinstance(v, dict):
            return v
        if v.get("driver") != "local":
            return v
        opts = v.get("driver_opts")
        if isinstance(opts, dict) and opts.get("o") == "bind" and "device" in opts:
            opts["device"] = self.maybe_unix(opts["device"])
        return v

    def symlink(self, v):
        a = self.abs_path(v)
        if isinstance(a, str):
            try:
                return os.path.realpath(a) if os.path.lexists(a) else a
            except OSError:
                return a
        return a


def _is_windows_abs(p: str) -> bool:
    if p.startswith("\\\\"):
        return True
    return len(p) >= 3 and p[0].isalpha() and p[1] == ":" and p[2] in "\\/"


def resolve_relative_paths(d: dict, wd: str, home: str | None) -> dict:
    r = _Resolver(wd, home)
    table = [
        ((S, STAR, "build", "context"), r.context),
        ((S, STAR, "build", "additional_contexts", STAR), r.context),
        ((S, STAR, "build", "ssh", STAR), r.maybe_unix),
        ((S, STAR, "env_file", STAR, "path"), r.abs_path),
        ((S, STAR, "label_file", STAR), r.abs_path),
        ((S, STAR, "extends", "file"), r.abs_path),
        ((S, STAR, "develop", "watch", STAR, "path"), r.symlink),
        ((S, STAR, "volumes", STAR), r.volume_mount),
        (("configs", STAR, "file"), r.maybe_unix),
        (("secrets", STAR, "file"), r.maybe_unix),
        (("include", "path"), r.abs_path),
        (("include", "project_directory"), r.abs_path),
        (("include", "env_file"), r.abs_path),
        (("volumes", STAR), r.volume_driver_opts),
    ]

    def walk(v, p):
        for pat, fn in table:
            if matches(p, pat):
                return fn(v)
        if isinstance(v, dict):
            for k in list(v):
                v[k] = walk(v[k], p + (k,))
        elif isinstance(v, list):
            for i, e in enumerate(v):
                v[i] = walk(e, p + ("[]",))
        return v

    return walk(d, ())


# ---------------------------------------------------------------------------------------------------------
# loader.ResolveEnvironment

def resolve_environment(d: dict, env: dict) -> None:
    for svc in (d.get("services") or {}).values():
        if not isinstance(svc, dict):
            continue
        e = svc.get("environment")
        if not isinstance(e, list):
            continue
        out = []
        for item in e:
            if not isinstance(item, str):
                continue
            if item in env:
                out.append(f"{item}={env[item]}")
            else:
                out.append(item)
        svc["environment"] = out
    for key, field in (("secrets", "x-#value"), ("configs", "content")):
        for res in (d.get(key) or {}).values():
            if isinstance(res, dict) and isinstance(res.get("environment"), str):
                if res["environment"] in env:
                    res[field] = env[res["environment"]]
