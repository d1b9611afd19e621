"""`pydock stop`: stop running containers, in parallel, reporting in argument order."""

from __future__ import annotations


import click

from ...record import Record
from .._complete import complete_running
from .._lazy import command, fail
from .._params import INT

TIME_DEPRECATED = "Flag --time has been deprecated, use --timeout instead"


class StopOptions(Record):
    containers: tuple[str, ...]
    timeout: int | None = None  # None: the daemon uses the container's StopTimeout (10 s by default)
    signal: str = ""


def timeout_options(f):
    """`-t/--timeout` and the deprecated, hidden `--time`, shared with `restart`."""
    f = click.option("--time", "time_", type=INT, default=None, hidden=True,
                     help="Seconds to wait before killing the container (deprecated: use --timeout)")(f)
    f = click.option("-t", "--timeout", type=INT, default=None, metavar="int",
                     help="Seconds to wait before killing the container")(f)
    return click.option("-s", "--signal", default="", metavar="string", help="Signal to send to the container")(f)


def pick_timeout(app, timeout: int | None, time_: int | None) -> int | None:
    """pflag announces the deprecated flag on stdout; both spellings together are refused."""
    if time_ is not None:
        app.write(TIME_DEPRECATED + "\n")
        if timeout is not None:
            fail("conflicting options: cannot specify both --timeout and --time")
        return time_
    return timeout


EXAMPLES = (
    ('Stop with a 30 second grace period', 'pydock stop -t 30 web'),
    ('Stop every running container', 'pydock stop $(pydock ps -q)'),
)


@command("stop", examples=EXAMPLES, usage="[OPTIONS] CONTAINER [CONTAINER...]", args=(1, None), help="Stop one or more running containers")
@click.argument("containers", nargs=-1, shell_complete=complete_running)
@timeout_options
@click.pass_obj
def command(app, containers, timeout, time_, signal):
    run_stop(app, StopOptions(containers, pick_timeout(app, timeout, time_), signal))


def run_stop(app, opts: StopOptions) -> None:
    """`-s` reaches the daemon only from API 1.42 on: on older engines docker drops it without a word,
    and so do we (the container then gets its own StopSignal)."""
    from ...engine.api import containers
    from .._parallel import in_parallel, print_names, warm_up

    warm_up(app)

    def op(name: str) -> None:
        containers.stop(app.engine, name, timeout=opts.timeout, signal=opts.signal)

    print_names(app, in_parallel(op, opts.containers))
