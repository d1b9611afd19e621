"""`pydock service scale NAME=N [NAME=N...]`: each service's replica count (or a replicated job's total
completions) set through an update of its current spec; `name scaled to N` per service, the failures
(`name: why`) together at the end; without -d, each scaled service's convergence progress in turn."""

from __future__ import annotations

import click

from .._complete import complete_swarm_services
from .._lazy import command

EXAMPLES = (
    ("Scale two services at once", "pydock service scale web=3 worker=5"),
)
SHORT = "Scale one or multiple replicated services"
USAGE = "SERVICE=REPLICAS [SERVICE=REPLICAS...]"


def _complete(ctx, param, incomplete):
    """Service names followed by `=` (docker's completeScaleArgs)."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(item.value + "=") for item in complete_swarm_services(ctx, param, incomplete)]


_complete.kind = complete_swarm_services.kind  # the static scripts offer the names themselves


@command("scale", examples=EXAMPLES, usage=USAGE, args=(1, None), help=SHORT)
@click.argument("specs", nargs=-1, shell_complete=_complete)
@click.option("-d", "--detach", is_flag=True, help="Exit immediately instead of waiting for the service to converge")
@click.pass_context
def command(ctx, specs, detach):
    from ...errors import PydockError

    for spec in specs:
        name, eq, value = spec.partition("=")
        if not eq or not name or not value:
            raise PydockError(f"invalid scale specifier '{spec}'.\nSee '{ctx.command_path} --help'.\n\n"
                              f"Usage:  {ctx.command_path} {USAGE}\n\n{SHORT}")
    service_scale(ctx.obj, specs, detach)


def service_scale(app, specs, detach: bool) -> None:
    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.units import parse_go_uint
    from ._flags import wait_on_service

    errors: list[str] = []
    scaled: list[str] = []
    for spec in specs:
        name, _, value = spec.partition("=")
        try:
            if value[:1] in "+-" or not value.isascii() or not value.isdigit():
                raise OptionError(f'strconv.ParseUint: parsing "{value}": invalid syntax')
            replicas = parse_go_uint(value.lstrip("0") or "0")
        except OptionError as e:
            errors.append(f"{name}: invalid replicas value {value}: {e}")
            continue
        try:
            warnings = _scale(app, name, replicas)
        except PydockError as e:
            errors.append(f"{name}: {e}")
            continue
        for warning in warnings:
            app.err.write(f"{warning}\n")
        app.write(f"{name} scaled to {replicas}\n")
        scaled.append(name)
    if scaled and not detach:
        for name in scaled:
            try:
                wait_on_service(app, name, False)
            except PydockError as e:
                errors.append(f"{name}: {e}")
    if errors:
        raise PydockError("\n".join(errors))


def _scale(app, name: str, replicas: int) -> list:
    from ...engine.api import swarm
    from ...errors import PydockError

    service = swarm.service_inspect(app.engine, name)
    spec = service["Spec"]
    mode = spec.get("Mode") or {}
    if "Replicated" in mode:
        mode["Replicated"]["Replicas"] = replicas
    elif "ReplicatedJob" in mode:
        mode["ReplicatedJob"]["TotalCompletions"] = replicas
    else:
        raise PydockError("scale can only be used with replicated or replicated-job mode")
    return swarm.service_update(app.engine, service["ID"], service["Version"]["Index"], spec).get("Warnings") or []
