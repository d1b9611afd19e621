"""`pydock tag` / `pydock image tag`: another name for an image, validated as docker's client does."""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

from .._complete import complete_images
from .._lazy import command

_IDENTIFIER = re.compile(r"[a-f0-9]{64}")
_DIGEST = re.compile(r"(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})")


class TagError(ValueError):
    pass


@dataclass(frozen=True)
class TagTarget:
    repo: str
    tag: str


def _invalid(ref: str, why: str) -> TagError:
    return TagError(f'Error parsing reference: "{ref}" is not a valid repository/tag: {why}')


def check_source(source: str) -> None:
    """reference.ParseAnyReference: an image ID or a digest is fine as it is; anything else must be a name."""
    from ...opts.reference import InvalidReference, parse_normalized

    if _IDENTIFIER.fullmatch(source) or _DIGEST.fullmatch(source):
        return
    try:
        parse_normalized(source)
    except InvalidReference as e:
        raise _invalid(source, str(e)) from None


def tag_target(target: str) -> TagTarget:
    """ParseNormalizedNamed + TagNameOnly: the full repository name and the tag (`latest` by default)."""
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        ref = parse_normalized(target)
    except InvalidReference as e:
        raise _invalid(target, str(e)) from None
    if ref.digest:
        raise TagError("refusing to create a tag with a digest reference")
    return TagTarget(ref.name, ref.tag or "latest")


EXAMPLES = (
    ('Give an image a registry name', 'pydock tag myapp:1.2 127.0.0.1:5000/myapp:1.2'),
)


@command("tag", examples=EXAMPLES, usage="SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", args=(2, 2),
         help="Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
         context_settings={"help_option_names": ["--help"], "max_content_width": 100,
                           "allow_interspersed_args": False})
@click.argument("images", nargs=-1, shell_complete=complete_images)
@click.pass_obj
def command(app, images):
    run_tag(app, images[0], images[1])


def run_tag(app, source: str, target: str) -> None:
    from ...engine.api import images
    from ...errors import PydockError

    try:
        check_source(source)
        where = tag_target(target)
    except TagError as e:
        raise PydockError(str(e)) from None
    images.tag(app.engine, source, where.repo, where.tag)
