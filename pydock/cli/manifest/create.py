"""`pydock manifest create`: a local manifest list (in <config dir>/manifests) from images in a registry."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ("A list of two images on a plain-http registry",
     "pydock manifest create --insecure 127.0.0.1:5000/app:1 127.0.0.1:5000/app:1-amd64 127.0.0.1:5000/app:1-arm64"),
)


@command("create", examples=EXAMPLES, usage="MANIFEST_LIST MANIFEST [MANIFEST...]", args=(2, None),
         help="Create a local manifest list for annotating and pushing to a registry")
@click.argument("args", nargs=-1)
@click.option("-a", "--amend", is_flag=True, help="Amend an existing manifest list")
@click.option("--insecure", is_flag=True, help="Allow communication with an insecure registry")
@click.pass_obj
def command(app, args, amend, insecure):
    from ...errors import PydockError
    from ._model import Store, normalize
    from .fetch import fetch_manifest

    try:
        target = normalize(args[0])
    except PydockError as e:
        raise PydockError(f"error parsing name for manifest list {args[0]}: {e}") from None
    store = Store(app)
    if store.get_list(str(target)) is not None and not amend:
        raise PydockError("refusing to amend an existing manifest list with no --amend flag")
    for given in args[1:]:
        ref = normalize(given)
        try:
            manifest = store.get(str(target), str(ref))
        except PydockError:
            manifest = None
        if not manifest or not manifest.get("Raw"):
            manifest = fetch_manifest(app, ref, insecure)
        store.save(str(target), str(ref), manifest)
    app.write(f"Created manifest list {target}\n")
