"""`pydock compose export`: a service container's filesystem as a tar archive (v2 pkg/compose/export.go),
to stdout or to `-o FILE` (written atomically, mode 0600)."""

from __future__ import annotations

import click

from .exec import cobra_command
from .._params import INT


EXAMPLES = (
    ("A service container's filesystem as a tar file", 'pydock compose export -o web.tar web'),
)


@cobra_command("export", examples=EXAMPLES, usage="[OPTIONS] SERVICE", args=(1, None), help="Export a service container's filesystem as a tar archive")
@click.argument("services", nargs=-1)
@click.option("--index", type=INT, default=0, metavar="int", help="index of the container if service has multiple replicas.")
@click.option("-o", "--output", default="", metavar="string", help="Write to a file, instead of STDOUT")
@click.pass_obj
def command(capp, services, index, output):
    run_export(capp, services[0], index, output)


def run_export(capp, service: str, index: int, output: str) -> None:
    from ...compose.errors import ComposeError
    from ...engine.api import containers
    from ...errors import PydockError
    from ..container.cp import validate_output_path
    from .exec import Events, canonical_name, project_name, specified_container

    target = specified_container(capp, project_name(capp), service, index)
    if not output:
        if capp.app.out_is_tty():
            raise ComposeError("output option is required when exporting to terminal")
    else:
        try:
            validate_output_path(output)
        except PydockError as e:
            raise ComposeError(f"failed to export container: {e}") from None
    name = canonical_name(target)
    text = f"export {name} to {output}"
    events = Events(capp, "Exporting")
    try:
        events.event(name, text, "Exporting")
        with containers.export(capp.engine, target["Id"]) as resp:
            if capp.options.dry_run:
                pass
            elif not output:
                out = _binary(capp.out)
                for chunk in capp.engine.iter_bytes(resp):
                    out.write(chunk)
                out.flush()
                return
            else:
                _write_atomic(output, capp.engine.iter_bytes(resp))
                return
        events.event(name, text, "Exported", done=True)
    finally:
        events.close()



def _binary(stream):
    return getattr(stream, "buffer", stream)


def _write_atomic(path: str, chunks) -> None:
    """moby/sys/atomicwriter: a temp file beside the target, renamed over it when complete (0600); a
    failed write is Go's one line (`write /d/.tmp-x.tar123: no space left on device`), the temporary file
    removed and the target as it was."""
    from ...atomicfile import AtomicFile

    with AtomicFile(path) as f:
        for chunk in chunks:
            f.write(chunk)
        f.commit()
