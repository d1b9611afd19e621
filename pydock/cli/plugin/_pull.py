"""What `plugin install` and `plugin upgrade` share: the remote reference, its credentials, the privileges
prompt and the progress display (docker's buildPullConfig, acceptPrivileges, jsonstream.Display)."""

from __future__ import annotations

from ...errors import PydockError


def reference_error(e) -> PydockError:
    return PydockError(str(e))


def remote_and_auth(app, remote: str) -> tuple[str, str]:
    """The remote as the daemon gets it (normalised, a tag only if given: content trust is off, as docker's
    default) and the X-Registry-Auth for its registry."""
    from ...auth.store import resolve_for_domain
    from ...auth.types import AuthConfig, encode_header
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        ref = parse_normalized(remote)
    except InvalidReference as e:
        raise reference_error(e) from None
    auth = resolve_for_domain(app.config, ref.domain)
    return str(ref), encode_header(None if auth == AuthConfig() else auth)


def granted_privileges(app, remote: str, shown_name: str, header: str, grant_all: bool) -> list:
    """GET /plugins/privileges; unless --grant-all-permissions, the list and docker's question."""
    from ...engine.api import plugins
    from .._objects import confirm

    wanted = plugins.privileges(app.engine, remote, header)
    if wanted and not grant_all:
        app.write(f'Plugin "{shown_name}" is requesting the following privileges:\n')
        for p in wanted:
            values = " ".join(str(v) for v in (p.get("Value") or []))
            app.write(f" - {p.get('Name', '')}: [{values}]\n")
        if not confirm(app, "Do you grant the above permissions?"):
            raise PydockError(f"permission denied while installing plugin {remote}")
    return wanted


def show_stream(app, resp) -> None:
    from ...engine.jsonstream import iter_json
    from ...render.progress import display_json_messages

    display_json_messages(iter_json(app.engine.iter_bytes(resp)), app.out, tty=app.out_is_tty())
