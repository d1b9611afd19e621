"""httpx transports for the engine's endpoints: unix socket, plain tcp, tcp with TLS, ssh (engine/ssh).

This is the one module that imports httpx (through `_httpx`), so the import cost is paid only
by commands that talk to the daemon.
"""

from __future__ import annotations

from contextlib import contextmanager

from ..config import Endpoint
from ..errors import EngineUnavailable, PydockError
from ._httpx import httpx


class _PlainTransport(httpx.HTTPTransport):
    """An HTTPTransport without httpx's SSL context.

    httpx builds (and loads a CA bundle into) an SSL context in HTTPTransport.__init__ even for a unix
    socket, about 40 ms on every invocation, and imports certifi even when handed a context. Plain HTTP
    never uses one and TLS uses ours (`_ssl_context`: the endpoint's CA only), so we construct the
    connection pool ourselves and inherit request handling and exception mapping unchanged.
    """

    def __init__(self, uds: str | None = None, ssl_context=None, network_backend=None):  # noqa: super().__init__ deliberately not called
        import httpcore

        # no limit on connections: every followed stream (stats of 50 containers, logs -f of several)
        # holds one for as long as it runs, and a capped pool would make the next request wait forever
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, uds=uds, max_connections=None,
                                             max_keepalive_connections=32, keepalive_expiry=5.0,
                                             network_backend=network_backend)


    def take_idle_socket(self):
        """An idle pooled connection's socket, taken out of the pool for good, or None. rawhttp reads a
        long body over it: over ssh:// that spares `logs` a second ssh handshake (docker's one
        connection serves the ping and the logs alike). httpcore has no public way to hand a connection
        over; should its internals change, this finds none and rawhttp makes a connection of its own."""
        pool = self._pool
        try:
            with pool._optional_thread_lock:
                for conn in list(pool._connections):
                    if not conn.is_idle() or conn.has_expired():
                        continue
                    sock = conn._connection._network_stream.get_extra_info("socket")
                    if sock is not None:
                        pool._connections.remove(conn)
                        return sock
        except AttributeError:
            return None
        return None


def base_url(endpoint: Endpoint) -> str:
    """The URL httpx should address; on a unix socket the Host is docker's `api.moby.localhost`."""
    host = endpoint.host
    if host.startswith("unix://"):
        return "http://api.moby.localhost"
    if host.startswith("tcp://"):
        return ("https://" if endpoint.tls else "http://") + host[len("tcp://") :]
    if host.startswith("ssh://"):  # docker's connection helpers address a dummy host
        from .ssh import HTTP_BASE, parse_url

        parse_url(host)
        return HTTP_BASE
    scheme = host.split("://", 1)[0]
    raise PydockError(f"unsupported protocol scheme {scheme!r} in {host} (pydock speaks unix://, tcp:// and ssh://)")


def make_transport(endpoint: Endpoint) -> httpx.BaseTransport:
    host = endpoint.host
    if host.startswith("unix://"):
        return _PlainTransport(uds=host[len("unix://") :])
    if host.startswith("ssh://"):  # every connection a new `ssh ... docker system dial-stdio`
        from . import ssh

        return _PlainTransport(network_backend=ssh.backend(ssh.connector_for(host)))
    if not endpoint.tls:
        return _PlainTransport()
    return _PlainTransport(ssl_context=_ssl_context(endpoint))


def _ssl_context(endpoint: Endpoint):
    """The client's TLS configuration, as docker's Endpoint.tlsConfig builds it: the CA file (parsed even
    when verification is off) is the only trust root (no default bundle); a client certificate only with
    both cert and key; TLS 1.2 at least. Bad material fails with docker's words."""
    import ssl

    ca, cert, key = _read_pem(endpoint.ca_cert), _read_pem(endpoint.cert), _read_pem(endpoint.key)
    problem = tls_material_problem(ca, cert, key, check_pair=False)
    if problem:
        raise PydockError(f"Failed to initialize: {problem}")
    try:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        if endpoint.tls_verify:
            if ca is not None:
                ctx.load_verify_locations(cadata=ca.decode("ascii", "replace"))
            else:  # no CA in the context: the system's roots, as Go's nil RootCAs
                ctx.load_default_certs()
        else:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        if cert is not None and key is not None:
            ctx.load_cert_chain(endpoint.cert, endpoint.key)
    except ssl.SSLError as e:
        raise PydockError(f"Failed to initialize: failed to retrieve context tls info: {_pair_error(e)}") from None
    except OSError as e:
        raise PydockError(f"Failed to initialize: could not load TLS material: {e}") from None
    return ctx


