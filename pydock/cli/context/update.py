"""`pydock context update`: a stored context's description and docker endpoint."""

from __future__ import annotations

import click

from .._lazy import command
from .._objects import STRING_TO_STRING
from .create import LONG_HELP
from .use import complete_contexts

UPDATE_HELP = LONG_HELP.replace("Create a context", "Update a context", 1).replace(
    "pydock context create my-context", "pydock context update my-context")

EXAMPLES = (
    ('Point a context at another daemon', 'pydock context update remote --docker host=tcp://10.0.0.6:2375'),
)


@command("update", examples=EXAMPLES, usage="[OPTIONS] CONTEXT", args=(1, 1), help=UPDATE_HELP,
         short_help="Update a context")
@click.argument("name", nargs=-1, shell_complete=complete_contexts)
@click.option("--description", default="", metavar="string", help="Description of the context")
@click.option("--docker", multiple=True, type=STRING_TO_STRING, metavar="stringToString",
              help="set the docker endpoint")
@click.pass_obj
def command(app, name, description, docker):
    merged = {k: v for d in docker for k, v in d.items()} if docker else None
    run_context_update(app, name[0], description, merged)


def run_context_update(app, name: str, description: str, docker: dict | None) -> None:
    """docker's RunUpdate: the description when one is given; with --docker the whole docker endpoint and
    its TLS files are replaced (no ca/cert/key: none kept)."""
    from ...errors import PydockError
    from . import _store
    from ._endpoint import endpoint_from_config

    _store.validate_name(name)
    meta = _store.get_metadata(app, name)
    info = dict(meta.get("Metadata") or {})
    if description:
        info["Description"] = description
    endpoints = dict(meta.get("Endpoints") or {})
    tls = None
    if docker is not None:
        try:
            endpoints["docker"], tls = endpoint_from_config(app, docker)
        except PydockError as e:
            raise PydockError(f"unable to create docker endpoint config: {e}") from None
    _store.write_metadata(app, {**meta, "Metadata": info, "Endpoints": endpoints})
    if docker is not None:
        current = _store.read_tls(app, name)
        current.pop("docker", None)
        if tls:
            current["docker"] = tls
        _store.reset_tls(app, name, current)
    app.write(f"{name}\n")
    app.err.write(f"Successfully updated context {_store.quoted(name)}\n")
