"""A loaded service → the Engine API payloads docker compose v2.40.3 sends (pkg/compose/create.go
getCreateConfigs, prepareLabels, defaultNetworkSettings, buildContainerVolumes, getDeployResources;
convert.go; convergence.go getLinks/resolveServiceReferences; ensureNetwork/createVolume).

Pure: no engine I/O. What v2 asks the engine for while building a body comes in as arguments:
`image_id` (the com.docker.compose.image label), `lookup_container(service) -> [summaries]` (the
service's containers, for `links`, `network_mode/ipc/pid: service:x` and `volumes_from`),
`inherited_volumes` (the Mounts of the container being replaced) with `image_volumes` (the image's
declared VOLUMEs), `proxies` (the config.json `proxies` entry for the daemon host).

Bodies are dicts with Go's field order and Go's zero values, as moby's client v28.5 marshals them for
`api_version`, so `hashing.go_json(plan.body)` is the byte-exact request body. Where v2 iterates a Go
map (Env, Binds, Mounts, Ulimits, ExtraHosts, the depends_on label) its order is random; ours follows
the model's order.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import labels as L
from .errors import ComposeError
from .hashing import network_hash, service_hash, volume_hash
from .state import canonical_name

SEPARATOR = "-"
SECRETS_DIR = "/run/secrets/"

# compose-go ServiceConfig JSON field order (types/types.go), to insert a key where Go writes it
SERVICE_FIELDS = (
    "profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup cpu_count "
    "cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares command configs "
    "container_name credential_spec depends_on deploy device_cgroup_rules devices dns dns_opt dns_search "
    "dockerfile domainname entrypoint provider environment env_file expose extends external_links extra_hosts "
    "group_add gpus hostname healthcheck image init ipc isolation labels label_file links logging log_driver "
    "log_opt mem_limit mem_reservation memswap_limit mem_swappiness mac_address models net network_mode "
    "networks oom_kill_disable oom_score_adj pid pids_limit platform ports privileged pull_policy read_only "
    "restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt "
    "sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver volumes volumes_from "
    "working_dir post_start pre_stop").split()


def with_field(service: dict, key: str, value) -> dict:
    """A copy of a model service dict with `key` set, at its Go field position."""
    rank = {k: i for i, k in enumerate(SERVICE_FIELDS)}
    items = [(k, v) for k, v in service.items() if k != key]
    items.append((key, value))
    items.sort(key=lambda kv: rank.get(kv[0], len(rank)))
    return dict(items)


@dataclass
class ContainerPlan:
    name: str  # the ?name= of POST /containers/create
    platform: str | None  # the ?platform= (None: not sent)
    body: dict  # Config + HostConfig + NetworkingConfig
    connect: list[tuple[str, dict]] = field(default_factory=list)  # (network name, EndpointSettings) after create
    warnings: list[str] = field(default_factory=list)  # what v2 logs with logrus.Warn while building the body
    config_hash: str = ""

    def query(self) -> dict:
        q = {"name": self.name}
        if self.platform:
            q["platform"] = self.platform
        return q


# -- small conversions ------------------------------------------------------------------------------

def _version_lt(a: str, b: str) -> bool:
    def parts(v):
        return [int(p) if p.isdigit() else 0 for p in v.split(".")]
    pa, pb = parts(a), parts(b)
    n = max(len(pa), len(pb))
    return pa + [0] * (n - len(pa)) < pb + [0] * (n - len(pb))


def _bytes(value) -> int:
    """A UnitBytes field as the model holds it (Go marshals it as a decimal string)."""
    if value in (None, ""):
        return 0
    return int(value)


def _f32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


def _nano_float32(value) -> int:
    """int64(float32 * 1e9): cpus and deploy limits are float32 in compose-go."""
    if not value:
        return 0
    return int(_f32(_f32(float(value)) * 1e9))


def _duration_ns(text) -> int:
    from ..opts.units import parse_duration

    return parse_duration(str(text)) if text not in (None, "") else 0


def container_name(project: str, service_name: str, service: dict, number: int) -> str:
    """getContainerName: container_name, else <project>-<service>-<number>."""
    return service.get("container_name") or SEPARATOR.join((project, service_name, str(number)))


def image_name(project: str, service_name: str, service: dict) -> str:
    """api.GetImageNameOrDefault."""
    return service.get("image") or f"{project}{SEPARATOR}{service_name}"


def networks_by_priority(service: dict) -> list[str]:
    """ServiceConfig.NetworksByPriority: highest priority first, then by name."""
    nets = service.get("networks") or {}
    return sorted(nets, key=lambda k: (-((nets[k] or {}).get("priority") or 0), k))


def _sorted_containers(found: Iterable[dict]) -> list[dict]:
    return sorted(found or [], key=canonical_name)


def _container_id(summary: dict) -> str:
    return summary.get("Id") or summary.get("ID") or ""


# -- labels -----------------------------------------------------------------------------------------

def custom_labels(project, service_name: str, *, image_id: str | None, oneoff: bool = False,
                  replace: str | None = None, extra_labels: dict | None = None) -> dict:
    """The labels compose adds (CustomLabels): ToProject's set, the image digest, replace, extras."""
    out = {
        L.PROJECT: project.name,
        L.SERVICE: service_name,
        L.VERSION: L.COMPOSE_VERSION,
        L.WORKING_DIR: project.working_dir,
        L.CONFIG_FILES: ",".join(project.config_files),
        L.ONEOFF: "True" if oneoff else "False",
    }
    if project.env_files:
        out[L.ENVIRONMENT_FILE] = ",".join(project.env_files)
    if image_id:
        out[L.IMAGE] = image_id
    if replace:
        out[L.REPLACE] = replace
    out.update(extra_labels or {})
    return out


