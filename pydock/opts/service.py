"""`service create` / `service update` flags → parts of a swarm ServiceSpec (docker/cli cli/command/service/opts.go).
Pure; errors are OptionError with docker's messages. The container-level flags (`-e`, `--mount`, `-u`, ...) come
from the parsers `run` uses; `--publish` is pydock.opts.ports.parse_service_port.

Issue 14 builds the rest (update/rollback/restart configs, resources, secrets and configs) here."""

from __future__ import annotations

from ._errors import OptionError

MODES = ("replicated", "global", "replicated-job", "global-job")


def placement_preference(value: str) -> dict:
    """`--placement-pref spread=node.labels.zone` → {"Spread": {"SpreadDescriptor": "node.labels.zone"}}."""
    strategy, eq, arg = value.partition("=")
    if not eq or not strategy:
        raise OptionError('placement preference must be of the format "<strategy>=<arg>"')
    if strategy != "spread":
        raise OptionError(f"unsupported placement preference {strategy} (only spread is supported)")
    return {"Spread": {"SpreadDescriptor": arg}}


def service_mode(mode: str, replicas: int | None = None, max_concurrent: int | None = None,
                 max_replicas: int = 0) -> dict:
    """`--mode`, `--replicas`, `--max-concurrent`, `--replicas-max-per-node` → ServiceMode (docker's checks, in
    its order). None: the flag was not given (docker's Uint64Opt)."""
    if mode == "global" or mode == "global-job":
        if mode == "global" and replicas is not None:
            raise OptionError("replicas can only be used with replicated or replicated-job mode")
        if max_replicas > 0:
            raise OptionError("replicas-max-per-node can only be used with replicated or replicated-job mode")
        if max_concurrent is not None:
            raise OptionError("max-concurrent can only be used with replicated-job mode")
        if replicas is not None:
            raise OptionError("replicas can only be used with replicated or replicated-job mode")
        return {"Global": {}} if mode == "global" else {"GlobalJob": {}}
    if mode == "replicated":
        if max_concurrent is not None:
            raise OptionError("max-concurrent can only be used with replicated-job mode")
        return {"Replicated": {} if replicas is None else {"Replicas": replicas}}
    if mode == "replicated-job":
        job = {}
        concurrent = replicas if max_concurrent is None else max_concurrent
        if concurrent is not None:
            job["MaxConcurrent"] = concurrent
        if replicas is not None:
            job["TotalCompletions"] = replicas
        return {"ReplicatedJob": job}
    raise OptionError(f"Unknown mode: {mode}, only replicated and global supported")


# swarmkit's defaults.Service (the values docker fills in before applying the flags given); durations in ns
SECOND = 1_000_000_000
UPDATE_DEFAULTS = {"Parallelism": 1, "Delay": 0, "Monitor": 5 * SECOND, "FailureAction": "pause",
                   "MaxFailureRatio": 0, "Order": "stop-first"}
RESTART_DEFAULTS = {"Condition": "any", "Delay": 5 * SECOND, "MaxAttempts": 0}
_UPDATE_FLAGS = {"parallelism": "Parallelism", "delay": "Delay", "monitor": "Monitor",
                 "failure_action": "FailureAction", "max_failure_ratio": "MaxFailureRatio", "order": "Order"}
_RESTART_FLAGS = {"condition": "Condition", "delay": "Delay", "max_attempts": "MaxAttempts", "window": "Window"}


def update_config(given: dict) -> dict | None:
    """`--update-*` (or `--rollback-*`) flags given → UpdateConfig: None when none was given, else swarmkit's
    defaults with the given ones over them (docker's updateConfig / rollbackConfig). `given` keys: parallelism,
    delay and monitor (ns), failure_action, max_failure_ratio, order."""
    if not given:
        return None
    config = dict(UPDATE_DEFAULTS)
    for key, value in given.items():
        config[_UPDATE_FLAGS[key]] = value
    return config


def restart_policy(given: dict) -> dict | None:
    """`--restart-condition/-delay/-max-attempts/-window` given → RestartPolicy, None when none was (docker's
    ToRestartPolicy: swarmkit's defaults, then the flags). Durations in ns."""
    if not given:
        return None
    policy = dict(RESTART_DEFAULTS)
    for key, value in given.items():
        policy[_RESTART_FLAGS[key]] = value
    return policy
