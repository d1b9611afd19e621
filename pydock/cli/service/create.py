"""`pydock service create`: the flags → a ServiceSpec (pydock/opts/service.build_spec), names of networks,
secrets and configs resolved to IDs through the API as docker does, the image's digest asked of the registry
(unless --no-resolve-image), then the service ID and, without -d, the convergence progress.

A bad flag value fails while parsing (exit 125, nothing sent); the checks docker makes while building the
spec fail with its message and exit 1, before anything is created."""

from __future__ import annotations

import os

import click

from .._lazy import command
from ._flags import create_flags

CONTEXT = {"help_option_names": ["--help"], "max_content_width": 100, "allow_interspersed_args": False}

EXAMPLES = (
    ("Run two replicas of a web server published on port 8080", "pydock service create --name web --replicas 2 -p 8080:80 nginx"),
    ("A service with a secret, a config and a placement constraint",
     "pydock service create --name app --secret db_pass --config src=app.conf,target=/etc/app.conf --constraint node.role==manager myapp:1.0"),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] IMAGE [COMMAND] [ARG...]", args=(1, None),
         help="Create a new service", context_settings=CONTEXT)
@create_flags
@click.argument("args", metavar="IMAGE [COMMAND] [ARG...]", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def command(app, args, **values):
    service_create(app, args[0], tuple(args[1:]), values)


def build_env(v: dict, cwd: str, environ) -> list[str]:
    """ReadKVEnvStrings(--env-file..., -e...) then makeEnv."""
    from ...errors import PydockError
    from ...opts import env as envopts
    from ...opts._errors import OptionError
    from ...opts.service import make_env
    from ..container._createflags import read_file

    try:
        files = envopts.read_kv_files([(n, read_file(n, cwd)) for n in v.get("env_file") or ()], environ.get)
        flags = [envopts.validate_env(e, environ) for e in v.get("env") or ()]
    except OptionError as e:
        raise PydockError(str(e)) from None
    return make_env(files, flags)


def service_create(app, image: str, args: tuple, values: dict) -> None:
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.env import validate_env
    from ...opts.service import build_spec
    from . import _flags

    v = _flags.given(values)
    _flags.check_versions(app, v)
    cwd, environ = os.getcwd(), dict(os.environ)
    env = build_env(v, cwd, environ)
    if v.get("log_opt"):
        v["log_opt"] = tuple(validate_env(o, environ) for o in v["log_opt"])
    try:
        spec = build_spec(v, image=image, args=args, env=env, networks=[], cwd=cwd)
    except OptionError as e:
        raise PydockError(str(e)) from None
    spec["TaskTemplate"]["Networks"] = _flags.resolve_networks(app, v.get("network") or ())
    secrets = _flags.resolve_secrets(app, v.get("secret") or ())
    if secrets:
        spec["TaskTemplate"]["ContainerSpec"]["Secrets"] = secrets
    configs = list(v.get("config") or ())
    cred = v.get("credential_spec") or {}
    if cred.get("Config"):
        configs.append({"ConfigName": cred["Config"], "Runtime": {}})
    if configs:
        resolved = _resolve_configs_with_runtime(app, configs)
        spec["TaskTemplate"]["ContainerSpec"]["Configs"] = resolved
        if cred.get("Config"):
            for config in resolved:
                if config["ConfigName"] == cred["Config"]:
                    spec["TaskTemplate"]["ContainerSpec"]["Privileges"]["CredentialSpec"]["Config"] = config["ConfigID"]
                    break
    auth = _flags.registry_auth(app, image) if v.get("with_registry_auth") else None
    warnings = _flags.resolve_image(app, spec["TaskTemplate"], not v.get("no_resolve_image"), auth)
    response = swarm.service_create(app.engine, spec, registry_auth=auth)
    for warning in list(response.get("Warnings") or ()) + warnings:
        app.err.write(f"{warning}\n")
    app.write(f"{response['ID']}\n")
    if not v.get("detach"):
        _flags.wait_on_service(app, response["ID"], bool(v.get("quiet")))


def _resolve_configs_with_runtime(app, configs: list[dict]) -> list[dict]:
    """ParseConfigs: file targets first (one per target), then the credential spec's runtime config."""
    from ...engine.api import swarm
    from ...errors import PydockError
    from ._flags import resolve_configs

    files = [c for c in configs if "Runtime" not in c]
    runtime = {c["ConfigName"]: c for c in configs if "Runtime" in c}
    out = resolve_configs(app, files)
    if runtime:
        found = {o["Spec"]["Name"]: o["ID"] for o in
                 swarm.object_list(app.engine, "/configs", filters={"name": sorted(runtime)})}
        for name in runtime:
            if name not in found:
                raise PydockError(f"config not found: {name}")
            out.append({"Runtime": {}, "ConfigID": found[name], "ConfigName": name})
    return out

