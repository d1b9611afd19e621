"""`docker build` flags → the query of POST /build (docker/cli cli/command/image/build.go imageBuildOptions and
moby's client imageBuildOptionsToQuery). Pure: the environment and config.json proxies are passed in.

The query is a list of (key, value) pairs sorted by key as Go's url.Values.Encode sorts them: `t` and
`extrahosts` repeat, maps and lists are compact Go JSON (sorted keys, HTML-safe escaping), booleans are
sent only when they differ from the daemon's default (`rm=0` only for `--rm=false`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .env import validate_env

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "FTP_PROXY", "ALL_PROXY")
PROXY_KEYS = {"HTTP_PROXY": "httpProxy", "HTTPS_PROXY": "httpsProxy", "NO_PROXY": "noProxy",
              "FTP_PROXY": "ftpProxy", "ALL_PROXY": "allProxy"}
DEFAULT_ISOLATION = ("", "default")


@dataclass(frozen=True)
class BuildOptions:
    tags: tuple[str, ...] = ()
    build_args: tuple[str, ...] = ()  # as validated at flag time: "K=V", or a bare "K" unset in the client env
    labels: tuple[str, ...] = ()
    extra_hosts: tuple[str, ...] = ()
    ulimits: tuple[dict, ...] = ()
    memory: int = 0
    memory_swap: int = 0
    shm_size: int = 0
    cpu_shares: int = 0
    cpu_period: int = 0
    cpu_quota: int = 0
    cpuset_cpus: str = ""
    cpuset_mems: str = ""
    cgroup_parent: str = ""
    isolation: str = ""
    quiet: bool = False
    no_cache: bool = False
    rm: bool = True
    force_rm: bool = False
    pull: bool = False
    cache_from: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()
    network: str = "default"
    squash: bool = False
    target: str = ""
    platform: str = ""  # already formatted os/arch[/variant]


def go_json(value, *, sort_keys: bool = True) -> str:
    """encoding/json.Marshal: compact, map keys sorted (struct fields keep their order: sort_keys=False),
    HTML characters escaped."""
    from .gojson import go_json as marshal

    return marshal(value, indent=None, sort_keys=sort_keys)


def validate_build_arg(value: str, environ: Mapping[str, str]) -> str:
    """opts.ValidateEnv, as for `-e`: `K=V` stays, a bare `K` takes the client's value when it has one."""
    return validate_env(value, environ)


def build_args_map(values, proxies: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """ConvertKVStringsToMapWithNil (a bare `K` → null) plus ParseProxyConfig: config.json proxies are
    added under both spellings unless a build arg already names them."""
    result: dict[str, str | None] = {}
    for value in values:
        key, eq, rest = value.partition("=")
        result[key] = rest if eq else None
    for name in PROXY_VARS:
        setting = (proxies or {}).get(PROXY_KEYS[name]) or ""
        if setting:
            result.setdefault(name, setting)
            result.setdefault(name.lower(), setting)
    return result


def labels_map(values) -> dict[str, str]:
    """ConvertKVStringsToMap: `k=v` → k: v, `k` → k: ""; later values win."""
    result: dict[str, str] = {}
    for value in values:
        key, _, rest = value.partition("=")
        result[key] = rest
    return result


def build_query(o: BuildOptions, *, dockerfile: str = "", proxies: Mapping[str, str] | None = None,
                remote: str = "") -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    pairs += [("t", t) for t in o.tags]
    pairs += [("securityopt", s) for s in o.security_opt]
    pairs += [("extrahosts", h) for h in o.extra_hosts]
    single: dict[str, str] = {}
    if o.quiet:
        single["q"] = "1"
    if remote:
        single["remote"] = remote
    if o.no_cache:
        single["nocache"] = "1"
    if not o.rm:
        single["rm"] = "0"
    if o.force_rm:
        single["forcerm"] = "1"
    if o.pull:
        single["pull"] = "1"
    if o.squash:
        single["squash"] = "1"
    if o.isolation not in DEFAULT_ISOLATION:
        single["isolation"] = o.isolation
    if o.cpuset_cpus:
        single["cpusetcpus"] = o.cpuset_cpus
    if o.network and o.network != "default":
        single["networkmode"] = o.network
    if o.cpuset_mems:
        single["cpusetmems"] = o.cpuset_mems
    for key, value in (("cpushares", o.cpu_shares), ("cpuquota", o.cpu_quota), ("cpuperiod", o.cpu_period),
                       ("memory", o.memory), ("memswap", o.memory_swap)):
        if value:
            single[key] = str(value)
    if o.cgroup_parent:
        single["cgroupparent"] = o.cgroup_parent
    if o.shm_size:
        single["shmsize"] = str(o.shm_size)
    if dockerfile:
        single["dockerfile"] = dockerfile
    if o.target:
        single["target"] = o.target
    if o.ulimits:
        by_name = {u["Name"]: u for u in o.ulimits}
        single["ulimits"] = go_json([{"Name": n, "Hard": by_name[n]["Hard"], "Soft": by_name[n]["Soft"]}
                                     for n in sorted(by_name)], sort_keys=False)
    args = build_args_map(o.build_args, proxies)
    if args:
        single["buildargs"] = go_json(args)
    labels = labels_map(o.labels)
    if labels:
        single["labels"] = go_json(labels)
    if o.cache_from:
        single["cachefrom"] = go_json(list(o.cache_from))
    if o.platform:
        single["platform"] = o.platform
    single["version"] = "1"
    pairs += single.items()
    return sorted(pairs, key=lambda kv: kv[0])  # stable: repeated keys keep their order


def registry_config(auths: Mapping[str, dict] | None) -> dict[str, dict]:
    """The X-Registry-Config map from config.json `auths` (credentials decoded, as GetAllCredentials gives
    them for the file store): {server: {username, password, serveraddress, identitytoken, registrytoken}}."""
    import base64

    result: dict[str, dict] = {}
    for server, entry in sorted((auths or {}).items()):
        if not isinstance(entry, dict):
            continue
        username = password = ""
        if entry.get("auth"):
            try:
                decoded = base64.b64decode(entry["auth"]).decode("utf-8", "replace")
                username, _, password = decoded.partition(":")
            except (ValueError, TypeError):
                continue
        config = {"username": username, "password": password, "serveraddress": server,
                  "identitytoken": entry.get("identitytoken") or "", "registrytoken": entry.get("registrytoken") or ""}
        result[server] = {k: v for k, v in config.items() if v}
    return result


AUTH_FIELDS = ("username", "password", "auth", "serveraddress", "identitytoken", "registrytoken")


def registry_config_header(configs: Mapping[str, Mapping[str, str]] | None) -> str:
    """X-Registry-Config: URL-safe base64 of {server: AuthConfig} as compact Go JSON (`e30=` for `{}`);
    each entry keeps docker's field order and drops empty fields (email is not sent)."""
    import base64

    body = {server: {k: str(entry[k]) for k in AUTH_FIELDS if entry.get(k)}
            for server, entry in sorted((configs or {}).items())}
    text = go_json(body, sort_keys=False)
    return base64.urlsafe_b64encode(text.encode()).decode()
