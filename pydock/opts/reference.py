"""Image references as distribution/reference parses them: normalised (`docker.io/library/x:latest`)
and familiar (`x:latest`) forms. Pure functions, no I/O."""

from __future__ import annotations

import re

from ..record import Record

DEFAULT_DOMAIN = "docker.io"
LEGACY_DEFAULT_DOMAIN = "index.docker.io"
OFFICIAL_PREFIX = "library/"

_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALNUM}(?:{_SEPARATOR}{_ALNUM})*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_NAME = rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_REFERENCE = rf"^({_NAME})(?::({_TAG}))?(?:@({_DIGEST}))?$"  # compiled on first use (re caches it): 2 ms
_HEX64 = re.compile(r"^[a-f0-9]{64}$")
NAME_TOTAL_LENGTH_MAX = 255


class InvalidReference(ValueError):
    pass


class Reference(Record):
    domain: str
    path: str
    tag: str | None = None
    digest: str | None = None

    @property
    def name(self) -> str:
        return f"{self.domain}/{self.path}"

    def familiar_name(self) -> str:
        if self.domain == DEFAULT_DOMAIN:
            if self.path.startswith(OFFICIAL_PREFIX) and "/" not in self.path[len(OFFICIAL_PREFIX):]:
                return self.path[len(OFFICIAL_PREFIX):]
            return self.path
        return self.name

    def familiar_string(self) -> str:
        return self.familiar_name() + (f":{self.tag}" if self.tag else "") + (f"@{self.digest}" if self.digest else "")

    def __str__(self) -> str:
        return self.name + (f":{self.tag}" if self.tag else "") + (f"@{self.digest}" if self.digest else "")


def _split_domain(name: str) -> tuple[str, str]:
    first, sep, rest = name.partition("/")
    if not sep or (not any(c in first for c in ".:") and first != "localhost" and first.lower() == first):
        domain, remainder = DEFAULT_DOMAIN, name
    else:
        domain, remainder = first, rest
    if domain == LEGACY_DEFAULT_DOMAIN:
        domain = DEFAULT_DOMAIN
    if domain == DEFAULT_DOMAIN and "/" not in remainder:
        remainder = OFFICIAL_PREFIX + remainder
    return domain, remainder


def domain_path(remainder: str) -> str:
    """The name ParseNormalizedNamed reports: the remainder up to its first `:` (Go's IndexRune), so
    `Not:A:Ref` gives `library/Not` and `Foo@sha256:x` gives `library/Foo@sha256`, as docker says."""
    return remainder.split(":", 1)[0]


def parse_normalized(ref: str) -> Reference:
    """distribution/reference.ParseNormalizedNamed."""
    if _HEX64.match(ref):
        raise InvalidReference(f"invalid repository name ({ref}), cannot specify 64-byte hexadecimal strings")
    domain, remainder = _split_domain(ref)
    name_part = re.split(r"[:@]", remainder, maxsplit=1)[0]
    if name_part.lower() != name_part:
        raise InvalidReference(f"invalid reference format: repository name ({domain_path(remainder)}) must be lowercase")
    m = re.match(_REFERENCE, f"{domain}/{remainder}")
    if not m:
        raise InvalidReference("invalid reference format")
    name, tag, digest = m.groups()
    if len(name) > NAME_TOTAL_LENGTH_MAX:
        raise InvalidReference(f"repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters")
    return Reference(domain, name[len(domain) + 1:], tag, digest)


def familiar_image(image: str) -> str:
    """What `docker ps` shows in IMAGE for a container's image string (tag kept, digest dropped)."""
    try:
        ref = parse_normalized(image)
    except InvalidReference:
        return image
    return ref.familiar_name() + (f":{ref.tag}" if ref.tag else "")
