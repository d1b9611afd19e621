"""`pydock search`: search Docker Hub (or another registry's search API) for images, through the daemon."""

from __future__ import annotations

from dataclasses import dataclass

import click

from ._lazy import command
from ._params import FILTER, GoInt, drop_empty_filters

AUTOMATED_WARNING = ('WARNING: the "is-automated" filter is deprecated, and searching for "is-automated=true" '
                     "will not yield any results in future.")
INDEX_NAME = "docker.io"


@dataclass(frozen=True)
class SearchOptions:
    term: str
    filters: tuple = ()
    format: str | None = None
    limit: int = 0
    no_trunc: bool = False


EXAMPLES = (
    ("Official images whose name or description mentions busybox", "pydock search --filter is-official=true busybox"),
    ("Names only, at most ten", "pydock search --limit 10 --format '{{.Name}}' nginx"),
)


@command("search", examples=EXAMPLES, usage="[OPTIONS] TERM", args=(1, 1), help="Search Docker Hub for images")
@click.argument("term", nargs=-1)
@click.option("-f", "--filter", "filters", multiple=True, type=FILTER, metavar="filter", callback=drop_empty_filters,
              help="Filter output based on conditions provided")
@click.option("--format", "format_", metavar="string", help="Pretty-print search using a Go template")
@click.option("--limit", type=GoInt(), default=0, metavar="int", help="Max number of search results")
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.pass_obj
def command(app, term, filters, format_, limit, no_trunc):
    app.write(run_search(app, SearchOptions(term[0], tuple(filters), format_, limit, no_trunc)))


def index_name(term: str) -> str:
    """registry.ParseSearchIndexInfo: the part before the first `/` names a registry when it looks like a
    host (a `.` or `:` in it, or `localhost`); otherwise the term is Docker Hub's."""
    head, slash, _ = term.partition("/")
    if not slash or ("." not in head and ":" not in head and head != "localhost"):
        return INDEX_NAME
    return INDEX_NAME if head in ("index.docker.io", "docker.io") else head


def search_auth(app, term: str) -> str:
    """command.ResolveAuthConfig: the stored credentials for the term's registry (Docker Hub's key for
    Docker Hub); a failing lookup is ignored, as docker ignores it. Always sent (`e30=` for none)."""
    from ..auth.store import get_auth_config
    from ..auth.types import INDEX_SERVER, AuthConfig, encode_header

    name = index_name(term)
    try:
        auth = get_auth_config(app.config, INDEX_SERVER if name == INDEX_NAME else name)
    except Exception:  # noqa: BLE001 (docker drops the lookup's error: `a, _ := cfg.GetAuthConfig(key)`)
        auth = AuthConfig()
    return encode_header(auth)


def run_search(app, opts: SearchOptions) -> str:
    from ..engine.api import search
    from ..opts.filters import build_filters
    from ..render.views_search import render_search

    filters = build_filters(opts.filters)
    if "is-automated" in filters:
        app.err.write(AUTOMATED_WARNING + "\n")
    results = search.search(app.engine, opts.term, limit=opts.limit, filters=filters,
                            registry_auth=search_auth(app, opts.term))
    return render_search(results, opts.format, trunc=not opts.no_trunc)
