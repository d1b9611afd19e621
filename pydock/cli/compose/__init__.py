"""`pydock compose`: the group, its global flags (v2's), and the object every compose verb receives.

A verb is a module here (`up.py`, `down.py`, ...) registered in `_registry.VERBS["compose"]`; it takes
`@click.pass_obj` and gets a `ComposeApp`: the root `App` (engine, output streams, config.json) plus
the group's flags, with the project loaded on first use.
"""

from __future__ import annotations

import dataclasses
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

    def __post_init__(self):
        self.install_dry_run()

    def set_dry_run(self) -> None:
        """The verb's own `--dry-run` (v2's persistent flag): same as the group's."""
        if not self.options.dry_run:
            self.options = dataclasses.replace(self.options, dry_run=True)
        self.install_dry_run()

    def install_dry_run(self) -> None:
        """v2's DryRunMode: under --dry-run the app's engine (so every verb, and what a verb borrows from
        the docker commands through `capp.app`) is pydock.compose.dryrun's, which reads from the real
        engine and fakes every change. The real engine is still made only on first use."""
        if not self.options.dry_run:
            return
        from ...compose.dryrun import DryRunEngine

        app = self.app
        state = getattr(app, "__dict__", {})
        current = state.get("engine")
        if isinstance(current, DryRunEngine):
            return
        if current is not None:
            factory = lambda: current  # noqa: E731
        else:
            lazy = getattr(type(app), "engine", None)
            real_engine = getattr(lazy, "func", None)  # App.engine is a cached_property
            factory = (lambda: real_engine(app)) if real_engine is not None else (lambda e=app.engine: e)
        state["engine"] = DryRunEngine(factory, out=lambda: app.out)

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
        from ...compose import progress
        from ...compose.loader.environment import environ_with_dot_env

        o = self.options  # v2 setEnvWithDotEnv: COMPOSE_* from the env files join the process environment
        return environ_with_dot_env(dict(os.environ), files=o.files, project_directory=o.project_directory,
                                    env_files=o.env_files, cwd=os.getcwd(),
                                    warn=lambda m: progress.log_warning(self.err, m, os.environ))

    def load_options(self, **overrides):
        """The loader's input for this invocation; verbs pass what they add (service names that
        activate profiles, `interpolate=False`, ...)."""
        from ...compose.loader.options import ProjectOptions

        o = self.options
        return ProjectOptions(files=o.files, project_name=o.project_name,
                              project_directory=o.project_directory, env_files=o.env_files,
                              profiles=o.profiles, environ=self.environ, cwd=os.getcwd(),
                              compatibility=o.compatibility, **overrides)


DRY_RUN_HELP = "Execute command in dry run mode"


def _dry_run_callback(ctx: click.Context, param, value) -> None:
    if value and not ctx.resilient_parsing and isinstance(ctx.obj, ComposeApp):
        ctx.obj.set_dry_run()


def _sort_key(param) -> str:
    """cobra lists flags sorted by their (long) name."""
    longs = [o for o in param.opts if o.startswith("--")]
    return (longs[0] if longs else param.opts[0]).lstrip("-")


def add_dry_run_flag(cmd: click.Command) -> click.Command:
    """v2's `--dry-run` is a persistent flag of the root: every verb accepts it after its name and lists
    it in its help, in its alphabetical place. No other root flag is accepted after the verb."""
    if any("--dry-run" in getattr(p, "opts", ()) for p in cmd.params):
        return cmd
    option = click.Option(["--dry-run"], is_flag=True, expose_value=False, callback=_dry_run_callback,
                          help=DRY_RUN_HELP)
    at = len(cmd.params)
    for i, p in enumerate(cmd.params):
        if isinstance(p, click.Option) and not p.hidden and _sort_key(p) > "dry-run":
            at = i
            break
    cmd.params.insert(at, option)
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            add_dry_run_flag(sub)
    return cmd


class ComposeGroup(LazyGroup):
    """The registry's `compose` group, with v2's root flags before the verb (and `--dry-run` after it)."""

    def format_usage(self, ctx, formatter):
        formatter.write(f"Usage:  {ctx.command_path} [OPTIONS] COMMAND\n")

    def get_command(self, ctx, name):
        cmd = super().get_command(ctx, name)
        return add_dry_run_flag(cmd) if cmd is not None else None

    def invoke(self, ctx):
        """v2's AdaptCmd: with `--progress json` a command's error is printed as a JSON object."""
        from ...errors import PydockError

        try:
            return super().invoke(ctx)
        except PydockError as e:
            if isinstance(ctx.obj, ComposeApp):
                from ...compose import progress

                if progress.mode_of(ctx.obj) == progress.MODE_JSON:
                    e.message = progress.error_as_json(e.message)
            raise


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
