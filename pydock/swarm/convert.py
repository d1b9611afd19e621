"""`stack deploy`: the loaded compose model → swarm objects, as docker/cli cli/compose/convert does it (v28).

Pure: no engine, no files. The model is what pydock's one compose loader gives (`load_project` with
`ProjectOptions(stack=True)`: compose-go's JSON shape, names already `<stack>_<key>` unless set); file
contents of secrets and configs come from the caller's `read_file`. Service secret and config references
carry names only (`SecretName`/`ConfigName`): the caller fills in the IDs once the objects exist
(docker's ParseSecrets/ParseConfigs).

Also here: the checks docker's stack loader makes on the files as written (cli/command/stack/loader and
cli/compose/loader): forbidden keys (an error), unsupported and deprecated ones (warnings), and the
property names its v3 schema allows (`services.web Additional property foo is not allowed`).
"""

from __future__ import annotations

from ..errors import PydockError
from ..opts._errors import OptionError

LABEL_NAMESPACE = "com.docker.stack.namespace"
LABEL_IMAGE = "com.docker.stack.image"
DEFAULT_NETWORK_DRIVER = "overlay"


class ConvertError(PydockError):
    """One line, docker's wording."""


# -- the files as written ---------------------------------------------------------------------------------
# cli/compose/types: UnsupportedProperties, DeprecatedProperties, ForbiddenProperties
UNSUPPORTED = ("build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links", "ipc",
               "links", "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt",
               "shm_size", "userns_mode")
DEPRECATED = {
    "container_name": "Setting the container name is not supported.",
    "expose": "Exposing ports is unnecessary - services on the same network can access each other's containers "
              "on any port.",
}
FORBIDDEN = {
    "extends": "Support for `extends` is not implemented yet.",
    "volume_driver": "Instead of setting the volume driver on the service, define a volume using the top-level "
                     "`volumes` option and specify the driver there.",
    "volumes_from": "To share a volume between services, define it using the top-level `volumes` option and "
                    "reference it from each service that shares it using the service-level `volumes` option.",
    "cpu_quota": "Set resource limits using deploy.resources",
    "cpu_shares": "Set resource limits using deploy.resources",
    "cpuset": "Set resource limits using deploy.resources",
    "mem_limit": "Set resource limits using deploy.resources",
    "memswap_limit": "Set resource limits using deploy.resources",
}

# the property names of config_schema_v3.13.json (docker's default version), object by object
_SERVICE_KEYS = frozenset((
    "build", "cap_add", "cap_drop", "cgroup_parent", "cgroupns_mode", "command", "configs", "container_name",
    "credential_spec", "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint",
    "env_file", "environment", "expose", "external_links", "extra_hosts", "healthcheck", "hostname", "image",
    "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "network_mode", "networks",
    "oom_score_adj", "pid", "ports", "privileged", "read_only", "restart", "secrets", "security_opt",
    "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "sysctls", "tmpfs", "tty", "ulimits", "user",
    "userns_mode", "volumes", "working_dir"))
_SCHEMA = {
    "(root)": frozenset(("version", "services", "networks", "volumes", "secrets", "configs")),
    "service": _SERVICE_KEYS,
    "deploy": frozenset(("endpoint_mode", "labels", "mode", "placement", "replicas", "resources",
                         "restart_policy", "rollback_config", "update_config")),
    "healthcheck": frozenset(("disable", "interval", "retries", "start_interval", "start_period", "test",
                              "timeout")),
    "networks": frozenset(("attachable", "driver", "driver_opts", "external", "internal", "ipam", "labels",
                           "name")),
    "volumes": frozenset(("driver", "driver_opts", "external", "labels", "name", "x-cluster-spec")),
    "secrets": frozenset(("driver", "driver_opts", "external", "file", "labels", "name", "template_driver")),
    "configs": frozenset(("external", "file", "labels", "name", "template_driver")),
}


def _extra_key(allowed: frozenset, d: dict, field: str, extensions: bool = True) -> None:
    extra = sorted(k for k in d if isinstance(k, str) and k not in allowed and not (extensions and k.startswith("x-")))
    if extra:
        raise ConvertError(f"{field} Additional property {extra[0]} is not allowed")


