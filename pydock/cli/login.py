"""`pydock login [SERVER]`: docker's login (cli/command/registry/login.go, docker 28).

The server is Docker Hub (`https://index.docker.io/v1/`) without an argument or with `docker.io`,
otherwise `host[:port]` (`http://host:5000/v2/` is stored as `host:5000`). Stored credentials are
tried first when no -u/-p is given; then -u/-p/--password-stdin or the prompt on a terminal. The
engine checks the credentials (POST /auth); only then are they stored: a credential helper when
config.json names one (`credsStore`, `credHelpers`), else config.json `auths` (base64 user:pass),
written atomically. A failed login stores nothing. Messages and exit statuses are docker's.

Deviation: no Docker Hub web (device-code) login: Docker Hub gets the username/password prompt.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import click

from ._lazy import DockerCommand

REGISTER_SUGGEST = ("Log in with your Docker ID or email address to push and pull images from Docker Hub. "
                    "If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.")
PAT_SUGGEST = ("You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT "
               "grants better security and is required for organizations using SSO. Learn more at "
               "https://docs.docker.com/go/access-tokens/")
NON_TTY = "Error: Cannot perform an interactive login from a non TTY device"


@dataclass
class LoginOptions:
    server: str = ""
    user: str = ""
    password: str = ""
    password_stdin: bool = False
    user_set: bool = False
    password_set: bool = False


EXAMPLES = (
    ('Log in without the password on the command line', 'echo "$TOKEN" | pydock login -u ci --password-stdin registry.example.com'),
)


@click.command("login", examples=EXAMPLES, cls=DockerCommand, usage="[OPTIONS] [SERVER]", args=(0, 1),
               help="\b\nAuthenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
               short_help="Authenticate to a registry")
@click.argument("args", metavar="[SERVER]", nargs=-1)
@click.option("-p", "--password", default=None, metavar="string", help="Password or Personal Access Token (PAT)")
@click.option("--password-stdin", is_flag=True, help="Take the Password or Personal Access Token (PAT) from stdin")
@click.option("-u", "--username", default=None, metavar="string", help="Username")
@click.pass_obj
def command(app, args, password, password_stdin, username):
    opts = LoginOptions(args[0] if args else "", username or "", password or "", password_stdin,
                        username is not None, password is not None)
    run_login(app, opts)


def verify_flags(opts: LoginOptions) -> None:
    """verifyLoginFlags: the flag combinations docker refuses, with its messages (exit 1)."""
    from ..errors import PydockError

    if opts.password_stdin:
        if opts.password_set:
            raise PydockError("conflicting options: cannot specify both --password and --password-stdin")
        if not opts.user_set:
            raise PydockError("the --password-stdin option requires --username to be set")
    if opts.user_set and not opts.user:
        raise PydockError("username is empty")
    if opts.password_set and not opts.password:
        raise PydockError("password is empty")


def strip_secret(data: bytes) -> str:
    """--password-stdin: one trailing "\\n", then one "\\r", removed; nothing else."""
    text = data.decode("utf-8", "replace")
    return text.removesuffix("\n").removesuffix("\r")


def server_address(arg: str) -> str:
    from ..auth.types import DEFAULT_NAMESPACE, INDEX_SERVER

    return arg if arg and arg != DEFAULT_NAMESPACE else INDEX_SERVER


def run_login(app, opts: LoginOptions) -> None:
    from ..auth.store import credentials_store
    from ..auth.types import INDEX_SERVER, AuthConfig, convert_to_hostname
    from ..errors import PydockError, Unauthorized

    verify_flags(opts)
    if opts.password:
        app.err.write("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n")
    if opts.password_stdin:
        if not opts.user:
            raise PydockError("username is empty")
        opts.password = strip_secret(_stdin().buffer.read())

    address = server_address(opts.server)
    is_default = address == INDEX_SERVER
    key = address if is_default else convert_to_hostname(address)

    stored = AuthConfig(serveraddress=key)
    lookup_failed = False
    if not opts.user and not opts.password:
        try:
            stored = credentials_store(app.config, key).get(key).with_(serveraddress=key, identitytoken="")
        except Exception as e:  # noqa: BLE001 - a failing helper or a broken entry: prompt instead, as docker
            if not isinstance(e, (PydockError, ValueError)):
                raise
            stored, lookup_failed = AuthConfig(serveraddress=key), True

    status = None
    if not lookup_failed and stored.username and stored.password:
        app.err.write(f"Authenticating with existing credentials... [Username: {stored.username}]\n")
        app.err.write("\n Info -> To login with a different account, run 'docker logout' followed by "
                      "'docker login'\n\n\n")
        try:
            status, stored = _authenticate(app, stored)
        except Unauthorized:
            app.err.write("Stored credentials invalid or expired\n")
        except PydockError as e:
            app.err.write(f"Login did not succeed, error: {e}\n")
        else:
            _store(app, stored)

    if status is None:
        auth = _prompt_credentials(app, opts, stored.username, key)
        status, auth = _authenticate(app, auth)
        _store(app, auth)
    if status:
        app.write(f"{status}\n")


def _authenticate(app, auth):
    """POST /auth -> (status, credentials to store): an identity token from the registry replaces
    the password."""
    from ..engine.api import system

    response = system.auth(app.engine, auth.username, auth.password, auth.serveraddress) or {}
    token = response.get("IdentityToken") or ""
    if token:
        auth = auth.with_(password="", identitytoken=token)
    return response.get("Status") or "", auth


def _store(app, auth) -> None:
    from ..auth.store import credentials_store
    from ..errors import PydockError

    store = credentials_store(app.config, auth.serveraddress, warn=app.err)
    try:
        store.store(auth)
    except PydockError as e:
        raise PydockError(f"Error saving credentials: {e}") from None


def _stdin():
    return sys.stdin


def _prompt_credentials(app, opts: LoginOptions, default_user: str, key: str):
    """PromptUserForCredentials: whatever -u/-p did not give is asked for on the terminal."""
    from ..auth.types import INDEX_SERVER, AuthConfig
    from ..errors import PydockError

    user, password = opts.user.strip(), opts.password.strip()
    if (not opts.user or not opts.password) and not _stdin_is_tty():
        raise PydockError(NON_TTY)
    if not user:
        if key == INDEX_SERVER:
            app.write(REGISTER_SUGGEST + "\n" + PAT_SUGGEST + "\n\n")
        default_user = default_user.strip()
        user = _read_line(app, f"Username ({default_user}): " if default_user else "Username: ") or default_user
        if not user:
            raise PydockError("Error: Non-null Username Required")
    if not password:
        if key == INDEX_SERVER:
            app.err.write("\n Info -> A Personal Access Token (PAT) can be used instead.\n"
                          "         To create a PAT, visit https://app.docker.com/settings\n\n\n")
        password = _read_secret(app, "Password: ")
        app.write("\n")
        if not password:
            raise PydockError("Error: Password Required")
    return AuthConfig(username=user, password=password, serveraddress=key)


def _stdin_is_tty() -> bool:
    try:
        return _stdin().isatty()
    except (AttributeError, ValueError):
        return False


def _read_line(app, prompt: str) -> str:
    app.write(prompt)
    app.out.flush()
    line = _stdin().readline()
    return line.strip()


def _read_secret(app, prompt: str) -> str:
    """The password with the terminal's echo off (restored whatever happens)."""
    import termios

    stdin = _stdin()
    fd = stdin.fileno()
    old = termios.tcgetattr(fd)
    new = termios.tcgetattr(fd)
    new[3] &= ~termios.ECHO
    try:
        termios.tcsetattr(fd, termios.TCSADRAIN, new)  # echo off before the prompt shows: nothing typed leaks
        app.write(prompt)
        app.out.flush()
        line = stdin.readline()
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        except termios.error:
            app.err.write("Error: failed to restore terminal state to echo input\n")
    return line.strip()
