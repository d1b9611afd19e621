"""`pydock context export`: a context as docker's archive, to a file or to stdout."""

from __future__ import annotations

import click

from .._lazy import command
from .use import complete_contexts

EXAMPLES = (
    ('Export a context to remote.dockercontext', 'pydock context export remote'),
    ('Export it to stdout', 'pydock context export remote - > remote.tar'),
)


@command("export", examples=EXAMPLES, usage="[OPTIONS] CONTEXT [FILE|-]", args=(1, 2),
         help="Export a context to a tar archive FILE or a tar stream on STDOUT.")
@click.argument("args", nargs=-1, shell_complete=complete_contexts)
@click.pass_obj
def command(app, args):
    run_context_export(app, args[0], args[1] if len(args) == 2 else f"{args[0]}.dockercontext")


def run_context_export(app, name: str, dest: str) -> None:
    import os

    from ...config import DEFAULT_CONTEXT
    from ...errors import PydockError
    from . import _store
    from ._archive import build

    if name != DEFAULT_CONTEXT:
        _store.validate_name(name)
    meta = _store.get_metadata(app, name)
    data = build(_store.stored_text(meta), _store.read_tls(app, name))
    if dest == "-":
        if app.out_is_tty():
            raise PydockError("cowardly refusing to export to a terminal, specify a file path")
        out = getattr(app.out, "buffer", app.out)
        app.out.flush()
        out.write(data)
        out.flush()
        return
    try:  # O_EXCL, 0600, as docker; the archive is whole before the file is made
        fd = os.open(dest, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as e:
        why = e.strerror or str(e)
        raise PydockError(f"open {dest}: {why[:1].lower()}{why[1:]}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except OSError as e:
        os.unlink(dest)
        why = e.strerror or str(e)
        raise PydockError(f"write {dest}: {why[:1].lower()}{why[1:]}") from None
    app.err.write(f"Written file {_store.quoted(dest)}\n")
