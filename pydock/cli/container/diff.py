"""`pydock diff`: what changed in a container's filesystem (A added, C changed, D deleted)."""

from __future__ import annotations

import click

from .._complete import complete_running
from .._lazy import command, fail

KINDS = {0: "C", 1: "A", 2: "D"}


EXAMPLES = (
    ('What a container changed in its filesystem', 'pydock diff web'),
)


@command("diff", examples=EXAMPLES, usage="CONTAINER", args=(1, 1),
         help="Inspect changes to files or directories on a container's filesystem")
@click.argument("containers", nargs=-1, shell_complete=complete_running)
@click.pass_obj
def command(app, containers):
    app.write(render_diff(app, containers[0]))


def render_diff(app, container: str) -> str:
    from ...engine.api import containers

    if not container:
        fail("Container name cannot be empty")
    changes = containers.changes(app.engine, container)
    return "".join(f"{KINDS.get(c.get('Kind'), '?')} {c.get('Path', '')}\n" for c in changes)
