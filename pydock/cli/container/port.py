"""`pydock port`: a container's published ports, or where one private port is published."""

from __future__ import annotations

import click

from .._complete import complete_running
from .._lazy import command, fail


EXAMPLES = (
    ('Where container port 80 is published', 'pydock port web 80/tcp'),
)


@command("port", examples=EXAMPLES, usage="CONTAINER [PRIVATE_PORT[/PROTO]]", args=(1, 2),
         help="List port mappings or a specific mapping for the container")
@click.argument("args", nargs=-1, shell_complete=complete_running)
@click.pass_obj
def command(app, args):
    lines = port_lines(app, args[0], args[1] if len(args) > 1 else "")
    if lines:
        app.write("\n".join(lines) + "\n")


def port_lines(app, container: str, port: str) -> list[str]:
    """`80/tcp -> 0.0.0.0:8080` for every binding, or `0.0.0.0:8080` for the one asked; naturally sorted,
    IPv6 addresses bracketed (Go's net.JoinHostPort)."""
    from ...engine.api import containers
    from ...opts.natural import natural_sorted

    info = containers.inspect(app.engine, containers.container_id(container))
    ports = (info.get("NetworkSettings") or {}).get("Ports") or {}
    if not port:
        return natural_sorted(f"{key} -> {join_host_port(b)}" for key, binds in ports.items() for b in binds or ())
    number, _, proto = port.partition("/")
    _check_port(number)
    bindings = ports.get(f"{number}/{proto or 'tcp'}") or []
    if not bindings:
        fail(f"Error: No public port '{port}' published for {container}")
    return natural_sorted(join_host_port(b) for b in bindings)


def _check_port(number: str) -> None:
    """strconv.ParseUint(port, 10, 16), with its messages."""
    if not number.isascii() or not number.isdigit():
        fail(f'Error: invalid port ({number}): strconv.ParseUint: parsing "{number}": invalid syntax')
    if int(number) > 65535:
        fail(f'Error: invalid port ({number}): strconv.ParseUint: parsing "{number}": value out of range')


def join_host_port(binding: dict) -> str:
    host, port = binding.get("HostIp") or "", binding.get("HostPort") or ""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
