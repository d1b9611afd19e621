"""`pydock volume rm`: remove volumes one by one; the failures are reported together at the end."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_volumes
from .._lazy import command


@dataclass(frozen=True)
class VolumeRmOptions:
    names: tuple = ()
    force: bool = False


EXAMPLES = (
    ('Remove a volume', 'pydock volume rm data'),
)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] VOLUME [VOLUME...]", args=(1, None),
         help="Remove one or more volumes. You cannot remove a volume that is in use by a container.",
         short_help="Remove one or more volumes")
@click.argument("names", nargs=-1, shell_complete=complete_volumes)
@click.option("-f", "--force", is_flag=True, help="Force the removal of one or more volumes")
@click.pass_obj
def command(app, names, force):
    run_volume_rm(app, VolumeRmOptions(names, force))


def run_volume_rm(app, opts: VolumeRmOptions) -> None:
    from ...engine.api import volumes
    from ...errors import PydockError

    errors = []
    for name in opts.names:
        try:
            volumes.remove(app.engine, name, force=opts.force)
        except PydockError as e:
            errors.append(str(e))
            continue
        app.write(f"{name}\n")
    if errors:
        raise PydockError("\n".join(errors))
