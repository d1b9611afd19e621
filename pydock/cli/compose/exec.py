"""`pydock compose exec`: run a command in a service's running container (v2 cmd/compose/exec.go,
pkg/compose/exec.go).

The container is found by labels, as v2's getSpecifiedContainer does (one-off containers included, so
`compose run` containers can be the target), then the command runs through `pydock exec`'s code. A TTY
is allocated unless `-T` or stdout is not a terminal; stdin is always attached (v2's hidden `-i`). The
exit status is the command's, with nothing printed.

This module also holds what the other single-container verbs (attach, cp, commit, export) share: the
project name, the container lookup and v2's plain progress lines.
"""

from __future__ import annotations

import click

from ...errors import StatusError
from .._lazy import DockerCommand
from .._params import INT

SETTINGS = {"help_option_names": ["--help"], "max_content_width": 100, "allow_interspersed_args": False}


class CobraArgs(DockerCommand):
    """A verb whose argument count is checked by cobra's validators (MinimumNArgs, MaximumNArgs,
    RangeArgs), which print only `requires at least 2 arg(s), only received 1` (exit 1)."""

    def _check_count(self, ctx, count: int) -> None:
        from ...errors import ArgCountError

        lo, hi = self.arg_bounds
        if count < lo and hi is None:
            raise ArgCountError(f"requires at least {lo} arg(s), only received {count}")
        if hi is not None and (count < lo or count > hi):
            if lo == 0:
                raise ArgCountError(f"accepts at most {hi} arg(s), received {count}")
            if lo == hi:
                raise ArgCountError(f"accepts {lo} arg(s), received {count}")
            raise ArgCountError(f"accepts between {lo} and {hi} arg(s), received {count}")


def cobra_command(name: str, *, usage: str, args, help: str, **kw):
    """`_lazy.command` with cobra's argument-count messages."""
    return click.command(name, cls=CobraArgs, usage=usage, args=args, help=help, **kw)


# -- shared by the single-container verbs -------------------------------------------------------------

def project_name(capp) -> str:
    """v2's toProjectName: `-p`, else COMPOSE_PROJECT_NAME from the OS environment, else the loaded
    project's name; lower-cased as the backend does."""
    name = capp.options.project_name or capp.environ.get("COMPOSE_PROJECT_NAME", "")
    if not name:
        name = load_project(capp).name
    return name.lower()


def load_project(capp, services=(), **overrides):
    from ...compose.loader import load_project as load

    return load(capp.load_options(services=tuple(services), **overrides), warn=capp.app.warn)


def canonical_name(summary: dict) -> str:
    """v2's getCanonicalContainerName: the name that is not a link alias."""
    names = summary.get("Names") or []
    if not names:
        return summary.get("Id", "")[:12]
    for name in names:
        if name.rfind("/") == 0:
            return name[1:]
    return names[0].lstrip("/")


def _number(summary: dict) -> int:
    from ...compose import labels

    try:
        return int((summary.get("Labels") or {}).get(labels.CONTAINER_NUMBER, "0"))
    except ValueError:
        return 0


def specified_container(capp, project: str, service: str, index: int, *, oneoff: str = "include",
                        all: bool = False) -> dict:
    """v2's getSpecifiedContainer: the service's container number `index` (any, when 0), else the one
    with the lowest number, one-off containers last."""
    from ...compose import labels, state
    from ...compose.errors import ComposeError
    from ...engine.api import containers as api

    filters = state.container_filters(project, oneoff=oneoff, services=[service])
    if index > 0:
        filters["label"].append(f"{labels.CONTAINER_NUMBER}={index}")
    found = api.list(capp.engine, all=all, filters=filters) or []
    if not found:
        if index > 0:
            raise ComposeError(f'service "{service}" is not running container #{index}')
        raise ComposeError(f'service "{service}" is not running')
    found.sort(key=lambda c: (state.is_oneoff(c), 0 if state.is_oneoff(c) else _number(c)))
    return found[0]


def flag_given(ctx, name: str) -> bool:
    from click.core import ParameterSource

    return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)


