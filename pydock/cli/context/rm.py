"""`pydock context rm`: remove contexts; the one in use only with -f (which also unsets it)."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .use import complete_contexts


@dataclass(frozen=True)
class ContextRmOptions:
    names: tuple = ()
    force: bool = False


EXAMPLES = (
    ('Remove a context, even the current one', 'pydock context rm -f remote'),
)


@command("rm", examples=EXAMPLES, usage="CONTEXT [CONTEXT...]", args=(1, None), help="Remove one or more contexts")
@click.argument("names", nargs=-1, shell_complete=complete_contexts)
@click.option("-f", "--force", is_flag=True, help="Force the removal of a context in use")
@click.pass_obj
def command(app, names, force):
    run_context_rm(app, ContextRmOptions(names, force))


def run_context_rm(app, opts: ContextRmOptions) -> None:
    """Each removed name on stdout; the failures joined on stderr at the end, exit 1."""
    from ...errors import PydockError
    from . import _store

    current = _store.current_name(app)
    errors = []
    for name in opts.names:
        try:
            remove_one(app, name, name == current, opts.force)
        except PydockError as e:
            errors.append(str(e))
            continue
        app.write(f"{name}\n")
    if errors:
        raise PydockError("\n".join(errors))


def remove_one(app, name: str, is_current: bool, force: bool) -> None:
    from ...errors import PydockError
    from . import _store

    if name == "default":
        raise PydockError('context "default" cannot be removed')
    if is_current:
        if not force:
            raise PydockError(f"context {_store.quoted(name)} is in use, set -f flag to force remove")
        _store.save_current_context(app, "")
    if not force and not _store.meta_dir(app, name).exists():
        raise PydockError(f"context {_store.quoted(name)} does not exist")
    _store.remove(app, name)
