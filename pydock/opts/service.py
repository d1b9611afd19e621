"""`service create` / `service update` flags → parts of a swarm ServiceSpec (docker/cli cli/command/service/opts.go).
Pure; errors are OptionError with docker's messages. The container-level flags (`-e`, `--mount`, `-u`, ...) come
from the parsers `run` uses; `--publish` is pydock.opts.ports.parse_service_port.

Issue 14 builds the rest (update/rollback/restart configs, resources, secrets and configs) here."""

from __future__ import annotations

from ._errors import OptionError

MODES = ("replicated", "global", "replicated-job", "global-job")


def placement_preference(value: str) -> dict:
    """`--placement-pref spread=node.labels.zone` → {"Spread": {"SpreadDescriptor": "node.labels.zone"}}."""
    strategy, eq, arg = value.partition("=")
    if not eq or not strategy:
        raise OptionError('placement preference must be of the format "<strategy>=<arg>"')
    if strategy != "spread":
        raise OptionError(f"unsupported placement preference {strategy} (only spread is supported)")
    return {"Spread": {"SpreadDescriptor": arg}}


def service_mode(mode: str, replicas: int | None = None, max_concurrent: int | None = None,
                 max_replicas: int = 0) -> dict:
    """`--mode`, `--replicas`, `--max-concurrent`, `--replicas-max-per-node` → ServiceMode (docker's checks, in
    its order). None: the flag was not given (docker's Uint64Opt)."""
    if mode == "global" or mode == "global-job":
        if mode == "global" and replicas is not None:
            raise OptionError("replicas can only be used with replicated or replicated-job mode")
        if max_replicas > 0:
            raise OptionError("replicas-max-per-node can only be used with replicated or replicated-job mode")
        if max_concurrent is not None:
            raise OptionError("max-concurrent can only be used with replicated-job mode")
        if replicas is not None:
            raise OptionError("replicas can only be used with replicated or replicated-job mode")
        return {"Global": {}} if mode == "global" else {"GlobalJob": {}}
    if mode == "replicated":
        if max_concurrent is not None:
            raise OptionError("max-concurrent can only be used with replicated-job mode")
        return {"Replicated": {} if replicas is None else {"Replicas": replicas}}
    if mode == "replicated-job":
        job = {}
        concurrent = replicas if max_concurrent is None else max_concurrent
        if concurrent is not None:
            job["MaxConcurrent"] = concurrent
        if replicas is not None:
            job["TotalCompletions"] = replicas
        return {"ReplicatedJob": job}
    raise OptionError(f"Unknown mode: {mode}, only replicated and global supported")


# swarmkit's defaults.Service (the values docker fills in before applying the flags given); durations in ns
SECOND = 1_000_000_000
UPDATE_DEFAULTS = {"Parallelism": 1, "Delay": 0, "Monitor": 5 * SECOND, "FailureAction": "pause",
                   "MaxFailureRatio": 0, "Order": "stop-first"}
RESTART_DEFAULTS = {"Condition": "any", "Delay": 5 * SECOND, "MaxAttempts": 0}
_UPDATE_FLAGS = {"parallelism": "Parallelism", "delay": "Delay", "monitor": "Monitor",
                 "failure_action": "FailureAction", "max_failure_ratio": "MaxFailureRatio", "order": "Order"}
_RESTART_FLAGS = {"condition": "Condition", "delay": "Delay", "max_attempts": "MaxAttempts", "window": "Window"}


def update_config(given: dict) -> dict | None:
    """`--update-*` (or `--rollback-*`) flags given → UpdateConfig: None when none was given, else swarmkit's
    defaults with the given ones over them (docker's updateConfig / rollbackConfig). `given` keys: parallelism,
    delay and monitor (ns), failure_action, max_failure_ratio, order."""
    if not given:
        return None
    config = dict(UPDATE_DEFAULTS)
    for key, value in given.items():
        config[_UPDATE_FLAGS[key]] = value
    return config


