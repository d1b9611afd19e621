"""`-e/--env`, `--env-file`, `-l/--label`, `--label-file` (docker/cli opts/env.go, opts/parse.go,
pkg/kvfile). Pure: file contents are passed in as bytes by the caller, which does the reading."""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

from ._errors import OptionError
from .gostrings import trim_left_space

WHITESPACE = " \t"
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "FTP_PROXY", "ALL_PROXY")
PROXY_KEYS = {"HTTP_PROXY": "httpProxy", "HTTPS_PROXY": "httpsProxy", "NO_PROXY": "noProxy",
              "FTP_PROXY": "ftpProxy", "ALL_PROXY": "allProxy"}


def check_env_name(value: str) -> str:
    """What pflag checks for `-e`: a name before any `=`. The client-environment lookup for a bare
    name happens when the request is built (with the environment it is given)."""
    if not value.partition("=")[0]:
        raise OptionError(f"invalid environment variable: {value}")
    return value


def validate_env(value: str, environ: Mapping[str, str]) -> str:
    """`K=V` and `K=` stay; a bare `K` takes the client's value when it has one."""
    key, eq, _ = value.partition("=")
    if not key:
        raise OptionError(f"invalid environment variable: {value}")
    if eq or key not in environ:
        return value
    return f"{key}={environ[key]}"


def validate_label(value: str) -> str:
    key = value.partition("=")[0].lstrip(WHITESPACE)
    if not key:
        raise OptionError(f"invalid label '{value}': empty name")
    if any(c in key for c in WHITESPACE):
        raise OptionError(f"label '{key}' contains whitespaces")
    return value


SYSCTL_NAMES = ("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax",
                "kernel.shmmni", "kernel.shm_rmid_forced")
SYSCTL_PREFIXES = ("net.", "fs.mqueue.")


def validate_sysctl(value: str) -> str:
    """Only namespaced sysctls: the kernel.msg*/sem/shm* names and the net.* and fs.mqueue.* trees."""
    key, eq, _ = value.partition("=")
    if not eq or not key or not (key in SYSCTL_NAMES or key.startswith(SYSCTL_PREFIXES)):
        raise OptionError(f"sysctl '{value}' is not allowed")
    return value


def merge_env_flags(values: Iterable[str], proxies: Mapping[str, str] | None = None) -> list[str]:
    """The `-e` list as docker sends it: de-duplicated by name (last wins), with config.json proxy
    settings added under both spellings unless `-e` sets them. docker rebuilds this list from a Go map,
    so its order is random; ours keeps the first-seen order."""
    merged: dict[str, str | None] = {}
    for value in values:
        key, eq, rest = value.partition("=")
        merged[key] = rest if eq else None
    for name in PROXY_VARS:
        setting = (proxies or {}).get(PROXY_KEYS[name]) or ""
        if setting:
            merged.setdefault(name, setting)
            merged.setdefault(name.lower(), setting)
    return [key if value is None else f"{key}={value}" for key, value in merged.items()]


def _kv_lines(data: bytes) -> Iterable[tuple[int, bytes]]:
    """bufio.Scanner's ScanLines: split at \\n, drop one trailing \\r, no empty last line."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, 1):
        yield number, line[:-1] if line.endswith(b"\r") else line


def parse_kv_file(data: bytes, lookup: Callable[[str], str | None] | None) -> list[str]:
    """A `--env-file`/`--label-file` body → its `K=V` lines (errors without the file name)."""
    out: list[str] = []
    for number, raw in _kv_lines(data):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise OptionError(f"invalid utf8 bytes at line {number}: [{' '.join(str(b) for b in raw)}]") from None
        if number == 1:
            text = text.removeprefix("\ufeff")
        line = trim_left_space(text)
        if not line or line.startswith("#"):
            continue
        key, eq, _ = line.partition("=")
        if not key:
            raise OptionError(f"no variable name on line '{line}'")
        if any(c in key for c in WHITESPACE):
            raise OptionError(f"variable '{key}' contains whitespaces")
        if eq:
            out.append(line)
        elif lookup is not None and (found := lookup(line)) is not None:
            out.append(f"{key}={found}")
    return out


def read_kv_files(files: Iterable[tuple[str, bytes | OSError]], lookup) -> list[str]:
    """Each (name, contents or the error opening it), in flag order, parsed as kvfile.Parse does."""
    out: list[str] = []
    for name, data in files:
        if isinstance(data, IsADirectoryError):  # os.Open succeeds on a directory; the read fails
            raise OptionError(f"invalid env file ({name}): read {name}: is a directory")
        if isinstance(data, OSError):
            raise OptionError(go_open_error(name, data))
        try:
            out.extend(parse_kv_file(data, lookup))
        except OptionError as e:
            raise OptionError(f"invalid env file ({name}): {e}") from None
    return out


def go_open_error(name: str, error: OSError) -> str:
    """os.Open's message: `open f: no such file or directory`."""
    import os

    reason = os.strerror(error.errno).lower() if error.errno else str(error)
    return f"open {name}: {reason}"


def labels_map(values: Iterable[str]) -> dict[str, str]:
    """ConvertKVStringsToMap: `k=v` → k: v, `k` → k: ""; later values win."""
    result: dict[str, str] = {}
    for value in values:
        key, _, rest = value.partition("=")
        result[key] = rest
    return result
