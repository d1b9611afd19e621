"""compose-go's typed model (types/*.go) as a table, and the step that turns the loader's plain dict into
what Go's encoders print: struct field order, `omitempty` (which differs between the JSON and YAML tags
and between Go's two encoders), custom marshallers (UnitBytes, Duration, EnvFile, ulimits, SSH keys ...)
and the conversions mapstructure applies while decoding (`DecodeMapstructure` hooks and the string/int
casts).

`shape(raw, "json")` gives the dict `config --format json` prints (the `Project.model`); `shape(raw,
"yaml")` gives the tree the YAML encoder walks (x-* extensions included, zero structs left out).
Both accept either the loader's raw dict or an already shaped JSON model (shaping is idempotent).
"""

from __future__ import annotations

import math
import re
import struct as _struct

from ...opts.gostrings import duration_string
from ..errors import ComposeError

# ---------------------------------------------------------------------------------------------------------
# the type table. A field is "name:type" plus flags: "!j" = no omitempty in JSON, "!y" = none in YAML,
# "-j" = not in JSON at all. "#ext" marks where the x-* extensions go (YAML only, `,inline`).

_FILE_OBJECT = ["name:s", "file:s", "environment:s", "content:s", "external:ext", "labels:labels", "driver:s",
                "driver_opts:{s}", "template_driver:s", "#ext"]
_FILE_REF = ["source:s", "target:s", "uid:s", "gid:s", "mode:*fmode", "#ext"]
_HOOK = ["command:cmd!j", "user:s", "privileged:b", "working_dir:s", "environment:mwe", "#ext"]

