"""`pydock compose push`: push the images of services that have both `build:` and `image:` (v2
cmd/compose/push.go, pkg/compose/push.go), plus their `build.tags`. Others are `Skipped`. v2 pushes
concurrently; pydock one after the other, in the model's order."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ('Push the images the project builds', 'pydock compose push'),
)


@command("push", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Push service images")
@click.argument("services", nargs=-1)
@click.option("--ignore-push-failures", is_flag=True, help="Push what it can and ignores images with push failures")
@click.option("--include-deps", is_flag=True, help="Also push images of services declared as dependencies")
@click.option("-q", "--quiet", is_flag=True, help="Push without printing progress information")
@click.pass_obj
def command(capp, services, ignore_push_failures, include_deps, quiet):
    run_push(capp, services, ignore_failures=ignore_push_failures, include_deps=include_deps, quiet=quiet)


def run_push(capp, names=(), *, ignore_failures=False, include_deps=False, quiet=False, image_mandatory=False,
             project=None) -> None:
    from ...compose import images
    from ...compose.errors import ComposeError
    from .exec import Events, load_project

    if project is None:
        project = load_project(capp, names)
    services = project.services
    # ToProject selects the named services with their dependencies; without --include-deps, without
    selected = images.select(services, names, with_deps=include_deps)
    events = Events(capp, "Pushing")
    try:
        for name in selected:
            service = services[name]
            image = service.get("image") or ""
            build = service.get("build")
            if build is None or not image:
                if image_mandatory and not image and service.get("provider") is None:
                    raise ComposeError(f'"service.image" attribute is mandatory to push an image for service "{name}"')
                events.event(name, "Skipped", "", done=True)
                continue
            for tag in [image, *((build or {}).get("tags") or [])]:
                try:
                    push_image(capp, tag, events, quiet=quiet)
                except ComposeError as e:
                    if not ignore_failures:
                        raise
                    events.tail(f"Pushing {name}: {e}")
    finally:
        events.close()


def push_image(capp, tag: str, events, *, quiet: bool) -> None:
    """v2's pushServiceImage: POST /images/{name}/push; each layer message with an ID is an event
    `Pushing <tag>: <layer>`; an error in the stream fails the push with its bare message."""
    from ...auth.store import resolve_for_domain
    from ...auth.types import AuthConfig, encode_header
    from ...compose.errors import ComposeError
    from ...engine.api import images as api
    from ...engine.jsonstream import iter_json
    from ...errors import PydockError, StreamError
    from ...opts.reference import InvalidReference, parse_normalized
    from ...render.progress import progress_text

    try:
        ref = parse_normalized(tag)
    except InvalidReference as e:
        raise ComposeError(str(e)) from None
    if ref.digest:
        raise ComposeError("cannot push a digest reference")
    auth = resolve_for_domain(capp.app.config, ref.domain)
    header = encode_header(None if auth == AuthConfig() else auth)
    try:
        with api.push_stream(capp.engine, _familiar(ref), ref.tag or "latest", registry_auth=header) as resp:
            for message in iter_json(capp.engine.iter_bytes(resp)):
                if not isinstance(message, dict):
                    continue
                if message.get("error") or message.get("errorDetail"):
                    detail = message.get("errorDetail") or {}
                    raise ComposeError(detail.get("message") or message.get("error") or "")
                ident = message.get("id") or ""
                if quiet or not ident:
                    continue
                status = message.get("status") or ""
                done = status.lower() in ("pushed", "layer already exists")
                text = ""
                if message.get("error"):
                    text = message["error"]
                if "progressDetail" in message:
                    text = progress_text(message.get("progressDetail") or {})
                events.event(f"Pushing {tag}: {ident}", status, text, done=done)
    except StreamError as e:
        raise ComposeError(e.message) from None
    except ComposeError:
        raise
    except PydockError as e:
        raise ComposeError(str(e)) from None


def _familiar(ref) -> str:
    """The repository path the Go client sends (FamiliarName: docker.io/library/x -> x)."""
    name = ref.name
    for prefix in ("docker.io/library/", "docker.io/"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name
