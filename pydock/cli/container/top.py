"""`pydock top`: the processes of a running container, as the daemon's `ps` reports them."""

from __future__ import annotations

import click

from .._complete import complete_running
from .._lazy import command


EXAMPLES = (
    ("The processes with ps's own columns", 'pydock top web -o pid,comm'),
)


@command("top", examples=EXAMPLES, usage="CONTAINER [ps OPTIONS]", args=(1, None), help="Display the running processes of a container",
         context_settings={"allow_interspersed_args": False,
                           "help_option_names": ["--help"], "max_content_width": 100})
@click.argument("args", nargs=-1, type=click.UNPROCESSED, shell_complete=complete_running)
@click.pass_obj
def command(app, args):
    app.write(render_top(app, args[0], args[1:]))


def render_top(app, container: str, ps_args) -> str:
    """docker's tabwriter: minimum cell width 20, padding 3."""
    from ...engine.api import containers
    from ...render.tabwriter import tabwrite

    procs = containers.top(app.engine, container, tuple(ps_args))
    rows = ["\t".join(procs.get("Titles") or [])] + ["\t".join(p) for p in procs.get("Processes") or []]
    return tabwrite("\n".join(rows) + "\n", minwidth=20, padding=3)
