"""`pydock manifest inspect`: a local manifest list, else a registry's manifest, else its manifest list."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ("An image's manifest on a plain-http registry", "pydock manifest inspect --insecure 127.0.0.1:5000/app:1"),
    ("With the platform and layers of each image", "pydock manifest inspect -v --insecure 127.0.0.1:5000/app:1"),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] [MANIFEST_LIST] MANIFEST", args=(1, 2),
         help="Display an image manifest, or manifest list")
@click.argument("args", nargs=-1)
@click.option("--insecure", is_flag=True, help="Allow communication with an insecure registry")
@click.option("-v", "--verbose", is_flag=True, help="Output additional info including layers and platform")
@click.pass_obj
def command(app, args, insecure, verbose):
    app.write(run_inspect(app, args, insecure, verbose))


def run_inspect(app, args, insecure: bool, verbose: bool) -> str:
    from ._model import Store, normalize

    ref = normalize(args[-1])
    store = Store(app)
    if len(args) == 2:
        return show_manifest(store.get(str(normalize(args[0])), str(ref)), verbose)
    local = store.get_list(str(ref))
    if local is not None:
        return show_list(local, verbose)
    from ...errors import PydockError
    from .fetch import fetch_list, fetch_manifest

    try:
        return show_manifest(fetch_manifest(app, ref, insecure), verbose)
    except PydockError:
        pass
    return show_list(fetch_list(app, ref, insecure), verbose)


def show_manifest(manifest: dict, verbose: bool) -> str:
    from ...opts.gojson import go_json
    from ...render.jsonindent import go_indent
    from ._model import raw_of

    if not verbose:
        return go_indent(raw_of(manifest).decode(), "\t") + "\n"
    return go_json(manifest, indent="\t") + "\n"


def show_list(manifests: list[dict], verbose: bool) -> str:
    from ...opts.gojson import go_json
    from ._model import list_json

    if not verbose:
        return list_json(manifests) + "\n"
    return go_json(manifests, indent="\t") + "\n"
