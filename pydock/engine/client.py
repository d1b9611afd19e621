"""The Engine API client: transport, version negotiation, typed errors, streams.

Thin on purpose: endpoint methods (in `pydock.engine.api`) return decoded JSON, no object model.
"""

from __future__ import annotations

import json as jsonlib
import sys
import time
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Iterator
from urllib.parse import quote, urlencode

from .. import __version__
from ..config import Endpoint
from ..errors import ConnectionCut, EngineError, EngineUnavailable, PydockError, daemon_error_for
from ._httpx import httpx
from .transport import PingTLSFailure, base_url, make_transport, tls_errors

if TYPE_CHECKING:
    from .rawhttp import RawResponse

MAX_API_VERSION = "1.50"
MIN_API_VERSION = "1.24"  # what a daemon that sends no Api-Version header speaks
USER_AGENT = f"pydock/{__version__} (linux)"
MAX_ERROR_BODY = 1 << 20


def version_tuple(v: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in v.split("."))
    except ValueError:
        return (0,)


def go_origin(endpoint: Endpoint) -> str:
    """`http://%2Fvar%2Frun%2Fdocker.sock`: the scheme and host of the URLs Go's client requests."""
    host = endpoint.host
    if host.startswith("unix://"):
        return "http://" + quote(host[len("unix://"):], safe="")
    if host.startswith("ssh://"):
        return "http://docker.example.com"  # the connection helper's dummy host (engine/ssh)
    return ("https://" if endpoint.tls else "http://") + host.split("://", 1)[-1]


def go_request(endpoint: Endpoint, method: str, target: str) -> str:
    """`Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.41/containers/x/wait"`, as Go's url.Error prints a request."""
    return f'{method[:1].upper()}{method[1:].lower()} "{go_origin(endpoint)}{target}"'


def encode_query(params: dict | list[tuple[str, str]] | None) -> str:
    """Go's url.Values.Encode: keys sorted; we drop None and False, send True as 1, dicts and lists as
    JSON, and a tuple as the key repeated once per value (`names=a&names=b`). A list of (key, value)
    pairs is sent as it is."""
    if not params:
        return ""
    if isinstance(params, list):  # (key, value) pairs already in the order to send (e.g. /build's query)
        return "?" + urlencode(params)
    items = []
    for key in sorted(params):
        value = params[key]
        if value is None or value is False:
            continue
        if isinstance(value, tuple):
            items.extend((key, str(v)) for v in value)
            continue
        if value is True:
            value = "1"
        elif isinstance(value, (dict, list)):
            value = jsonlib.dumps(value, separators=(",", ":"))
        items.append((key, str(value)))
    return ("?" + urlencode(items)) if items else ""


