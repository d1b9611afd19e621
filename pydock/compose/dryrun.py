"""`compose --dry-run`: an engine that reads from the real one and fakes every change, as v2's
DryRunClient (pkg/api/dryrunclient.go) does.

v2 swaps the whole docker CLI's API client for the dry-run one, so every verb (and everything a verb
borrows from the docker CLI, such as exec, attach or the classic builder) talks to it. pydock does the
same one level lower: `DryRunEngine` has the interface of `pydock.engine.client.Engine` (`request`,
`get`, `get_raw`, `post`, `stream`, `stream_raw`, `iter_bytes`, and the rest by delegation) and decides
by method and path:

- reads (GET, HEAD, and `POST .../wait`, `POST /auth`) go to the engine;
- `POST /containers/create` answers the container's name as its id and remembers the container;
  start/stop/restart/kill/pause/unpause/rename/update, `DELETE /containers/..`, network connect and
  disconnect, network/volume create and remove, image remove and tag, commit, prune: plausible answers,
  nothing sent;
- container inspect of what the engine does not know answers a synthesized container, running and
  healthy (`--wait` and `service_healthy` need that);
- container listings are the engine's, except v2's `start` one (`GET /containers/json` filtered on the
  project and `oneoff=False` only): it is answered v2's own list, the first getContainers answer (a
  listing with the config-hash label filter) plus the containers created in this run, with an empty
  state, so they are "started" (and so are exited one-off containers after `up`, as in v2);
- pulls and pushes resolve the reference in its registry (through the daemon's
  `/distribution/{name}/json`) and answer an empty pull stream or v2's `Pushed` message; image inspect
  after a pull answers `dryRunId`, as v2's pullServiceImage sees; `/build` answers v2's
  `Successfully built: dryRunID` message;
- attach and attached exec fail with v2's "interactive ... is not supported in dry-run mode"; a
  detached exec prints v2's `Executing command [..] in <id> (detached mode)` on stdout;
- archive get/put stat the path in the container first (v2's `Could not find the file` error), then
  answer an empty archive / nothing.

Nothing here imports httpx until a faked answer is built (the wrapped engine is made on first use).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from contextlib import contextmanager
from typing import Callable
from urllib.parse import unquote

from ..errors import DaemonError, PydockError

DRYRUN_PREFIX = " DRY-RUN MODE - "
DRY_RUN_ID = "dryRunId"

# CopyFromContainer's answer: nothing to extract, and Go's zero PathStat
EMPTY_TAR = b"\0" * 1024  # the end-of-archive blocks alone
ZERO_PATH_STAT = "eyJuYW1lIjoiIiwic2l6ZSI6MCwibW9kZSI6MCwibXRpbWUiOiIwMDAxLTAxLTAxVDAwOjAwOjAwWiIsImxpbmtUYXJnZXQiOiIifQ=="

ATTACH_ERROR = "interactive run is not supported in dry-run mode"
EXEC_ATTACH_ERROR = "interactive exec is not supported in dry-run mode"

# container verbs that change something and answer nothing
_CONTAINER_NOOPS = {"start", "stop", "restart", "kill", "pause", "unpause", "rename", "resize"}
_PRUNES = {"/containers/prune", "/images/prune", "/networks/prune", "/volumes/prune", "/build/prune"}


class ResolveError(DaemonError):
    """A reference the registry cannot resolve: v2's resolver error. `message` is the innermost error
    (what v2's events show, getUnwrappedErrorMessage), str() the whole chain (the final error line)."""

    def __init__(self, message: str, full: str, status: int | None = None):
        super().__init__(message, status)
        self.full = full

    def __str__(self) -> str:
        return self.full


def go_quote(s: str) -> str:
    """strconv.Quote: Go's double-quoted string literal."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                        "\v": "\\v"}[ch])
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif not ch.isprintable() and o > 0x7F:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_quote_list(items) -> str:
    """fmt's %q of a []string: `["echo" "hi"]`."""
    return "[" + " ".join(go_quote(str(i)) for i in items or []) + "]"


def _filters(params: dict | None) -> dict:
    raw = (params or {}).get("filters")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    if not isinstance(raw, dict):
        return {}
    out = {}
    for key, values in raw.items():
        if isinstance(values, dict):  # the old `{"k=v": true}` form
            values = [k for k, v in values.items() if v]
        out[key] = list(values or [])
    return out


class DryRunEngine:
    """The engine of a `--dry-run` invocation (see the module's docstring)."""

    def __init__(self, engine_factory: Callable[[], object], out: Callable[[], object] | None = None):
        self._factory = engine_factory
        self._engine = None
        self._out = out
        self._lock = threading.Lock()
        self.containers: list[dict] = []  # v2's d.containers (see _list_containers)
        self.listed = False
        self.created: set[str] = set()
        self.execs: dict[str, tuple[str, list]] = {}
        self.pulled: set[str] = set()

    # -- the wrapped engine ---------------------------------------------------------------------
    @property
    def engine(self):
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._factory()
        return self._engine

    def __getattr__(self, name):  # endpoint, api_version, version_at_least, ping, url, debug, ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.engine, name)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()

    # -- the Engine interface -------------------------------------------------------------------
    def request(self, method: str, path: str, params: dict | None = None, body=None, *, content=None,
                headers: dict | None = None, timeout: float | None = None):
        fake = self._route(method.upper(), path, params, body, headers or {})
        if fake is not None:
            return fake
        return self.engine.request(method, path, params, body, content=content, headers=headers, timeout=timeout)

    def get(self, path: str, params: dict | None = None, *, timeout: float | None = None):
        return self._decode(self.request("GET", path, params, timeout=timeout))

    def get_raw(self, path: str, params: dict | None = None):
        resp = self.request("GET", path, params)
        return self._decode(resp), resp.text

    def post(self, path: str, params: dict | None = None, body=None):
        return self._decode(self.request("POST", path, params, body))

    @contextmanager
    def stream(self, method: str, path: str, params: dict | None = None, body=None, *, content=None,
               headers: dict | None = None):
        fake = self._route(method.upper(), path, params, body, headers or {})
        if fake is not None:
            from ..engine._httpx import httpx

            # a body to read incrementally, as the engine's streams are
            resp = httpx.Response(fake.status_code, headers=fake.headers, stream=httpx.ByteStream(fake.content),
                                  request=fake.request)
            try:
                yield resp
            finally:
                resp.close()
            return
        with self.engine.stream(method, path, params, body, content=content, headers=headers) as resp:
            yield resp

    def stream_raw(self, method: str, path: str, params: dict | None = None):
        return self.engine.stream_raw(method, path, params)

    def iter_bytes(self, resp):
        return self.engine.iter_bytes(resp)

    @staticmethod
    def _decode(resp):
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            from ..errors import EngineError

            raise EngineError(f"the daemon sent a response that is not JSON: {resp.text[:80]!r}") from None

    # -- answers --------------------------------------------------------------------------------
    @staticmethod
    def _response(method: str, path: str, status: int = 200, data=None, *, raw: bytes | None = None,
                  headers: dict | None = None):
        from ..engine._httpx import httpx

        if raw is None:
            raw = b"" if data is None else json.dumps(data).encode()
        hdrs = dict(headers or {})
        if data is not None:
            hdrs.setdefault("Content-Type", "application/json")
        return httpx.Response(status, content=raw, headers=hdrs,
                              request=httpx.Request(method, "http://dry-run" + path))

    def _write_out(self, text: str) -> None:
        import sys

        out = self._out() if self._out is not None else sys.stdout
        out.write(text)
        try:
            out.flush()
        except (OSError, ValueError):
            pass

    def _route(self, method: str, path: str, params, body, headers: dict):
        """A faked answer, or None: the engine answers."""
        path = unquote(path)
        parts = [p for p in path.split("/") if p]
        if method in ("GET", "HEAD"):
            return self._read(method, path, parts, params, headers)
        if not parts:
            return None
        head = parts[0]
        if head == "containers":
            return self._containers(method, path, parts, params, body, headers)
        if head == "exec":
            return self._exec(method, path, parts, body, headers)
        if head == "images":
            return self._images(method, path, parts, params, headers)
        if head == "networks":
            if method == "POST" and parts[1:] == ["create"]:
                name = (body or {}).get("Name", "")
                return self._response(method, path, 201, {"Id": name, "Warning": ""})
            if method == "POST" and path in _PRUNES:
                return self._response(method, path, 200, {"NetworksDeleted": None})
            return self._response(method, path, 204 if method == "DELETE" else 200)
        if head == "volumes":
            if method == "POST" and parts[1:] == ["create"]:
                b = body or {}
                return self._response(method, path, 201, {
                    "Driver": b.get("Driver", ""), "Labels": b.get("Labels"), "Name": b.get("Name", ""),
                    "Options": b.get("DriverOpts"), "Mountpoint": "", "Scope": ""})
            if method == "POST" and path in _PRUNES:
                return self._response(method, path, 200, {"VolumesDeleted": None, "SpaceReclaimed": 0})
            return self._response(method, path, 204)
        if head == "build":
            if path in _PRUNES:
                return self._response(method, path, 200, {"CachesDeleted": None, "SpaceReclaimed": 0})
            return self._build(method, path, params)
        if head == "commit":
            return self._response(method, path, 201, {"Id": DRY_RUN_ID})
        if head in ("auth", "_ping", "distribution", "session", "grpc"):
            return None
        return self._response(method, path, 200)  # anything else that would change the engine

    # reads ------------------------------------------------------------------------------------
    def _read(self, method, path, parts, params, headers):
        if len(parts) == 3 and parts[0] == "containers" and parts[2] == "json":
            return self._inspect_container(method, path, parts[1], params)
        if parts == ["containers", "json"]:
            return self._list_containers(method, path, params)
        if len(parts) >= 3 and parts[0] == "images" and parts[-1] == "json" and parts[1:] != ["json"]:
            name = "/".join(parts[1:-1])
            if self._was_pulled(name):
                return self._response(method, path, 200, {"Id": DRY_RUN_ID})
            return None
        if len(parts) == 3 and parts[0] == "containers" and parts[2] == "archive" and method == "GET":
            target = (params or {}).get("path", "")
            self._stat_or_fail(parts[1], target)
            return self._response(method, path, 200, raw=EMPTY_TAR, headers={
                "Content-Type": "application/x-tar", "X-Docker-Container-Path-Stat": ZERO_PATH_STAT})
        return None

    def _inspect_container(self, method, path, name, params):
        """ContainerInspect: the engine's answer, else a synthesized running, healthy container."""
        try:
            return self.engine.request(method, path, params)
        except DaemonError:
            pass
        with self._lock:
            known = name in self.created
        return self._response(method, path, 200, {
            "Id": name if known else DRY_RUN_ID, "Name": name,
            "State": {"Status": "running", "Running": False, "Health": {"Status": "healthy"}},
            "Mounts": None, "Config": {}, "NetworkSettings": {}})

    def _list_containers(self, method, path, params):
        """ContainerList: v2 keeps a list of its own (d.containers): the first getContainers answer (taken
        while the list is empty), then every container it creates; its `start` is answered that list."""
        resp = self.engine.request(method, path, params)
        flt = _filters(params)
        if self._is_get_containers(flt):
            found = self._decode(resp) or []
            with self._lock:
                self.listed = True
                if not self.containers:
                    self.containers = [dict(c) for c in found]
            return resp
        if self._is_start_listing(flt):
            with self._lock:
                if self.listed or self.containers:
                    return self._response(method, path, 200, [dict(c) for c in self.containers])
        return resp

    @staticmethod
    def _is_get_containers(flt: dict) -> bool:
        """v2's getContainers (getDefaultFilters) always asks for the config-hash label."""
        from . import labels

        return labels.CONFIG_HASH in (flt.get("label") or [])

    @staticmethod
    def _is_start_listing(flt: dict) -> bool:
        """v2's start lists `project=P` and `oneoff=False` only."""
        from . import labels

        wanted = flt.get("label") or []
        if set(flt) != {"label"} or len(wanted) != 2:
            return False
        return (any(w.startswith(labels.PROJECT + "=") for w in wanted)
                and labels.oneoff_filter(False) in wanted)

    # containers -------------------------------------------------------------------------------
    def _containers(self, method, path, parts, params, body, headers):
        if method == "POST" and parts[1:] == ["create"]:
            name = (params or {}).get("name") or ""
            labels = dict(((body or {}).get("Labels")) or {})
            with self._lock:
                self.containers.append({"Id": name, "Names": [name], "Labels": labels, "State": "",
                                        "Status": "", "Image": (body or {}).get("Image", ""),
                                        "HostConfig": {}})
                self.created.add(name)
            return self._response(method, path, 201, {"Id": name, "Warnings": []})
        if method == "POST" and path in _PRUNES:
            return self._response(method, path, 200, {"ContainersDeleted": None, "SpaceReclaimed": 0})
        if method == "DELETE" and len(parts) == 2:
            return self._response(method, path, 204)
        if len(parts) != 3:
            return self._response(method, path, 200)
        ident, verb = parts[1], parts[2]
        if method == "POST" and verb in _CONTAINER_NOOPS:
            return self._response(method, path, 204)
        if method == "POST" and verb == "attach":
            raise PydockError(ATTACH_ERROR)
        if method == "POST" and verb == "exec":
            exec_id = secrets.token_hex(32)
            with self._lock:
                self.execs[exec_id] = (ident, list((body or {}).get("Cmd") or []))
            return self._response(method, path, 201, {"Id": exec_id})
        if method == "POST" and verb == "wait":
            return None  # v2's ContainerWait is the engine's
        if method == "POST" and verb == "update":
            return self._response(method, path, 200, {"Warnings": []})
        if method == "PUT" and verb == "archive":
            self._stat_or_fail(ident, (params or {}).get("path", ""))
            return self._response(method, path, 200)
        return self._response(method, path, 200)

    def _stat_or_fail(self, container: str, target: str) -> None:
        """ContainerStatPath, else v2's ` DRY-RUN MODE -  Could not find the file`."""
        try:
            self.engine.request("HEAD", f"/containers/{container}/archive", {"path": target})
        except DaemonError:
            raise PydockError(f" {DRYRUN_PREFIX} Could not find the file {target} in container {container}") from None

    def _exec(self, method, path, parts, body, headers):
        if method == "POST" and len(parts) == 3 and parts[2] == "start":
            with self._lock:
                details = self.execs.pop(parts[1], None)
            if headers.get("Upgrade") or not (body or {}).get("Detach"):
                raise PydockError(EXEC_ATTACH_ERROR)
            if details is None:
                raise PydockError(f"invalid exec ID {go_quote(parts[1])}")
            container, cmd = details
            self._write_out(f"{DRYRUN_PREFIX}Executing command {go_quote_list(cmd)} in {container} (detached mode)\n")
            return self._response(method, path, 200)
        if method == "POST" and len(parts) == 3 and parts[2] == "resize":
            return None
        return self._response(method, path, 200)

    # images -----------------------------------------------------------------------------------
    def _images(self, method, path, parts, params, headers):
        if method == "POST" and parts[1:] == ["create"]:
            p = params or {}
            image = p.get("fromImage") or ""
            tag = p.get("tag") or ""
            if not image:  # an import (fromSrc): nothing to resolve
                return self._response(method, path, 200, raw=b"")
            ref = image + (("@" if tag.startswith("sha256:") else ":") + tag if tag else "")
            self._resolve(ref, headers)
            with self._lock:
                self.pulled.add(_normal(ref))
            return self._response(method, path, 200, raw=b"")
        if method == "POST" and path in _PRUNES:
            return self._response(method, path, 200, {"ImagesDeleted": None, "SpaceReclaimed": 0})
        if method == "POST" and len(parts) >= 3 and parts[-1] == "push":
            name = "/".join(parts[1:-1])
            tag = (params or {}).get("tag") or ""
            ref = name + (":" + tag if tag else "")
            self._resolve(ref, headers)
            msg = {"status": "Pushed", "progressDetail": {"current": 100, "total": 100, "units": "Mb"}, "id": ref}
            return self._response(method, path, 200, raw=json.dumps(msg, separators=(",", ":")).encode())
        if method == "POST" and len(parts) >= 3 and parts[-1] == "tag":
            return self._response(method, path, 201)
        if method == "DELETE":
            return self._response(method, path, 200, [])
        if method == "POST" and parts[1:] == ["load"]:
            return self._response(method, path, 200, raw=b"")
        return self._response(method, path, 200)

    def _was_pulled(self, name: str) -> bool:
        with self._lock:
            if not self.pulled:
                return False
        return _normal(name) in self.pulled

    def _resolve(self, ref: str, headers: dict) -> None:
        """v2's resolver.Resolve: the registry must know the reference (asked through the daemon)."""
        auth = {k: v for k, v in headers.items() if k.lower() == "x-registry-auth"}
        try:
            self.engine.request("GET", f"/distribution/{ref}/json", headers=auth or None)
        except DaemonError as e:
            raise _resolve_error(ref, e) from None

    def _build(self, method, path, params):
        """ImageBuild: v2's one `Successfully built: dryRunID` message, for the first tag."""
        tags = [v for k, v in (params if isinstance(params, list) else list((params or {}).items())) if k == "t"]
        tag = tags[0] if tags else ""
        status = f"{DRYRUN_PREFIX}Successfully built: dryRunID\n{DRYRUN_PREFIX}Successfully tagged: {tag}\n"
        msg = {"status": status, "progressDetail": {}}
        return self._response(method, path, 200, raw=json.dumps(msg, separators=(",", ":")).encode())


def _normal(ref: str) -> str:
    try:
        from ..opts.reference import parse_normalized

        r = parse_normalized(ref)
        tag = r.tag or ("" if r.digest else "latest")
        return r.name + (":" + tag if tag else "") + ("@" + r.digest if r.digest else "")
    except Exception:  # noqa: BLE001 - a name we cannot parse is compared as it is
        return ref


def _resolve_error(ref: str, e: DaemonError) -> ResolveError:
    """The daemon's distribution error in the words of v2's resolver (containerd's remotes/docker)."""
    msg = e.message
    low = msg.lower()
    if e.status == 404 or "manifest unknown" in low or "not found" in low:
        return ResolveError("not found", f"{ref}: not found", e.status)
    if "no basic auth credentials" in msg:
        return ResolveError("authorization failed", "pull access denied, repository does not exist or may require "
                            "authorization: authorization failed: no basic auth credentials", e.status)
    if e.status == 401 or low.startswith("unauthorized:"):
        text = f"unexpected status from HEAD request to {_manifest_url(ref)}: 401 Unauthorized"
        return ResolveError(text, text, e.status)
    m = re.match(r'^Get "(https?://[^/"]+)/v2/": (.*)$', msg, re.S)
    if m:
        base, cause = m.group(1), m.group(2)
        inner = cause.split(": ", 1)[1] if cause.startswith(("dial tcp: ", "dial tcp4: ", "dial tcp6: ")) else cause
        repo, ref_part = _repo_and_reference(ref)
        full = f'failed to do request: Head "{base}/v2/{repo}/manifests/{ref_part}": {cause}'
        return ResolveError(inner, full, e.status)
    return ResolveError(msg, msg, e.status)


def _repo_and_reference(ref: str) -> tuple[str, str]:
    try:
        from ..opts.reference import parse_normalized

        r = parse_normalized(ref)
        return r.path, (r.digest or r.tag or "latest")
    except Exception:  # noqa: BLE001
        return ref, "latest"


def _manifest_url(ref: str) -> str:
    """The URL v2's resolver HEADs: plain HTTP for a loopback registry (the daemon's default insecure one)."""
    try:
        from ..opts.reference import parse_normalized

        domain = parse_normalized(ref).domain
    except Exception:  # noqa: BLE001
        domain = "docker.io"
    host = "registry-1.docker.io" if domain == "docker.io" else domain
    bare = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0][1:]
    scheme = "http" if bare == "localhost" or bare.startswith("127.") or bare == "::1" else "https"
    repo, reference = _repo_and_reference(ref)
    return f"{scheme}://{host}/v2/{repo}/manifests/{reference}"
