"""`pydock push NAME[:TAG]`: docker's image push (cli/command/image/push.go).

`Using default tag: latest` when the tag is omitted, the progress on stdout (rich on a terminal,
docker's plain lines in a pipe) ending with docker's `<tag>: digest: sha256:... size: N` line, the
`aux` messages not printed. `-q` prints only the reference. A digest reference is refused
client-side. Beyond docker: a summary line (bytes uploaded, time) on stderr, and a `hint:` after a
registry failure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import click

from .._lazy import DockerCommand


@dataclass(frozen=True)
class PushOptions:
    remote: str
    all_tags: bool = False
    quiet: bool = False
    platform: str = ""


EXAMPLES = (
    ('Tag an image for a registry and push it', 'pydock tag myapp:1.2 127.0.0.1:5000/myapp:1.2 && pydock push 127.0.0.1:5000/myapp:1.2'),
)


@click.command("push", examples=EXAMPLES, cls=DockerCommand, usage="[OPTIONS] NAME[:TAG]", args=(1, 1),
               help="Upload an image to a registry")
@click.argument("args", metavar="NAME[:TAG]", nargs=-1)
@click.option("-a", "--all-tags", is_flag=True, help="Push all tags of an image to the repository")
@click.option("--disable-content-trust", is_flag=True, default=True, help="Skip image signing (default true)")
@click.option("--platform", default="", metavar="string", hidden=True,
              help="Push a platform-specific manifest as a single-platform image to the registry (API 1.46+)")
@click.option("-q", "--quiet", is_flag=True, help="Suppress verbose output")
@click.pass_obj
def command(app, args, all_tags, disable_content_trust, platform, quiet):
    run_push(app, PushOptions(args[0], all_tags, quiet, platform))


def platform_json(specifier: str) -> str:
    """The `platform` query of a push (API 1.46+): the OCI platform as JSON, in Go's field order."""
    import json

    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.platforms import parse_platform

    try:
        os_name, arch, variant = parse_platform(specifier)
    except OptionError as e:
        raise PydockError(str(e)) from None
    value = {"architecture": arch, "os": os_name}
    if variant:
        value["variant"] = variant
    return json.dumps(value, separators=(",", ":"))


@dataclass(frozen=True)
class PushPlan:
    name: str  # the familiar name: the path of POST /images/{name}/push
    tag: str | None  # None with --all-tags
    domain: str
    result: str  # the reference printed by -q (fully qualified)
    default_tag: bool


def plan_push(remote: str, all_tags: bool) -> PushPlan:
    """runPush's and the Go client's checks, in docker's order. Raises PydockError with docker's text."""
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        ref = parse_normalized(remote)
    except InvalidReference as e:
        raise PydockError(str(e)) from None
    name_only = not ref.tag and not ref.digest
    if all_tags and not name_only:
        raise PydockError("tag can't be used with --all-tags/-a")
    if ref.digest:
        raise PydockError("cannot push a digest reference")
    if all_tags:
        return PushPlan(ref.familiar_name(), None, ref.domain, ref.name, False)
    tag = ref.tag or "latest"
    return PushPlan(ref.familiar_name(), tag, ref.domain, f"{ref.name}:{tag}", name_only)


def run_push(app, opts: PushOptions) -> None:
    from ...auth.hints import with_hint
    from ...auth.store import resolve_for_domain
    from ...auth.types import AuthConfig, encode_header
    from ...engine.api import images
    from ...errors import PydockError
    from .pull import show_progress

    platform = None
    if opts.platform:  # docker checks the flag against the daemon's API version before anything else
        from .._objects import require_api

        require_api(app, "platform", "1.46")
        platform = platform_json(opts.platform)
        app.write("\n Info -> Using --platform pushes only the specified platform manifest of a multi-platform "
                  "image index.\n         Other components, like attestations, will not be included.\n"
                  "         To push the complete multi-platform image, remove the --platform flag.\n")
    plan = plan_push(opts.remote, opts.all_tags)
    if plan.default_tag and not opts.quiet:
        app.write("Using default tag: latest\n")
        app.out.flush()
    auth = resolve_for_domain(app.config, plan.domain)
    header = encode_header(None if auth == AuthConfig() else auth)
    pushed: list[dict] = []
    started = time.monotonic()
    try:
        with images.push_stream(app.engine, plan.name, plan.tag, registry_auth=header, platform=platform) as resp:
            stats = show_progress(app, resp, quiet=opts.quiet, aux=pushed.append)
    except PydockError as e:
        raise with_hint(e, plan.domain) from None
    if opts.quiet:
        app.write(plan.result + "\n")
        app.out.flush()
        return
    digests = ", ".join(f"{a.get('Tag')}@{a.get('Digest')}" for a in pushed if isinstance(a, dict) and a.get("Digest"))
    summary = f"pushed {plan.result}: {stats.describe('uploaded')}"
    if len(pushed) > 1:
        summary += f", {len(pushed)} tags"
    app.err.write(f"{summary}, {time.monotonic() - started:.1f}s\n" if digests else f"{summary}\n")
