"""`pydock build` / `pydock image build`: the classic builder (POST /build), as `DOCKER_BUILDKIT=0 docker build`.

The context (a directory filtered by .dockerignore, a tar or a Dockerfile on stdin) is streamed to the
engine as it is read: a generator of tar chunks is the request body, so memory stays flat. The engine's
NDJSON output is rendered by pydock.render.progress. Remote contexts (git or http(s) URLs) are not
supported: pydock says so instead of fetching anything.
"""

from __future__ import annotations

import os
import sys

import click

from .._lazy import DockerCommand
from .._objects import LABEL, STRINGS, NegatableFlag
from .._params import DockerParam
from ..container._createflags import BYTES, HOST, INT, SWAP, ULIMIT

SENDING = "Sending build context to Docker daemon"
SGR = r"\x1b\[[0-9;]*m"


class _Tag(DockerParam):
    """validateTag: the name must parse as a normalized reference."""

    name = "list"

    def convert(self, value, param, ctx):
        from ...opts.reference import InvalidReference, parse_normalized

        try:
            parse_normalized(value)
        except InvalidReference as e:
            self.fail_value(value, str(e), param, ctx)
        return value


class _BuildArg(DockerParam):
    name = "list"

    def convert(self, value, param, ctx):
        from ...opts._errors import OptionError
        from ...opts.build import validate_build_arg

        try:
            return validate_build_arg(value, os.environ)
        except OptionError as e:
            self.fail_value(value, str(e), param, ctx)


EXAMPLES = (
    ('Build the current directory and tag the image', 'pydock build -t myapp:1.2 .'),
    ('Another Dockerfile, a build argument, no cache', 'pydock build -f docker/Dockerfile.prod --build-arg VERSION=1.2 --no-cache -t myapp:prod .'),
)


@click.command("build", examples=EXAMPLES, cls=DockerCommand, usage="[OPTIONS] PATH | URL | -", args=(1, 1),
               help="Build an image from a Dockerfile")
@click.argument("context", nargs=-1, type=click.Path())
@click.option("--add-host", "add_host", multiple=True, type=HOST, metavar="list",
              help='Add a custom host-to-IP mapping ("host:ip")')
@click.option("--build-arg", "build_arg", multiple=True, type=_BuildArg(), metavar="list", help="Set build-time variables")
@click.option("--cache-from", "cache_from", multiple=True, type=STRINGS, metavar="strings",
              help="Images to consider as cache sources")
@click.option("--cgroup-parent", default="", metavar="string",
              help='Set the parent cgroup for the "RUN" instructions during build')
@click.option("--compress", is_flag=True, help="Compress the build context using gzip")
@click.option("--cpu-period", type=INT, default=0, metavar="int",
              help="Limit the CPU CFS (Completely Fair Scheduler) period")
@click.option("--cpu-quota", type=INT, default=0, metavar="int", help="Limit the CPU CFS (Completely Fair Scheduler) quota")
@click.option("-c", "--cpu-shares", type=INT, default=0, metavar="int", help="CPU shares (relative weight)")
@click.option("--cpuset-cpus", default="", metavar="string", help="CPUs in which to allow execution (0-3, 0,1)")
@click.option("--cpuset-mems", default="", metavar="string", help="MEMs in which to allow execution (0-3, 0,1)")
@click.option("--disable-content-trust/--no-disable-content-trust", default=True, cls=NegatableFlag,
              help="Skip image verification (default true)")
@click.option("-f", "--file", "file_", default="", metavar="string",
              help='Name of the Dockerfile (Default is "PATH/Dockerfile")')
@click.option("--force-rm", is_flag=True, help="Always remove intermediate containers")
@click.option("--iidfile", default="", metavar="string", help="Write the image ID to the file")
@click.option("--isolation", default="", metavar="string", help="Container isolation technology")
@click.option("--label", "labels", multiple=True, type=LABEL, metavar="list", help="Set metadata for an image")
@click.option("-m", "--memory", type=BYTES, default=0, metavar="bytes", help="Memory limit")
@click.option("--memory-swap", type=SWAP, default=0, metavar="bytes",
              help="Swap limit equal to memory plus swap: -1 to enable unlimited swap")
@click.option("--network", default="default", metavar="string",
              help='Set the networking mode for the RUN instructions during build (default "default")')
@click.option("--no-cache", is_flag=True, help="Do not use cache when building the image")
@click.option("--platform", default=lambda: os.environ.get("DOCKER_DEFAULT_PLATFORM", ""), metavar="string",
              help="Set platform if server is multi-platform capable")
@click.option("--pull", is_flag=True, help="Always attempt to pull a newer version of the image")
@click.option("-q", "--quiet", is_flag=True, help="Suppress the build output and print image ID on success")
@click.option("--rm/--no-rm", default=True, cls=NegatableFlag,
              help="Remove intermediate containers after a successful build (default true)")
