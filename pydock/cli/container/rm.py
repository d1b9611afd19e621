"""`pydock rm`: remove containers, in parallel, reporting in argument order."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command


@dataclass(frozen=True)
class RmOptions:
    containers: tuple[str, ...]
    force: bool = False
    volumes: bool = False
    link: bool = False


def _complete(ctx, param, incomplete):
    """Stopped containers; with -f already typed, any container (docker's rm completion)."""
    from .._complete import complete_containers, complete_stopped

    return (complete_containers if ctx.params.get("force") else complete_stopped)(ctx, param, incomplete)


_complete.kind = "containers created exited"
_complete.kind_with_flag = {"--force": "containers"}


EXAMPLES = (
    ('Remove a container and its anonymous volumes', 'pydock rm -v web'),
    ('Remove every exited container', 'pydock rm $(pydock ps -aq --filter status=exited)'),
)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None), help="Remove one or more containers")
@click.argument("containers", nargs=-1, shell_complete=_complete)
@click.option("-f", "--force", is_flag=True, help="Force the removal of a running container (uses SIGKILL)")
@click.option("-l", "--link", is_flag=True, help="Remove the specified link")
@click.option("-v", "--volumes", is_flag=True, help="Remove anonymous volumes associated with the container")
@click.pass_obj
def command(app, containers, force, link, volumes):
    run_rm(app, RmOptions(containers, force=force, volumes=volumes, link=link))


def run_rm(app, opts: RmOptions) -> None:
    """With -f a missing container is reported on stderr but is not a failure (exit 0), as in docker."""
    from ...engine.api import containers
    from ...errors import NotFound, PydockError
    from .._parallel import in_parallel, print_names, warm_up

    warm_up(app)

    def op(name: str) -> None:
        name = name.strip("/")
        if not name:
            raise PydockError("container name cannot be empty")
        containers.remove(app.engine, name, force=opts.force, volumes=opts.volumes, link=opts.link)

    print_names(app, in_parallel(op, opts.containers), tolerate=lambda e: opts.force and isinstance(e, NotFound))
