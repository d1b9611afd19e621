"""The whole load, in v2's order (see the package docstring)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from ..errors import ComposeError
from .core import ConfigFile, LoadOpts, load, parse_documents, read_file
from .environment import Setup, abspath, string_to_bool
from .names import check_project_name, normalize_project_name


@dataclass
class LoadResult:
    name: str
    working_dir: str
    config_files: list
    model: dict
    raw: dict
    environment: dict
    env_files: list
    disabled: dict = field(default_factory=dict)
    profiles: list = field(default_factory=list)


def _home(environ: dict) -> str | None:
    return environ.get("HOME") or None


def prepare(opts, warn=None):
    """Environment, files read, project name: what both LoadProject and LoadModel start from."""
    setup = Setup(opts, warn)
    default_dir = setup.working_dir()
    if not setup.config_paths:
        raise ComposeError("no configuration file provided: not found")
    files: list[ConfigFile] = []
    for p in setup.config_paths:
        if p == "-":
            reader = opts.read_stdin or sys.stdin.read
            files.append(ConfigFile("-", reader()))
        else:
            a = abspath(p, setup.cwd)
            files.append(ConfigFile(a, read_file(a)))
    environment = setup.environ
    lopts = LoadOpts(environment=environment, working_dir=default_dir,
                     skip_interpolation=not opts.interpolate, skip_normalization=not opts.normalize,
                     resolve_paths=opts.resolve_paths, warn=warn, home=_home(environment))
    # name precedence (cli/options.go withNamePrecedenceLoad, loader.projectName)
    # cli/options.go prepare reads the files' `name:` only when -p is not given
    names_in_yaml = [] if opts.project_name else [_yaml_name(cf) for cf in files]
    is_named = any(n for n in names_in_yaml)
    imperative = False
    name = ""
    if opts.project_name:
        name, imperative = opts.project_name, True
    elif environment.get("COMPOSE_PROJECT_NAME"):
        name, imperative = environment["COMPOSE_PROJECT_NAME"], True
    elif not is_named:
        dirname = os.path.basename(default_dir)
        try:
            real = os.path.realpath(default_dir)
            if os.path.basename(real) != dirname and warn:
                warn(f'project has been loaded without an explicit name from a symlink. Using name "{dirname}"')
        except OSError:
            pass
        name = normalize_project_name(dirname)
    if imperative and not opts.stack:
        check_project_name(name)
    else:
        from_file = ""
        for n in names_in_yaml:
            if n:
                from_file = n
        if not lopts.skip_interpolation:
            from . import template

            from_file = template.interpolate({"name": from_file}, environment, warn=warn)["name"]
        if not lopts.skip_normalization:
            from_file = normalize_project_name(from_file)
        if from_file:
            name = from_file
    if not opts.stack:
        environment["COMPOSE_PROJECT_NAME"] = name
    lopts.project_name = name
    lopts.stack = opts.stack
    return setup, files, lopts, default_dir


def _yaml_name(cf: ConfigFile) -> str:
    """The top-level `name:` (cli/options.go prepare: yaml.Unmarshal of each file into struct{Name
    string}, which reads the FIRST document only and fails on a document that is not a mapping).

    The documents parsed here are kept on `cf` for the load (a later document's YAML error is then
    raised by the load, with v2's `failed to parse FILE: ` prefix)."""
    from . import yaml12

    gen = yaml12.iter_documents(cf.content or "", cf.filename)
    try:
        first = next(gen)
    except StopIteration:
        cf.docs = []
        return ""
    except yaml12.YamlError as e:
        if e.stage != "decode":
            raise ComposeError(e.detail) from None
        # a document that parses but fails compose-go's own checks (a duplicate key, an alias cycle): the
        # name pre-pass reads it (yaml.v3 into a struct ignores those); the load reports it, with its prefix
        cf.docs = None
        try:
            first = yaml12.first_document_leniently(cf.content or "", cf.filename)
        except yaml12.YamlError as e2:
            raise ComposeError(e2.detail) from None
    else:
        cf.docs = _Docs(first, gen)
    d = _unwrap(first)
    if d is None:
        return ""
    if not isinstance(d, dict):
        kind = "!!seq" if isinstance(d, list) else _scalar_kind(d)
        raise ComposeError(f"yaml: unmarshal errors:\n  line {_first_line(cf.content or '')}: cannot unmarshal "
                           f"{kind} into cli.named")
    n = _unwrap(d.get("name"))
    if isinstance(n, (list, dict)):
        kind = "!!seq" if isinstance(n, list) else "!!map"
        raise ComposeError(f"yaml: unmarshal errors:\n  line {_key_line(cf.content or '', 'name')}: cannot "
                           f"unmarshal {kind} into string")
    if n is None:
        return ""
    if isinstance(n, bool):
        return "true" if n else "false"
    return n if isinstance(n, str) else str(n)


class _Docs:
    """The first document, then the rest of the stream, parsed lazily."""

    def __init__(self, first, rest):
        self.first, self.rest = first, rest

    def __iter__(self):
        yield self.first
        yield from self.rest


def _scalar_kind(v) -> str:
    from .structs import go_sprint

    if isinstance(v, bool):
        return f"!!bool `{go_sprint(v)}`"
    if isinstance(v, int):
        return f"!!int `{v}`"
    if isinstance(v, float):
        return f"!!float `{go_sprint(v)}`"
    return f"!!str `{v}`"


def _first_line(text: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        t = line.strip()
        if t and not t.startswith("#") and not t.startswith("%") and t != "---":
            return i
    return 1


def _key_line(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith(key + ":"):
            return i
    return 1


def _unwrap(v):
    return getattr(v, "value", v) if type(v).__name__ in ("Override", "Reset") else v


def run_model(opts, warn=None) -> dict:
    """compose-go ProjectOptions.LoadModel: note that v2 hands the loader a ConfigDetails WITHOUT the
    environment there, so nothing is resolved from it (only COMPOSE_PROJECT_NAME is set)."""
    setup, files, lopts, default_dir = prepare(opts, warn)
    env = {"COMPOSE_PROJECT_NAME": lopts.project_name}
    lopts.environment = env
    return load(files, default_dir, env, lopts)


def _json_services(services: dict) -> dict:
    from .structs import shape_struct

    return {k: shape_struct(services[k], "Service", "json") for k in sorted(services)}


def run(opts, warn=None, consistency=True, resolve_environment=True, all_resources=False,
        discard_env_files=True) -> LoadResult:
    from . import project_ops as ops
    from .structs import shape_project

    setup, files, lopts, default_dir = prepare(opts, warn)
    raw = load(files, default_dir, setup.environ, lopts)
    name = lopts.project_name
    raw.pop("name", None)
    raw = {"name": name, **raw}
    profiles = setup.profiles
    enabled, disabled = ops.with_profiles(raw, profiles)
    if consistency:
        from .validate import check_consistency

        check_consistency(shape_project(raw, "json"), disabled=_json_services(disabled))
    if resolve_environment:
        ops.resolve_services_environment(raw, setup.environ, discard_env_files=discard_env_files, warn=warn)
    ops.resolve_services_labels(raw, setup.environ, discard_label_files=discard_env_files, warn=warn)
    if not name:
        raise ComposeError("project name can't be empty. Use `--project-name` to set a valid name")
    services = list(opts.services)
    if services:
        profiles = ops.with_services_enabled(raw, disabled, profiles, services)
        ops.with_selected_services(raw, disabled, services)
    if not all_resources:
        ops.without_unnecessary_resources(raw)
    model = shape_project(raw, "json")
    disabled_model = _json_services(disabled)
    files_abs = [cf.filename for cf in files]
    return LoadResult(name=name, working_dir=default_dir, config_files=files_abs, model=model, raw=raw,
                      environment=setup.environ, env_files=setup._env_file_args(), disabled=disabled_model,
                      profiles=[p for p in profiles])


__all__ = ["run", "run_model", "prepare", "LoadResult", "string_to_bool"]
