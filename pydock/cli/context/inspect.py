"""`pydock context inspect`: docker's JSON of a context (metadata, TLS file listing, storage paths).

Templates see docker's Go structs: the top level embeds store.Metadata, so `.Name` and `.Endpoints` are
promoted while `.Metadata` is the embedded struct itself (`.Metadata.Metadata.Description`).
"""

from __future__ import annotations

import click

from ..inspect import FORMAT_HELP
from .._lazy import command
from .use import complete_contexts

IN_MEMORY = "<IN MEMORY>"


class _Struct:
    """A Go struct for templates. The instance `__dict__` is exactly its JSON (the fields Go's
    `omitempty` keeps, in declaration order), which the template `json` function encodes without HTML
    escapes, as Go's does; class attributes give the left-out fields their zero values for `.Field`."""

    def __init__(self, **fields):
        self.__dict__.update({k: v for k, v in fields.items() if v is not None})


class EndpointMeta(_Struct):
    go_type = "context.EndpointMetaBase"
    Host = ""
    SkipTLSVerify = False


class DockerContext:
    """docker's DockerContext; its MarshalJSON (json.Marshal: HTML escaped) is one flat, sorted map."""

    go_type = "command.DockerContext"

    def __init__(self, description: str, additional: dict | None):
        self.Description, self.AdditionalFields = description, additional

    def to_json(self) -> dict:
        flat = dict(self.AdditionalFields or {}, **({"Description": self.Description} if self.Description else {}))
        return dict(sorted(flat.items()))


class StoreMetadata(_Struct):
    go_type = "store.Metadata"
    Name = ""
    Metadata = None
    Endpoints: dict = {}


class StorageInfo(_Struct):
    go_type = "store.StorageInfo"


class ContextDetails(_Struct):
    """contextWithTLSListing: store.Metadata embedded (its fields promoted in JSON), then the listings."""

    go_type = "context.contextWithTLSListing"
    Name = ""
    Endpoints: dict = {}

    def __init__(self, meta: StoreMetadata, tls_material: dict, storage: StorageInfo):
        super().__init__(**meta.__dict__, TLSMaterial=tls_material, Storage=storage)
        self.__dict__["_embedded"] = meta

    @property
    def Metadata(self):  # noqa: N802 (the embedded struct, not its Metadata field)
        return self.__dict__["_embedded"]


def plain(value):
    """The JSON-ready value of these structs (what json.Marshal would encode)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, DockerContext):
        return value.to_json()
    if isinstance(value, _Struct):
        return {k: plain(v) for k, v in value.__dict__.items() if k[:1].isupper()}
    return value


def details(app, name: str) -> ContextDetails:
    """The object docker inspects for one context (raises docker's not-found error)."""
    from ...config import DEFAULT_CONTEXT
    from . import _store

    meta = _store.typed(_store.get_metadata(app, name))
    info = meta.get("Metadata")
    if isinstance(info, dict):
        info = DockerContext(info.get("Description", ""), {k: v for k, v in info.items() if k != "Description"} or None)
    endpoints = {k: EndpointMeta(**({"Host": v["Host"]} if v.get("Host") else {}),  # Host is omitempty
                                 SkipTLSVerify=bool(v.get("SkipTLSVerify"))) if k == "docker" and v is not None else v
                 for k, v in (meta.get("Endpoints") or {}).items()}
    store_meta = StoreMetadata(Name=meta.get("Name"), Metadata=info, Endpoints=endpoints or None)
    if name == DEFAULT_CONTEXT:
        storage = StorageInfo(MetadataPath=IN_MEMORY, TLSPath=IN_MEMORY)
    else:
        storage = StorageInfo(MetadataPath=str(_store.meta_dir(app, name)), TLSPath=str(_store.tls_dir(app, name)))
    return ContextDetails(store_meta, _store.tls_files(app, name), storage)


EXAMPLES = (
    ('The endpoint a context points at', "pydock context inspect -f '{{.Endpoints.docker.Host}}' remote"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] [CONTEXT] [CONTEXT...]", args=(0, None),
         help="Display detailed information on one or more contexts")
@click.argument("names", nargs=-1, shell_complete=complete_contexts)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.pass_obj
def command(app, names, format_):
    from ._store import current_name

    run_context_inspect(app, names or (current_name(app),), format_)


def run_context_inspect(app, names, format_: str | None) -> None:
    from .._inspect import inspect_each
    from ._store import docker_json

    def get(name: str):
        obj = details(app, name)
        return obj, docker_json(plain(obj))

    inspect_each(app, names, get, format_)