def check_schema_keys(config: dict) -> None:
    """The property names the v3 schema refuses (gojsonschema's `additionalProperties: false`), with docker's
    message. Types and values are left to the compose loader's validation."""
    _extra_key(_SCHEMA["(root)"], config, "(root)")
    for name, svc in _mapping(config.get("services")).items():
        if not isinstance(svc, dict):
            continue
        field = f"services.{name}"
        _extra_key(_SERVICE_KEYS, svc, field)
        for key in ("deploy", "healthcheck"):
            if isinstance(svc.get(key), dict):
                _extra_key(_SCHEMA[key], svc[key], f"{field}.{key}", extensions=False)
    for top in ("networks", "volumes", "secrets", "configs"):
        for name, obj in _mapping(config.get(top)).items():
            if isinstance(obj, dict):
                _extra_key(_SCHEMA[top], obj, f"{top}.{name}")


def _mapping(v) -> dict:
    return v if isinstance(v, dict) else {}


def _service_dicts(configs: list[dict]):
    for config in configs:
        for svc in _mapping(config.get("services")).values():
            if isinstance(svc, dict):
                yield svc


def forbidden_properties(configs: list[dict]) -> dict[str, str]:
    """validateForbidden, file by file: the first file with any gives the error."""
    for config in configs:
        found = {k: v for svc in _service_dicts([config]) for k, v in FORBIDDEN.items() if k in svc}
        if found:
            return found
    return {}


def forbidden_error(found: dict[str, str]) -> ConvertError:
    return ConvertError("Compose file contains unsupported options:\n\n" + _property_warnings(found) + "\n")


def unsupported_properties(configs: list[dict]) -> list[str]:
    return sorted({k for svc in _service_dicts(configs) for k in UNSUPPORTED if k in svc})


def deprecated_properties(configs: list[dict]) -> dict[str, str]:
    return {k: v for svc in _service_dicts(configs) for k, v in DEPRECATED.items() if k in svc}


def _property_warnings(props: dict[str, str]) -> str:
    return "\n\n".join(sorted(f"{k}: {v}" for k, v in props.items()))


def load_warnings(configs: list[dict]) -> str:
    """What docker prints on stderr after loading (LoadComposefile), "" when nothing."""
    out = ""
    unsupported = unsupported_properties(configs)
    if unsupported:
        out += f"Ignoring unsupported options: {', '.join(unsupported)}\n\n"
    deprecated = deprecated_properties(configs)
    if deprecated:
        out += f"Ignoring deprecated options:\n\n{_property_warnings(deprecated)}\n\n"
    return out


# -- names and labels -------------------------------------------------------------------------------------
def scope(namespace: str, name: str) -> str:
    return f"{namespace}_{name}"


def descope(namespace: str, name: str) -> str:
    prefix = namespace + "_"
    return name[len(prefix):] if name.startswith(prefix) else name


def stack_labels(namespace: str, labels: dict | None) -> dict:
    out = dict(labels or {})
    out[LABEL_NAMESPACE] = namespace
    return out


def _is_user_defined(network: str) -> bool:
    """container.NetworkMode.IsUserDefined (Linux)."""
    return network not in ("default", "bridge", "host", "none") and not network.startswith("container:")


# -- networks, secrets, configs ---------------------------------------------------------------------------
def service_networks(model: dict) -> list[str]:
    """getServicesDeclaredNetworks: the network keys the services use."""
    used: set[str] = set()
    for svc in _mapping(model.get("services")).values():
        nets = svc.get("networks") or {}
        used.update(nets or ["default"])
    return sorted(used)


def networks(namespace: str, model: dict) -> tuple[dict[str, dict], list[str]]:
    """convert.Networks: {name: NetworkCreate body without the Name} for the stack's own networks, and the
    names of the external ones."""
    declared = _mapping(model.get("networks"))
    result: dict[str, dict] = {}
    external: list[str] = []
    for key in service_networks(model):
        nw = declared.get(key) or {}
        name = nw.get("name") or scope(namespace, key)
        if nw.get("external"):
            external.append(name)
            continue
        body = {"Labels": stack_labels(namespace, nw.get("labels")),
                "Driver": nw.get("driver") or DEFAULT_NETWORK_DRIVER}
        if nw.get("driver_opts"):
            body["Options"] = dict(nw["driver_opts"])
        if nw.get("internal"):
            body["Internal"] = True
        if nw.get("attachable"):
            body["Attachable"] = True
        ipam = nw.get("ipam") or {}
        if ipam.get("driver") or ipam.get("config"):
            body["IPAM"] = {}
            if ipam.get("driver"):
                body["IPAM"]["Driver"] = ipam["driver"]
            if ipam.get("config"):
                body["IPAM"]["Config"] = [{"Subnet": c.get("subnet", "")} for c in ipam["config"]]
        result[name] = body
    return result, external


