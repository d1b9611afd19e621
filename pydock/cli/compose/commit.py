"""`pydock compose commit`: an image from a service container's changes (v2 pkg/compose/commit.go).
Nothing on stdout; v2's progress events (`Committing`, `Committed as <id>`) on stderr."""

from __future__ import annotations

import click

from .exec import cobra_command
from .._params import INT, NegatableFlag

SETTINGS = {"allow_interspersed_args": False, "help_option_names": ["--help"], "max_content_width": 100}


EXAMPLES = (
    ("Save a service container's changes as an image", 'pydock compose commit web myapp:debug'),
)


@cobra_command("commit", examples=EXAMPLES, usage="[OPTIONS] SERVICE [REPOSITORY[:TAG]]", args=(1, 2), context_settings=SETTINGS,
         help="Create a new image from a service container's changes")
@click.argument("args", nargs=-1)
@click.option("-a", "--author", default="", metavar="string",
              help='Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
@click.option("-c", "--change", "changes", multiple=True, metavar="list",
              help="Apply Dockerfile instruction to the created image")
@click.option("--index", type=INT, default=0, metavar="int", help="index of the container if service has multiple replicas.")
@click.option("-m", "--message", default="", metavar="string", help="Commit message")
@click.option("-p", "--pause/--no-pause", default=True, cls=NegatableFlag,
              help="Pause container during commit (default true)")
@click.pass_obj
def command(capp, args, author, changes, index, message, pause):
    from ..container.commit import CommitOptions, run_commit
    from .exec import Events, canonical_name, project_name, specified_container

    service, reference = args[0], (args[1] if len(args) > 1 else "")
    target = specified_container(capp, project_name(capp), service, index)
    name = canonical_name(target)
    text = f"Commit {name}"
    events = Events(capp, "Committing")
    try:
        events.event(name, text, "Committing")
        if capp.options.dry_run:
            events.event(name, text, "Committed", done=True)
            return
        image = run_commit(capp.app, CommitOptions(target["Id"], reference, author, message, tuple(changes), pause))
        events.event(name, text, f"Committed as {image}", done=True)
    finally:
        events.close()
