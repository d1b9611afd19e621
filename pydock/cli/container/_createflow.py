"""Creating a container as docker 28 does (cli/command/container/create.go: createContainer).

- `create_container(app, req, quiet=False) -> str`: the flag checks that need the daemon, --cidfile,
  `--pull always`, POST /containers/create, and on a 404 with `--pull missing` the implicit pull
  (progress on stderr through pydock.render.progress, credentials from pydock.auth) and one retry;
  then the warnings and the cidfile. Returns the ID.
- `dry_run_text(req) -> str`: the request(s) that would be sent, for `--dry-run`.

Errors are PydockError values with docker's text and exit status 1, as `docker create` has them;
`run` maps them to its own statuses.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlencode

from ...record import Record
from ...errors import NotFound, PydockError
from ...opts.create import CreateRequest

API_SOCKET_TARGET = "/var/run/docker.sock"


class PullTarget(Record):
    """What the implicit pull fetches: fromImage + tag, and the familiar name for the message."""

    from_image: str
    tag: str
    familiar: str


def create_container(app, req: CreateRequest, *, quiet: bool = False) -> str:
    engine = app.engine
    check_requirements(engine, req)
    cidfile = CidFile.open(req.cidfile)
    try:
        target = pull_target(req.body["Image"])
        req = _with_platform(engine, req)
        body = versioned_body(engine, req, _console_size(app))
        if req.use_api_socket:
            body = with_api_socket(body, app.endpoint.host)
        if req.pull == "always" and target is not None:
            pull_image(app, target, req.platform, quiet)
        response = _create_or_pull(app, req, body, target, quiet)
        for warning in list(response.get("Warnings") or ()) + list(req.warnings):
            app.warn(warning)
        container_id = response["Id"]
        cidfile.write(container_id)
        return container_id
    finally:
        cidfile.close()


def _create_or_pull(app, req: CreateRequest, body: dict, target: PullTarget | None, quiet: bool) -> dict:
    from ...engine.api import containers

    query_platform = platform_query(req.platform)
    try:
        return containers.create(app.engine, body, name=req.name, platform=query_platform)
    except NotFound:
        if target is None or req.pull != "missing":
            raise
    if not quiet:
        app.err.write(f"Unable to find image '{target.familiar}' locally\n")
    pull_image(app, target, req.platform, quiet)
    return containers.create(app.engine, body, name=req.name, platform=query_platform)


# -- checks that need the daemon ---------------------------------------------------------------------

def _with_platform(engine, req: CreateRequest) -> CreateRequest:
    """--platform is only sent from API 1.41 on (older daemons refuse it); it must parse."""
    if not req.platform or not engine.version_at_least("1.41"):
        return req.replace(platform=None)
    platform_query(req.platform)
    return req


def platform_query(platform: str | None) -> str | None:
    from ...opts._errors import OptionError
    from ...opts.platforms import format_platform

    if not platform:
        return None
    try:
        return format_platform(platform)
    except OptionError as e:
        raise PydockError(f"error parsing specified platform: {e}") from None


def check_requirements(engine, req: CreateRequest) -> None:
    """docker refuses flags the daemon cannot honour before doing anything else."""
    for flag, need in req.requires:
        if need == "windows":
            os_type = engine.ping_headers.get("ostype") or (engine.ping() and engine.ping_headers.get("ostype", ""))
            if os_type != "windows":
                raise PydockError(f'"{flag}" is only supported on a Docker daemon running on windows, '
                                  f"but the Docker daemon is running on {os_type}")
        elif not engine.version_at_least(need):
            raise PydockError(f'"{flag}" requires API version {need}, but the Docker daemon API version is '
                              f"{engine.api_version}")


def versioned_body(engine, req: CreateRequest, console: tuple[int, int]) -> dict:
    """The Go client's per-version adjustments (client/container_create.go) on a copy of the body."""
    body = json.loads(json.dumps(req.body))
    host = body["HostConfig"]
    _refuse_unsupported(engine, req, body)
    host["ConsoleSize"] = list(console)
    if not engine.version_at_least("1.25"):
        host["AutoRemove"] = False
    if engine.version_at_least("1.42") or not engine.version_at_least("1.40"):
        host.pop("KernelMemory", None)
    if req.platform and req.platform.lower().startswith("linux") and not engine.version_at_least("1.42"):
        host["ConsoleSize"] = [0, 0]
    if engine.version_at_least("1.44"):
        body.pop("MacAddress", None)
    return body


def _refuse_unsupported(engine, req: CreateRequest, body: dict) -> None:
    def need(version: str, what: str, used: bool) -> None:
        if used and not engine.version_at_least(version):
            raise PydockError(f'"{what}" requires API version {version}, but the Docker daemon API version is '
                              f"{engine.api_version}")

    need("1.25", "stop timeout", "StopTimeout" in body)
    need("1.44", "specify health-check start interval", bool((body.get("Healthcheck") or {}).get("StartInterval")))
    endpoints = body["NetworkingConfig"]["EndpointsConfig"].values()
    need("1.44", "specify mac-address per network", any(ep.get("MacAddress") for ep in endpoints))
    if not engine.version_at_least("1.44"):
        for mount in body["HostConfig"].get("Mounts") or ():
            if (mount.get("BindOptions") or {}).get("ReadOnlyForceRecursive"):
                raise PydockError("bind-recursive=readonly requires API v1.44 or later")


def _console_size(app) -> tuple[int, int]:
    """[rows, cols] of the terminal on stdout, [0, 0] when stdout is not one."""
    if not app.out_is_tty():
        return 0, 0
    try:
        size = os.get_terminal_size(app.out.fileno())
    except (OSError, ValueError, AttributeError):
        return 0, 0
    return size.lines, size.columns


