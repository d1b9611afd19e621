"""`pydock manifest annotate`: set the platform of one image in a local manifest list."""

from __future__ import annotations

import click

from .._lazy import command
from .._objects import STRINGS

EXAMPLES = (
    ("Mark an image of the list as linux/arm64/v8",
     "pydock manifest annotate --arch arm64 --variant v8 127.0.0.1:5000/app:1 127.0.0.1:5000/app:1-arm64"),
)


@command("annotate", examples=EXAMPLES, usage="[OPTIONS] MANIFEST_LIST MANIFEST", args=(2, 2),
         help="Add additional information to a local image manifest")
@click.argument("args", nargs=-1)
@click.option("--arch", default="", metavar="string", help="Set architecture")
@click.option("--os", "os_", default="", metavar="string", help="Set operating system")
@click.option("--os-features", type=STRINGS, multiple=True, metavar="strings", help="Set operating system feature")
@click.option("--os-version", default="", metavar="string", help="Set operating system version")
@click.option("--variant", default="", metavar="string", help="Set architecture variant")
@click.pass_obj
def command(app, args, arch, os_, os_features, os_version, variant):
    from ...errors import PydockError
    from ._model import VALID_OS_ARCH, Store, normalize

    try:
        target = normalize(args[0])
    except PydockError as e:
        raise PydockError(f"annotate: error parsing name for manifest list {args[0]}: {e}") from None
    try:
        image = normalize(args[1])
    except PydockError as e:
        raise PydockError(f"annotate: error parsing name for manifest {args[1]}: {e}") from None
    store = Store(app)
    try:
        manifest = store.get(str(target), str(image))
    except PydockError:
        raise PydockError(f"manifest for image {args[1]} does not exist in {args[0]}") from None
    descriptor = manifest["Descriptor"] = dict(manifest.get("Descriptor") or {})
    platform = descriptor["platform"] = dict(descriptor.get("platform") or {})
    if os_:
        platform["os"] = os_
    if arch:
        platform["architecture"] = arch
    for feature in [f for group in os_features for f in group]:
        features = platform.setdefault("os.features", [])
        if feature not in features:
            features.append(feature)
    if variant:
        platform["variant"] = variant
    if os_version:
        platform["os.version"] = os_version
    if (platform.get("os", ""), platform.get("architecture", "")) not in VALID_OS_ARCH:
        raise PydockError(f"manifest entry for image has unsupported os/arch combination: {os_}/{arch}")
    store.save(str(target), str(image), manifest)