def _file_object(namespace: str, key: str, obj: dict, read_file, *, driver: bool = False) -> dict:
    name = obj.get("name") or scope(namespace, key)
    spec = {"Name": name, "Labels": stack_labels(namespace, obj.get("labels"))}
    if driver:
        spec["Data"] = ""
    else:
        spec["Data"] = read_file(obj.get("file") or "")
    return spec


def secrets(namespace: str, model: dict, read_file) -> list[dict]:
    """convert.Secrets: SecretSpecs of the stack's own secrets (every one declared, used or not). `read_file`
    (path → base64 text of the contents) raises ConvertError with the OS's message."""
    out = []
    for key, obj in sorted(_mapping(model.get("secrets")).items()):
        if obj.get("external"):
            continue
        spec = _file_object(namespace, key, obj, read_file, driver=bool(obj.get("driver")))
        if obj.get("driver"):
            spec["Driver"] = {"Name": obj["driver"]}
            if obj.get("driver_opts"):
                spec["Driver"]["Options"] = dict(obj["driver_opts"])
        if obj.get("template_driver"):
            spec["Templating"] = {"Name": obj["template_driver"]}
        out.append(spec)
    return out


def configs(namespace: str, model: dict, read_file) -> list[dict]:
    """convert.Configs: ConfigSpecs of the stack's own configs."""
    out = []
    for key, obj in sorted(_mapping(model.get("configs")).items()):
        if obj.get("external"):
            continue
        spec = _file_object(namespace, key, obj, read_file)
        if obj.get("template_driver"):
            spec["Templating"] = {"Name": obj["template_driver"]}
        out.append(spec)
    return out


# -- services ---------------------------------------------------------------------------------------------
def _duration(v) -> int | None:
    from ..opts.units import parse_duration

    if v is None or v == "":
        return None
    try:
        return parse_duration(str(v))
    except OptionError as e:
        raise ConvertError(str(e)) from None


def _int(v) -> int:
    return int(v) if v not in (None, "") else 0


def _cpus(v) -> int:
    """opts.ParseCPUs of the value as written (the model holds compose-go's float)."""
    from ..opts.units import nano_cpus

    if v in (None, ""):
        return 0
    text = repr(v) if isinstance(v, float) else str(v)
    if text.endswith(".0"):
        text = text[:-2]
    try:
        return nano_cpus(text)
    except OptionError as e:
        raise ConvertError(str(e)) from None


def _mode(v) -> int:
    if v is None:
        return 0o444
    if isinstance(v, str):
        return int(v, 8) if v.startswith("0") and len(v) > 1 else int(v)
    return int(v)


def deploy_mode(mode: str | None, replicas) -> dict:
    """convertDeployMode."""
    mode = mode or ""
    if mode in ("global", "global-job"):
        if replicas is not None:
            raise ConvertError("replicas can only be used with replicated or replicated-job mode")
        return {"Global": {}} if mode == "global" else {"GlobalJob": {}}
    if mode == "replicated-job":
        job = {}
        if replicas is not None:
            job = {"MaxConcurrent": replicas, "TotalCompletions": replicas}
        return {"ReplicatedJob": job}
    if mode in ("replicated", ""):
        return {"Replicated": {} if replicas is None else {"Replicas": replicas}}
    raise ConvertError(f"Unknown mode: {mode}")


def restart_policy(restart: str | None, source: dict | None) -> dict | None:
    """convertRestartPolicy: deploy.restart_policy, else the (unsupported, yet read) `restart` key."""
    from ..opts.restart import parse_restart_policy

    if source is None:
        try:
            policy = parse_restart_policy(restart or "")
        except OptionError as e:
            raise ConvertError(str(e)) from None
        name = policy["Name"]
        if name in ("", "no"):
            return None
        if name in ("always", "unless-stopped"):
            return {"Condition": "any"}
        if name == "on-failure":
            return {"Condition": "on-failure", "MaxAttempts": policy["MaximumRetryCount"]}
        raise ConvertError(f"unknown restart policy: {restart}")
    out = {"Condition": source.get("condition", "")}
    for key, field in (("delay", "Delay"), ("window", "Window")):
        ns = _duration(source.get(key))
        if ns is not None:
            out[field] = ns
    if source.get("max_attempts") is not None:
        out["MaxAttempts"] = int(source["max_attempts"])
    return out


