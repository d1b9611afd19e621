"""`pydock swarm unlock-key`: the key that unlocks an autolocked manager (with --rotate, a new one)."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (
    ("Rotate the unlock key and print only the new key", "pydock swarm unlock-key --rotate -q"),
)


@command("unlock-key", examples=EXAMPLES, help="Manage the unlock key")
@click.option("-q", "--quiet", is_flag=True, help="Only display token")
@click.option("--rotate", is_flag=True, help="Rotate unlock key")
@click.pass_obj
def command(app, quiet, rotate):
    from ...engine.api import swarm
    from ...errors import PydockError
    from ._flags import unlock_text

    if rotate:
        sw = swarm.inspect(app.engine)
        spec = sw.get("Spec") or {}
        if not (spec.get("EncryptionConfig") or {}).get("AutoLockManagers"):
            raise PydockError("cannot rotate because autolock is not turned on")
        swarm.update(app.engine, (sw.get("Version") or {}).get("Index", 0), spec, rotate_manager_unlock_key=True)
        if not quiet:
            app.write("Successfully rotated manager unlock key.\n")
    try:
        key = swarm.unlock_key(app.engine).get("UnlockKey", "")
    except PydockError as e:
        raise PydockError(f"could not fetch unlock key: {e}") from None
    if not key:
        raise PydockError("no unlock key is set")
    app.write(f"{key}\n" if quiet else unlock_text(key))
