"""`pydock compose scale`: set services' replica counts and converge (v2 cmd/compose/scale.go)."""

from __future__ import annotations

import click

from .._lazy import command


def parse_replicas(args) -> dict[str, int]:
    from ...compose.errors import ComposeError
    from .create import atoi

    out: dict[str, int] = {}
    for arg in args:
        key, eq, val = arg.partition("=")
        if not eq or not key or not val:
            raise ComposeError(f"invalid scale specifier: {arg}")
        try:
            out[key] = atoi(val)
        except ValueError:
            raise ComposeError(f"invalid scale specifier: can't parse replica value as int: {arg}") from None
    return out


EXAMPLES = (
    ('Run three workers', 'pydock compose scale worker=3'),
)


@command("scale", examples=EXAMPLES, usage="[SERVICE=REPLICAS...]", args=(1, None), help="Scale services ")
@click.argument("specs", nargs=-1)
@click.option("--no-deps", is_flag=True, help="Don't start linked services")
@click.pass_obj
def command(capp, specs, no_deps):
    from ...compose import lifecycle
    from ...compose.converge import CreateOptions, StartOptions, set_scale
    from ...compose.errors import ComposeError

    replicas = parse_replicas(specs)
    services = sorted(replicas)
    project = lifecycle.load(capp, services)
    if no_deps:
        project = lifecycle.select_services(project, services, with_deps=False)
    for name, n in replicas.items():
        if name not in project.services:
            reason = "disabled" if name in (project.disabled or {}) else "not found"
            raise ComposeError(f"no such service: {name}: {reason}")
        set_scale(project.services[name], n)

    def run(c):
        c.create(project, CreateOptions(services=tuple(services)))
        c.start(project, StartOptions(services=tuple(services)))

    lifecycle.run_with_progress(capp, "Running", run)