@click.option("--security-opt", "security_opt", multiple=True, type=STRINGS, metavar="strings", help="Security options")
@click.option("--shm-size", type=BYTES, default=0, metavar="bytes", help='Size of "/dev/shm"')
@click.option("--squash", is_flag=True, hidden=True, help="Squash newly built layers into a single new layer")
@click.option("-t", "--tag", "tags", multiple=True, type=_Tag(), metavar="list",
              help='Name and optionally a tag in the "name:tag" format')
@click.option("--target", default="", metavar="string", help="Set the target build stage to build.")
@click.option("--ulimit", "ulimits", multiple=True, type=ULIMIT, metavar="ulimit", help="Ulimit options (default [])")
@click.pass_obj
def command(app, context, **values):
    from ...opts.build import BuildOptions

    opts = BuildOptions(
        tags=tuple(values["tags"]), build_args=tuple(values["build_arg"]), labels=tuple(values["labels"]),
        extra_hosts=tuple(values["add_host"]), ulimits=tuple(values["ulimits"]), memory=values["memory"],
        memory_swap=values["memory_swap"], shm_size=values["shm_size"], cpu_shares=values["cpu_shares"],
        cpu_period=values["cpu_period"], cpu_quota=values["cpu_quota"], cpuset_cpus=values["cpuset_cpus"],
        cpuset_mems=values["cpuset_mems"], cgroup_parent=values["cgroup_parent"], isolation=values["isolation"],
        quiet=values["quiet"], no_cache=values["no_cache"], rm=values["rm"], force_rm=values["force_rm"],
        pull=values["pull"], cache_from=tuple(v for group in values["cache_from"] for v in group),
        security_opt=tuple(v for group in values["security_opt"] for v in group), network=values["network"],
        squash=values["squash"], target=values["target"], platform=values["platform"] or "")
    run_build(app, context[0], opts, dockerfile=values["file_"], iidfile=values["iidfile"],
              compress=values["compress"])


# -- the run --------------------------------------------------------------------------------------

class _Progress:
    """The client-side "Sending build context" line: every ~512 KB (at most 10 a second) on a terminal,
    only the final size otherwise; a last "\\r\\n" ends it (streamformatter's progress output)."""

    def __init__(self, out, tty: bool):
        self.out, self.tty = out, tty
        self.last_bytes = 0
        self.last_time = 0.0

    def __call__(self, sent: int, done: bool) -> None:
        import time

        if not done:
            if not self.tty or sent - self.last_bytes <= 512 * 1024:
                return
            now = time.monotonic()
            if now - self.last_time < 0.1:
                return
            self.last_time, self.last_bytes = now, sent
        self.out.write(f"{SENDING} {_size(sent):>8}\r")
        if done:
            self.out.write("\r\n")
        self.out.flush()


def _size(n: int) -> str:
    from ...render.humanize import human_size

    return human_size(n)


class _Counted:
    """Counts the bytes of a request body as they are sent, reporting to a progress callback."""

    def __init__(self, chunks, progress):
        self.chunks, self.progress, self.sent = chunks, progress, 0

    def __iter__(self):
        for chunk in self.chunks:
            self.sent += len(chunk)
            self.progress(self.sent, False)
            yield chunk
        self.progress(self.sent, True)


def _gzip(chunks):
    import zlib

    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    for chunk in chunks:
        data = z.compress(chunk)
        if data:
            yield data
    yield z.flush()


