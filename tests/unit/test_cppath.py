"""`docker cp` path rules (pydock.opts.cppath): Go's path functions and go-archive's copy decisions."""

from __future__ import annotations

import pytest

from pydock.opts.cppath import (CopyError, CopyInfo, base, clean, dirname, get_rebase_name, prepare_archive_copy,
                                preserve_trailing_dot_or_separator, rebase, resolve_local_path, split_cp_arg,
                                split_path_dir_entry)


@pytest.mark.parametrize("arg, split", [
    ("c:/etc/hosts", ("c", "/etc/hosts")), ("c:rel", ("c", "rel")), ("c:", ("c", "")),
    ("/abs/with:colon", ("", "/abs/with:colon")), ("./file:name", ("", "./file:name")), ("plain", ("", "plain")),
    ("-", ("", "-")), ("c:/a:b", ("c", "/a:b")), ("../x:y", ("", "../x:y")),
])
def test_split_cp_arg(arg, split):
    assert split_cp_arg(arg) == split


@pytest.mark.parametrize("path, cleaned", [
    ("", "."), ("/", "/"), ("//a//b/", "/a/b"), ("a/./b/../c", "a/c"), ("/../a", "/a"), ("../../a", "../../a"),
    ("a/..", "."), ("/a/b/.", "/a/b"),
])
def test_clean(path, cleaned):
    assert clean(path) == cleaned


@pytest.mark.parametrize("path, b, d", [
    ("/a/b", "b", "/a"), ("/a/b/", "b", "/a/b"), ("/", "/", "/"), ("", ".", "."), ("a", "a", "."), ("/a/.", ".", "/a"),
])
def test_base_and_dir(path, b, d):
    assert base(path) == b
    assert dirname(path) == d


@pytest.mark.parametrize("path, resolved", [
    ("out", "/cwd/out"), ("out/", "/cwd/out/"), ("out/.", "/cwd/out/."), (".", "/cwd/."), ("/x//y/", "/x/y/"),
    ("/", "/"), ("a/../b/.", "/cwd/b/."),
])
def test_resolve_local_path_keeps_trailing_slash_and_dot(path, resolved):
    assert resolve_local_path(path, "/cwd") == resolved


def test_preserve_trailing():
    assert preserve_trailing_dot_or_separator("/a", "/a/") == "/a/"
    assert preserve_trailing_dot_or_separator("/", "/") == "/"
    assert preserve_trailing_dot_or_separator("/a", "/a/.") == "/a/."


@pytest.mark.parametrize("path, split", [
    ("/a/b", ("/a", "b")), ("/a/b/", ("/a", "b")), ("/a/b/.", ("/a/b", ".")), ("b", (".", "b")), ("/", ("/", "/")),
])
def test_split_path_dir_entry(path, split):
    assert split_path_dir_entry(path) == split


def test_get_rebase_name():
    assert get_rebase_name("/d/link", "/d/target") == ("/d/target", "link")
    assert get_rebase_name("/d/link/", "/d/target") == ("/d/target/", "link")
    assert get_rebase_name("/d/link/.", "/d/target") == ("/d/target/.", "")
    assert get_rebase_name("/d/same", "/e/same") == ("/e/same", "")


@pytest.mark.parametrize("src, dst, result", [
    (CopyInfo("/s/f"), CopyInfo("/d", True, True), ("/d", None)),
    (CopyInfo("/s/f"), CopyInfo("/d/g", True, False), ("/d", ("f", "g"))),
    (CopyInfo("/s/dir", True, True), CopyInfo("/d/new"), ("/d", ("dir", "new"))),
    (CopyInfo("/s/f"), CopyInfo("/d/new"), ("/d", ("f", "new"))),
    (CopyInfo("/s/target", True, False, "link"), CopyInfo("/d/new"), ("/d", ("link", "new"))),
    (CopyInfo("/s/dir/.", True, True), CopyInfo("/d/new"), ("/d", (".", "new"))),
])
def test_prepare_archive_copy(src, dst, result):
    assert prepare_archive_copy(src, dst) == result


def test_prepare_archive_copy_refusals():
    with pytest.raises(CopyError, match="^cannot copy directory$"):
        prepare_archive_copy(CopyInfo("/s/dir", True, True), CopyInfo("/d/file", True, False))
    with pytest.raises(CopyError, match="^no such directory$"):
        prepare_archive_copy(CopyInfo("/s/f", True, False), CopyInfo("/d/nodir/"))


def test_rebase_replaces_the_first_occurrence_like_go():
    assert rebase("data/a.txt", "data", "out") == "out/a.txt"
    assert rebase("./sub/x", ".", "new") == "new/sub/x"
    assert rebase("a/a", "a", "b") == "b/a"
    assert rebase("etc/x", "/", "root") == "rootetc/x"
