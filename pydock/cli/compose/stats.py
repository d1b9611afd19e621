"""`pydock compose stats`: `pydock stats` over the project's containers (v2 cmd/compose/stats.go: the
project label, plus the service label when a service is named)."""

from __future__ import annotations

import click

from .exec import cobra_command
from .._options import FORMAT_HELP_LIST, format_option


EXAMPLES = (
    ("One snapshot of the project's containers", 'pydock compose stats --no-stream'),
)


@cobra_command("stats", examples=EXAMPLES, usage="[OPTIONS] [SERVICE]", args=(0, 1),
         help="Display a live stream of container(s) resource usage statistics")
@click.argument("services", nargs=-1)
@click.option("-a", "--all", "all_", is_flag=True, help="Show all containers (default shows just running)")
@format_option(FORMAT_HELP_LIST)
@click.option("--no-stream", is_flag=True, help="Disable streaming stats and only pull the first result")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@click.pass_obj
def command(capp, services, all_, format_, no_stream, no_trunc):
    from ...compose import labels
    from ..container.stats import StatsOptions, run_stats
    from .exec import project_name

    name = capp.options.project_name or capp.environ.get("COMPOSE_PROJECT_NAME", "")
    if not name:
        name = project_name(capp)
    filters = [("label", labels.project_filter(name))]
    if services:
        filters.append(("label", labels.service_filter(services[0])))
    run_stats(capp.app, StatsOptions((), all_, format_, no_stream, no_trunc, tuple(filters)))
