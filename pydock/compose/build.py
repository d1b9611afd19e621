"""The build step of `up`, `create` and `run` (v2 ensureImagesExists → build): `compose build`'s classic
build (pydock.cli.compose.build) of the named services, its events on the caller's progress writer."""

from __future__ import annotations


def build_services(capp, project, names, *, writer=None) -> dict[str, str]:
    """Build `names` (already chosen by the caller, no dependencies added); {image name: image ID}."""
    from ..cli.compose.build import run_build

    return run_build(capp, tuple(names), project=project, writer=writer)
