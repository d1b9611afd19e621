"""`pydock compose cp`: copy between a service's container(s) and the local filesystem (v2
pkg/compose/cp.go). From a service: its first container; to a service: every container of it (with
`--all`, one-off containers too); `--index` picks one (one-off excluded, stopped ones included).
The copy itself is `pydock cp`'s code; v2's progress events go to stderr."""

from __future__ import annotations

import click

from .._lazy import command, fail
from .._params import INT

USAGE = "[OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n\tpydock compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH"


EXAMPLES = (
    ("Copy a file out of a service's container", 'pydock compose cp web:/etc/nginx/nginx.conf .'),
)


@command("cp", examples=EXAMPLES, usage=USAGE, args=(2, 2), help="Copy files/folders between a service container and the local filesystem")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--all", "all_", is_flag=True, help="Include containers created by the run command")
@click.option("-a", "--archive", is_flag=True, help="Archive mode (copy all uid/gid information)")
@click.option("-L", "--follow-link", is_flag=True, help="Always follow symbol link in SRC_PATH")
@click.option("--index", type=INT, default=0, metavar="int", help="Index of the container if service has multiple replicas")
@click.pass_obj
def command(capp, paths, all_, archive, follow_link, index):
    if not paths[0]:
        fail("source can not be empty")
    if not paths[1]:
        fail("destination can not be empty")
    run_copy(capp, paths[0], paths[1], all_=all_, archive=archive, follow_link=follow_link, index=index)


def split_cp_arg(arg: str) -> tuple[str, str]:
    """v2's splitCpArg: an absolute path is local; `SERVICE:path` unless the part before `:` starts with `.`."""
    if arg.startswith("/"):
        return "", arg
    service, colon, path = arg.partition(":")
    if not colon or service.startswith("."):
        return "", arg
    return service, path


def run_copy(capp, source: str, destination: str, *, all_=False, archive=False, follow_link=False, index=0) -> None:
    from ...compose.errors import ComposeError
    from ..container.cp import CpOptions, copy_from_container, copy_to_container
    from .exec import Events, canonical_name, project_name

    project = project_name(capp)
    src_service, src_path = split_cp_arg(source)
    dst_service, dst_path = split_cp_arg(destination)
    if src_service and dst_service:
        raise ComposeError("copying between services is not supported")
    if not src_service and not dst_service:
        raise ComposeError("unknown copy direction")
    service = src_service or dst_service
    targets = _targets(capp, project, service, index, all_, from_service=bool(src_service))
    events = Events(capp, "Copying")
    opts = CpOptions(source, destination, follow_link, archive, quiet=True)
    try:
        for target in targets:
            name = canonical_name(target)
            if src_service:
                text = f"copy {name}:{src_path} to {dst_path}"
            else:
                text = f"copy {src_path} to {name}:{dst_path}"
            events.event(name, text, "Copying")
            if src_service:
                copy_from_container(capp.app, target["Id"], src_path, dst_path, opts)
            else:
                copy_to_container(capp.app, target["Id"], src_path, dst_path, opts)
            events.event(name, text, "Copied", done=True)
    finally:
        events.close()


def _targets(capp, project: str, service: str, index: int, all_: bool, *, from_service: bool) -> list[dict]:
    """v2's listContainersTargetedForCopy."""
    from ...compose import state
    from ...compose.errors import ComposeError
    from .exec import specified_container

    if index > 0:
        return [specified_container(capp, project, service, index, oneoff="exclude", all=True)]
    oneoff = state.ONEOFF_INCLUDE if all_ else state.ONEOFF_EXCLUDE
    found = state.containers(capp.engine, project, oneoff=oneoff, all=True, services=[service])
    if not found:
        raise ComposeError(f'no container found for service "{service}"')
    return found[:1] if from_service else found
