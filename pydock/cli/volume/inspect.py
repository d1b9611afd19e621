"""`pydock volume inspect`.

Unlike the other inspectors, docker hands `volume inspect` templates its typed volume.Volume, not the
daemon's JSON: an unknown field is `can't evaluate field X in type volume.Volume`, a nil map prints
`map[]`, and the JSON is that struct's encoding (Go's omitempty fields left out when empty).
"""

from __future__ import annotations

import click

from .._complete import complete_volumes
from .._lazy import command
from ..inspect import FORMAT_HELP

# volume.Volume's fields in declaration order, and whether Go leaves them out when empty.
FIELDS = (("ClusterVolume", True), ("CreatedAt", True), ("Driver", False), ("Labels", False),
          ("Mountpoint", False), ("Name", False), ("Options", False), ("Scope", False), ("Status", True),
          ("UsageData", True))


class Volume:
    """The struct for templates. Its `__dict__` is exactly the JSON (what the template `json` function
    encodes); the class attributes and properties give what Go's template sees for empty fields."""

    go_type = "volume.Volume"
    ClusterVolume = None
    CreatedAt = ""
    Driver = Mountpoint = Name = Scope = ""
    Status: dict = {}
    UsageData = None

    def __init__(self, v: dict):
        for field, omit_empty in FIELDS:
            value = v.get(field)
            if not (omit_empty and not value):
                self.__dict__[field] = value if value is not None or field not in ("Driver", "Mountpoint", "Name",
                                                                                   "Scope") else ""

    @property
    def Labels(self):  # noqa: N802 (a nil map prints as map[])
        return self.__dict__.get("Labels") or {}

    @property
    def Options(self):  # noqa: N802
        return self.__dict__.get("Options") or {}


def get_volume(app, name: str):
    from ...engine.api import volumes
    from ..context._store import docker_json

    vol = Volume(volumes.inspect(app.engine, name) or {})
    return vol, docker_json(vol.__dict__)


EXAMPLES = (
    ("Where a volume's data lives on the host", "pydock volume inspect -f '{{.Mountpoint}}' data"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] VOLUME [VOLUME...]", args=(1, None),
         help="Display detailed information on one or more volumes")
@click.argument("names", nargs=-1, shell_complete=complete_volumes)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.pass_obj
def command(app, names, format_):
    from .._inspect import inspect_each

    inspect_each(app, names, lambda name: get_volume(app, name), format_)
