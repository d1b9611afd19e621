"""`pydock logout [SERVER]`: docker's logout (cli/command/registry/logout.go).

Prints `Removing login credentials for <host>` and erases the server's entry under every spelling
docker once stored it (`host`, `http://host`, `https://host`), from the credential helper when one
is configured, else from config.json. Only when every erase fails is there a warning; the exit
status is 0 either way, as docker's.
"""

from __future__ import annotations

import click

from ._lazy import DockerCommand


EXAMPLES = (
    ("Forget a registry's credentials", 'pydock logout registry.example.com'),
)


@click.command("logout", examples=EXAMPLES, cls=DockerCommand, usage="[SERVER]", args=(0, 1),
               help="\b\nLog out from a registry.\nIf no server is specified, the default is defined by the daemon.",
               short_help="Log out from a registry")
@click.argument("args", metavar="[SERVER]", nargs=-1)
@click.pass_obj
def command(app, args):
    run_logout(app, args[0] if args else "")


def logout_keys(server: str) -> tuple[str, list[str]]:
    """(the name printed, the keys to erase), as runLogout computes them."""
    from ..auth.types import INDEX_SERVER, convert_to_hostname

    if not server:
        return INDEX_SERVER, [INDEX_SERVER]
    host = convert_to_hostname(server)
    keys = []
    for key in (server, host, f"http://{host}", f"https://{host}"):
        keys.append(key)
    return host, keys


def run_logout(app, server: str) -> None:
    from ..auth.store import credentials_store
    from ..errors import PydockError

    host, keys = logout_keys(server)
    app.write(f"Removing login credentials for {host}\n")
    app.out.flush()
    errors: dict[str, str] = {}
    for key in keys:
        try:
            credentials_store(app.config, key).erase(key)
        except PydockError as e:
            errors[key] = str(e)
    if len(errors) == len(keys):
        app.err.write("WARNING: could not erase credentials:\n")
        for key, message in errors.items():
            app.err.write(f"{key}: {message}\n")
