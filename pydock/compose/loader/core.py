"""compose-go loader/loader.go: files -> one canonical dict (per document: interpolate, extends, !reset,
include, merge, de-duplicate, validate, canonical forms), then defaults, attribute checks, relative paths,
environment, normalisation."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field, replace

from ..errors import ComposeError
from . import canonical as canon
from .merge import enforce_unicity, merge


@dataclass
class LoadOpts:
    environment: dict  # interpolation lookup
    working_dir: str  # the local resource loader's working dir
    skip_validation: bool = False
    skip_interpolation: bool = False
    skip_normalization: bool = False
    resolve_paths: bool = True
    skip_extends: bool = False
    skip_include: bool = False
    skip_default_values: bool = False
    project_name: str = ""
    warn: object = None
    home: str | None = None
    stack: bool = False  # ProjectOptions.stack
    version_warned: list = field(default_factory=list)
    listeners: list = field(default_factory=list)

    def clone(self, **kw) -> "LoadOpts":
        return replace(self, **kw)

    def say(self, msg: str) -> None:
        if self.warn:
            self.warn(msg)


# ---------------------------------------------------------------------------------------------------------
# YAML documents and !reset / !override


def parse_documents(text: str, filename: str):
    """The documents of a file, lazily (a YAML error is raised at the document where v2 meets it)."""
    from . import yaml12

    return yaml12.iter_documents(text, filename)


class ResetProcessor:
    """!reset and !override: paths found while reading a document; `apply` drops them from what the
    document is merged into."""

    def __init__(self):
        self.paths: list[tuple] = []

    def strip(self, node, path=()):
        from . import yaml12

        Reset = getattr(yaml12, "Reset", None)
        Override = getattr(yaml12, "Override", None)
        if Reset is not None and isinstance(node, Reset):
            self.paths.append(path)
            return _DROP
        if Override is not None and isinstance(node, Override):
            self.paths.append(path)
            node = node.value
            return self._plain(node, path)
        return self._plain(node, path)

    def _plain(self, node, path):
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                r = self.strip(v, path + (str(k) if not isinstance(k, str) else k,))
                if r is not _DROP:
                    out[k] = r
            return out
        if isinstance(node, list):
            out = []
            for i, v in enumerate(node):
                r = self.strip(v, path + (str(i),))
                if r is not _DROP:
                    out.append(r)
            return out
        return node

    def apply(self, target, path=()):
        if isinstance(target, dict):
            for k in list(target):
                nxt = path + (k,)
                if any(canon.matches(nxt, p) for p in self.paths):
                    del target[k]
                    continue
                self.apply(target[k], nxt)
        elif isinstance(target, list):
            for i, e in enumerate(target):
                nxt = path + (f"[{i}]",)
                if any(canon.matches(nxt, p) for p in self.paths):
                    continue
                self.apply(e, nxt)


_DROP = object()


class NoopProcessor:
    def apply(self, target, path=()):
        pass


def _go_key(k) -> str:
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, float):
        from .structs import go_float

        return go_float(k)
    if k is None:
        return "<nil>"
    return str(k)


def check_string_keys(value, prefix: str = ""):
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                loc = "at top level" if prefix == "" else f"in {prefix}"
                raise ComposeError(f"non-string key {loc}: {_go_key(k)}")
            check_string_keys(v, k if prefix == "" else f"{prefix}.{k}")
    elif isinstance(value, list):
        for i, e in enumerate(value):
            check_string_keys(e, f"{prefix}[{i}]")


# ---------------------------------------------------------------------------------------------------------


@dataclass
class ConfigFile:
    filename: str
    content: str | None = None
    docs: list | None = None  # parsed once (the name lookup reads them first), then consumed by the load


def read_file(filename: str) -> str:
    try:
        with open(filename, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise ComposeError(f"open {filename}: no such file or directory") from None
    except IsADirectoryError:
        raise ComposeError(f"read {filename}: is a directory") from None
    except PermissionError:
        raise ComposeError(f"open {filename}: permission denied") from None
    return data.decode("utf-8", errors="surrogateescape")


def load_yaml_file(cf: ConfigFile, opts: LoadOpts, working_dir: str, environment: dict, tracker, d: dict,
                   included: list):
    if cf.docs is not None:
        docs, cf.docs = cf.docs, None
    else:
        content = cf.content if cf.content is not None else read_file(cf.filename)
        docs = parse_documents(content, cf.filename)
    processor = None
    for raw in docs:
        reset = ResetProcessor()
        raw = reset.strip(raw)
        if raw is _DROP:
            raw = None
        processor = reset
        d = _process_raw(raw, cf.filename, opts, working_dir, environment, tracker, d, included, [reset])
    return d, processor


def _process_raw(raw, filename, opts: LoadOpts, working_dir, environment, tracker, d, included, processors):
    check_string_keys(raw)
    if not isinstance(raw, dict):
        raise ComposeError("top-level object must be a mapping")
    cfg = raw
    if not opts.skip_interpolation:
        from . import template

        cfg = template.interpolate(cfg, opts.environment, warn=opts.warn)
    if not opts.skip_extends:
        from .extends import apply_extends

        apply_extends(cfg, filename, opts, tracker, processors)
    for p in processors:
        p.apply(d)
    if not opts.skip_include:
        from .include import apply_include

        included = included + [filename]
        apply_include(working_dir, environment, cfg, opts, included)
    d = merge(d, cfg)
    d = enforce_unicity(d)
    if not opts.skip_validation:
        from .validate import validate_schema

        validate_schema(d, filename)
        if "version" in d:
            if filename not in opts.version_warned:
                opts.say(f"{filename}: the attribute `version` is obsolete, it will be ignored, please remove it "
                         "to avoid potential confusion")
            opts.version_warned.append(filename)
            del d["version"]
    d = canon.canonical(d, opts.skip_interpolation, warn=opts.warn)
    d = canon.omit_empty(d)
    d = enforce_unicity(d)
    return d


def load_yaml_model(files: list[ConfigFile], working_dir: str, environment: dict, opts: LoadOpts, tracker,
                    included: list) -> dict:
    d: dict = {}
    for cf in files:
        d, _ = load_yaml_file(cf, opts, working_dir, environment, tracker, d, included)
    if opts.stack:
        _stack_secret_targets(d)
    if not opts.skip_default_values:
        d = canon.set_defaults(d)
    if not opts.skip_validation:
        from .validate import check_attributes

        check_attributes(d)
    if opts.resolve_paths:
        d = canon.resolve_relative_paths(d, working_dir, opts.home)
    canon.resolve_environment(d, environment)
    return d


def _stack_secret_targets(d: dict) -> None:
    """docker/cli's loader (stack deploy) leaves a secret's target empty and the conversion mounts it under
    the source's name; compose-go's default /run/secrets/<source> would change the service spec."""
    for svc in (d.get("services") or {}).values():
        for ref in (svc.get("secrets") or []) if isinstance(svc, dict) else []:
            if isinstance(ref, dict) and "target" not in ref and isinstance(ref.get("source"), str):
                ref["target"] = ref["source"]


def load(files: list[ConfigFile], working_dir: str, environment: dict, opts: LoadOpts) -> dict:
    from .normalize import normalize

    d = load_yaml_model(files, working_dir, environment, opts, CycleTracker(), [])
    if not d:
        raise ComposeError("empty compose file")
    if not opts.skip_validation and opts.project_name == "":
        raise ComposeError("project name must not be empty")
    if not opts.skip_normalization:
        d["name"] = opts.project_name
        d = normalize(d, environment)
    return d


class CycleTracker:
    def __init__(self, loaded=None):
        self.loaded = loaded or []

    def add(self, filename: str, service: str) -> "CycleTracker":
        to_add = (filename, service)
        if to_add in self.loaded:
            lines = ["Circular reference:", f"  {self.loaded[0][1]} in {self.loaded[0][0]}"]
            for f, s in self.loaded[1:] + [to_add]:
                lines.append(f"  extends {s} in {f}")
            raise ComposeError("\n".join(lines))
        return CycleTracker(self.loaded + [to_add])


def deep_clone(v):
    return copy.deepcopy(v)


def local_dir(working_dir: str, original: str) -> str:
    """localResourceLoader.Dir: the directory of `original` relative to `working_dir`."""
    p = original if original.startswith("/") else os.path.join(working_dir, original)
    if not os.path.isdir(p):
        d = os.path.dirname(original)
        p = d if d.startswith("/") else os.path.join(working_dir, d)
    p = canon.clean_path(p)
    try:
        return os.path.relpath(p, working_dir) if working_dir.startswith("/") else p
    except ValueError:
        return p


def local_abs(working_dir: str, p: str) -> str:
    if p.startswith("/"):
        return p
    return canon.clean_path(os.path.join(working_dir, p))
