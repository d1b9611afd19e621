"""`pydock create` / `pydock container create`: create a new container, as `docker create` does.

Prints the full container ID. Flag and option errors exit 125 (docker's wording and usage hint),
daemon errors exit 1. `--dry-run` (beyond docker) prints the request(s) and sends nothing.
"""

from __future__ import annotations

import os

import click

from .._complete import complete_images
from .._lazy import command
from ._createflags import create_flags

CONTEXT = {"help_option_names": ["--help"], "max_content_width": 100, "allow_interspersed_args": False}


EXAMPLES = (
    ('Create a container to start later', 'pydock create --name job -e MODE=batch myapp:1.2 run-job'),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] IMAGE [COMMAND] [ARG...]", args=(1, None), help="Create a new container",
         context_settings=CONTEXT)
@create_flags
@click.option("--dry-run", is_flag=True, help="Print the API request(s) instead of sending them (pydock only)")
@click.argument("args", metavar="IMAGE [COMMAND] [ARG...]", nargs=-1, type=click.UNPROCESSED,
                shell_complete=complete_images)
@click.pass_obj
def command(app, args, dry_run, **values):
    from ._createflags import build_request
    from ._createflow import create_container, dry_run_text

    image, command_ = args[0], tuple(args[1:])
    req = build_request(values, image, command_, environ=dict(os.environ), cwd=os.getcwd(), proxies=app.proxy_settings())
    if dry_run:
        app.write(dry_run_text(req))
        return
    app.write(create_container(app, req, quiet=bool(values.get("quiet"))) + "\n")
