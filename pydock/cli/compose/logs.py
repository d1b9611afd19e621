"""`pydock compose logs`: the services' output, prefixed (v2 cmd/compose/logs.go, pkg/compose/logs.go).

As v2: stopped containers included, stdout and stderr both printed on stdout, `-f` follows containers
that start later (and, as v2, keeps waiting while a watched container stays stopped). Unlike v2 >= 2.39,
every container is registered with the printer up front, so colours and the prefix width are fixed.
Without -f the containers are printed one after the other (v2 reads them concurrently, so its order
across containers is not defined).
"""

from __future__ import annotations

import click

from .._lazy import command
from .._params import INT


EXAMPLES = (
    ('Follow two services from their last 20 lines', 'pydock compose logs -f --tail 20 web db'),
)


@command("logs", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="View output from containers")
@click.argument("services", nargs=-1)
@click.option("-f", "--follow", is_flag=True, help="Follow log output")
@click.option("--index", type=INT, default=0, metavar="int", help="index of the container if service has multiple replicas")
@click.option("--no-color", is_flag=True, help="Produce monochrome output")
@click.option("--no-log-prefix", is_flag=True, help="Don't print prefix in logs")
@click.option("--since", default="", metavar="string",
              help="Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
@click.option("-n", "--tail", default="all", metavar="string",
              help='Number of lines to show from the end of the logs for each container (default "all")')
@click.option("-t", "--timestamps", is_flag=True, help="Show timestamps")
@click.option("--until", default="", metavar="string",
              help="Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
@click.pass_obj
def command(capp, services, follow, index, no_color, no_log_prefix, since, tail, timestamps, until):
    from ...compose.errors import ComposeError

    if index > 0 and len(services) != 1:
        raise ComposeError("--index requires one service to be selected")
    from .events import interruptible

    with interruptible(capp):
        run_logs(capp, list(services), follow=follow, index=index, no_color=no_color, prefix=not no_log_prefix,
                 since=since, tail=tail, timestamps=timestamps, until=until)


def _times(since: str, until: str):
    import time

    from ...errors import PydockError
    from ...opts.timestamps import TimestampError, get_timestamp

    now = time.time_ns()
    values = []
    for flag, value in (("since", since), ("until", until)):
        try:
            values.append(get_timestamp(value, now) if value else None)
        except TimestampError as e:
            raise PydockError(f'invalid value for "{flag}": {e}') from None
    return values


def select_containers(capp, name: str, services: list[str], index: int) -> list[dict]:
    from ...compose import labels, state
    from ...compose.errors import ComposeError
    from ...engine.api import containers as api

    if index > 0:
        service = services[0]
        flt = state.container_filters(name.lower(), oneoff=state.ONEOFF_EXCLUDE, services=[service])
        flt["label"].append(f"{labels.CONTAINER_NUMBER}={index}")
        found = api.list(capp.engine, all=True, filters=flt) or []
        if not found:
            raise ComposeError(f'service "{service}" is not running container #{index}')
        return found[:1]
    return state.containers(capp.engine, name.lower(), oneoff=state.ONEOFF_EXCLUDE, all=True, services=services)


def run_logs(capp, services: list[str], *, follow=False, index=0, no_color=False, prefix=True, since="",
             tail="all", timestamps=False, until="") -> None:
    from ...compose import state
    from ...compose.follow import Follower
    from ...compose.logprinter import LineSplitter, LogPrinter, display_name
    from ...engine import stdcopy
    from ...engine.api import containers as api
    from .ps import project_or_name

    project, name = project_or_name(capp, services)
    if project is not None and not services:
        services = [s for s, cfg in project.services.items() if cfg.get("attach", True) is not False]
    since_q, until_q = _times(since, until)
    found = select_containers(capp, name, services, index)
    if project is not None and services:
        found = [c for c in found if state.service_of(c) in services]
    found.sort(key=display_name)
    printer = LogPrinter.for_compose(capp, no_color=no_color, prefix=prefix)
    printer.register(*[display_name(c) for c in found])
    query = dict(since=since_q, until=until_q, tail=tail, timestamps=timestamps)
    if not follow:
        for c in found:
            info = api.inspect(capp.engine, c["Id"])
            tty = bool((info.get("Config") or {}).get("Tty"))
            cname = display_name(c)
            sink = LineSplitter(lambda line, n=cname: printer.log(n, line))
            with api.logs(capp.engine, c["Id"], **query) as resp:
                for _, data in stdcopy.demux(resp.iter_bytes(), tty, join=True):
                    sink.write(data)
            sink.close()
        return
    watch = services or (list(project.services) if project is not None else [])
    f = Follower(capp, name, printer, services=watch, stderr_to_stdout=True)
    f.tail, f.timestamps = tail, timestamps
    try:
        for c in found:
            f.follow_logs(c["Id"], display_name(c), follow=True, stderr_to_stdout=True, **query)
        f.watch()
        f.wait()
    except KeyboardInterrupt:
        f.stop()
        raise  # v2: `\n` on stderr, status 130