def restart_policy(given: dict) -> dict | None:
    """`--restart-condition/-delay/-max-attempts/-window` given → RestartPolicy, None when none was (docker's
    ToRestartPolicy: swarmkit's defaults, then the flags). Durations in ns."""
    if not given:
        return None
    policy = dict(RESTART_DEFAULTS)
    for key, value in given.items():
        policy[_RESTART_FLAGS[key]] = value
    return policy


# -- swsvc: the rest of `service create/update`'s flags -----------------------------------------------------

def uint64(text: str) -> int:
    """Uint64Opt / pflag's uint64: strconv.ParseUint(text, 0, 64)."""
    from .units import parse_go_uint

    return parse_go_uint(text)


def float32(text: str) -> float:
    """floatValue: strconv.ParseFloat(text, 32)."""
    from .units import parse_go_float

    import struct

    return struct.unpack("f", struct.pack("f", parse_go_float(text)))[0]


def positive_duration(text: str) -> int:
    """opts.PositiveDurationOpt (the `--health-*` durations of a service): ns, never negative."""
    from .units import parse_duration

    value = parse_duration(text)
    if value < 0:
        raise OptionError("duration cannot be negative")
    return value


def constraint(text: str) -> str:
    return text


def _file_mode(val: str) -> int:
    from .units import parse_go_uint

    try:
        return parse_go_uint(val, 32)
    except OptionError as e:
        raise OptionError(f"invalid mode specified: {e}") from None


def _file_reference(value: str, kind: str, name_key: str) -> dict:
    """SecretOpt.Set / ConfigOpt.Set: `name`, or `source=,target=,uid=,gid=,mode=` (a CSV record)."""
    from .mounts import parse_csv_record

    fields = parse_csv_record(value)
    ref = {"File": {"Name": "", "UID": "0", "GID": "0", "Mode": 0o444}, name_key: ""}
    if len(fields) == 1 and "=" not in fields[0]:
        ref["File"]["Name"] = ref[name_key] = fields[0]
        return ref
    for field in fields:
        key, eq, val = field.partition("=")
        if not eq or not key:
            raise OptionError(f"invalid field '{field}' must be a key=value pair")
        key = key.lower()
        if key in ("source", "src"):
            ref[name_key] = val
        elif key == "target":
            ref["File"]["Name"] = val
        elif key == "uid":
            ref["File"]["UID"] = val
        elif key == "gid":
            ref["File"]["GID"] = val
        elif key == "mode":
            ref["File"]["Mode"] = _file_mode(val)
        else:
            raise OptionError(f"invalid field in {kind} request: {key}")
    if not ref[name_key]:
        raise OptionError("source is required")
    if not ref["File"]["Name"]:
        ref["File"]["Name"] = ref[name_key]
    return ref


def secret_reference(value: str) -> dict:
    """`--secret` → a SecretReference without its SecretID (resolved by name through the API)."""
    return _file_reference(value, "secret", "SecretName")


def config_reference(value: str) -> dict:
    """`--config` → a ConfigReference without its ConfigID."""
    return _file_reference(value, "config", "ConfigName")


def resolve_references(refs: list[dict], name_key: str, id_key: str, kind: str, found: dict[str, str]) -> list[dict]:
    """ParseSecrets / ParseConfigs once the daemon's list (name → ID) is known: one per target (docker's
    error for a second), each with its ID. (docker iterates a Go map here: its order is random; ours is
    the flags'.)"""
    by_target: dict[str, dict] = {}
    for ref in refs:
        if ref["File"]["Name"] in by_target:
            raise OptionError(f"duplicate {kind} target for {ref[name_key]} not allowed")
        by_target[ref["File"]["Name"]] = ref
    out = []
    for ref in by_target.values():
        if ref[name_key] not in found:
            raise OptionError(f"{kind} not found: {ref[name_key]}")
        out.append({"File": dict(ref["File"]), id_key: found[ref[name_key]], name_key: ref[name_key]})
    return out