def depends_on_label(service: dict) -> str:
    return ",".join(f"{name}:{dep.get('condition') or ''}:{'true' if dep.get('restart') else 'false'}"
                    for name, dep in (service.get("depends_on") or {}).items())


def container_labels(service: dict, custom: dict, config_hash: str, number: int) -> dict:
    """mergeLabels(service.Labels, CustomLabels) + prepareLabels; sorted as Go marshals a map."""
    merged = dict(service.get("labels") or {})
    merged.update(custom)
    merged[L.CONFIG_HASH] = config_hash
    if number > 0:
        merged[L.CONTAINER_NUMBER] = str(number)
    merged[L.DEPENDS_ON] = depends_on_label(service)
    return dict(sorted(merged.items()))


# -- environment, healthcheck, restart ----------------------------------------------------------------

def environment(service: dict, proxies: dict | None) -> list[str] | None:
    """ParseProxyConfig(...).OverrideBy(service.Environment) then ToMobyEnv: `K=V`, bare `K` for null."""
    from ..opts.env import merge_env_flags

    values = [k if v is None else f"{k}={v}" for k, v in (service.get("environment") or {}).items()]
    return merge_env_flags(values, proxies) or None


def healthcheck(check: dict | None, api_version: str) -> dict | None:
    """ToMobyHealthCheck: durations in ns, `disable` → ["NONE"]; zero fields omitted (omitempty)."""
    if check is None:
        return None
    test = ["NONE"] if check.get("disable") else check.get("test")
    start_interval = 0
    if check.get("start_interval") is not None:
        if _version_lt(api_version, "1.44"):
            raise ComposeError("can't set healthcheck.start_interval as feature require Docker Engine v25 or later")
        start_interval = _duration_ns(check["start_interval"])
        if check.get("start_period") is None:
            raise ComposeError("healthcheck.start_interval requires healthcheck.start_period to be set")
    out = {"Test": test, "Interval": _duration_ns(check.get("interval")), "Timeout": _duration_ns(check.get("timeout")),
           "StartPeriod": _duration_ns(check.get("start_period")), "StartInterval": start_interval,
           "Retries": int(check.get("retries") or 0)}
    return {k: v for k, v in out.items() if v}


_RESTART_NAMES = {"none": "no", "no": "no", "on-failure": "on-failure", "unless-stopped": "unless-stopped",
                  "any": "always", "always": "always"}


def _atoi(text: str) -> int:
    try:
        return int(text) if text.strip() == text and text.lstrip("+-").isdigit() else 0
    except ValueError:
        return 0


def restart_policy(service: dict) -> dict:
    """getRestartPolicy: `restart:`, overridden by deploy.restart_policy (`any` → always, `none` → no).
    v2 does not validate: a bad retry count is 0, an unknown name is sent as written."""
    name, retries = "", 0
    if service.get("restart"):
        split = service["restart"].split(":")
        name = _RESTART_NAMES.get(split[0], split[0])
        retries = _atoi(split[1]) if len(split) > 1 else 0
    policy = (service.get("deploy") or {}).get("restart_policy")
    if policy is not None:
        cond = policy.get("condition") or ""
        name = _RESTART_NAMES.get(cond, cond)
        retries = int(policy.get("max_attempts") or 0)
    return {"Name": name, "MaximumRetryCount": retries}


# -- ports ------------------------------------------------------------------------------------------

def exposed_ports(service: dict) -> dict:
    """buildContainerPorts: `expose` entries as written, then `<target>/<protocol>` of each port."""
    ports = {}
    for e in service.get("expose") or []:
        ports[str(e)] = {}
    for p in service.get("ports") or []:
        ports[f"{p.get('target', 0)}/{p.get('protocol', '')}"] = {}
    return dict(sorted(ports.items()))


def port_bindings(service: dict) -> dict:
    bindings: dict[str, list] = {}
    for p in service.get("ports") or []:
        key = f"{p.get('target', 0)}/{p.get('protocol', '')}"
        bindings.setdefault(key, []).append({"HostIp": p.get("host_ip") or "", "HostPort": p.get("published") or ""})
    return dict(sorted(bindings.items()))


# -- security options -------------------------------------------------------------------------------

def security_opts(project, opts: list[str] | None) -> tuple[list[str] | None, bool]:
    """parseSecurityOpts (v2's copy of the CLI's, pydock.opts.create.security_opt): seccomp profiles read
    relative to the project directory; `systempaths=unconfined` is returned as the flag."""
    from ..opts._errors import OptionError
    from ..opts.create import security_opt

    profiles = _Profiles(project.working_dir)
    parsed: list[str] | None = None
    unconfined = False
    for opt in opts or []:
        if opt == "systempaths=unconfined":
            unconfined = True
            continue
        try:
            parsed = (parsed or []) + [security_opt(opt, profiles, compose=True)]
        except OptionError as e:
            raise ComposeError(str(e)) from None
    return parsed, unconfined