STRUCTS: dict[str, list[str]] = {
    "Service": [
        "profiles:[s]", "annotations:map", "attach:*b", "build:P.Build", "develop:P.Develop",
        "blkio_config:P.Blkio", "cap_add:[s]", "cap_drop:[s]", "cgroup_parent:s", "cgroup:s", "cpu_count:i",
        "cpu_percent:f32", "cpu_period:i", "cpu_quota:i", "cpu_rt_period:i", "cpu_rt_runtime:i", "cpus:f32",
        "cpuset:s", "cpu_shares:i", "command:cmd!j", "configs:[S.FileRef]", "container_name:s",
        "credential_spec:P.CredSpec", "depends_on:dependson", "deploy:P.Deploy", "device_cgroup_rules:[s]",
        "devices:[S.Device]", "dns:sl", "dns_opt:[s]", "dns_search:sl", "dockerfile:s", "domainname:s",
        "entrypoint:cmd!j", "provider:P.Provider", "environment:mwe", "env_file:envfiles", "expose:snl",
        "extends:P.Extends", "external_links:[s]", "extra_hosts:hosts", "group_add:[s]", "gpus:[S.DeviceRequest]",
        "hostname:s", "healthcheck:P.Healthcheck", "image:s", "init:*b", "ipc:s", "isolation:s",
        "labels:labels", "label_file:[s]", "links:[s]", "logging:P.Logging", "log_driver:s", "log_opt:{s}",
        "mem_limit:bytes", "mem_reservation:bytes", "memswap_limit:bytes", "mem_swappiness:bytes",
        "mac_address:s", "models:{P.ServiceModel}", "net:s", "network_mode:s", "networks:{P.ServiceNetwork}",
        "oom_kill_disable:b", "oom_score_adj:i", "pid:s", "pids_limit:i", "platform:s", "ports:[S.Port]",
        "privileged:b", "pull_policy:s", "read_only:b", "restart:s", "runtime:s", "scale:*i",
        "secrets:[S.FileRef]", "security_opt:[s]", "shm_size:bytes", "stdin_open:b", "stop_grace_period:*dur",
        "stop_signal:s", "storage_opt:{s}", "sysctls:map", "tmpfs:sl", "tty:b", "ulimits:{ulimit}",
        "use_api_socket:b", "user:s", "userns_mode:s", "uts:s", "volume_driver:s", "volumes:[S.Volume]",
        "volumes_from:[s]", "working_dir:s", "post_start:[S.Hook]", "pre_stop:[S.Hook]", "#ext"],
    "Provider": ["type:s", "options:mopts", "#ext"],
    "Build": [
        "context:s", "dockerfile:s", "dockerfile_inline:s", "entitlements:[s]", "args:mwe", "provenance:s",
        "sbom:s", "ssh:ssh", "labels:labels", "cache_from:sl", "cache_to:sl", "no_cache:b",
        "additional_contexts:map", "pull:b", "extra_hosts:hosts", "isolation:s", "network:s", "target:s",
        "secrets:[S.FileRef]", "shm_size:bytes", "tags:sl", "ulimits:{ulimit}", "platforms:sl",
        "privileged:b", "#ext"],
    "Blkio": ["weight:i", "weight_device:[S.WeightDevice]", "device_read_bps:[S.Throttle]",
              "device_read_iops:[S.Throttle]", "device_write_bps:[S.Throttle]", "device_write_iops:[S.Throttle]",
              "#ext"],
    "WeightDevice": ["Path:s!j!y", "Weight:i!j!y", "#ext"],
    "Throttle": ["Path:s!j!y", "Rate:bytes!j!y", "#ext"],
    "Device": ["source:s", "target:s", "permissions:s", "#ext"],
    "Logging": ["driver:s", "options:opts", "#ext"],
    "Deploy": ["mode:s", "replicas:*i", "labels:labels", "update_config:P.Update", "rollback_config:P.Update",
               "resources:S.Resources", "restart_policy:P.RestartPolicy", "placement:S.Placement",
               "endpoint_mode:s", "#ext"],
    "Update": ["parallelism:*i", "delay:dur", "failure_action:s", "monitor:dur", "max_failure_ratio:f32",
               "order:s", "#ext"],
    "Resources": ["limits:P.Resource", "reservations:P.Resource", "#ext"],
    "Resource": ["cpus:nano", "memory:bytes", "pids:i", "devices:[S.DeviceRequest]",
                 "generic_resources:[S.Generic]", "#ext"],
    "Generic": ["discrete_resource_spec:P.Discrete", "#ext"],
    "Discrete": ["kind:s!j!y", "value:i!j!y", "#ext"],
    "RestartPolicy": ["condition:s", "delay:*dur", "max_attempts:*i", "window:*dur", "#ext"],
    "Placement": ["constraints:[s]", "preferences:[S.Preference]", "max_replicas_per_node:i", "#ext"],
    "Preference": ["spread:s", "#ext"],
    "ServiceNetwork": ["aliases:[s]", "driver_opts:opts", "gw_priority:i", "interface_name:s",
                       "ipv4_address:s", "ipv6_address:s", "link_local_ips:[s]", "mac_address:s", "priority:i",
                       "#ext"],
    "Port": ["name:s", "mode:s", "host_ip:s", "target:i", "published:s", "protocol:s", "app_protocol:s", "#ext"],
    "Volume": ["type:s", "source:s", "target:s", "read_only:b", "consistency:s", "bind:P.Bind",
               "volume:P.VolumeOpts", "tmpfs:P.Tmpfs", "image:P.VolumeImage", "#ext"],
    "Bind": ["selinux:s", "propagation:s", "create_host_path:b", "recursive:s", "#ext"],
    "VolumeOpts": ["labels:map", "nocopy:b", "subpath:s", "#ext"],
    "Tmpfs": ["size:bytes", "mode:i", "#ext"],
    "VolumeImage": ["subpath:s", "#ext"],
    "FileRef": _FILE_REF,
    "Network": ["name:s", "driver:s", "driver_opts:opts", "ipam:S.Ipam", "external:ext", "internal:b",
                "attachable:b", "labels:labels", "enable_ipv4:*b", "enable_ipv6:*b", "#ext"],
    "Ipam": ["driver:s", "config:[P.IpamPool]", "#ext"],
    "IpamPool": ["subnet:s", "gateway:s", "ip_range:s", "aux_addresses:map", "#ext"],
    "VolumeTop": ["name:s", "driver:s", "driver_opts:opts", "external:ext", "labels:labels", "#ext"],
    "CredSpec": ["config:s", "file:s", "registry:s", "#ext"],
    "Secret": _FILE_OBJECT,
    "Config": _FILE_OBJECT,
    "Dependency": ["condition:s", "restart:b", "#ext", "required:b!j!y"],
    "Extends": ["file:s", "service:s"],
    "DeviceRequest": ["capabilities:[s]", "driver:s", "count:count", "device_ids:[s]", "options:map"],
    "Develop": ["watch:[S.Trigger]", "#ext"],
    "Trigger": ["path:s!j!y", "action:s!j!y", "target:s", "exec:S.Hook", "include:[s]", "ignore:[s]",
                "initial_sync:b", "#ext"],
    "Hook": _HOOK,
    "Model": ["name:s", "model:s", "context_size:i", "runtime_flags:[s]", "#ext"],
    "ServiceModel": ["endpoint_var:s", "model_var:s", "#ext"],
}

