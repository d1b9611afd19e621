"""`pydock service rm`: remove services one by one, printing each name as given; the failures are reported
together at the end (exit 1)."""

from __future__ import annotations

import click

from .._complete import complete_swarm_services
from .._lazy import command

EXAMPLES = (
    ("Remove two services", "pydock service rm web worker"),
)


@command("rm", examples=EXAMPLES, usage="SERVICE [SERVICE...]", args=(1, None),
         help="Remove one or more services")
@click.argument("names", nargs=-1, shell_complete=complete_swarm_services)
@click.pass_obj
def command(app, names):
    from ...engine.api import swarm
    from ...errors import PydockError

    errors = []
    for name in names:
        try:
            swarm.service_remove(app.engine, name)
        except PydockError as e:
            errors.append(str(e))
            continue
        app.write(f"{name}\n")
    if errors:
        raise PydockError("\n".join(errors))
