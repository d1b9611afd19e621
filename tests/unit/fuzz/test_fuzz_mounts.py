"""`-v`, `--mount`, `--tmpfs` (pydock.opts.mounts): only OptionError escapes; a parsed `--mount` renders
back (as CSV) to a value that parses to the same mount; `-v` parsing is stable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pydock.opts._errors import OptionError
from pydock.opts.mounts import parse_csv_record, parse_mount, parse_tmpfs, parse_volume, parse_volumes

from ._fuzz import check_typed, junk, near, spliced

paths = st.sampled_from(["/data", "/tmp", "/a/b/../c", ".", "./x", "..", "~/x", "vol", "c:", "c:\\x", "\\\\srv\\s",
                         "/", "//x", "/with space", "/é", "/x,y", '/q"q'])
modes = st.sampled_from(["", ":ro", ":rw", ":z", ":Z", ":ro,shared", ":nocopy", ":bogus", ":", "::ro"])
volume_specs = st.one_of(spliced(paths, modes), spliced(paths, ":", paths, modes), spliced(paths, ":", paths, ":", paths),
                         junk)

KEYS = ["type", "source", "src", "target", "dst", "destination", "readonly", "ro", "consistency", "bind-propagation",
        "bind-nonrecursive", "bind-recursive", "volume-subpath", "volume-nocopy", "volume-label", "volume-driver",
        "volume-opt", "image-subpath", "tmpfs-size", "tmpfs-mode", "TYPE", "Src", "bogus", ""]
VALUES = ["bind", "volume", "tmpfs", "image", "npipe", "cluster", "BIND", "/x", "/tmp", "./rel", "vol", "true", "false",
          "1", "maybe", "rshared", "rprivate", "PRIVATE", "enabled", "disabled", "writable", "readonly", "a=b", "k=",
          "=v", "64m", "1.5g", "-1", "lots", "1770", "0777", "9", "", "cached", "x,y", 'q"q']
fields = st.one_of(spliced(st.sampled_from(KEYS), st.sampled_from(["=", ""]), st.sampled_from(VALUES), junk_rate=10),
                   junk)


def csv_quote(field: str) -> str:
    if any(c in field for c in ',"\r\n') or field.startswith(" "):
        return '"' + field.replace('"', '""') + '"'
    return field


@st.composite
def mount_values(draw):
    items = draw(st.lists(fields, min_size=1, max_size=7))
    head = draw(st.sampled_from([[], ["type=bind"], ["type=volume"], ["type=tmpfs"], ["type=image"]]))
    tail = draw(st.sampled_from([[], ["target=/m"], ["dst=/m"]]))
    raw = head + items + tail
    if draw(st.booleans()):
        return ",".join(csv_quote(f) for f in raw)
    return ",".join(raw)


def render_mount(m: dict) -> str:
    """The HostConfig.Mounts entry as a `--mount` value."""
    out = [f"type={m['Type']}", f"target={m['Target']}"]
    if "Source" in m:
        out.append(f"source={m['Source']}")
    if m.get("ReadOnly"):
        out.append("readonly")
    if m.get("Consistency"):
        out.append(f"consistency={m['Consistency']}")
    if "BindOptions" in m:
        b = m["BindOptions"]
        out.append(f"bind-propagation={b.get('Propagation', '')}")
        for key, recursive in (("NonRecursive", "disabled"), ("ReadOnlyNonRecursive", "writable"),
                               ("ReadOnlyForceRecursive", "readonly")):
            if b.get(key):
                out.append(f"bind-recursive={recursive}")
    if "VolumeOptions" in m:
        v = m["VolumeOptions"]
        out.append(f"volume-driver={v.get('DriverConfig', {}).get('Name', '')}")
        out += [f"volume-opt={k}={val}" for k, val in v.get("DriverConfig", {}).get("Options", {}).items()]
        out += [f"volume-label={k}={val}" for k, val in v.get("Labels", {}).items()]
        if v.get("NoCopy"):
            out.append("volume-nocopy")
        if "Subpath" in v:
            out.append(f"volume-subpath={v['Subpath']}")
    if "ImageOptions" in m:
        out.append(f"image-subpath={m['ImageOptions'].get('Subpath', '')}")
    if "TmpfsOptions" in m:
        t = m["TmpfsOptions"]
        out.append(f"tmpfs-size={t.get('SizeBytes', 0)}")
        if "Mode" in t:
            out.append(f"tmpfs-mode={t['Mode']:o}")
    return ",".join(csv_quote(f) for f in out)


@given(st.one_of(mount_values(), junk))
def test_mount_raises_only_option_error_and_round_trips(value):
    result, _ = check_typed(parse_mount, value, "/work/dir", errors=(OptionError,))
    if result is not None:
        mount, _warnings = result
        rendered = render_mount(mount)
        assert parse_mount(rendered, "/elsewhere")[0] == mount, rendered


@given(st.one_of(st.lists(fields, max_size=4).map(",".join), st.lists(junk, max_size=4).map(",".join), junk))
def test_csv_record_raises_only_option_error_and_round_trips(value):
    record, _ = check_typed(parse_csv_record, value, errors=(OptionError,))
    if record is not None:
        assert parse_csv_record(",".join(csv_quote(f) for f in record)) == record


@given(volume_specs)
def test_volume_raises_only_option_error_and_round_trips(spec):
    parsed, _ = check_typed(parse_volume, spec, errors=(OptionError,))
    if parsed is not None and parsed[0]:
        source, target = parsed
        assert parse_volume(f"{source}:{target}") == parsed, spec


@given(st.lists(volume_specs, max_size=4))
def test_volumes_are_stable(specs):
    result, _ = check_typed(parse_volumes, specs, "/work/dir", errors=(OptionError,))
    if result is not None:
        binds, volumes = result
        assert parse_volumes(binds + list(volumes), "/elsewhere") == (binds, volumes)


@given(st.lists(st.one_of(spliced(paths, st.sampled_from(["", ":", ":rw,size=1m", ":a:b"])), junk), max_size=3))
def test_tmpfs_is_total_and_stable(values):
    result = parse_tmpfs(values)
    assert parse_tmpfs([f"{k}:{v}" if v else k for k, v in result.items()]) == result
