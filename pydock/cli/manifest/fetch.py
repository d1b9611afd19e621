"""Fetching manifests from a registry as docker's registry client does (cli/registry/client/fetcher.go)."""

from __future__ import annotations

from ...errors import PydockError


def _registry(app, ref, insecure: bool):
    from ...auth.store import resolve_for_domain
    from ...registry.client import Registry

    return Registry(ref.domain, ref.path, resolve_for_domain(app.config, ref.domain), insecure=insecure)


def _pull_one(reg, ref_text: str, media: str, raw: bytes) -> dict:
    """pullManifestSchemaV2 / pullManifestOCISchema: the platform from the image's config blob."""
    from ...registry.client import MEDIA_OCI, MEDIA_SCHEMA2
    from ._model import image_manifest, ordered, platform_of

    if media not in (MEDIA_SCHEMA2, MEDIA_OCI):
        raise PydockError(f"{ref_text} is not a manifest")
    config = ordered(raw).get("config") or {}
    return image_manifest(ref_text, media, raw, platform_of(reg.blob(config.get("digest", ""))))


def _reference(ref) -> str:
    return ref.digest if ref.digest else ref.tag


def fetch_manifest(app, ref, insecure: bool) -> dict:
    from ...registry.client import MEDIA_LIST, MEDIA_OCI_INDEX

    reg = _registry(app, ref, insecure)
    try:
        def one():
            media, raw = reg.manifest(_reference(ref))
            if media in (MEDIA_LIST, MEDIA_OCI_INDEX):
                raise PydockError(f"{ref} is a manifest list")
            return _pull_one(reg, str(ref), media, raw)

        found = reg.each_endpoint(one)
    finally:
        reg.close()
    if found is None:
        raise PydockError(f"no such manifest: {ref}")
    return found


def fetch_list(app, ref, insecure: bool) -> list[dict]:
    from ...registry.client import MEDIA_LIST, MEDIA_OCI_INDEX
    from ._model import ordered

    reg = _registry(app, ref, insecure)
    try:
        def each():
            media, raw = reg.manifest(_reference(ref))
            if media not in (MEDIA_LIST, MEDIA_OCI_INDEX):
                raise PydockError(f"{ref} is not a manifest list")
            out = []
            for entry in ordered(raw).get("manifests") or []:
                child_media, child_raw = reg.manifest(entry.get("digest", ""))
                child_ref = f"{ref.name}@{entry.get('digest', '')}"
                if ref.tag:
                    child_ref = f"{ref.name}:{ref.tag}@{entry.get('digest', '')}"
                manifest = _pull_one(reg, child_ref, child_media, child_raw)
                manifest["Descriptor"]["platform"] = dict(entry.get("platform") or {})
                out.append(manifest)
            return out

        found = reg.each_endpoint(each)
    finally:
        reg.close()
    if found is None:
        raise PydockError(f"no such manifest: {ref}")
    return found
