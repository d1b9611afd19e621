"""`pydock inspect`: low-level information on any object, found by name or ID."""

from __future__ import annotations

import click

from ._complete import complete_any_object
from ._inspect import run_inspect
from ._lazy import command

FORMAT_HELP = ("Format output using a custom template:\n'json':             Print in JSON format\n"
               "'TEMPLATE':         Print output using the given Go template.")


EXAMPLES = (
    ('Inspect whatever the name is (container, image, volume, network)', 'pydock inspect web'),
    ('Only an image of that name', 'pydock inspect --type image busybox'),
)


@command("inspect", examples=EXAMPLES, usage="[OPTIONS] NAME|ID [NAME|ID...]", args=(1, None),
         help="Return low-level information on Docker objects")
@click.argument("names", nargs=-1, shell_complete=complete_any_object)
@click.option("-f", "--format", "format_", metavar="string", help=FORMAT_HELP)
@click.option("-s", "--size", is_flag=True, help="Display total file sizes if the type is container")
@click.option("--type", "kind", metavar="string", shell_complete=lambda c, p, i: _types(i), help="Only inspect objects of the given type")
@click.pass_obj
def command(app, names, format_, size, kind):
    run_inspect(app, names, kind=kind, format_=format_, size=size)


def _types(incomplete: str):
    from click.shell_completion import CompletionItem

    from ._inspect import ALL_TYPES

    return [CompletionItem(t) for t in ALL_TYPES if t.startswith(incomplete)]