def credential_spec(value: str) -> dict | None:
    """credentialSpecOpt: `config://`, `file://` or `registry://`; "" sets nothing."""
    for prefix, key in (("config://", "Config"), ("file://", "File"), ("registry://", "Registry")):
        if value.startswith(prefix):
            return {key: value[len(prefix):]}
    if value == "":
        return None
    raise OptionError('invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"')


def shlex_split(text: str) -> list[str]:
    """github.com/google/shlex Split (ShlexOpt: `--entrypoint`, `--args`): POSIX-like words, `#` starts a
    comment at the start of a word."""
    words: list[str] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        if text[i] == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        word = []
        while i < n and text[i] not in " \t\r\n":
            c = text[i]
            if c == "\\":
                if i + 1 >= n:
                    raise OptionError("EOF found after escape character")
                word.append(text[i + 1])
                i += 2
            elif c == "'":
                end = text.find("'", i + 1)
                if end < 0:
                    raise OptionError("EOF found when expecting closing quote")
                word.append(text[i + 1:end])
                i = end + 1
            elif c == '"':
                i += 1
                while True:
                    if i >= n:
                        raise OptionError("EOF found when expecting closing quote")
                    if text[i] == '"':
                        i += 1
                        break
                    if text[i] == "\\":
                        if i + 1 >= n:
                            raise OptionError("EOF found when expecting closing quote")
                        word.append(text[i + 1])
                        i += 2
                        continue
                    word.append(text[i])
                    i += 1
            else:
                word.append(c)
                i += 1
        words.append("".join(word))
    return words


def swarm_hosts(extra_hosts) -> list[str]:
    """convertExtraHostsToSwarmHosts: `host:ip` → `ip host` (an entry without `:` is dropped)."""
    out = []
    for entry in extra_hosts:
        host, sep, ip = entry.partition(":")
        if sep:
            out.append(f"{ip} {host}")
    return out


def make_env(from_files: list[str], flags: list[str]) -> list[str]:
    """serviceOptions.makeEnv: the files' entries then the flags', a later `K=` replacing an earlier one."""
    current: list[str] = []
    for env in from_files + flags:
        key = env.partition("=")[0]
        current = [c for c in current if c == env or not c.startswith(key + "=")]
        current.append(env)
    return current


def normalize_capability(cap: str) -> str:
    cap = cap.strip().upper()
    if cap in ("ALL", "RESET"):
        return cap
    return cap if cap.startswith("CAP_") else "CAP_" + cap


def effective_caps(add, drop) -> tuple[list | None, list | None]:
    """opts.EffectiveCapAddCapDrop."""
    adds = {normalize_capability(c) for c in add}
    drops = {normalize_capability(c) for c in drop}
    if "ALL" in adds:
        adds = {"ALL"}
    if "ALL" in drops:
        drops = {"ALL"}
    cap_drop = sorted(c for c in drops if c not in adds and c != "RESET")
    cap_add = sorted(c for c in adds if c != "RESET")
    return cap_add or None, cap_drop or None


def health_config(given: dict, no_healthcheck: bool) -> dict | None:
    """healthCheckOptions.toHealthConfig. `given`: the --health-* flags given (cmd, interval, timeout,
    retries, start_period, start_interval), durations in ns."""
    have = bool(given.get("cmd")) or any(given.get(k) is not None for k in
                                          ("interval", "timeout", "start_period", "start_interval")) \
        or bool(given.get("retries"))
    if no_healthcheck:
        if have:
            raise OptionError("--no-healthcheck conflicts with --health-* options")
        return {"Test": ["NONE"]}
    if not have:
        return None
    out: dict = {}
    if given.get("cmd"):
        out["Test"] = ["CMD-SHELL", given["cmd"]]
    for key, field in (("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod"),
                       ("start_interval", "StartInterval")):
        if given.get(key):
            out[field] = given[key]
    if given.get("retries"):
        out["Retries"] = given["retries"]
    return out