_PARSED: dict[str, list[tuple]] = {}


def _fields(name: str) -> list[tuple]:
    got = _PARSED.get(name)
    if got is None:
        got = []
        for spec in STRUCTS[name]:
            if spec == "#ext":
                got.append(("#ext", None, True, True))
                continue
            key, typ = spec.split(":", 1)
            jo = "!j" not in typ
            yo = "!y" not in typ
            typ = typ.replace("!j", "").replace("!y", "")
            got.append((key, typ, jo, yo))
        _PARSED[name] = got
    return got


# ---------------------------------------------------------------------------------------------------------
# Go value helpers


def go_sprint(v) -> str:
    """fmt.Sprint of a YAML-decoded value."""
    if v is None:
        return "<nil>"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        from ..serialize import float_g

        if v != v:
            return "NaN"
        if math.isinf(v):
            return "+Inf" if v > 0 else "-Inf"
        return float_g(v, getattr(v, "bits", 64))
    if isinstance(v, list):
        return "[" + " ".join(go_sprint(x) for x in v) + "]"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{go_sprint(v[k])}" for k in sorted(v)) + "]"
    return str(v)


def go_fmt_s(v) -> str:
    """fmt's `%s` of a YAML-decoded value: strings verbatim, other scalars as `%!s(int=1)`, containers
    element by element (`[a %!s(int=1)]`, `map[k:v]`)."""
    if isinstance(v, str):
        return v
    if v is None:
        return "%!s(<nil>)"
    if isinstance(v, list):
        return "[" + " ".join(go_fmt_s(x) for x in v) + "]"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{go_fmt_s(k)}:{go_fmt_s(v[k])}" for k in sorted(v, key=str)) + "]"
    typ = "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float64"
    return f"%!s({typ}={go_sprint(v)})"


def go_float(f: float, bits: int = 64) -> str:
    """strconv.FormatFloat(f, 'g'-like as encoding/json and fmt print it: shortest repr that round-trips."""
    if f != f:
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if bits == 32:
        r = _short32(f)
    else:
        r = repr(float(f))
    # Python repr: '1e+21', '1.5', '0.0001', '1e-05'
    mant, _, exp = r.partition("e")
    if mant.endswith(".0"):
        mant = mant[:-2]
    x = float(r)
    absx = abs(x)
    if absx != 0 and (absx < 1e-6 or absx >= 1e21):
        # exponent form like Go's json: 1e+21, 1e-07
        digits = _digits_exp(r)
        m, e = digits
        return f"{m}e{'+' if e >= 0 else '-'}{abs(e):02d}"
    if exp:
        # python chose exponent but Go wants plain
        return _plain(r)
    return mant


def _digits_exp(r: str):
    d = float(r)
    s = "%.17e" % d
    # shortest: use repr digits
    mant, _, e = r.partition("e")
    if not e:
        # compute manually
        sgn = "-" if d < 0 else ""
        digits = mant.lstrip("-").replace(".", "").lstrip("0").rstrip("0") or "0"
        exp = math.floor(math.log10(abs(d)))
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return sgn + m, exp
    if mant.endswith(".0"):
        mant = mant[:-2]
    del s
    return mant, int(e)


