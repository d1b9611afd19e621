"""`pydock compose pull`: pull the services' images (v2 cmd/compose/pull.go, pkg/compose/pull.go).

Each service is skipped (no image, policy never/build, already present under policy missing, buildable
with --ignore-buildable, same image already pulled) or pulled with `POST /images/create`, with v2's
progress events on stderr. Like v2, every service's skip decision is reported first; then v2 pulls
concurrently and stops the others on the first failure, where pydock pulls one after the other, in the
model's order, and stops at the first failure.
"""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ('Pull every image, ignoring those that cannot be pulled', 'pydock compose pull --ignore-pull-failures'),
)


@command("pull", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Pull service images")
@click.argument("services", nargs=-1)
@click.option("--ignore-buildable", is_flag=True, help="Ignore images that can be built")
@click.option("--ignore-pull-failures", is_flag=True, help="Pull what it can and ignores images with pull failures")
@click.option("--include-deps", is_flag=True, help="Also pull services declared as dependencies")
@click.option("--policy", default="", metavar="string", help='Apply pull policy ("missing"|"always")')
@click.option("-q", "--quiet", is_flag=True, help="Pull without printing progress information")
@click.option("--parallel/--no-parallel", default=True, hidden=True, help="DEPRECATED pull multiple images in parallel")
@click.pass_context
def command(ctx, services, ignore_buildable, ignore_pull_failures, include_deps, policy, quiet, parallel):
    from .exec import flag_given

    capp = ctx.obj
    if flag_given(ctx, "parallel"):
        name = "parallel" if parallel else "no-parallel"
        capp.err.write(f"\x1b[31moption '--{name}' is DEPRECATED and will be ignored.\n\x1b[0m")
    run_pull(capp, services, ignore_buildable=ignore_buildable, ignore_failures=ignore_pull_failures,
             include_deps=include_deps, policy=policy, quiet=quiet)


def run_pull(capp, names=(), *, ignore_buildable=False, ignore_failures=False, include_deps=False, policy="",
             quiet=False) -> None:
    from ...compose import images
    from ...compose.errors import ComposeError
    from .exec import Events, load_project

    project = load_project(capp, names)
    services = project.services
    selected = images.select(services, names, with_deps=include_deps)
    local = local_images(capp, {images.image_name(project.name, n, services[n], ) for n in selected})
    events = Events(capp, "Pulling")
    errors: list[str] = []
    must_build: list[str] = []
    being_pulled: dict[str, str] = {}
    failure = None
    try:
        # v2 decides every service first (the skip events all come before any pull ends), then pulls
        to_pull: list[str] = []
        for name in selected:
            service = services[name]
            image = service.get("image") or ""
            pull_policy = policy if (policy and image) else (service.get("pull_policy") or "")
            if not image:
                events.event(name, "Skipped - No image to be pulled", "", done=True)
                continue
            if pull_policy in ("never", "build"):
                events.event(name, "Skipped", "", done=True)
                continue
            if pull_policy in ("missing", "if_not_present") and already_present(image, local):
                events.event(name, "Skipped - Image is already present locally", "", done=True)
                continue
            if service.get("build") is not None and ignore_buildable:
                events.event(name, "Skipped - Image can be built", "", done=True)
                continue
            if image in being_pulled:
                events.event(name, f"Skipped - Image is already being pulled by {being_pulled[image]}", "", done=True)
                continue
            being_pulled[image] = name
            to_pull.append(name)
        for name in to_pull:
            service = services[name]
            try:
                pull_service_image(capp, name, service, events, quiet=quiet,
                                   default_platform=project.environment.get("DOCKER_DEFAULT_PLATFORM", ""))
            except ComposeError as e:
                errors.append(str(e))
                if service.get("build") is not None:
                    must_build.append(name)
                if not ignore_failures and service.get("build") is None:
                    failure = e
                    break
        if must_build:
            events.tail("WARNING: Some service image(s) must be built from source by running:\n"
                        f"    docker compose build {' '.join(must_build)}")
    finally:
        events.close()
    if failure is not None:
        raise failure
    if errors and not ignore_failures:
        raise ComposeError("\n".join(errors))


def local_images(capp, names) -> dict[str, str]:
    """v2's getImageSummaries: the local image ID of each name that exists."""
    from ...compose.errors import ComposeError
    from ...engine.api import images as api
    from ...errors import NotFound, PydockError

    found = {}
    for name in sorted(names):
        try:
            found[name] = (api.inspect(capp.engine, name) or {}).get("Id", "")
        except NotFound:
            continue
        except PydockError as e:
            raise ComposeError(f"unable to get image '{name}': {e}") from None
    return found


def already_present(image: str, local: dict[str, str]) -> bool:
    """v2's imageAlreadyPresent: present, and a `latest` tag is never trusted."""
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        ref = parse_normalized(image)
    except InvalidReference:
        return False
    if ref.digest:
        return image in local
    tag = ref.tag or "latest"
    return image in local and tag != "latest"


def pull_service_image(capp, name: str, service: dict, events, *, quiet: bool, default_platform: str = "") -> str:
    """v2's pullServiceImage: `Pulling`, the layers' events (unless quiet), `Pulled`; returns the image ID.
    A refused request is an `Error` (or, for a buildable service, a `Warning`) event and a ComposeError."""
    from ...auth.store import resolve_for_domain
    from ...auth.types import AuthConfig, encode_header
    from ...compose.errors import ComposeError
    from ...engine.api import images as api
    from ...engine.jsonstream import iter_json
    from ...errors import DaemonError, PydockError, StreamError
    from ...opts.reference import InvalidReference, parse_normalized

    image = service["image"]
    events.event(name, "Pulling", "")
    try:
        ref = parse_normalized(image)
    except InvalidReference as e:
        raise ComposeError(str(e)) from None
    tag = ref.digest or ref.tag or "latest"
    auth = resolve_for_domain(capp.app.config, ref.domain)
    header = encode_header(None if auth == AuthConfig() else auth)
    platform = service.get("platform") or default_platform or None
    try:
        with api.pull_stream(capp.engine, ref.name, tag, platform=platform, registry_auth=header) as resp:
            for message in iter_json(capp.engine.iter_bytes(resp)):
                if not isinstance(message, dict):
                    continue
                if message.get("error") or message.get("errorDetail"):
                    detail = message.get("errorDetail") or {}
                    raise ComposeError(detail.get("message") or message.get("error") or "")
                if not quiet:
                    layer_event(name, message, events)
    except StreamError as e:
        raise ComposeError(e.message) from None
    except DaemonError as e:
        building = service.get("build") is not None
        events.event(name, "Warning" if building else "Error", e.message, kind="warning" if building else "error")
        raise ComposeError(str(e)) from None
    except ComposeError:
        raise
    except PydockError as e:
        events.event(name, "Error", str(e), kind="error")
        raise ComposeError(str(e)) from None
    events.event(name, "Pulled", "", done=True)
    try:
        return (api.inspect(capp.engine, image) or {}).get("Id", "")
    except PydockError as e:
        raise ComposeError(str(e)) from None


def layer_event(parent: str, message: dict, events) -> None:
    """toPullProgressEvent: a layer's status line (only messages with an ID and a progressDetail)."""
    from ...render.progress import progress_text

    ident = message.get("id") or ""
    if not ident or "progressDetail" not in message:
        return
    detail = message.get("progressDetail") or {}
    events.event(ident, message.get("status") or "", progress_text(detail) if detail else "")
