"""-v/--volume, --mount, --tmpfs: expected values are docker 28's (reference sheet section 2, and the wire)."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.mounts import parse_csv_record, parse_mount, parse_tmpfs, parse_volume, parse_volumes

CWD = "/home/user/app"


@pytest.mark.parametrize("spec, source_target", [
    ("/data", ("", "/data")),
    ("ab", ("", "ab")),
    ("a:b", ("", "a:b")),  # `a:` looks like a drive letter, so this is one field
    ("rel", ("", "rel")),
    ("myvol:/data", ("myvol", "/data")),
    ("/tmp:/data:ro,shared", ("/tmp", "/data")),
    ("c:/x:/y", ("c:/x", "/y")),
    ("a:b:c:d", ("a:b", "c:d")),  # single letters before a colon read as drive letters
])
def test_parse_volume(spec, source_target):
    assert parse_volume(spec) == source_target


@pytest.mark.parametrize("spec, message", [
    ("", "invalid empty volume spec"),
    ("/tmp::/data", "invalid spec: /tmp::/data: empty section between colons"),
    (":/x", "invalid spec: :/x: empty section between colons"),
    ("/x:", "invalid spec: /x:: empty section between colons"),
    ("/a:/b:ro:x", "invalid spec: /a:/b:ro:x: too many colons"),
])
def test_parse_volume_errors(spec, message):
    with pytest.raises(OptionError) as e:
        parse_volume(spec)
    assert str(e.value) == message


@pytest.mark.parametrize("specs, binds, volumes", [
    (["myvol:/data"], ["myvol:/data"], {}),
    (["/tmp:/data:ro,shared"], ["/tmp:/data:ro,shared"], {}),
    (["myvol:/data:nocopy"], ["myvol:/data:nocopy"], {}),
    (["/data"], [], {"/data": {}}),
    (["a:b", "ab"], [], {"a:b": {}, "ab": {}}),
    (["./sub:/data:rw,z"], [f"{CWD}/sub:/data:rw,z"], {}),
    (["../x:/d"], ["/home/user/x:/d"], {}),
    ([".:/d"], [f"{CWD}:/d"], {}),
    (["./a/../b/:/d"], [f"{CWD}/b:/d"], {}),
    (["~/x:/d", "foo/bar:/d2"], ["~/x:/d", "foo/bar:/d2"], {}),
    (["/tmp:/x", "/tmp:/x", "/y", "/y"], ["/tmp:/x"], {"/y": {}}),
    (["/tmp:/data:bogus"], ["/tmp:/data:bogus"], {}),
])
def test_parse_volumes(specs, binds, volumes):
    assert parse_volumes(specs, CWD) == (binds, volumes)


# -- --mount ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, mount", [
    ("type=bind,src=.,dst=/x,ro,bind-propagation=rshared",
     {"Type": "bind", "Source": CWD, "Target": "/x", "ReadOnly": True, "BindOptions": {"Propagation": "rshared"}}),
    ("type=volume,source=v1,target=/v,volume-label=a=b,volume-opt=type=nfs,volume-nocopy",
     {"Type": "volume", "Source": "v1", "Target": "/v",
      "VolumeOptions": {"NoCopy": True, "Labels": {"a": "b"}, "DriverConfig": {"Options": {"type": "nfs"}}}}),
    ("type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770",
     {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 67108864, "Mode": 1016}}),
    ("target=/x", {"Type": "volume", "Target": "/x"}),
    ("type=bind,target=/x", {"Type": "bind", "Target": "/x"}),
    ("TYPE=BIND,SRC=/tmp,DST=/x", {"Type": "bind", "Source": "/tmp", "Target": "/x"}),
    ("type=bind,src=/tmp,destination=/x,readonly=false,consistency=Cached",
     {"Type": "bind", "Source": "/tmp", "Target": "/x", "Consistency": "cached"}),
    ("type=bind,src=/tmp,dst=/x,readonly=1", {"Type": "bind", "Source": "/tmp", "Target": "/x", "ReadOnly": True}),
    ("type=volume,src=v,dst=/v,volume-driver=local,volume-subpath=sub,volume-nocopy=false",
     {"Type": "volume", "Source": "v", "Target": "/v", "VolumeOptions": {"Subpath": "sub", "DriverConfig": {"Name": "local"}}}),
    ("type=volume,dst=/v,volume-label=b=2,volume-label=a=1,volume-label==x,volume-opt=o",
     {"Type": "volume", "Target": "/v",
      "VolumeOptions": {"Labels": {"a": "1", "b": "2"}, "DriverConfig": {"Options": {"o": ""}}}}),
    ("type=bind,src=/tmp,dst=/x,bind-recursive=disabled",
     {"Type": "bind", "Source": "/tmp", "Target": "/x", "BindOptions": {"NonRecursive": True}}),
    ("type=bind,src=/tmp,dst=/x,bind-recursive=enabled",
     {"Type": "bind", "Source": "/tmp", "Target": "/x"}),  # "enabled" touches nothing
    ("type=bind,src=/tmp,dst=/x,ro,bind-recursive=writable",
     {"Type": "bind", "Source": "/tmp", "Target": "/x", "ReadOnly": True, "BindOptions": {"ReadOnlyNonRecursive": True}}),
    ("type=bind,src=/tmp,dst=/x,ro,bind-recursive=readonly,bind-propagation=rprivate",
     {"Type": "bind", "Source": "/tmp", "Target": "/x", "ReadOnly": True,
      "BindOptions": {"Propagation": "rprivate", "ReadOnlyForceRecursive": True}}),
    ("type=image,src=img,dst=/i,image-subpath=a",
     {"Type": "image", "Source": "img", "Target": "/i", "ImageOptions": {"Subpath": "a"}}),
    ('type=bind,src=/tmp,"dst=/a,b"', {"Type": "bind", "Source": "/tmp", "Target": "/a,b"}),
    ('"type=bind","src=/t""q",dst=/x', {"Type": "bind", "Source": '/t"q', "Target": "/x"}),
    ("type=bogus,dst=/x", {"Type": "bogus", "Target": "/x"}),
])
def test_parse_mount(value, mount):
    assert parse_mount(value, CWD) == (mount, [])


def test_bind_nonrecursive_warns():
    assert parse_mount("type=bind,src=/tmp,dst=/x,bind-nonrecursive=true", CWD) == (
        {"Type": "bind", "Source": "/tmp", "Target": "/x", "BindOptions": {"NonRecursive": True}},
        ["bind-nonrecursive is deprecated, use bind-recursive=disabled instead"])
    assert parse_mount("type=bind,src=/tmp,dst=/x,bind-nonrecursive", CWD)[1] == []


@pytest.mark.parametrize("value, message", [
    ("type=bind", "target is required"),
    ("type=,dst=/x", "type is required"),
    ("target=/x,bogus", "invalid field 'bogus' must be a key=value pair"),
    ("type=bind,dst=/x,foo=bar", "unexpected key 'foo' in 'foo=bar'"),
    ("type=bind,dst=/x,bind-foo=bar", "unexpected key 'bind-foo' in 'bind-foo=bar'"),
    ("type=bind,dst=/x,ro=maybe", "invalid value for ro: maybe"),
    ("type=bind,dst=/x,readonly=maybe", "invalid value for readonly: maybe"),
    ("type=volume,dst=/x,volume-nocopy=maybe", "invalid value for volume-nocopy: maybe"),
    ("type=bind,dst=/x,bind-nonrecursive=maybe", "invalid value for bind-nonrecursive: maybe"),
    ("type=volume,dst=/x,bind-propagation=shared", "cannot mix 'bind-*' options with mount type 'volume'"),
    ("type=bind,dst=/x,volume-nocopy", "cannot mix 'volume-*' options with mount type 'bind'"),
    ("type=bind,dst=/x,tmpfs-size=1m", "cannot mix 'tmpfs-*' options with mount type 'bind'"),
    ("type=volume,dst=/x,image-subpath=a", "cannot mix 'image-*' options with mount type 'volume'"),
    ("type=tmpfs,dst=/x,tmpfs-size=lots", "invalid value for tmpfs-size: lots"),
    ("type=tmpfs,dst=/x,tmpfs-mode=9", "invalid value for tmpfs-mode: 9"),
    ("type=bind,dst=/x,bind-recursive=x",
     'invalid value for bind-recursive: x (must be "enabled", "disabled", "writable", or "readonly")'),
    ("type=bind,dst=/x,bind-recursive=writable",
     "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"),
    ("type=bind,dst=/x,bind-recursive=readonly",
     "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction"),
    ("type=bind,dst=/x,ro,bind-recursive=readonly",
     "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction"),
    ("", "EOF"),
    ('type=bind,src="/tmp', 'parse error on line 1, column 15: bare " in non-quoted-field'),
    ('type=bind,s"rc=/tmp', 'parse error on line 1, column 12: bare " in non-quoted-field'),
    ('type=bind,"src=/tmp"x,dst=/y', 'parse error on line 1, column 20: extraneous or missing " in quoted-field'),
    # the docker CLI's own messages (found by tests/unit/fuzz): an unterminated quote is an error, the
    # position counts bytes and the empty lines csv skips before the record
    ('"unterminated', 'parse error on line 1, column 14: extraneous or missing " in quoted-field'),
    ('\n"é', 'parse error on line 2, column 4: extraneous or missing " in quoted-field'),
    ('"a\nb', 'record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field'),
])
def test_parse_mount_errors(value, message):
    with pytest.raises(OptionError) as e:
        parse_mount(value, CWD)
    assert str(e.value) == message


@pytest.mark.parametrize("value, fields", [
    ("a,b", ["a", "b"]), ("a,", ["a", ""]), ('"a,b",c', ["a,b", "c"]), ('"a""b"', ['a"b']), ('"a"', ["a"]),
    ("a\nb", ["a"]), ("\n\r\na,b", ["a", "b"]), ('"a\r\nb"', ["a\nb"]),
])
def test_csv_record(value, fields):
    assert parse_csv_record(value) == fields


def test_tmpfs():
    assert parse_tmpfs(["/run:rw,size=1m", "/t", "/run:ro"]) == {"/run": "ro", "/t": ""}
