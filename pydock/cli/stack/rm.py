"""`pydock stack rm`: remove the services, secrets, configs and networks labelled with each stack's
namespace (docker/cli cli/command/stack/remove.go, swarm/remove.go, v28), with docker's lines."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_stacks
from .._lazy import command
from .._params import NegatableFlag


@dataclass(frozen=True)
class StackRmOptions:
    namespaces: tuple = ()
    detach: bool = True


EXAMPLES = (
    ('Remove a stack', 'pydock stack rm web'),
)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] STACK [STACK...]", args=(1, None),
         help="Remove one or more stacks")
@click.argument("namespaces", nargs=-1, shell_complete=complete_stacks)
@click.option("-d", "--detach/--no-detach", default=True, cls=NegatableFlag,
              help="Do not wait for stack removal (default true)")
@click.pass_obj
def command(app, namespaces, detach):
    run_stack_rm(app, StackRmOptions(namespaces, detach))


def _failed(app, kind: str, obj_id: str, err) -> None:
    # docker's Fprintf has no newline here: the next line follows on the same line
    app.err.write(f"Failed to remove {kind} {obj_id}: {err}")


def remove_services(app, services: list) -> bool:
    from ...engine.api import swarm as api
    from ...errors import PydockError

    failed = False
    for svc in sorted(services, key=lambda s: s["Spec"]["Name"]):
        app.write(f"Removing service {svc['Spec']['Name']}\n")
        try:
            api.service_remove(app.engine, svc["ID"])
        except PydockError as e:
            failed = True
            _failed(app, "service", svc["ID"], e)
    return failed


def _remove_objects(app, path: str, kind: str, objects: list) -> bool:
    from ...engine.api import swarm as api
    from ...errors import PydockError

    failed = False
    for obj in objects:
        app.write(f"Removing {kind} {obj['Spec']['Name']}\n")
        try:
            api.object_remove(app.engine, path, obj["ID"])
        except PydockError as e:
            failed = True
            _failed(app, kind, obj["ID"], e)
    return failed


def _remove_networks(app, networks: list) -> bool:
    from ...engine.api import networks as api
    from ...errors import PydockError

    failed = False
    for nw in networks:
        app.write(f"Removing network {nw['Name']}\n")
        try:
            api.remove(app.engine, nw["Id"])
        except PydockError as e:
            failed = True
            _failed(app, "network", nw["Id"], e)
    return failed


_TERMINAL = ("complete", "shutdown", "failed", "rejected")


def run_stack_rm(app, opts: StackRmOptions) -> None:
    from ...engine.api import networks as net_api
    from ...engine.api import swarm as api
    from ...errors import PydockError
    from .deploy import _stack_filter, validate_stack_name

    for ns in opts.namespaces:
        validate_stack_name(ns)
    errors = []
    for ns in opts.namespaces:
        flt = _stack_filter(ns)
        services = api.service_list(app.engine, filters=flt)
        networks = net_api.list(app.engine, filters=flt)
        secrets = api.object_list(app.engine, "/secrets", filters=flt) if app.engine.version_at_least("1.25") else []
        configs = api.object_list(app.engine, "/configs", filters=flt) if app.engine.version_at_least("1.30") else []
        if not (services or networks or secrets or configs):
            app.err.write(f"Nothing found in stack: {ns}\n")
            continue
        failed = remove_services(app, services)
        failed = _remove_objects(app, "/secrets", "secret", secrets) or failed
        failed = _remove_objects(app, "/configs", "config", configs) or failed
        failed = _remove_networks(app, networks) or failed
        if failed:
            errors.append(f"failed to remove some resources from stack: {ns}")
            continue
        if not opts.detach:
            _wait_on_tasks(app, ns)
    if errors:
        raise PydockError("\n".join(errors))


def _wait_on_tasks(app, namespace: str) -> None:
    """--detach=false: until every task of the stack has reached a terminal state."""
    import time

    from ...engine.api import swarm as api
    from .deploy import _stack_filter

    while True:
        tasks = api.task_list(app.engine, filters=_stack_filter(namespace))
        if all((t.get("Status") or {}).get("State") in _TERMINAL for t in tasks):
            return
        time.sleep(0.2)