class _Profiles:
    """The seccomp profiles security_opt asks for, read when asked (the bytes, or the OSError with the
    path that was opened)."""

    def __init__(self, base: str):
        self.base = base

    def get(self, name: str, default=None):
        path = os.path.normpath(name if os.path.isabs(name) else os.path.join(self.base, name))  # RelativePath
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError as e:
            e.filename = path
            return e


def normalize_capabilities(caps: list[str] | None) -> list[str] | None:
    """The Go client's normalizeCapabilities (pydock.opts.create: one parser per concept)."""
    if caps is None:
        return None
    from ..opts.create import normalize_capabilities as norm

    return norm(tuple(caps)) or []


# -- resources --------------------------------------------------------------------------------------

def _device_request(driver, count, ids, capabilities, options) -> dict:
    return {"Driver": driver or "", "Count": int(count or 0), "DeviceIDs": ids, "Capabilities": capabilities,
            "Options": options}


def resources(service: dict) -> dict:
    """getDeployResources, as moby's Resources struct (field order of the embedded struct)."""
    from ..opts.devices import is_cdi_name

    swappiness = _bytes(service.get("mem_swappiness"))
    r = {
        "CpuShares": int(service.get("cpu_shares") or 0),
        "Memory": _bytes(service.get("mem_limit")),
        "NanoCpus": _nano_float32(service.get("cpus")),
        "CgroupParent": service.get("cgroup_parent") or "",
        "BlkioWeight": 0,
        "BlkioWeightDevice": None, "BlkioDeviceReadBps": None, "BlkioDeviceWriteBps": None,
        "BlkioDeviceReadIOps": None, "BlkioDeviceWriteIOps": None,
        "CpuPeriod": int(service.get("cpu_period") or 0),
        "CpuQuota": int(service.get("cpu_quota") or 0),
        "CpuRealtimePeriod": int(service.get("cpu_rt_period") or 0),
        "CpuRealtimeRuntime": int(service.get("cpu_rt_runtime") or 0),
        "CpusetCpus": service.get("cpuset") or "",
        "CpusetMems": "",
        "Devices": None,
        "DeviceCgroupRules": service.get("device_cgroup_rules"),
        "DeviceRequests": None,
        "MemoryReservation": _bytes(service.get("mem_reservation")),
        "MemorySwap": _bytes(service.get("memswap_limit")),
        "MemorySwappiness": swappiness if swappiness else None,
        "OomKillDisable": bool(service.get("oom_kill_disable")),
        "PidsLimit": int(service["pids_limit"]) if service.get("pids_limit") else None,
        "Ulimits": None,
        "CpuCount": int(service.get("cpu_count") or 0),
        "CpuPercent": int(_f32(_f32(float(service.get("cpu_percent") or 0)) * 100)),
        "IOMaximumIOps": 0,
        "IOMaximumBandwidth": 0,
    }
    blkio = service.get("blkio_config")
    if blkio is not None:
        r["BlkioWeight"] = int(blkio.get("weight") or 0)
        # WeightDevice/ThrottleDevice have no json tags in compose-go: the model keys are Path, Weight, Rate
        if blkio.get("weight_device"):
            r["BlkioWeightDevice"] = [{"Path": d.get("Path") or "", "Weight": int(d.get("Weight") or 0)}
                                      for d in blkio["weight_device"]]
        for key, api in (("device_read_bps", "BlkioDeviceReadBps"), ("device_read_iops", "BlkioDeviceReadIOps"),
                         ("device_write_bps", "BlkioDeviceWriteBps"), ("device_write_iops", "BlkioDeviceWriteIOps")):
            if blkio.get(key):
                r[api] = [{"Path": d.get("Path") or "", "Rate": _bytes(d.get("Rate"))} for d in blkio[key]]
    deploy_res = (service.get("deploy") or {}).get("resources") or {}
    limits = deploy_res.get("limits")
    if limits is not None:
        if _bytes(limits.get("memory")):
            r["Memory"] = _bytes(limits.get("memory"))
        if limits.get("cpus"):
            r["NanoCpus"] = _nano_float32(limits["cpus"])
        if int(limits.get("pids") or 0) > 0:
            r["PidsLimit"] = int(limits["pids"])
    requests: list[dict] = []
    reservations = deploy_res.get("reservations")
    if reservations is not None:
        if _bytes(reservations.get("memory")):
            r["MemoryReservation"] = _bytes(reservations.get("memory"))
        for d in reservations.get("devices") or []:
            requests.append(_device_request(d.get("driver"), d.get("count"), d.get("device_ids"),
                                            [d.get("capabilities")], d.get("options")))
    cdi = []
    for d in service.get("devices") or []:
        src, dst = d.get("source") or "", d.get("target") or ""
        if src == dst and is_cdi_name(src):
            cdi.append(src)
            continue
        r["Devices"] = (r["Devices"] or []) + [{"PathOnHost": src, "PathInContainer": dst,
                                                "CgroupPermissions": d.get("permissions") or ""}]
    if cdi:
        requests.append(_device_request("cdi", 0, cdi, None, None))
    for g in service.get("gpus") or []:
        requests.append(_device_request(g.get("driver"), g.get("count"), g.get("device_ids"),
                                        [list(g.get("capabilities") or []) + ["gpu"]], g.get("options")))
    if requests:
        r["DeviceRequests"] = requests
    ulimits = []
    for name, u in (service.get("ulimits") or {}).items():
        if isinstance(u, dict):
            soft, hard = int(u.get("soft") or 0), int(u.get("hard") or 0)
        else:
            soft = hard = int(u or 0)
        ulimits.append({"Name": name, "Hard": hard, "Soft": soft})
    if ulimits:
        r["Ulimits"] = ulimits
    return r


