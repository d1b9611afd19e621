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


_LOWER_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_TAG_CHARS = _WORD | {".", "-"}
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ALNUM_CHARS = _LETTERS | frozenset("0123456789")
_HEX_CHARS = frozenset("0123456789abcdefABCDEF")
# ASCII characters no part of a reference can hold: a reference with one is refused without the regex
_NEVER = frozenset(chr(c) for c in range(128)) - _ALNUM_CHARS - frozenset("._-:/@[]+")
_DOMAIN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def _path_component(c: str) -> bool:
    """`[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`, by hand."""
    if not c or c[0] not in _LOWER_ALNUM or c[-1] not in _LOWER_ALNUM:
        return False
    run = ""
    for ch in c:
        if ch in _LOWER_ALNUM:
            if run and run not in (".", "_", "__") and run.strip("-"):
                return False
            run = ""
        else:
            run += ch
    return True


def _domain_ok(domain: str) -> bool:
    """A plain `host[.host...][:port]` (the regex's common case; IPv6 literals are left to the regex)."""
    host, colon, port = domain.partition(":")
    if colon and not (port.isascii() and port.isdigit()):
        return False
    return all(p and p[0] != "-" and p[-1] != "-" and set(p) <= _DOMAIN_CHARS for p in host.split("."))


def _digest_ok(digest: str) -> bool:
    """`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`, by hand."""
    algorithm, colon, hexpart = digest.partition(":")
    if not colon or len(hexpart) < 32 or not set(hexpart) <= _HEX_CHARS:
        return False
    for sep in "-_+":
        algorithm = algorithm.replace(sep, ".")
    return all(p and p[0] in _LETTERS and set(p) <= _ALNUM_CHARS for p in algorithm.split("."))


def _simple(domain: str, remainder: str) -> tuple[str, str | None, str | None] | None:
    """(name, tag, digest) of a reference the grammar accepts, checked without the reference regex
    (compiling it costs a command ~1 ms, and `ps` and `images` parse every row's references); None for
    anything else, which the regex decides. tests/unit/test_reference.py holds both to the same answers."""
    if domain != DEFAULT_DOMAIN and not _domain_ok(domain):
        return None
    rest, at, digest = remainder.partition("@")
    if at and not _digest_ok(digest):
        return None
    path, colon, tag = rest.partition(":")
    if colon and not (0 < len(tag) <= 128 and tag[0] in _WORD and set(tag) <= _TAG_CHARS):
        return None
    if not all(_path_component(c) for c in path.split("/")):
        return None
    return f"{domain}/{path}", tag if colon else None, digest if at else None


def parse_normalized(ref: str) -> Reference:
    """distribution/reference.ParseNormalizedNamed."""
    if _HEX64.match(ref):
        raise InvalidReference(f"invalid repository name ({ref}), cannot specify 64-byte hexadecimal strings")
    domain, remainder = _split_domain(ref)
    name_part = re.split(r"[:@]", remainder, maxsplit=1)[0]
    if name_part.lower() != name_part:
        raise InvalidReference(f"invalid reference format: repository name ({domain_path(remainder)}) must be lowercase")
    simple = _simple(domain, remainder)
    if simple is None and not _NEVER.isdisjoint(ref):  # `<none>:<none>`, `a b`: the regex cannot match
        raise InvalidReference("invalid reference format")
    if simple is not None:
        name, tag, digest = simple
    else:
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
