"""All parsed create/run flag values → the JSON body of `POST /containers/create`, exactly as docker 28
sends it: Config fields at the top level, then "HostConfig" and "NetworkingConfig", in Go's field order
(maps sorted by key, as Go's encoder writes them). Pure: files arrive as contents, the working directory
and the client environment as values. Errors are OptionError with docker's messages, raised in the
order docker's `parse()` checks them."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from ..record import Record
from . import env as envopts
from . import mounts, network, ports
from ._errors import OptionError
from .restart import is_none, parse_restart_policy

PULL_CHOICES = ("always", "missing", "never")
NAMESPACE_MODES = (("pid", "--pid: invalid PID mode"), ("uts", "--uts: invalid UTS mode"),
                   ("userns", "--userns: invalid USER mode"), ("cgroupns", "--cgroupns: invalid CGROUP mode"))
_NO_VALUES: Mapping = MappingProxyType({})  # an empty mapping no instance can change
HEALTH_DURATIONS = ("health_interval", "health_timeout", "health_retries", "health_start_period",
                    "health_start_interval")



class CreateRequest(Record):
    name: str | None
    platform: str | None
    pull: str  # "missing" | "always" | "never"
    body: dict
    cidfile: str | None
    warnings: tuple[str, ...] = ()
    requires: tuple[tuple[str, str], ...] = ()  # (flag, minimum API version or "windows") to check first
    use_api_socket: bool = False


class ContainerOptions(Record):
    """Every create/run flag, already converted by its flag type (sizes in bytes, durations in ns,
    validated lists). Defaults are docker's. Files are (name, contents-or-error) pairs.

    A Record, not a dataclass: for a hundred fields dataclass() would write and compile an __init__,
    __eq__ and __repr__ on every `run` and `create`, about 12 ms."""

    image: str = ""
    command: tuple[str, ...] = ()
    cwd: str = "/"
    environ: Mapping[str, str] = _NO_VALUES
    proxies: Mapping[str, str] = _NO_VALUES
    # process and identity
    attach: tuple[str, ...] = ()
    interactive: bool = False
    tty: bool = False
    entrypoint: str | None = None
    workdir: str = ""
    user: str = ""
    hostname: str = ""
    domainname: str = ""
    env: tuple[str, ...] = ()
    env_file: tuple[tuple[str, object], ...] = ()
    label: tuple[str, ...] = ()
    label_file: tuple[tuple[str, object], ...] = ()
    stop_signal: str = ""
    stop_timeout: int | None = None
    rm: bool = False
    restart: str = "no"
    init: bool | None = None
    cidfile: str = ""
    # health
    health_cmd: str = ""
    health_interval: int = 0
    health_timeout: int = 0
    health_start_period: int = 0
    health_start_interval: int = 0
    health_retries: int = 0
    no_healthcheck: bool = False
    # storage
    volume: tuple[str, ...] = ()
    mount: tuple[str, ...] = ()
    tmpfs: tuple[str, ...] = ()
    volumes_from: tuple[str, ...] = ()
    volume_driver: str = ""
    storage_opt: tuple[str, ...] = ()
    read_only: bool = False
    # network
    publish: tuple[str, ...] = ()
    publish_all: bool = False
    expose: tuple[str, ...] = ()
    network: tuple[network.Attachment, ...] = ()
    network_alias: tuple[str, ...] = ()
    ip: str = ""
    ip6: str = ""
    mac_address: str = ""
    link: tuple[str, ...] = ()
    link_local_ip: tuple[str, ...] = ()
    add_host: tuple[str, ...] = ()
    dns: tuple[str, ...] = ()
    dns_option: tuple[str, ...] = ()
    dns_search: tuple[str, ...] = ()
    # security and namespaces
    privileged: bool = False
    cap_add: tuple[str, ...] = ()
    cap_drop: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()
    seccomp_files: Mapping[str, object] = _NO_VALUES
    group_add: tuple[str, ...] = ()
    pid: str = ""
    ipc: str = ""
    uts: str = ""
    userns: str = ""
    cgroupns: str = ""
    cgroup_parent: str = ""
    sysctl: tuple[str, ...] = ()
    ulimit: tuple[dict, ...] = ()
    runtime: str = ""
    isolation: str = ""
    annotation: tuple[str, ...] = ()
    # logging
    log_driver: str = ""
    log_opt: tuple[str, ...] = ()
    # resources
    memory: int = 0
    memory_reservation: int = 0
    memory_swap: int = 0
    memory_swappiness: int = -1
    kernel_memory: int = 0
    shm_size: int = 0
    oom_kill_disable: bool = False
    oom_score_adj: int = 0
    cpus: int = 0
    cpu_shares: int = 0
    cpu_period: int = 0
    cpu_quota: int = 0
    cpu_rt_period: int = 0
    cpu_rt_runtime: int = 0
    cpu_count: int = 0
    cpu_percent: int = 0
    cpuset_cpus: str = ""
    cpuset_mems: str = ""
    pids_limit: int = 0
    blkio_weight: int = 0
    blkio_weight_device: tuple[dict, ...] = ()
    device_read_bps: tuple[dict, ...] = ()
    device_write_bps: tuple[dict, ...] = ()
    device_read_iops: tuple[dict, ...] = ()
    device_write_iops: tuple[dict, ...] = ()
    io_maxbandwidth: int = 0
    io_maxiops: int = 0
    device: tuple[str, ...] = ()
    device_cgroup_rule: tuple[str, ...] = ()
    gpus: tuple[dict, ...] = ()


FIELDS = frozenset(ContainerOptions.__annotations__)  # every flag's field name


def validate_attach(value: str) -> str:
    """`-a stdin|stdout|stderr`, any case; kept lower-cased."""
    if value.lower() not in ("stdin", "stdout", "stderr"):
        raise OptionError("valid streams are STDIN, STDOUT and STDERR")
    return value.lower()


def build_request(o: ContainerOptions, *, name: str | None = None, platform: str | None = None,
                  pull: str = "missing") -> CreateRequest:
    """The whole create request; OptionError (docker's message) for anything docker refuses."""
    if pull not in PULL_CHOICES + ("",):
        raise OptionError(f"invalid pull option: '{pull}': must be one of \"always\", \"missing\" or \"never\"")
    body = build_body(o)
    warnings = tuple(localhost_dns_warning(o.dns))
    # an empty --pull passes docker's check but matches no mode: a missing image is then never pulled
    return CreateRequest(name=name or None, platform=platform or None, pull=pull or "never", body=body,
                         cidfile=o.cidfile or None, warnings=warnings)


class _Parsed:
    """Values computed in docker's checking order, assembled into the body afterwards."""

    def __init__(self) -> None:
        self.binds: list | None = None
        self.volumes: dict = {}
        self.exposed: dict = {}
        self.bindings: dict = {}
        self.devices: list = []
        self.cdi: list = []
        self.env: list | None = None
        self.labels: dict = {}
        self.restart: dict = {}
        self.log_config: dict = {}
        self.security_opt: list | None = None
        self.masked_paths: list | None = None
        self.readonly_paths: list | None = None
        self.storage_opt: dict = {}
        self.healthcheck: dict | None = None
        self.endpoints: dict = {}


def build_body(o: ContainerOptions) -> dict:
    p = _parse(o)
    config = _config(o, p)
    config["HostConfig"] = _host_config(o, p)
    config["NetworkingConfig"] = {"EndpointsConfig": p.endpoints}
    main = _main_network_name(network.network_mode(o.network))
    if main in p.endpoints and p.endpoints[main]["MacAddress"]:
        config = _with_mac(config, p.endpoints[main]["MacAddress"])
    return config


def _parse(o: ContainerOptions) -> _Parsed:
    """Every check of docker's parse(), in its order."""
    p = _Parsed()
    if o.mac_address and not network.valid_mac(o.mac_address):
        raise OptionError(f"{o.mac_address} is not a valid mac address")
    if o.memory_swappiness != -1 and not 0 <= o.memory_swappiness <= 100:
        raise OptionError(f"invalid value: {o.memory_swappiness}. Valid memory swappiness range is 0-100")
    binds, p.volumes = mounts.parse_volumes(o.volume, o.cwd)
    p.binds = binds or None
    p.exposed, p.bindings = ports.parse_publish(o.publish)
    p.exposed = ports.parse_expose(o.expose, p.exposed)
    p.devices, p.cdi = _devices(o.device)
    p.env = _env(o)
    p.labels = _labels(o)
    _check_namespaces(o)
    p.restart = parse_restart_policy(o.restart)
    p.log_config = _log_config(o)
    p.security_opt, p.masked_paths, p.readonly_paths = _security_opts(o)
    p.storage_opt = _storage_opts(o.storage_opt)
    p.healthcheck = _healthcheck(o)
    if o.rm and not is_none(p.restart):
        raise OptionError("conflicting options: cannot specify both --restart and --rm")
    p.endpoints = _endpoints(o)
    return p


# -- Config -----------------------------------------------------------------------------------------

def _config(o: ContainerOptions, p: _Parsed) -> dict:
    stdin = "stdin" in o.attach or o.interactive
    out = {"Hostname": o.hostname, "Domainname": o.domainname, "User": o.user, "AttachStdin": stdin,
           "AttachStdout": "stdout" in o.attach or not o.attach,
           "AttachStderr": "stderr" in o.attach or not o.attach}
    if p.exposed:
        out["ExposedPorts"] = dict(sorted(p.exposed.items()))
    out |= {"Tty": o.tty, "OpenStdin": o.interactive, "StdinOnce": o.interactive and stdin, "Env": p.env,
            "Cmd": list(o.command) or None}
    if p.healthcheck is not None:
        out["Healthcheck"] = p.healthcheck
    out |= {"Image": o.image, "Volumes": dict(sorted(p.volumes.items())), "WorkingDir": o.workdir,
            "Entrypoint": None if o.entrypoint is None else [o.entrypoint], "OnBuild": None,
            "Labels": dict(sorted(p.labels.items()))}
    if o.stop_signal:
        out["StopSignal"] = o.stop_signal
    if o.stop_timeout is not None:
        out["StopTimeout"] = o.stop_timeout
    return out


def _with_mac(config: dict, mac: str) -> dict:
    """Config.MacAddress (omitempty) sits after NetworkDisabled, before OnBuild."""
    out = {}
    for key, value in config.items():
        if key == "OnBuild":
            out["MacAddress"] = mac
        out[key] = value
    return out


def _main_network_name(mode: str) -> str:
    return "container" if mode.startswith("container:") else mode


def _env(o: ContainerOptions) -> list | None:
    """--env-file entries (file order, not de-duplicated), then the de-duplicated -e list."""
    from_files = envopts.read_kv_files(o.env_file, o.environ.get)
    flags = [envopts.validate_env(value, o.environ) for value in o.env]
    return (from_files + envopts.merge_env_flags(flags, o.proxies)) or None


def _labels(o: ContainerOptions) -> dict:
    from_files = envopts.read_kv_files(o.label_file, None)
    return envopts.labels_map(from_files + list(o.label))


def _healthcheck(o: ContainerOptions) -> dict | None:
    durations = {"Interval": o.health_interval, "Timeout": o.health_timeout,
                 "StartPeriod": o.health_start_period, "StartInterval": o.health_start_interval}
    have = bool(o.health_cmd) or any(durations.values()) or o.health_retries != 0
    if o.no_healthcheck:
        if have:
            raise OptionError("--no-healthcheck conflicts with --health-* options")
        return {"Test": ["NONE"]}
    if not have:
        return None
    for flag, value in (("interval", o.health_interval), ("timeout", o.health_timeout),
                        ("retries", o.health_retries), ("start-period", o.health_start_period),
                        ("start-interval", o.health_start_interval)):
        if value < 0:
            raise OptionError(f"--health-{flag} cannot be negative")
    out: dict = {"Test": ["CMD-SHELL", o.health_cmd]} if o.health_cmd else {}
    out |= {k: v for k, v in durations.items() if v}
    if o.health_retries:
        out["Retries"] = o.health_retries
    return out


# -- HostConfig -------------------------------------------------------------------------------------

def _host_config(o: ContainerOptions, p: _Parsed) -> dict:
    out = {"Binds": p.binds, "ContainerIDFile": o.cidfile, "LogConfig": p.log_config,
           "NetworkMode": network.network_mode(o.network), "PortBindings": dict(sorted(p.bindings.items())),
           "RestartPolicy": p.restart, "AutoRemove": o.rm, "VolumeDriver": o.volume_driver,
           "VolumesFrom": list(o.volumes_from) or None, "ConsoleSize": [0, 0]}
    if o.annotation:
        out["Annotations"] = dict(sorted(envopts.labels_map(o.annotation).items()))
    out |= _host_namespaces(o, p)
    out |= _resources(o, p)
    if o.mount:
        out["Mounts"] = [mounts.parse_mount(m, o.cwd)[0] for m in o.mount]
    out |= {"MaskedPaths": p.masked_paths, "ReadonlyPaths": p.readonly_paths}
    if o.init is not None:
        out["Init"] = o.init
    return out


def _host_namespaces(o: ContainerOptions, p: _Parsed) -> dict:
    out = {"CapAdd": normalize_capabilities(o.cap_add), "CapDrop": normalize_capabilities(o.cap_drop),
           "CgroupnsMode": o.cgroupns, "Dns": list(o.dns), "DnsOptions": list(o.dns_option),
           "DnsSearch": list(o.dns_search), "ExtraHosts": list(o.add_host) or None,
           "GroupAdd": list(o.group_add) or None, "IpcMode": o.ipc, "Cgroup": "", "Links": list(o.link) or None,
           "OomScoreAdj": o.oom_score_adj, "PidMode": o.pid, "Privileged": o.privileged,
           "PublishAllPorts": o.publish_all, "ReadonlyRootfs": o.read_only, "SecurityOpt": p.security_opt}
    if p.storage_opt:
        out["StorageOpt"] = dict(sorted(p.storage_opt.items()))
    tmpfs = mounts.parse_tmpfs(o.tmpfs)
    if tmpfs:
        out["Tmpfs"] = dict(sorted(tmpfs.items()))
    out |= {"UTSMode": o.uts, "UsernsMode": o.userns, "ShmSize": o.shm_size}
    if o.sysctl:
        out["Sysctls"] = dict(sorted(envopts.labels_map(o.sysctl).items()))
    if o.runtime:
        out["Runtime"] = o.runtime
    out["Isolation"] = o.isolation
    return out


def _resources(o: ContainerOptions, p: _Parsed) -> dict:
    from .ulimits import ulimit_list

    out = {"CpuShares": o.cpu_shares, "Memory": o.memory, "NanoCpus": o.cpus, "CgroupParent": o.cgroup_parent,
           "BlkioWeight": o.blkio_weight, "BlkioWeightDevice": list(o.blkio_weight_device),
           "BlkioDeviceReadBps": list(o.device_read_bps), "BlkioDeviceWriteBps": list(o.device_write_bps),
           "BlkioDeviceReadIOps": list(o.device_read_iops), "BlkioDeviceWriteIOps": list(o.device_write_iops),
           "CpuPeriod": o.cpu_period, "CpuQuota": o.cpu_quota, "CpuRealtimePeriod": o.cpu_rt_period,
           "CpuRealtimeRuntime": o.cpu_rt_runtime, "CpusetCpus": o.cpuset_cpus, "CpusetMems": o.cpuset_mems,
           "Devices": p.devices, "DeviceCgroupRules": list(o.device_cgroup_rule) or None,
           "DeviceRequests": _device_requests(o, p)}
    if o.kernel_memory:
        out["KernelMemory"] = o.kernel_memory
    out |= {"MemoryReservation": o.memory_reservation, "MemorySwap": o.memory_swap,
            "MemorySwappiness": o.memory_swappiness, "OomKillDisable": o.oom_kill_disable,
            "PidsLimit": o.pids_limit, "Ulimits": ulimit_list(o.ulimit), "CpuCount": o.cpu_count,
            "CpuPercent": o.cpu_percent, "IOMaximumIOps": o.io_maxiops, "IOMaximumBandwidth": o.io_maxbandwidth}
    return out


def _device_requests(o: ContainerOptions, p: _Parsed) -> list | None:
    requests = [dict(g) for g in o.gpus]
    if p.cdi:
        requests.append({"Driver": "cdi", "Count": 0, "DeviceIDs": p.cdi, "Capabilities": None, "Options": None})
    return requests or None


def _devices(values: tuple[str, ...]) -> tuple[list, list]:
    from .devices import is_cdi_name, parse_device, validate_device_path

    mappings, cdi = [], []
    for value in values:
        if is_cdi_name(value):
            cdi.append(value)
        else:
            mappings.append(parse_device(validate_device_path(value)))
    return mappings, cdi


def _check_namespaces(o: ContainerOptions) -> None:
    valid = {"pid": o.pid in ("", "host") or (o.pid.startswith("container:") and o.pid != "container:"),
             "uts": o.uts in ("", "host"), "userns": o.userns in ("", "host"),
             "cgroupns": o.cgroupns in ("", "host", "private")}
    for name, message in NAMESPACE_MODES:
        if not valid[name]:
            raise OptionError(message)


def _log_config(o: ContainerOptions) -> dict:
    if o.log_driver == "none" and o.log_opt:
        raise OptionError(f"invalid logging opts for driver {o.log_driver}")
    return {"Type": o.log_driver, "Config": dict(sorted(envopts.labels_map(o.log_opt).items()))}


def _storage_opts(values: tuple[str, ...]) -> dict:
    result = {}
    for value in values:
        key, eq, val = value.partition("=")
        if not eq:
            raise OptionError("invalid storage option")
        result[key] = val
    return result


def normalize_capabilities(caps: tuple[str, ...]) -> list | None:
    """The Go client's normalizeCapabilities: upper-case, `CAP_` prefix (not for ALL), unique, sorted."""
    normalized = {c if c == "ALL" or c.startswith("CAP_") else "CAP_" + c for c in (x.upper() for x in caps)}
    return sorted(normalized) or None


# -- security options -------------------------------------------------------------------------------

def _security_opts(o: ContainerOptions) -> tuple[list | None, list | None, list | None]:
    """parseSecurityOpts (seccomp profiles inlined) then parseSystemPaths (`systempaths=unconfined`)."""
    if not o.security_opt:
        return None, None, None
    opts = [security_opt(value, o.seccomp_files) for value in o.security_opt]
    masked = readonly = None
    if "systempaths=unconfined" in opts:
        masked, readonly = [], []
    return [v for v in opts if v != "systempaths=unconfined"], masked, readonly


def security_opt(value: str, files: Mapping[str, object], *, compose: bool = False) -> str:
    """parseSecurityOpts for one value, seccomp profiles inlined (compacted) from `files` (the profile's
    name as given: its bytes, or the OSError reading it). `compose`: compose v2's copy of the parser,
    which words the error its own way, lets `key=` through, and names a profile by the path it read."""
    key, sep, val = value.partition("=")
    if not sep and key != "no-new-privileges":
        key, sep, val = value.partition(":")
    if key != "no-new-privileges" and (not sep or (not val and not compose)):
        what = "invalid security-opt" if compose else "Invalid --security-opt"
        raise OptionError(f"{what}: {network.go_quote(value)}")
    if key != "seccomp" or val in ("builtin", "unconfined"):
        return value
    data = files.get(val)
    if data is None or isinstance(data, OSError):
        name = (getattr(data, "filename", None) or val) if compose else val
        reason = envopts.go_open_error(name, data) if isinstance(data, OSError) else f"open {name}: no such file or directory"
        raise OptionError(f"opening seccomp profile ({val}) failed: {reason}")
    try:
        return "seccomp=" + compact_json(data.decode("utf-8", "replace"))
    except OptionError as e:
        raise OptionError(f"compacting json for seccomp profile ({val}) failed: {e}") from None


def compact_json(text: str) -> str:
    """json.Compact, with Go's syntax errors."""
    from .gojson import compact

    return compact(text)


# -- networking -------------------------------------------------------------------------------------

def _endpoints(o: ContainerOptions) -> dict:
    flags = network.EndpointFlags(aliases=o.network_alias, links=o.link, ipv4=o.ip, ipv6=o.ip6,
                                  mac=o.mac_address, link_local_ips=o.link_local_ip)
    return network.endpoints_config(o.network, flags)


def localhost_dns_warning(dns: tuple[str, ...]) -> list[str]:
    for address in dns:
        if network.is_loopback(address):
            return [f"Localhost DNS ({address}) may fail in containers."]
    return []