# -- volumes and mounts -----------------------------------------------------------------------------

def _find_by_target(volumes: list[dict], target: str) -> dict | None:
    for v in volumes:
        if v.get("target", "") == target:
            return v
    return None


def _find_project_volume_by_name(project, name: str) -> dict | None:
    for vol in project.volumes.values():
        if (vol.get("name") or "") == name:
            return vol
    return None


def _bind_requires_mount_api(bind: dict | None) -> bool:
    if bind is None:
        return False
    return not bind.get("create_host_path") or bool(bind.get("propagation")) or bool(bind.get("recursive"))


def _volume_requires_mount_api(vol: dict | None) -> bool:
    if vol is None:
        return False
    return bool(vol.get("labels")) or bool(vol.get("subpath")) or bool(vol.get("nocopy"))


def _bind_string(name: str, v: dict) -> str:
    options = ["ro" if v.get("read_only") else "rw"]
    bind, vol = v.get("bind"), v.get("volume")
    if bind is not None and bind.get("selinux"):
        options.append(bind["selinux"])
    if bind is not None and bind.get("propagation"):
        options.append(bind["propagation"])
    if vol is not None and vol.get("nocopy"):
        options.append("nocopy")
    return f"{name}:{v.get('target', '')}:{','.join(options)}"


def _omit_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", 0, False) and v != {} and v != []}


def _mount(project, v: dict, warnings: list[str]) -> dict:
    """buildMount + buildMountOptions."""
    vtype = v.get("type") or ""
    source = v.get("source") or ""
    if vtype == "bind" and not source.startswith("/") and not _is_windows_abs(source):
        source = os.path.abspath(source)
    elif vtype == "volume" and source and source in project.volumes:
        source = project.volumes[source].get("name") or source
    for key in ("bind", "volume", "tmpfs", "image"):
        if vtype != key and v.get(key) is not None:
            warnings.append(f"mount of type `{vtype}` should not define `{key}` option")
    opts: dict = {}
    if vtype == "bind" and v.get("bind") is not None:
        b = v["bind"]
        rec = b.get("recursive") or ""
        opts["BindOptions"] = _omit_empty({
            "Propagation": b.get("propagation") or "", "NonRecursive": rec == "disabled",
            "CreateMountpoint": bool(b.get("create_host_path")), "ReadOnlyNonRecursive": rec == "writable",
            "ReadOnlyForceRecursive": rec == "readonly"})
    elif vtype == "volume" and v.get("volume") is not None:
        o = v["volume"]
        opts["VolumeOptions"] = _omit_empty({"NoCopy": bool(o.get("nocopy")), "Labels": o.get("labels") or None,
                                             "Subpath": o.get("subpath") or ""})
    elif vtype == "image" and v.get("image") is not None:
        opts["ImageOptions"] = _omit_empty({"Subpath": v["image"].get("subpath") or ""})
    elif vtype == "tmpfs" and v.get("tmpfs") is not None:
        t = v["tmpfs"]
        opts["TmpfsOptions"] = _omit_empty({"SizeBytes": _bytes(t.get("size")), "Mode": int(t.get("mode") or 0)})
    m = _omit_empty({"Type": vtype, "Source": source, "Target": v.get("target") or "",
                     "ReadOnly": bool(v.get("read_only")), "Consistency": v.get("consistency") or ""})
    m["Type"] = vtype
    for key in ("BindOptions", "VolumeOptions", "ImageOptions", "TmpfsOptions"):
        if key in opts:
            m[key] = opts[key]
    return m


def _is_windows_abs(path: str) -> bool:
    return len(path) >= 3 and path[0].isalpha() and path[1] == ":" and path[2] in "\\/"


def _is_abs_target(path: str) -> bool:
    return path.startswith("/") or _is_windows_abs(path)


def _secret_mounts(project, service: dict, warnings: list[str]) -> dict:
    mounts = {}
    for secret in service.get("secrets") or []:
        src = secret.get("source") or ""
        target = secret.get("target") or ""
        if not target:
            target = SECRETS_DIR + src
        elif not _is_abs_target(target):
            target = SECRETS_DIR + target
        defined = project.secrets.get(src) or {}
        if defined.get("external"):
            raise ComposeError(f"unsupported external secret {defined.get('name') or ''}")
        if defined.get("driver"):
            raise ComposeError("Docker Compose does not support secrets.*.driver")
        if defined.get("template_driver"):
            raise ComposeError("Docker Compose does not support secrets.*.template_driver")
        if defined.get("environment"):
            continue
        if secret.get("uid") or secret.get("gid") or secret.get("mode") is not None:
            warnings.append("secrets `uid`, `gid` and `mode` are not supported, they will be ignored")
        if not os.path.exists(defined.get("file") or ""):
            warnings.append(f"secret file {defined.get('name') or ''} does not exist")
        mounts[target] = _mount(project, {"type": "bind", "source": defined.get("file") or "", "target": target,
                                          "read_only": True, "bind": {"create_host_path": False}}, warnings)
    return mounts