def update_config(source: dict | None) -> dict | None:
    """convertUpdateConfig (also the rollback config)."""
    if source is None:
        return None
    parallelism = source.get("parallelism")
    return {"Parallelism": 1 if parallelism is None else int(parallelism),
            "Delay": _duration(source.get("delay")) or 0,
            "FailureAction": source.get("failure_action", ""),
            "Monitor": _duration(source.get("monitor")) or 0,
            "MaxFailureRatio": float(source.get("max_failure_ratio") or 0),
            "Order": source.get("order", "")}


def resources(source: dict | None) -> dict:
    """convertResources."""
    out: dict = {}
    source = source or {}
    limits = source.get("limits")
    if limits is not None:
        out["Limits"] = {"NanoCPUs": _cpus(limits.get("cpus")), "MemoryBytes": _int(limits.get("memory")),
                         "Pids": _int(limits.get("pids"))}
    reservations = source.get("reservations")
    if reservations is not None:
        res = {"NanoCPUs": _cpus(reservations.get("cpus")), "MemoryBytes": _int(reservations.get("memory"))}
        generic = []
        for g in reservations.get("generic_resources") or []:
            d = g.get("discrete_resource_spec")
            generic.append({"DiscreteResourceSpec": {"Kind": d.get("kind", ""), "Value": int(d.get("value") or 0)}}
                           if d else {})
        if generic:
            res["GenericResources"] = generic
        out["Reservations"] = res
    return out


def healthcheck(check: dict | None) -> dict | None:
    """convertHealthcheck: durations in ns, `disable` → ["NONE"]."""
    if check is None:
        return None
    if check.get("disable"):
        if check.get("test"):
            raise ConvertError("test and disable can't be set at the same time")
        return {"Test": ["NONE"]}
    out = {}
    if check.get("test") is not None:
        out["Test"] = list(check["test"])
    for key, field in (("timeout", "Timeout"), ("interval", "Interval"), ("start_period", "StartPeriod"),
                       ("start_interval", "StartInterval")):
        out[field] = _duration(check.get(key)) or 0
    out["Retries"] = _int(check.get("retries"))
    return out


def endpoint_spec(endpoint_mode: str | None, ports: list[dict] | None) -> dict:
    """convertEndpointSpec: PortConfigs sorted by published port (a published range: one per port)."""
    configs = []
    for p in ports or []:
        published = str(p.get("published") or "")
        first, _, last = published.partition("-")
        numbers = range(int(first), int(last or first) + 1) if first else [0]
        target = int(p.get("target") or 0)
        for pub in numbers:
            configs.append({"Protocol": p.get("protocol", ""), "TargetPort": target,
                            "PublishedPort": pub, "PublishMode": p.get("mode", "")})
    configs.sort(key=lambda c: c["PublishedPort"])
    return {"Mode": (endpoint_mode or "").lower(), "Ports": configs}


def environment(env: dict | None) -> list[str]:
    """convertEnvironment: sorted K=V (K alone when it has no value)."""
    return sorted(k if v is None else f"{k}={v}" for k, v in (env or {}).items())


def extra_hosts(hosts) -> list[str]:
    """convertExtraHosts: host:ip (or compose-go's host=ip) → "ip host", in the order given."""
    out = []
    for entry in hosts or []:
        for sep in ("=", ":"):
            host, found, ip = entry.partition(sep)
            if found:
                if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]":
                    ip = ip[1:-1]
                out.append(f"{ip} {host}")
                break
    return out


def capabilities(add, drop) -> tuple[list[str], list[str]]:
    """opts.EffectiveCapAddCapDrop."""
    def norm(c: str) -> str:
        c = c.strip().upper()
        return c if c in ("ALL", "RESET") or c.startswith("CAP_") else "CAP_" + c

    adds = {norm(c) for c in add or []}
    drops = {norm(c) for c in drop or []}
    if "ALL" in adds:
        adds = {"ALL"}
    if "ALL" in drops:
        drops = {"ALL"}
    cap_drop = sorted(c for c in drops if c not in adds and c != "RESET")
    cap_add = sorted(c for c in adds if c != "RESET")
    return cap_add, cap_drop


