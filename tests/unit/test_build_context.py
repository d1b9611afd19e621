"""pydock.build.context: the context walk (.dockerignore applied as docker's tar walk applies it), the tar
headers docker's client writes, Dockerfile injection, stdin sniffing, and flat memory while streaming."""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import tracemalloc

import pytest

from pydock.build import context as bctx
from pydock.build.dockerignore import trim_build_files


def make_tree(root, files: dict[str, str | None]):
    """{"a/b.txt": "content", "d/": None}: a trailing slash makes a directory."""
    for name, content in files.items():
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content or "")


def entries(root, excludes) -> list[str]:
    return [rel for _, rel in bctx.ContextTar(str(root), excludes).entries()]


def untar(stream) -> dict[str, tarfile.TarInfo]:
    data = b"".join(stream)
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        return {m.name: m for m in tf.getmembers()}, data


TREE = {"Dockerfile": "FROM x\n", "a.log": "", "keep.txt": "k", "sub/secret1": "s", "sub/secret-keep": "s",
        "sub/a.log": "", "docs/README.md": "r", "docs/other.md": "o", "deep/x/y/z.pyc": "", "deep/x/y/z.py": "",
        "empty/": None}


@pytest.mark.parametrize("excludes, expected", [
    ([], ["Dockerfile", "a.log", "deep", "deep/x", "deep/x/y", "deep/x/y/z.py", "deep/x/y/z.pyc", "docs",
          "docs/README.md", "docs/other.md", "empty", "keep.txt", "sub", "sub/a.log", "sub/secret-keep", "sub/secret1"]),
    (["*.log", "sub/secret*", "!sub/secret-keep"],
     ["Dockerfile", "deep", "deep/x", "deep/x/y", "deep/x/y/z.py", "deep/x/y/z.pyc", "docs", "docs/README.md",
      "docs/other.md", "empty", "keep.txt", "sub", "sub/a.log", "sub/secret-keep"]),
    (["**/*.pyc", "docs", "empty"],
     ["Dockerfile", "a.log", "deep", "deep/x", "deep/x/y", "deep/x/y/z.py", "keep.txt", "sub", "sub/a.log",
      "sub/secret-keep", "sub/secret1"]),
    # an excluded directory is walked (but not sent itself) when an exception may re-include something in it
    (["docs", "!docs/README.md"], ["Dockerfile", "a.log", "deep", "deep/x", "deep/x/y", "deep/x/y/z.py",
                                    "deep/x/y/z.pyc", "docs/README.md", "empty", "keep.txt", "sub", "sub/a.log",
                                    "sub/secret-keep", "sub/secret1"]),
    (["*", "!Dockerfile", "!sub"], ["Dockerfile", "sub", "sub/a.log", "sub/secret-keep", "sub/secret1"]),
    (["**"], []),
    (trim_build_files(["*"], "Dockerfile", False), ["Dockerfile"]),
    (["deep/**/*.py"], ["Dockerfile", "a.log", "deep", "deep/x", "deep/x/y", "deep/x/y/z.pyc", "docs",
                        "docs/README.md", "docs/other.md", "empty", "keep.txt", "sub", "sub/a.log",
                        "sub/secret-keep", "sub/secret1"]),
])
def test_walk_applies_dockerignore_like_docker(tmp_path, excludes, expected):
    make_tree(tmp_path, TREE)
    assert entries(tmp_path, excludes) == expected


def test_tar_headers_like_dockers(tmp_path):
    make_tree(tmp_path, {"Dockerfile": "FROM x\n", "dir/f": "hello", "setuid": "x"})
    os.chmod(tmp_path / "setuid", 0o4755)
    os.chmod(tmp_path / "dir", 0o750)
    os.symlink("dir/f", tmp_path / "link")
    os.link(tmp_path / "dir/f", tmp_path / "hard")
    os.mkfifo(tmp_path / "fifo")
    os.utime(tmp_path / "dir/f", (1_700_000_000.75, 1_700_000_000.75))
    members, data = untar(bctx.ContextTar(str(tmp_path), []))
    assert list(members) == ["Dockerfile", "dir", "dir/f", "fifo", "hard", "link", "setuid"]
    assert all(m.uid == 0 and m.gid == 0 and m.uname == "" and m.gname == "" for m in members.values())
    assert members["dir"].isdir() and members["dir"].mode == 0o750
    assert members["dir/f"].mtime == 1_700_000_000 and members["dir/f"].size == 5
    assert members["setuid"].mode == 0o4755
    assert members["link"].issym() and members["link"].linkname == "dir/f"
    assert members["fifo"].isfifo()
    # the first name seen is the file, the later one a hard link to it (walk order: dir/f before hard)
    assert members["hard"].islnk() and members["hard"].linkname == "dir/f"
    assert b"dir/\0" in data  # directories carry a trailing slash, as Go's tar writer puts them
    assert data.endswith(b"\0" * 1024) and len(data) % 512 == 0


