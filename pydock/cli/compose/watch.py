"""`pydock compose watch`: bring the project up, then sync, restart or rebuild services as their files
change (v2 cmd/compose/watch.go, pkg/compose/watch.go).

Unless `--no-up`: `up` as v2 runs it before watching (detached, images of services with both `build`
and `develop` always built, containers whose configuration diverged recreated, dependencies left as
they are). Then the file watcher runs until Ctrl-C (exit 130), reporting on stdout without prefixes.
"""

from __future__ import annotations

import click

from .._lazy import command
from .._params import NegatableFlag


EXAMPLES = (
    ('Start the project, then sync and rebuild as files change', 'pydock compose watch'),
    ('Watch one service of a project already up', 'pydock compose watch --no-up web'),
)


@command("watch", examples=EXAMPLES, usage="[SERVICE...]", args=(0, None),
         help="Watch build context for service and rebuild/refresh containers when files are updated")
@click.argument("services", nargs=-1)
@click.option("--no-up", is_flag=True, help="Do not build & start services before watching")
@click.option("--prune/--no-prune", cls=NegatableFlag, default=True,
              help="Prune dangling images on rebuild (default true)")
@click.option("--quiet", is_flag=True, help="hide build output")
@click.pass_obj
def command(capp, services, no_up, prune, quiet):
    run_watch(capp, tuple(services), no_up=no_up, prune=prune, quiet=quiet)


def prepare_up(project) -> None:
    """runWatch: services with `build` and `develop` are always built by the `up` before watching."""
    for service in project.services.values():
        if service.get("build") is not None and service.get("develop") is not None:
            service["pull_policy"] = "build"


def run_watch(capp, services: tuple[str, ...], *, no_up: bool, prune: bool, quiet: bool) -> None:
    import signal
    import threading

    from ...compose import lifecycle
    from ...compose.converge import RECREATE_DIVERGED, RECREATE_NEVER, CreateOptions, StartOptions
    from ...compose.watch import Session
    from ...errors import StatusError

    project = lifecycle.load(capp, services)
    if not no_up:
        prepare_up(project)
        create = CreateOptions(services=services, recreate=RECREATE_DIVERGED, recreate_deps=RECREATE_NEVER,
                               inherit=True, quiet_pull=quiet)

        def up(c):
            c.create(project, create)
            c.start(project, StartOptions(services=services))

        lifecycle.run_with_progress(capp, "Running", up)

    def log(message: str) -> None:
        capp.out.write(message + "\n")
        capp.out.flush()

    o = capp.app.options
    session = Session(capp, project, services, prune=prune, quiet=quiet, log=log,
                      debug=o.debug or o.log_level == "debug")
    session.prepare()
    stop = threading.Event()
    interrupted = []

    def on_signal(signum, frame) -> None:
        interrupted.append(signum)
        if stop.is_set():  # a second Ctrl-C does not wait for the batch in hand
            raise KeyboardInterrupt
        stop.set()

    old = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        session.run(stop)
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
    if interrupted:
        capp.err.write("\n")
        raise StatusError("", 130)
