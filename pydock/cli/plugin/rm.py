"""`pydock plugin rm`: each plugin in turn; the failures are reported together at the end."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Remove a plugin, enabled or not", "pydock plugin rm -f vieux/sshfs"),)


@command("rm", examples=EXAMPLES, usage="[OPTIONS] PLUGIN [PLUGIN...]", args=(1, None),
         help="Remove one or more plugins")
@click.argument("names", nargs=-1)
@click.option("-f", "--force", is_flag=True, help="Force the removal of an active plugin")
@click.pass_obj
def command(app, names, force):
    from ...engine.api import plugins
    from ...errors import PydockError

    errors = []
    for name in names:
        try:
            plugins.remove(app.engine, name, force=force)
        except PydockError as e:
            errors.append(str(e))
            continue
        app.write(name + "\n")
    if errors:
        raise PydockError("\n".join(errors))
