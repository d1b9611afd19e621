"""`pydock stack deploy`: compose files → a swarm stack (docker/cli cli/command/stack/deploy.go, loader/,
swarm/deploy.go, swarm/deploy_composefile.go, v28).

The files go through pydock's one compose loader in its stack mode; pydock.swarm.convert turns the model
into networks, secrets, configs and service specs. Everything is converted (and every file read) before
the first object is created, so bad input creates nothing; then networks, secrets, configs and services
are created or updated in docker's order, with docker's lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import click

from .._complete import complete_stacks
from .._lazy import command
from .._objects import STRINGS
from .._params import NegatableFlag

RESOLVE_ALWAYS, RESOLVE_CHANGED, RESOLVE_NEVER = "always", "changed", "never"
DETACH_NOTICE = ("Since --detach=false was not specified, tasks will be created in the background.\n"
                 "In a future release, --detach=false will become the default.\n")
_SCHEMA_VERSIONS = {f"3.{n}" for n in range(14)}
DEFAULT_VERSION = "3.13"


@dataclass(frozen=True)
class StackDeployOptions:
    namespace: str
    compose_files: tuple = ()
    prune: bool = False
    resolve_image: str = RESOLVE_ALWAYS
    with_registry_auth: bool = False
    detach: bool = True
    detach_given: bool = False
    quiet: bool = False


EXAMPLES = (
    ('Deploy a stack from a compose file', 'pydock stack deploy -c compose.yaml web'),
    ('Merge two files, and remove the services the files no longer name',
     'pydock stack deploy -c compose.yaml -c prod.yaml --prune web'),
)


@command("deploy", examples=EXAMPLES, usage="[OPTIONS] STACK", args=(1, 1),
         help="Deploy a new stack or update an existing stack")
@click.argument("stack", nargs=-1, shell_complete=complete_stacks)
@click.option("-c", "--compose-file", "compose_files", multiple=True, type=STRINGS, metavar="strings",
              help='Path to a Compose file, or "-" to read from stdin')
@click.option("-d", "--detach/--no-detach", default=True, cls=NegatableFlag,
              help="Exit immediately instead of waiting for the stack services to converge (default true)")
@click.option("--prune", is_flag=True, help="Prune services that are no longer referenced")
@click.option("-q", "--quiet", is_flag=True, help="Suppress progress output")
@click.option("--resolve-image", default=RESOLVE_ALWAYS, metavar="string",
              help='Query the registry to resolve image digest and supported platforms ("always", "changed", '
                   '"never") (default "always")')
@click.option("--with-registry-auth", is_flag=True, help="Send registry authentication details to Swarm agents")
@click.pass_context
def command(ctx, stack, compose_files, detach, prune, quiet, resolve_image, with_registry_auth):
    from click.core import ParameterSource

    given = ctx.get_parameter_source("detach") not in (ParameterSource.DEFAULT, None)
    opts = StackDeployOptions(namespace=stack[0], compose_files=tuple(f for chunk in compose_files for f in chunk),
                              prune=prune, resolve_image=resolve_image, with_registry_auth=with_registry_auth,
                              detach=detach, detach_given=given, quiet=quiet)
    run_stack_deploy(ctx.obj, opts)


def validate_stack_name(name: str) -> None:
    """validateStackName: not empty once quotes and white space are trimmed."""
    from ...errors import PydockError
    from ...opts.timestamps import go_quote

    if not name.strip(" \t\n\r\v\f\"'\u0085\u00a0"):
        raise PydockError(f"invalid stack name: {go_quote(name)}")


# -- loading ------------------------------------------------------------------------------------------------
def _read(path: str, stdin_text: list) -> str:
    from ...errors import PydockError

    if path == "-":
        if not stdin_text:
            import sys

            stdin_text.append(sys.stdin.read())
        return stdin_text[0]
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return f.read()
    except OSError as e:
        raise PydockError(f"open {path}: {_os_message(e)}") from None


def _os_message(e: OSError) -> str:
    import errno

    return {errno.ENOENT: "no such file or directory", errno.EACCES: "permission denied",
            errno.EISDIR: "is a directory"}.get(e.errno, (e.strerror or str(e)).lower())


def _version(config: dict) -> str:
    """schema.Version: the `version:` key, "3" and "" meaning the newest."""
    if "version" not in config:
        return DEFAULT_VERSION
    from ...compose.loader.structs import go_sprint

    v = go_sprint(config["version"])
    return DEFAULT_VERSION if v in ("", "3") else v


def load_stack_files(opts: StackDeployOptions, environ: dict, cwd: str):
    """LoadComposefile: (the model from pydock's compose loader, the warnings docker prints after loading)."""
    from ...compose.loader import load_project
    from ...compose.loader.options import ProjectOptions
    from ...compose.loader.yaml12 import YamlError, iter_documents
    from ...errors import PydockError
    from ...swarm import convert

    files = opts.compose_files
    if not files:
        raise PydockError("Specify a Compose file (with --compose-file)")
    stdin_text: list = []
    configs = []
    for path in files:
        text = _read(path, stdin_text)
        try:
            docs = list(iter_documents(text, path))
        except YamlError as e:
            raise PydockError(str(getattr(e, "detail", e))) from None
        config = docs[0] if docs else None
        config = getattr(config, "value", config)
        if not isinstance(config, dict):
            raise PydockError("top-level object must be a mapping")
        configs.append(config)
    version = _version(configs[0])
    for config in configs:
        if _version(config) != version:
            raise PydockError(f"version mismatched between two composefiles : {version} and {_version(config)}")
        found = convert.forbidden_properties([config])
        if found:
            raise convert.forbidden_error(found)
        if version not in _SCHEMA_VERSIONS:
            raise PydockError(f"unsupported Compose file version: {version}")
        convert.check_schema_keys(config)
    # docker's working dir: the first file's directory (the current one when the only file is stdin)
    project_dir = cwd if files[0] == "-" and len(files) == 1 else os.path.dirname(os.path.join(cwd, files[0]))
    project = load_project(ProjectOptions(files=tuple(files), project_name=opts.namespace,
                                          project_directory=project_dir, environ=environ, cwd=cwd, stack=True,
                                          read_stdin=lambda: stdin_text[0] if stdin_text else ""),
                           consistency=False, all_resources=True)
    warnings = convert.load_warnings(configs)
    convert.check_images(project.model)
    return project.model, warnings


# -- deploying ----------------------------------------------------------------------------------------------
def _read_base64(path: str) -> str:
    import base64

    from ...errors import PydockError

    try:
        with open(path, "rb") as f:
            return base64.b64encode(f.read()).decode("ascii")
    except OSError as e:
        raise PydockError(f"open {path}: {_os_message(e)}") from None


def _check_manager(app) -> None:
    from ...engine.api import system
    from ...errors import PydockError

    info = system.info(app.engine) or {}
    if not (info.get("Swarm") or {}).get("ControlAvailable"):
        raise PydockError('this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to '
                          'connect this node to swarm and try again')


def _stack_filter(namespace: str) -> dict:
    from ...swarm.convert import LABEL_NAMESPACE

    return {"label": [f"{LABEL_NAMESPACE}={namespace}"]}


def run_stack_deploy(app, opts: StackDeployOptions) -> None:
    from ...errors import PydockError
    from ...swarm import convert

    validate_stack_name(opts.namespace)
    model, warnings = load_stack_files(opts, dict(os.environ), os.getcwd())
    if warnings:
        app.err.write(warnings)
    if opts.resolve_image not in (RESOLVE_ALWAYS, RESOLVE_CHANGED, RESOLVE_NEVER):
        raise PydockError(f"Invalid option {opts.resolve_image} for flag --resolve-image")
    resolve = opts.resolve_image if app.engine.version_at_least("1.30") else RESOLVE_NEVER
    if opts.detach and not opts.detach_given:
        app.err.write(DETACH_NOTICE)
    _check_manager(app)

    namespace = opts.namespace
    # everything converted and read before the first object is created
    networks, external = convert.networks(namespace, model)
    secrets = convert.secrets(namespace, model, _read_base64)
    configs = convert.configs(namespace, model, _read_base64)
    services = convert.services(namespace, model)

    if opts.prune:
        prune_services(app, namespace, set(services))
    validate_external_networks(app, external)
    _refuse_missing_references(app, services, secrets, configs)
    create_networks(app, namespace, networks)
    create_objects(app, "/secrets", "secret", secrets)
    create_objects(app, "/configs", "config", configs)
    _fill_reference_ids(app, services)
    ids = deploy_services(app, namespace, services, opts.with_registry_auth, resolve)
    if not opts.detach:
        wait_on_services(app, ids, opts.quiet)


def prune_services(app, namespace: str, keep: set) -> None:
    from ...engine.api import swarm as api
    from ...errors import PydockError
    from ...swarm.convert import descope
    from .rm import remove_services

    try:
        old = api.service_list(app.engine, filters=_stack_filter(namespace))
    except PydockError as e:
        app.err.write(f"Failed to list services: {e}\n")
        old = []
    remove_services(app, [s for s in old if descope(namespace, s["Spec"]["Name"]) not in keep])


def validate_external_networks(app, names: list[str]) -> None:
    from ...engine.api import networks as api
    from ...errors import NotFound, PydockError
    from ...swarm.convert import _is_user_defined

    for name in names:
        if not _is_user_defined(name):
            continue
        try:
            nw = api.inspect(app.engine, name)
        except NotFound:
            raise PydockError(f'network "{name}" is declared as external, but could not be found. You need to '
                              "create a swarm-scoped network before the stack is deployed") from None
        if nw.get("Scope") != "swarm":
            raise PydockError(f'network "{name}" is declared as external, but it is not in the right scope: '
                              f'"{nw.get("Scope")}" instead of "swarm"')


def _refuse_missing_references(app, services: dict, secrets: list, configs: list) -> None:
    """ParseSecrets/ParseConfigs' `secret not found: x`, checked before anything is created (docker finds
    out after creating the networks, secrets and configs)."""
    from ...errors import PydockError
    from .._swarm import name_ids

    for path, kind, field, own in (("/secrets", "secret", "SecretName", secrets),
                                   ("/configs", "config", "ConfigName", configs)):
        made = {s["Name"] for s in own}
        wanted = {r[field] for spec in services.values()
                  for r in spec["TaskTemplate"]["ContainerSpec"].get(kind.capitalize() + "s", [])} - made
        existing = name_ids(app, path, wanted)
        for name, spec in services.items():
            for r in spec["TaskTemplate"]["ContainerSpec"].get(kind.capitalize() + "s", []):
                if r[field] not in made and r[field] not in existing:
                    raise PydockError(f"service {name}: {kind} not found: {r[field]}")


def _fill_reference_ids(app, services: dict) -> None:
    from .._swarm import name_ids

    for path, key, field, id_field in (("/secrets", "Secrets", "SecretName", "SecretID"),
                                       ("/configs", "Configs", "ConfigName", "ConfigID")):
        names = {r[field] for spec in services.values() for r in spec["TaskTemplate"]["ContainerSpec"].get(key, [])}
        ids = name_ids(app, path, names)
        for spec in services.values():
            for r in spec["TaskTemplate"]["ContainerSpec"].get(key, []):
                r[id_field] = ids.get(r[field], "")


def create_networks(app, namespace: str, networks: dict) -> None:
    from ...engine.api import networks as api
    from ...errors import PydockError

    existing = {n["Name"] for n in api.list(app.engine, filters=_stack_filter(namespace))}
    for name, body in networks.items():
        if name in existing:
            continue
        app.write(f"Creating network {name}\n")
        try:
            api.create(app.engine, {"Name": name, **body})
        except PydockError as e:
            raise PydockError(f"failed to create network {name}: {e}") from None


def create_objects(app, path: str, kind: str, specs: list) -> None:
    """createSecrets / createConfigs: an existing one is updated with the new spec, silently."""
    from ...engine.api import swarm as api
    from ...errors import NotFound, PydockError

    for spec in specs:
        try:
            current = api.object_inspect(app.engine, path, spec["Name"])
        except NotFound:
            app.write(f"Creating {kind} {spec['Name']}\n")
            try:
                api.object_create(app.engine, path, spec)
            except PydockError as e:
                raise PydockError(f"failed to create {kind} {spec['Name']}: {e}") from None
            continue
        try:
            api.object_update(app.engine, path, current["ID"], current["Version"]["Index"], spec)
        except PydockError as e:
            raise PydockError(f"failed to update {kind} {spec['Name']}: {e}") from None


def deploy_services(app, namespace: str, services: dict, send_auth: bool, resolve: str) -> list[str]:
    from ...engine.api import swarm as api
    from ...errors import PydockError
    from ...swarm.convert import LABEL_IMAGE, scope

    existing = {s["Spec"]["Name"]: s for s in api.service_list(app.engine, filters=_stack_filter(namespace))}
    ids = []
    for key, spec in services.items():
        name = scope(namespace, key)
        container = spec["TaskTemplate"]["ContainerSpec"]
        image = container["Image"]
        auth = ""
        if send_auth:
            from ...auth.store import registry_auth

            auth = registry_auth(app.config, image)
        current = existing.get(name)
        if current is not None:
            app.write(f"Updating service {name} (id: {current['ID']})\n")
            query = resolve == RESOLVE_ALWAYS
            if resolve != RESOLVE_ALWAYS:
                if image == (current["Spec"].get("Labels") or {}).get(LABEL_IMAGE):
                    # unchanged: keep what an earlier resolution pinned, or the update restarts the tasks
                    container["Image"] = current["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]
                elif resolve == RESOLVE_CHANGED:
                    query = True
            spec["TaskTemplate"]["ForceUpdate"] = current["Spec"]["TaskTemplate"].get("ForceUpdate", 0)
            warning = _prepare_image(app, spec, auth, query)
            try:
                resp = api.service_update(app.engine, current["ID"], current["Version"]["Index"], spec,
                                          registry_auth=auth or None)
            except PydockError as e:
                raise PydockError(f"failed to update service {name}: {e}") from None
            for w in (resp.get("Warnings") or []) + ([warning] if warning else []):
                app.err.write(f"{w}\n")
            ids.append(current["ID"])
        else:
            app.write(f"Creating service {name}\n")
            _prepare_image(app, spec, auth, resolve in (RESOLVE_ALWAYS, RESOLVE_CHANGED))
            try:
                resp = api.service_create(app.engine, spec, registry_auth=auth or None)
            except PydockError as e:
                raise PydockError(f"failed to create service {name}: {e}") from None
            ids.append(resp.get("ID", ""))
    return ids


def _prepare_image(app, spec: dict, auth: str, query: bool) -> str:
    """The Go client's image step, as `service create` takes it: the tag, then the digest and platforms (or
    the warning)."""
    from ..service._flags import resolve_image

    return "".join(resolve_image(app, spec["TaskTemplate"], query, auth or None))


def wait_on_services(app, ids: list[str], quiet: bool) -> None:
    """--detach=false: docker's WaitOnService for each service, the view `service create` shows (plain lines
    in a pipe, redraws on a terminal; nothing with -q)."""
    from ...errors import PydockError
    from ..service._flags import wait_on_service

    errors = []
    for service_id in ids:
        try:
            wait_on_service(app, service_id, quiet)
        except PydockError as e:
            errors.append(f"{service_id}: {e}")
    if errors:
        raise PydockError("\n".join(errors))


