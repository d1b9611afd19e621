"""`pydock volume create`: create a volume (or find the one of that name), print its name."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import KEY_VALUE, LABEL


@dataclass(frozen=True)
class VolumeCreateOptions:
    name: str = ""
    driver: str = "local"
    options: tuple = ()
    labels: tuple = ()


EXAMPLES = (
    ('A named volume with a label', 'pydock volume create --label team=web data'),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] [VOLUME]", args=(0, 1), help="Create a volume")
@click.argument("names", nargs=-1)
@click.option("-d", "--driver", default="local", metavar="string", help='Specify volume driver name (default "local")')
@click.option("--label", "labels", multiple=True, type=LABEL, metavar="list", help="Set metadata for a volume")
@click.option("--name", "name_flag", default="", metavar="string", hidden=True, help="Specify volume name")
@click.option("-o", "--opt", "options", multiple=True, type=KEY_VALUE, metavar="map",
              help="Set driver specific options")
@click.pass_obj
def command(app, names, driver, labels, name_flag, options):
    from ...errors import PydockError

    if names and name_flag:
        raise PydockError("conflicting options: cannot specify a volume-name through both --name and as a "
                          "positional arg")
    opts = VolumeCreateOptions(names[0] if names else name_flag, driver, options, labels)
    app.write(run_volume_create(app, opts))


def run_volume_create(app, opts: VolumeCreateOptions) -> str:
    from ...engine.api import volumes
    from .._objects import labels_map

    body = {"Driver": opts.driver, "DriverOpts": dict(opts.options), "Labels": labels_map(opts.labels),
            "Name": opts.name}
    return f"{volumes.create(app.engine, body).get('Name', '')}\n"