class Engine:
    """One connection to one engine; the API version is negotiated once, on first use."""

    def __init__(self, endpoint: Endpoint, *, api_version: str | None = None, headers: dict | None = None,
                 debug: bool = False, transport: httpx.BaseTransport | None = None):
        self.endpoint = endpoint
        self.debug = debug
        self._pinned_version = api_version
        self._version: str | None = api_version
        self.ping_headers: dict[str, str] = {}
        self._cached: str | None = None  # the ping cache's key while the version came from it (pingcache)
        hdrs = dict(headers or {})
        hdrs["User-Agent"] = USER_AGENT
        self._headers = hdrs
        self._transport = transport or make_transport(endpoint)
        self._client = httpx.Client(
            transport=self._transport,
            base_url=base_url(endpoint),
            headers=hdrs,
            timeout=httpx.Timeout(None, connect=30.0),
        )

    # -- version negotiation -------------------------------------------------------------------
    @property
    def api_version(self) -> str:
        if self._version is None:
            from . import pingcache

            cache_key = self._ping_cache_key
            headers = pingcache.load(cache_key) if cache_key else None
            if headers is None:
                try:
                    self.ping()
                except PingTLSFailure:  # as docker: the command's request, on our version, names the failure
                    self._version = MAX_API_VERSION
            else:
                self._cached = cache_key
                self._negotiate(headers)
        return self._version  # type: ignore[return-value]

    @cached_property
    def _ping_cache_key(self) -> str | None:
        from . import pingcache

        return pingcache.key(self.endpoint)

    def ping(self) -> dict[str, str]:
        """HEAD /_ping (GET as fallback); read Api-Version and downgrade to it, never upgrade."""
        try:
            resp = self._send("HEAD", "/_ping")
        except EngineUnavailable as e:
            if getattr(e, "cause", None) is None:
                raise
            # ssh failed (engine/ssh): docker's client keeps its own API version, and the request that
            # follows fails and names itself in the error
            self._version = self._pinned_version or MAX_API_VERSION
            self.ping_headers = {}
            return self.ping_headers
        if resp.status_code >= 400 or "api-version" not in resp.headers:
            resp = self._send("GET", "/_ping")
            if resp.status_code == 400 and resp.text.strip() == "Client sent an HTTP request to an HTTPS server.":
                raise self._error(resp, resp.content)  # Go's TLS server to a plain client: as docker prints it
            if resp.status_code >= 400 or ("api-version" not in resp.headers and resp.text.strip() != "OK"):
                raise PydockError(
                    f"Cannot talk to the Docker daemon at {self.endpoint.host}: /_ping answered "
                    f"{resp.status_code} {resp.reason_phrase}, which no Docker Engine API would; is this a Docker daemon?"
                )
        self._negotiate({k.lower(): v for k, v in resp.headers.items()})
        self._cached = None
        if self._pinned_version is None and "api-version" in self.ping_headers and self._ping_cache_key:
            from . import pingcache

            pingcache.store(self._ping_cache_key, self.ping_headers)
        return self.ping_headers

    def _negotiate(self, headers: dict[str, str]) -> None:
        self.ping_headers = headers
        if self._pinned_version is None:
            server = headers.get("api-version", MIN_API_VERSION)
            self._version = min(MAX_API_VERSION, server, key=version_tuple)

    def _check_cached(self, resp) -> bool:
        """With a version from the ping cache: True when the daemon refused it as too new (the cache is
        then dropped and a real ping made: send the request again); a response naming another API
        version than the cached one drops the entry for the next command."""
        if self._cached is None:
            return False
        from . import pingcache

        server = resp.headers.get("api-version")
        if resp.status_code == 400 and server != self.ping_headers.get("api-version"):
            pingcache.forget(self._cached)
            self.ping()
            return True
        if server and server != self.ping_headers.get("api-version"):
            pingcache.forget(self._cached)
            self._cached = None
        return False

    def _on_current_version(self, send, path: str, params: dict | None, content=None):
        """`send(url)` for path and params, and once more on a real ping's version when the daemon refused
        the one the ping cache gave (`_check_cached`); (url, response). A body that is a stream cannot be
        sent twice, so it is never sent on a cached version."""
        if content is not None and not isinstance(content, (bytes, str)) and (
                self._version is None or self._cached is not None):
            self.ping()
        url = self.url(path, params)
        resp = send(url)
        if self._check_cached(resp):
            resp.close()
            url = self.url(path, params)
            resp = send(url)
        return url, resp

    def version_at_least(self, v: str) -> bool:
        return version_tuple(self.api_version) >= version_tuple(v)

    # -- requests ------------------------------------------------------------------------------
    def url(self, path: str, params: dict | None = None) -> str:
        return f"/v{self.api_version}{quote(path, safe='/:@+,=')}{encode_query(params)}"

    def request(self, method: str, path: str, params: dict | None = None, body=None, *,
                content=None, headers: dict | None = None, timeout: float | None = None) -> httpx.Response:
        """Send one API call and read the whole response; raise the typed error for status >= 400. With
        `timeout`, a daemon silent that long fails the call (as the daemon not running)."""
        _, resp = self._on_current_version(
            lambda url: self._send(method, url, body=body, content=content, headers=headers, timeout=timeout),
            path, params, content)
        if resp.status_code >= 400:
            raise self._error(resp, resp.content[:MAX_ERROR_BODY])
        return resp

    def get(self, path: str, params: dict | None = None, *, timeout: float | None = None):
        return self._decode(self.request("GET", path, params, timeout=timeout))

    def get_raw(self, path: str, params: dict | None = None) -> tuple[object, str]:
        """Decoded JSON and the body's own text (inspect re-indents the daemon's bytes verbatim)."""
        resp = self.request("GET", path, params)
        return self._decode(resp), resp.text

    def post(self, path: str, params: dict | None = None, body=None):
        return self._decode(self.request("POST", path, params, body))

    @contextmanager
    def stream(self, method: str, path: str, params: dict | None = None, body=None, *,
               content=None, headers: dict | None = None) -> Iterator[httpx.Response]:
        """A response whose body is read incrementally (logs, events, pull progress, attach)."""
        def send(url: str) -> httpx.Response:
            request = self._build(method, url, body, content, headers)
            with self._translate(request):
                return self._client.send(request, stream=True)

        url, resp = self._on_current_version(send, path, params, content)
        try:
            self._log(method, url, resp.status_code, None)
            if resp.status_code >= 400:
                with self._translate():
                    data = resp.read()
                raise self._error(resp, data[:MAX_ERROR_BODY])
            yield resp
        finally:
            resp.close()

    @contextmanager
    def stream_raw(self, method: str, path: str, params: dict | None = None) -> Iterator["RawResponse"]:
        """Like `stream`, over a dedicated socket whose body is decoded in large reads (see rawhttp):
        for bodies that can be huge and arrive in tiny chunks, such as a log of a million lines."""
        from .rawhttp import open_response

        def send(url: str) -> "RawResponse":
            # over ssh:// an idle pooled connection serves it: a new one is a new ssh handshake
            take = getattr(self._transport, "take_idle_socket", None) if self.endpoint.host.startswith("ssh://") else None
            return open_response(self.endpoint, str(self._client.base_url), method, url, self._headers,
                                 sock=take() if take else None)

        url, resp = self._on_current_version(send, path, params)
        try:
            self._log(method, url, resp.status_code, None)
            if resp.status_code >= 400:
                raise self._error(resp, resp.read()[:MAX_ERROR_BODY], url)
            yield resp
        finally:
            resp.close()

    def iter_bytes(self, resp: httpx.Response) -> Iterator[bytes]:
        """Raw chunks of a streamed body; a connection cut mid-stream becomes a one-line error."""
        with self._translate():
            yield from resp.iter_raw()

    def close(self) -> None:
        self._client.close()

    # -- internals -----------------------------------------------------------------------------
    def _build(self, method, url, body, content, headers, timeout: float | None = None) -> httpx.Request:
        hdrs = dict(headers or {})
        if body is not None:
            content = jsonlib.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        if timeout is None:
            return self._client.build_request(method, url, content=content, headers=hdrs)
        return self._client.build_request(method, url, content=content, headers=hdrs, timeout=timeout)

    def _send(self, method: str, url: str, *, body=None, content=None, headers=None,
              timeout: float | None = None) -> httpx.Response:
        request = self._build(method, url, body, content, headers, timeout)
        start = time.perf_counter()
        with self._translate(request):
            resp = self._client.send(request, stream=True)
        chunks: list[bytes] = []
        try:
            with self._translate(request):
                chunks.extend(resp.iter_bytes())
        except ConnectionCut:
            # Go's client decodes the JSON value and ignores the rest: a body cut after a complete value (the
            # daemon's closing newline lost) is that value, as for docker; anything shorter is `unexpected EOF`
            if not _complete_json(b"".join(chunks)):
                raise
        finally:
            resp.close()
        headers = [(k, v) for k, v in resp.headers.multi_items() if k.lower() not in ("content-length", "content-encoding",
                                                                                    "transfer-encoding")]
        resp = httpx.Response(resp.status_code, headers=headers, content=b"".join(chunks), request=request,
                              extensions=resp.extensions)
        self._log(method, url, resp.status_code, time.perf_counter() - start)
        return resp

    def _log(self, method: str, url: str, status: int, seconds: float | None) -> None:
        if self.debug:
            took = f" ({seconds * 1000:.1f} ms)" if seconds is not None else ""
            sys.stderr.write(f"DEBU {method} {url} -> {status}{took}\n")

    @staticmethod
    def _decode(resp: httpx.Response):
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            raise EngineError(f"the daemon sent a response that is not JSON: {resp.text[:80]!r}") from None

    def _error(self, resp, data: bytes, url: str | None = None):
        ctype = resp.headers.get("content-type", "")
        text = data.decode("utf-8", "replace").strip()
        if "application/json" in ctype:
            try:
                text = str(jsonlib.loads(data).get("message", "")).strip() or text
            except (ValueError, AttributeError):
                pass
        if not text:  # Go's client: this line alone, not "Error response from daemon: ..." (Podman's 404s)
            target = url or resp.request.url.raw_path.decode("ascii", "replace")
            return daemon_error_for(resp.status_code, (
                f"request returned {resp.status_code} {resp.reason_phrase} for API route and version "
                f"{go_origin(self.endpoint)}{target}, check if the server supports the requested API version"), bare=True)
        return daemon_error_for(resp.status_code, text)

    def go_url(self, method: str, target: str) -> str:
        """How Go's client names a request in its errors: `Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.41/..."`."""
        return go_request(self.endpoint, method, target)

    @contextmanager
    def _translate(self, request: httpx.Request | None = None):
        """httpx's exceptions become pydock errors: one clear line, never a traceback."""
        host = self.endpoint.host
        try:
            with tls_errors(self.endpoint, request, self.go_url):
                yield
        except EngineUnavailable as e:
            during = getattr(e, "during", None)  # ssh's failure (engine/ssh): Go's client names the request
            if request is not None and during is not None:
                raise during(self.go_url(request.method, request.url.raw_path.decode("ascii", "replace"))) from None
            raise
        except httpx.RemoteProtocolError as e:
            text = str(e)
            if request is not None and "without sending a response" in text and "upgrade" in request.headers:
                raise ConnectionCut() from None  # Go's hijack reads the head with ReadResponse
            if request is not None and "without sending a response" in text:
                # the connection closed before the response head: Go's `Get "URL": EOF`
                target = request.url.raw_path.decode("ascii", "replace")
                raise EngineUnavailable(f"error during connect: {self.go_url(request.method, target)}: EOF") from None
            if "complete message body" in text:  # the body was cut short: Go's io.ErrUnexpectedEOF
                raise ConnectionCut() from None
            if "malformed" in text.lower() or "illegal" in text.lower() or "invalid" in text.lower():
                text += " (is this a Docker daemon? Are you trying to connect to a TLS-enabled daemon without TLS?)"
            raise EngineUnavailable(f"error during connect: {host}: {text or type(e).__name__}") from None
        except httpx.ConnectError as e:
            if isinstance(e.__context__, PermissionError) or "Permission denied" in str(e):
                raise EngineUnavailable.permission_denied(host, e) from None
            if _name_not_found(e):  # docker: `error during connect: ...: dial tcp: lookup foo on ...: no such host`
                name = host.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]")
                raise EngineUnavailable(f"error during connect: {host}: dial tcp: lookup {name}: no such host") from None
            raise EngineUnavailable.not_running(host) from None
        except httpx.TimeoutException:
            raise EngineUnavailable.not_running(host) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
            cause = _os_error(e)
            if cause is not None and not isinstance(e, httpx.RemoteProtocolError):
                # Go's net.OpError (inside its url.Error when the request is known): `Get "URL": read unix
                # @->/var/run/docker.sock: read: connection reset by peer`
                op = "read" if isinstance(e, httpx.ReadError) else "write"
                peer = (f"unix @->{host[len('unix://'):]}" if host.startswith("unix://")
                        else f"tcp {host.split('://', 1)[-1]}")
                why = cause.strerror[:1].lower() + cause.strerror[1:]
                where = host if request is None else self.go_url(request.method,
                                                                 request.url.raw_path.decode("ascii", "replace"))
                raise EngineUnavailable(f"error during connect: {where}: {op} {peer}: {op}: {why}") from None
            detail = str(e) or type(e).__name__
            if "malformed" in detail.lower() or "illegal" in detail.lower() or "invalid" in detail.lower():
                detail += " (is this a Docker daemon? Are you trying to connect to a TLS-enabled daemon without TLS?)"
            raise EngineUnavailable(f"error during connect: {host}: {detail}") from None
        except httpx.HTTPError as e:
            raise EngineUnavailable(f"error during connect: {host}: {e}") from None


def _os_error(error: BaseException) -> OSError | None:
    """The operating system's error under an httpx error (a reset, a broken pipe), if there is one."""
    seen = error
    for _ in range(5):
        seen = seen.__cause__ or seen.__context__
        if seen is None:
            return None
        if isinstance(seen, OSError) and seen.errno and seen.strerror:
            return seen
    return None


def _complete_json(data: bytes) -> bool:
    if not data.strip():
        return False
    try:
        jsonlib.loads(data)
    except ValueError:
        return False
    return True


def _name_not_found(error: BaseException) -> bool:
    """The daemon's host name does not resolve (socket.gaierror somewhere under httpx's ConnectError)."""
    import socket

    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, socket.gaierror):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False
