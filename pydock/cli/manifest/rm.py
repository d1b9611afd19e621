"""`pydock manifest rm`: delete local manifest lists; the failures are reported together at the end."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Forget a local list after pushing it", "pydock manifest rm 127.0.0.1:5000/app:1"),)


@command("rm", examples=EXAMPLES, usage="MANIFEST_LIST [MANIFEST_LIST...]", args=(1, None),
         help="Delete one or more manifest lists from local storage")
@click.argument("args", nargs=-1)
@click.pass_obj
def command(app, args):
    from ...errors import PydockError
    from ._model import Store, normalize

    store, errors = Store(app), []
    for given in args:
        try:
            ref = str(normalize(given))
            if store.get_list(ref) is None:
                raise PydockError(f"No such manifest: {ref}")
            store.remove(ref)
        except PydockError as e:
            errors.append(str(e))
    if errors:
        raise PydockError("\n".join(errors))