def resources(limit_cpu=0, limit_memory=0, limit_pids=0, reserve_cpu=0, reserve_memory=0) -> dict:
    """resourceOptions.ToResourceRequirements (Go's omitempty leaves the zero fields out)."""
    limits = {k: v for k, v in (("NanoCPUs", limit_cpu), ("MemoryBytes", limit_memory), ("Pids", limit_pids)) if v}
    reservations = {k: v for k, v in (("NanoCPUs", reserve_cpu), ("MemoryBytes", reserve_memory)) if v}
    return {"Limits": limits, "Reservations": reservations}


def network_attachment(attachment) -> dict:
    """convertNetworks for one parsed `--network` (pydock.opts.network.Attachment); Target still a name."""
    out: dict = {"Target": attachment.target}
    if attachment.aliases:
        out["Aliases"] = list(attachment.aliases)
    if attachment.driver_opts:
        out["DriverOpts"] = dict(attachment.driver_opts)
    return out


def log_driver(name: str, options) -> dict | None:
    from .env import labels_map

    if not name:
        return None
    return {"Name": name, "Options": labels_map(options)}


def _given(v: dict, *names: str) -> bool:
    return any(v.get(n) not in (None, ()) for n in names)


UPDATE_FLAGS = ("parallelism", "delay", "monitor", "failure_action", "max_failure_ratio", "order")
RESTART_FLAGS = ("condition", "delay", "max_attempts", "window")


def _prefixed(v: dict, prefix: str, names) -> dict:
    return {n: v[f"{prefix}_{n}"] for n in names if v.get(f"{prefix}_{n}") is not None}


def build_spec(v: dict, *, image: str, args: tuple, env: list, networks: list, cwd: str) -> dict:
    """serviceOptions.ToService: the flags' values (`v`, click's names; None or () when a flag was not
    given) → the ServiceSpec docker sends, checks in docker's order. `env` is the merged environment
    (files then flags, each flag checked against the client's environment), `networks` the attachments with
    their Target already resolved to an ID (docker asks the daemon after its mode checks: the caller resolves
    them through `network_targets` below)."""
    from .env import labels_map
    from .mounts import parse_mount
    from .ulimits import ulimit_list

    health = health_config(_prefixed(v, "health", ("cmd", "interval", "timeout", "retries", "start_period",
                                                    "start_interval")), bool(v.get("no_healthcheck")))
    mode = service_mode(v.get("mode") or "replicated", v.get("replicas"), v.get("max_concurrent"),
                        v.get("replicas_max_per_node") or 0)
    update = update_config(_prefixed(v, "update", UPDATE_FLAGS))
    rollback = update_config(_prefixed(v, "rollback", UPDATE_FLAGS))
    if ("ReplicatedJob" in mode or "GlobalJob" in mode) and (update is not None or rollback is not None):
        raise OptionError("update and rollback configuration is not supported for jobs")
    cap_add, cap_drop = effective_caps(v.get("cap_add") or (), v.get("cap_drop") or ())
    cspec: dict = {"Image": image}
    if args:
        cspec["Args"] = list(args)
    if v.get("entrypoint") is not None:
        cspec["Command"] = v["entrypoint"]
    cspec |= {"Env": env, "Hostname": v.get("hostname") or "", "Labels": labels_map(v.get("container_label") or ()),
              "Dir": v.get("workdir") or "", "User": v.get("user") or "", "Groups": list(v.get("group") or ()),
              "StopSignal": v.get("stop_signal") or "", "TTY": bool(v.get("tty")), "ReadOnly": bool(v.get("read_only")),
              "Mounts": [parse_mount(m, cwd)[0] for m in v.get("mount") or ()], "Init": bool(v.get("init"))}
    dns = {k: list(v.get(n) or ()) for k, n in (("Nameservers", "dns"), ("Search", "dns_search"),
                                                 ("Options", "dns_option"))}
    cspec["DNSConfig"] = {k: val for k, val in dns.items() if val}
    cspec["Hosts"] = swarm_hosts(v.get("host") or ())
    if v.get("stop_grace_period") is not None:
        cspec["StopGracePeriod"] = v["stop_grace_period"]
    if health is not None:
        cspec["Healthcheck"] = health
    cspec |= {"Isolation": v.get("isolation") or "", "Sysctls": labels_map(v.get("sysctl") or ())}
    if cap_add:
        cspec["CapabilityAdd"] = cap_add
    if cap_drop:
        cspec["CapabilityDrop"] = cap_drop
    cspec["Ulimits"] = ulimit_list(v.get("ulimit") or ())
    if v.get("oom_score_adj"):
        cspec["OomScoreAdj"] = v["oom_score_adj"]
    cred = v.get("credential_spec")
    if cred:
        cspec["Privileges"] = {"CredentialSpec": cred}
    task: dict = {"ContainerSpec": cspec, "Networks": networks,
                  "Resources": resources(v.get("limit_cpu") or 0, v.get("limit_memory") or 0,
                                         v.get("limit_pids") or 0, v.get("reserve_cpu") or 0,
                                         v.get("reserve_memory") or 0)}
    restart = restart_policy(_prefixed(v, "restart", RESTART_FLAGS))
    if restart is not None:
        task["RestartPolicy"] = restart
    placement = {"Constraints": list(v.get("constraint") or ()),
                 "Preferences": list(v.get("placement_pref") or ()),
                 "MaxReplicas": v.get("replicas_max_per_node") or 0}
    task["Placement"] = {k: val for k, val in placement.items() if val}
    driver = log_driver(v.get("log_driver") or "", v.get("log_opt") or ())
    if driver is not None:
        task["LogDriver"] = driver
    labels = labels_map(v.get("label") or ())
    spec: dict = {"Name": v.get("name") or "", "Labels": labels, "TaskTemplate": task, "Mode": mode}
    if update is not None:
        spec["UpdateConfig"] = update
    if rollback is not None:
        spec["RollbackConfig"] = rollback
    endpoint = {"Mode": v.get("endpoint_mode", "vip").lower()}
    ports = [p for value in v.get("publish") or () for p in value]
    if ports:
        endpoint["Ports"] = ports
    spec["EndpointSpec"] = endpoint
    return spec


