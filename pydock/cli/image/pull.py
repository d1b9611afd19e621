"""`pydock pull NAME[:TAG|@DIGEST]`: docker's image pull.

As docker (cli/command/image/pull.go): the name is normalised (`docker.io/library/x`), `latest` is
added when there is neither tag nor digest (`Using default tag: latest` on stdout), the progress
goes to stdout (a rich live view on a terminal, docker's plain lines in a pipe), and the fully
qualified reference ends the output. `-q` prints only that reference.

Beyond docker: a one-line summary (bytes downloaded, image size, time) on stderr, and a `hint:`
line after a registry failure saying what to do.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import click

from .._lazy import DockerCommand

SUMMARY_TIMEOUT = 2.0  # seconds the summary's image inspect may take after the pull


@dataclass(frozen=True)
class PullOptions:
    remote: str
    all_tags: bool = False
    quiet: bool = False
    platform: str = ""


EXAMPLES = (
    ('Pull an image from a local registry', 'pydock pull 127.0.0.1:5000/myapp:1.2'),
    ('Pull for another platform', 'pydock pull --platform linux/arm64 busybox'),
)


@click.command("pull", examples=EXAMPLES, cls=DockerCommand, usage="[OPTIONS] NAME[:TAG|@DIGEST]", args=(1, 1),
               help="Download an image from a registry")
@click.argument("args", metavar="NAME[:TAG|@DIGEST]", nargs=-1)
@click.option("-a", "--all-tags", is_flag=True, help="Download all tagged images in the repository")
@click.option("--disable-content-trust", is_flag=True, default=True, hidden=False,
              help="Skip image verification (default true)")
@click.option("--platform", default=lambda: os.environ.get("DOCKER_DEFAULT_PLATFORM", ""), metavar="string",
              show_default=False, help="Set platform if server is multi-platform capable")
@click.option("-q", "--quiet", is_flag=True, help="Suppress verbose output")
@click.pass_obj
def command(app, args, all_tags, disable_content_trust, platform, quiet):
    run_pull(app, PullOptions(args[0], all_tags, quiet, platform or ""))


# -- pure planning ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PullPlan:
    from_image: str  # fromImage: the fully qualified name
    tag: str | None  # the tag or digest; None with --all-tags
    domain: str
    result: str  # what docker prints at the end: the fully qualified reference
    default_tag: bool  # "Using default tag: latest"


def plan_pull(remote: str, all_tags: bool) -> PullPlan:
    """runPull's reference checks. Raises PydockError with docker's message."""
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        ref = parse_normalized(remote)
    except InvalidReference as e:
        raise PydockError(str(e)) from None
    name_only = not ref.tag and not ref.digest
    if all_tags and not name_only:
        raise PydockError("tag can't be used with --all-tags/-a")
    if all_tags:
        return PullPlan(ref.name, None, ref.domain, ref.name, False)
    tag = ref.tag or (None if ref.digest else "latest")
    result = ref.name + (f":{tag}" if tag else "") + (f"@{ref.digest}" if ref.digest else "")
    return PullPlan(ref.name, ref.digest or tag, ref.domain, result, name_only)


# -- running ---------------------------------------------------------------------------------------

def run_pull(app, opts: PullOptions) -> None:
    from ...auth.hints import with_hint
    from ...auth.store import resolve_for_domain
    from ...auth.types import AuthConfig, encode_header
    from ...engine.api import images
    from ...errors import PydockError

    plan = plan_pull(opts.remote, opts.all_tags)
    if plan.default_tag and not opts.quiet:
        app.write("Using default tag: latest\n")
        app.out.flush()
    auth = resolve_for_domain(app.config, plan.domain)
    header = encode_header(None if auth == AuthConfig() else auth)
    platform = opts.platform.lower() or None
    started = time.monotonic()
    try:
        with images.pull_stream(app.engine, plan.from_image, plan.tag or "", platform=platform,
                                registry_auth=header) as resp:
            stats = show_progress(app, resp, quiet=opts.quiet)
    except PydockError as e:
        raise with_hint(e, plan.domain) from None
    app.write(plan.result + "\n")
    app.out.flush()
    if not opts.quiet:
        size = None if opts.all_tags else _image_size(app, plan.result)
        summary = f"pulled {plan.result}: {stats.describe('downloaded')}"
        if size is not None:
            summary += f", image size {_human(size)}"
        app.err.write(f"{summary}, {time.monotonic() - started:.1f}s\n")


def _image_size(app, name: str) -> int | None:
    from ...engine.api import images
    from ...errors import PydockError

    try:  # the summary is ours: a daemon that does not answer costs it its size, never the pull's exit
        return int((images.inspect(app.engine, name, timeout=SUMMARY_TIMEOUT) or {}).get("Size") or 0)
    except PydockError:
        return None


def _human(size: float) -> str:
    from ...render.humanize import human_size

    return human_size(size)


# -- shared with push: the progress stream and what it moved ---------------------------------------

class TransferStats:
    """Bytes moved per layer, from the Downloading/Pushing totals (a layer that already exists moves nothing).
    Podman reports a layer's `Download complete` without byte counts, and a push with no layer at all:
    `moved` counts the layers done without sizes, `reported` whether the stream named any layer."""

    def __init__(self):
        self.layers: dict[str, int] = {}
        self.moved: set[str] = set()
        self.reported = False

    def see(self, message: dict) -> None:
        status = message.get("status") or ""
        ident = message.get("id")
        if ident and not message.get("aux"):
            self.reported = True
            if status in ("Download complete", "Pull complete", "Pushed"):
                self.moved.add(ident)
        if not ident or not status.startswith(("Downloading", "Pushing")):
            return
        detail = message.get("progressDetail") or {}
        total = int(detail.get("total") or 0) or int(detail.get("current") or 0)
        if total > self.layers.get(ident, 0):
            self.layers[ident] = total

    @property
    def total(self) -> int:
        return sum(self.layers.values())

    def describe(self, verb: str) -> str:
        count = len(self.layers)
        if not count and self.moved:
            n = len(self.moved)
            return f"{n} layer{'' if n == 1 else 's'} {verb} (sizes not reported)"
        if not count:
            return f"nothing {verb}" if self.reported else "no layer progress reported"
        return f"{_human(self.total)} {verb} in {count} layer{'' if count == 1 else 's'}"


class _Discard:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def show_progress(app, resp, *, quiet: bool, aux=None) -> TransferStats:
    """Render a pull/push NDJSON response as docker does on stdout (nothing with quiet); errors raise."""
    from ...engine.jsonstream import iter_json
    from ...render.progress import display_json_messages

    stats = TransferStats()

    def counted(messages):
        for message in messages:
            if isinstance(message, dict):
                stats.see(message)
            yield message

    out = _Discard() if quiet else app.out
    tty = False if quiet else app.out_is_tty()
    display_json_messages(counted(iter_json(app.engine.iter_bytes(resp))), out, tty=tty, aux=aux)
    return stats
