"""`pydock run` / `pydock container run`: create, attach, wait, start, stream, exit with the status.

docker 28's order (cli/command/container/run.go): create (with the implicit pull) → attach → wait
(`next-exit`, or `removed` with --rm) → start → resize → stream until the output ends. Errors from
create and start are docker's 125/126/127 with `pydock: <msg>\\n\\nRun 'pydock run --help' ...`; a
container's non-zero status is our exit status, with nothing printed. `-d` prints the ID.
`--dry-run` (beyond docker) prints the requests and sends nothing.
"""

from __future__ import annotations

import os
import sys

import click

from ...record import Record
from ...errors import PydockError, StatusError
from .._complete import complete_images
from .._lazy import command
from .._params import NegatableFlag
from ._createflags import create_flags

CONTEXT = {"help_option_names": ["--help"], "max_content_width": 100, "allow_interspersed_args": False}
NOT_FOUND = ("executable file not found", "no such file or directory", "system cannot find the file specified")
CANNOT_INVOKE = ("permission denied", "is a directory")



class RunOptions(Record):
    request: object  # CreateRequest
    detach: bool = False
    sig_proxy: bool = True
    detach_keys: str = ""
    quiet: bool = False


EXAMPLES = (
    ('Run a shell in a new container, removed when it exits', 'pydock run --rm -it busybox sh'),
    ('Serve ./site on 127.0.0.1:8080 in the background', 'pydock run -d --name web -p 127.0.0.1:8080:80 -v "$PWD/site:/usr/share/nginx/html:ro" nginx'),
    ('Restart unless stopped, with a memory limit and an environment file', 'pydock run -d --restart unless-stopped -m 256m --env-file app.env myapp:1.2'),
    ('See what would be sent to the engine, without creating anything', 'pydock run --dry-run -p 8080:80 nginx'),
)


@command("run", examples=EXAMPLES, usage="[OPTIONS] IMAGE [COMMAND] [ARG...]", args=(1, None),
         help="Create and run a new container from an image", context_settings=CONTEXT)
@create_flags
@click.option("-d", "--detach", is_flag=True, help="Run container in background and print container ID")
@click.option("--detach-keys", default="", metavar="string", help="Override the key sequence for detaching a container")
@click.option("--sig-proxy/--no-sig-proxy", default=True, cls=NegatableFlag,
              help="Proxy received signals to the process (default true)")
@click.option("--dry-run", is_flag=True, help="Print the API requests instead of sending them (pydock only)")
@click.argument("args", metavar="IMAGE [COMMAND] [ARG...]", nargs=-1, type=click.UNPROCESSED,
                shell_complete=complete_images)
@click.pass_obj
def command(app, args, detach, detach_keys, sig_proxy, dry_run, **values):
    from ._createflags import build_request

    req = build_request(values, args[0], tuple(args[1:]), environ=dict(os.environ), cwd=os.getcwd(),
                        proxies=app.proxy_settings())
    opts = RunOptions(req, detach, sig_proxy, detach_keys, bool(values.get("quiet")))
    if detach:
        opts = detached(opts, attach_flags=bool(values.get("attach")))
    if dry_run:
        from .._attach import detach_keys_setting

        app.write(dry_run_text(opts, keys=detach_keys_setting(app, detach_keys), tty_out=app.out_is_tty()))
        return
    status = run_container(app, opts)
    if status:
        raise StatusError("", status)


def _sort_flags(cmd: click.Command) -> click.Command:
    """docker lists flags alphabetically; run's own flags go in among the create flags."""
    options = sorted((p for p in cmd.params if isinstance(p, click.Option)),
                     key=lambda p: max(p.opts, key=len).lstrip("-"))
    cmd.params = options + [p for p in cmd.params if not isinstance(p, click.Option)]
    return cmd


command = _sort_flags(command)


def detached(opts: RunOptions, *, attach_flags: bool) -> RunOptions:
    """`-d`: nothing is attached (and `-a` with it is refused)."""
    if attach_flags:
        raise PydockError("conflicting options: cannot specify both --attach and --detach", 1)
    body = dict(opts.request.body, AttachStdin=False, AttachStdout=False, AttachStderr=False, StdinOnce=False)
    return opts.replace(request=opts.request.replace(body=body))


def to_status_error(error: Exception) -> PydockError:
    """toStatusError: 127 for a missing executable, 126 for one that cannot be run, else 125."""
    text = str(error)
    code = 125
    if any(s in text for s in NOT_FOUND):
        code = 127
    elif any(s in text for s in CANNOT_INVOKE):
        code = 126
    return PydockError(f"pydock: {text}\n\nRun 'pydock run --help' for more information", code)


# -- the run -----------------------------------------------------------------------------------------