def with_api_socket(body: dict, host: str) -> dict:
    """--use-api-socket: bind-mount the engine's unix socket (credentials are not injected)."""
    if not host.startswith("unix://"):
        raise PydockError(f"flag --use-api-socket can only be used with unix sockets: docker endpoint {host} incompatible")
    mount = {"Type": "bind", "Source": host[len("unix://"):], "Target": API_SOCKET_TARGET, "BindOptions": {}}
    mounts = list(body["HostConfig"].pop("Mounts", None) or ()) + [mount]
    fields = list(body["HostConfig"].items())
    at = next(i for i, (key, _) in enumerate(fields) if key == "MaskedPaths")  # Go's field order
    body["HostConfig"] = dict(fields[:at] + [("Mounts", mounts)] + fields[at:])
    return body


# -- the image reference and the pull ----------------------------------------------------------------

def pull_target(image: str) -> PullTarget | None:
    """reference.ParseAnyReference: an image ID (64 hex, or a digest) is never pulled; a malformed
    name fails before any request, with distribution/reference's message."""
    import re

    from ...opts.reference import InvalidReference, parse_normalized

    if re.fullmatch(r"[a-f0-9]{64}|sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}", image):
        return None
    try:
        ref = parse_normalized(image)
    except InvalidReference as e:
        raise PydockError(str(e)) from None
    tag = ref.tag or (None if ref.digest else "latest")
    familiar = ref.familiar_name() + (f":{tag}" if tag else "") + (f"@{ref.digest}" if ref.digest else "")
    return PullTarget(ref.name, ref.digest or tag, familiar)


def pull_image(app, target: PullTarget, platform: str | None, quiet: bool) -> None:
    """POST /images/create, the progress rendered as docker does to stderr (pydock.render.progress:
    rich on a terminal, docker's plain lines otherwise; nothing with quiet, but errors still end it)."""
    from ...engine.api import images
    from ...engine.jsonstream import iter_json
    from ...render.progress import display_json_messages

    auth = registry_auth(app, target.from_image)
    with images.pull_stream(app.engine, target.from_image, target.tag, platform=platform,
                            registry_auth=auth) as resp:
        messages = iter_json(app.engine.iter_bytes(resp))
        if quiet:
            display_json_messages(messages, _Discard(), tty=False)
        else:
            display_json_messages(messages, app.err, tty=_is_tty(app.err))


class _Discard:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def _is_tty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress_line(message: dict) -> str:
    """jsonmessage.Display for a non-terminal (pydock.render.progress): "" when docker prints nothing;
    an error message raises StreamError."""
    from ...engine.jsonstream import check_error
    from ...render.progress import plain_line

    check_error(message)
    if "aux" in message:
        return ""
    return plain_line(message)


def registry_auth(app, from_image: str) -> str:
    """X-Registry-Auth for the image's registry (pydock.auth: config.json auths, credsStore, credHelpers),
    `e30=` without credentials."""
    from ...auth.store import registry_auth as header

    return header(app.config, from_image)


# -- --cidfile ---------------------------------------------------------------------------------------

class CidFile:
    """docker's cidFile: refused if it exists, created before the request, removed unless written.
    Written straight to the descriptor, so a full disk fails the write that hit it (docker's text:
    `failed to write the container ID to the file: write <path>: no space left on device`) and the
    file is then removed, never left empty."""

    def __init__(self, path: str | None, fd: int | None = None):
        self.path, self.fd, self.written = path, fd, False

    @classmethod
    def open(cls, path: str | None) -> "CidFile":
        if not path:
            return cls(None)
        if os.path.lexists(path):
            raise PydockError(f"container ID file found, make sure the other container isn't running or delete {path}")
        try:
            return cls(path, os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666))
        except OSError as e:
            from ...atomicfile import go_path_error

            raise PydockError(f"failed to create the container ID file: {go_path_error('open', path, e)}") from None

    def write(self, container_id: str) -> None:
        if self.fd is None:
            return
        from ...atomicfile import FileWriteError, write_all

        try:
            write_all(self.fd, container_id.encode(), self.path)
        except FileWriteError as e:
            raise PydockError(f"failed to write the container ID to the file: {e}") from None
        self.written = True

    def close(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            os.close(fd)
        except OSError:
            pass
        if not self.written:
            try:
                os.remove(self.path)
            except OSError as e:
                raise PydockError(f"failed to remove the CID file '{self.path}': {e}") from None


# -- --dry-run ---------------------------------------------------------------------------------------

def dry_run_text(req: CreateRequest) -> str:
    """The request(s) `create` would send, without the per-version adjustments (no daemon is asked):
    method and path with its query, then the JSON body as docker's encoder writes it."""
    lines = []
    target = pull_target(req.body["Image"])
    if req.pull == "always" and target is not None:
        lines.append(_pull_request_line(target, req.platform))
    query = _query({"name": req.name, "platform": platform_query(req.platform)})
    lines.append(f"POST /containers/create{query}")
    lines.append(go_json(req.body))
    if req.pull == "missing" and target is not None:
        lines.append(f"# if the image is missing: {_pull_request_line(target, req.platform)}, then the create again")
    return "\n".join(lines) + "\n"


def _pull_request_line(target: PullTarget, platform: str | None) -> str:
    query = _query({"fromImage": target.from_image, "tag": target.tag,
                    "platform": platform.lower() if platform else None})
    return f"POST /images/create{query}"


def _query(params: dict) -> str:
    items = sorted((k, v) for k, v in params.items() if v)
    return ("?" + urlencode(items)) if items else ""


def go_json(value) -> str:
    """Go's json.Encoder output: compact, `<`, `>`, `&` escaped."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
