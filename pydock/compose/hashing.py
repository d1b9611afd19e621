"""The `com.docker.compose.config-hash` label, exactly as docker compose v2.40.3 computes it
(pkg/compose/hash.go): the sha256 hex of Go's `json.Marshal` of compose-go's ServiceConfig /
NetworkConfig / VolumeConfig.

The input is the model dict (`Project.model`): the same document `docker compose config --format json`
prints, with real values (a `$` is one `$`; `config` doubles every `$` in its output text, the model does
not), and every dict's keys already in the order Go writes them (struct field order, sorted map keys).
Go's `json.Marshal` of the struct is then the compact encoding of that dict (`go_json`): the fields
`config` prints are exactly the struct's non-omitted fields (`json:"-"` fields such as CustomLabels,
Extensions (`x-*`) and the service name are in neither).

ServiceHash blanks, before marshalling: `build`, `pull_policy`, `scale`, `deploy.replicas`,
`depends_on` and `profiles` (all `omitempty`, so they are just dropped; `deploy` itself stays, even
when replicas was all it had: `"deploy":{"resources":{},"placement":{}}`...). VolumeHash defaults an
empty `driver` to `"local"` (the field goes after `name`, struct order). NetworkHash hashes the
network as it is.

What `up`/`create` hashes, beyond the model `config` prints (verified on the oracle, tests/engine/
compose/test_convert_oracle.py):
- the environment is resolved the same way in both (`WithServicesEnvironmentResolved(true)`:
  env_file merged into `environment` and dropped), and paths are resolved in both;
- service references are resolved BEFORE hashing (convergence.go resolveServiceReferences):
  `network_mode: service:x`, `ipc: service:x`, `pid: service:x` become `container:<full id of x's
  first container>`, and each `volumes_from` entry `x` becomes that container's full id
  (`container:name` becomes `name`). `service_hash(..., resolve=...)` takes those ids;
- with DOCKER_DEFAULT_PLATFORM set, a service with `build:` and no `platform:` gets that platform
  (applyPlatforms) before hashing: pass the service with `platform` set (the caller's business);
- `--pull X` / `--build` set pull_policy, which the hash drops anyway;
- labels added by compose (CustomLabels: project, service, image digest...) are not hashed;
- `run` hashes its rewritten service: container_name = the run container's name, tty/stdin_open from
  the flags, no restart / deploy.restart_policy (convert.container_plan(oneoff=True) sets the name).

`service_hash` first puts the dict in the shape Go's encoder gives the struct (canonical_service: field
order, zero-valued omitempty fields dropped, map keys sorted), so a service dict edited after loading
(`run` setting tty=False...) still hashes as v2 does. Note: `docker compose config --hash` is NOT the
label value when the service uses env_file (it hashes a project loaded without environment
resolution); the label is what matters for recreation.

Verified: the labels v2.40.3 wrote for every container, network and volume of the 15 fixtures
tests/compose_fixtures/convert-* (tests/engine/compose/test_convert_oracle.py, live, and
tests/unit/compose/test_hashing.py against the recorded captures).
"""

from __future__ import annotations

import hashlib

def go_json(value) -> str:
    """Go's compact `json.Marshal` of a JSON-shaped value (dicts in the order given)."""
    from ..opts.gojson import go_json as marshal

    return marshal(value, indent=None)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_SERVICE_BLANKED = ("build", "pull_policy", "scale", "depends_on", "profiles")

# compose-go ServiceConfig: JSON field order, the pointer fields (kept when false/empty, dropped when
# None) and the map fields (Go sorts their keys); every other field is omitempty except command and
# entrypoint, which are always written (null when unset)
_POINTERS = {"attach", "build", "develop", "blkio_config", "credential_spec", "deploy", "provider", "extends",
             "healthcheck", "init", "logging", "scale", "stop_grace_period"}
_MAPS = {"annotations", "environment", "labels", "sysctls", "storage_opt", "ulimits", "networks", "depends_on",
         "log_opt", "models"}
_ALWAYS = {"command", "entrypoint"}


def canonical_service(service: dict) -> dict:
    """The service dict as Go's encoder writes the struct: fields in struct order, omitempty fields
    with a zero value dropped, map keys sorted, extra_hosts sorted (HostsList.MarshalJSON), `x-*`
    dropped. A model loaded like `config --format json` is already canonical; this guards the hash
    against dicts edited afterwards (e.g. `run` setting tty/stdin_open/container_name)."""
    from .convert import SERVICE_FIELDS

    rank = {k: i for i, k in enumerate(SERVICE_FIELDS)}
    out = {}
    for key in sorted((k for k in service if k in rank), key=rank.__getitem__):
        value = service[key]
        if key in _ALWAYS:
            out[key] = value
            continue
        if value is None or (key not in _POINTERS and (value is False or value == "" or value == 0
                                                       or value == [] or value == {})):
            continue
        if key in _MAPS and isinstance(value, dict):
            value = dict(sorted(value.items()))
        elif key == "extra_hosts" and isinstance(value, list):
            value = sorted(value)
        out[key] = value
    for key in _ALWAYS:
        out.setdefault(key, None)
    if list(out) != sorted(out, key=rank.__getitem__):
        out = {k: out[k] for k in sorted(out, key=rank.__getitem__)}
    return out


def hashed_service(service: dict, *, resolve: dict | None = None) -> dict:
    """The service dict ServiceHash marshals: blanked fields dropped, service references resolved.

    `resolve` maps a service name to the full id of its first container (for `service:x` modes and
    `volumes_from`); a reference with no entry is left as written."""
    s = {k: v for k, v in canonical_service(service).items() if k not in _SERVICE_BLANKED}
    deploy = s.get("deploy")
    if isinstance(deploy, dict) and "replicas" in deploy:
        s["deploy"] = {k: v for k, v in deploy.items() if k != "replicas"}
    if resolve:
        for key in ("network_mode", "ipc", "pid"):
            mode = s.get(key)
            if isinstance(mode, str) and mode.startswith("service:") and mode[8:] in resolve:
                s[key] = "container:" + resolve[mode[8:]]
        if s.get("volumes_from"):
            s["volumes_from"] = [_resolve_volumes_from(v, resolve) for v in s["volumes_from"]]
    return s


def _resolve_volumes_from(entry: str, resolve: dict) -> str:
    spec = entry.split(":")
    if spec[0] == "container":
        return spec[1] if len(spec) > 1 else entry
    return resolve.get(spec[0], entry)


def service_hash(service: dict, *, resolve: dict | None = None) -> str:
    """ServiceHash of a model service dict (see the module docstring for `resolve`)."""
    return _sha256(go_json(hashed_service(service, resolve=resolve)))


def network_hash(network: dict) -> str:
    """NetworkHash of a model network dict (top-level `networks.<key>`)."""
    return _sha256(go_json(network))


def volume_hash(volume: dict) -> str:
    """VolumeHash of a model volume dict: an empty driver counts as "local"."""
    if not volume.get("driver"):
        out = {"name": volume["name"]} if "name" in volume else {}
        out["driver"] = "local"  # VolumeConfig field order: name, driver, driver_opts, external, labels
        out.update((k, v) for k, v in volume.items() if k not in ("name", "driver"))
        volume = out
    return _sha256(go_json(volume))