def _pair_error(e) -> str:
    return "tls: private key does not match public key" if "KEY_VALUES_MISMATCH" in str(e) else str(e)


def _read_pem(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        op = "read" if isinstance(e, IsADirectoryError) else "open"
        why = e.strerror or str(e)
        raise PydockError(f"Failed to initialize: unable to resolve docker endpoint: {op} {path}: "
                          f"{why[:1].lower()}{why[1:]}") from None


def _pem_blocks(data: bytes) -> list[str]:
    """The types of the PEM blocks in data."""
    import re

    return [m.decode("ascii", "replace") for m in re.findall(rb"-----BEGIN ([A-Z0-9 ]+)-----", data)]


def tls_material_problem(ca: bytes | None, cert: bytes | None, key: bytes | None,
                         check_pair: bool = True) -> str | None:
    """What docker's Endpoint.tlsConfig says about this TLS material, or None: the CA must hold a
    certificate; a key (with a cert) must be PEM, not encrypted, and pair with the cert (tls.X509KeyPair's
    words). `check_pair` loads the pair into a context to compare them (the caller may do it itself)."""
    if ca is not None and "CERTIFICATE" not in _pem_blocks(ca):
        return "failed to retrieve context tls info: ca.pem seems invalid"
    if cert is None or key is None:
        return None
    blocks = _pem_blocks(key)
    if not blocks:
        return "no valid private key found"
    if b"Proc-Type: 4,ENCRYPTED" in key:
        return ("private key is encrypted - support for encrypted private keys has been removed, see "
                "https://docs.docker.com/go/deprecated/")
    problem = ""
    cert_blocks = _pem_blocks(cert)
    if "CERTIFICATE" not in cert_blocks:
        if any(b.endswith("PRIVATE KEY") for b in cert_blocks):
            problem = ("tls: failed to find certificate PEM data in certificate input, but did find a private key; "
                       "PEM inputs may have been switched")
        else:
            problem = "tls: failed to find any PEM data in certificate input"
    elif not any(b == "PRIVATE KEY" or b.endswith(" PRIVATE KEY") for b in blocks):
        problem = ("tls: found a certificate rather than a key in the PEM for the private key"
                   if "CERTIFICATE" in blocks else "tls: failed to find any PEM data in key input")
    elif check_pair:
        problem = _pair_problem(cert, key)
    return f"failed to retrieve context tls info: {problem}" if problem else None


def _pair_problem(cert: bytes, key: bytes) -> str:
    import os
    import ssl
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, data in (("cert.pem", cert), ("key.pem", key)):
            path = os.path.join(tmp, name)
            with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
                f.write(data)
            paths.append(path)
        try:
            ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_cert_chain(*paths)
        except ssl.SSLError as e:
            return _pair_error(e)
    return ""


class TLSHandshakeFailed(PydockError):
    """A TLS failure talking to the engine, in docker's words (raised as EngineUnavailable by the client)."""


# OpenSSL's names of the alerts a server sends -> Go's (`remote error: tls: <name>`)
_ALERTS = {
    "SSLV3_ALERT_BAD_CERTIFICATE": "bad certificate",
    "TLSV13_ALERT_CERTIFICATE_REQUIRED": "certificate required",
    "SSLV3_ALERT_CERTIFICATE_EXPIRED": "expired certificate",
    "SSLV3_ALERT_CERTIFICATE_REVOKED": "revoked certificate",
    "SSLV3_ALERT_CERTIFICATE_UNKNOWN": "unknown certificate",
    "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE": "unsupported certificate",
    "TLSV1_ALERT_UNKNOWN_CA": "unknown certificate authority",
    "SSLV3_ALERT_HANDSHAKE_FAILURE": "handshake failure",
    "TLSV1_ALERT_PROTOCOL_VERSION": "protocol version not supported",
    "TLSV1_ALERT_DECRYPT_ERROR": "error decrypting message",
    "TLSV1_ALERT_INTERNAL_ERROR": "internal error",
    "TLSV1_ALERT_ACCESS_DENIED": "access denied",
}


def tls_failure(exc: BaseException, endpoint: Endpoint, request_line: str) -> str | None:
    """docker's message for a TLS failure found in exc's chain (None if there is none). `request_line` is
    how Go names the request: `Get "https://host:port/v1.50/containers/json"`."""
    import ssl

    err = exc
    while err is not None and not isinstance(err, ssl.SSLError):
        err = err.__cause__ or err.__context__
    if err is None:
        return None
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"error during connect: {request_line}: tls: failed to verify certificate: {_x509_reason(err)}"
    reason = getattr(err, "reason", None) or ""
    if reason in _ALERTS:
        text = f"{request_line}: remote error: tls: {_ALERTS[reason]}"
        if "bad certificate" in text:  # moby's client: any error that says so
            return ("the server probably has client authentication (--tlsverify) enabled; check your TLS client "
                    f"certification settings: {text}")
        return f"error during connect: {text}"
    if reason in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST",
                  "UNKNOWN_PROTOCOL"):
        what = ("http: server gave HTTP response to HTTPS client" if _answers_http(endpoint)
                else "tls: first record does not look like a TLS handshake")
        return f"error during connect: {request_line}: {what}"
    if isinstance(err, ssl.SSLEOFError) or reason == "UNEXPECTED_EOF_WHILE_READING":
        return f"error during connect: {request_line}: EOF"
    return f"error during connect: {request_line}: tls: {reason.lower().replace('_', ' ') or err}"


