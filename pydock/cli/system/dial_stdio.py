"""`pydock system dial-stdio`: the far end of an ssh:// connection (docker's hidden command of that name).

`ssh host docker system dial-stdio` runs this on the remote machine: it connects to the engine its own
endpoint names (the local socket unless -H/DOCKER_HOST/a context say otherwise) and copies stdin to the
connection and the connection to stdout, each direction half-closed on its own: EOF on stdin shuts down
the connection's write side (the daemon sees the end of a request body, or a container's stdin ends),
and when the daemon closes, stdout is closed and the command ends at once, without waiting for stdin
(docker's runDialStdio). So a machine with pydock and no docker CLI can serve ssh:// clients, pydock's
and docker's alike.
"""

from __future__ import annotations

import click

from ..context.show import BareCommand

HELP = "Proxy the stdio stream to the daemon connection. Should not be invoked manually."
CHUNK = 1 << 16
EXAMPLES = (
    ("A ping through it, by hand", "printf 'GET /_ping HTTP/1.0\\r\\n\\r\\n' | pydock system dial-stdio"),
    ("A server with pydock and no docker CLI serving ssh:// clients: a `docker` on its PATH that runs pydock",
     "printf '#!/bin/sh\\nexec pydock \"$@\"\\n' > /usr/local/bin/docker; chmod +x /usr/local/bin/docker"),
)


@click.command("dial-stdio", cls=BareCommand, usage="", args=(0, 0), help=HELP, hidden=True, examples=EXAMPLES)
@click.pass_obj
def command(app):
    run_dial_stdio(app)


def _base_url(endpoint) -> str:
    """What rawhttp.connect needs to reach a tcp:// engine (without loading httpx for it)."""
    host = endpoint.host
    if host.startswith("tcp://"):
        return ("https://" if endpoint.tls else "http://") + host[len("tcp://"):]
    return "http://api.moby.localhost"


def run_dial_stdio(app) -> None:
    import os
    import socket
    import threading

    from ...engine.rawhttp import connect
    from ...errors import PydockError

    failed = "failed to open the raw stream connection: "
    host = app.endpoint.host
    if host.startswith("unix://"):
        path = host[len("unix://"):]
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
        except OSError as e:  # Go's net.Dial error
            sock.close()
            raise PydockError(f"{failed}dial unix {path}: connect: {(e.strerror or str(e)).lower()}") from None
    else:
        try:
            sock, _ = connect(app.endpoint, _base_url(app.endpoint))
        except PydockError as e:
            raise PydockError(f"{failed}{e}") from None

    def stdin_to_conn() -> None:
        try:
            while True:
                data = os.read(0, CHUNK)
                if not data:
                    break
                sock.sendall(data)
        except OSError:
            pass
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    threading.Thread(target=stdin_to_conn, daemon=True).start()
    try:
        while True:
            data = sock.recv(CHUNK)
            if not data:
                break
            view = memoryview(data)
            while view:
                view = view[os.write(1, view):]
    except OSError:
        pass
    finally:
        _close_stdout()
        sock.close()


def _close_stdout() -> None:
    """Close the write side we were given (the reader sees EOF); /dev/null takes fd 1's place, so
    Python's own stdout still has a descriptor to flush to at exit."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
