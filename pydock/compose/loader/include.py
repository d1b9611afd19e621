"""`include` (compose-go loader/include.go): other compose projects loaded on their own (their own
project directory and .env) and their resources imported; a conflicting definition is an error."""

from __future__ import annotations

import os

from ..errors import ComposeError
from .core import ConfigFile, CycleTracker, load_yaml_model, local_abs, local_dir
from .structs import go_fmt_s, go_sprint


def _include_configs(source):
    if source is None:
        return []
    if not isinstance(source, list):
        raise ComposeError(f"`include` must be a list, got {go_fmt_s(source)}")
    out = []
    for c in source:
        if isinstance(c, str):
            c = {"path": c}
        path = c.get("path")
        path = [path] if isinstance(path, str) else list(path or [])
        env_file = c.get("env_file")
        env_file = [env_file] if isinstance(env_file, str) else list(env_file or [])
        out.append({"path": path, "project_directory": c.get("project_directory") or "", "env_file": env_file})
    return out


def apply_include(working_dir: str, environment: dict, model: dict, opts, included: list) -> None:
    from . import dotenv
    from .environment import read_env_files

    for r in _include_configs(model.get("include")):
        relworkingdir = ""
        paths = r["path"]
        for i, p in enumerate(paths):
            path = local_abs(opts.working_dir, p)
            if i == 0:
                pd = r["project_directory"]
                if pd == "":
                    relworkingdir = local_dir(opts.working_dir, path)
                    r["project_directory"] = os.path.dirname(path)
                elif not pd.startswith("/"):
                    relworkingdir = local_dir(opts.working_dir, pd)
                    r["project_directory"] = os.path.normpath(os.path.join(working_dir, pd))
                else:
                    relworkingdir = pd
                if path in included:
                    chain = included + [path]
                    raise ComposeError("include cycle detected:\n%s\n include %s"
                                       % (chain[0], "\n include ".join(chain[1:])))
            paths[i] = path
        project_dir = r["project_directory"]
        env_files = r["env_file"]
        if not env_files:
            f = os.path.join(project_dir, ".env")
            if os.path.isfile(f):
                env_files = [f]
        else:
            resolved = []
            for f in env_files:
                if not f.startswith("/"):
                    f = os.path.join(working_dir, f)
                    if not os.path.exists(f):
                        raise ComposeError(f"stat {f}: no such file or directory")
                    if os.path.isdir(f):
                        raise ComposeError(f"{f} is not a file")
                resolved.append(f)
            env_files = resolved
        env = dict(environment or {})
        if env_files:
            for k, v in read_env_files(dotenv, env_files, environment or {}, opts.warn).items():
                env.setdefault(k, v)
        inc_opts = opts.clone(resolve_paths=True, skip_normalization=True, working_dir=project_dir,
                              environment=env)
        imported = load_yaml_model([ConfigFile(p) for p in paths], relworkingdir, env, inc_opts, CycleTracker(),
                                   included)
        _import_resources(imported, model)
    model.pop("include", None)


def _import_resources(source: dict, target: dict) -> None:
    for key in ("services", "volumes", "networks", "secrets", "configs", "models"):
        frm = source.get(key)
        if frm is None:
            continue
        to = target.get(key)
        if not isinstance(to, dict):
            to = {}
        for name, a in frm.items():
            if name in to:
                if to[name] == a:
                    continue
                raise ComposeError(f"{key}.{name} conflicts with imported resource")
            to[name] = a
        target[key] = to