# -- service update: docker's updateService over the current spec ------------------------------------------

RESTART_DEFAULT_KEYS = ("condition", "delay", "max_attempts", "window")


def _env_key(value: str) -> str:
    return value.partition("=")[0]


def _dedupe(values) -> list:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _port_key(p: dict) -> str:
    return f"{p.get('PublishedPort', 0)}:{p.get('TargetPort', 0)}/{p.get('Protocol', '')}/{p.get('PublishMode', '')}"


def _same_protocol(a: str, b: str) -> bool:
    return a == b or (a == "" and b == "tcp") or (b == "" and a == "tcp")


def _same_publish_mode(a: str, b: str) -> bool:
    return a == b or (a == "" and b == "ingress") or (b == "" and a == "ingress")


def update_spec(spec: dict, v: dict, *, env_add: list, networks_rm: set, networks_add: list, cwd: str) -> dict:
    """updateService: the flags given (`v`) applied to a copy of the current spec. `env_add` is --env-add
    checked against the client's environment, `networks_rm` the IDs of --network-rm, `networks_add` the
    --network-add attachments with their IDs (each with "Name", the flag's name, for the error)."""
    import copy

    from .env import labels_map
    from .mounts import parse_mount

    spec = copy.deepcopy(spec)
    task = spec.setdefault("TaskTemplate", {})
    c = task.setdefault("ContainerSpec", {})

    def kv_update(field_holder: dict, key: str, add: str, rm: str):
        current = field_holder.get(key)
        if current is not None and v.get(rm):
            for label in v[rm]:
                current.pop(label, None)
        if v.get(add):
            if current is None:
                current = field_holder[key] = {}
            current.update(labels_map(v[add]))

    kv_update(spec, "Labels", "label_add", "label_rm")
    kv_update(c, "Labels", "container_label_add", "container_label_rm")
    if "image" in v:
        c["Image"] = v["image"]
    if "args" in v:
        c["Args"] = v["args"]
    if "entrypoint" in v:
        c["Command"] = v["entrypoint"]
    # updateEnvironment
    removed = set(v.get("env_rm") or ())
    env = [e for e in c.get("Env") or () if _env_key(e) not in removed]
    if env_add:
        by_key = {_env_key(e): e for e in env}
        for e in env_add:
            by_key[_env_key(e)] = e
        env = list(by_key.values())  # docker's Go map: any order
    c["Env"] = env
    for flag, key in (("workdir", "Dir"), ("user", "User"), ("hostname", "Hostname"), ("isolation", "Isolation")):
        if flag in v:
            c[key] = v[flag]
    if "init" in v:
        c["Init"] = v["init"]
    # updateMounts
    by_target: dict = {}
    for m in v.get("mount_add") or ():
        mount = parse_mount(m, cwd)[0]
        if mount["Target"] in by_target:
            raise OptionError("duplicate mount target")
        by_target[mount["Target"]] = mount
    for mount in c.get("Mounts") or ():
        by_target.setdefault(mount.get("Target", ""), mount)
    removed = set(v.get("mount_rm") or ())
    c["Mounts"] = sorted((m for m in by_target.values() if m.get("Target", "") not in removed),
                         key=lambda m: (m.get("Source", ""), m.get("Target", "")))
    # updateSysCtls / updateUlimits
    if c.get("Sysctls") is not None and v.get("sysctl_rm"):
        for key in labels_map(v["sysctl_rm"]):
            c["Sysctls"].pop(key, None)
    if v.get("sysctl_add"):
        c.setdefault("Sysctls", {})
        if c["Sysctls"] is None:
            c["Sysctls"] = {}
        c["Sysctls"].update(labels_map(v["sysctl_add"]))
    ulimits = {u["Name"]: u for u in c.get("Ulimits") or ()}
    for key in labels_map(v.get("ulimit_rm") or ()):
        ulimits.pop(key, None)
    for u in v.get("ulimit_add") or ():
        ulimits[u["Name"]] = u
    c["Ulimits"] = [ulimits[k] for k in sorted(ulimits)] or None
    if c["Ulimits"] is None:
        del c["Ulimits"]

    def resources_part(name: str) -> dict:
        res = task.get("Resources")
        if res is None:
            res = task["Resources"] = {}
        for part in ("Limits", "Reservations"):
            if res.get(part) is None:
                res[part] = {}
        return res[name]

    if _given(v, "limit_cpu", "limit_memory", "limit_pids"):
        limits = resources_part("Limits")
        for flag, key in (("limit_cpu", "NanoCPUs"), ("limit_memory", "MemoryBytes"), ("limit_pids", "Pids")):
            if flag in v:
                limits[key] = v[flag]
    if _given(v, "reserve_cpu", "reserve_memory"):
        reservations = resources_part("Reservations")
        for flag, key in (("reserve_cpu", "NanoCPUs"), ("reserve_memory", "MemoryBytes")):
            if flag in v:
                reservations[key] = v[flag]
    if "stop_grace_period" in v:
        c["StopGracePeriod"] = v["stop_grace_period"]
    if _given(v, *(f"restart_{k}" for k in RESTART_FLAGS)):
        if task.get("RestartPolicy") is None:
            task["RestartPolicy"] = dict(RESTART_DEFAULTS)
        for flag, key in _RESTART_FLAGS.items():
            if f"restart_{flag}" in v:
                task["RestartPolicy"][key] = v[f"restart_{flag}"]
    if _given(v, "constraint_add", "constraint_rm"):
        placement = task.get("Placement")
        if placement is None:
            placement = task["Placement"] = {}
        constraints = list(placement.get("Constraints") or ()) + list(v.get("constraint_add") or ())
        removed = set(v.get("constraint_rm") or ())
        placement["Constraints"] = sorted(x for x in constraints if x not in removed)
    if _given(v, "placement_pref_add", "placement_pref_rm"):
        placement = task.get("Placement")
        if placement is None:
            placement = task["Placement"] = {}
        prefs = list(placement.get("Preferences") or ())
        if v.get("placement_pref_rm"):
            gone = {p["Spread"]["SpreadDescriptor"] for p in v["placement_pref_rm"]}
            prefs = [p for p in prefs if not (p.get("Spread") and p["Spread"].get("SpreadDescriptor", "") in gone)]
        prefs += list(v.get("placement_pref_add") or ())
        placement["Preferences"] = prefs or None
        if placement["Preferences"] is None:
            del placement["Preferences"]
    if _given(v, "network_add", "network_rm"):
        current = task.get("Networks") or spec.get("Networks") or []
        spec.pop("Networks", None)
        kept = [n for n in current if n["Target"] not in networks_rm]
        existing = {n["Target"] for n in kept}
        for n in networks_add:
            if n["Target"] in existing:
                raise OptionError(f"service is already attached to network {n['Name']}")
            kept.append({k: val for k, val in n.items() if k != "Name"})
            existing.add(n["Target"])
        task["Networks"] = sorted(kept, key=lambda n: n["Target"])
    if "replicas" in v:
        mode = spec.get("Mode") or {}
        if "Replicated" not in mode:
            raise OptionError("replicas can only be used with replicated mode")
        mode["Replicated"]["Replicas"] = v["replicas"]
    if "replicas_max_per_node" in v:
        task.setdefault("Placement", {})["MaxReplicas"] = v["replicas_max_per_node"]
    for prefix, key in (("update", "UpdateConfig"), ("rollback", "RollbackConfig")):
        flags = _prefixed(v, prefix, UPDATE_FLAGS)
        if flags:
            if spec.get(key) is None:
                spec[key] = dict(UPDATE_DEFAULTS)
            for flag, value in flags.items():
                spec[key][_UPDATE_FLAGS[flag]] = value
    if "endpoint_mode" in v:
        if spec.get("EndpointSpec") is None:
            spec["EndpointSpec"] = {}
        spec["EndpointSpec"]["Mode"] = v["endpoint_mode"]
    if _given(v, "group_add", "group_rm"):
        removed = set(v.get("group_rm") or ())
        c["Groups"] = sorted(g for g in list(c.get("Groups") or ()) + list(v.get("group_add") or ()) if g not in removed)
    if _given(v, "publish_add", "publish_rm"):
        if spec.get("EndpointSpec") is None:
            spec["EndpointSpec"] = {}
        spec["EndpointSpec"]["Ports"] = _update_ports(spec["EndpointSpec"].get("Ports") or [],
                                                      [p for ps in v.get("publish_add") or () for p in ps],
                                                      [p for ps in v.get("publish_rm") or () for p in ps])
    if _given(v, "dns_add", "dns_rm", "dns_option_add", "dns_option_rm", "dns_search_add", "dns_search_rm"):
        old = c.get("DNSConfig") or {}
        new = {}
        for key, add, rm in (("Nameservers", "dns_add", "dns_rm"), ("Search", "dns_search_add", "dns_search_rm"),
                             ("Options", "dns_option_add", "dns_option_rm")):
            removed = set(v.get(rm) or ())
            values = sorted(x for x in _dedupe(list(old.get(key) or ()) + list(v.get(add) or ())) if x not in removed)
            if values:
                new[key] = values
        c["DNSConfig"] = new
    if _given(v, "host_add", "host_rm"):
        c["Hosts"] = _update_hosts(c.get("Hosts") or [], v.get("host_add") or (), v.get("host_rm") or ())
    if v.get("log_driver"):
        task["LogDriver"] = log_driver(v["log_driver"], v.get("log_opt") or ())
    if v.get("force"):
        task["ForceUpdate"] = (task.get("ForceUpdate") or 0) + 1
    _update_health(c, v)
    if "tty" in v:
        c["TTY"] = v["tty"]
    if "read_only" in v:
        c["ReadOnly"] = v["read_only"]
    if "stop_signal" in v:
        c["StopSignal"] = v["stop_signal"]
    if _given(v, "cap_add", "cap_drop"):
        _update_caps(c, v.get("cap_add"), v.get("cap_drop"))
    return spec


