"""`builder prune`, `search` and `plugin`: side by side with the docker CLI, on the real engine where it can
answer, and on a stand-in daemon serving recorded answers where it cannot (Docker Hub is out of reach, no
plugin can be installed, the classic builder leaves no build cache): docker's own output is the oracle."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.differential import as_pydock, assert_same
from tests.fake_engine import FakeEngine

# docker (without the buildx plugin) warns on stderr before any `builder` command; pydock, a client of the
# classic builder by design, does not (as its `build` does not).
_BUILDX_WARNING = re.compile(r"DEPRECATED: The legacy builder is deprecated.*?https://docs\.docker\.com/go/buildx/\n\n", re.S)


def same_as_docker(*args, input=None, retries: int = 3):
    """docker and pydock agree on the exit status, stdout and stderr (docker's buildx warning aside)."""
    for _ in range(retries):
        theirs, ours = run_docker(*args, input=input), run_pydock(*args, input=input)
        expected = as_pydock(_BUILDX_WARNING.sub("", theirs.stderr))
        if (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, expected):
            return ours
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, expected), (ours, theirs)


# -- builder prune ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("builder", "prune", "-f"),
    ("builder", "prune", "-f", "-a", "--keep-storage", "1g"),
    ("builder", "prune", "--force", "--filter", "until=24h"),
])
def test_builder_prune_real_engine(args):
    """What is left to remove (usually nothing: a cache another client left is gone after the first
    run, and the retry then sees both agree)."""
    ours = same_as_docker(*args)
    assert ours.stdout.endswith("Total reclaimed space: 0B\n") or "Deleted build cache objects:" in ours.stdout


@pytest.mark.parametrize("args,input", [
    (("builder", "prune"), "n\n"),
    (("builder", "prune", "-a"), "no\n"),
    (("builder", "prune"), ""),  # end of input declines too
])
def test_builder_prune_declined(args, input):
    ours = same_as_docker(*args, input=input)
    assert ours.returncode == 0 and ours.stdout.endswith("Are you sure you want to continue? [y/N] ")


@pytest.mark.parametrize("args", [
    ("builder", "prune", "x"),
    ("builder", "prune", "-f", "--keep-storage", "1x"),
    ("builder", "prune", "-f", "--filter", "xx"),
    ("builder", "prune", "-f", "--filter", "foo=bar"),
    ("builder", "prune", "-f", "--filter", "until=abc"),
    ("builder", "prune", "-a=maybe"),
    ("builder", "build"),
    ("builder", "nope"),
])
def test_builder_errors(args):
    assert same_as_docker(*args).returncode != 0


def test_builder_prune_report_and_query():
    """A prune that deleted cache records: the listing, the total, and the very same request."""
    report = {"CachesDeleted": ["s3zw2m5fqxpn4zhya7jw1b59t", "myvi1w69600bpc2oqbauf3oc0"], "SpaceReclaimed": 123456789}
    with FakeEngine({("POST", "/build/prune"): (200, report)}) as fake:
        args = ("-H", fake.host, "builder", "prune", "-f", "-a", "--keep-storage", "1.5g", "--filter", "until=1h")
        ours = same_as_docker(*args, retries=1)
        assert "s3zw2m5fqxpn4zhya7jw1b59t\nmyvi1w69600bpc2oqbauf3oc0\n\nTotal reclaimed space: 123.5MB\n" in ours.stdout
        queries = [path for method, path, _ in fake.requests if method == "POST"]
        assert len(queries) == 2 and queries[0] == queries[1], queries
