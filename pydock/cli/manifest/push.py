"""`pydock manifest push`: a local manifest list to its repository (images from other repositories of the
same registry are mounted and their manifests put by digest first, as docker does)."""

from __future__ import annotations

import click

from .._lazy import command

EXAMPLES = (("Push a list to a plain-http registry and forget it locally",
             "pydock manifest push --insecure --purge 127.0.0.1:5000/app:1"),)


@command("push", examples=EXAMPLES, usage="[OPTIONS] MANIFEST_LIST", args=(1, 1),
         help="Push a manifest list to a repository")
@click.argument("args", nargs=-1)
@click.option("--insecure", is_flag=True, help="Allow push to an insecure registry")
@click.option("-p", "--purge", is_flag=True, help="Remove the local manifest list after push")
@click.pass_obj
def command(app, args, insecure, purge):
    from ...auth.store import resolve_for_domain
    from ...errors import PydockError
    from ...opts.reference import parse_normalized
    from ...registry.client import MEDIA_LIST, Registry
    from ._model import Store, list_json, normalize, ordered, raw_of

    target = normalize(args[0])
    store = Store(app)
    manifests = store.get_list(str(target))
    if manifests is None:
        raise PydockError(f"No such manifest: {target}")
    if not manifests:
        raise PydockError(f"{target} not found")
    mounts = []
    for m in manifests:
        platform = (m.get("Descriptor") or {}).get("platform") or {}
        if not platform.get("architecture") or not platform.get("os"):
            raise PydockError(f"manifest {m.get('Ref')} must have an OS and Architecture to be pushed to a registry")
        source = parse_normalized(m.get("Ref", ""))
        if source.domain != target.domain:
            raise PydockError("cannot use source images from a different registry than the target image: "
                              f"{source.domain} != {target.domain}")
        if source.path != target.path:
            mounts.append((source, m))
    body = list_json(manifests).encode()

    scopes = [f"repository:{target.path}:pull,push"] + sorted({f"repository:{s.path}:pull" for s, _ in mounts})
    reg = Registry(target.domain, target.path, resolve_for_domain(app.config, target.domain), insecure=insecure,
                   scopes=scopes)
    try:
        def push():
            lines = []
            for source, m in mounts:
                raw = raw_of(m)
                manifest = ordered(raw)
                blobs = [manifest.get("config", {}).get("digest")] + [layer.get("digest") for layer in manifest.get("layers") or []]
                for blob in filter(None, blobs):
                    if not reg.mount_blob(blob, source.path):
                        if ((m.get("Descriptor") or {}).get("platform") or {}).get("os") != "windows":
                            raise PydockError(f"error mounting {source.path}@{blob} to {target}")
                digest = m["Descriptor"]["digest"]
                pushed = reg.put_manifest(digest, m["Descriptor"]["mediaType"], raw)
                lines.append(f"Pushed ref {target.name}@{digest} with digest: {pushed}\n")
                app.write(lines[-1])
            return reg.put_manifest(target.tag or target.digest, MEDIA_LIST, body)

        digest = reg.each_endpoint(push, reg.push_endpoints())
    finally:
        reg.close()
    if digest is None:
        raise PydockError(f"no such manifest: {target}")
    app.write(digest + "\n")
    if purge:
        store.remove(str(target))
