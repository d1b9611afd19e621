"""`pydock compose up`: create and start the project (v2 cmd/compose/up.go, pkg/compose/up.go).

`-d` / `--wait`: create then start with progress, and return. Attached (the default): create with
progress, `Attaching to a-1, b-1`, attach to the containers before they start, start them, print
their output until they have all exited; Ctrl-C stops the project (a second one kills it).
"""

from __future__ import annotations

import os

import click

from .._lazy import command
from .._params import INT
from .create import PULL_POLICIES  # noqa: F401 (re-exported for callers)


EXAMPLES = (
    ('Start the project in the background', 'pydock compose up -d'),
    ('Rebuild images and recreate what changed, removing services no longer in the file', 'pydock compose up -d --build --remove-orphans'),
    ('Run attached until the tests exit, with their exit status', 'pydock compose up --exit-code-from tests'),
)


@command("up", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Create and start containers")
@click.argument("services", nargs=-1)
@click.option("--abort-on-container-exit", is_flag=True,
              help="Stops all containers if any container was stopped. Incompatible with -d")
@click.option("--abort-on-container-failure", is_flag=True,
              help="Stops all containers if any container exited with failure. Incompatible with -d")
@click.option("--always-recreate-deps", is_flag=True, help="Recreate dependent containers. Incompatible with --no-recreate.")
@click.option("--attach", multiple=True, metavar="stringArray",
              help="Restrict attaching to the specified services. Incompatible with --attach-dependencies.")
@click.option("--attach-dependencies", is_flag=True, help="Automatically attach to log output of dependent services")
@click.option("--build", is_flag=True, help="Build images before starting containers")
@click.option("-d", "--detach", is_flag=True, help="Detached mode: Run containers in the background")
@click.option("--exit-code-from", default="", metavar="string",
              help="Return the exit code of the selected service container. Implies --abort-on-container-exit")
@click.option("--force-recreate", is_flag=True,
              help="Recreate containers even if their configuration and image haven't changed")
@click.option("--menu", is_flag=True,
              help="Enable interactive shortcuts when running attached. Incompatible with --detach. Can also be "
                   "enable/disable by setting COMPOSE_MENU environment var.")
@click.option("--no-attach", multiple=True, metavar="stringArray", help="Do not attach (stream logs) to the specified services")
@click.option("--no-build", is_flag=True, help="Don't build an image, even if it's policy")
@click.option("--no-color", is_flag=True, help="Produce monochrome output")
@click.option("--no-deps", is_flag=True, help="Don't start linked services")
@click.option("--no-log-prefix", is_flag=True, help="Don't print prefix in logs")
@click.option("--no-recreate", is_flag=True,
              help="If containers already exist, don't recreate them. Incompatible with --force-recreate.")
@click.option("--no-start", is_flag=True, help="Don't start the services after creating them")
@click.option("--pull", default=None, metavar="string",
              help='Pull image before running ("always"|"missing"|"never") (default "policy")')
@click.option("--quiet-build", is_flag=True, help="Suppress the build output")
@click.option("--quiet-pull", is_flag=True, help="Pull without printing progress information")
@click.option("--remove-orphans", is_flag=True, default=None,
              help="Remove containers for services not defined in the Compose file")
@click.option("-V", "--renew-anon-volumes", is_flag=True,
              help="Recreate anonymous volumes instead of retrieving data from the previous containers")
@click.option("--scale", multiple=True, metavar="scale",
              help="Scale SERVICE to NUM instances. Overrides the scale setting in the Compose file if present.")
@click.option("-t", "--timeout", type=INT, default=None, metavar="int",
              help="Use this timeout in seconds for container shutdown when attached or when containers are already running")
@click.option("--timestamps", is_flag=True, help="Show timestamps")
@click.option("--wait", is_flag=True, help="Wait for services to be running|healthy. Implies detached mode.")
@click.option("--wait-timeout", type=INT, default=0, metavar="int",
              help="Maximum duration in seconds to wait for the project to be running|healthy")
@click.option("-w", "--watch", is_flag=True, help="Watch source code and rebuild/refresh containers when files are updated.")
@click.option("-y", "--yes", is_flag=True, help='Assume "yes" as answer to all prompts and run non-interactively')
@click.pass_obj
def command(capp, services, **o):
    run_up(capp, tuple(services), o)


def validate(o: dict) -> None:
    """validateFlags, in v2's order."""
    from ...compose.errors import ComposeError

    if o["exit_code_from"] and not o["abort_on_container_failure"]:
        o["abort_on_container_exit"] = True
    if o["abort_on_container_exit"] and o["abort_on_container_failure"]:
        raise ComposeError("--abort-on-container-failure cannot be combined with --abort-on-container-exit")
    if o["wait"]:
        if o["attach_dependencies"] or o["abort_on_container_exit"] or o["attach"]:
            raise ComposeError("--wait cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies")
        o["detach"] = True
    if o["build"] and o["no_build"]:
        raise ComposeError("--build and --no-build are incompatible")
    if o["detach"] and (o["attach_dependencies"] or o["abort_on_container_exit"] or o["abort_on_container_failure"]
                        or o["attach"] or o["watch"]):
        what = "--wait" if o["wait"] else "--detach"
        raise ComposeError(f"{what} cannot be combined with --abort-on-container-exit, --abort-on-container-failure, "
                           "--attach, --attach-dependencies or --watch")
    if o["renew_anon_volumes"] and o["no_recreate"]:
        raise ComposeError("--no-recreate and --renew-anon-volumes are incompatible")
    if o["force_recreate"] and o["no_recreate"]:
        raise ComposeError("--force-recreate and --no-recreate are incompatible")
    if o["always_recreate_deps"] and o["no_recreate"]:
        raise ComposeError("--always-recreate-deps and --no-recreate are incompatible")
    if o["no_build"] and o["watch"]:
        raise ComposeError("--no-build and --watch are incompatible")


def run_up(capp, services: tuple[str, ...], o: dict) -> None:
    from ...compose import lifecycle
    from ...compose.converge import CreateOptions, StartOptions, string_to_bool
    from ...compose.errors import ComposeError
    from .create import apply_create_options, deps_strategy, ignore_orphans, recreate_strategy

    if o["remove_orphans"] is None:
        o["remove_orphans"] = string_to_bool(os.environ.get("COMPOSE_REMOVE_ORPHANS", ""))
    validate(o)
    project = lifecycle.load(capp, services)
    ignore = ignore_orphans(project)
    if ignore and o["remove_orphans"]:
        raise ComposeError("cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans")
    if o["attach"] and o["attach_dependencies"]:
        raise ComposeError("cannot combine --attach and --attach-dependencies")
    if not capp.options.all_resources and not project.services:
        raise ComposeError("no service selected")
    apply_create_options(project, pull=o["pull"], build=o["build"], scale=o["scale"])
    if o["no_deps"]:
        project = lifecycle.select_services(project, services, with_deps=False)
    if o["exit_code_from"] and o["exit_code_from"] not in project.services:
        name = o["exit_code_from"]
        reason = "disabled" if name in (project.disabled or {}) else "not found"
        raise ComposeError(f"no such service: {name}: {reason}")
    create = CreateOptions(
        services=services, recreate=recreate_strategy(o["no_recreate"], o["force_recreate"], o["renew_anon_volumes"]),
        recreate_deps=deps_strategy(o["no_recreate"], o["always_recreate_deps"]), inherit=not o["renew_anon_volumes"],
        timeout=o["timeout"], remove_orphans=o["remove_orphans"], ignore_orphans=ignore, build=not o["no_build"],
        force_build=o["build"], quiet_pull=o["quiet_pull"], assume_yes=o["yes"])
    if o["no_start"]:
        lifecycle.run_with_progress(capp, "Creating", lambda c: c.create(project, create))
        return
    if o["detach"]:
        start = StartOptions(services=services, wait=o["wait"], wait_timeout=o["wait_timeout"] or 0)

        def run(c):
            c.create(project, create)
            c.start(project, start)

        lifecycle.run_with_progress(capp, "Running", run)
        return
    attach = attach_set(project, services, o)
    lifecycle.run_with_progress(capp, "Running", lambda c: c.create(project, create))
    if capp.options.dry_run:
        capp.out.write("end of 'compose up' output, interactive run is not supported in dry-run mode\n")
        capp.out.flush()
        return
    run_attached(capp, project, services, attach, o)


def attach_set(project, services, o) -> list[str]:
    """The services whose output is shown (runUp): --attach, else the named ones (with
    --attach-dependencies their dependencies too) that do not say `attach: false`; minus --no-attach."""
    from ...compose.errors import ComposeError
    from ...compose.lifecycle import select_services

    names = list(project.services)
    if o["attach"]:
        unexpected = sorted(set(o["attach"]) - set(names))
        if unexpected:
            raise ComposeError(f"cannot attach to services not included in up: {', '.join(unexpected)}")
        chosen = list(dict.fromkeys(o["attach"]))
    else:
        if services:
            scope = list(select_services(project, services, with_deps=o["attach_dependencies"]).services)
        else:
            scope = names
        chosen = [n for n in scope if project.services[n].get("attach", True) is not False]
    return sorted(n for n in chosen if n not in set(o["no_attach"]))


def run_attached(capp, project, services, attach: list[str], o: dict) -> None:
    """The attached half of v2's Up: `Attaching to ...`, attach before start, start (no progress),
    follow until every watched container has exited; Ctrl-C stops the project (twice: kills it)."""
    import signal
    import threading

    from ...compose import lifecycle, progress
    from ...compose.converge import Compose, StartOptions, canonical_name
    from ...compose.follow import Follower
    from ...compose.logprinter import LogPrinter, display_name
    from ...errors import PydockError, StatusError

    printer = LogPrinter.for_compose(capp, no_color=o["no_color"], prefix=not o["no_log_prefix"],
                                     timestamps=o["timestamps"])
    c = Compose.for_app(capp)
    follower = Follower(capp, project.name, printer, services=list(services) or attach)
    env = capp.environ
    colors = progress.colors_for(env)
    target = lifecycle.Target(project, project.name)
    state = {"signals": 0, "exit": 0, "aborting": False, "terminated": False}
    lock = threading.Lock()
    workers: list[threading.Thread] = []
    errors: list[BaseException] = []

    def spawn(fn) -> None:
        def guarded():
            try:
                fn()
            except BaseException as e:  # noqa: BLE001 - reported by the main thread
                errors.append(e)
        t = threading.Thread(target=guarded, daemon=True)
        workers.append(t)
        t.start()

    def mixed_writer():
        stream = progress.status_stream(capp)
        if progress.mode_of(capp) != progress.MODE_AUTO or not progress._isatty(stream):
            return progress.PlainWriter(stream, capp.options.dry_run)
        return _MixedWriter(printer, colors)

    def stop_project():
        with mixed_writer() as w:
            lifecycle.stop_services(c.with_writer(w), project, list(services) or list(project.services), o["timeout"])

    on_exit = "stop" if o["abort_on_container_exit"] else "fail" if o["abort_on_container_failure"] else ""

    def listener(ev) -> None:
        if ev.kind != "exited":
            return
        with lock:
            if o["exit_code_from"] and ev.service == o["exit_code_from"] and not state.get("from_seen"):
                state["from_seen"] = True
                state["exit"] = ev.exit_code
            if on_exit and not state["aborting"] and not (on_exit == "fail" and ev.exit_code == 0):
                state["aborting"] = True
                if not o["exit_code_from"]:
                    state["exit"] = ev.exit_code
                stream = progress.status_stream(capp)
                stream.write(colors.error("Aborting on container exit...") + "\n")
                stream.flush()
                spawn(stop_project)

    follower.add_listener(listener)

    class Interrupted(Exception):
        """The first Ctrl-C while the main thread waits on the daemon (an attach, the event stream)."""

    def on_signal(signum, frame) -> None:
        with lock:
            state["signals"] += 1
            first = state["signals"] == 1
        if first:
            capp.out.write("Gracefully Stopping... press Ctrl+C again to force\n")
            capp.out.flush()
            state["terminated"] = True
            follower.stop()
            spawn(stop_project)
            if state.get("opening"):  # a request the daemon may never answer: stop waiting for it
                raise Interrupted()
        else:
            def kill_all():
                try:
                    lifecycle.kill(c, target, (), "SIGKILL", all=True)
                except PydockError:
                    pass
            spawn(kill_all)

    watching = threading.Event()
    if o["watch"]:
        session = start_watch(capp, project, printer)
        watch_thread = threading.Thread(target=session.run, args=(watching,), daemon=True)
        watch_thread.start()
    containers = sorted(c.containers(project.name, services=attach), key=canonical_name)
    names = [display_name(x) for x in containers]
    if containers:
        capp.out.write(f"Attaching to {', '.join(names)}\n")
        capp.out.flush()
        printer.register(*names)
    old = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        state["opening"] = True
        try:
            for x, name in zip(containers, names):
                follower.attach(x["Id"], name)
            follower.watch()
        except Interrupted:
            pass
        finally:
            state["opening"] = False
        if state["terminated"]:
            for w in workers:
                w.join()
            capp.err.write("\n")
            raise StatusError("", 130)
        starter_done = threading.Event()
        start_error: list[BaseException] = []

        def start():
            try:
                c.start(project, StartOptions(services=tuple(services), attach_to=tuple(attach)))
            except BaseException as e:  # noqa: BLE001
                start_error.append(e)
            finally:
                starter_done.set()

        t = threading.Thread(target=start, daemon=True)
        t.start()
        while not follower.done.wait(0.1):
            if starter_done.is_set() and start_error and not state["terminated"]:
                follower.stop()
                raise start_error[0]
            if state["terminated"] and not any(w.is_alive() for w in workers):
                break
        if state["terminated"]:
            for w in workers:
                w.join()
            capp.err.write("\n")
            raise StatusError("", 130)
        follower.wait()
        for w in list(workers):
            w.join()
        starter_done.wait()
        if start_error and not state["terminated"]:
            raise start_error[0]
        if errors:
            raise errors[0]
    finally:
        watching.set()
        for sig, handler in old.items():
            signal.signal(sig, handler)
    if state["exit"]:
        capp.err.write("\n")
        raise StatusError("", state["exit"])


def start_watch(capp, project, printer):
    """NewWatcher + Watcher.Start for `up --watch`: the watch logger's lines go to the attached output
    (`⦿` beside the container prefixes); dangling images are not pruned on rebuild (v2 leaves Prune unset)."""
    from ...compose.errors import ComposeError
    from ...compose.logprinter import WATCH_LOGGER
    from ...compose.watch import Session

    if not any((s.get("develop") or {}).get("watch") for s in project.services.values()):
        raise ComposeError("none of the selected services is configured for watch, "
                           "see https://docs.docker.com/compose/how-tos/file-watch/")
    session = Session(capp, project, prune=False, log=lambda m: printer.log(WATCH_LOGGER, m))
    session.prepare()
    return session


class _MixedWriter:
    """progress.NewMixedWriter on a terminal: events as status lines inside the log stream."""

    def __init__(self, printer, colors):
        self.printer, self.colors = printer, colors

    def event(self, e) -> None:
        self.printer.status("", f"{e.id} {e.text} {self.colors.success(e.status_text)}")

    def events(self, events) -> None:
        for e in events:
            self.event(e)

    def tail(self, message: str) -> None:
        self.printer.status("", self.colors.warning(message))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