class Events:
    """v2's progress events for the image and copy verbs, through pydock.compose.progress's writer
    (plain `fmt.Println("", ID, Text, StatusText)` lines, the TTY view, JSON or nothing)."""

    def __init__(self, capp, title: str, *, quiet: bool = False, writer=None):
        """`writer`: an open writer of the caller's (up/run's build step), not started nor stopped here."""
        from ...compose import progress

        self.progress = progress
        self.owned = writer is None
        self.w = writer if writer is not None else (progress.QuietWriter() if quiet else progress.writer_for(capp, title))
        if self.owned:
            self.w.start()

    def event(self, ident: str, text: str, status: str, done: bool = False, kind: str = "") -> None:
        p = self.progress
        state = {"error": p.ERROR, "warning": p.WARNING}.get(kind, p.DONE if done else p.WORKING)
        self.w.event(p.Event(ident, state, status, text))

    def tail(self, message: str) -> None:
        """TailMsgf: a message after the events."""
        self.w.tail(message)

    def close(self) -> None:
        if self.owned:
            self.w.stop()


# -- exec -------------------------------------------------------------------------------------------------

EXAMPLES = (
    ("A shell in the web service's first container", 'pydock compose exec web sh'),
)


@cobra_command("exec", examples=EXAMPLES, usage="[OPTIONS] SERVICE COMMAND [ARGS...]", args=(2, None),
         help="Execute a command in a running container", context_settings=SETTINGS)
@click.option("-d", "--detach", is_flag=True, help="Detached mode: Run command in the background")
@click.option("-e", "--env", multiple=True, metavar="stringArray", help="Set environment variables")
@click.option("--index", type=INT, default=0, metavar="int", help="Index of the container if service has multiple replicas")
@click.option("--privileged", is_flag=True, help="Give extended privileges to the process")
@click.option("-u", "--user", default="", metavar="string", help="Run the command as this user")
@click.option("-T", "--no-tty", "no_tty", is_flag=True,
              help="Disable pseudo-TTY allocation. By default 'docker compose exec' allocates a TTY. (default true)")
@click.option("-w", "--workdir", default="", metavar="string", help="Path to workdir directory for this command")
@click.option("-i", "--interactive", is_flag=True, default=True, hidden=True, help="Keep STDIN open even if not attached")
@click.option("-t", "--tty", is_flag=True, default=True, hidden=True, help="Allocate a pseudo-TTY")
@click.argument("args", metavar="SERVICE COMMAND [ARGS...]", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def command(ctx, args, detach, env, index, privileged, user, no_tty, workdir, interactive, tty):
    from ..container.exec import ExecOptions, run_exec

    capp = ctx.obj
    if not flag_given(ctx, "no_tty"):
        no_tty = not capp.app.out_is_tty()
    service, cmd = args[0], tuple(args[1:])
    project = project_name(capp)
    target = specified_container(capp, project, service, index)
    opts = ExecOptions(target["Id"], cmd, detach=detach, interactive=interactive, tty=not no_tty, user=user,
                       privileged=privileged, env=(), workdir=workdir)
    opts = _with_env(opts, resolve_env(capp, env))
    status = run_exec(capp.app, opts)
    if status:
        raise StatusError("", status)


def resolve_env(capp, values) -> list[str]:
    """types.NewMappingWithEquals(...).Resolve(env): `K=V` as given; a bare `K` takes the value from
    the environment, or stays bare."""
    out = []
    for value in values:
        key, eq, _ = value.partition("=")
        if eq:
            out.append(value)
        elif key in capp.environ:
            out.append(f"{key}={capp.environ[key]}")
        else:
            out.append(key)
    return out


def _with_env(opts, env: list[str]):
    """pydock exec's env comes from its flags; ours is already resolved, so it goes in as `K=V` values
    (exec_env keeps a `K=V` verbatim)."""
    from dataclasses import replace

    return replace(opts, env=tuple(env))


__all__ = ["command", "project_name", "load_project", "specified_container", "canonical_name", "Events",
           "resolve_env"]
