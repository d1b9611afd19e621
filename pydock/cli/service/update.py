"""`pydock service update`: the service's current spec with the flags given applied (docker's updateService,
pydock/opts/service.update_spec), sent with the Version.Index it was read at (the daemon refuses an update
of a spec that changed meanwhile), then the service name and, without -d, the convergence progress.

`--rollback` alone asks the daemon for its server-side rollback (`rollback=previous`)."""

from __future__ import annotations

import os

import click

from .._complete import complete_swarm_services
from .._lazy import command
from ._flags import update_flags

EXAMPLES = (
    ("Scale up and change an environment variable", "pydock service update --replicas 3 --env-add LEVEL=debug web"),
    ("Roll out a new image one task at a time, 10 seconds apart",
     "pydock service update --image myapp:1.1 --update-parallelism 1 --update-delay 10s web"),
    ("Go back to the previous spec", "pydock service update --rollback web"),
)

QUIET_FLAGS = ("rollback", "detach", "quiet")


@command("update", examples=EXAMPLES, usage="[OPTIONS] SERVICE", args=(1, 1), help="Update a service")
@update_flags
@click.argument("service", shell_complete=complete_swarm_services)
@click.pass_obj
def command(app, service, **values):
    service_update(app, service, values)


def service_update(app, name: str, values: dict) -> None:
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.env import validate_env
    from ...opts.service import update_spec
    from . import _flags

    v = _flags.given(values)
    _flags.check_versions(app, v)
    current = swarm.service_inspect(app.engine, name)
    rollback = bool(v.get("rollback"))
    if rollback and any(k not in QUIET_FLAGS for k in v):
        raise PydockError("other flags may not be combined with --rollback")
    environ = dict(os.environ)
    try:
        env_add = [validate_env(e, environ) for e in v.get("env_add") or ()]
    except OptionError as e:
        raise PydockError(str(e)) from None
    if v.get("log_opt"):
        v["log_opt"] = tuple(validate_env(o, environ) for o in v["log_opt"])
    networks_rm = {swarm.network_inspect_swarm(app.engine, n)["Id"] for n in v.get("network_rm") or ()}
    networks_add = []
    if v.get("network_add"):
        for attachment in v["network_add"]:
            resolved = _flags.resolve_networks(app, [attachment])[0]
            networks_add.append(dict(resolved, Name=attachment.target))
    try:
        spec = update_spec(current.get("Spec") or {}, v, env_add=env_add, networks_rm=networks_rm,
                           networks_add=networks_add, cwd=os.getcwd())
    except OptionError as e:
        raise PydockError(str(e)) from None
    cspec = spec["TaskTemplate"]["ContainerSpec"]
    query_registry = "image" in v and not v.get("no_resolve_image")
    removed = set(v.get("secret_rm") or ())
    secrets = [s for s in cspec.get("Secrets") or () if s.get("SecretName") not in removed]
    secrets += _flags.resolve_secrets(app, v.get("secret_add") or ())
    cspec["Secrets"] = secrets
    cspec["Configs"] = _updated_configs(app, cspec, v)
    _update_credential_spec(cspec, v)
    auth = None
    auth_from = None
    if v.get("with_registry_auth"):
        auth = _flags.registry_auth(app, cspec.get("Image", ""))
    else:
        auth_from = "spec"
    warnings = _flags.resolve_image(app, spec["TaskTemplate"], query_registry, auth)
    response = swarm.service_update(app.engine, current["ID"], current["Version"]["Index"], spec,
                                    registry_auth=auth, registry_auth_from=auth_from,
                                    rollback="previous" if rollback else None)
    for warning in list(response.get("Warnings") or ()) + warnings:
        app.err.write(f"{warning}\n")
    app.write(f"{name}\n")
    if not v.get("detach"):
        _flags.wait_on_service(app, name, bool(v.get("quiet")))


def _updated_configs(app, cspec: dict, v: dict) -> list:
    """getUpdatedConfigs: --config-rm by name (a credential spec's runtime config stays while it is in use),
    then --config-add resolved to IDs."""
    from ._flags import resolve_configs

    cred = v.get("credential_spec")
    cred_name = (cred or {}).get("Config", "") if "credential_spec" in v else ""
    cred_id = ""
    if "credential_spec" not in v:
        cred_id = (((cspec.get("Privileges") or {}).get("CredentialSpec") or {}).get("Config")) or ""
    removed = set(v.get("config_rm") or ())
    keep = []
    for config in cspec.get("Configs") or ():
        if config.get("Runtime") is not None:
            if config.get("ConfigName") == cred_name or config.get("ConfigID") == cred_id:
                keep.append(config)
            continue
        if config.get("ConfigName") not in removed:
            keep.append(config)
    keep += resolve_configs(app, v.get("config_add") or ())
    if cred_name:
        from .create import _resolve_configs_with_runtime

        keep += _resolve_configs_with_runtime(app, [{"ConfigName": cred_name, "Runtime": {}}])
    return keep


def _update_credential_spec(cspec: dict, v: dict) -> None:
    if "credential_spec" not in v:
        return
    cred = v["credential_spec"]
    if not cred:
        if cspec.get("Privileges") is not None:
            cspec["Privileges"].pop("CredentialSpec", None)
        return
    cred = dict(cred)
    if cred.get("Config"):
        for config in cspec.get("Configs") or ():
            if config.get("ConfigName") == cred["Config"]:
                cred["Config"] = config["ConfigID"]
                break
    if cspec.get("Privileges") is None:
        cspec["Privileges"] = {}
    cspec["Privileges"]["CredentialSpec"] = cred