def run_container(app, opts: RunOptions) -> int:
    """Returns the container's exit status (0 after `-d` or a detach)."""
    import threading

    from .._attach import check_tty, detach_keys_setting, discard

    body = opts.request.body
    if not opts.detach:
        check_tty(sys.stdin, bool(body.get("AttachStdin")), bool(body.get("Tty")))
    keys = detach_keys_setting(app, opts.detach_keys)
    cid = _create(app, opts)
    started = threading.Event()
    try:
        return _run_created(app, opts, cid, keys, started)
    except BaseException:
        if body["HostConfig"].get("AutoRemove") and not started.is_set():
            discard(app, cid)
        raise


def _run_created(app, opts: RunOptions, cid: str, keys: str, started) -> int:
    from contextlib import ExitStack

    from .._attach import Signals, StatusWaiter, interrupt_before, kill_forwarder

    body = opts.request.body
    attach = bool(body.get("AttachStdin") or body.get("AttachStdout") or body.get("AttachStderr"))
    condition = "removed" if body["HostConfig"].get("AutoRemove") else "next-exit"
    with ExitStack() as stack:
        signals = stack.enter_context(Signals(forward=kill_forwarder(app, cid) if opts.sig_proxy else None,
                                              on_termination=interrupt_before(started)))
        streamer = _attach(app, stack, cid, body, keys) if attach else None
        waiter = stack.enter_context(
            StatusWaiter(app, cid, condition, notify=streamer.events.put if streamer else None))
        if not attach:
            app.write(f"{cid}\n")
            app.out.flush()
        _start(app, cid, streamer, waiter, condition == "removed")
        started.set()
        if not attach:
            return 0
        _monitor_size(app, cid, body, signals)
        return _outcome(streamer, waiter, bool(body.get("AttachStdout") or body.get("AttachStderr")))


def _create(app, opts: RunOptions) -> str:
    from ._createflow import create_container

    try:
        return create_container(app, opts.request, quiet=opts.quiet)
    except PydockError as e:
        raise to_status_error(e) from None


def _attach(app, stack, cid: str, body: dict, keys: str):
    """Attach before start, so no output is lost; the streams start flowing at once."""
    from ...engine.api import containers
    from ...errors import DaemonError
    from .._attach import StreamOptions, Streamer, upgrade_failed

    stdin, stdout, stderr = (bool(body.get(k)) for k in ("AttachStdin", "AttachStdout", "AttachStderr"))
    params = containers.attach_params(stdin=stdin, stdout=stdout, stderr=stderr, detach_keys=keys)
    try:
        conn = stack.enter_context(containers.attach(app.engine, cid, params))
    except DaemonError as e:
        raise upgrade_failed(e) from None
    opts = StreamOptions(tty=bool(body.get("Tty")), stdin=stdin, stdout=stdout, stderr=stderr, detach_keys=keys)
    return stack.enter_context(Streamer(app, conn, opts))


def _start(app, cid: str, streamer, waiter, auto_remove: bool) -> None:
    """A failed start is run's status error (125, or 126/127 for a command that cannot run)."""
    from .._attach import start_or_discard

    try:
        start_or_discard(app, cid, streamer, waiter, auto_remove)
    except PydockError as e:
        raise to_status_error(e) from None


def _monitor_size(app, cid: str, body: dict, signals) -> None:
    from ...engine.api import containers
    from .._attach import TtyMonitor, is_terminal

    if body.get("Tty") and is_terminal(app.out):
        TtyMonitor(app, lambda rows, cols: containers.resize(app.engine, cid, rows, cols), signals).start()


def _outcome(streamer, waiter, has_output: bool) -> int:
    """Go's select: the streams end first (then the status), or the status comes first (then the
    remaining output is drained). A detach leaves the container running and exits 0."""
    kind, value = streamer.wait()
    if kind == "status":
        if not has_output:
            streamer.cancel()
        streamer.wait()
        return waiter.result()
    if kind == "detached":
        return 0
    if kind == "done" and value is not None:
        raise value
    return waiter.result()


# -- --dry-run ---------------------------------------------------------------------------------------

def dry_run_text(opts: RunOptions, *, keys: str = "", tty_out: bool = False) -> str:
    """create's request(s), then attach, wait, start (and resize) against the ID create would return."""
    from ...engine.client import encode_query
    from ._createflow import dry_run_text as create_text

    body = opts.request.body
    base = "/containers/{id}"
    lines = [create_text(opts.request).rstrip("\n")]
    stdin, stdout, stderr = (bool(body.get(k)) for k in ("AttachStdin", "AttachStdout", "AttachStderr"))
    if stdin or stdout or stderr:
        query = encode_query({"stream": True, "stdin": stdin, "stdout": stdout, "stderr": stderr,
                              "detachKeys": keys or None})
        lines.append(f"POST {base}/attach{query}")
    condition = "removed" if body["HostConfig"].get("AutoRemove") else "next-exit"
    lines.append(f"POST {base}/wait?condition={condition}")
    lines.append(f"POST {base}/start")
    if body.get("Tty") and tty_out and not opts.detach:
        lines.append(f"POST {base}/resize?h=<rows>&w=<cols>")
    return "\n".join(lines) + "\n"
