"""`pydock compose start`: start the services' existing containers, waiting for dependencies
(v2 cmd/compose/start.go, pkg/compose/start.go)."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ("Start the project's existing containers", 'pydock compose start'),
)


@command("start", examples=EXAMPLES, usage="[SERVICE...]", args=(0, None), help="Start services")
@click.argument("services", nargs=-1)
@click.pass_obj
def command(capp, services):
    from ...compose import lifecycle
    from ...compose.converge import StartOptions

    target = lifecycle.project_or_name(capp, services)

    def run(c):
        project = target.project
        if project is None:
            containers = c.containers(target.name)
            if not containers:
                from ...compose.errors import ComposeError

                raise ComposeError(f'no container found for project "{target.name}": not found')
            project = lifecycle.project_from_resources(c.engine, target.name, containers, with_resources=False,
                                                       services=services)
            project = lifecycle.select_services(project, services)
        c.start(project, StartOptions(services=tuple(services), attach_to=tuple(services)))

    lifecycle.run_with_progress(capp, "Running", run)