def test_injected_dockerfile_and_dockerignore(tmp_path):
    make_tree(tmp_path, {"a": "1", ".dockerignore": "*.tmp"})
    inject = bctx.Injected(b"FROM y\n")
    members, data = untar(bctx.ContextTar(str(tmp_path), [], inject=inject))
    assert list(members) == [".dockerignore", "a", inject.name]
    assert inject.name.startswith(".dockerfile.") and len(inject.name) == len(".dockerfile.") + 20
    tf = tarfile.open(fileobj=io.BytesIO(data))
    assert tf.extractfile(".dockerignore").read() == b"*.tmp\n" + inject.name.encode() + b"\n"
    assert tf.extractfile(inject.name).read() == b"FROM y\n"
    assert members[inject.name].mode == 0o600


def test_injected_dockerignore_created_when_missing(tmp_path):
    make_tree(tmp_path, {"a": "1"})
    inject = bctx.Injected(b"FROM y\n")
    members, data = untar(bctx.ContextTar(str(tmp_path), [], inject=inject))
    assert list(members) == ["a", inject.name, ".dockerignore"]
    tf = tarfile.open(fileobj=io.BytesIO(data))
    assert tf.extractfile(".dockerignore").read() == b".dockerignore\n" + inject.name.encode() + b"\n"


def test_stream_memory_stays_flat(tmp_path):
    big = tmp_path / "big"
    with open(big, "wb") as f:
        f.truncate(64 << 20)  # sparse: 64 MB read without using disk
    (tmp_path / "Dockerfile").write_text("FROM x\n")
    tracemalloc.start()
    total = biggest = 0
    for chunk in bctx.ContextTar(str(tmp_path), []):
        total += len(chunk)
        biggest = max(biggest, len(chunk))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert total > 64 << 20
    assert biggest <= bctx.CHUNK
    assert peak < 8 * bctx.CHUNK


def test_progress_counts_every_byte(tmp_path):
    make_tree(tmp_path, {"Dockerfile": "FROM x\n", "f": "x" * 3000})
    seen = []
    stream = bctx.ContextTar(str(tmp_path), [], on_progress=lambda n, done: seen.append((n, done)))
    data = b"".join(stream)
    assert seen[-1] == (len(data), True) and stream.sent == len(data)


# -- where the context and the Dockerfile come from ---------------------------------------------------

def test_local_context_and_dockerfile_paths(tmp_path, monkeypatch):
    make_tree(tmp_path, {"ctx/Dockerfile": "FROM x", "ctx/sub/Dockerfile.dev": "FROM x", "outside.Dockerfile": "x"})
    monkeypatch.chdir(tmp_path)
    ctx = str(tmp_path / "ctx")
    assert bctx.local_context("ctx", "") == (ctx, "Dockerfile")
    assert bctx.local_context("ctx", "ctx/sub/Dockerfile.dev") == (ctx, "sub/Dockerfile.dev")
    assert bctx.local_context("ctx", "outside.Dockerfile") == (ctx, "../outside.Dockerfile")
    assert bctx.local_context("ctx", "-") == (ctx, "-")


def test_lowercase_dockerfile_is_found(tmp_path):
    make_tree(tmp_path, {"dockerfile": "FROM x"})
    assert bctx.local_context(str(tmp_path), "")[1] == "dockerfile"


@pytest.mark.parametrize("setup, context, dockerfile, message", [
    ({"ctx/": None}, "ctx", "", 'unable to evaluate symlinks in Dockerfile path: lstat {tmp}/ctx/Dockerfile: '
                                 'no such file or directory'),
    ({"ctx/Dockerfile": ""}, "ctx", "nope/Dockerfile", "unable to evaluate symlinks in Dockerfile path: "
                                                       "lstat {tmp}/nope: no such file or directory"),
    ({"file": ""}, "file", "", "context must be a directory: {tmp}/file"),
])
def test_local_context_errors(tmp_path, monkeypatch, setup, context, dockerfile, message):
    make_tree(tmp_path, setup)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(bctx.ContextError) as e:
        bctx.local_context(context, dockerfile)
    assert str(e.value) == message.format(tmp=tmp_path)


