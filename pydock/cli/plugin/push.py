"""`pydock plugin push`."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Push a plugin to a local registry", "pydock plugin push 127.0.0.1:5000/my/sshfs"),)


@command("push", examples=EXAMPLES, usage="[OPTIONS] PLUGIN[:TAG]", args=(1, 1), help="Push a plugin to a registry")
@click.argument("names", nargs=-1)
@click.option("--disable-content-trust", is_flag=True, default=True, help="Skip image signing (default true)")
@click.pass_obj
def command(app, names, disable_content_trust):
    from ...auth.store import resolve_for_domain
    from ...auth.types import AuthConfig, encode_header
    from ...engine.api import plugins
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized
    from ._pull import show_stream

    given = names[0]
    try:
        ref = parse_normalized(given)
    except InvalidReference as e:
        raise PydockError(str(e)) from None
    if ref.digest:
        raise PydockError(f"invalid name: {given}")
    ref = ref if ref.tag else ref.replace(tag="latest")
    auth = resolve_for_domain(app.config, ref.domain)
    with plugins.push_stream(app.engine, ref.familiar_string(), encode_header(None if auth == AuthConfig() else auth)) as resp:
        show_stream(app, resp)