def ulimits(source: dict | None) -> list[dict]:
    out = []
    for name, u in sorted((source or {}).items()):
        if isinstance(u, dict):
            out.append({"Name": name, "Soft": _int(u.get("soft")), "Hard": _int(u.get("hard"))})
        else:
            out.append({"Name": name, "Soft": int(u), "Hard": int(u)})
    return out


def mounts(namespace: str, volumes: list[dict] | None, stack_volumes: dict) -> list[dict]:
    """convert.Volumes."""
    return [_mount(namespace, v, stack_volumes) for v in volumes or []]


def _incompatible(v: dict, kind: str, *others: str) -> None:
    for other in others:
        if v.get(other) is not None:
            raise ConvertError(f"{other} options are incompatible with type {kind}")


def _mount(namespace: str, v: dict, stack_volumes: dict) -> dict:
    kind = v.get("type") or "volume"
    m = {"Type": kind, "Target": v.get("target", "")}
    if v.get("source"):
        m["Source"] = v["source"]
    if v.get("read_only"):
        m["ReadOnly"] = True
    if v.get("consistency"):
        m["Consistency"] = v["consistency"]
    if kind == "volume":
        # compose-go gives every volume mount a `volume:` mapping: only its values count here
        _incompatible(v, "volume", "image", "tmpfs", "bind")
        if not v.get("source"):
            return m
        if v["source"] not in stack_volumes:
            raise ConvertError(f'undefined volume "{v["source"]}"')
        stack_volume = stack_volumes[v["source"]] or {}
        m["Source"] = stack_volume.get("name") or scope(namespace, v["source"])
        options: dict = {}
        opts = v.get("volume") or {}
        if opts.get("nocopy"):
            options["NoCopy"] = True
        if opts.get("subpath"):
            options["Subpath"] = opts["subpath"]
        if not stack_volume.get("external"):
            options["Labels"] = stack_labels(namespace, stack_volume.get("labels"))
            if stack_volume.get("driver") or stack_volume.get("driver_opts") is not None:
                driver = {"Name": stack_volume.get("driver", "")}
                if stack_volume.get("driver_opts"):
                    driver["Options"] = dict(stack_volume["driver_opts"])
                options["DriverConfig"] = driver
        m["VolumeOptions"] = options
        return m
    if kind == "bind":
        if not v.get("source"):
            raise ConvertError("invalid bind source, source cannot be empty")
        _incompatible(v, "bind", "volume", "image", "tmpfs")
        # compose-go marks a short-syntax bind with create_host_path; docker's loader sets bind options only
        # for a propagation
        bind = v.get("bind") or {}
        if bind.get("propagation"):
            m["BindOptions"] = {"Propagation": bind["propagation"]}
        return m
    if kind == "tmpfs":
        if v.get("source"):
            raise ConvertError("invalid tmpfs source, source must be empty")
        _incompatible(v, "tmpfs", "bind", "volume", "image")
        if v.get("tmpfs") is not None:
            m["TmpfsOptions"] = {"SizeBytes": _int((v["tmpfs"] or {}).get("size"))}
        return m
    if kind == "image":
        if not v.get("source"):
            raise ConvertError("invalid image source, source cannot be empty")
        _incompatible(v, "image", "volume", "bind", "tmpfs")
        if v.get("image") is not None:
            m["ImageOptions"] = {"Subpath": (v["image"] or {}).get("subpath", "")}
        return m
    if kind == "npipe":
        if not v.get("source"):
            raise ConvertError("invalid npipe source, source cannot be empty")
        _incompatible(v, "npipe", "volume", "image", "tmpfs")
        if v.get("bind") is not None:
            m["BindOptions"] = {"Propagation": (v["bind"] or {}).get("propagation", "")}
        return m
    if kind == "cluster":
        if not v.get("source"):
            raise ConvertError("invalid cluster source, source cannot be empty")
        _incompatible(v, "cluster", "tmpfs", "bind", "volume")
        m["ClusterOptions"] = {}
        if not v["source"].startswith("group:"):
            if v["source"] not in stack_volumes:
                raise ConvertError(f'undefined volume "{v["source"]}"')
            m["Source"] = (stack_volumes[v["source"]] or {}).get("name") or scope(namespace, v["source"])
        return m
    raise ConvertError("volume type must be volume, bind, tmpfs, npipe, or cluster")


