"""Compose file loading: pure functions from files and environment to the project model.

Nothing here talks to the engine. Errors are `pydock.compose.errors.ComposeError` with v2's wording.

`load_project(opts)` follows docker compose v2.40 (`ProjectOptions.ToProject`) over compose-go v2.9.1:
environment and files (environment.py), project name (names.py), per-file loading (core.py: YAML,
interpolation, extends, include, merge, canonical forms), normalisation (normalize.py), then the
project-level steps (profiles, consistency, env_file resolution, service selection, unused resources)
and the typed view (structs.py) that makes `Project.model` equal to `config --format json`.
"""

from __future__ import annotations

import os

from ..errors import ComposeError


def load_project(opts, warn=None, *, consistency: bool = True, resolve_environment: bool = True,
                 all_resources: bool = False, discard_env_files: bool = True):
    """Load the project `opts` (a ProjectOptions) describes. `warn(msg)` receives v2's warnings (logrus
    WARN lines: the caller formats them).

    Keywords (v2's loader options): `consistency=False` (`--no-consistency`), `resolve_environment=False`
    (cli.WithoutEnvironmentResolution: env_file not read, kept in the model), `all_resources=True`
    (`--all-resources`: unused networks/volumes kept), `discard_env_files=False` (keep `env_file` in
    the model after reading it, as v2 does for every verb but `config`)."""
    from ..model import Project
    from .pipeline import run

    r = run(opts, warn=warn, consistency=consistency, resolve_environment=resolve_environment,
            all_resources=all_resources, discard_env_files=discard_env_files)
    p = Project(name=r.name, working_dir=r.working_dir, config_files=tuple(r.config_files), model=r.model,
                environment=r.environment, env_files=tuple(r.env_files), disabled=r.disabled,
                profiles=tuple(r.profiles))
    p.__dict__["raw"] = r.raw  # the model before typing (x-* extensions kept): serialize.to_yaml uses it
    p.__dict__["load_result"] = r
    return p


def load_model(opts, warn=None) -> dict:
    """compose-go LoadModel (`config --no-interpolate` and friends): the normalised dict, not typed."""
    from .pipeline import run_model

    return run_model(opts, warn=warn)


__all__ = ["load_project", "load_model", "ComposeError", "os"]
