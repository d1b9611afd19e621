"""`pydock context create`: a new context from `--docker` settings, or a copy of another one."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command
from .._objects import STRING_TO_STRING

LONG_HELP = """Create a context

Docker endpoint config:

\b
NAME                DESCRIPTION
from                Copy named context's Docker endpoint configuration
host                Docker endpoint on which to connect
ca                  Trust certs signed only by this CA
cert                Path to TLS certificate file
key                 Path to TLS key file
skip-tls-verify     Skip TLS certificate validation

Example:

\b
$ pydock context create my-context --description "some description" --docker "host=tcp://myserver:2376,ca=~/ca-file,cert=~/cert-file,key=~/key-file"
"""


@dataclass(frozen=True)
class ContextCreateOptions:
    name: str
    description: str = ""
    docker: tuple | None = None  # (key, value) pairs; None when --docker was not given
    source: str = ""


EXAMPLES = (
    ('A context for a daemon over TCP', 'pydock context create remote --docker host=tcp://10.0.0.5:2375'),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] CONTEXT", args=(1, 1), help=LONG_HELP, short_help="Create a context")
@click.argument("name", nargs=-1)
@click.option("--description", default="", metavar="string", help="Description of the context")
@click.option("--docker", multiple=True, type=STRING_TO_STRING, metavar="stringToString",
              help="set the docker endpoint")
@click.option("--from", "source", default="", metavar="string", help="create context from a named context")
@click.pass_obj
def command(app, name, description, docker, source):
    merged = {k: v for d in docker for k, v in d.items()} if docker else None
    opts = ContextCreateOptions(name[0], description, tuple(merged.items()) if merged is not None else None, source)
    run_context_create(app, opts)


def run_context_create(app, opts: ContextCreateOptions) -> None:
    from ...errors import PydockError
    from . import _store

    _store.validate_name(opts.name)
    if _store.exists(app, opts.name):
        raise PydockError(f"context {_store.quoted(opts.name)} already exists")
    if opts.source or opts.docker is None:
        copy_context(app, opts.source or _store.current_name(app), opts)
    else:
        create_context(app, opts)
    app.write(f"{opts.name}\n")
    app.err.write(f"Successfully created context {_store.quoted(opts.name)}\n")


def create_context(app, opts: ContextCreateOptions) -> None:
    from ...errors import PydockError
    from . import _store
    from ._endpoint import endpoint_from_config

    try:
        endpoint, tls = endpoint_from_config(app, dict(opts.docker))
    except PydockError as e:
        raise PydockError(f"unable to create docker endpoint config: {e}") from None
    metadata = {"Description": opts.description} if opts.description else {}
    _store.write_metadata(app, {"Name": opts.name, "Metadata": metadata, "Endpoints": {"docker": endpoint}})
    _store.reset_tls(app, opts.name, {"docker": tls} if tls else {})


def copy_context(app, source: str, opts: ContextCreateOptions) -> None:
    """docker exports the source (its description replaced when one is given) and imports it anew."""
    from ...errors import PydockError
    from . import _store

    if opts.docker:
        raise PydockError("cannot use --docker flag when --from is set")
    meta = _store.get_metadata(app, source)
    info = dict(meta.get("Metadata") or {}) if isinstance(meta.get("Metadata"), dict) else {}
    if source == "default":
        info["Description"] = _store.DEFAULT_DESCRIPTION
    if opts.description:
        info["Description"] = opts.description
    tls = _store.read_tls(app, source)
    _store.write_metadata(app, {**meta, "Name": opts.name, "Metadata": info})
    _store.reset_tls(app, opts.name, tls)
