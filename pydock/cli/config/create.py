"""`pydock config create`: a config from a file or stdin, its ID printed."""

from __future__ import annotations

import click

from .._lazy import command
from .._objects import LABEL

EXAMPLES = (
    ("A config from a file", "pydock config create nginx_conf ./nginx.conf"),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] CONFIG file|-", args=(2, 2),
         help="Create a config from a file or STDIN")
@click.argument("args", nargs=-1)
@click.option("-l", "--label", "labels", multiple=True, type=LABEL, metavar="list", help="Config labels")
@click.option("--template-driver", default="", metavar="string", help="Template driver")
@click.pass_obj
def command(app, args, labels, template_driver):
    import base64

    from ...engine.api import swarm
    from ...errors import PydockError
    from .._objects import labels_map, require_api
    from .._swarm import MAX_CONFIG_SIZE, read_data

    if template_driver:
        require_api(app, "template-driver", "1.37")
    name, file = args
    try:
        data = read_data(app, "config", file, MAX_CONFIG_SIZE)
    except PydockError as e:
        raise PydockError(f'Error reading content from "{file}": {e}') from None
    spec = {"Name": name, "Labels": labels_map(labels), "Data": base64.b64encode(data).decode()}
    if template_driver:
        spec["Templating"] = {"Name": template_driver}
    app.write(f"{swarm.object_create(app.engine, '/configs', spec).get('ID', '')}\n")
