"""`pydock secret rm`: remove secrets one by one; the failures are reported together at the end."""

from __future__ import annotations

import click

from .._complete import complete_secrets
from .._lazy import command

EXAMPLES = (
    ("Remove a secret", "pydock secret rm my_secret"),
)


@command("rm", examples=EXAMPLES, usage="SECRET [SECRET...]", args=(1, None), help="Remove one or more secrets")
@click.argument("names", nargs=-1, shell_complete=complete_secrets)
@click.pass_obj
def command(app, names):
    from ...engine.api import swarm
    from .._swarm import remove_each

    remove_each(app, names, lambda name: swarm.object_remove(app.engine, "/secrets", name))
