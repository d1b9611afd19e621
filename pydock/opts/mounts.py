"""`-v/--volume`, `--mount`, `--tmpfs`, `--volumes-from` (docker/cli compose/loader ParseVolume,
opts/mount.go MountOpt.Set, container/opts.go). Pure: the working directory is passed in."""

from __future__ import annotations

import posixpath
from typing import Iterable

from ._errors import OptionError
from .gostrings import to_lower
from .units import parse_go_bool, parse_octal_mode, ram_in_bytes

PROPAGATIONS = ("rprivate", "private", "rshared", "shared", "rslave", "slave")


# -- -v/--volume ------------------------------------------------------------------------------------

def _is_drive(buffer: str, char: str) -> bool:
    return char == ":" and len(buffer) == 1 and buffer.isalpha()


def parse_volume(spec: str) -> tuple[str, str]:
    """ParseVolume, reduced to what the CLI uses: (source, target). A drive letter (`c:`) is kept whole."""
    if not spec:
        raise OptionError("invalid empty volume spec")
    if len(spec) <= 2:
        return "", spec
    source = target = ""
    fields = 0
    buffer = ""
    for char in spec + "\0":
        if _is_drive(buffer, char):
            buffer += char
        elif char in ":\0":
            if not buffer:
                raise OptionError(f"invalid spec: {spec}: empty section between colons")
            if not source and char == "\0":
                target = buffer
            elif not source:
                source = buffer
            elif fields == 1:
                target = buffer
            elif char == ":":
                raise OptionError(f"invalid spec: {spec}: too many colons")
            fields += 1
            buffer = ""
        else:
            buffer += char
    return source, target


def is_file_path(source: str) -> bool:
    if source[0] in "./~":
        return True
    if len(source) == 1:
        return False
    return source.startswith("\\\\") or _is_drive(source[0], source[1])


def absolute(path: str, cwd: str) -> str:
    """filepath.Abs: join with the working directory and clean."""
    return posixpath.normpath(posixpath.join(cwd, path))


def parse_volumes(specs: Iterable[str], cwd: str) -> tuple[list[str], dict]:
    """All `-v` values → (Binds, Volumes). Duplicates collapse; anonymous volumes keep the spec as key.
    docker walks a Go map here, so its Binds order is random; ours is the flag order."""
    binds: list[str] = []
    volumes: dict[str, dict] = {}
    for spec in dict.fromkeys(specs):
        source, _ = parse_volume(spec)
        if not source:
            volumes[spec] = {}
            continue
        host, colon, rest = spec.partition(":")
        if is_file_path(source) and colon and host.startswith(".") and not host.startswith("/"):
            spec = f"{absolute(host, cwd)}:{rest}"
        binds.append(spec)
    return binds, volumes


# -- --mount ----------------------------------------------------------------------------------------

def parse_csv_record(value: str) -> list[str]:
    """The first record of Go's encoding/csv reader (comma-separated, `"` quoting, `""` escapes), with
    its errors: line and byte column of the offending quote, counting the empty lines it skips."""
    text = value.replace("\r\n", "\n").removesuffix("\r")  # readLine normalises line ends
    skipped = len(text) - len(text.lstrip("\n"))
    text = text[skipped:]
    if not text:
        raise OptionError("EOF")
    if '"' not in text:
        text = text.split("\n", 1)[0]
    fields: list[str] = []
    pos = 0
    while True:
        if not text.startswith('"', pos):
            end = _find_end(text, pos)
            field = text[pos:end]
            if '"' in field:
                raise OptionError(_csv_error(text, skipped, pos + field.index('"'), 'bare " in non-quoted-field'))
            fields.append(field)
            if end < len(text) and text[end] == ",":
                pos = end + 1
                continue
            return fields
        field, pos, done = _quoted_field(text, pos, skipped)
        fields.append(field)
        if done:
            return fields


def _find_end(line: str, pos: int) -> int:
    ends = [i for i in (line.find(",", pos), line.find("\n", pos)) if i >= 0]
    return min(ends) if ends else len(line)


def _quoted_field(text: str, pos: int, skipped: int) -> tuple[str, int, bool]:
    """A `"..."` field starting at pos → (text, next position, record ended)."""
    out = []
    i = pos + 1
    while True:
        j = text.find('"', i)
        if j < 0:  # EOF inside the quotes: Go reports the position after the last byte
            raise OptionError(_csv_error(text, skipped, len(text), 'extraneous or missing " in quoted-field',
                                         start=pos))
        out.append(text[i:j])
        nxt = text[j + 1:j + 2]
        if nxt == '"':
            out.append('"')
            i = j + 2
        elif nxt == ",":
            return "".join(out), j + 2, False
        elif nxt in ("", "\n"):
            return "".join(out), len(text), True
        else:
            raise OptionError(_csv_error(text, skipped, j, 'extraneous or missing " in quoted-field', start=pos))