@pytest.mark.parametrize("spec, kind", [
    ("-", bctx.STDIN), (".", bctx.LOCAL), ("https://github.com/x/y.git", bctx.GIT), ("git@github.com:x/y", bctx.GIT),
    ("github.com/x/y", bctx.GIT), ("https://example.com/ctx.tar", bctx.REMOTE),
])
def test_detect_context_type(spec, kind):
    assert bctx.detect_context_type(spec) == kind


def test_missing_context_path():
    with pytest.raises(bctx.ContextError, match='unable to prepare context: path "no/such/dir" not found'):
        bctx.detect_context_type("no/such/dir")


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    make_tree(tmp_path, {"Dockerfile": "", "secret": "x", "unreadable.tmp": "y"})
    real_open = os.open

    def fake_open(path, *a, **kw):  # running as root, chmod 000 would not stop us: simulate EACCES
        if str(path).endswith(("secret", ".tmp")):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **kw)

    monkeypatch.setattr(bctx.os, "open", fake_open)
    with pytest.raises(bctx.ContextError, match=f"no permission to read from '{tmp_path}/secret'"):
        bctx.validate_context(str(tmp_path), ["*.tmp"])
    bctx.validate_context(str(tmp_path), ["*.tmp", "secret"])  # excluded files are never opened


# -- stdin ------------------------------------------------------------------------------------------

def _tar_bytes() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        info = tarfile.TarInfo("Dockerfile")
        info.size = 7
        tf.addfile(info, io.BytesIO(b"FROM x\n"))
    return buf.getvalue()


@pytest.mark.parametrize("head, expected", [
    (_tar_bytes()[:1024], True), (gzip.compress(b"whatever", mtime=0), True), (b"BZh91AY", True),
    (b"\xfd7zXZ\x00rest", True), (b"\x28\xb5\x2f\xfdzstd", True), (b"FROM busybox\n", False), (b"", False),
    (b"\0" * 1024, False),
])
def test_is_archive(head, expected):
    assert bctx.is_archive(head) is expected


def test_stdin_tar_passes_through_untouched():
    data = _tar_bytes()
    chunks, dockerfile = bctx.stdin_context(io.BytesIO(data), "")
    assert b"".join(chunks) == data and dockerfile == ""
    chunks, dockerfile = bctx.stdin_context(io.BytesIO(data), "sub/Dockerfile")
    assert dockerfile == "sub/Dockerfile"


def test_stdin_dockerfile_becomes_a_one_file_tar():
    chunks, dockerfile = bctx.stdin_context(io.BytesIO(b"FROM x\nLABEL a=b\n"), "")
    members, data = untar(chunks)
    assert dockerfile == "Dockerfile" and list(members) == ["Dockerfile"]
    assert tarfile.open(fileobj=io.BytesIO(data)).extractfile("Dockerfile").read() == b"FROM x\nLABEL a=b\n"


@pytest.mark.parametrize("dockerfile, message", [
    ("-", "build context is not an archive"),
    ("Dockerfile", "ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles"),
])
def test_stdin_dockerfile_errors(dockerfile, message):
    with pytest.raises(bctx.ContextError, match=message):
        bctx.stdin_context(io.BytesIO(b"FROM x\n"), dockerfile)


@pytest.mark.parametrize("chunk", [1024, 4096, bctx.CHUNK])
def test_stream_is_a_valid_tar_whatever_the_chunking(tmp_path, chunk):
    """Every file size around the chunk thresholds: the stream must untar to the same bytes."""
    sizes = [0, 1, 511, 512, 513, chunk // 4 - 1, chunk // 4, chunk // 4 + 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 7]
    expected = {}
    for i, size in enumerate(sizes):
        data = bytes((i * 7 + j) % 251 for j in range(size))
        (tmp_path / f"f{i:02d}").write_bytes(data)
        expected[f"f{i:02d}"] = data
    stream = bctx.ContextTar(str(tmp_path), [], chunk=chunk)
    chunks = list(stream)
    assert max(len(c) for c in chunks) <= max(chunk, 1024 + 512)
    with tarfile.open(fileobj=io.BytesIO(b"".join(chunks))) as tf:
        got = {m.name: tf.extractfile(m).read() for m in tf.getmembers()}
    assert got == expected
