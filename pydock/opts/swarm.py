"""`swarm init|join|update|ca` flags → the Engine API's swarm requests (docker's cli/command/swarm/opts.go).

Pure: no I/O except reading the PEM files a flag names (`--ca-cert`, `--external-ca cacert=`), as docker's
flag values do when they are set.
"""

from __future__ import annotations

from ._errors import OptionError

DEFAULT_LISTEN_ADDR = "0.0.0.0:2377"
AVAILABILITIES = ("active", "pause", "drain")
# the flags' defaults, which only count when a flag is given (docker merges changed flags only)
DEFAULTS = {"task_history_limit": 5, "dispatcher_heartbeat": 5_000_000_000, "max_snapshots": 0,
            "snapshot_interval": 10000, "cert_expiry": 90 * 24 * 3600 * 1_000_000_000}


def _csv(value: str) -> list[str]:
    """One record of Go's encoding/csv, as pflag's slices and docker's key=value lists read their value."""
    import csv

    if value == "":
        return []
    try:
        return next(csv.reader([value], strict=True))
    except csv.Error as e:
        raise OptionError(f"parse error on line 1: {e}") from None


def _url_problem(addr: str) -> str:
    """What Go's url.Parse says about `tcp://<addr>` when it refuses the host part, or ""."""
    hostport = addr.split("/", 1)[0]
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            return f"parse \"tcp://{addr}\": missing ']' in host"
        rest = hostport[end + 1:]
        if rest and (not rest.startswith(":") or not rest[1:].isdigit() and rest[1:]):
            return f'parse "tcp://{addr}": invalid port "{rest}" after host'
        return ""
    colon = hostport.rfind(":")
    if colon >= 0:
        port = hostport[colon + 1:]
        if port and not port.isascii() or port and not port.isdigit():
            return f'parse "tcp://{addr}": invalid port ":{port}" after host'
    return ""


def split_host_port(hostport: str) -> tuple[str, str]:
    """Go's net.SplitHostPort; ValueError when it fails."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0 or hostport[end + 1:end + 2] != ":" or "[" in hostport[1:end] or "]" in hostport[end + 1:]:
            raise ValueError(hostport)
        return hostport[1:end], hostport[end + 2:]
    colon = hostport.rfind(":")
    if colon < 0:
        raise ValueError(hostport)
    host, port = hostport[:colon], hostport[colon + 1:]
    if ":" in host or "[" in host or "]" in host or "[" in port or "]" in port:
        raise ValueError(hostport)
    return host, port


def join_host_port(host: str, port: str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def node_addr(value: str, default: str = DEFAULT_LISTEN_ADDR) -> str:
    """docker's NodeAddrOption (opts.ParseTCPAddr): `<ip|interface>[:port]`, missing parts from the default
    (`0.0.0.0:2377`), given back as host:port."""
    if value in ("", "tcp://"):
        return default
    addr = value[len("tcp://"):] if value.startswith("tcp://") else value
    if "://" in addr or not addr:
        raise OptionError(f"invalid proto, expected tcp: {value}")
    default_host, default_port = split_host_port(default)
    if addr.endswith("]:"):
        addr += default_port
    problem = _url_problem(addr)
    if problem:
        raise OptionError(problem)
    hostport, slash, path = addr.partition("/")
    try:
        host, port = split_host_port(hostport)
    except ValueError:
        try:
            host, port = split_host_port(join_host_port(hostport, default_port))
        except ValueError:
            raise OptionError(f"invalid bind address format: {value}") from None
    host = host or default_host
    port = port or default_port
    return join_host_port(host, port) + (slash + path if slash else "")


def ip_nets(value: str) -> list[str]:
    """pflag's ipNetSlice: comma-separated CIDRs, each given back as Go's IPNet.String() (the masked network)."""
    import ipaddress

    out = []
    for field in _csv(value):
        text = field.strip()
        try:
            if "/" not in text:
                raise ValueError(text)
            addr, _, bits = text.partition("/")
            if not bits.isdigit() or (len(bits) > 1 and bits[0] == "0"):
                raise ValueError(text)
            out.append(str(ipaddress.ip_interface(f"{addr}/{int(bits)}").network))
        except ValueError:
            raise OptionError(f"invalid string being converted to CIDR: {field}") from None
    return out


def read_pem(path: str, what: str = "") -> str:
    """A PEM file's contents; docker checks that it holds at least one PEM block."""
    import os

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        reason = os.strerror(e.errno).lower() if e.errno else str(e)
        raise OptionError(f"open {path}: {reason}") from None
    text = data.decode("utf-8", errors="replace")
    if "-----BEGIN " not in text or "-----END " not in text:
        raise OptionError(what or "file contents must be in PEM format")
    return text


