"""`pydock exec` / `pydock container exec`: run a command in a running container.

docker 28's order (cli/command/container/exec.go): inspect the container (so "No such container"
wins), check the TTY, create the exec, then either start it detached (`-d`) or start it over a
hijacked connection and stream; the exit status comes from `GET /exec/{id}/json`. A stopped
container is the daemon's 409: `Error response from daemon: Container <id> is not running`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click

from ...errors import PydockError, StatusError
from .._complete import complete_unpaused
from .._lazy import command
from ._createflags import ENV

CONTEXT = {"help_option_names": ["--help"], "max_content_width": 100, "allow_interspersed_args": False}
VERSION_GATES = (("env", "1.25"), ("env_file", "1.25"), ("workdir", "1.35"))


@dataclass(frozen=True)
class ExecOptions:
    container: str
    command: tuple[str, ...]
    detach: bool = False
    detach_keys: str = ""
    interactive: bool = False
    tty: bool = False
    user: str = ""
    privileged: bool = False
    env: tuple[str, ...] = ()
    env_file: tuple[str, ...] = ()
    workdir: str = ""


EXAMPLES = (
    ('An interactive shell in a running container', 'pydock exec -it web sh'),
    ('A command as another user, in another directory, with a variable set', 'pydock exec -u nobody -w /tmp -e DEBUG=1 web env'),
)


@command("exec", examples=EXAMPLES, usage="[OPTIONS] CONTAINER COMMAND [ARG...]", args=(2, None),
         help="Execute a command in a running container", context_settings=CONTEXT)
@click.option("-d", "--detach", is_flag=True, help="Detached mode: run command in the background")
@click.option("--detach-keys", default="", metavar="string", help="Override the key sequence for detaching a container")
@click.option("-e", "--env", type=ENV, multiple=True, metavar="list", help="Set environment variables")
@click.option("--env-file", multiple=True, metavar="list", help="Read in a file of environment variables")
@click.option("-i", "--interactive", is_flag=True, help="Keep STDIN open even if not attached")
@click.option("--privileged", is_flag=True, help="Give extended privileges to the command")
@click.option("-t", "--tty", is_flag=True, help="Allocate a pseudo-TTY")
@click.option("-u", "--user", default="", metavar="string", help='Username or UID (format: "<name|uid>[:<group|gid>]")')
@click.option("-w", "--workdir", default="", metavar="string", help="Working directory inside the container")
@click.argument("args", metavar="CONTAINER COMMAND [ARG...]", nargs=-1, type=click.UNPROCESSED,
                shell_complete=complete_unpaused)
@click.pass_obj
def command(app, args, detach, detach_keys, env, env_file, interactive, privileged, tty, user, workdir):
    opts = ExecOptions(args[0], tuple(args[1:]), detach, detach_keys, interactive, tty, user, privileged,
                       tuple(env), tuple(env_file), workdir)
    status = run_exec(app, opts)
    if status:
        raise StatusError("", status)


def run_exec(app, opts: ExecOptions) -> int:
    from ...engine.api import containers
    from ...engine.api import exec as execapi
    from .._attach import check_tty, detach_keys_setting, terminal_size

    body = execapi.exec_body(
        opts.command, user=opts.user, privileged=opts.privileged, tty=opts.tty,
        console_size=terminal_size(app.out) if opts.tty else None, stdin=opts.interactive and not opts.detach,
        stdout=not opts.detach, stderr=not opts.detach, detach=opts.detach,
        detach_keys=detach_keys_setting(app, opts.detach_keys), env=exec_env(opts), workdir=opts.workdir)
    _check_versions(app, opts)
    containers.inspect(app.engine, containers.container_id(opts.container))
    if not opts.detach:
        check_tty(sys.stdin, body["AttachStdin"], opts.tty)
    exec_id = execapi.create(app.engine, opts.container, body)
    if opts.detach:
        execapi.start_detached(app.engine, exec_id, tty=opts.tty, console_size=_console(body))
        return 0
    return interactive_exec(app, exec_id, body)


def exec_env(opts: ExecOptions) -> list[str]:
    """ReadKVEnvStrings: the --env-file lines, then the -e values (a bare name takes our value)."""
    from ...opts._errors import OptionError
    from ...opts.env import read_kv_files, validate_env
    from ._createflags import read_file

    cwd = os.getcwd()
    try:
        variables = read_kv_files(((name, read_file(name, cwd)) for name in opts.env_file), os.environ.get)
        return variables + [validate_env(value, os.environ) for value in opts.env]
    except OptionError as e:
        raise PydockError(str(e), 1) from None


def _check_versions(app, opts: ExecOptions) -> None:
    for name, version in VERSION_GATES:
        if getattr(opts, name) and not app.engine.version_at_least(version):
            flag = "--" + name.replace("_", "-")
            raise PydockError(f'"{flag}" requires API version {version}, but the Docker daemon API version is '
                              f"{app.engine.api_version}")


def _console(body: dict):
    size = body.get("ConsoleSize")
    return tuple(size) if size is not None else None


def interactive_exec(app, exec_id: str, body: dict) -> int:
    """Stream until the output ends; SIGINT/SIGTERM stop streaming and exit 0, as docker's cancelled
    context does; the detach keys end with docker's "read escape sequence" (exit 1)."""
    from contextlib import ExitStack

    from ...engine.api import exec as execapi
    from ...errors import DaemonError
    from .._attach import Signals, StreamOptions, Streamer, TtyMonitor, is_terminal, upgrade_failed

    tty = bool(body["Tty"])
    opts = StreamOptions(tty=tty, stdin=body["AttachStdin"], detach_keys=body["DetachKeys"])
    with ExitStack() as stack:
        try:
            conn = stack.enter_context(execapi.start_attached(app.engine, exec_id, tty=tty, console_size=_console(body)))
        except DaemonError as e:
            raise upgrade_failed(e) from None
        streamer = stack.enter_context(Streamer(app, conn, opts))
        signals = stack.enter_context(Signals(on_termination=streamer.cancel))
        if tty and is_terminal(sys.stdin):
            TtyMonitor(app, lambda rows, cols: execapi.resize(app.engine, exec_id, rows, cols), signals).start()
        kind, value = streamer.wait()
    if kind == "cancelled":
        return 0
    if value is not None:
        raise value if isinstance(value, (PydockError, BrokenPipeError)) else PydockError(str(value), 1)
    return exit_status(app, exec_id)


def exit_status(app, exec_id: str) -> int:
    """The process's ExitCode; a daemon that cannot be reached any more is docker's -1 (255)."""
    from ...engine.api import exec as execapi
    from ...errors import EngineUnavailable

    try:
        info = execapi.inspect(app.engine, exec_id)
    except EngineUnavailable:
        return 255
    return int(info.get("ExitCode") or 0)
