"""`compose run`'s one-off container: its name, slug and the service as `run` rewrites it (v2
pkg/compose/run.go applyRunOptions/prepareRun, cmd/compose/run.go apply). Pure: no engine I/O."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field

from . import labels
from .errors import ComposeError

SEPARATOR = "-"


def new_slug() -> str:
    """stringid.GenerateRandomID: 64 hex digits (never all digits, as the Go helper retries)."""
    while True:
        slug = secrets.token_hex(32)
        if not slug[:12].isdigit():
            return slug


def container_name(project: str, service: str, slug: str) -> str:
    """`<project>-<service>-run-<slug[:12]>`."""
    return f"{project}{SEPARATOR}{service}{SEPARATOR}run{SEPARATOR}{slug[:12]}"


@dataclass
class RunSpec:
    """What the command line changes in the service (api.RunOptions plus cmd's runOptions)."""

    service: str
    command: list[str] = field(default_factory=list)
    name: str = ""
    tty: bool = False
    interactive: bool = True
    user: str = ""
    workdir: str = ""
    entrypoint: list[str] | None = None
    environment: list[str] = field(default_factory=list)  # K=V (already resolved)
    labels: dict[str, str] = field(default_factory=dict)
    cap_add: list[str] = field(default_factory=list)
    cap_drop: list[str] = field(default_factory=list)
    service_ports: bool = False
    publish: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)


def parse_labels(values) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, eq, rest = value.partition("=")
        if not eq:
            raise ComposeError("label must be set as KEY=VALUE")
        out[key] = rest
    return out


def apply_cli(service: dict, spec: RunSpec) -> dict:
    """runOptions.apply: tty, stdin_open, ports (only -p unless --service-ports), extra -v volumes."""
    from .loader.canonical import parse_port_config, parse_volume

    s = copy.deepcopy(service)
    s["tty"] = spec.tty
    s["stdin_open"] = spec.interactive
    if not spec.service_ports:
        ports = []
        for p in spec.publish:
            ports.extend(parse_port_config(p))
        if ports:
            s["ports"] = ports
        else:
            s.pop("ports", None)
    for v in spec.volumes:
        s.setdefault("volumes", [])
        s["volumes"] = list(s["volumes"]) + [parse_volume(v)]
    return s


def apply_run_options(service: dict, spec: RunSpec, slug: str, project_name: str,
                      environment: dict[str, str]) -> tuple[dict, str]:
    """applyRunOptions + prepareRun's rewrite: returns (service, container name)."""
    s = copy.deepcopy(service)
    s["tty"] = spec.tty
    s["stdin_open"] = spec.interactive
    s.pop("container_name", None)
    if spec.command:
        s["command"] = list(spec.command)
    if spec.user:
        s["user"] = spec.user
    if spec.cap_add:
        s["cap_add"] = list(s.get("cap_add") or []) + spec.cap_add
        s["cap_drop"] = [c for c in (s.get("cap_drop") or []) if c not in spec.cap_add] or None
    if spec.cap_drop:
        s["cap_drop"] = list(s.get("cap_drop") or []) + spec.cap_drop
        s["cap_add"] = [c for c in (s.get("cap_add") or []) if c not in spec.cap_drop] or None
    for key in ("cap_add", "cap_drop"):
        if key in s and s[key] is None:
            del s[key]
    if spec.workdir:
        s["working_dir"] = spec.workdir
    if spec.entrypoint is not None:
        s["entrypoint"] = list(spec.entrypoint)
        if not spec.command:
            s["command"] = []
    if spec.environment:
        env = dict(s.get("environment") or {})
        for item in spec.environment:
            key, eq, value = item.partition("=")
            if not eq:
                if key not in environment:
                    continue
                value = environment[key]
            if value == "":
                continue  # RemoveEmpty
            env[key] = value
        s["environment"] = env
    if spec.labels:
        merged = dict(s.get("labels") or {})
        merged.update(spec.labels)
        s["labels"] = merged
    name = spec.name or container_name(project_name, spec.service, slug)
    if spec.name:
        s["container_name"] = spec.name
    s["scale"] = 1
    s.pop("restart", None)
    deploy = s.get("deploy")
    if isinstance(deploy, dict) and "restart_policy" in deploy:
        deploy = dict(deploy)
        deploy.pop("restart_policy")
        s["deploy"] = deploy
    return s, name


def slug_labels(slug: str) -> dict[str, str]:
    return {labels.SLUG: slug}
