"""`pydock swarm update`: change the swarm's settings (without a flag: the help, as docker)."""

from __future__ import annotations

import click

from .._lazy import command
from ._flags import autolock_flag, swarm_flags

EXAMPLES = (
    ("Keep fewer old tasks", "pydock swarm update --task-history-limit 2"),
)


@command("update", examples=EXAMPLES, help="Update the swarm")
@autolock_flag("Change manager autolocking setting (true|false)")
@swarm_flags
@click.pass_context
def command(ctx, autolock, **spec_flags):
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts.swarm import merge_spec
    from .._objects import require_api
    from ._flags import changed, unlock_text

    app = ctx.obj
    flags = changed(**spec_flags, autolock=autolock)
    if not flags:
        app.write(ctx.get_help() + "\n")
        return
    if "max_snapshots" in flags:
        require_api(app, "max-snapshots", "1.25")
    if "snapshot_interval" in flags:
        require_api(app, "snapshot-interval", "1.25")
    sw = swarm.inspect(app.engine)
    spec = sw.get("Spec") or {}
    before = bool((spec.get("EncryptionConfig") or {}).get("AutoLockManagers"))
    trust_root = ((sw.get("ClusterInfo") or sw).get("TLSInfo") or {}).get("TrustRoot", "")
    merge_spec(spec, flags, trust_root)
    after = bool((spec.get("EncryptionConfig") or {}).get("AutoLockManagers"))
    swarm.update(app.engine, (sw.get("Version") or {}).get("Index", 0), spec)
    app.write("Swarm updated.\n")
    if after and not before:
        try:
            key = swarm.unlock_key(app.engine).get("UnlockKey", "")
        except PydockError as e:
            raise PydockError(f"could not fetch unlock key: {e}") from None
        app.write(unlock_text(key))