def _plain(r: str) -> str:
    from decimal import Decimal

    s = format(Decimal(r), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _short32(f: float) -> str:
    target = _struct.unpack("f", _struct.pack("f", f))[0]
    for p in range(1, 10):
        s = "%.*g" % (p, target)
        if _struct.unpack("f", _struct.pack("f", float(s)))[0] == target:
            return repr(float(s))
    return repr(target)


def _f32(v) -> float:
    """A float32 as the decimal Go prints for it (so the model equals json.loads of v2's output)."""
    return float(_short32(float(v)))


_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


def to_bool(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        if v in _TRUE:
            return True
        if v in _FALSE:
            return False
        raise ComposeError(f'strconv.ParseBool: parsing "{v}": invalid syntax')
    return bool(v)


def to_int(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    if isinstance(v, str):
        try:
            return int(v, 10)
        except ValueError:
            raise ComposeError(f'strconv.ParseInt: parsing "{v}": invalid syntax') from None
    return v


def to_float(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            raise ComposeError(f'strconv.ParseFloat: parsing "{v}": invalid syntax') from None
    return v


def to_str(v) -> str:
    if isinstance(v, str):
        return v
    if v is None:
        return ""
    return go_sprint(v)


# --- durations (str2duration + time.Duration.String) -----------------------------------------------------

_DUR_UNITS = {"ns": 1, "us": 1000, "µs": 1000, "μs": 1000, "ms": 10**6, "s": 10**9, "m": 60 * 10**9,
              "h": 3600 * 10**9, "d": 24 * 3600 * 10**9, "w": 7 * 24 * 3600 * 10**9}
_DUR_RE = re.compile(r"([0-9]*(?:\.[0-9]*)?)([a-zµμ]+)")


def parse_duration(v) -> int:
    s = go_sprint(v) if not isinstance(v, str) else v
    orig = s
    if s in ("0", ""):
        if s == "":
            raise ComposeError(f'time: invalid duration "{orig}"')
        return 0
    neg = False
    if s[0] in "+-":
        neg = s[0] == "-"
        s = s[1:]
    total = 0.0
    pos = 0
    if not s:
        raise ComposeError(f'time: invalid duration "{orig}"')
    while pos < len(s):
        m = _DUR_RE.match(s, pos)
        if not m or not m.group(1) or m.group(1) == "." or m.group(2) not in _DUR_UNITS:
            if m and m.group(1) and not m.group(2):
                raise ComposeError(f'time: missing unit in duration "{orig}"')
            if m and m.group(2) and m.group(2) not in _DUR_UNITS:
                raise ComposeError(f'time: unknown unit "{m.group(2)}" in duration "{orig}"')
            raise ComposeError(f'time: invalid duration "{orig}"')
        num = m.group(1)
        unit = _DUR_UNITS[m.group(2)]
        if "." in num:
            ip, _, fp = num.partition(".")
            total += int(ip or "0") * unit + (int(fp) * unit // 10 ** len(fp) if fp else 0)
        else:
            total += int(num) * unit
        pos = m.end()
    return int(-total if neg else total)


def format_duration(d: int) -> str:
    """Go's time.Duration.String()."""
    return duration_string(d)


# --- units.RAMInBytes ---------------------------------------------------------------------------------------

_RAM_RE = re.compile(r"^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")
_RAM_MULT = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4, "p": 1024**5}


def ram_in_bytes(v) -> int:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    s = str(v)
    m = _RAM_RE.match(s)
    if not m:
        raise ComposeError(f"invalid size: '{s}'")
    try:
        size = float(m.group(1))
    except ValueError:
        raise ComposeError(f"invalid size: '{s}'") from None
    unit = m.group(2)
    if unit:
        size *= _RAM_MULT[unit.lower()]
    return int(size)


# --- shell words (mattn/go-shellwords Parse, default settings) --------------------------------------------

def shell_split(line: str) -> list[str]:
    """go-shellwords Parse: quotes and backslashes; stops at an unquoted ; & | < >."""
    args: list[str] = []
    buf = ""
    escaped = double = single = False
    got = False
    for r in line:
        if escaped:
            buf += r
            escaped = False
            got = True
            continue
        if r == "\\":
            if single:
                buf += r
            else:
                escaped = True
            continue
        if r in " \t\r\n":
            if single or double:
                buf += r
            elif got:
                args.append(buf)
                buf = ""
                got = False
            continue
        if r == '"' and not single:
            double = not double
            got = True
            continue
        if r == "'" and not double:
            single = not single
            got = True
            continue
        if r in ";&|<>" and not (single or double):
            break
        buf += r
        got = True
    else:
        if escaped or single or double:
            raise ComposeError("invalid command line string")
    if got:
        args.append(buf)
    return args


# ---------------------------------------------------------------------------------------------------------
# conversions: raw (YAML-ish) value -> Go typed value, rendered in the mode's form


def _is_ext(k) -> bool:
    return isinstance(k, str) and k.startswith("x-")


def shape_struct(raw, name: str, mode: str) -> dict:
    """Struct value (not pointer) -> ordered dict of the encoder's view (YAML: a YamlMap, kept in order)."""
    from ..serialize import YamlMap

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    raw = _pre(name, raw)
    out: dict = YamlMap() if mode == "yaml" else {}
    has_ext = False
    for key, typ, jo, yo in _fields(name):
        if key == "#ext":
            has_ext = True
            continue
        src = key
        if key not in raw and key[0].isupper():  # no yaml tag: mapstructure matches the field name
            src = next((k for k in raw if isinstance(k, str) and k.lower() == key.lower()), key)
        if src not in raw:
            present = False
            val = None
        else:
            present = True
            val = raw[src]
        omitempty = jo if mode == "json" else yo
        has, shaped = _shape_field(val, present, typ, mode, omitempty)
        if has:
            # untagged fields: JSON uses the Go field name, yaml.v3 its lowercase
            out[key.lower() if mode == "yaml" else key] = shaped
    if has_ext and mode == "yaml":  # yaml.v3 writes an inline map after every field
        for k, v in raw.items():
            if _is_ext(k):
                out[k] = v
    return out


def sorted_any(v):
    """A decoded YAML value (an extension) as encoding/json writes a map[string]any: keys sorted."""
    if isinstance(v, dict):
        return {k: sorted_any(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sorted_any(x) for x in v]
    return v


_ZERO_SCALARS = {"s": "", "i": 0, "f32": 0.0, "b": False}


def _shape_field(val, present: bool, typ: str, mode: str, omitempty: bool):
    """(emit?, value) for one struct field."""
    shaped, zero = shape_value(val if present else None, typ, mode, absent=not present)
    if omitempty and zero:
        return False, None
    return True, shaped


def shape_value(val, typ: str, mode: str, absent: bool = False):
    """-> (shaped value, is_zero) for a Go field of type `typ` decoded from `val`."""
    if typ == "s":
        s = to_str(val) if val is not None else ""
        return s, s == ""
    if typ == "i":
        n = to_int(val) if val is not None else 0
        return n, n == 0
    if typ == "f32":
        f = _f32(to_float(val)) if val is not None else 0.0
        return GoFloat(f, 32), f == 0.0
    if typ == "b":
        b = to_bool(val) if val is not None else False
        return b, b is False
    if typ == "ext":
        if isinstance(val, dict):  # external: {name: x} (old form) -> true
            b = True
        else:
            b = to_bool(val) if val is not None else False
        return b, b is False
    if typ in ("*i", "*b"):
        if val is None:
            return None, True
        return (to_int(val) if typ == "*i" else to_bool(val)), False
    if typ == "*dur":
        if val is None:
            return None, True
        return format_duration(parse_duration(val)), False
    if typ == "dur":
        d = parse_duration(val) if val is not None else 0
        return format_duration(d), d == 0
    if typ == "bytes":
        n = ram_in_bytes(val) if val is not None else 0
        return str(n), n == 0
    if typ == "nano":
        f = _f32(to_float(val)) if val is not None else 0.0
        return GoFloat(f, 32), f == 0.0
    if typ == "count":
        if val is None:
            return 0, True
        if isinstance(val, str):
            n = -1 if val.lower() == "all" else to_int(val)
        else:
            n = to_int(val)
        return n, n == 0
    if typ == "*fmode":
        if val is None:
            return None, True
        if isinstance(val, str):
            n = int(val, 8) if not val.startswith("0o") else int(val[2:], 8)
        else:
            n = int(val)
        return "0" + format(n, "o"), False
    if typ == "cmd":
        if val is None:
            return None, True
        if isinstance(val, str):
            return shell_split(val), False
        return [to_str(x) for x in val], False
    if typ == "mwe":
        m = decode_mwe(val) if val is not None else None
        if m is None:
            return None, True
        return {k: m[k] for k in sorted(m)}, len(m) == 0
    if typ in ("map", "labels", "opts"):
        m = decode_mapping(val, typ) if val is not None else None
        if m is None:
            return None, True
        return {k: m[k] for k in sorted(m)}, len(m) == 0
    if typ == "mopts":
        if not isinstance(val, dict):
            return None, True
        m = {}
        for k in sorted(val):
            e = val[k]
            m[k] = [to_str(x) for x in e] if isinstance(e, list) else [to_str(e)]
        return m, len(m) == 0
    if typ == "sl":
        if val is None:
            return None, True
        lst = [val] if isinstance(val, str) else [to_str(x) for x in val]
        return lst, len(lst) == 0
    if typ == "snl":
        if val is None:
            return None, True
        lst = [val] if isinstance(val, str) else [to_str(x) for x in val]
        return lst, len(lst) == 0
    if typ == "hosts":
        if val is None:
            return None, True
        lst = decode_hosts(val)
        return lst, len(lst) == 0
    if typ == "envfiles":
        if val is None:
            return None, True
        items = val if isinstance(val, list) else [val]
        out = []
        for e in items:
            if isinstance(e, str):
                e = {"path": e, "required": True}
            req = to_bool(e.get("required", False)) if e.get("required") is not None else False
            path = to_str(e.get("path", ""))
            fmt = to_str(e.get("format", "")) if e.get("format") is not None else ""
            if req:
                out.append(path)
            elif mode == "yaml":
                out.append({"path": path, "required": False})  # a Go map: keys sorted
            else:
                d = {}
                if path:
                    d["path"] = path
                d["required"] = False
                if fmt:
                    d["format"] = fmt
                out.append(d)
        return out, len(out) == 0
    if typ == "ssh":
        if val is None:
            return None, True
        if isinstance(val, list):
            # already shaped (json: "id" or "id: path")
            return [x for x in val], len(val) == 0
        out = []
        for k in val:  # Go ranges over the map: order is random; sort for stability
            p = val[k]
            out.append(k if p is None or p == "" else f"{k}: {to_str(p)}")
        out.sort()
        return out, len(out) == 0
    if typ == "ulimit":
        if val is None:
            return None, False
        if not isinstance(val, dict) and to_int(val) == 0:
            val = {}
        if isinstance(val, dict):
            soft = to_int(val.get("soft", 0) or 0)
            hard = to_int(val.get("hard", 0) or 0)
            if mode == "yaml":
                from ..serialize import YamlMap

                return YamlMap(soft=soft, hard=hard), False
            d = {}
            if soft:
                d["soft"] = soft
            if hard:
                d["hard"] = hard
            return d, False
        return to_int(val), False
    if typ == "dependson":
        if val is None:
            return None, True
        if isinstance(val, list):
            val = {k: {"condition": "service_started", "required": True} for k in val}
        out = {}
        for k in sorted(val):
            out[k] = shape_struct(val[k] or {}, "Dependency", mode)
        return out, len(out) == 0
    if typ == "any":
        return val, val is None
    if typ.startswith("["):
        inner = typ[1:-1]
        if val is None:
            return None, True
        if not isinstance(val, list):
            val = [val]
        out = [shape_value(x, inner, mode)[0] for x in val]
        return out, len(out) == 0
    if typ.startswith("{"):
        inner = typ[1:-1]
        if val is None:
            return None, True
        if isinstance(val, list):
            val = {k: None for k in val}
        out = {}
        for k in sorted(val):
            out[k] = shape_value(val[k], inner, mode)[0]
        return out, len(out) == 0
    if typ.startswith("P."):
        if val is None:
            return None, True
        name = typ[2:]
        return shape_struct(_pre(name, val), name, mode), False
    if typ.startswith("S."):
        name = typ[2:]
        d = shape_struct(_pre(name, val), name, mode)
        if mode == "yaml":
            return d, _yaml_zero(d)
        return d, False  # encoding/json never omits a struct
    raise AssertionError(typ)


def _yaml_zero(d) -> bool:
    """yaml.v3 isZero on a struct: every field zero (after our own omission, an empty dict)."""
    if not d:
        return True
    for v in d.values():
        if v in (None, "", 0, False) and not isinstance(v, GoFloat):
            continue
        if isinstance(v, GoFloat) and v.value == 0:
            continue
        if isinstance(v, (list, dict)) and not v:
            continue
        if isinstance(v, dict) and _yaml_zero(v):
            continue
        return False
    return True


def _pre(name: str, val):
    """Decode hooks that reshape a struct's input before field decoding."""
    if name == "Healthcheck" and isinstance(val, dict) and "test" in val:
        t = val["test"]
        if isinstance(t, str):
            val = dict(val)
            val["test"] = ["CMD-SHELL", t]
    if name == "Config" and isinstance(val, dict) and val.get("environment") and "content" in val:
        # ConfigObjConfig.MarshalJSON/YAML: content read from the environment is not marshalled
        val = {k: v for k, v in val.items() if k != "content"}
    if name == "Secret" and isinstance(val, dict) and "x-#value" in val:
        # the secret's content taken from the environment is not marshalled
        val = {k: v for k, v in val.items() if k != "x-#value"}
    return val


STRUCTS["Healthcheck"] = ["test:[s]", "timeout:*dur", "interval:*dur", "retries:*i", "start_period:*dur",
                          "start_interval:*dur", "disable:b", "#ext"]


def decode_mwe(val):
    if isinstance(val, dict):
        return {k: (None if e is None else to_str(e)) for k, e in val.items()}
    if isinstance(val, list):
        out = {}
        for s in val:
            s = to_str(s)
            k, eq, e = s.partition("=")
            if k and k[-1].isspace():
                raise ComposeError(f"environment variable {k} is declared with a trailing space")
            out[k] = e if eq else None
        return out
    raise ComposeError(f"unexpected value type {type(val).__name__} for mapping")


def decode_mapping(val, typ):
    if isinstance(val, dict):
        return {k: ("" if e is None else to_str(e)) for k, e in val.items()}
    if isinstance(val, list):
        out = {}
        for s in val:
            k, _, e = to_str(s).partition("=")
            out[k] = e
        return out
    raise ComposeError(f"unexpected value type {type(val).__name__} for {'labels' if typ == 'labels' else 'mapping'}")


def decode_hosts(val) -> list[str]:
    hosts: dict[str, list[str]] = {}
    if isinstance(val, dict):
        for k, e in val.items():
            if e is None:
                e = ""
            hosts[k] = [to_str(x) for x in e] if isinstance(e, list) else [to_str(e)]
    else:
        for s in val:
            s = to_str(s)
            for sep in ("=", ":"):
                host, found, ip = s.partition(sep)
                if found:
                    hosts.setdefault(host, []).extend(ip.split(","))
                    break
            else:
                raise ComposeError(f"invalid additional host, missing IP: {s}")
    out = []
    for host, ips in hosts.items():
        if host == "" or ":" in host or "=" in host:
            raise ComposeError(f"bad host name '{host}'")
        for ip in ips:
            if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]":
                ip = ip[1:-1]
            out.append(f"{host}={ip}")
    out.sort()
    return out


class GoFloat(float):
    """A float that remembers its Go width, so the encoders print it the way strconv does."""

    def __new__(cls, value, bits=64):
        obj = float.__new__(cls, value)
        obj.bits = bits
        return obj

    @property
    def value(self):
        return float(self)

    def go(self) -> str:
        return go_float(float(self), self.bits)


# ---------------------------------------------------------------------------------------------------------
# the project

def shape_project(raw: dict, mode: str) -> dict:
    """The whole project as the encoder sees it: JSON keys sorted (a Go map), YAML in struct order."""
    services = raw.get("services") or {}
    svc = {k: shape_struct(services[k], "Service", mode) for k in sorted(services)}
    parts = [("networks", "Network"), ("volumes", "VolumeTop"), ("secrets", "Secret"), ("configs", "Config"),
             ("models", "Model")]
    tops = {}
    for key, typ in parts:
        m = raw.get(key) or {}
        if m:
            tops[key] = {k: shape_struct(m[k], typ, mode) for k in sorted(m)}
    exts = {k: v for k, v in raw.items() if _is_ext(k)}
    if mode == "json":
        out = {"name": raw.get("name", ""), "services": svc}
        for key, _ in parts:
            if key in tops and key != "models":
                out[key] = tops[key]
        out.update({k: sorted_any(v) for k, v in exts.items()})
        return {k: out[k] for k in sorted(out)}
    from ..serialize import YamlMap

    out = YamlMap()
    if raw.get("name"):
        out["name"] = raw["name"]
    out["services"] = svc
    for key, _ in parts:
        if key in tops:
            out[key] = tops[key]
    for k in sorted(exts):
        out[k] = exts[k]
    return out
