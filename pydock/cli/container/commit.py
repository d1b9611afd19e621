"""`pydock commit`: make an image from a container's changes."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._complete import complete_running
from .._lazy import command, fail
from .._params import NegatableFlag

SETTINGS = {"allow_interspersed_args": False, "help_option_names": ["--help"], "max_content_width": 100}



@dataclass(frozen=True)
class CommitOptions:
    container: str
    reference: str = ""
    author: str = ""
    message: str = ""
    changes: tuple[str, ...] = ()
    pause: bool = True


EXAMPLES = (
    ("Save a container's changes as an image, with a message", "pydock commit -m 'debug tools added' web myapp:debug"),
)


@command("commit", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", args=(1, 2), context_settings=SETTINGS,
         help="Create a new image from a container's changes")
@click.argument("args", nargs=-1, shell_complete=complete_running)
@click.option("-a", "--author", default="", metavar="string",
              help='Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
@click.option("-c", "--change", "changes", multiple=True, metavar="list",
              help="Apply Dockerfile instruction to the created image")
@click.option("-m", "--message", default="", metavar="string", help="Commit message")
@click.option("-p", "--pause/--no-pause", default=True, cls=NegatableFlag,
              help="Pause container during commit (default true)")
@click.pass_obj
def command(app, args, author, changes, message, pause):
    opts = CommitOptions(args[0], args[1] if len(args) > 1 else "", author, message, tuple(changes), pause)
    app.write(f"{run_commit(app, opts)}\n")


def run_commit(app, opts: CommitOptions) -> str:
    """The reference is checked and normalised locally (docker.io/library/x, tag latest), as the Go
    client does; returns the new image's ID."""
    from ...engine.api import containers
    from ...opts.reference import InvalidReference, parse_normalized

    cid = containers.container_id(opts.container)
    repo = tag = ""
    if opts.reference:
        try:
            ref = parse_normalized(opts.reference)
        except InvalidReference as e:
            fail(str(e))
        if ref.digest:
            fail("refusing to create a tag with a digest reference")
        repo, tag = ref.name, ref.tag or "latest"
    result = containers.commit(app.engine, cid, repo=repo, tag=tag, comment=opts.message, author=opts.author,
                               changes=opts.changes, pause=opts.pause)
    return (result or {}).get("Id", "")
