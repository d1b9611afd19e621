"""`pydock export` / `pydock container export`: a container's filesystem as a tar archive, streamed to a file
(written atomically, mode 0600: all of it or nothing) or to stdout (never to a terminal)."""

from __future__ import annotations

import click

from .._complete import complete_containers
from .._lazy import command

EXAMPLES = (
    ("A container's filesystem as a tar file", 'pydock export -o web.tar web'),
    ('Into an image of one layer', 'pydock export web | pydock import - web:flat'),
)


@command("export", examples=EXAMPLES, usage="[OPTIONS] CONTAINER", args=(1, 1),
         help="Export a container's filesystem as a tar archive")
@click.argument("containers", nargs=-1, shell_complete=complete_containers)
@click.option("-o", "--output", metavar="string", default="", help="Write to a file, instead of STDOUT")
@click.pass_obj
def command(app, containers, output):
    run_export(app, containers[0], output)


def run_export(app, container: str, output: str) -> None:
    """docker's order: the output file is opened (validated) first, then the engine is asked."""
    from ..image.save import write_archive

    def copy(write) -> None:
        from ...engine.api import containers

        with containers.export(app.engine, container) as resp:
            for chunk in app.engine.iter_bytes(resp):
                write(chunk)

    write_archive(app, output, "failed to export container", copy)
