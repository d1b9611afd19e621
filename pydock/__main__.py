"""Entry point. The only place where exceptions become exit statuses and stderr lines."""

from __future__ import annotations

import os
import sys


def _usage_hint(ctx) -> str:
    """docker's tail for flag errors: the usage line and where to get help."""
    if ctx is None:
        return "\n\nRun 'pydock --help' for more information"
    cmd = ctx.command
    usage = getattr(cmd, "docker_usage", None)
    if usage is None:
        usage = "[OPTIONS] COMMAND [ARG...]" if ctx.parent is None else "COMMAND"
    line = f"{ctx.command_path} {usage}".rstrip()  # a bare usage (`context show`) has no trailing blank
    return f"\n\nUsage:  {line}\n\nRun '{ctx.command_path} --help' for more information"


def _flag_error_message(e) -> str:
    """Turn click's usage errors into docker's (pflag's) wording."""
    import click

    if isinstance(e, click.NoSuchOption):
        name = e.option_name
        if name.startswith("--"):
            return f"unknown flag: {name}"
        return f"unknown shorthand flag: {name[1:2]!r} in {name}"
    if isinstance(e, click.BadOptionUsage) and "requires an argument" in e.message:
        name = e.option_name
        if name.startswith("--"):
            return f"flag needs an argument: {name}"
        return f"flag needs an argument: {name[1:2]!r} in {name}"
    return e.message


