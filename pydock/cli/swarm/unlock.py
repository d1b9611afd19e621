"""`pydock swarm unlock`: give a locked manager its unlock key (asked for on a terminal, else read from stdin)."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ("Unlock a restarted manager with the key from a file", "pydock swarm unlock < unlock.key"),
)


@command("unlock", examples=EXAMPLES, usage="", help="Unlock swarm")
@click.pass_obj
def command(app):
    import sys

    from ...engine.api import swarm, system
    from ...errors import PydockError

    state = ((system.info(app.engine) or {}).get("Swarm") or {}).get("LocalNodeState", "")
    if state == "inactive":
        raise PydockError("Error: This node is not part of a swarm")
    if state in ("pending", "active", "error"):
        raise PydockError("Error: swarm is not locked")
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        import getpass

        key = getpass.getpass("Enter unlock key: ")
    else:
        key = (stdin.readline() if stdin is not None else "").strip()
    swarm.unlock(app.engine, key)
