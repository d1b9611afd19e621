"""`pydock import` / `pydock image import`: an image of one layer from a tarball (a file, `-` for stdin, or an
http(s) URL the daemon fetches), with Dockerfile changes (`-c`), a commit message and a reference."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ('From a file, tagged', 'pydock import rootfs.tar myapp:base'),
    ('From stdin, with a command and a working directory', "pydock import -c 'CMD [\"sh\"]' -c 'WORKDIR /app' - < rootfs.tar"),
)


@command("import", examples=EXAMPLES, usage="[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", args=(1, None),
         help="Import the contents from a tarball to create a filesystem image")
@click.argument("args", nargs=-1)
@click.option("-c", "--change", "changes", multiple=True, metavar="list",
              help="Apply Dockerfile instruction to the created image")
@click.option("-m", "--message", metavar="string", default="", help="Set commit message for imported image")
@click.option("--platform", metavar="string", default="", help="Set platform if server is multi-platform capable")
@click.pass_obj
def command(app, args, changes, message, platform):
    # docker requires one argument and ignores any after the reference
    run_import(app, args[0], args[1] if len(args) > 1 else "", tuple(changes), message, platform)


def run_import(app, source: str, reference: str, changes: tuple, message: str, platform: str) -> None:
    import os
    import sys

    from ...engine.api import images
    from ...errors import PydockError
    from ...engine.jsonstream import iter_json
    from ...render.progress import display_json_messages
    from .load import _open_input, read_chunks

    if reference:
        from ...opts.reference import InvalidReference, parse_normalized

        try:
            parse_normalized(reference)
        except InvalidReference as e:
            raise PydockError(str(e)) from None
    body = None
    opened = None
    if source == "-":
        stdin = sys.stdin
        body = read_chunks(getattr(stdin, "buffer", stdin)) if stdin is not None else iter(())
    elif source.startswith(("https://", "http://")):
        pass  # the daemon fetches it
    else:
        params = images.import_params("-", repo=reference, message=message, changes=changes, platform=platform)
        if os.path.isdir(source):  # docker opens it, then fails reading it as the request's body
            target = app.engine.url("/images/create", params)
            raise PydockError(f"error during connect: {app.engine.go_url('POST', target)}: read {source}: is a directory")
        opened = _open_input(source)
        body, source = read_chunks(opened), "-"
    try:
        with images.import_stream(app.engine, source, body, repo=reference, message=message, changes=changes,
                                  platform=platform) as resp:
            display_json_messages(_one_id(iter_json(app.engine.iter_bytes(resp))), app.out, tty=app.out_is_tty())
    finally:
        if opened is not None:
            opened.close()


def _one_id(messages):
    """Podman sends the new image's ID as both `id` and `status`: docker prints `sha256:X: sha256:X`; the
    ID once, as against Docker."""
    for message in messages:
        if isinstance(message, dict) and message.get("id") and message.get("id") == message.get("status"):
            message = {k: v for k, v in message.items() if k != "id"}
        yield message