def _update_ports(current: list, add: list, remove: list) -> list:
    by_key: dict = {}
    for p in current:
        by_key.setdefault(_port_key(p), p)
    out = [p for p in by_key.values()
           if not any(_same_protocol(p.get("Protocol", ""), r.get("Protocol", "")) and p.get("TargetPort") == r.get("TargetPort")
                      and _same_publish_mode(p.get("PublishMode", ""), r.get("PublishMode", "")) for r in remove)]
    out += [p for p in add if _port_key(p) not in by_key]
    return sorted(out, key=_port_key)


def _update_hosts(current: list, add, remove) -> list:
    to_remove = []
    for entry in remove:
        host, _, ip = entry.partition(":")
        to_remove.append((ip, host))
    out = []
    for entry in current:
        parts = entry.split()
        if not parts:
            continue
        ip, names = parts[0], parts[1:]
        for rm_ip, rm_host in to_remove:
            if rm_ip and rm_ip != ip:
                continue
            names = [h for h in names if h != rm_host]
        if names:
            out.append(f"{ip} {' '.join(names)}")
    return _dedupe(out + swarm_hosts(add))


def _update_health(c: dict, v: dict) -> None:
    keys = ("health_cmd", "health_interval", "health_retries", "health_timeout", "health_start_period")
    if not ("no_healthcheck" in v or any(k in v for k in keys)):
        return
    health = c.get("Healthcheck")
    if health is None:
        health = c["Healthcheck"] = {}
    if v.get("no_healthcheck"):
        if any(k in v for k in keys):
            raise OptionError("--no-healthcheck conflicts with --health-* options")
        c["Healthcheck"] = {"Test": ["NONE"]}
        return
    if (health.get("Test") or [None])[0] == "NONE":
        health.pop("Test", None)
    for flag, key in (("health_interval", "Interval"), ("health_timeout", "Timeout"),
                      ("health_start_period", "StartPeriod"), ("health_retries", "Retries")):
        if flag in v:
            health[key] = v[flag]
    if "health_cmd" in v:
        if v["health_cmd"]:
            health["Test"] = ["CMD-SHELL", v["health_cmd"]]
        else:
            health.pop("Test", None)


def _update_caps(c: dict, add, drop) -> None:
    cap_add = {normalize_capability(x) for x in c.get("CapabilityAdd") or ()}
    cap_drop = {normalize_capability(x) for x in c.get("CapabilityDrop") or ()}
    to_add = to_drop = set()
    if add is not None:
        to_add = {normalize_capability(x) for x in add}
        if "RESET" in to_add:
            cap_add = set()
            to_add.discard("RESET")
    if drop is not None:
        to_drop = {normalize_capability(x) for x in drop}
        if "RESET" in to_drop:
            cap_drop = set()
            to_drop.discard("RESET")
    for cap in to_drop:
        if cap not in to_add:
            if cap in cap_add:
                cap_add.discard(cap)
            else:
                cap_drop.add(cap)
    for cap in to_add:
        if cap in cap_drop:
            cap_drop.discard(cap)
        else:
            cap_add.add(cap)

    def caps_list(caps):
        if not caps:
            return None
        return ["ALL"] if "ALL" in caps else sorted(caps)

    for key, caps in (("CapabilityAdd", cap_add), ("CapabilityDrop", cap_drop)):
        listed = caps_list(caps)
        if listed is None:
            c.pop(key, None)
        else:
            c[key] = listed
