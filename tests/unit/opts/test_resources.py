"""--restart, --ulimit, --device and friends, --gpus, --platform."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.devices import (is_cdi_name, parse_device, parse_gpus, throttle_bps_device, throttle_iops_device,
                                 validate_cgroup_rule, validate_device_path, weight_device)
from pydock.opts.platforms import format_platform
from pydock.opts.restart import is_none, parse_restart_policy
from pydock.opts.ulimits import parse_ulimit, ulimit_list


@pytest.mark.parametrize("text, policy", [
    ("no", {"Name": "no", "MaximumRetryCount": 0}), ("always", {"Name": "always", "MaximumRetryCount": 0}),
    ("on-failure:3", {"Name": "on-failure", "MaximumRetryCount": 3}),
    ("on-failure", {"Name": "on-failure", "MaximumRetryCount": 0}),
    ("on-failure:", {"Name": "on-failure", "MaximumRetryCount": 0}),
    ("bogus", {"Name": "bogus", "MaximumRetryCount": 0}),  # the daemon judges the name
    ("", {"Name": "", "MaximumRetryCount": 0}), ("always:-1", {"Name": "always", "MaximumRetryCount": -1}),
])
def test_restart_policy(text, policy):
    assert parse_restart_policy(text) == policy


@pytest.mark.parametrize("text, message", [
    (":3", "invalid restart policy format: no policy provided before colon"),
    ("on-failure:x", "invalid restart policy format: maximum retry count must be an integer"),
    ("on-failure:1.5", "invalid restart policy format: maximum retry count must be an integer"),
])
def test_restart_policy_errors(text, message):
    with pytest.raises(OptionError) as e:
        parse_restart_policy(text)
    assert str(e.value) == message


def test_restart_none():
    assert is_none(parse_restart_policy("no")) and is_none(parse_restart_policy(""))
    assert not is_none(parse_restart_policy("always"))


@pytest.mark.parametrize("text, ulimit", [
    ("nofile=1024:2048", {"Name": "nofile", "Hard": 2048, "Soft": 1024}),
    ("nproc=64", {"Name": "nproc", "Hard": 64, "Soft": 64}),
    ("core=-1", {"Name": "core", "Hard": -1, "Soft": -1}),
    ("core=5:-1", {"Name": "core", "Hard": -1, "Soft": 5}),
])
def test_ulimits(text, ulimit):
    assert parse_ulimit(text) == ulimit


@pytest.mark.parametrize("text, message", [
    ("nofile", "invalid ulimit argument: nofile"), ("bogus=1", "invalid ulimit type: bogus"),
    ("nofile=20:10", "ulimit soft limit must be less than or equal to hard limit: 20 > 10"),
    ("nofile=-1:5", "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5"),
    ("nofile=1:2:3", "too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`"),
    ("nofile=x", 'strconv.ParseInt: parsing "x": invalid syntax'),
    ("nofile=1:x", 'strconv.ParseInt: parsing "x": invalid syntax'),
    ("nofile=0x10", 'strconv.ParseInt: parsing "0x10": invalid syntax'),
])
def test_ulimit_errors(text, message):
    with pytest.raises(OptionError) as e:
        parse_ulimit(text)
    assert str(e.value) == message


def test_ulimits_sorted_and_last_wins():
    parsed = [parse_ulimit(v) for v in ("nproc=5", "nofile=1:2", "core=0", "nofile=3:4")]
    assert [u["Name"] for u in ulimit_list(parsed)] == ["core", "nofile", "nproc"]
    assert ulimit_list(parsed)[1] == {"Name": "nofile", "Hard": 4, "Soft": 3}


@pytest.mark.parametrize("text, mapping", [
    ("/dev/null", {"PathOnHost": "/dev/null", "PathInContainer": "/dev/null", "CgroupPermissions": "rwm"}),
    ("/dev/null:/dev/n", {"PathOnHost": "/dev/null", "PathInContainer": "/dev/n", "CgroupPermissions": "rwm"}),
    ("/dev/null:r", {"PathOnHost": "/dev/null", "PathInContainer": "/dev/null", "CgroupPermissions": "r"}),
    ("/dev/null:/dev/n:rw", {"PathOnHost": "/dev/null", "PathInContainer": "/dev/n", "CgroupPermissions": "rw"}),
    ("/dev/full:/dev/f/../f2", {"PathOnHost": "/dev/full", "PathInContainer": "/dev/f2", "CgroupPermissions": "rwm"}),
])
def test_devices(text, mapping):
    assert parse_device(validate_device_path(text)) == mapping


@pytest.mark.parametrize("text, message", [
    ("/dev/null:rel", "rel is not an absolute path"), ("/dev/null:/x:bad", "bad mode specified: bad"),
    (":/x", "bad format for path: :/x"), ("a:b:c:d", "bad format for path: a:b:c:d"),
    ("/dev/null:/x:rr", "bad mode specified: rr"),
])
def test_device_errors(text, message):
    with pytest.raises(OptionError) as e:
        validate_device_path(text)
    assert str(e.value) == message


def test_cdi_names_and_cgroup_rules():
    assert is_cdi_name("vendor.com/class=name") and not is_cdi_name("/dev/null")
    assert validate_cgroup_rule("c 1:3 rwm") == "c 1:3 rwm"
    assert validate_cgroup_rule("a *:* r") == "a *:* r"
    with pytest.raises(OptionError) as e:
        validate_cgroup_rule("bad")
    assert str(e.value) == "invalid device cgroup format 'bad'"


def test_blkio_devices():
    assert weight_device("/dev/sda:200") == {"Path": "/dev/sda", "Weight": 200}
    assert weight_device("/dev/sda:0") == {"Path": "/dev/sda", "Weight": 0}
    assert throttle_bps_device("/dev/sda:1mb") == {"Path": "/dev/sda", "Rate": 1048576}
    assert throttle_iops_device("/dev/sda:5") == {"Path": "/dev/sda", "Rate": 5}
    for parser, text, message in (
            (weight_device, "/dev/sda:5", "invalid weight for device: /dev/sda:5"),
            (weight_device, "sda:5", "bad format for device path: sda:5"),
            (weight_device, "/dev/sda", "bad format: /dev/sda"),
            (throttle_iops_device, "/dev/sda:x", "invalid rate for device: /dev/sda:x. The correct format is "
                                                 "<device-path>:<number>. Number must be a positive integer"),
            (throttle_bps_device, "/dev/sda:x", "invalid rate for device: /dev/sda:x. The correct format is "
                                                "<device-path>:<number>[<unit>]. Number must be a positive integer. "
                                                "Unit is optional and can be kb, mb, or gb")):
        with pytest.raises(OptionError) as e:
            parser(text)
        assert str(e.value) == message


@pytest.mark.parametrize("text, request_", [
    ("all", {"Driver": "", "Count": -1, "DeviceIDs": None, "Capabilities": [["gpu"]], "Options": {}}),
    ("2", {"Driver": "", "Count": 2, "DeviceIDs": None, "Capabilities": [["gpu"]], "Options": {}}),
    ('"device=0,1",capabilities=compute',
     {"Driver": "", "Count": 0, "DeviceIDs": ["0", "1"], "Capabilities": [["compute", "gpu"]], "Options": {}}),
    ("driver=nvidia,count=1,options=a=b",
     {"Driver": "nvidia", "Count": 1, "DeviceIDs": None, "Capabilities": [["gpu"]], "Options": {"a": "b"}}),
])
def test_gpus(text, request_):
    assert parse_gpus(text) == request_


@pytest.mark.parametrize("text, message", [
    ("count=x", 'invalid count (x): value must be either "all" or an integer: invalid syntax'),
    ("count=1,count=2", "gpu request key 'count' can be specified only once"),
    ("bogus=1", "unexpected key 'bogus' in 'bogus=1'"),
])
def test_gpu_errors(text, message):
    with pytest.raises(OptionError) as e:
        parse_gpus(text)
    assert str(e.value) == message


@pytest.mark.parametrize("text, formatted", [
    ("linux/amd64", "linux/amd64"), ("linux/x86_64", "linux/amd64"), ("Linux/ARM64", "linux/arm64"),
    ("linux/arm/7", "linux/arm/v7"), ("linux/arm", "linux/arm"), ("linux/aarch64/v8", "linux/arm64/v8"),
    ("linux/arm64/v8.0", "linux/arm64/v8"), ("armhf", "linux/arm"), ("armel", "linux/arm/v6"), ("i386", "linux/386"),
    ("windows(10.0)/amd64", "windows/amd64"), ("macos/arm64", "darwin/arm64"),
])
def test_platforms(text, formatted):
    assert format_platform(text) == formatted


@pytest.mark.parametrize("text, message", [
    ("bogus", '"bogus": unknown operating system or architecture: invalid argument'),
    ("bogus/x/y/z", '"bogus/x/y/z": cannot parse platform specifier: invalid argument'),
    ("linux/*", '"linux/*": wildcards not yet supported: invalid argument'),
    ("linux/a b", '"a b" is an invalid component of "linux/a b": platform specifier component must match '
                  '"^[A-Za-z0-9_.-]+$": invalid argument'),
])
def test_platform_errors(text, message):
    with pytest.raises(OptionError) as e:
        format_platform(text)
    assert str(e.value) == message
