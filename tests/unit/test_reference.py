"""distribution/reference normalisation."""

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from pydock.opts import reference
from pydock.opts.reference import InvalidReference, parse_normalized


@pytest.mark.parametrize("ref, full, familiar", [
    ("busybox", "docker.io/library/busybox", "busybox"),
    ("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36"),
    ("user/app", "docker.io/user/app", "user/app"),
    ("index.docker.io/library/busybox", "docker.io/library/busybox", "busybox"),
    ("localhost/app", "localhost/app", "localhost/app"),
    ("localhost:5000/team/app:v1", "localhost:5000/team/app:v1", "localhost:5000/team/app:v1"),
    ("127.0.0.1:5000/app", "127.0.0.1:5000/app", "127.0.0.1:5000/app"),
    ("UPPER/case", "UPPER/case", "UPPER/case"),  # a capitalised first part is a registry host for docker
    ("Registry.Example.com/app", "Registry.Example.com/app", "Registry.Example.com/app"),
    ("busybox@sha256:" + "a" * 64, "docker.io/library/busybox@sha256:" + "a" * 64, "busybox@sha256:" + "a" * 64),
])
def test_parse_normalized(ref, full, familiar):
    r = parse_normalized(ref)
    assert str(r) == full
    assert r.familiar_string() == familiar


@pytest.mark.parametrize("ref, message", [
    ("upper/CASE", "invalid reference format: repository name (upper/CASE) must be lowercase"),
    ("CASE", "invalid reference format: repository name (library/CASE) must be lowercase"),
    ("Bad:Ref", "invalid reference format: repository name (library/Bad) must be lowercase"),
    ("localhost:5000/Bad:v1@sha256:" + "a" * 64, "invalid reference format: repository name (Bad) must be lowercase"),
    ("a::b", "invalid reference format"),
    ("", "invalid reference format"),
    ("app:", "invalid reference format"),
    ("-app", "invalid reference format"),
    ("a" * 64, "invalid repository name (" + "a" * 64 + "), cannot specify 64-byte hexadecimal strings"),
])
def test_invalid(ref, message):
    with pytest.raises(InvalidReference) as e:
        parse_normalized(ref)
    assert str(e.value) == message


def _by_regex(ref: str):
    """parse_normalized with the hand-checked short path switched off: the reference regex decides."""
    from unittest import mock

    with mock.patch.object(reference, "_simple", lambda domain, remainder: None):
        return _outcome(ref)


def _outcome(ref: str):
    try:
        return reference.parse_normalized(ref)
    except reference.InvalidReference as e:
        return f"error: {e}"


_REF_CHARS = "abcz09AZ._-/:@é+<> " + "\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_REF_CHARS, max_size=24) | st.from_regex(
    r"\A(?:[a-zA-Z0-9.-]{1,12}(?::[0-9]{0,5})?/)?[a-z0-9._-]{1,10}(?:/[a-z0-9._-]{1,8}){0,2}(?::[\w.-]{0,6})?(?:@[a-zA-Z0-9+._-]{1,8}:[0-9a-fA-F]{30,34})?\Z"))
def test_the_short_path_answers_as_the_regex(ref):
    assert _outcome(ref) == _by_regex(ref)


@pytest.mark.parametrize("ref", ["nginx", "nginx:1.25", "library/nginx:latest", "docker.io/library/busybox",
                                 "index.docker.io/foo/bar:v1", "localhost:5000/a/b:c", "registry.example.com/x__y/z--w",
                                 "127.0.0.1:5001/pydock/test:latest", "pydock-test/busybox:latest",
                                 "busybox@sha256:" + "a" * 64, "127.0.0.1:5000/x:y@sha256:" + "0" * 64])
def test_common_references_take_the_short_path(ref):
    domain, remainder = reference._split_domain(ref)
    assert reference._simple(domain, remainder) is not None
    assert _outcome(ref) == _by_regex(ref)