def _network_attachments(namespace: str, service_name: str, nets: dict | None, declared: dict) -> list[dict]:
    """convertServiceNetworks: sorted by target; the service's name an alias on user-defined networks."""
    nets = nets or {"default": None}
    out = []
    for key, cfg in nets.items():
        if key not in declared and key != "default":
            raise ConvertError(f'undefined network "{key}"')
        target = (declared.get(key) or {}).get("name") or scope(namespace, key)
        aliases = list((cfg or {}).get("aliases") or [])
        attachment: dict = {"Target": target}
        if _is_user_defined(target):
            aliases.append(service_name)
        if aliases:
            attachment["Aliases"] = aliases
        if (cfg or {}).get("driver_opts"):
            attachment["DriverOpts"] = dict(cfg["driver_opts"])
        out.append(attachment)
    out.sort(key=lambda a: a["Target"])
    return out


def _file_references(namespace: str, refs: list[dict] | None, declared: dict, kind: str) -> list[dict]:
    """convertServiceSecrets / convertServiceConfigObjs, names only (the caller adds the IDs)."""
    out = []
    targets = set()
    field = "SecretName" if kind == "secret" else "ConfigName"
    for ref in refs or []:
        source = ref.get("source")
        if source not in declared:
            raise ConvertError(f'undefined {kind} "{source}"')
        name = (declared[source] or {}).get("name") or scope(namespace, source)
        target = ref.get("target") or source
        if target in targets:
            raise ConvertError(f"duplicate {kind} target for {name} not allowed")
        targets.add(target)
        out.append({"File": {"Name": target, "UID": str(ref.get("uid") or "0"), "GID": str(ref.get("gid") or "0"),
                             "Mode": _mode(ref.get("mode"))}, field: name})
    out.sort(key=lambda r: r[field])
    return out