def _config_mounts(project, service: dict, warnings: list[str]) -> dict:
    mounts = {}
    for config in service.get("configs") or []:
        src = config.get("source") or ""
        target = config.get("target") or ""
        if not target:
            target = "/" + src
        elif not _is_abs_target(target):
            target = "/" + target
        defined = project.configs.get(src) or {}
        if defined.get("external"):
            raise ComposeError(f"unsupported external config {defined.get('name') or ''}")
        if defined.get("driver"):
            raise ComposeError("Docker Compose does not support configs.*.driver")
        if defined.get("template_driver"):
            raise ComposeError("Docker Compose does not support configs.*.template_driver")
        if defined.get("environment") or defined.get("content"):
            continue
        if config.get("uid") or config.get("gid") or config.get("mode") is not None:
            warnings.append("config `uid`, `gid` and `mode` are not supported, they will be ignored")
        mounts[target] = _mount(project, {"type": "bind", "source": defined.get("file") or "", "target": target,
                                          "read_only": True}, warnings)
    return mounts


def container_volumes(project, service: dict, api_version: str, *, inherited_volumes=None,
                      image_volumes: Iterable[str] = (), warnings: list[str] | None = None
                      ) -> tuple[list[str] | None, list[dict] | None]:
    """buildContainerVolumes → (Binds, Mounts). `inherited_volumes`: the replaced container's Mounts
    (Type, Name, Source, Destination, RW); its anonymous volumes (and those at the image's VOLUME
    paths) are mounted again by name."""
    warnings = [] if warnings is None else warnings
    all_volumes = list(service.get("volumes") or [])
    mounts: dict[str, dict] = {}
    volumes = all_volumes
    image_volumes = set(image_volumes or ())
    for m in inherited_volumes or []:
        if m.get("Type") == "tmpfs":
            continue
        src = m.get("Name") if m.get("Type") == "volume" else m.get("Source")
        dest = m.get("Destination") or ""
        inherited = _omit_empty({"Type": m.get("Type") or "", "Source": src or "", "Target": dest,
                                 "ReadOnly": not m.get("RW")})
        if dest in image_volumes:
            mounts[dest] = inherited
        kept = []
        for v in volumes:
            if v.get("target", "") != dest or v.get("source"):
                kept.append(v)
                continue
            mounts[dest] = inherited
        volumes = kept
    for v in volumes:
        m = _mount(project, v, warnings)
        mounts[m.get("Target", "")] = m
    for extra in (_secret_mounts(project, service, warnings), _config_mounts(project, service, warnings)):
        for target, m in extra.items():
            mounts.setdefault(target, m)

    binds: list[str] | None = None
    out: list[dict] | None = None
    for m in mounts.values():
        mtype = m.get("Type")
        target = m.get("Target", "")
        if mtype == "bind":
            v = _find_by_target(all_volumes, target)
            if v is not None and not _bind_requires_mount_api(v.get("bind")):
                binds = (binds or []) + [_bind_string(m.get("Source", ""), v)]
                continue
        elif mtype == "volume":
            v = _find_by_target(all_volumes, target)
            vol = _find_project_volume_by_name(project, m.get("Source", ""))
            if v is not None and vol is not None and not _volume_requires_mount_api(v.get("volume")):
                binds = (binds or []) + [_bind_string(vol.get("name") or "", v)]
                continue
        elif mtype == "image" and _version_lt(api_version, "1.48"):
            raise ComposeError("volume with type=image require Docker Engine v28 or later")
        out = (out or []) + [m]
    return binds, out


# -- networking -------------------------------------------------------------------------------------

def _aliases(project_name: str, service_name: str, service: dict, number: int, cfg: dict | None,
             use_aliases: bool) -> list[str]:
    aliases = [container_name(project_name, service_name, service, number)]
    if use_aliases:
        aliases.append(service_name)
        if cfg is not None:
            aliases.extend(cfg.get("aliases") or [])
    return aliases


def endpoint_settings(project, service_name: str, service: dict, number: int, key: str, links: list[str] | None,
                      use_aliases: bool, warnings: list[str] | None = None) -> dict:
    """createEndpointSettings, as moby's EndpointSettings (every field, Go order)."""
    ifname = "com.docker.network.endpoint.ifname"
    cfg = (service.get("networks") or {}).get(key)
    ipam = None
    ipv4 = ipv6 = mac = ""
    driver_opts = None
    gw_priority = 0
    if cfg is not None:
        ipv4, ipv6 = cfg.get("ipv4_address") or "", cfg.get("ipv6_address") or ""
        ipam = _omit_empty({"IPv4Address": ipv4, "IPv6Address": ipv6, "LinkLocalIPs": cfg.get("link_local_ips")})
        mac = cfg.get("mac_address") or ""
        driver_opts = cfg.get("driver_opts")
        if cfg.get("interface_name"):
            driver_opts = dict(driver_opts or {})
            if ifname in driver_opts and driver_opts[ifname] != cfg["interface_name"] and warnings is not None:
                warnings.append(f"ignoring services.{service_name}.networks.{key}.interface_name as {ifname} "
                                "driver_opts is already declared")
            driver_opts[ifname] = cfg["interface_name"]
            driver_opts = dict(sorted(driver_opts.items()))
        gw_priority = int(cfg.get("gw_priority") or 0)
    return {
        "IPAMConfig": ipam, "Links": links,
        "Aliases": _aliases(project.name, service_name, service, number, cfg, use_aliases),
        "MacAddress": mac, "DriverOpts": driver_opts, "GwPriority": gw_priority, "NetworkID": "",
        "EndpointID": "", "Gateway": "", "IPAddress": ipv4, "IPPrefixLen": 0, "IPv6Gateway": ipv6,
        "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "DNSNames": None,
    }


