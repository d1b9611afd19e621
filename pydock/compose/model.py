"""The loaded project: what every compose verb works from.

`model` is a plain dict shaped exactly as `docker compose config --format json` prints it (compose-go's
JSON: `name`, `services`, `networks`, `volumes`, `secrets`, `configs`, `x-*`), with every dict's keys in
the order Go's encoder writes them, so serialising it and hashing a service need no second ordering.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Project:
    name: str
    working_dir: str  # absolute project directory
    config_files: tuple[str, ...]  # absolute paths of the files loaded, in order (the config_files label)
    model: dict  # see the module docstring
    environment: dict[str, str] = field(default_factory=dict)  # interpolation env: OS env over .env
    env_files: tuple[str, ...] = ()  # --env-file / COMPOSE_ENV_FILES, absolute (environment_file label)
    disabled: dict[str, dict] = field(default_factory=dict)  # services switched off by profiles, same shape
    profiles: tuple[str, ...] = ()  # active profiles

    @property
    def services(self) -> dict[str, dict]:
        return self.model.get("services") or {}

    @property
    def networks(self) -> dict[str, dict]:
        return self.model.get("networks") or {}

    @property
    def volumes(self) -> dict[str, dict]:
        return self.model.get("volumes") or {}

    @property
    def secrets(self) -> dict[str, dict]:
        return self.model.get("secrets") or {}

    @property
    def configs(self) -> dict[str, dict]:
        return self.model.get("configs") or {}
