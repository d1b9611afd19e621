"""The prune dry run's pure rules (pydock/cli/_pruneplan.py), against moby's daemon/prune.go semantics; the engine
test (tests/engine/test_system_prune.py) checks the whole plan against what a real prune then removes."""

from __future__ import annotations

import hashlib

import pytest

from pydock.cli import _pruneplan as plan
from pydock.errors import PydockError


def f(**values) -> dict:
    return {key.replace("_not", "!"): dict.fromkeys(vals, True) for key, vals in values.items()}


@pytest.mark.parametrize("filters,labels,expected", [
    (f(), None, True),
    (f(label=["a"]), None, False),
    (f(label=["a"]), {"a": ""}, True),
    (f(label=["a=1"]), {"a": "2"}, False),
    (f(label=["a=1", "b"]), {"a": "1", "b": "x"}, True),  # every value must match
    (f(label=["a=1", "b"]), {"a": "1"}, False),
    (f(label_not=["a"]), {"a": "1"}, False),
    (f(label_not=["a"]), {}, True),
    (f(label_not=["a", "b"]), {"a": "1"}, True),  # excluded only when every label! value matches
    (f(label_not=["a", "b"]), {"a": "1", "b": "2"}, False),
    (f(label=["a"], label_not=["b=2"]), {"a": "", "b": "3"}, True),
])
def test_match_labels(filters, labels, expected):
    assert plan.match_labels(filters, labels) is expected


def test_until_one_value_parsed_like_the_daemon():
    now = 1_700_000_000 * 1_000_000_000
    assert plan.until(f(until=["1h"]), now) == 1_700_000_000 - 3600
    assert plan.until(f(), now) is None
    with pytest.raises(PydockError, match="more than one until filter specified"):
        plan.until(f(until=["1h", "2h"]), now)
    with pytest.raises(PydockError, match='failed to parse value as time or duration: "xx"'):
        plan.until(f(until=["xx"]), now)


def test_filters_checked_per_kind():
    plan.check_filters("images", f(dangling=["true"], until=["1h"]))
    for kind, key in (("containers", "dangling"), ("volumes", "until"), ("networks", "nope")):
        with pytest.raises(PydockError, match=f"^Error response from daemon: Invalid filter '{key}'$"):
            plan.check_filters(kind, {key: {"x": True}})


def test_chain_ids():
    a, b = "sha256:" + "a" * 64, "sha256:" + "b" * 64
    second = "sha256:" + hashlib.sha256(f"{a} {b}".encode()).hexdigest()
    assert plan.chain_ids([a, b]) == [a, second]
    assert plan.chain_ids([]) == []


def test_containers_not_running_and_before_until():
    listed = [{"Id": "run", "State": "running", "Created": 1}, {"Id": "paused", "State": "paused", "Created": 1},
              {"Id": "old", "State": "exited", "Created": 100, "SizeRw": 5},
              {"Id": "new", "State": "created", "Created": 10**10, "SizeRw": 7},
              {"Id": "dead", "State": "dead", "Created": 100, "SizeRw": -1, "Labels": {"keep": ""}}]
    assert plan.containers(listed, {}) == (["old", "new", "dead"], 12)
    assert plan.containers(listed, f(until=["1000"]) | f(label_not=["keep"])) == (["old"], 5)


def test_images_layers_released_only_when_no_remaining_image_holds_them():
    base, top, other = "sha256:" + "1" * 64, "sha256:" + "2" * 64, "sha256:" + "3" * 64
    listed = [{"Id": "sha256:dangling", "RepoTags": [], "RepoDigests": [], "Size": 10, "SharedSize": 4},
              {"Id": "sha256:tagged", "RepoTags": ["app:1"], "RepoDigests": [], "Size": 9, "SharedSize": 4}]
    chains = {"sha256:dangling": plan.chain_ids([base, top]), "sha256:tagged": plan.chain_ids([base, other])}
    lines, space = plan.images(listed, set(), set(), {}, chains)
    assert lines == ["deleted: sha256:dangling", f"deleted: {chains['sha256:dangling'][1]}"] and space == 6
    lines, space = plan.images(listed, set(), set(), f(dangling=["false"]), chains)
    assert lines == ["deleted: sha256:dangling", f"deleted: {chains['sha256:dangling'][1]}", "untagged: app:1",
                     "deleted: sha256:tagged", f"deleted: {chains['sha256:tagged'][1]}", f"deleted: {base}"]
    assert plan.images(listed, {"sha256:dangling"}, {"sha256:tagged"}, f(dangling=["false"]), chains) == ([], 0)