def _links(project_name: str, service: dict, number: int, lookup) -> list[str] | None:
    """getLinks: each container of a linked service, under the link name, `<svc>-<number>` (the
    number of the container being created, as v2 does) and `<project>-<svc>-<number>`; then
    external_links."""
    links: list[str] | None = None
    for raw in service.get("links") or []:
        split = raw.split(":")
        svc = split[0]
        link_name = split[1] if len(split) == 2 else svc
        for c in (lookup(svc) if lookup else []) or []:
            name = canonical_name(c)
            links = (links or []) + [f"{name}:{link_name}", f"{name}:{svc}{SEPARATOR}{number}",
                                     f"{name}:{SEPARATOR.join((project_name, svc, str(number)))}"]
    for raw in service.get("external_links") or []:
        split = raw.split(":")
        link_name = split[1] if len(split) == 2 else split[0]
        links = (links or []) + [f"{split[0]}:{link_name}"]
    return links


def resolve_references(service: dict, lookup) -> dict[str, str]:
    """resolveServiceReferences: service name → full id of its first container (by name), for
    volumes_from and the service:x network/ipc/pid modes; v2's errors when one is missing."""
    resolved: dict[str, str] = {}

    def first(name: str, what: str) -> None:
        found = _sorted_containers(lookup(name) if lookup else [])
        if not found:
            raise ComposeError(f"cannot share {what} with service {name}: container missing")
        resolved[name] = _container_id(found[0])

    for vol in service.get("volumes_from") or []:
        spec = vol.split(":")
        if spec[0] != "container" and spec[0] not in resolved:
            first(spec[0], "volume")
    for key, what in (("network_mode", "network namespace"), ("ipc", "IPC namespace"), ("pid", "PID namespace")):
        mode = service.get(key) or ""
        if mode.startswith("service:"):
            first(mode[len("service:"):], what)
    return resolved


def _network_settings(project, service_name: str, service: dict, number: int, links, use_aliases: bool,
                      api_version: str, warnings: list[str]) -> tuple[str, dict | None, list[tuple[str, dict]]]:
    """defaultNetworkSettings → (NetworkMode, NetworkingConfig, networks to connect after create)."""
    if service.get("network_mode"):
        return service["network_mode"], None, []
    if not project.networks:
        return "none", None, []
    ordered = networks_by_priority(service)
    primary = ordered[0] if ordered else "default"
    primary_name = (project.networks.get(primary) or {}).get("name") or ""
    primary_ep = endpoint_settings(project, service_name, service, number, primary, links, use_aliases, warnings)
    endpoints: dict[str, dict] = {}
    connect: list[tuple[str, dict]] = []
    modern = not _version_lt(api_version, "1.44")
    if modern:
        for key in ordered[1:]:
            name = (project.networks.get(key) or {}).get("name") or ""
            endpoints[name] = endpoint_settings(project, service_name, service, number, key, links, use_aliases,
                                                warnings)
        if not primary_ep["MacAddress"]:
            primary_ep["MacAddress"] = service.get("mac_address") or ""
    if _version_lt(api_version, "1.49"):
        for cfg in (service.get("networks") or {}).values():
            if cfg is not None and cfg.get("interface_name"):
                raise ComposeError("interface_name requires Docker Engine v28.1 or later")
    endpoints[primary_name] = primary_ep
    if not modern:
        for key in ordered:
            name = (project.networks.get(key) or {}).get("name") or ""
            if name == primary_name:
                continue
            connect.append((name, endpoint_settings(project, service_name, service, number, key, links,
                                                    use_aliases, warnings)))
    return primary_name, {"EndpointsConfig": dict(sorted(endpoints.items()))}, connect


def _mac_address(service: dict, api_version: str) -> str:
    """prepareContainerMACAddress: the container-wide MAC (API < 1.44 only)."""
    nets = service.get("networks") or {}
    ordered = networks_by_priority(service)
    main = nets.get(ordered[0]) if ordered else None
    mac = service.get("mac_address") or ""
    if mac and main is not None and main.get("mac_address") and main["mac_address"] != mac:
        raise ComposeError(f"the service-level mac_address should have the same value as network {ordered[0]}")
    if not _version_lt(api_version, "1.44"):
        return ""
    if nets:
        with_mac = sorted(k for k, cfg in nets.items() if cfg is not None and cfg.get("mac_address"))
        if len(with_mac) > 1:
            raise ComposeError(f"a MAC address is specified for multiple networks ({', '.join(with_mac)}), "
                               "but this feature requires Docker Engine v25 or later")
        if main is not None and main.get("mac_address"):
            mac = main["mac_address"]
    return mac


