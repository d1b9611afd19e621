"""`pydock compose build`: build the services' images with the classic builder, as v2's build_classic.go
does (`DOCKER_BUILDKIT=0 docker compose build`): for each service with `build:`, in dependency order,
`POST /build` with the context tar, `t=<image or project-service>` plus `build.tags`, the Dockerfile
relative to the context, build args (service's, then --build-arg, unset ones resolved from the project
environment), `build.labels` plus `com.docker.compose.image.builder=classic`, target, network,
extra hosts, isolation, --no-cache/--pull (or the service's own), -m. The engine's output goes to stdout
as `docker build` shows it; v2's `Service x  Building/Built` events go to stderr. `-q`: nothing at all.
The build itself is `pydock build`'s code.
"""

from __future__ import annotations

import click

from .._lazy import command
from ..container._createflags import BYTES

CLASSIC_UNSUPPORTED = (("platforms", "multi-arch build"), ("privileged", "privileged mode"),
                       ("additional_contexts", "additional contexts"), ("ssh", "SSH keys"), ("secrets", "secrets"))


EXAMPLES = (
    ("Build two services' images, pulling newer base images", 'pydock compose build --pull web worker'),
)


@command("build", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Build or rebuild services")
@click.argument("services", nargs=-1)
@click.option("--build-arg", "build_args", multiple=True, metavar="stringArray", help="Set build-time variables for services")
@click.option("--builder", default="", metavar="string", help="Set builder to use")
@click.option("--check", is_flag=True, help="Check build configuration")
@click.option("-m", "--memory", type=BYTES, default=0, metavar="bytes",
              help="Set memory limit for the build container. Not supported by BuildKit.")
@click.option("--no-cache", is_flag=True, help="Do not use cache when building the image")
@click.option("--print", "print_", is_flag=True, help="Print equivalent bake file")
@click.option("--provenance", default="", metavar="string", help="Add a provenance attestation")
@click.option("--pull", is_flag=True, help="Always attempt to pull a newer version of the image")
@click.option("--push", is_flag=True, help="Push service images")
@click.option("-q", "--quiet", is_flag=True, help="Suppress the build output")
@click.option("--sbom", default="", metavar="string", help="Add a SBOM attestation")
@click.option("--ssh", default=None, metavar="string",
              help="Set SSH authentications used when building service images. (use 'default' for using your default SSH Agent)")
@click.option("--with-dependencies", "with_deps", is_flag=True, help="Also build dependencies (transitively)")
@click.option("--parallel", is_flag=True, hidden=True, help="Build images in parallel. DEPRECATED")
@click.option("--compress", is_flag=True, hidden=True, help="Compress the build context using gzip. DEPRECATED")
@click.option("--force-rm", is_flag=True, hidden=True, help="Always remove intermediate containers. DEPRECATED")
@click.option("--no-rm", is_flag=True, hidden=True, help="Do not remove intermediate containers after a successful build. DEPRECATED")
@click.pass_obj
def command(capp, services, build_args, builder, check, memory, no_cache, print_, provenance, pull, push, quiet,
            sbom, ssh, with_deps, parallel, compress, force_rm, no_rm):
    from ...compose.errors import ComposeError

    if ssh is not None:
        ssh = ssh or "default"
        ident, eq, _ = ssh.partition("=")
        if not eq and ident != "default":
            raise ComposeError(f'invalid ssh key "{ssh}"')
    if print_ or check:
        raise ComposeError("pydock compose build: --print and --check need BuildKit (bake), which pydock does not have")
    run_build(capp, services, build_args=build_args, memory=memory, no_cache=no_cache, pull=pull, push=push,
              quiet=quiet, with_deps=with_deps)


def run_build(capp, names=(), *, build_args=(), memory=0, no_cache=False, pull=False, push=False, quiet=False,
              with_deps=False, project=None, writer=None) -> dict[str, str]:
    """Build the selected services' images; returns {image name: image ID}. `writer`: the caller's open
    progress writer (the build step of up/create/run), else one of its own."""
    import os

    from ...compose import images
    from .exec import Events, load_project

    if project is None:
        project = load_project(capp)
    services = project.services
    apply_checks(services)
    chosen = images.select(services, names, with_deps=True)  # WithSelectedServices
    targets = images.select({n: services[n] for n in chosen}, names or chosen, with_deps=with_deps)
    to_build = [n for n in images.dependency_order(services, targets) if services[n].get("build") is not None]
    built: dict[str, str] = {}
    events = Events(capp, "Building", quiet=quiet, writer=writer)
    saved_out = capp.app.out
    devnull = open(os.devnull, "w") if quiet else None
    try:
        if devnull is not None:
            capp.app.out = devnull
        for name in to_build:
            events.event(f"Service {name}", "", "Building")
            built[images.image_name(project.name, name, services[name])] = build_service(
                capp, project, name, services[name], build_args=build_args, memory=memory, no_cache=no_cache,
                pull=pull)
            events.event(f"Service {name}", "", "Built", done=True)
            if push:
                from .push import run_push

                run_push(capp, (), project=project)
        for name in to_build:
            events.event(name, "", "Built", done=True)
    finally:
        capp.app.out = saved_out
        if devnull is not None:
            devnull.close()
        events.close()
    return built


def apply_checks(services: dict[str, dict]) -> None:
    """BuildOptions.Apply: every service needs an image or a build section."""
    from ...compose.errors import ComposeError

    for name, service in services.items():
        if service.get("provider") is None and not service.get("image") and service.get("build") is None:
            raise ComposeError(f'invalid service "{name}". Must specify either image or build')


def build_service(capp, project, name: str, service: dict, *, build_args=(), memory=0, no_cache=False,
                  pull=False) -> str:
    """doBuildClassic for one service; returns the image ID the engine reports."""
    from ...compose import images
    from ...compose.errors import ComposeError
    from ...opts.build import BuildOptions
    from ..image.build import run_build as classic_build

    build = service.get("build") or {}
    for key, what in CLASSIC_UNSUPPORTED:
        value = build.get(key)
        if (key == "platforms" and len(value or []) > 1) or (key != "platforms" and value):
            raise ComposeError(f"the classic builder doesn't support {what}, set DOCKER_BUILDKIT=1 to use BuildKit")
    context = build.get("context") or "."
    if context == "-":
        raise ComposeError("building from STDIN is not supported")
    labels = dict(build.get("labels") or {})
    labels["com.docker.compose.image.builder"] = "classic"
    tags = [*(build.get("tags") or []), images.image_name(project.name, name, service)]
    args = resolve_build_args(build.get("args") or {}, build_args, project.environment)
    opts = BuildOptions(
        tags=tuple(tags),
        build_args=tuple(k if v is None else f"{k}={v}" for k, v in args.items()),
        labels=tuple(f"{k}={v}" for k, v in labels.items()),
        extra_hosts=tuple(_host(h) for h in (build.get("extra_hosts") or [])),
        memory=int(memory or 0),
        isolation=build.get("isolation") or "",
        no_cache=bool(build.get("no_cache")) or no_cache,
        pull=bool(build.get("pull")) or pull,
        network=build.get("network") or "",
        target=build.get("target") or "",
        platform=(service.get("platform") or "") if not build.get("platforms") else "",
    )
    dockerfile = dockerfile_path(context, build.get("dockerfile") or "")
    classic_build(capp.app, context, opts, dockerfile=dockerfile, iidfile="", compress=True)
    try:
        from ...engine.api import images as api

        image_id = (api.inspect(capp.engine, tags[-1]) or {}).get("Id", "")
    except Exception:  # noqa: BLE001 - the build succeeded; the ID is informational
        image_id = ""
    return image_id


def resolve_build_args(service_args: dict, flag_args, environment: dict) -> dict:
    """resolveAndMergeBuildArgs: the service's args, overridden by --build-arg; a value-less one takes the
    project environment's value, or stays unset."""
    result: dict = dict(service_args)
    for value in flag_args:
        key, eq, rest = value.partition("=")
        result[key] = rest if eq else None
    for key, value in list(result.items()):
        if value is None and key in environment:
            result[key] = environment[key]
    return result


def dockerfile_path(context: str, dockerfile: str) -> str:
    """dockerFilePath: the Dockerfile joined to the context, its directory's symlinks resolved."""
    import os

    if not dockerfile:
        return ""
    if not os.path.isabs(dockerfile):
        dockerfile = os.path.join(context, dockerfile)
    directory = os.path.dirname(dockerfile)
    try:
        return os.path.join(os.path.realpath(directory, strict=True), os.path.basename(dockerfile))
    except (OSError, TypeError):
        try:
            if os.path.exists(directory):
                return os.path.join(os.path.realpath(directory), os.path.basename(dockerfile))
        except OSError:
            pass
        return os.path.normpath(dockerfile)


def _host(entry: str) -> str:
    """ExtraHosts.AsList(":"): the model's `host=ip` as `host:ip`."""
    key, eq, value = entry.partition("=")
    return f"{key}:{value}" if eq else entry
