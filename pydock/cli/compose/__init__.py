"""`pydock compose`: the group, its global flags (v2's), and the object every compose verb receives.

A verb is a module here (`up.py`, `down.py`, ...) registered in `_registry.VERBS["compose"]`; it takes
`@click.pass_obj` and gets a `ComposeApp`: the root `App` (engine, output streams, config.json) plus
the group's flags, with the project loaded on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property

import click

from .._lazy import LazyGroup
from .._params import INT

ANSI_CHOICES = ("never", "always", "auto")
PROGRESS_CHOICES = ("auto", "tty", "plain", "json", "quiet")


@dataclass(frozen=True)
class ComposeOptions:
    """The `compose` group's own flags, as typed (environment fallbacks are the loader's business)."""

    files: tuple[str, ...] = ()
    project_name: str | None = None
    project_directory: str | None = None
    env_files: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    parallel: int = -1
    progress: str | None = None
    ansi: str = "auto"
    dry_run: bool = False
    compatibility: bool = False
    all_resources: bool = False


@dataclass
class ComposeApp:
    """What a compose verb gets as `ctx.obj`."""

    app: object  # pydock.app.App
    options: ComposeOptions = field(default_factory=ComposeOptions)

    @property
    def engine(self):
        return self.app.engine

    @property
    def out(self):
        return self.app.out

    @property
    def err(self):
        return self.app.err

    @cached_property
    def environ(self) -> dict[str, str]:
        return dict(os.environ)

    def load_options(self, **overrides):
        """The loader's input for this invocation; verbs pass what they add (service names that
        activate profiles, `interpolate=False`, ...)."""
        from ...compose.loader.options import ProjectOptions

        o = self.options
        return ProjectOptions(files=o.files, project_name=o.project_name,
                              project_directory=o.project_directory, env_files=o.env_files,
                              profiles=o.profiles, environ=self.environ, cwd=os.getcwd(),
                              compatibility=o.compatibility, **overrides)


class ComposeGroup(LazyGroup):
    """The registry's `compose` group, with v2's root flags before the verb."""

    def format_usage(self, ctx, formatter):
        formatter.write(f"Usage:  {ctx.command_path} [OPTIONS] COMMAND\n")


def _multi(help_text: str, *decls: str):
    return click.option(*decls, multiple=True, metavar="stringArray", help=help_text)


@click.group("compose", cls=ComposeGroup, group="compose",
             help="Define and run multi-container applications with Docker")
@click.option("--all-resources", is_flag=True, help="Include all resources, even those not used by services")
@click.option("--ansi", default="auto", metavar="string",
              help='Control when to print ANSI control characters ("never"|"always"|"auto") (default "auto")')
@click.option("--compatibility", is_flag=True, help="Run compose in backward compatibility mode")
@click.option("--dry-run", is_flag=True, help="Execute command in dry run mode")
@_multi("Specify an alternate environment file", "--env-file", "env_files")
@_multi("Compose configuration files", "-f", "--file", "files")
@click.option("--parallel", type=INT, default=-1, metavar="int",
              help="Control max parallelism, -1 for unlimited (default -1)")
@_multi("Specify a profile to enable", "--profile", "profiles")
@click.option("--progress", default=None, metavar="string", help="Set type of progress output (auto, tty, plain, json, quiet)")
@click.option("--project-directory", metavar="string",
              help="Specify an alternate working directory (default: the path of the, first specified, Compose file)")
@click.option("-p", "--project-name", metavar="string", help="Project name")
@click.pass_context
def group(ctx: click.Context, **opts) -> None:
    from ...errors import UsageError

    if opts["progress"] is not None and opts["progress"] not in PROGRESS_CHOICES:
        raise UsageError(f'unsupported --progress value "{opts["progress"]}"', exit_code=1)
    ctx.obj = ComposeApp(ctx.obj, ComposeOptions(**opts))
