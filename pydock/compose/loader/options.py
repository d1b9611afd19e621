"""What the loader is asked to load: the compose group's flags plus the process's environment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping


@dataclass(frozen=True)
class ProjectOptions:
    files: tuple[str, ...] = ()  # -f, as given ("-" = stdin); empty: COMPOSE_FILE, else discovery
    project_name: str | None = None  # -p
    project_directory: str | None = None  # --project-directory
    env_files: tuple[str, ...] = ()  # --env-file; empty: COMPOSE_ENV_FILES, else <project dir>/.env
    profiles: tuple[str, ...] = ()  # --profile; empty: COMPOSE_PROFILES
    environ: Mapping[str, str] = field(default_factory=dict)  # the OS environment
    cwd: str = "."
    compatibility: bool = False
    services: tuple[str, ...] = ()  # services named on the command line: they activate their profiles
    interpolate: bool = True  # False for `config --no-interpolate`
    resolve_paths: bool = True  # False for `config --no-path-resolution`
    normalize: bool = True  # False for `config --no-normalize`
    read_stdin: Callable[[], str] | None = None  # for `-f -`; None: sys.stdin
    # `stack deploy` (docker/cli cli/command/stack/loader): the OS environment only (no .env, no
    # COMPOSE_PROJECT_NAME), `project_name` is the stack name taken verbatim, and a service's secret without
    # a `target` is mounted under its source name, not /run/secrets/<source>
    stack: bool = False
