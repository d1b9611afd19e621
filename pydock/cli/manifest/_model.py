"""docker's manifest types (cli/manifest/types): an ImageManifest is a dict in Go's field order
{"Ref", "Descriptor", "Raw" (base64), "SchemaV2Manifest" | "OCIManifest"}; the local store
(~/.docker/manifests/<list>/<image>, file-safe names) holds them as docker writes them."""

from __future__ import annotations

import base64
import json
from collections import OrderedDict

from ...errors import PydockError

PLATFORM_KEYS = ("architecture", "os", "os.version", "os.features", "variant")


def normalize(ref: str):
    """normalizeReference: ParseNormalizedNamed, then `:latest` unless there is a tag or digest."""
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        named = parse_normalized(ref)
    except InvalidReference as e:
        raise PydockError(str(e)) from None
    return named if named.tag or named.digest else named.replace(tag="latest")


def file_safe(ref: str) -> str:
    return ref.replace(":", "-").replace("/", "_")


def ordered(raw: bytes):
    return json.loads(raw, object_pairs_hook=OrderedDict)


def platform_of(config: bytes) -> dict:
    """json.Unmarshal(config, &ocispec.Platform{}): the platform fields a config names, in struct order."""
    data = json.loads(config)
    return {k: data[k] for k in PLATFORM_KEYS if data.get(k)}


def image_manifest(ref: str, media: str, raw: bytes, platform: dict) -> dict:
    from ...registry.client import MEDIA_OCI, digest_of

    return {
        "Ref": ref,
        "Descriptor": {"mediaType": media, "digest": digest_of(raw), "size": len(raw), "platform": platform},
        "Raw": base64.b64encode(raw).decode(),
        ("OCIManifest" if media == MEDIA_OCI else "SchemaV2Manifest"): ordered(raw),
    }


def raw_of(manifest: dict) -> bytes:
    return base64.b64decode(manifest.get("Raw") or "")


def list_json(manifests: list[dict]) -> str:
    """manifestlist.FromDescriptors(...).MarshalJSON(): docker's list, indented with three blanks."""
    from ...opts.gojson import go_json
    from ...registry.client import MEDIA_LIST

    entries = []
    for m in manifests:
        d = m.get("Descriptor") or {}
        p = d.get("platform") or {}
        platform = {"architecture": p.get("architecture", ""), "os": p.get("os", "")}
        for key in ("os.version", "os.features", "variant", "features"):
            if p.get(key):
                platform[key] = p[key]
        entries.append({"mediaType": d.get("mediaType", ""), "size": d.get("size", 0), "digest": d.get("digest", ""),
                        "platform": platform})
    return go_json({"schemaVersion": 2, "mediaType": MEDIA_LIST, "manifests": entries}, indent="   ")


def ordered_platform(platform: dict) -> dict:
    """ocispec.Platform's field order, empty fields left out."""
    return {k: platform[k] for k in PLATFORM_KEYS if platform.get(k)}


VALID_OS_ARCH = {
    ("darwin", "386"), ("darwin", "amd64"), ("darwin", "arm"), ("darwin", "arm64"), ("dragonfly", "amd64"),
    ("freebsd", "386"), ("freebsd", "amd64"), ("freebsd", "arm"), ("linux", "386"), ("linux", "amd64"),
    ("linux", "arm"), ("linux", "arm64"), ("linux", "ppc64le"), ("linux", "mips64"), ("linux", "mips64le"),
    ("linux", "riscv64"), ("linux", "s390x"), ("netbsd", "386"), ("netbsd", "amd64"), ("netbsd", "arm"),
    ("openbsd", "386"), ("openbsd", "amd64"), ("openbsd", "arm"), ("plan9", "386"), ("plan9", "amd64"),
    ("solaris", "amd64"), ("windows", "386"), ("windows", "amd64"),
}


class Store:
    """The local manifest lists, where docker keeps them (<config dir>/manifests)."""

    def __init__(self, app):
        self.root = app.config_dir / "manifests"

    def get(self, list_ref: str, ref: str) -> dict:
        return self._read(self.root / file_safe(list_ref) / file_safe(ref), ref)

    def get_list(self, list_ref: str) -> list[dict] | None:
        directory = self.root / file_safe(list_ref)
        try:
            names = sorted(p.name for p in directory.iterdir())
        except FileNotFoundError:
            return None
        return [self._read(directory / name, list_ref) for name in names]

    def save(self, list_ref: str, ref: str, manifest: dict) -> None:
        """docker writes json.Marshal(image) with mode 0644; pydock writes it whole (temp file + rename)."""
        from ...atomicfile import write_atomic
        from ...opts.gojson import go_json

        directory = self.root / file_safe(list_ref)
        directory.mkdir(mode=0o755, parents=True, exist_ok=True)
        manifest = dict(manifest)
        descriptor = dict(manifest.get("Descriptor") or {})
        if "platform" in descriptor:
            descriptor["platform"] = ordered_platform(descriptor["platform"] or {})
        manifest["Descriptor"] = descriptor
        write_atomic(str(directory / file_safe(ref)), go_json(manifest, indent=None).encode(), mode=0o644)

    def remove(self, list_ref: str) -> None:
        import shutil

        shutil.rmtree(self.root / file_safe(list_ref), ignore_errors=True)

    @staticmethod
    def _read(path, ref: str) -> dict:
        try:
            text = path.read_bytes()
        except FileNotFoundError:
            raise PydockError(f"No such manifest: {ref}") from None
        data = json.loads(text, object_pairs_hook=OrderedDict)
        for key in ("SchemaV2Manifest", "OCIManifest"):
            if data.get(key) is None:
                data.pop(key, None)
        return data
