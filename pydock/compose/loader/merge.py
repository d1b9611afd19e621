"""compose-go override/merge.go and override/uncity.go: merging a later file's dict into the accumulated
one, and de-duplicating sequences by key afterwards (a later entry replaces an earlier one in place)."""

from __future__ import annotations

from ..errors import ComposeError
from .canonical import STAR, matches, parse_volume, pathstr
from .structs import go_fmt_s, go_sprint

S = "services"


def _go_s(v) -> str:
    """fmt's %s of a value (used by the port indexer)."""
    if isinstance(v, str):
        return v
    if v is None:
        return "%!s(<nil>)"
    if isinstance(v, bool):
        return f"%!s(bool={'true' if v else 'false'})"
    if isinstance(v, int):
        return f"%!s(int={v})"
    if isinstance(v, float):
        return f"%!s(float64={go_sprint(v)})"
    return go_sprint(v)


def _go_d(v) -> str:
    if isinstance(v, bool):
        return f"%!d(bool={'true' if v else 'false'})"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return f"%!d(string={v})"
    return f"%!d({go_sprint(v)})"


def convert_into_sequence(v) -> list:
    if isinstance(v, dict):
        seq = []
        for k, val in v.items():
            if val is None:
                seq.append(k)
            elif isinstance(val, list):
                for x in val:
                    seq.append(f"{k}={go_sprint(x)}")
            else:
                seq.append(f"{k}={go_sprint(val)}")
        seq.sort()
        return seq
    if isinstance(v, list):
        return v
    if isinstance(v, str):
        return [v]
    return []


def convert_into_mapping(a, default):
    if isinstance(a, dict):
        return a
    if isinstance(a, list):
        return {s: (dict(default) if default is not None else None) for s in a}
    return None


def _merge_to_sequence(c, o, p):
    return convert_into_sequence(c) + convert_into_sequence(o)


def _merge_extra_hosts(c, o, p):
    right = convert_into_sequence(c)
    left = [v for v in convert_into_sequence(o) if v not in right]
    return right + left


def _override(c, o, p):
    return o


def _merge_logging(c, o, p):
    if not isinstance(c, dict) or not isinstance(o, dict):
        return o
    if "driver" not in o or "driver" not in c or o.get("driver") == c.get("driver"):
        return merge_mappings(c, o, p)
    return o


def _to_build(v):
    if isinstance(v, str):
        return {"context": v}
    if isinstance(v, dict):
        return v
    return None


def _merge_build(c, o, p):
    base = _to_build(c)
    if base is None:
        return _to_build(o)
    return merge_mappings(base, _to_build(o) or {}, p)


_DEP_DEFAULT = {"condition": "service_started", "required": True}


def _merge_depends_on(c, o, p):
    right = convert_into_mapping(c, _DEP_DEFAULT)
    left = convert_into_mapping(o, _DEP_DEFAULT)
    if right is None:
        return left
    return merge_mappings(right, left or {}, p)


def _merge_map_of(c, o, p):
    right = convert_into_mapping(c, None)
    left = convert_into_mapping(o, None)
    if right is None:
        return left
    return merge_mappings(right, left or {}, p)


def _merge_ulimit(c, o, p):
    if isinstance(o, dict):
        return merge_mappings(o, o, p)
    return o


def _merge_ipam_config(c, o, p):
    if not isinstance(c, list) or not isinstance(o, list):
        raise ComposeError(f"{pathstr(p)}: unexpected type {type(c).__name__}")
    out: list = []
    for original in c:
        right = convert_into_mapping(original, None)
        for ov in o:
            left = convert_into_mapping(ov, None)
            if left.get("subnet") != right.get("subnet"):
                if not any(a.get("subnet") == left.get("subnet") for a in out):
                    out.append(left)
                    continue
            merged = merge_mappings(right, left, p)
            idx = next((i for i, a in enumerate(out) if a.get("subnet") == merged.get("subnet")), -1)
            if idx >= 0:
                out[idx] = merged
            else:
                out.append(merged)
    return out


_SPECIALS = [
    (("networks", STAR, "ipam", "config"), _merge_ipam_config),
    (("networks", STAR, "labels"), _merge_to_sequence),
    (("volumes", STAR, "labels"), _merge_to_sequence),
    ((S, STAR, "annotations"), _merge_to_sequence),
    ((S, STAR, "build"), _merge_build),
    ((S, STAR, "build", "args"), _merge_to_sequence),
    ((S, STAR, "build", "additional_contexts"), _merge_to_sequence),
    ((S, STAR, "build", "extra_hosts"), _merge_extra_hosts),
    ((S, STAR, "build", "labels"), _merge_to_sequence),
    ((S, STAR, "command"), _override),
    ((S, STAR, "depends_on"), _merge_depends_on),
    ((S, STAR, "deploy", "labels"), _merge_to_sequence),
    ((S, STAR, "dns"), _merge_to_sequence),
    ((S, STAR, "dns_opt"), _merge_to_sequence),
    ((S, STAR, "dns_search"), _merge_to_sequence),
    ((S, STAR, "entrypoint"), _override),
    ((S, STAR, "env_file"), _merge_to_sequence),
    ((S, STAR, "label_file"), _merge_to_sequence),
    ((S, STAR, "environment"), _merge_to_sequence),
    ((S, STAR, "extra_hosts"), _merge_extra_hosts),
    ((S, STAR, "healthcheck", "test"), _override),
    ((S, STAR, "labels"), _merge_to_sequence),
    ((S, STAR, "volumes", STAR, "volume", "labels"), _merge_to_sequence),
    ((S, STAR, "logging"), _merge_logging),
    ((S, STAR, "models"), _merge_map_of),
    ((S, STAR, "networks"), _merge_map_of),
    ((S, STAR, "sysctls"), _merge_to_sequence),
    ((S, STAR, "tmpfs"), _merge_to_sequence),
    ((S, STAR, "ulimits", STAR), _merge_ulimit),
]


