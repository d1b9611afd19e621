"""`pydock compose port`: the public address of a service's port (v2 cmd/compose/port.go, pkg/compose/port.go)."""

from __future__ import annotations

import click

from .._lazy import DockerCommand
from .._params import INT


class PortCommand(DockerCommand):
    def _check_count(self, ctx, count: int) -> None:
        from ...compose.errors import ComposeError

        if count < 2:
            raise ComposeError(f"requires at least 2 arg(s), only received {count}")


EXAMPLES = (
    ("Where the web service's port 80 is published", 'pydock compose port web 80'),
)


@click.command("port", examples=EXAMPLES, cls=PortCommand, usage="[OPTIONS] SERVICE PRIVATE_PORT", args=(2, None),
               help="Print the public port for a port binding")
@click.argument("args", nargs=-1)
@click.option("--index", type=INT, default=0, metavar="int", help="Index of the container if service has multiple replicas")
@click.option("--protocol", default="tcp", metavar="string", help='tcp or udp (default "tcp")')
@click.pass_obj
def command(capp, args, index, protocol):
    from ...compose import labels, state
    from ...compose.errors import ComposeError
    from ...engine.api import containers as api
    from .ps import project_name

    service, raw = args[0], args[1]
    if not raw.isdigit():
        raise ComposeError(f'strconv.ParseUint: parsing "{raw}": invalid syntax')
    port = int(raw)
    if port > 65535:
        raise ComposeError(f'strconv.ParseUint: parsing "{raw}": value out of range')
    protocol = protocol.lower()
    name = project_name(capp).lower()
    flt = state.container_filters(name, oneoff=state.ONEOFF_INCLUDE, services=[service])
    if index > 0:
        flt["label"].append(f"{labels.CONTAINER_NUMBER}={index}")
    found = api.list(capp.engine, all=False, filters=flt) or []
    if not found:
        if index > 0:
            raise ComposeError(f'service "{service}" is not running container #{index}')
        raise ComposeError(f'service "{service}" is not running')
    found.sort(key=lambda c: (state.is_oneoff(c), state.number(c)))
    ctr = found[0]
    for p in ctr.get("Ports") or []:
        if p.get("PrivatePort") == port and p.get("Type") == protocol:
            capp.out.write(f"{p.get('IP', '')}:{p.get('PublicPort', 0)}\n")
            return
    listed = ", ".join(f"{p.get('PublicPort', 0)}/{p.get('Type', '')}" for p in ctr.get("Ports") or [])
    cname = ((ctr.get("Names") or ["/"])[0]).removeprefix("/")
    raise ComposeError(f"no port {port}/{protocol} for container {cname}: {listed}")