def _csv_error(text: str, skipped: int, index: int, why: str, start: int = 0) -> str:
    """csv.ParseError's text for a fault at `index` of `text` (after `skipped` empty lines). At the very
    end, Go's column still counts the last line's newline: that line was read whole before EOF."""
    first = 1 + skipped + text.count("\n", 0, start)
    at_end = index == len(text) and text.endswith("\n")
    line_start = text.rfind("\n", 0, index - 1 if at_end else index) + 1
    line = 1 + skipped + text.count("\n", 0, line_start)
    column = _byte_len(text[line_start:index]) + 1
    where = f"parse error on line {line}, column {column}"
    return f"record on line {first}; {where}: {why}" if first != line else f"{where}: {why}"


def _byte_len(text: str) -> int:
    try:
        return len(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return len(text.encode("utf-8", "surrogatepass"))


class _Mount:
    """The mount being built: the API fields in Go's order, option groups made on first use."""

    def __init__(self):
        self.type, self.source, self.target, self.read_only, self.consistency = "volume", "", "", False, ""
        self.bind: dict | None = None
        self.volume: dict | None = None
        self.image: dict | None = None
        self.tmpfs: dict | None = None

    def volume_options(self) -> dict:
        if self.volume is None:
            self.volume = {"Labels": {}}
        self.volume.setdefault("DriverConfig", {})
        return self.volume

    def bind_options(self) -> dict:
        if self.bind is None:
            self.bind = {}
        return self.bind

    def tmpfs_options(self) -> dict:
        if self.tmpfs is None:
            self.tmpfs = {}
        return self.tmpfs

    def image_options(self) -> dict:
        if self.image is None:
            self.image = {}
        return self.image


def parse_mount(value: str, cwd: str) -> tuple[dict, list[str]]:
    """One `--mount` value → (the HostConfig.Mounts entry, warnings to log)."""
    mount = _Mount()
    warnings: list[str] = []
    for field in parse_csv_record(value):
        key, eq, val = field.partition("=")
        key = to_lower(key)
        if not eq:
            _bare_mount_key(mount, key, field)
        else:
            _mount_key(mount, key, val, field, cwd, warnings)
    _check_mount(mount)
    return _mount_json(mount), warnings


def _bare_mount_key(mount: _Mount, key: str, field: str) -> None:
    if key in ("readonly", "ro"):
        mount.read_only = True
    elif key == "volume-nocopy":
        mount.volume_options()["NoCopy"] = True
    elif key == "bind-nonrecursive":
        mount.bind_options()["NonRecursive"] = True
    else:
        raise OptionError(f"invalid field '{field}' must be a key=value pair")


def _mount_key(mount: _Mount, key: str, val: str, field: str, cwd: str, warnings: list[str]) -> None:
    if key == "type":
        mount.type = to_lower(val)
    elif key in ("source", "src"):
        mount.source = absolute(val, cwd) if val.startswith(".") else val
    elif key in ("target", "dst", "destination"):
        mount.target = val
    elif key in ("readonly", "ro"):
        mount.read_only = _bool(key, val)
    elif key == "consistency":
        mount.consistency = to_lower(val)
    elif key.startswith("bind-"):
        _bind_key(mount, key, val, field, warnings)
    elif key.startswith("volume-"):
        _volume_key(mount, key, val, field)
    elif key == "image-subpath":
        mount.image_options()["Subpath"] = val
    elif key == "tmpfs-size":
        mount.tmpfs_options()["SizeBytes"] = _checked(ram_in_bytes, key, val)
    elif key == "tmpfs-mode":
        mount.tmpfs_options()["Mode"] = _checked(parse_octal_mode, key, val)
    else:
        raise OptionError(f"unexpected key '{key}' in '{field}'")


def _bool(key: str, val: str) -> bool:
    return _checked(parse_go_bool, key, val)


def _checked(parser, key: str, val: str):
    try:
        return parser(val)
    except OptionError:
        raise OptionError(f"invalid value for {key}: {val}") from None


RECURSIVE = {"enabled": None, "disabled": "NonRecursive", "writable": "ReadOnlyNonRecursive",
             "readonly": "ReadOnlyForceRecursive"}


def _bind_key(mount: _Mount, key: str, val: str, field: str, warnings: list[str]) -> None:
    if key == "bind-propagation":
        mount.bind_options()["Propagation"] = to_lower(val)
    elif key == "bind-nonrecursive":
        mount.bind_options()["NonRecursive"] = _bool(key, val)
        warnings.append("bind-nonrecursive is deprecated, use bind-recursive=disabled instead")
    elif key == "bind-recursive":
        if val not in RECURSIVE:
            raise OptionError(f'invalid value for {key}: {val} (must be "enabled", "disabled", "writable", or "readonly")')
        if RECURSIVE[val]:
            mount.bind_options()[RECURSIVE[val]] = True
    else:
        raise OptionError(f"unexpected key '{key}' in '{field}'")


def _volume_key(mount: _Mount, key: str, val: str, field: str) -> None:
    if key == "volume-subpath":
        mount.volume_options()["Subpath"] = val
    elif key == "volume-nocopy":
        try:
            mount.volume_options()["NoCopy"] = parse_go_bool(val)
        except OptionError:
            raise OptionError(f"invalid value for volume-nocopy: {val}") from None
    elif key == "volume-label":
        _set_on_map(mount.volume_options()["Labels"], val)
    elif key == "volume-driver":
        mount.volume_options()["DriverConfig"]["Name"] = val
    elif key == "volume-opt":
        _set_on_map(mount.volume_options()["DriverConfig"].setdefault("Options", {}), val)
    else:
        raise OptionError(f"unexpected key '{key}' in '{field}'")


def _set_on_map(target: dict, value: str) -> None:
    key, _, val = value.partition("=")
    if key:
        target[key] = val


def _check_mount(mount: _Mount) -> None:
    if not mount.type:
        raise OptionError("type is required")
    if not mount.target:
        raise OptionError("target is required")
    for options, prefix, kind in ((mount.volume, "volume", "volume"), (mount.image, "image", "image"),
                                  (mount.bind, "bind", "bind"), (mount.tmpfs, "tmpfs", "tmpfs")):
        if options is not None and mount.type != kind:
            raise OptionError(f"cannot mix '{prefix}-*' options with mount type '{mount.type}'")
    bind = mount.bind or {}
    if bind.get("ReadOnlyNonRecursive") and not mount.read_only:
        raise OptionError("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction")
    if bind.get("ReadOnlyForceRecursive"):
        if not mount.read_only:
            raise OptionError("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction")
        if bind.get("Propagation") != "rprivate":
            raise OptionError("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction")


def _mount_json(mount: _Mount) -> dict:
    """Go's JSON of mount.Mount: zero values omitted (omitempty), option structs likewise."""
    out: dict = {"Type": mount.type}
    for key, value in (("Source", mount.source), ("Target", mount.target), ("ReadOnly", mount.read_only),
                       ("Consistency", mount.consistency)):
        if value:
            out[key] = value
    if mount.bind is not None:
        out["BindOptions"] = _bind_json(mount.bind)
    if mount.volume is not None:
        out["VolumeOptions"] = _volume_json(mount.volume)
    if mount.image is not None:
        out["ImageOptions"] = {k: v for k, v in mount.image.items() if v}
    if mount.tmpfs is not None:
        out["TmpfsOptions"] = {k: mount.tmpfs[k] for k in ("SizeBytes", "Mode") if mount.tmpfs.get(k)}
    return out


def _bind_json(bind: dict) -> dict:
    order = ("Propagation", "NonRecursive", "CreateMountpoint", "ReadOnlyNonRecursive", "ReadOnlyForceRecursive")
    return {k: bind[k] for k in order if bind.get(k)}


def _volume_json(volume: dict) -> dict:
    out: dict = {}
    for key in ("NoCopy", "Labels", "Subpath"):
        if volume.get(key):
            out[key] = dict(sorted(volume[key].items())) if key == "Labels" else volume[key]
    driver = volume.get("DriverConfig")
    if driver is not None:
        out["DriverConfig"] = {k: (dict(sorted(driver[k].items())) if k == "Options" else driver[k])
                               for k in ("Name", "Options") if driver.get(k)}
    return out


# -- --tmpfs, --volumes-from ------------------------------------------------------------------------

def parse_tmpfs(values: Iterable[str]) -> dict[str, str]:
    """`/run:rw,size=1m` → {"/run": "rw,size=1m"}; the daemon judges the options."""
    result: dict[str, str] = {}
    for value in values:
        path, _, options = value.partition(":")
        result[path] = options
    return result
