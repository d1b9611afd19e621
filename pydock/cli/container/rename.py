"""`pydock rename`: give a container a new name."""

from __future__ import annotations

import click

from .._complete import complete_containers
from .._lazy import command, fail


EXAMPLES = (
    ('Rename a container', 'pydock rename web web-old'),
)


@command("rename", examples=EXAMPLES, usage="CONTAINER NEW_NAME", args=(2, 2), help="Rename a container")
@click.argument("names", nargs=-1, shell_complete=complete_containers)
@click.pass_obj
def command(app, names):
    run_rename(app, names[0], names[1])


def run_rename(app, old: str, new: str) -> None:
    """docker prints the daemon's error, then its own summary line; both on stderr."""
    from ...engine.api import containers
    from ...errors import PydockError

    old, new = old.strip(), new.strip()
    if not old or not new:
        fail("Error: Neither old nor new names may be empty")
    try:
        containers.rename(app.engine, old, new)
    except PydockError as e:
        app.err.write(f"{e}\n")
        fail(f"Error: failed to rename container named {old}")
