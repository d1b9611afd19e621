"""`pydock node update`: a node's role, availability and labels."""

from __future__ import annotations

import click

from .._complete import complete_nodes
from .._lazy import command

EXAMPLES = (
    ("Drain a node and label it", "pydock node update --availability drain --label-add maintenance=1 node-2"),
)


@command("update", examples=EXAMPLES, usage="[OPTIONS] NODE", args=(1, 1), help="Update a node")
@click.argument("names", nargs=-1, shell_complete=complete_nodes)
@click.option("--availability", default=None, metavar="string",
              help='Availability of the node ("active", "pause", "drain")')
@click.option("--label-add", "label_add", multiple=True, metavar="list", help='Add or update a node label ("key=value")')
@click.option("--label-rm", "label_rm", multiple=True, metavar="list", help="Remove a node label if exists")
@click.option("--role", default=None, metavar="string", help='Role of the node ("worker", "manager")')
@click.pass_obj
def command(app, names, availability, label_add, label_rm, role):
    from ...errors import PydockError
    from .._objects import labels_map
    from .._swarm import update_nodes

    def merge(node: dict) -> None:
        spec = node["Spec"]
        if role is not None:
            spec["Role"] = role
        if availability is not None:
            spec["Availability"] = availability
        labels = spec.get("Labels") or {}
        labels.update(labels_map(label_add))
        for key in label_rm:
            if key not in labels:
                raise PydockError(f"key {key} doesn't exist in node's labels")
            del labels[key]
        spec["Labels"] = labels

    update_nodes(app, names, merge, lambda name: app.write(f"{name}\n"))
