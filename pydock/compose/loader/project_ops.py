"""compose-go types/project.go steps on the loaded dict: profiles, env_file and label_file resolution,
service selection (with dependencies), unused resources dropped."""

from __future__ import annotations

import fnmatch
import os

from ..errors import ComposeError
from .structs import decode_mapping, decode_mwe


def _has_profile(svc: dict, profiles) -> bool:
    sp = svc.get("profiles") or []
    if not sp:
        return True
    for p in profiles:
        if p == "*" or p in sp:
            return True
    return False


def with_profiles(raw: dict, profiles, disabled: dict | None = None):
    """Split services into enabled (left in raw) and disabled (returned)."""
    services = raw.get("services") or {}
    allsvc = dict(services)
    if disabled:
        allsvc.update(disabled)
    enabled, off = {}, {}
    for name in allsvc:
        (enabled if _has_profile(allsvc[name], profiles) else off)[name] = allsvc[name]
    raw["services"] = enabled
    if disabled is not None:
        disabled.clear()
        disabled.update(off)
        return enabled, disabled
    return enabled, off


def with_services_enabled(raw: dict, disabled: dict, profiles, names):
    profiles = list(profiles)
    for n in names:
        if n in raw["services"]:
            continue
        svc = disabled.get(n) or {}
        profiles.extend(svc.get("profiles") or [])
    with_profiles(raw, profiles, disabled)
    return profiles


def _deps(svc) -> dict:
    d = svc.get("depends_on")
    if isinstance(d, list):
        return {k: {"condition": "service_started", "required": True} for k in d}
    return d if isinstance(d, dict) else {}


def with_selected_services(raw: dict, disabled: dict, names) -> None:
    services = raw["services"]
    seen: set = set()

    def visit(wanted, dependencies):
        matched = {}
        not_found = []
        for n in wanted:
            hit = False
            for sname in services:
                if fnmatch.fnmatchcase(sname, n):
                    matched[sname] = services[sname]
                    hit = True
            if not hit:
                not_found.append(n)
        for n in not_found:
            dep = dependencies.get(n)
            if dep is None or dep.get("required", True):
                raise ComposeError(f"no such service: {n}")
        for sname, svc in matched.items():
            if sname in seen:
                continue
            seen.add(sname)
            deps = _deps(svc)
            if deps:
                visit(list(deps), deps)

    visit(list(names), {})
    enabled = {}
    for sname, svc in services.items():
        if sname in seen:
            deps = _deps(svc)
            for d in list(deps):
                if d not in seen:
                    del deps[d]
            if "depends_on" in svc:
                svc["depends_on"] = deps
            enabled[sname] = svc
        else:
            for other in services.values():
                od = other.get("depends_on")
                if isinstance(od, dict) and sname in od:
                    del od[sname]
            disabled[sname] = svc
    raw["services"] = enabled


def without_unnecessary_resources(raw: dict) -> None:
    nets, vols, secrets, configs, models = set(), set(), set(), set(), set()
    for svc in (raw.get("services") or {}).values():
        n = svc.get("networks")
        if isinstance(n, dict):
            nets.update(n)
        elif isinstance(n, list):
            nets.update(n)
        for v in svc.get("volumes") or []:
            if isinstance(v, dict) and v.get("type") == "volume" and v.get("source"):
                vols.add(v["source"])
        for s in svc.get("secrets") or []:
            if isinstance(s, dict):
                secrets.add(s.get("source"))
        b = svc.get("build")
        if isinstance(b, dict):
            for s in b.get("secrets") or []:
                if isinstance(s, dict):
                    secrets.add(s.get("source"))
        for c in svc.get("configs") or []:
            if isinstance(c, dict):
                configs.add(c.get("source"))
        m = svc.get("models")
        if isinstance(m, dict):
            models.update(m)
    for key, need in (("networks", nets), ("volumes", vols), ("secrets", secrets), ("configs", configs),
                      ("models", models)):
        top = raw.get(key)
        if isinstance(top, dict):
            kept = {k: v for k, v in top.items() if k in need}
            if kept:
                raw[key] = kept
            else:
                raw.pop(key, None)


def _read_env_file(path: str, fmt: str, into: dict, lookup, warn=None) -> None:
    """dotenv.ParseWithFormat: `.env` syntax (the default), or v2's `raw` (docker run --env-file's kvfile)."""
    from . import dotenv

    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    if fmt in ("", ".env"):
        dotenv.parse(text, lookup, path, into=into, warn=warn)
        return
    if fmt != "raw":
        raise ComposeError(f'unsupported env_file format "{fmt}"')
    if text.startswith("\ufeff"):
        text = text[1:]
    for line in text.split("\n"):
        if line.endswith("\r"):  # bufio.ScanLines
            line = line[:-1]
        line = line.lstrip(" \t\r\n\v\f")
        if not line or line.startswith("#"):
            continue
        key, eq, value = line.partition("=")
        if any(c in key for c in " \t\r\n\v\f"):
            raise ComposeError(f"failed to parse env_file {path}: variable '{key}' contains whitespaces")
        if eq:
            into[key] = value
        else:
            v = lookup(key)
            if v is not None:
                into[key] = v


def resolve_services_environment(raw: dict, project_env: dict, discard_env_files: bool, warn=None) -> None:
    for svc in (raw.get("services") or {}).values():
        env = decode_mwe(svc["environment"]) if svc.get("environment") is not None else {}
        for k, v in list(env.items()):
            if v is None and k in project_env:
                env[k] = project_env[k]
        environment = {k: v for k, v in env.items() if v is not None}
        for ef in svc.get("env_file") or []:
            if isinstance(ef, str):
                ef = {"path": ef, "required": True}
            path = ef.get("path", "")
            required = ef.get("required", True)
            if not os.path.exists(path):
                if required:
                    raise ComposeError(f"env file {path} not found: stat {path}: no such file or directory")
                continue

            def lookup(k, _env=env):
                if k in project_env:
                    return project_env[k]
                v = _env.get(k)
                return v

            _read_env_file(path, ef.get("format") or "", environment, lookup, warn)
        merged = dict(environment)
        merged.update(env)
        if merged or "environment" in svc:
            svc["environment"] = merged
        if discard_env_files:
            svc.pop("env_file", None)


def resolve_services_labels(raw: dict, project_env: dict, discard_label_files: bool, warn=None) -> None:
    for svc in (raw.get("services") or {}).values():
        labels: dict = {}
        for lf in svc.get("label_file") or []:
            if not os.path.exists(lf):
                raise ComposeError(f"label file {lf} not found: stat {lf}: no such file or directory")
            got: dict = {}
            _read_env_file(lf, "", got, lambda k, _l=labels: _l.get(k), warn)
            labels.update(got)
        if svc.get("labels") is not None:
            labels.update(decode_mapping(svc["labels"], "labels"))
        if labels:
            svc["labels"] = labels
        if discard_label_files:
            svc.pop("label_file", None)
