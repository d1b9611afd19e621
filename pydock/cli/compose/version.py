"""`pydock compose version` (v2 cmd/compose/version.go).

Prints v2's exact layout with the v2 release pydock's compose implements (`2.40.3`, the value pydock
writes in the com.docker.compose.version label): scripts run `docker compose version --short` to gate
features on the compose version, so they need a v2 semver, not pydock's own version number.
"""

from __future__ import annotations

import click

from .ls import NoArgsCommand


EXAMPLES = (
    ('The version number alone', 'pydock compose version --short'),
)


@click.command("version", examples=EXAMPLES, cls=NoArgsCommand, usage="[OPTIONS]", help="Show the Docker Compose version information")
@click.option("-f", "--format", "format_", default="", metavar="string",
              help="Format the output. Values: [pretty | json]. (Default: pretty)")
@click.option("--short", is_flag=True, help="Shows only Compose's version number")
@click.pass_obj
def command(capp, format_, short):
    from ...compose.labels import COMPOSE_VERSION

    version = "v" + COMPOSE_VERSION
    if short:
        capp.out.write(COMPOSE_VERSION + "\n")
    elif format_ == "json":
        capp.out.write(f'{{"version":"{version}"}}\n')
    else:
        capp.out.write(f"Docker Compose version {version}\n")
