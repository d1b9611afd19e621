"""`--device`, `--device-cgroup-rule`, `--blkio-weight-device`, `--device-read/write-bps/iops`
(docker/cli container/opts.go, opts/throttledevice.go, opts/weightdevice.go). Linux daemons only."""

from __future__ import annotations

import posixpath
import re

from ._errors import OptionError
from .units import ram_in_bytes

_CGROUP_RULE = re.compile(r"[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}")
_CDI_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9._-]*(?:\.[a-zA-Z0-9][a-zA-Z0-9._-]*)+/[a-zA-Z0-9][a-zA-Z0-9._-]*=[a-zA-Z0-9_.:-]+")
_UINT = re.compile(r"[0-9]+")


def valid_device_mode(mode: str) -> bool:
    """A combination of r, w and m, each at most once."""
    return bool(mode) and all(c in "rwm" for c in mode) and len(set(mode)) == len(mode)


def is_cdi_name(device: str) -> bool:
    """A fully qualified CDI device name (`vendor.com/class=name`): sent as a DeviceRequest instead."""
    return _CDI_NAME.fullmatch(device) is not None


def _clean(path: str) -> str:
    cleaned = posixpath.normpath(path) if path else "."
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def validate_device_path(value: str) -> str:
    """validateLinuxPath: `[host-dir:]container-path[:mode]`, the container path absolute."""
    if value.count(":") > 2 or value.split(":", 1)[0] == "":
        raise OptionError(f"bad format for path: {value}")
    parts = value.split(":")
    mode = ""
    if len(parts) == 1:
        target, value = parts[0], _clean(parts[0])
    elif len(parts) == 2 and valid_device_mode(parts[1]):
        target, mode = parts
        value = f"{_clean(target)}:{mode}"
    elif len(parts) == 2:
        target = parts[1]
        value = f"{parts[0]}:{_clean(target)}"
    else:
        target, mode = parts[1], parts[2]
        if not valid_device_mode(mode):
            raise OptionError(f"bad mode specified: {mode}")
    if not target.startswith("/"):
        raise OptionError(f"{target} is not an absolute path")
    return value


def parse_device(value: str) -> dict:
    """A validated `src[:dst][:perms]` → DeviceMapping."""
    parts = value.split(":", 3)
    if len(parts) > 3:
        raise OptionError(f"invalid device specification: {value}")
    src, dst, perms = parts[0], "", "rwm"
    if len(parts) == 3:
        perms = parts[2]
    if len(parts) >= 2:
        if valid_device_mode(parts[1]):
            perms = parts[1]
        else:
            dst = parts[1]
    return {"PathOnHost": src, "PathInContainer": dst or src, "CgroupPermissions": perms}


def validate_cgroup_rule(value: str) -> str:
    if not _CGROUP_RULE.fullmatch(value):
        raise OptionError(f"invalid device cgroup format '{value}'")
    return value


def _device_and_value(value: str) -> tuple[str, str]:
    path, colon, rest = value.partition(":")
    if not colon or not path:
        raise OptionError(f"bad format: {value}")
    if not path.startswith("/dev/"):
        raise OptionError(f"bad format for device path: {value}")
    return path, rest


def weight_device(value: str) -> dict:
    path, weight = _device_and_value(value)
    if not _UINT.fullmatch(weight) or int(weight) >= 1 << 16 or 0 < int(weight) < 10 or int(weight) > 1000:
        raise OptionError(f"invalid weight for device: {value}")
    return {"Path": path, "Weight": int(weight)}


def throttle_bps_device(value: str) -> dict:
    path, rate = _device_and_value(value)
    try:
        parsed = ram_in_bytes(rate)
    except OptionError:
        parsed = -1
    if parsed < 0:  # a size past int64 comes back from RAMInBytes as the minimum int64: refused too
        raise OptionError(f"invalid rate for device: {value}. The correct format is <device-path>:<number>[<unit>]. "
                          "Number must be a positive integer. Unit is optional and can be kb, mb, or gb")
    return {"Path": path, "Rate": parsed}


def throttle_iops_device(value: str) -> dict:
    path, rate = _device_and_value(value)
    if not _UINT.fullmatch(rate) or int(rate) >= 1 << 64:
        raise OptionError(f"invalid rate for device: {value}. The correct format is <device-path>:<number>. "
                          "Number must be a positive integer")
    return {"Path": path, "Rate": int(rate)}


def _gpu_count(text: str) -> int:
    if text == "all":
        return -1
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise OptionError(f'invalid count ({text}): value must be either "all" or an integer: invalid syntax')
    return int(text)


def parse_gpus(value: str) -> dict:
    """`--gpus all`, `--gpus 'device=0,1'`, `count=2,capabilities=compute` → a DeviceRequest."""
    from .mounts import parse_csv_record

    req: dict = {"Driver": "", "Count": 0, "DeviceIDs": None, "Capabilities": None, "Options": None}
    seen: set[str] = set()
    for item in parse_csv_record(value):
        key, eq, val = item.partition("=")
        if key in seen:
            raise OptionError(f"gpu request key '{key}' can be specified only once")
        seen.add(key)
        if not eq:
            seen.add("count")
            req["Count"] = _gpu_count(key)
        elif key in ("driver", "count", "device", "capabilities", "options"):
            _gpu_field(req, key, val)
        else:
            raise OptionError(f"unexpected key '{key}' in '{item}'")
    if "count" not in seen and req["DeviceIDs"] is None:
        req["Count"] = 1
    req["Options"] = req["Options"] or {}
    req["Capabilities"] = req["Capabilities"] or [["gpu"]]
    return req


def _gpu_field(req: dict, key: str, val: str) -> None:
    from .env import labels_map
    from .mounts import parse_csv_record

    if key == "driver":
        req["Driver"] = val
    elif key == "count":
        req["Count"] = _gpu_count(val)
    elif key == "device":
        req["DeviceIDs"] = val.split(",")
    elif key == "capabilities":
        req["Capabilities"] = [val.split(",") + ["gpu"]]
    else:
        try:
            req["Options"] = dict(sorted(labels_map(parse_csv_record(val)).items()))
        except OptionError as e:
            raise OptionError(f"failed to read gpu options: {e}") from None
