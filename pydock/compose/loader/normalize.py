"""compose-go loader/normalize.go: default network, implicit depends_on (links, network_mode/ipc/pid/
uts/cgroup `service:x`, volumes_from), build defaults, `environment:`/`build.args` entries without a value
resolved from the project environment, resource names `<project>_<key>`."""

from __future__ import annotations

from .canonical import clean_path
from .structs import go_sprint


def _resolve(a, env: dict, keep_empty: bool):
    if isinstance(a, list):
        out = []
        for v in a:
            r, ok = _resolve(v, env, keep_empty)
            if ok:
                out.append(r)
        return out, True
    if isinstance(a, dict):
        out = {}
        for k, v in a.items():
            if v is not None:
                out[k] = v
                continue
            if k in env:
                out[k] = env[k]
            elif keep_empty:
                out[k] = None
        return out, True
    if isinstance(a, str):
        if "=" not in a:
            if a in env:
                return f"{a}={env[a]}", True
            if keep_empty:
                return a, True
            return "", False
        return a, True
    return a, False


def _normalize_networks(d: dict) -> None:
    networks = d.get("networks")
    if not isinstance(networks, dict):
        networks = {}
    uses_default = False
    for svc in (d.get("services") or {}).values():
        if not isinstance(svc, dict):
            continue
        if "provider" in svc or "network_mode" in svc:
            continue
        n = svc.get("networks", _MISSING)
        if n is _MISSING or not n:
            svc["networks"] = {"default": None}
            uses_default = True
        elif isinstance(n, dict) and "default" in n:
            uses_default = True
    if "default" not in networks and uses_default:
        networks["default"] = None
    if networks:
        d["networks"] = networks


_MISSING = object()


def normalize(d: dict, env: dict) -> dict:
    _normalize_networks(d)
    services = d.get("services")
    if isinstance(services, dict):
        for name, svc in services.items():
            if not isinstance(svc, dict):
                continue
            if svc.get("pull_policy") == "if_not_present":
                svc["pull_policy"] = "missing"
            if "build" in svc and isinstance(svc["build"], dict):
                build = svc["build"]
                if build.get("context") is None:
                    build["context"] = "."
                if build.get("dockerfile") is None and build.get("dockerfile_inline") is None:
                    build["dockerfile"] = "Dockerfile"
                if "args" in build:
                    build["args"], _ = _resolve(build["args"], env, False)
            if "environment" in svc:
                svc["environment"], _ = _resolve(svc["environment"], env, True)
            depends_on = svc.get("depends_on")
            if not isinstance(depends_on, dict):
                depends_on = {}
            for link in svc.get("links") or []:
                parts = link.split(":")
                if len(parts) == 2:
                    link = parts[0]
                if link not in depends_on:
                    depends_on[link] = {"condition": "service_started", "restart": True, "required": True}
            for ns in ("network_mode", "ipc", "pid", "uts", "cgroup"):
                ref = svc.get(ns)
                if isinstance(ref, str) and ref.startswith("service:"):
                    shared = ref[len("service:"):]
                    if shared not in depends_on:
                        depends_on[shared] = {"condition": "service_started", "restart": True, "required": True}
            if isinstance(svc.get("volumes"), list):
                for vol in svc["volumes"]:
                    if isinstance(vol, dict) and isinstance(vol.get("target"), str):
                        vol["target"] = clean_path(vol["target"])
            for v in svc.get("volumes_from") or []:
                if not v.startswith("container:"):
                    spec = v.split(":")[0]
                    if spec not in depends_on:
                        depends_on[spec] = {"condition": "service_started", "restart": False, "required": True}
            if depends_on:
                svc["depends_on"] = depends_on
    _set_name_from_key(d)
    return d


def _is_true(x) -> bool:
    return go_sprint(x) in ("1", "t", "T", "TRUE", "true", "True")


def _set_name_from_key(d: dict) -> None:
    for r in ("networks", "volumes", "configs", "secrets"):
        top = d.get(r)
        if not isinstance(top, dict):
            continue
        for key in list(top):
            res = top[key] if isinstance(top[key], dict) else {}
            if res.get("name") is None:
                if "external" in res and _is_true(res["external"]):
                    res["name"] = key
                else:
                    res["name"] = f"{d.get('name')}_{key}"
            top[key] = res