def merge_yaml(e, o, p: tuple):
    for pat, fn in _SPECIALS:
        if matches(p, pat):
            return fn(e, o, p)
    if o is None:
        return e
    if isinstance(e, dict):
        if not isinstance(o, dict):
            raise ComposeError(f"cannot override {pathstr(p)}")
        return merge_mappings(e, o, p)
    if isinstance(e, list):
        if not isinstance(o, list):
            raise ComposeError(f"cannot override {pathstr(p)}")
        return e + o
    return o


def merge_mappings(mapping: dict, other: dict, p: tuple) -> dict:
    for k, v in other.items():
        if k not in mapping:
            mapping[k] = v
            continue
        mapping[k] = merge_yaml(mapping[k], v, p + (k,))
    return mapping


def merge(right: dict, left: dict) -> dict:
    return merge_yaml(right, left, ())


# ---------------------------------------------------------------------------------------------------------
# EnforceUnicity

def _kv_indexer(v, p):
    if isinstance(v, str):
        return v.partition("=")[0]
    raise ComposeError(f"{pathstr(p)}: unexpected type {_t(v)}")


def _t(v):
    from .canonical import _gotype

    return _gotype(v)


def _volume_indexer(v, p):
    if isinstance(v, dict):
        t = v.get("target")
        if not isinstance(t, str):
            raise ComposeError(f"service volume {pathstr(p)} is missing a mount target")
        return t
    if isinstance(v, str):
        return parse_volume(v).get("target", "")
    return ""


def _device_indexer(v, p):
    if isinstance(v, dict):
        t = v.get("target")
        if not isinstance(t, str):
            raise ComposeError(f"service device {pathstr(p)} is missing a mount target")
        return t
    if isinstance(v, str):
        arr = v.split(":")
        return arr[0] if len(arr) == 1 else arr[1]
    return ""


def _expose_indexer(v, p):
    if isinstance(v, str):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    raise ComposeError(f"{pathstr(p)}: unsupported expose value {go_fmt_s(v)}")


def _mount_indexer(default):
    def idx(v, p):
        if isinstance(v, str):
            return f"{default}/{v}"
        if isinstance(v, dict):
            if "target" in v:
                return v["target"]
            return f"{default}/{go_fmt_s(v.get('source'))}"
        raise ComposeError(f"{pathstr(p)}: unsupported expose value {go_fmt_s(v)}")
    return idx


def _port_indexer(v, p):
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    if isinstance(v, dict):
        if "target" not in v:
            raise ComposeError(f"service ports {pathstr(p)} is missing a target port")
        published = _go_s(v["published"]) if "published" in v else "%!s(<nil>)"
        host = _go_s(v.get("host_ip", "0.0.0.0"))
        proto = _go_s(v.get("protocol", "tcp"))
        return f"{host}:{published}:{_go_d(v['target'])}/{proto}"
    if isinstance(v, str):
        return v
    return ""


def _env_file_indexer(v, p):
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        if "path" in v:
            return v["path"]
        raise ComposeError(f"environment path attribute {pathstr(p)} is missing")
    return ""


_UNIQUE = [
    (("networks", STAR, "labels"), _kv_indexer),
    (("networks", STAR, "ipam", "options"), _kv_indexer),
    ((S, STAR, "annotations"), _kv_indexer),
    ((S, STAR, "build", "args"), _kv_indexer),
    ((S, STAR, "build", "additional_contexts"), _kv_indexer),
    ((S, STAR, "build", "platform"), _kv_indexer),
    ((S, STAR, "build", "tags"), _kv_indexer),
    ((S, STAR, "build", "labels"), _kv_indexer),
    ((S, STAR, "cap_add"), _kv_indexer),
    ((S, STAR, "cap_drop"), _kv_indexer),
    ((S, STAR, "configs"), _mount_indexer("")),
    ((S, STAR, "deploy", "labels"), _kv_indexer),
    ((S, STAR, "dns"), _kv_indexer),
    ((S, STAR, "dns_opt"), _kv_indexer),
    ((S, STAR, "dns_search"), _kv_indexer),
    ((S, STAR, "environment"), _kv_indexer),
    ((S, STAR, "env_file"), _env_file_indexer),
    ((S, STAR, "expose"), _expose_indexer),
    ((S, STAR, "labels"), _kv_indexer),
    ((S, STAR, "links"), _kv_indexer),
    ((S, STAR, "networks", STAR, "aliases"), _kv_indexer),
    ((S, STAR, "networks", STAR, "link_local_ips"), _kv_indexer),
    ((S, STAR, "ports"), _port_indexer),
    ((S, STAR, "profiles"), _kv_indexer),
    ((S, STAR, "secrets"), _mount_indexer("/run/secrets")),
    ((S, STAR, "sysctls"), _kv_indexer),
    ((S, STAR, "tmpfs"), _kv_indexer),
    ((S, STAR, "volumes"), _volume_indexer),
    ((S, STAR, "devices"), _device_indexer),
]


def enforce_unicity(v, p: tuple = ()):
    if isinstance(v, dict):
        for k in list(v):
            v[k] = enforce_unicity(v[k], p + (k,))
        return v
    if isinstance(v, list):
        for pat, idx in _UNIQUE:
            if matches(p, pat):
                seq: list = []
                keys: dict = {}
                for i, entry in enumerate(v):
                    key = idx(entry, p + (f"[{i}]",))
                    if key in keys:
                        seq[keys[key]] = entry
                    else:
                        seq.append(entry)
                        keys[key] = len(seq) - 1
                return seq
    return v
