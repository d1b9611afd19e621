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
