"""`pydock load` / `pydock image load`: send an image tar (from a file or stdin, streamed, never read
whole) to the engine and print its report as docker does."""

from __future__ import annotations

from dataclasses import dataclass

import click

from .._lazy import command

CHUNK = 1 << 16


@dataclass(frozen=True)
class LoadOptions:
    input: str = ""
    quiet: bool = False
    platform: str = ""


EXAMPLES = (
    ('Load images from a tar file', 'pydock load -i images.tar'),
)


@command("load", examples=EXAMPLES, usage="[OPTIONS]", args=(0, 0), help="Load an image from a tar archive or STDIN")
@click.option("-i", "--input", "input_", metavar="string", default="",
              help="Read from tar archive file, instead of STDIN")
@click.option("-q", "--quiet", is_flag=True, help="Suppress the load output")
@click.option("--platform", metavar="string", default="", hidden=True,
              help='Load only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")')
@click.pass_obj
def command(app, input_, quiet, platform):
    run_load(app, LoadOptions(input_, quiet, platform))


def read_chunks(stream, size: int = CHUNK):
    """The request body: the tar as it is read, one chunk at a time."""
    while True:
        chunk = stream.read(size)
        if not chunk:
            return
        yield chunk


def _open_input(path: str):
    from ...errors import PydockError

    try:
        return open(path, "rb")
    except IsADirectoryError:
        # docker opens it, then fails reading it inside the request ("error during connect: Post ...:
        # read <path>: is a directory"); we say the same before sending anything.
        raise PydockError(f"read {path}: is a directory") from None
    except OSError as e:
        why = (e.strerror or str(e))
        raise PydockError(f"open {path}: {why[:1].lower() + why[1:]}") from None


def run_load(app, opts: LoadOptions) -> None:
    """Off a terminal (or with -q) the engine is asked for the quiet report, as docker does."""
    import sys

    from ...errors import PydockError
    from .save import api_platform

    platform = api_platform(app, opts.platform, "1.48")
    if opts.input:
        source = _open_input(opts.input)
    else:
        stdin = sys.stdin
        if stdin is None or (stdin.isatty() if hasattr(stdin, "isatty") else False):
            raise PydockError("requested load from stdin, but stdin is empty")
        source = getattr(stdin, "buffer", stdin)
    try:
        _load(app, source, quiet=opts.quiet or not app.out_is_tty(), platform=platform)
    finally:
        if opts.input:
            source.close()


def _load(app, source, *, quiet: bool, platform: str | None = None) -> None:
    from ...engine.api import images
    from ...engine.jsonstream import iter_json

    with images.load_stream(app.engine, read_chunks(source), quiet=quiet, platform=platform) as resp:
        chunks = app.engine.iter_bytes(resp)
        if resp.headers.get("content-type", "") == "application/json":
            from ...render.progress import display_json_messages

            last = [""]

            def seen(messages):
                for message in messages:
                    if isinstance(message, dict) and message.get("stream"):
                        last[0] = str(message["stream"])
                    yield message

            display_json_messages(seen(iter_json(chunks)), app.out, tty=app.out_is_tty())
            if last[0] and not last[0].endswith("\n"):  # Podman: `Loaded image: x` without its newline
                app.write("\n")
            return
        out = getattr(app.out, "buffer", None)
        for chunk in chunks:
            if out is not None:
                out.write(chunk)
            else:
                app.write(chunk.decode("utf-8", "replace"))
