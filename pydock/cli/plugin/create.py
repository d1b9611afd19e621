"""`pydock plugin create`: a plugin from a directory holding config.json and rootfs/, sent as a tar."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Create a plugin from ./sshfs (config.json and rootfs/)", "pydock plugin create my/sshfs ./sshfs"),)


@command("create", examples=EXAMPLES, usage="[OPTIONS] PLUGIN PLUGIN-DATA-DIR", args=(2, None),
         help="Create a plugin from a rootfs and configuration. Plugin data directory must contain config.json "
              "and rootfs directory.")
@click.argument("args", nargs=-1)
@click.option("--compress", is_flag=True, help="Compress the context using gzip")
@click.pass_obj
def command(app, args, compress):
    from ...engine.api import plugins

    repo_name, context = args[0], args[1]
    absolute = validate(repo_name, context)
    plugins.create(app.engine, repo_name, context_stream(absolute, compress))
    app.write(repo_name + "\n")


def validate(repo_name: str, context: str) -> str:
    """docker's checks, in its order: the name, the directory, then config.json as JSON. The absolute path."""
    import os
    import stat

    from ...atomicfile import go_path_error
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        parse_normalized(repo_name)
    except InvalidReference as e:
        raise PydockError(str(e)) from None
    absolute = os.path.abspath(context)
    try:
        st = os.lstat(absolute)
    except OSError as e:
        raise PydockError(go_path_error("lstat", absolute, e)) from None
    if not stat.S_ISDIR(st.st_mode):
        raise PydockError("context must be a directory")
    config = os.path.join(context, "config.json")
    try:
        with open(config, "rb") as f:
            text = f.read()
    except OSError as e:
        raise PydockError(go_path_error("open", config, e)) from None
    check_config(text.decode("utf-8", "replace"))
    return absolute


KINDS = ((bool, "bool"), (str, "string"), ((int, float), "number"), (list, "array"))


def check_config(text: str) -> None:
    """json.NewDecoder(f).Decode(&types.PluginConfig{}): the first JSON value must be an object (or null);
    what follows it is not read. (A field of the wrong type is left to the daemon.)"""
    import json

    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.gojson import first_value

    try:
        found, value = first_value(text)
    except OptionError as e:
        raise PydockError(str(e)) from None
    if not found:
        raise PydockError("EOF")
    data = json.loads(value)
    for kind, name in KINDS:
        if isinstance(data, kind):
            raise PydockError(f"json: cannot unmarshal {name} into Go value of type types.PluginConfig")


def context_stream(directory: str, compress: bool):
    """The directory as a tar stream (gzip-compressed with --compress), produced while it is sent."""
    from ...build.context import ContextTar

    chunks = ContextTar(directory, [])
    if not compress:
        return chunks

    def gzipped():
        import zlib

        z = zlib.compressobj(wbits=31)
        for chunk in chunks:
            out = z.compress(chunk)
            if out:
                yield out
        yield z.flush()

    return gzipped()
