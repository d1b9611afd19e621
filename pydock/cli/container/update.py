"""`pydock update`: change resource limits and the restart policy of containers."""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from .._complete import complete_containers
from .._lazy import command, fail
from .._params import Parsed


BYTES, SWAP = Parsed("bytes", "units:ram_in_bytes"), Parsed("bytes", "units:mem_swap_bytes")
CPUS, UINT16, INT = Parsed("decimal", "units:nano_cpus"), Parsed("uint16", "units:parse_go_uint16"), Parsed("int", "units:parse_go_int")

# flag -> (python name, click type, API field, help); the order is docker's help order.
FLAGS = (
    ("--blkio-weight", "blkio_weight", UINT16, "BlkioWeight",
     "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
    ("--cpu-period", "cpu_period", INT, "CpuPeriod", "Limit CPU CFS (Completely Fair Scheduler) period"),
    ("--cpu-quota", "cpu_quota", INT, "CpuQuota", "Limit CPU CFS (Completely Fair Scheduler) quota"),
    ("--cpu-rt-period", "cpu_rt_period", INT, "CpuRealtimePeriod", "Limit the CPU real-time period in microseconds"),
    ("--cpu-rt-runtime", "cpu_rt_runtime", INT, "CpuRealtimeRuntime",
     "Limit the CPU real-time runtime in microseconds"),
    ("-c/--cpu-shares", "cpu_shares", INT, "CpuShares", "CPU shares (relative weight)"),
    ("--cpus", "cpus", CPUS, "NanoCpus", "Number of CPUs"),
    ("--cpuset-cpus", "cpuset_cpus", str, "CpusetCpus", "CPUs in which to allow execution (0-3, 0,1)"),
    ("--cpuset-mems", "cpuset_mems", str, "CpusetMems", "MEMs in which to allow execution (0-3, 0,1)"),
    ("--kernel-memory", "kernel_memory", BYTES, "KernelMemory", "Kernel memory limit (deprecated)"),
    ("-m/--memory", "memory", BYTES, "Memory", "Memory limit"),
    ("--memory-reservation", "memory_reservation", BYTES, "MemoryReservation", "Memory soft limit"),
    ("--memory-swap", "memory_swap", SWAP, "MemorySwap",
     "Swap limit equal to memory plus swap: -1 to enable unlimited swap"),
    ("--pids-limit", "pids_limit", INT, "PidsLimit", "Tune container pids limit (set -1 for unlimited)"),
    ("--restart", "restart", str, None, "Restart policy to apply when a container exits"),
)


@dataclass(frozen=True)
class UpdateOptions:
    containers: tuple[str, ...]
    resources: dict = field(default_factory=dict)  # API field -> value, only the flags given
    restart: str = ""
    flags_given: int = 0


def _flag_options(f):
    for flag, name, type_, _, help_ in reversed(FLAGS):
        metavar = {INT: "int", str: "string", CPUS: "decimal", UINT16: "uint16"}.get(type_, "bytes")
        f = click.option(*flag.split("/"), name, type=type_, default=None, metavar=metavar, help=help_,
                         hidden=name == "kernel_memory")(f)
    return f


EXAMPLES = (
    ("Raise a running container's memory limit", 'pydock update -m 512m --memory-swap 1g web'),
)


@command("update", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None),
         help="Update configuration of one or more containers")
@click.argument("containers", nargs=-1, shell_complete=complete_containers)
@_flag_options
@click.pass_context
def command(ctx, containers, **values):
    from click.core import ParameterSource

    given = [n for n in values if ctx.get_parameter_source(n) is ParameterSource.COMMANDLINE]
    api = {field_: values[name] for _, name, _, field_, _ in FLAGS if field_ and values[name]}
    run_update(ctx.obj, UpdateOptions(tuple(containers), api, values["restart"] or "", len(given)))


def update_config(opts: UpdateOptions) -> dict:
    """The UpdateConfig body. Zero values mean "leave as is" to the daemon, so only set ones are sent."""
    from ...opts.restart import parse_restart_policy

    try:
        policy = parse_restart_policy(opts.restart) if opts.restart else None
    except ValueError as e:
        fail(str(e))
    return {**opts.resources, **({"RestartPolicy": policy} if policy else {})}


def run_update(app, opts: UpdateOptions) -> None:
    """Names in argument order, then the daemon's warnings (on stdout, as docker prints them)."""
    from ...engine.api import containers
    from .._parallel import in_parallel, joined, warm_up

    if not opts.flags_given:
        fail("you must provide one or more flags when using this command")
    config = update_config(opts)
    warm_up(app)
    warnings, errors = [], []
    for name, result, error in in_parallel(lambda n: containers.update(app.engine, n, config), opts.containers):
        if error is not None:
            errors.append(error)
            continue
        app.write(f"{name}\n")
        warnings.extend((result or {}).get("Warnings") or [])
    if warnings:
        app.write("\n".join(warnings) + "\n")
    if errors:
        raise joined(errors)
