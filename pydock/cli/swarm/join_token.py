"""`pydock swarm join-token`: the command (or with -q the token) that joins a worker or a manager."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ("The token a new worker needs", "pydock swarm join-token -q worker"),
)


@command("join-token", examples=EXAMPLES, usage="[OPTIONS] (worker|manager)", args=(1, 1), help="Manage join tokens")
@click.argument("role", nargs=-1)
@click.option("-q", "--quiet", is_flag=True, help="Only display token")
@click.option("--rotate", is_flag=True, help="Rotate join token")
@click.pass_obj
def command(app, role, quiet, rotate):
    from ...engine.api import swarm, system
    from ...errors import PydockError
    from ._flags import join_command_text

    role = role[0]
    worker, manager = role == "worker", role == "manager"
    if not worker and not manager:
        raise PydockError(f"unknown role {role}")
    if rotate:
        sw = swarm.inspect(app.engine)
        swarm.update(app.engine, (sw.get("Version") or {}).get("Index", 0), sw.get("Spec") or {},
                     rotate_worker_token=worker, rotate_manager_token=manager)
        if not quiet:
            app.write(f"Successfully rotated {role} join token.\n\n")
    tokens = swarm.inspect(app.engine).get("JoinTokens") or {}
    if quiet:
        app.write(f"{tokens.get('Worker' if worker else 'Manager', '')}\n")
        return
    node_id = ((system.info(app.engine) or {}).get("Swarm") or {}).get("NodeID", "")
    app.write(join_command_text(app, node_id, worker, manager))
