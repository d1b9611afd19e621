"""`pydock secret create`: a secret from a file or stdin (or from a secret driver), its ID printed."""

from __future__ import annotations

import click

from .._lazy import command
from .._objects import LABEL

EXAMPLES = (
    ("A secret from stdin", "printf s3cret | pydock secret create db_password -"),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] SECRET [file|-]", args=(1, 2),
         help="Create a secret from a file or STDIN as content")
@click.argument("args", nargs=-1)
@click.option("-d", "--driver", default="", metavar="string", help="Secret driver")
@click.option("-l", "--label", "labels", multiple=True, type=LABEL, metavar="list", help="Secret labels")
@click.option("--template-driver", default="", metavar="string", help="Template driver")
@click.pass_obj
def command(app, args, driver, labels, template_driver):
    import base64

    from ...engine.api import swarm
    from ...errors import PydockError
    from .._objects import labels_map, require_api
    from .._swarm import MAX_SECRET_SIZE, read_data

    if driver:
        require_api(app, "driver", "1.31")
    if template_driver:
        require_api(app, "template-driver", "1.37")
    name, file = args[0], (args[1] if len(args) > 1 else "")
    spec = {"Name": name, "Labels": labels_map(labels)}
    if driver:
        if file:
            raise PydockError("When using secret driver secret data must be empty")
    else:
        spec["Data"] = base64.b64encode(read_data(app, "secret", file, MAX_SECRET_SIZE)).decode()
    if driver:
        spec["Driver"] = {"Name": driver}
    if template_driver:
        spec["Templating"] = {"Name": template_driver}
    app.write(f"{swarm.object_create(app.engine, '/secrets', spec).get('ID', '')}\n")
