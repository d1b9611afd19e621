"""The tar `compose watch` sends to a container (v2 internal/sync/tar.go ArchivePathsIfExist)."""

from __future__ import annotations

import io
import os
import tarfile

from pydock.compose.watch import tar_of


def members(data: bytes) -> dict[str, tuple[str, bytes | str]]:
    out = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for m in tar.getmembers():
            if m.isdir():
                out[m.name] = ("dir", b"")
            elif m.issym():
                out[m.name] = ("link", m.linkname)
            else:
                out[m.name] = ("file", tar.extractfile(m).read())
    return out


def test_a_file_lands_at_its_container_path_without_the_leading_slash(tmp_path):
    (tmp_path / "a.txt").write_text("A")
    assert members(tar_of([(str(tmp_path / "a.txt"), "/app/a.txt")])) == {"app/a.txt": ("file", b"A")}


def test_a_directory_is_walked_under_its_container_path(tmp_path):
    d = tmp_path / "src"
    (d / "sub").mkdir(parents=True)
    (d / "x").write_text("x")
    (d / "sub" / "y").write_text("y")
    assert members(tar_of([(str(d), "/app/src")])) == {
        "app/src": ("dir", b""), "app/src/x": ("file", b"x"), "app/src/sub": ("dir", b""),
        "app/src/sub/y": ("file", b"y")}


def test_a_path_gone_before_archiving_is_left_out(tmp_path):
    (tmp_path / "kept").write_text("k")
    assert members(tar_of([(str(tmp_path / "gone"), "/gone"), (str(tmp_path / "kept"), "/kept")])) == {
        "kept": ("file", b"k")}


def test_a_name_written_twice_is_kept_once(tmp_path):
    (tmp_path / "one").write_text("1")
    (tmp_path / "two").write_text("2")
    data = tar_of([(str(tmp_path / "one"), "/same"), (str(tmp_path / "two"), "/same")])
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        assert [m.name for m in tar.getmembers()] == ["same"]
    assert members(data) == {"same": ("file", b"2")}  # dedupeEntries keeps the last occurrence


def test_symlinks_are_sent_as_links_and_modes_kept(tmp_path):
    (tmp_path / "target").write_text("t")
    os.chmod(tmp_path / "target", 0o751)
    os.symlink("target", tmp_path / "link")
    data = tar_of([(str(tmp_path / "link"), "/l"), (str(tmp_path / "target"), "/t")])
    assert members(data) == {"l": ("link", "target"), "t": ("file", b"t")}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        assert tar.getmember("t").mode & 0o777 == 0o751


def test_nothing_to_send_is_an_empty_archive(tmp_path):
    assert members(tar_of([])) == {}
