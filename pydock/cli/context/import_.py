"""`pydock context import`: a context from docker's archive (tar or zip), a file or stdin."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ('Import a context exported elsewhere', 'pydock context import remote remote.dockercontext'),
)


@command("import", examples=EXAMPLES, usage="CONTEXT FILE|-", args=(2, 2),
         help="Import a context from a tar or zip file")
@click.argument("args", nargs=-1, type=click.Path())
@click.pass_obj
def command(app, args):
    run_context_import(app, args[0], args[1])


def run_context_import(app, name: str, source: str) -> None:
    import sys

    from ...errors import PydockError
    from . import _store
    from ._archive import MAX_IMPORT, parse

    _store.validate_name(name)
    if _store.exists(app, name):
        raise PydockError(f"context {_store.quoted(name)} already exists")
    if source == "-":
        data = sys.stdin.buffer.read(MAX_IMPORT + 1)
    else:
        try:
            with open(source, "rb") as f:
                data = f.read(MAX_IMPORT + 1)
        except OSError as e:
            why = e.strerror or str(e)
            op = "read" if isinstance(e, IsADirectoryError) else "open"
            raise PydockError(f"{op} {source}: {why[:1].lower()}{why[1:]}") from None
    meta, tls = parse(data, name)
    _store.write_metadata(app, meta)
    try:
        _store.reset_tls(app, name, tls)
    except BaseException:
        _store.remove(app, name)
        raise
    app.write(f"{name}\n")
    app.err.write(f"Successfully imported context {_store.quoted(name)}\n")
