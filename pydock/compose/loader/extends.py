"""`extends` (compose-go loader/extends.go, override/extends.go): a service built from another one, in
the same file or in another file (whose relative paths are rebased on the extending project)."""

from __future__ import annotations

import os

from ..errors import ComposeError
from . import canonical as canon
from .core import ConfigFile, NoopProcessor, deep_clone, load_yaml_file, local_abs, local_dir
from .merge import merge_yaml


def apply_extends(d: dict, filename: str, opts, tracker, post) -> None:
    if "services" not in d:
        return
    services = d["services"]
    if not isinstance(services, dict):
        raise ComposeError("services must be a mapping")
    for name in list(services):
        services[name] = _apply_service_extends(name, services, filename, opts, tracker, post)


def _apply_service_extends(name, services, filename, opts, tracker, post):
    s = services.get(name)
    if s is None:
        return None
    if not isinstance(s, dict):
        raise ComposeError(f"services.{name} must be a mapping")
    if "extends" not in s:
        return s
    ext = s["extends"]
    file = None
    if isinstance(ext, dict):
        ref = ext.get("service")
        if not isinstance(ref, str):
            raise ComposeError(f"extends.{name}.service is required")
        file = ext.get("file")
    else:
        ref = ext if isinstance(ext, str) else ""  # v2's type switch has no other case: ref stays ""
    processor = NoopProcessor()
    base_opts = opts
    if file is not None:
        services, processor, base_opts = _base_from_file(name, ref, filename, file, opts, tracker)
        filename = file
    elif ref not in services:
        raise ComposeError(f'cannot extend service "{name}" in {filename}: service "{ref}" not found')
    tracker = tracker.add(filename, name)
    base = _apply_service_extends(ref, services, filename, base_opts, tracker, [processor])
    if base is None:
        return s
    source = deep_clone(base)
    for p in post:
        p.apply({"services": {name: source}})
    merged = merge_yaml(source, s, ("services", "x"))
    merged.pop("extends", None)
    services[name] = merged
    return merged


def _base_from_file(name, ref, path, ref_path, opts, tracker):
    local = local_abs(opts.working_dir, ref_path)
    localdir = os.path.dirname(local)
    relworkingdir = local_dir(opts.working_dir, ref_path)
    ext_opts = opts.clone(working_dir=localdir, resolve_paths=False, skip_normalization=True, skip_include=True,
                          skip_extends=True, skip_validation=True, skip_default_values=True)
    source, processor = load_yaml_file(ConfigFile(local), ext_opts, relworkingdir, None, tracker, {}, [])
    if "services" not in source:
        raise ComposeError(f'cannot extend service "{name}" in {local}: no services section')
    services = source["services"]
    if not isinstance(services, dict):
        raise ComposeError(f'cannot extend service "{name}" in {local}: services must be a mapping')
    if ref not in services:
        raise ComposeError(f'cannot extend service "{name}" in {path}: service "{ref}" not found in {ref_path}')
    canon.resolve_relative_paths(source, relworkingdir, opts.home)
    return services, processor or NoopProcessor(), opts