def run_build(app, context: str, opts, *, dockerfile: str = "", iidfile: str = "", compress: bool = False) -> None:
    import io

    from ...build import context as bctx
    from ...build.dockerignore import PatternError, trim_build_files
    from ...errors import ConnectionCut, PydockError, StatusError, StreamError
    from ...opts.build import build_query, registry_config_header

    if opts.platform:  # docker 28 sends it lowercased and lets the daemon judge it
        import dataclasses

        opts = dataclasses.replace(opts, platform=opts.platform.lower())

    try:
        kind = bctx.detect_context_type(context)
    except bctx.ContextError as e:
        raise PydockError(str(e)) from None
    from_stdin = dockerfile == "-"
    if from_stdin and kind == bctx.STDIN:
        raise PydockError("invalid argument: can't use stdin for both build context and dockerfile")

    tty = app.out_is_tty() and not opts.quiet
    prog_out = io.StringIO() if opts.quiet else app.out
    build_out = io.StringIO() if opts.quiet else app.out

    if iidfile:
        try:
            os.remove(iidfile)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise PydockError(f"removing image ID file: {_os_error('remove', iidfile, e)}") from None

    stdin = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
    if kind == bctx.STDIN:
        try:
            body, rel_dockerfile = bctx.stdin_context(stdin, dockerfile)
        except bctx.ContextError as e:
            raise PydockError(f"unable to prepare context: {e}") from None
    elif kind == bctx.LOCAL:
        try:
            context_dir, rel_dockerfile = bctx.local_context(context, dockerfile)
        except bctx.ContextError as e:
            raise PydockError(f"unable to prepare context: {e}") from None
        inject = None
        if from_stdin:
            inject = bctx.Injected(stdin.read())
        elif rel_dockerfile.startswith("../"):
            try:
                with open(dockerfile, "rb") as f:
                    inject = bctx.Injected(f.read())
            except OSError as e:
                raise PydockError(f"unable to open Dockerfile: {_os_error('open', dockerfile, e)}") from None
        try:
            excludes = bctx.read_dockerignore(context_dir)
            bctx.validate_context(context_dir, excludes)
        except PatternError as e:
            raise PydockError(str(e) if str(e).startswith("error reading") else f"error checking context: {e}") from None
        except bctx.ContextError as e:
            raise PydockError(f"error checking context: {e}") from None
        except OSError as e:
            raise PydockError(str(e)) from None
        excludes = trim_build_files(excludes, rel_dockerfile, from_stdin)
        body = bctx.ContextTar(context_dir, excludes, inject=inject)
        if inject is not None:
            rel_dockerfile = inject.name
    else:
        raise PydockError(f"unable to prepare context: pydock does not support remote build contexts "
                          f"(git repositories or URLs): {context!r}; clone or download it and build the directory")

    if compress:
        body = _gzip(body)
    body = _Counted(body, _Progress(prog_out, tty))

    proxies = app.proxy_settings()
    query = build_query(opts, dockerfile=rel_dockerfile, proxies=proxies)
    auth = registry_config_header(_all_credentials(app))

    image_id = ""

    def aux(message) -> None:
        nonlocal image_id
        if isinstance(message, dict) and isinstance(message.get("ID"), str):
            image_id = message["ID"]
        else:
            app.err.write(f"Failed to parse aux message: {message!r}")

    from ...engine.api.build import build_stream
    from ...engine.jsonstream import iter_json
    from ...render.progress import display_json_messages

    streaming = False
    try:
        with build_stream(app.engine, query, body, registry_config=auth) as resp:
            streaming = True
            try:
                messages = iter_json(app.engine.iter_bytes(resp))
                if not tty or os.environ.get("NO_COLOR"):
                    messages = _without_colors(messages)
                display_json_messages(messages, build_out, tty=tty, aux=aux)
            except ConnectionCut:
                raise
            except StreamError as e:
                if opts.quiet:
                    app.err.write(prog_out.getvalue() + build_out.getvalue())
                raise StatusError(e.message, e.code or 1) from None
    except StatusError:
        raise
    except BaseException as e:
        # docker prints -q's buffered progress when the request fails, not when the stream breaks (nor on Ctrl-C)
        if opts.quiet and not streaming and not isinstance(e, KeyboardInterrupt):
            app.err.write(prog_out.getvalue())
        raise

    if opts.quiet:
        image_id = build_out.getvalue()
        app.write(image_id)
        app.out.flush()
    if iidfile:
        if not image_id:
            raise PydockError(f"server did not provide an image ID. Cannot write {iidfile}")
        from ...atomicfile import write_file

        write_file(iidfile, image_id.encode())  # os.WriteFile's errors; a file left empty is removed


def _without_colors(messages):
    """The daemon wraps a RUN step's stderr in red (ESC[91m ... ESC[0m). docker prints that even into a
    pipe; pydock keeps control codes for terminals (and drops them with NO_COLOR)."""
    import re

    sgr = re.compile(SGR)
    for message in messages:
        text = message.get("stream") if isinstance(message, dict) else None
        if isinstance(text, str) and "\x1b[" in text:
            message = dict(message, stream=sgr.sub("", text))
        yield message


def _all_credentials(app) -> dict[str, dict]:
    """ConfigFile.GetAllCredentials, as build sends it: every entry of the default store (config.json
    `auths`, or the `credsStore` helper's list), then each `credHelpers` registry from its helper. A failing
    default store means no credentials at all (docker ignores the error); a failing helper skips its
    registry."""
    from ...auth.store import FileStore, NativeStore, config_data, get_auth_config
    from ...auth.types import AuthConfigError
    from ...errors import PydockError

    data = config_data(app.config)
    store = NativeStore(app.config, str(data["credsStore"])) if data.get("credsStore") else FileStore(app.config)
    try:
        found = dict(store.get_all())
    except (PydockError, AuthConfigError, OSError):
        return {}
    helpers = data.get("credHelpers")
    for registry in helpers if isinstance(helpers, dict) else {}:
        try:
            found[registry] = get_auth_config(app.config, registry)
        except (PydockError, AuthConfigError, OSError):
            continue
    return {server: auth.to_json() for server, auth in found.items()}


def _os_error(op: str, path: str, e: OSError) -> str:
    why = os.strerror(e.errno).lower() if e.errno else str(e)
    return f"{op} {path}: {why}"
