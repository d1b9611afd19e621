"""`pydock save` / `pydock image save`: the images' tar archive, streamed from the engine to a file
(written atomically: all of it or nothing) or to stdout (never to a terminal)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

import click

from .._complete import complete_images
from .._lazy import command


@dataclass(frozen=True)
class SaveOptions:
    images: tuple[str, ...]
    output: str = ""
    platform: str = ""


EXAMPLES = (
    ('Save two images to a tar file', 'pydock save -o images.tar myapp:1.2 busybox'),
    ('Save compressed', 'pydock save myapp:1.2 | gzip > myapp.tar.gz'),
)


@command("save", examples=EXAMPLES, usage="[OPTIONS] IMAGE [IMAGE...]", args=(1, None),
         help="Save one or more images to a tar archive (streamed to STDOUT by default)")
@click.argument("images", nargs=-1, shell_complete=complete_images)
@click.option("-o", "--output", metavar="string", default="", help="Write to a file, instead of STDOUT")
@click.option("--platform", metavar="string", default="", hidden=True,
              help='Save only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")')
@click.pass_obj
def command(app, images, output, platform):
    run_save(app, SaveOptions(images, output, platform))


def api_platform(app, specifier: str, version: str, prefix: str = "invalid platform: ") -> str | None:
    """A --platform value for the engine (JSON, as the Go client encodes it), or None when not given.
    docker hides the flag, and rejects it, when the daemon's API is older than `version`."""
    if not specifier:
        return None
    from ...engine.api.images import encode_platform
    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.platforms import parse_platform
    from .._objects import require_api

    require_api(app, "platform", version)
    try:
        return encode_platform(*parse_platform(specifier))
    except OptionError as e:
        raise PydockError(f"{prefix}{e}") from None


def destination_problem(filename: str) -> str | None:
    """atomicwriter's validateDestination: why the file cannot be the target, or None."""
    if filename == "":
        return "file name is empty"
    directory = os.path.dirname(filename)
    if directory not in ("", ".", ".."):
        try:
            st = os.stat(directory)
        except OSError as e:
            return f"invalid output path: stat {directory}: {_go_errno(e)}"
        if not stat.S_ISDIR(st.st_mode):
            return f"invalid output path: stat {directory}: not a directory"
    try:
        mode = os.lstat(filename).st_mode
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"failed to stat output path: lstat {filename}: {_go_errno(e)}"
    for test, why in ((stat.S_ISREG, None), (stat.S_ISDIR, "cannot write to a directory"),
                      (stat.S_ISLNK, "cannot write to a symbolic link directly"),
                      (stat.S_ISFIFO, "cannot write to a named pipe (FIFO)"),
                      (stat.S_ISSOCK, "cannot write to a socket"),
                      (stat.S_ISCHR, "cannot write to a character device file"),
                      (stat.S_ISBLK, "cannot write to a block device file")):
        if test(mode):
            return why
    return f"unknown file mode: {oct(mode)}"


def _go_errno(e: OSError) -> str:
    """Go prints syscall errors in lower case: `no such file or directory`."""
    text = e.strerror or str(e)
    return text[:1].lower() + text[1:]


def run_save(app, opts: SaveOptions) -> None:
    platform = api_platform(app, opts.platform, "1.48")
    write_archive(app, opts.output, "failed to save image", lambda write: _copy(app, opts.images, write, platform))


def write_archive(app, output: str, failure: str, copy) -> None:
    """`copy(write)` streams an archive (save, export): to stdout, never a terminal, or to `output` written
    atomically (`write /dir/.tmp-x.tar123: no space left on device`, the temporary file removed). The file is
    checked and opened before the engine is asked, as docker's atomicwriter is; its errors are wrapped in
    `failure`, the writer's are not (as docker)."""
    from ...errors import PydockError

    if not output:
        if app.out_is_tty():
            raise PydockError("cowardly refusing to save to a terminal. Use the -o flag or redirect")
        flush = getattr(app.out, "flush", None)
        if flush:
            flush()
        out = getattr(app.out, "buffer", app.out)
        copy(out.write)
        out.flush()
        return
    problem = destination_problem(output)
    if problem:
        raise PydockError(f"{failure}: {problem}")
    from ...atomicfile import AtomicFile, FileWriteError

    try:
        target = AtomicFile(output)
    except FileWriteError as e:
        raise PydockError(f"{failure}: {e}") from None
    with target:
        copy(target.write)
        target.commit()


def _copy(app, names, write, platform: str | None = None) -> None:
    """The tar chunk by chunk, as the engine sends it: memory stays flat whatever the image size."""
    from ...engine.api import images

    with images.save_stream(app.engine, names, platform=platform) as resp:
        for chunk in app.engine.iter_bytes(resp):
            write(chunk)
