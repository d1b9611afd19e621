"""A registry's HTTP API v2 for manifests, as the docker CLI's registry client reaches it (cli/registry/client).

Endpoints are tried in docker's order: https, then (with --insecure) plain http. A failure to speak TLS to
a host, 401, MANIFEST_UNKNOWN/NAME_UNKNOWN and unexpected statuses move on to the next endpoint; when none
is left the answer is docker's `no such manifest: <ref>`. Credentials come from config.json and
credential helpers (pydock.auth); a Bearer challenge is answered with a token fetched from its realm
(basic credentials, or anonymously), a Basic challenge with the credentials themselves.
"""

from __future__ import annotations

import base64
import hashlib
import json

import httpx

from ..errors import PydockError

MEDIA_SCHEMA2 = "application/vnd.docker.distribution.manifest.v2+json"
MEDIA_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
MEDIA_OCI = "application/vnd.oci.image.manifest.v1+json"
MEDIA_OCI_INDEX = "application/vnd.oci.image.index.v1+json"
ACCEPT = ", ".join((MEDIA_SCHEMA2, MEDIA_LIST, MEDIA_OCI, MEDIA_OCI_INDEX))
_CONTINUE_CODES = {"UNAUTHORIZED", "MANIFEST_UNKNOWN", "NAME_UNKNOWN"}


class _Next(Exception):
    """This endpoint cannot answer: try the next one."""


def _challenge(header: str) -> tuple[str, dict[str, str]]:
    scheme, _, rest = header.partition(" ")
    params: dict[str, str] = {}
    import re

    for key, value in re.findall(r'(\w+)="([^"]*)"', rest):
        params[key] = value
    return scheme.lower(), params


class Registry:
    """One repository on one registry host; `auth` is a pydock.auth AuthConfig (possibly empty)."""

    def __init__(self, domain: str, repository: str, auth, *, insecure: bool = False, scopes: list[str] | None = None):
        self.domain, self.repository, self.auth, self.insecure = domain, repository, auth, insecure
        self.scopes = scopes or [f"repository:{repository}:pull"]
        self.host = "registry-1.docker.io" if domain == "docker.io" else domain
        self.client = httpx.Client(verify=not insecure, timeout=30.0, follow_redirects=True)
        self.base = ""
        self.authorization: str | None = None

    def close(self) -> None:
        self.client.close()

    def endpoints(self) -> list[str]:
        return [f"https://{self.host}"] + ([f"http://{self.host}"] if self.insecure else [])

    def push_endpoints(self) -> list[str]:
        """newDefaultRepositoryEndpoint: a registry docker deems insecure by default (loopback) is written to
        over plain http; any other over https, falling back to http with --insecure."""
        import ipaddress

        host = self.host.rsplit(":", 1)[0].strip("[]") if not self.host.startswith("[") or "]:" in self.host else self.host.strip("[]")
        try:
            if ipaddress.ip_address(host).is_loopback:
                return [f"http://{self.host}"]
        except ValueError:
            pass
        return self.endpoints()

    # -- requests ---------------------------------------------------------------------------------------
    def _get(self, url: str, accept: str) -> httpx.Response:
        return self._send("GET", url, {"Accept": accept})

    def _send(self, method: str, url: str, headers: dict, content: bytes | None = None) -> httpx.Response:
        headers = dict(headers)
        if self.authorization:
            headers["Authorization"] = self.authorization
        try:
            resp = self.client.request(method, url, headers=headers, content=content)
        except (httpx.TransportError, OSError) as e:
            raise _Next(str(e)) from None
        if resp.status_code == 401 and not self.authorization and "WWW-Authenticate" in resp.headers:
            self.authorization = self._authorize(resp.headers["WWW-Authenticate"], url)
            if self.authorization:
                return self._send(method, url, headers, content)
        return resp

    def _authorize(self, header: str, url: str) -> str | None:
        scheme, params = _challenge(header)
        user, secret = self.auth.username, self.auth.password
        if scheme == "basic":
            if not user:  # Go's url.Error around the auth handler's refusal
                raise PydockError(f'Get "{url}": no basic auth credentials')
            return "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()
        if scheme != "bearer" or "realm" not in params:
            return None
        query = [("service", params.get("service", ""))] + [("scope", scope) for scope in self.scopes]
        kw = {"auth": (user, secret)} if user else {}
        if self.auth.identitytoken:
            query, kw = query + [("grant_type", "refresh_token"), ("refresh_token", self.auth.identitytoken)], {}
        try:
            resp = self.client.get(params["realm"], params=[(k, v) for k, v in query if v], **kw)
        except (httpx.TransportError, OSError):
            return None
        if resp.status_code != 200:
            return None
        body = resp.json()
        token = body.get("token") or body.get("access_token")
        return f"Bearer {token}" if token else None

    def _check(self, resp: httpx.Response) -> None:
        if resp.status_code == 200:
            return
        try:
            errors = resp.json().get("errors") or []
        except ValueError:
            errors = []
        if not errors or errors[0].get("code") in _CONTINUE_CODES or resp.status_code == 401:
            raise _Next(f"status {resp.status_code}")
        first = errors[0]
        message = first.get("message") or ""
        detail = first.get("detail")
        text = f"{first.get('code', '').lower().replace('_', ' ')}: {message}" if message else first.get("code", "")
        raise PydockError(text + (f": {detail}" if isinstance(detail, str) and detail else ""))

    def manifest(self, reference: str) -> tuple[str, bytes]:
        """(media type, raw bytes) of a manifest by tag or digest, on the current endpoint."""
        resp = self._get(f"{self.base}/v2/{self.repository}/manifests/{reference}", ACCEPT)
        self._check(resp)
        media = resp.headers.get("Content-Type", "").split(";")[0].strip()
        raw = resp.content
        try:
            media = json.loads(raw).get("mediaType") or media
        except ValueError:
            pass
        return media, raw

    def blob(self, digest: str) -> bytes:
        resp = self._get(f"{self.base}/v2/{self.repository}/blobs/{digest}", "*/*")
        self._check(resp)
        return resp.content

    def put_manifest(self, reference: str, media: str, body: bytes) -> str:
        """PUT a manifest; the digest the registry names it by (Docker-Content-Digest), else the body's."""
        resp = self._send("PUT", f"{self.base}/v2/{self.repository}/manifests/{reference}", {"Content-Type": media}, body)
        if resp.status_code not in (200, 201, 202):
            self._check(resp)
        return resp.headers.get("Docker-Content-Digest") or digest_of(body)

    def mount_blob(self, digest: str, source_repository: str) -> bool:
        """A cross-repository blob mount: True when mounted (201), False when the registry started an upload
        instead (202), which is cancelled."""
        resp = self._send("POST", f"{self.base}/v2/{self.repository}/blobs/uploads/?mount={digest}&from={source_repository}", {})
        if resp.status_code == 201:
            return True
        if resp.status_code == 202:
            location = resp.headers.get("Location")
            if location:
                try:
                    self._send("DELETE", str(httpx.URL(self.base).join(location)), {})
                except _Next:
                    pass
            return False
        self._check(resp)
        return False

    def each_endpoint(self, fetch, endpoints: list[str] | None = None):
        """docker's iterateEndpoints: `fetch()` on each endpoint until one answers; None when none did."""
        for base in endpoints or self.endpoints():
            self.base, self.authorization = base, None
            try:
                return fetch()
            except _Next:
                continue
        return None


def digest_of(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()