# -- the container ----------------------------------------------------------------------------------

def container_plan(project, service_name: str, *, number: int, name: str, image_id: str | None,
                   api_version: str, lookup_container: Callable[[str], list[dict]] | None = None,
                   inherited_volumes: list[dict] | None = None, oneoff: bool = False, replace: str | None = None,
                   extra_labels: dict | None = None, proxies: dict | None = None,
                   image_volumes: Iterable[str] = (), use_network_aliases: bool = True,
                   attach_stdin: bool = False, auto_remove: bool = False) -> ContainerPlan:
    """The POST /containers/create of one container of `service_name` (getCreateConfigs).

    - `number`: the container-number (v2 passes -1 for `run`: no number label);
    - `name`: the ?name= (the final name, or `<oldid12>_<name>` when recreating);
    - `image_id`: the local image ID for the com.docker.compose.image label (None: no label);
    - `lookup_container(svc)`: the non-one-off container summaries (`Id`, `Names`) of a service;
    - `inherited_volumes` / `image_volumes`: see container_volumes; `replace`: the replaced container's
      name without the project (`web-1`), for the com.docker.compose.replace label;
    - `oneoff`: a `run` container (oneoff label "True"; the service gets container_name = name, as
      v2's run does before hashing; the rest of run's rewrite of the service — tty, stdin_open, no
      restart, command... — is the caller's); `extra_labels`: more compose labels (the slug of `run`);
    - `proxies`: the config.json proxies entry ({"httpProxy": ...}) for the daemon host.
    """
    service = project.services.get(service_name)
    if service is None:
        raise ComposeError(f"no such service: {service_name}")
    if oneoff:  # v2's run: the service's ContainerName is the run container's name (hashed too)
        service = with_field(service, "container_name", name)
    warnings: list[str] = []

    resolved = resolve_references(service, lookup_container)
    if resolved:
        from .hashing import hashed_service

        # v2 hashes and converts the service with its references resolved: keep the other fields as
        # they are (hashed_service only drops blanked fields; restore them for the labels)
        resolved_fields = hashed_service(service, resolve=resolved)
        service = {k: (resolved_fields[k] if k in resolved_fields else v) for k, v in service.items()}
    config_hash = service_hash(service)

    custom = custom_labels(project, service_name, image_id=image_id, oneoff=oneoff, replace=replace,
                           extra_labels=extra_labels)
    labels = container_labels(service, custom, config_hash, number)

    mac = _mac_address(service, api_version)
    health = healthcheck(service.get("healthcheck"), api_version)
    stdin_open = bool(service.get("stdin_open"))
    grace = service.get("stop_grace_period")

    config: dict = {
        "Hostname": service.get("hostname") or "",
        "Domainname": service.get("domainname") or "",
        "User": service.get("user") or "",
        "AttachStdin": attach_stdin,
        "AttachStdout": True,
        "AttachStderr": True,
    }
    exposed = exposed_ports(service)
    if exposed:
        config["ExposedPorts"] = exposed
    config.update({
        "Tty": bool(service.get("tty")),
        "OpenStdin": stdin_open,
        "StdinOnce": attach_stdin and stdin_open,
        "Env": environment(service, proxies),
        "Cmd": service.get("command"),
    })
    if health:
        config["Healthcheck"] = health
    config.update({
        "Image": image_name(project.name, service_name, service),
        "Volumes": None,
        "WorkingDir": service.get("working_dir") or "",
        "Entrypoint": service.get("entrypoint"),
    })
    if service.get("network_mode") == "disabled":
        config["NetworkDisabled"] = True
    if mac:
        config["MacAddress"] = mac
    config["OnBuild"] = None
    config["Labels"] = labels
    if service.get("stop_signal"):
        config["StopSignal"] = service["stop_signal"]
    if grace is not None:
        config["StopTimeout"] = int(_duration_ns(grace) / 1e9)

    tmpfs = {}
    for t in service.get("tmpfs") or []:
        path, colon, opts = t.partition(":")
        tmpfs[path] = opts if colon else ""
    binds, mounts = container_volumes(project, service, api_version, inherited_volumes=inherited_volumes,
                                      image_volumes=image_volumes, warnings=warnings)
    links = _links(project.name, service, number, lookup_container)
    network_mode, networking, connect = _network_settings(project, service_name, service, number, links,
                                                          use_network_aliases, api_version, warnings)
    logging = service.get("logging")
    log_config = {"Type": "", "Config": None}
    if logging is not None:
        log_config = {"Type": logging.get("driver") or "", "Config": logging.get("options")}
    sec_opts, unconfined = security_opts(project, service.get("security_opt"))
    extra_hosts = []
    for entry in service.get("extra_hosts") or []:
        host, _, ip = entry.partition("=")
        extra_hosts.append(f"{host}:{ip}")

    host: dict = {
        "Binds": binds,
        "ContainerIDFile": "",
        "LogConfig": log_config,
        "NetworkMode": network_mode,
        "PortBindings": port_bindings(service),
        "RestartPolicy": restart_policy(service),
        "AutoRemove": auto_remove,
        "VolumeDriver": service.get("volume_driver") or "",
        "VolumesFrom": service.get("volumes_from"),
        "ConsoleSize": [0, 0],
    }
    if service.get("annotations"):
        host["Annotations"] = service["annotations"]
    host.update({
        "CapAdd": normalize_capabilities(service.get("cap_add")),
        "CapDrop": normalize_capabilities(service.get("cap_drop")),
        "CgroupnsMode": service.get("cgroup") or "",
        "Dns": service.get("dns"),
        "DnsOptions": service.get("dns_opt"),
        "DnsSearch": service.get("dns_search"),
        "ExtraHosts": extra_hosts,
        "GroupAdd": service.get("group_add"),
        "IpcMode": service.get("ipc") or "",
        "Cgroup": "",
        "Links": links,
        "OomScoreAdj": int(service.get("oom_score_adj") or 0),
        "PidMode": service.get("pid") or "",
        "Privileged": bool(service.get("privileged")),
        "PublishAllPorts": False,
        "ReadonlyRootfs": bool(service.get("read_only")),
        "SecurityOpt": sec_opts,
    })
    if service.get("storage_opt"):
        host["StorageOpt"] = service["storage_opt"]
    if tmpfs:
        host["Tmpfs"] = dict(sorted(tmpfs.items()))
    host.update({
        "UTSMode": service.get("uts") or "",
        "UsernsMode": service.get("userns_mode") or "",
        "ShmSize": _bytes(service.get("shm_size")),
    })
    if service.get("sysctls"):
        host["Sysctls"] = {k: str(v) for k, v in service["sysctls"].items()}
    if service.get("runtime"):
        host["Runtime"] = service["runtime"]
    host["Isolation"] = service.get("isolation") or ""
    host.update(resources(service))
    if mounts:
        host["Mounts"] = mounts
    host["MaskedPaths"] = [] if unconfined else None
    host["ReadonlyPaths"] = [] if unconfined else None
    if service.get("init") is not None:
        host["Init"] = bool(service["init"])

    body = dict(config)
    body["HostConfig"] = host
    if networking is not None:
        body["NetworkingConfig"] = networking

    platform = service.get("platform") or project.environment.get("DOCKER_DEFAULT_PLATFORM") or None
    return ContainerPlan(name=name, platform=platform, body=body, connect=connect, warnings=warnings,
                         config_hash=config_hash)


