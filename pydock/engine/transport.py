"""httpx transports for the engine's endpoints: unix socket, plain tcp, tcp with TLS.

This is the one module that imports httpx (through `_httpx`), so the import cost is paid only
by commands that talk to the daemon.
"""

from __future__ import annotations

from ..config import Endpoint
from ..errors import PydockError
from ._httpx import httpx


class _PlainTransport(httpx.HTTPTransport):
    """An HTTPTransport without an SSL context.

    httpx builds (and loads a CA bundle into) an SSL context in HTTPTransport.__init__ even for a unix
    socket, about 40 ms on every invocation. Plain HTTP never uses it, so we construct the
    connection pool ourselves and inherit request handling and exception mapping unchanged.
    """

    def __init__(self, uds: str | None = None):  # noqa: super().__init__ deliberately not called
        import httpcore

        # no limit on connections: every followed stream (stats of 50 containers, logs -f of several)
        # holds one for as long as it runs, and a capped pool would make the next request wait forever
        self._pool = httpcore.ConnectionPool(ssl_context=None, uds=uds, max_connections=None,
                                             max_keepalive_connections=32, keepalive_expiry=5.0)


def base_url(endpoint: Endpoint) -> str:
    """The URL httpx should address; on a unix socket the Host is docker's `api.moby.localhost`."""
    host = endpoint.host
    if host.startswith("unix://"):
        return "http://api.moby.localhost"
    if host.startswith("tcp://"):
        return ("https://" if endpoint.tls else "http://") + host[len("tcp://") :]
    scheme = host.split("://", 1)[0]
    raise PydockError(f"unsupported protocol scheme {scheme!r} in {host} (pydock speaks unix:// and tcp://)")


def make_transport(endpoint: Endpoint) -> httpx.BaseTransport:
    host = endpoint.host
    if host.startswith("unix://"):
        return _PlainTransport(uds=host[len("unix://") :])
    if not endpoint.tls:
        return _PlainTransport()
    return httpx.HTTPTransport(verify=_ssl_context(endpoint),
                               limits=httpx.Limits(max_connections=None, max_keepalive_connections=32))


def _ssl_context(endpoint: Endpoint):
    import ssl

    try:
        if endpoint.tls_verify:
            ctx = ssl.create_default_context(cafile=endpoint.ca_cert)
        else:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        if endpoint.cert and endpoint.key:
            ctx.load_cert_chain(endpoint.cert, endpoint.key)
    except (OSError, ssl.SSLError) as e:
        raise PydockError(f"Failed to initialize: could not load TLS material: {e}") from None
    return ctx