def service(namespace: str, name: str, svc: dict, model: dict) -> dict:
    """convert.Service: one ServiceSpec. Errors are ConvertError (the caller prefixes `service NAME: `)."""
    deploy = svc.get("deploy") or {}
    image = svc.get("image", "")
    secrets_ = _file_references(namespace, svc.get("secrets"), _mapping(model.get("secrets")), "secret")
    configs_ = _file_references(namespace, svc.get("configs"), _mapping(model.get("configs")), "config")
    endpoint = endpoint_spec(deploy.get("endpoint_mode"), svc.get("ports"))
    mode = deploy_mode(deploy.get("mode"), deploy.get("replicas"))
    mounts_ = mounts(namespace, svc.get("volumes"), _mapping(model.get("volumes")))
    resources_ = resources(deploy.get("resources"))
    restart = restart_policy(svc.get("restart"), deploy.get("restart_policy"))
    health = healthcheck(svc.get("healthcheck"))
    nets = _network_attachments(namespace, name, svc.get("networks"), _mapping(model.get("networks")))
    cap_add, cap_drop = capabilities(svc.get("cap_add"), svc.get("cap_drop"))

    container: dict = {"Image": image}
    if svc.get("entrypoint"):
        container["Command"] = list(svc["entrypoint"])
    if svc.get("command"):
        container["Args"] = list(svc["command"])
    if svc.get("hostname"):
        container["Hostname"] = svc["hostname"]
    hosts = extra_hosts(svc.get("extra_hosts"))
    if hosts:
        container["Hosts"] = hosts
    if svc.get("dns") is not None or svc.get("dns_search") is not None:
        container["DNSConfig"] = {k: list(svc[key]) for k, key in (("Nameservers", "dns"), ("Search", "dns_search"))
                                  if svc.get(key)}
    if health is not None:
        container["Healthcheck"] = health
    env = environment(svc.get("environment"))
    if env:
        container["Env"] = env
    container["Labels"] = stack_labels(namespace, svc.get("labels"))
    if svc.get("working_dir"):
        container["Dir"] = svc["working_dir"]
    if svc.get("user"):
        container["User"] = svc["user"]
    if mounts_:
        container["Mounts"] = mounts_
    grace = _duration(svc.get("stop_grace_period"))
    if grace is not None:
        container["StopGracePeriod"] = grace
    if svc.get("stop_signal"):
        container["StopSignal"] = svc["stop_signal"]
    if svc.get("tty"):
        container["TTY"] = True
    if svc.get("stdin_open"):
        container["OpenStdin"] = True
    if secrets_:
        container["Secrets"] = secrets_
    if configs_:
        container["Configs"] = configs_
    if svc.get("read_only"):
        container["ReadOnly"] = True
    container["Privileges"] = {"CredentialSpec": _credential_spec(svc.get("credential_spec")),
                               "SELinuxContext": None}
    if svc.get("isolation"):
        container["Isolation"] = svc["isolation"]
    if svc.get("init") is not None:
        container["Init"] = bool(svc["init"])
    if svc.get("sysctls"):
        container["Sysctls"] = {k: str(v) for k, v in svc["sysctls"].items()}
    if cap_add:
        container["CapabilityAdd"] = cap_add
    if cap_drop:
        container["CapabilityDrop"] = cap_drop
    limits = ulimits(svc.get("ulimits"))
    if limits:
        container["Ulimits"] = limits
    if svc.get("oom_score_adj"):
        container["OomScoreAdj"] = int(svc["oom_score_adj"])

    placement_src = deploy.get("placement") or {}
    placement: dict = {}
    if placement_src.get("constraints"):
        placement["Constraints"] = list(placement_src["constraints"])
    prefs = [{"Spread": {"SpreadDescriptor": p.get("spread", "")}} for p in placement_src.get("preferences") or []]
    if prefs:
        placement["Preferences"] = prefs
    if placement_src.get("max_replicas_per_node"):
        placement["MaxReplicas"] = int(placement_src["max_replicas_per_node"])

    task: dict = {"ContainerSpec": container, "Resources": resources_}
    if restart is not None:
        task["RestartPolicy"] = restart
    task["Placement"] = placement
    if nets:
        task["Networks"] = nets
    logging = svc.get("logging")
    if logging is not None:
        task["LogDriver"] = {"Name": logging.get("driver", "")}
        if logging.get("options"):
            task["LogDriver"]["Options"] = dict(logging["options"])

    labels = stack_labels(namespace, deploy.get("labels"))
    labels[LABEL_IMAGE] = image
    spec: dict = {"Name": scope(namespace, name), "Labels": labels, "TaskTemplate": task, "Mode": mode}
    update = update_config(deploy.get("update_config"))
    if update is not None:
        spec["UpdateConfig"] = update
    rollback = update_config(deploy.get("rollback_config"))
    if rollback is not None:
        spec["RollbackConfig"] = rollback
    spec["EndpointSpec"] = endpoint
    return spec


def _credential_spec(spec: dict | None) -> dict | None:
    """convertCredentialSpec for `file:` and `registry:` (a `config:` one needs the config's ID: refused)."""
    spec = spec or {}
    given = [f'"{k.capitalize()}"' for k in ("config", "file", "registry") if spec.get(k)]
    if not given:
        return None
    if len(given) == 2:
        raise ConvertError(f"invalid credential spec: cannot specify both {given[0]} and {given[1]}")
    if len(given) > 2:
        raise ConvertError(f"invalid credential spec: cannot specify both {', '.join(given[:-1])}, and {given[-1]}")
    if spec.get("config"):
        raise ConvertError("credential_spec with a config is not supported by pydock")
    return {"File": spec["file"]} if spec.get("file") else {"Registry": spec["registry"]}


def services(namespace: str, model: dict) -> dict[str, dict]:
    """convert.Services: {service key: ServiceSpec}, in key order; errors as `service NAME: ...`."""
    out = {}
    for name, svc in sorted(_mapping(model.get("services")).items()):
        try:
            out[name] = service(namespace, name, svc, model)
        except ConvertError as e:
            raise ConvertError(f"service {name}: {e}") from None
    return out


def check_images(model: dict) -> None:
    """LoadComposefile: every service names a valid image reference."""
    import re

    from ..opts.reference import InvalidReference, parse_normalized

    for name, svc in _mapping(model.get("services")).items():
        image = svc.get("image") or ""
        if not image:
            raise ConvertError(f"invalid image reference for service {name}: no image specified")
        if re.fullmatch(r"[a-f0-9]{64}", image):  # ParseAnyReference: an image ID
            continue
        try:
            parse_normalized(image)
        except InvalidReference as e:
            raise ConvertError(f"invalid image reference for service {name}: {e}") from None
