"""`pydock plugin upgrade`: a disabled plugin to another (or its own) remote image."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Upgrade a disabled plugin to a new tag", "pydock plugin upgrade vieux/sshfs vieux/sshfs:next"),)


@command("upgrade", examples=EXAMPLES, usage="[OPTIONS] PLUGIN [REMOTE]", args=(1, 2), help="Upgrade an existing plugin")
@click.argument("args", nargs=-1)
@click.option("--disable-content-trust", is_flag=True, default=True, help="Skip image verification (default true)")
@click.option("--grant-all-permissions", is_flag=True, help="Grant all permissions necessary to run the plugin")
@click.option("--skip-remote-check", is_flag=True,
              help="Do not check if specified remote plugin matches existing plugin image")
@click.pass_obj
def command(app, args, disable_content_trust, grant_all_permissions, skip_remote_check):
    from ...engine.api import plugins
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized
    from .._objects import confirm
    from ._pull import granted_privileges, remote_and_auth, show_stream

    try:
        plugin, _ = plugins.inspect_raw(app.engine, args[0])
    except PydockError as e:
        raise PydockError(f"error reading plugin data: {e}") from None
    if plugin.get("Enabled"):
        raise PydockError("the plugin must be disabled before upgrading")
    name = plugin.get("Name", "")
    given = args[1] if len(args) == 2 else plugin.get("PluginReference", "")

    def tagged(text: str, what: str):
        try:
            ref = parse_normalized(text)
        except InvalidReference as e:
            raise PydockError(f"{what}: {e}") from None
        return ref if ref.tag or ref.digest else ref.replace(tag="latest")

    new = tagged(given, "error parsing remote upgrade image reference")
    old = tagged(plugin.get("PluginReference", ""), "error parsing current image reference")
    app.write(f"Upgrading plugin {name} from {old.familiar_string()} to {new.familiar_string()}\n")
    if not skip_remote_check and str(new) != str(old):
        if not confirm(app, "Plugin images do not match, are you sure?"):
            return
    remote, header = remote_and_auth(app, given)
    granted = granted_privileges(app, remote, given, header, grant_all_permissions)
    try:
        with plugins.upgrade_stream(app.engine, name, remote, granted, header) as resp:
            show_stream(app, resp)
    except PydockError as e:
        if "target is image" in str(e):
            raise PydockError(f"{e} - Use `docker image pull`") from None
        raise
    app.write(f"Upgraded plugin {name} to {given}\n")