def _x509_reason(err) -> str:
    """Go's x509 words for OpenSSL's verification codes (see X509_V_ERR_*)."""
    code = getattr(err, "verify_code", 0)
    if code in (2, 18, 19, 20, 21):
        return "x509: certificate signed by unknown authority"
    if code in (9, 10):  # Go adds the current time and the bound, which OpenSSL does not hand back
        return "x509: certificate has expired or is not yet valid"
    if code == 62:
        return f"x509: {getattr(err, 'verify_message', '') or 'certificate is not valid for this host'}"
    return f"x509: {getattr(err, 'verify_message', '') or err}"


def _answers_http(endpoint: Endpoint) -> bool:
    """Whether the port that broke the handshake speaks plain HTTP: Go's client tells from the first bytes
    it got back (`HTTP/`); OpenSSL only says `wrong version number`, so ask once more, without TLS."""
    import socket

    hostport = endpoint.host.split("://", 1)[-1].split("/", 1)[0]
    host, _, port = hostport.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=2) as s:
            s.sendall(b"\x16\x03\x01\x00\x00\r\n\r\n")  # a TLS record header, as an HTTP server reads it
            return s.recv(5) == b"HTTP/"
    except (OSError, ValueError):
        return False


class PingTLSFailure(EngineUnavailable):
    """The TLS handshake of the version ping failed. docker's CLI ignores a failed ping and sends the
    command's request on its own API version, so its message names that request: the client does too."""


@contextmanager
def tls_errors(endpoint: Endpoint, request, go_url):
    """A TLS failure under httpx becomes docker's one line; anything else passes through unchanged."""
    try:
        yield
    except httpx.TransportError as e:
        if not endpoint.tls:
            raise
        target = request.url.raw_path.decode("ascii", "replace") if request is not None else "/"
        message = tls_failure(e, endpoint, go_url(request.method if request is not None else "GET", target))
        if message is None:
            raise
        cls = PingTLSFailure if request is not None and request.url.path == "/_ping" else EngineUnavailable
        raise cls(message) from None
