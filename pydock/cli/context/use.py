"""`pydock context use`: make a context the current one (config.json `currentContext`)."""

from __future__ import annotations

import os

import click

from .._lazy import command


def complete_contexts(ctx, param, incomplete):
    """Context names from the store on disk (no daemon needed)."""
    from click.shell_completion import CompletionItem

    from .._complete import context_names

    names = context_names((ctx.find_root().params or {}).get("config"))
    return [CompletionItem(n) for n in sorted(set(names)) if n.startswith(incomplete)]


complete_contexts.kind = "contexts"


EXAMPLES = (
    ('Make it the default for later commands', 'pydock context use remote'),
)


@command("use", examples=EXAMPLES, usage="CONTEXT", args=(0, None), help="Set the current docker context")
@click.argument("name", nargs=-1, shell_complete=complete_contexts)
@click.pass_obj
def command(app, name):
    if len(name) != 1:  # cobra.ExactArgs, not docker's cli.ExactArgs: no usage hint
        from ...errors import PydockError

        raise PydockError(f"accepts 1 arg(s), received {len(name)}")
    run_context_use(app, name[0])


def run_context_use(app, name: str) -> None:
    from ...config import DEFAULT_CONTEXT
    from . import _store

    value = ""
    if name != DEFAULT_CONTEXT:
        _store.validate_name(name)
        _store.get_metadata(app, name)
        value = name
    if app.config.current_context != value:
        _store.save_current_context(app, value)
    app.write(f"{name}\n")
    app.err.write(f"Current context is now {_store.quoted(name)}\n")
    if name != DEFAULT_CONTEXT and os.environ.get("DOCKER_HOST"):
        app.err.write(_store.HOST_OVERRIDE_WARNING.format(what=_store.quoted(name)))