def external_ca(value: str) -> dict:
    """docker's parseExternalCA: `protocol=cfssl,url=https://...[,cacert=file][,k=v]`."""
    fields = _csv(value)
    ca = {"Protocol": "", "URL": "", "Options": {}}
    has_protocol = has_url = False
    for field in fields:
        key, eq, val = field.partition("=")
        if not eq:
            raise OptionError(f"invalid field '{field}' must be a key=value pair")
        lower = key.lower()
        if lower == "protocol":
            has_protocol = True
            if val.lower() != "cfssl":
                raise OptionError(f"unrecognized external CA protocol {val}")
            ca["Protocol"] = "cfssl"
        elif lower == "url":
            has_url = True
            ca["URL"] = val
        elif lower == "cacert":
            try:
                ca["CACert"] = read_pem(val, "CA cert for external CA must be in PEM format")
            except OptionError as e:
                if "PEM" in str(e):
                    raise
                raise OptionError(f"unable to read CA cert for external CA: {e}") from None
        else:
            ca["Options"][key] = val
    if not has_protocol:
        raise OptionError("the external-ca option needs a protocol= parameter")
    if not has_url:
        raise OptionError("the external-ca option needs a url= parameter")
    return ca


def availability(value: str) -> str:
    """`--availability` of init and join: case-insensitive; checked when the command runs."""
    lower = value.lower()
    if lower not in AVAILABILITIES:
        raise OptionError(f'invalid availability "{value}", only active, pause and drain are supported')
    return lower


def merge_spec(spec: dict, changed: dict, ca_cert: str | None = None) -> dict:
    """docker's mergeSwarmSpec: the flags that were given (`changed`, by option name) set their fields of
    the swarm spec (the daemon's JSON, changed in place and returned)."""
    if "task_history_limit" in changed:
        spec.setdefault("Orchestration", {})["TaskHistoryRetentionLimit"] = changed["task_history_limit"]
    if "dispatcher_heartbeat" in changed:
        spec.setdefault("Dispatcher", {})["HeartbeatPeriod"] = changed["dispatcher_heartbeat"]
    if "max_snapshots" in changed:
        spec.setdefault("Raft", {})["KeepOldSnapshots"] = changed["max_snapshots"]
    if "snapshot_interval" in changed:
        spec.setdefault("Raft", {})["SnapshotInterval"] = changed["snapshot_interval"]
    if "autolock" in changed:
        spec.setdefault("EncryptionConfig", {})["AutoLockManagers"] = changed["autolock"]
    merge_ca(spec, changed, ca_cert)
    return spec


def merge_ca(spec: dict, changed: dict, ca_cert: str | None = None) -> None:
    """docker's mergeSwarmSpecCAFlags: `--cert-expiry`, `--external-ca` (each without a CA cert gets the
    cluster's root)."""
    if "cert_expiry" in changed:
        spec.setdefault("CAConfig", {})["NodeCertExpiry"] = changed["cert_expiry"]
    if "external_ca" in changed:
        cas = [dict(ca) for ca in changed["external_ca"]]
        if ca_cert is not None:
            for ca in cas:
                if not ca.get("CACert"):
                    ca["CACert"] = ca_cert
        spec.setdefault("CAConfig", {})["ExternalCAs"] = cas


def init_request(changed: dict, *, listen_addr: str = DEFAULT_LISTEN_ADDR, advertise_addr: str = "",
                 data_path_addr: str = "", data_path_port: int = 0, default_addr_pools=(),
                 force_new_cluster: bool = False, autolock: bool = False, availability_: str | None = None,
                 subnet_size: int = 24) -> dict:
    """The body of POST /swarm/init as docker builds it."""
    body = {"ListenAddr": listen_addr, "AdvertiseAddr": advertise_addr, "DataPathAddr": data_path_addr,
            "DataPathPort": data_path_port, "DefaultAddrPool": list(default_addr_pools),
            "ForceNewCluster": force_new_cluster, "Spec": merge_spec({}, changed), "AutoLockManagers": autolock,
            "SubnetSize": subnet_size}
    if availability_ is not None:
        body["Availability"] = availability(availability_)
    return body


def parse_uint32(text: str) -> int:
    from .units import parse_go_uint

    return parse_go_uint(text, 32)
