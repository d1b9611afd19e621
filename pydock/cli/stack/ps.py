"""`pydock stack ps`: the task table of one stack's tasks (its namespace label), as `docker stack ps` prints it."""

from __future__ import annotations

import click

from .._complete import complete_stacks
from .._lazy import command
from .._options import FORMAT_HELP_LIST, format_option
from ..service.ps import filter_flag
from .ls import orchestrator_option

EXAMPLES = (
    ("The running tasks of stack web", "pydock stack ps --filter desired-state=running web"),
)


@command("ps", examples=EXAMPLES, usage="[OPTIONS] STACK", args=(1, 1), help="List the tasks in the stack")
@click.argument("namespace", nargs=-1, shell_complete=complete_stacks)
@filter_flag()
@format_option(FORMAT_HELP_LIST)
@click.option("--no-resolve", is_flag=True, help="Do not map IDs to Names")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only display task IDs")
@orchestrator_option
@click.pass_obj
def command(app, namespace, filters, format_, no_resolve, no_trunc, quiet):
    # unlike `service ps`, -q keeps IDs truncated unless --no-trunc (docker's stack ps does not untruncate)
    from ...engine.api import swarm
    from ...errors import PydockError
    from ..service.ps import print_tasks
    from .services import stack_filters, validate_stack_name

    (namespace,) = namespace
    validate_stack_name(namespace)
    tasks = swarm.task_list(app.engine, filters=stack_filters(namespace, filters))
    if not tasks:
        raise PydockError(f"nothing found in stack: {namespace}")
    print_tasks(app, tasks, no_resolve=no_resolve, trunc=not no_trunc, quiet=quiet, format_=format_)
