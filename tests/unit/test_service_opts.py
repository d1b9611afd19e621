"""`service create` flag parsers (pydock.opts.service), against docker/cli's service/opts.go (v28.2.2)."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.service import placement_preference, service_mode


def test_placement_preference():
    assert placement_preference("spread=node.labels.zone") == {"Spread": {"SpreadDescriptor": "node.labels.zone"}}
    assert placement_preference("spread=") == {"Spread": {"SpreadDescriptor": ""}}
    for value, message in (("spread", 'placement preference must be of the format "<strategy>=<arg>"'),
                           ("=x", 'placement preference must be of the format "<strategy>=<arg>"'),
                           ("pack=node.id", "unsupported placement preference pack (only spread is supported)")):
        with pytest.raises(OptionError, match="^" + __import__("re").escape(message) + "$"):
            placement_preference(value)


@pytest.mark.parametrize("args,expected", [
    (("replicated",), {"Replicated": {}}),
    (("replicated", 3), {"Replicated": {"Replicas": 3}}),
    (("replicated", 0), {"Replicated": {"Replicas": 0}}),
    (("global",), {"Global": {}}),
    (("global-job",), {"GlobalJob": {}}),
    (("replicated-job",), {"ReplicatedJob": {}}),
    (("replicated-job", 5), {"ReplicatedJob": {"MaxConcurrent": 5, "TotalCompletions": 5}}),
    (("replicated-job", 5, 2), {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 5}}),
    (("replicated-job", None, 2), {"ReplicatedJob": {"MaxConcurrent": 2}}),
])
def test_modes(args, expected):
    assert service_mode(*args) == expected


@pytest.mark.parametrize("args,message", [
    (("global", 2), "replicas can only be used with replicated or replicated-job mode"),
    (("global", None, None, 1), "replicas-max-per-node can only be used with replicated or replicated-job mode"),
    (("global", None, 1), "max-concurrent can only be used with replicated-job mode"),
    (("replicated", 1, 1), "max-concurrent can only be used with replicated-job mode"),
    (("global-job", None, None, 2), "replicas-max-per-node can only be used with replicated or replicated-job mode"),
    (("global-job", None, 2), "max-concurrent can only be used with replicated-job mode"),
    (("global-job", 2), "replicas can only be used with replicated or replicated-job mode"),
    (("daemonset",), "Unknown mode: daemonset, only replicated and global supported"),
])
def test_mode_errors(args, message):
    with pytest.raises(OptionError) as info:
        service_mode(*args)
    assert str(info.value) == message


def test_update_config_defaults_then_flags():
    from pydock.opts.service import update_config

    assert update_config({}) is None
    assert update_config({"parallelism": 2, "delay": 10 * 10**9}) == {
        "Parallelism": 2, "Delay": 10 * 10**9, "Monitor": 5 * 10**9, "FailureAction": "pause",
        "MaxFailureRatio": 0, "Order": "stop-first"}
    assert update_config({"order": "start-first", "failure_action": "rollback"})["Order"] == "start-first"


def test_restart_policy_defaults_then_flags():
    from pydock.opts.service import restart_policy

    assert restart_policy({}) is None
    assert restart_policy({"condition": "on-failure"}) == {"Condition": "on-failure", "Delay": 5 * 10**9,
                                                           "MaxAttempts": 0}
    assert restart_policy({"window": 60 * 10**9, "max_attempts": 3}) == {
        "Condition": "any", "Delay": 5 * 10**9, "MaxAttempts": 3, "Window": 60 * 10**9}
