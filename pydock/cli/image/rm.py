"""`pydock rmi` / `pydock image rm` / `image remove`: untag and delete images, one after the other, in
argument order, as docker does; the failures joined at the end."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_images
from .._lazy import command
from .._objects import STRINGS


@dataclass(frozen=True)
class RmiOptions:
    images: tuple[str, ...]
    force: bool = False
    no_prune: bool = False
    platforms: tuple[str, ...] = ()


EXAMPLES = (
    ('Remove an image by name, then every dangling one', 'pydock rmi myapp:old && pydock rmi $(pydock images -q --filter dangling=true)'),
)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] IMAGE [IMAGE...]", args=(1, None), help="Remove one or more images")
@click.argument("images", nargs=-1, shell_complete=complete_images)
@click.option("-f", "--force", is_flag=True, help="Force removal of the image")
@click.option("--no-prune", is_flag=True, help="Do not delete untagged parents")
@click.option("--platform", "platforms", metavar="strings", multiple=True, type=STRINGS, hidden=True,
              help='Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")')
@click.pass_obj
def command(app, images, force, no_prune, platforms):
    flat = tuple(p for values in platforms for p in values)
    run_rmi(app, RmiOptions(images, force=force, no_prune=no_prune, platforms=flat))


def run_rmi(app, opts: RmiOptions) -> None:
    """Each image's report is printed as soon as it is removed. With -f, "No such image" errors alone
    go to stderr and the command still succeeds (docker/cli#46); any other failure exits 1."""
    from ...engine.api import images
    from ...errors import NotFound, PydockError
    from ...render.views_images import delete_lines
    from .._parallel import flush_stream, joined
    from .save import api_platform

    platforms = [api_platform(app, p, "1.50", prefix="") for p in opts.platforms]
    errors: list[PydockError] = []
    fatal = False
    for name in opts.images:
        try:
            items = images.remove(app.engine, name, force=opts.force, no_prune=opts.no_prune, platforms=platforms)
        except PydockError as e:
            if not isinstance(e, NotFound):
                fatal = True
            errors.append(e)
            continue
        app.write(delete_lines(items))
        flush_stream(app.out)
    if not errors:
        return
    if not opts.force or fatal:
        raise joined(errors)
    app.err.write(f"{joined(errors)}\n")
