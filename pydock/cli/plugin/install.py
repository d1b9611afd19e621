"""`pydock plugin install`: pull a plugin, set its arguments and enable it, as docker's client does."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Install a plugin, granting what it asks", "pydock plugin install --grant-all-permissions vieux/sshfs DEBUG=1"),)


@command("install", examples=EXAMPLES, usage="[OPTIONS] PLUGIN [KEY=VALUE...]", args=(1, None), help="Install a plugin")
@click.argument("args", nargs=-1)
@click.option("--alias", metavar="string", default="", help="Local name for plugin")
@click.option("--disable", is_flag=True, help="Do not enable the plugin on install")
@click.option("--disable-content-trust", is_flag=True, default=True, help="Skip image verification (default true)")
@click.option("--grant-all-permissions", is_flag=True, help="Grant all permissions necessary to run the plugin")
@click.pass_obj
def command(app, args, alias, disable, disable_content_trust, grant_all_permissions):
    from ...engine.api import plugins
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized
    from ._pull import granted_privileges, remote_and_auth, show_stream

    given, settings = args[0], list(args[1:])
    local = ""
    if alias:
        try:
            ref = parse_normalized(alias)
        except InvalidReference as e:
            raise PydockError(str(e)) from None
        if ref.digest:
            raise PydockError(f"invalid name: {alias}")
        local = ref.familiar_name() + f":{ref.tag or 'latest'}"
    remote, header = remote_and_auth(app, given)
    try:
        granted = granted_privileges(app, remote, given, header, grant_all_permissions)
        stream = plugins.pull_stream(app.engine, remote, local, granted, header)
        resp = stream.__enter__()
    except PydockError as e:
        if "(image) when fetching" in str(e):
            raise PydockError(f'{e} - Use "docker image pull"') from None
        raise
    try:
        name = resp.headers.get("Docker-Plugin-Name", "")
        show_stream(app, resp)
        if settings:
            plugins.set(app.engine, name, settings)
        if not disable:
            plugins.enable(app.engine, name, timeout=0)
    finally:
        stream.__exit__(None, None, None)
    app.write(f"Installed plugin {given}\n")