def _in_compose(ctx) -> bool:
    while ctx is not None:
        if ctx.parent is not None and ctx.parent.parent is None and ctx.info_name == "compose":
            return True
        ctx = ctx.parent
    return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _open_closed_standard_fds()
    if args[:1] == ["__complete"]:  # TAB in the shipped scripts: object names, without loading click
        from .cli._complete import main as complete

        return complete(args[1:])
    if args in ([], ["--help"], ["-v"], ["--version"]):  # answered without loading click where we can
        code = _root_answer(args)
        if code is not None:
            return code
    import click

    from .cli.root import cli
    from .errors import ArgCountError, PydockError, ReaderGone, UsageError

    code = 0
    try:
        rv = cli.main(args=argv, prog_name="pydock", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except ArgCountError as e:
        sys.stderr.write(f"{e}\n")
        code = e.exit_code
    except click.UsageError as e:
        if _in_compose(e.ctx):  # docker compose v2 prints pflag's message alone, status 1
            sys.stderr.write(_flag_error_message(e) + "\n")
            code = 1
        else:
            sys.stderr.write(_flag_error_message(e) + _usage_hint(e.ctx) + "\n")
            code = 125
    except UsageError as e:
        sys.stderr.write(f"{e}\n")
        code = e.exit_code
    except ReaderGone:
        code = _quiet_broken_pipe()
    except PydockError as e:
        if str(e):
            sys.stderr.write(f"{e}\n")
        code = e.exit_code
    except click.exceptions.Exit as e:
        code = e.exit_code
    except click.ClickException as e:
        sys.stderr.write(f"{e.format_message()}\n")
        code = 1
    except click.Abort:  # Ctrl-C (or EOF at a prompt): click has already ended the `^C` line with a newline
        code = 130
    except KeyboardInterrupt:  # Ctrl-C outside click's main: the one newline is ours to write
        sys.stderr.write("\n")
        code = 130
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except Exception as e:  # a bug in pydock: one line, the traceback only with --debug
        if _debug_requested(argv):
            import traceback

            traceback.print_exc()
        line = f"pydock: internal error: {type(e).__name__}: {e} (run with --debug for the traceback)"
        sys.stderr.write(line + "\n")
        _record_internal_error(args, line)
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    return code


INTERNAL_ERROR_LOG = "PYDOCK_INTERNAL_ERROR_LOG"


def _record_internal_error(args: list[str], line: str) -> None:
    """With PYDOCK_INTERNAL_ERROR_LOG set (the test suite sets it for every pydock it starts), append
    the internal error and the command line to that file: one write of one line (O_APPEND), so parallel
    processes never interleave. The suite fails when the file is not empty at its end."""
    path = os.environ.get(INTERNAL_ERROR_LOG)
    if not path:
        return
    import json

    argv, hide = [], False
    for arg in args:  # no password in the log
        argv.append("***" if hide else "--password=***" if arg.startswith("--password=") else arg)
        hide = arg in ("-p", "--password")
    entry = json.dumps({"pid": os.getpid(), "cwd": os.getcwd(), "argv": argv, "error": line})
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            os.write(fd, (entry + "\n").encode("utf-8", "backslashreplace"))
        finally:
            os.close(fd)
    except OSError:
        pass


def _open_closed_standard_fds() -> None:
    """A standard descriptor closed by the caller (`pydock ps >&-`) is opened on /dev/null, as the Go
    runtime does at startup for docker: output goes nowhere, quietly, and the descriptor number is not
    handed to the next file or socket opened (Python leaves sys.stdout None and the number free)."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        stream = open(fd, mode, closefd=False, errors="backslashreplace" if mode == "w" else "strict")
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _root_answer(args: list[str]) -> int | None:
    """`pydock`, `pydock --help` and `pydock --version`, as click prints them (the help text was rendered
    by click into cli/_root_help.py at the widths a pipe and common terminals give); None: ask click."""
    if args in (["-v"], ["--version"]):
        from . import __version__

        text = f"pydock version {__version__}\n"
    else:
        from .cli._root_help import TEXTS

        text = TEXTS.get(max(min(_terminal_columns(), 100) - 2, 50))  # click's HelpFormatter width
        if text is None:
            return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return 0


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns without importing shutil (17 ms): COLUMNS, else the terminal
    on stdout, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _debug_requested(argv: list[str] | None) -> bool:
    args = sys.argv[1:] if argv is None else argv
    return any(a in ("-D", "--debug") for a in args) or os.environ.get("PYDOCK_DEBUG") == "1"


def _quiet_broken_pipe() -> int:
    """The reader went away (`pydock ps | head -1`): exit quietly like a Go program killed by SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141


# The cyclic garbage collector's first generation runs every 700 net allocations by default; loading click,
# httpx and a command allocates hundreds of thousands of long-lived objects (modules, functions, classes), so a
# command ran ~40 collections that traverse them all and free nothing: about 21 M instructions (~10 ms) of
# `ps` (callgrind, bench/bench_floor.py). Reference counting frees everything but cycles; a threshold of
# 50,000 still collects cycles in long streams (logs -f, stats, compose up) long before they matter.
GC_THRESHOLDS = (50_000, 50, 100)


def run() -> None:
    """The `pydock` program: main(), then out of the process at once (see `_leave`)."""
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    try:
        code = main()
    except Exception as e:  # escaped main's handlers (a bug in them): recorded for the suite, then raised
        _record_internal_error(sys.argv[1:], f"pydock: internal error: uncaught {type(e).__name__}: {e}")
        raise
    _leave(code)


def _leave(code: int) -> None:
    """Exit with `code` without the interpreter's finalization. A Go program is gone when main returns;
    CPython would go on to tear down every module and free every object one by one, 15 to 40 ms for a
    command (more on a busy machine), spent on memory the kernel reclaims anyway. What finalization does
    that anyone could see is done here first: non-daemon threads are joined, atexit functions run (they
    also run weakref finalizers such as a TemporaryDirectory's cleanup), stdout and stderr flushed."""
    threading = sys.modules.get("threading")
    if threading is not None:  # the interpreter's own first step: threading's exit hooks, then the joins
        shutdown = getattr(threading, "_shutdown", None)
        if shutdown is not None and threading.current_thread() is threading.main_thread():
            shutdown()
        else:
            for thread in threading.enumerate():
                if not thread.daemon and thread is not threading.current_thread() and thread.is_alive():
                    thread.join()
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except (OSError, ValueError, AttributeError):
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(0 if code is None else code & 0xFF if isinstance(code, int) else 1)  # as sys.exit(code)


if __name__ == "__main__":
    run()
