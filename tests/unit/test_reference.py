"""distribution/reference normalisation."""

import pytest

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