# -- networks and volumes ---------------------------------------------------------------------------

def network_create_body(project, key: str, *, api_version: str = "1.41") -> dict:
    """POST /networks/create of a non-external project network (resolveOrCreateNetwork), as moby's
    client sends network.CreateRequest: labels = user labels + network/project/version/config-hash."""
    n = project.networks[key]
    ipam_cfg = n.get("ipam") or {}
    ipam = None
    if ipam_cfg.get("driver") or ipam_cfg.get("config"):
        ipam = {"Driver": ipam_cfg.get("driver") or "", "Options": None, "Config": None}
        for pool in ipam_cfg.get("config") or []:
            ipam["Config"] = (ipam["Config"] or []) + [_omit_empty({
                "Subnet": pool.get("subnet") or "", "IPRange": pool.get("ip_range") or "",
                "Gateway": pool.get("gateway") or "", "AuxiliaryAddresses": pool.get("aux_addresses")})]
    elif ipam_cfg.get("config") is not None:  # an empty, non-nil config list: IPAM with nothing in it
        ipam = {"Driver": "", "Options": None, "Config": None}
    labels = dict(n.get("labels") or {})
    labels.update({L.NETWORK: key, L.PROJECT: project.name, L.VERSION: L.COMPOSE_VERSION,
                   L.CONFIG_HASH: network_hash(n)})
    body: dict = {"Driver": n.get("driver") or "", "Scope": ""}
    if n.get("enable_ipv4") is not None:
        body["EnableIPv4"] = bool(n["enable_ipv4"])
    if n.get("enable_ipv6") is not None:
        body["EnableIPv6"] = bool(n["enable_ipv6"])
    body.update({
        "IPAM": ipam,
        "Internal": bool(n.get("internal")),
        "Attachable": bool(n.get("attachable")),
        "Ingress": False,
        "ConfigOnly": False,
        "ConfigFrom": None,
        "Options": n.get("driver_opts"),
        "Labels": dict(sorted(labels.items())),
        "Name": n.get("name") or "",
    })
    if _version_lt(api_version, "1.44"):
        body["CheckDuplicate"] = True
    return body


def volume_create_body(project, key: str) -> dict:
    """POST /volumes/create of a non-external project volume (createVolume): labels = user labels +
    volume/project/version/config-hash; empty fields omitted (volume.CreateOptions)."""
    v = project.volumes[key]
    labels = dict(v.get("labels") or {})
    labels.update({L.VOLUME: key, L.PROJECT: project.name, L.VERSION: L.COMPOSE_VERSION,
                   L.CONFIG_HASH: volume_hash(v)})
    return _omit_empty({"Driver": v.get("driver") or "", "DriverOpts": v.get("driver_opts"),
                        "Labels": dict(sorted(labels.items())), "Name": v.get("name") or ""})


def network_connect_body(container_id: str, endpoint: dict) -> dict:
    """POST /networks/<name>/connect for one of ContainerPlan.connect."""
    return {"Container": container_id, "EndpointConfig": endpoint}
