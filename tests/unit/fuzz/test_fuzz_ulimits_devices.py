"""`--ulimit`, `--restart`, `--device`, `--device-cgroup-rule`, `--blkio-weight-device`, `--device-*-bps/iops`,
`--gpus`: only OptionError escapes; what parses renders back to a value that parses the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pydock.opts._errors import OptionError
from pydock.opts.devices import (parse_device, parse_gpus, throttle_bps_device, throttle_iops_device,
                                 validate_cgroup_rule, validate_device_path, weight_device)
from pydock.opts.restart import parse_restart_policy
from pydock.opts.ulimits import NAMES, parse_ulimit

from ._fuzz import check_typed, junk, near, numbers, spliced

limits = st.one_of(numbers, st.integers(-(1 << 64), 1 << 64).map(str), st.sampled_from(["-1", "-0", "unlimited"]))
ulimits = st.one_of(spliced(st.sampled_from(NAMES + ("bogus", "NOFILE", "")), "=", limits),
                    spliced(st.sampled_from(NAMES), "=", limits, ":", limits),
                    spliced(st.sampled_from(NAMES), "=", limits, ":", limits, ":", limits), junk)


@given(ulimits)
def test_ulimit_raises_only_option_error_and_round_trips(value):
    parsed, _ = check_typed(parse_ulimit, value, errors=(OptionError,))
    if parsed is not None:
        assert parse_ulimit(f"{parsed['Name']}={parsed['Soft']}:{parsed['Hard']}") == parsed


@given(st.one_of(spliced(st.sampled_from(["no", "always", "on-failure", "unless-stopped", "", "bogus"]),
                         st.sampled_from(["", ":"]), near(limits)), junk))
def test_restart_raises_only_option_error_and_round_trips(value):
    parsed, _ = check_typed(parse_restart_policy, value, errors=(OptionError,))
    if parsed is not None and parsed["Name"]:
        again = parse_restart_policy(f"{parsed['Name']}:{parsed['MaximumRetryCount']}")
        assert again == parsed


dev_paths = st.sampled_from(["/dev/null", "/dev/sda", "/dev/zero", "dev/x", "/a/../b", "//x", "/", "", "rel",
                             "vendor.com/gpu=0", "nvidia.com/gpu=all", "/dev/é"])
dev_modes = st.sampled_from(["r", "w", "m", "rw", "rwm", "mrw", "rr", "x", ""])
device_specs = st.one_of(spliced(dev_paths), spliced(dev_paths, ":", dev_paths),
                         spliced(dev_paths, ":", dev_modes), spliced(dev_paths, ":", dev_paths, ":", dev_modes),
                         spliced(dev_paths, ":", dev_paths, ":", dev_modes, ":", dev_modes), junk)


def _device(value: str) -> dict:
    return parse_device(validate_device_path(value))


@given(device_specs)
def test_device_raises_only_option_error_and_round_trips(value):
    mapping, _ = check_typed(_device, value, errors=(OptionError,))
    if mapping is not None:
        rendered = f"{mapping['PathOnHost']}:{mapping['PathInContainer']}:{mapping['CgroupPermissions']}"
        assert _device(rendered) == mapping, rendered


@given(st.one_of(spliced(st.sampled_from("acbx"), " ", near(numbers), ":", st.sampled_from(["*", "1", "x"]), " ",
                         dev_modes), junk))
def test_cgroup_rule_raises_only_option_error(value):
    rule, _ = check_typed(validate_cgroup_rule, value, errors=(OptionError,))
    assert rule in (None, value)


rates = st.one_of(numbers, st.sampled_from(["1mb", "1.5g", "10kb", "1k", "x", "-1", "1e3", "1 MiB", "1tb", "1q"]))


@given(st.one_of(spliced(dev_paths, ":", rates), junk))
def test_blkio_device_values_raise_only_option_error_and_round_trip(value):
    for parser in (weight_device, throttle_bps_device, throttle_iops_device):
        parsed, _ = check_typed(parser, value, errors=(OptionError,))
        if parsed is not None:
            key = "Weight" if parser is weight_device else "Rate"
            assert parser(f"{parsed['Path']}:{parsed[key]}") == parsed


gpu_fields = st.sampled_from(["all", "2", "-1", "x", "count=1", "count=all", "count=x", "device=0", "device=0,1",
                              '"device=0,1"', "driver=nvidia", "capabilities=compute,utility",
                              '"capabilities=compute,utility"', "options=a=b", '"options=a=b,c"', "bogus=1", "",
                              "driver=", "count="])


@given(st.one_of(st.lists(gpu_fields, min_size=1, max_size=4).map(",".join), junk))
def test_gpus_raise_only_option_error(value):
    check_typed(parse_gpus, value, errors=(OptionError,))
