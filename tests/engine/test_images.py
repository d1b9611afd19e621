"""`pydock images` against `docker images`."""

from __future__ import annotations

import time

import pytest

from tests.engine.conftest import LABEL
from tests.engine.differential import assert_same

# images of other modules (builds, tags) share the session LABEL: this module filters on its own label
MODULE_LABEL = f"pydock.test.images={LABEL.partition('=')[2]}"


@pytest.fixture(scope="module")
def images():
    from tests.engine.conftest import Objects

    o = Objects()
    made = []
    for name, tag in (("a", "v1"), ("b", "latest")):
        made.append(o.image(f"pydock-test/img-{name}:{tag}", MODULE_LABEL))
        time.sleep(1.1)  # the daemon orders images by Created (seconds); equal seconds come in any order
    return made


def flt():
    return ("--filter", f"label={MODULE_LABEL}")


@pytest.mark.parametrize("flags", [
    (), ("-q",), ("--no-trunc",), ("--digests",), ("-a",), ("--format", "json"),
    ("--format", "{{.Repository}}:{{.Tag}} {{.Size}} {{.Containers}} {{.SharedSize}} {{.UniqueSize}} {{.VirtualSize}}"),
    ("--format", "table {{.Repository}}\t{{.ID}}\t{{.CreatedAt}}"), ("--format", "{{.Digest}}"),
    ("--digests=false",), ("-a=true",), ("-a=0",),
])
def test_images(images, flags):
    assert_same("images", *flags, *flt())


def test_reference_argument(images):
    assert_same("images", "pydock-test/img-a")
    assert_same("images", "pydock-test/img-a:v1", "-q")
    assert_same("images", "pydock-test/img-*")


@pytest.mark.parametrize("expr", ["dangling=false", "reference=pydock-test/img-b", "before=pydock-test/img-b:latest",
                                  "since=pydock-test/busybox:latest"])
def test_filters(images, expr):
    assert_same("images", "--filter", expr, *flt())


@pytest.mark.parametrize("args", [("--filter", "bogus=1"), ("--format", "{{.Nope}}"), ("--format", "{{.ID"), ("--digests=maybe",)])
def test_bad_input(args):
    out = assert_same("images", *args)
    assert out.returncode != 0 and "Traceback" not in out.stderr
