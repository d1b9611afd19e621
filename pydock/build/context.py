"""The build context: where it comes from (directory, stdin tar, stdin Dockerfile) and the tar stream docker's
client sends (cli/command/image/build/context.go + moby/go-archive TarWithOptions).

The tar is produced by a generator of byte chunks: files are read CHUNK bytes at a time while the request
body is being sent, so memory stays flat whatever the context size. Entries come in filepath.WalkDir order
(names sorted byte-wise, a directory before its contents), with docker's header fields: uid/gid 0, no user
or group names, permission + setuid/setgid/sticky bits, mtime truncated to the second, hard links as links
to the first name seen, symlinks as links, directories with a trailing `/`.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import tarfile
import time
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Iterator

from .dockerignore import MatchInfo, PatternMatcher, read_ignore_file

DEFAULT_DOCKERFILE = "Dockerfile"
CHUNK = 1 << 20
BLOCK = 512
STDIN, LOCAL, GIT, REMOTE = "stdin", "local", "git", "remote"


class ContextError(Exception):
    """A context that cannot be prepared; the message is docker's."""


# -- where the context comes from --------------------------------------------------------------------

def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def is_git_url(value: str) -> bool:
    if is_url(value) and re.search(r"\.git(?:#.+)?$", value):
        return True
    return value.startswith(("git://", "github.com/", "git@"))


def detect_context_type(spec: str) -> str:
    """build.DetectContextType."""
    if spec == "-":
        return STDIN
    try:
        os.stat(spec)
        return LOCAL
    except OSError:
        pass
    if is_git_url(spec):
        return GIT
    if is_url(spec):
        return REMOTE
    raise ContextError(f'unable to prepare context: path "{spec}" not found')


def _lstat_error(path: str, e: OSError) -> str:
    why = os.strerror(e.errno).lower() if e.errno else str(e)
    if e.errno == 2:
        why = "no such file or directory"
    return f"lstat {path}: {why}"


def eval_symlinks(path: str) -> str:
    """filepath.EvalSymlinks: the real path, or Go's `lstat <first missing component>: ...` error."""
    real = os.path.realpath(path)
    try:
        os.lstat(real)
        return real
    except OSError:
        pass
    parts = real.split("/")
    for i in range(2, len(parts) + 1):
        prefix = "/".join(parts[:i]) or "/"
        try:
            os.lstat(prefix)
        except OSError as e:
            raise OSError(e.errno, _lstat_error(prefix, e)) from None
    return real


def resolve_context_dir(given: str) -> str:
    """resolveAndValidateContextPath."""
    absolute = os.path.abspath(given)
    try:
        absolute = eval_symlinks(absolute)
    except OSError as e:
        raise ContextError(f"unable to evaluate symlinks in context path: {e.strerror}") from None
    if not os.path.isdir(absolute) or os.path.islink(absolute):
        raise ContextError(f"context must be a directory: {absolute}")
    return absolute


def dockerfile_rel_path(context_dir: str, given: str) -> str:
    """getDockerfileRelPath: the Dockerfile relative to the context (`../x` when it is outside)."""
    if given == "-":
        return given
    path = given
    if not path:
        path = os.path.join(context_dir, DEFAULT_DOCKERFILE)
        if not os.path.lexists(path):
            alt = os.path.join(context_dir, DEFAULT_DOCKERFILE.lower())
            if os.path.lexists(alt):
                path = alt
    if not os.path.isabs(path):
        path = os.path.join(context_dir, path)
    try:
        path = eval_symlinks(path)
    except OSError as e:
        raise ContextError(f"unable to evaluate symlinks in Dockerfile path: {e.strerror}") from None
    if not os.path.lexists(path):
        raise ContextError(f'cannot locate Dockerfile: "{path}"')
    return os.path.relpath(path, context_dir)


def local_context(directory: str, dockerfile: str) -> tuple[str, str]:
    """GetContextFromLocalDir: (absolute context dir, Dockerfile relative to it). `-f` is relative to the
    current directory, not to the context."""
    context_dir = resolve_context_dir(directory)
    if dockerfile and dockerfile != "-":
        dockerfile = os.path.abspath(dockerfile)
    return context_dir, dockerfile_rel_path(context_dir, dockerfile)


def read_dockerignore(context_dir: str) -> list[str]:
    try:
        with open(os.path.join(context_dir, ".dockerignore"), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return []
    return read_ignore_file(data)


def validate_context(context_dir: str, excludes: list[str]) -> None:
    """ValidateContextDirectory: every file that will be sent can be read (symlinks and pipes aside)."""
    pm = PatternMatcher(excludes)

    def walk(path: str, rel: str):
        try:
            st = os.lstat(path)
        except PermissionError:
            raise ContextError(f"can't stat '{path}'") from None
        except FileNotFoundError:
            raise ContextError(f"file ('{path}') not found or excluded by .dockerignore") from None
        if rel != "." and pm.matches_or_parent_matches(rel):
            return
        mode = st.st_mode
        if stat.S_ISLNK(mode) or stat.S_ISFIFO(mode):
            return
        if stat.S_ISDIR(mode):
            try:
                names = sorted(os.listdir(path))
            except PermissionError:
                raise ContextError(f"can't stat '{path}'") from None
            for name in names:
                walk(os.path.join(path, name), name if rel == "." else f"{rel}/{name}")
            return
        try:
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        except PermissionError:
            raise ContextError(f"no permission to read from '{path}'") from None
        except OSError:
            pass

    walk(context_dir, ".")


# -- the tar stream ----------------------------------------------------------------------------------

def _header(name: str, st: os.stat_result | None = None, **fields) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if st is not None:
        info.mode = stat.S_IMODE(st.st_mode)
        info.mtime = int(st.st_mtime)
    for key, value in fields.items():
        setattr(info, key, value)
    return info


def _encode(info: tarfile.TarInfo) -> bytes:
    """A plain ustar header whenever one can hold the entry (long ASCII names split into prefix + name),
    PAX records only when needed (non-ASCII names, long links, huge sizes), as Go's tar writer does: the
    stream then has docker's size, block for block."""
    try:
        return info.tobuf(tarfile.USTAR_FORMAT, "ascii", "strict")
    except ValueError:
        return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _padding(size: int) -> bytes:
    return b"\0" * (-size % BLOCK)


@dataclass
class Injected:
    """What AddDockerfileToBuildContext puts in the tar: the Dockerfile under a random name, and that name
    appended to .dockerignore (so the daemon leaves it out of the final context)."""

    dockerfile: bytes
    name: str = field(default_factory=lambda: ".dockerfile." + secrets.token_hex(16)[:20])
    now: int = field(default_factory=lambda: int(time.time()))

    def dockerignore(self, original: bytes | None) -> bytes:
        return (original if original is not None else b".dockerignore") + b"\n" + self.name.encode() + b"\n"


class ContextTar:
    """The context directory as a stream of tar bytes. Iterate it once; `sent` counts the bytes produced."""

    def __init__(self, context_dir: str, excludes: list[str], *, inject: Injected | None = None,
                 on_progress: Callable[[int, bool], None] | None = None, chunk: int = CHUNK):
        self.root = context_dir
        self.pm = PatternMatcher(excludes)
        self.inject = inject
        self.on_progress = on_progress
        self.chunk = chunk
        self.sent = 0
        self.skipped: list[tuple[str, str]] = []  # (path, why): entries docker logs and leaves out

    # the walk (Tarballer.Do) -----------------------------------------------------------------------
    def entries(self) -> Iterator[tuple[str, str]]:
        """(absolute path, relative path) of every entry sent, in docker's order."""
        parents: list[tuple[str, MatchInfo]] = []
        seen: set[str] = set()
        yield from self._walk(self.root, "", parents, seen)

    def _walk(self, path: str, rel: str, parents, seen) -> Iterator[tuple[str, str]]:
        try:
            with os.scandir(path) as it:
                items = sorted(((e.name, e.is_dir(follow_symlinks=False)) for e in it))
        except OSError as e:
            self.skipped.append((path, str(e)))
            return
        for name, is_dir in items:
            child_rel = f"{rel}/{name}" if rel else name
            child = os.path.join(path, name)
            while parents and not child_rel.startswith(parents[-1][0] + "/"):
                parents.pop()
            skip, info = self.pm.matches_using_parent_results(child_rel, parents[-1][1] if parents else None)
            if is_dir:
                parents.append((child_rel, info))
            if skip:
                if not is_dir:
                    continue
                if not self.pm.exclusions:
                    continue
                prefix = child_rel + "/"
                if any(p.exclusion and (p.cleaned + "/").startswith(prefix) for p in self.pm.patterns):
                    yield from self._walk(child, child_rel, parents, seen)
                continue
            if child_rel in seen:
                continue
            seen.add(child_rel)
            yield child, child_rel
            if is_dir:
                yield from self._walk(child, child_rel, parents, seen)

    # the bytes -------------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks():
            self.sent += len(chunk)
            if self.on_progress:
                self.on_progress(self.sent, False)
            yield chunk
        if self.on_progress:
            self.on_progress(self.sent, True)

    def _chunks(self) -> Iterator[bytes]:
        buf = bytearray()
        links: dict[int, str] = {}
        saw_ignore = False
        for path, rel in self.entries():
            try:
                st = os.lstat(path)
            except OSError as e:
                self.skipped.append((path, str(e)))
                continue
            if self.inject is not None and rel == ".dockerignore" and stat.S_ISREG(st.st_mode):
                saw_ignore = True
                with open(path, "rb") as f:
                    data = self.inject.dockerignore(f.read())
                buf += _encode(_header(rel, st, size=len(data))) + data + _padding(len(data))
                continue
            made = self._entry(path, rel, st, links)
            if made is None:
                continue
            info, source = made
            buf += _encode(info)
            if source is not None:
                with source:
                    for piece in self._content(source, info.size):
                        if len(piece) >= self.chunk // 4:  # big: sent as read, after what is buffered
                            if buf:
                                yield bytes(buf)
                                buf.clear()
                            yield piece
                            continue
                        if len(buf) + len(piece) > self.chunk:
                            yield bytes(buf)
                            buf.clear()
                        buf += piece
                buf += _padding(info.size)
            if len(buf) >= self.chunk:
                yield bytes(buf)
                buf.clear()
        if self.inject is not None:
            inj = self.inject
            info = _header(inj.name, mode=0o600, mtime=inj.now, size=len(inj.dockerfile))
            buf += _encode(info) + inj.dockerfile + _padding(len(inj.dockerfile))
            if not saw_ignore:
                data = inj.dockerignore(None)
                buf += _encode(_header(".dockerignore", mode=0o600, mtime=inj.now, size=len(data)))
                buf += data + _padding(len(data))
        buf += b"\0" * (2 * BLOCK)
        yield bytes(buf)

    def _entry(self, path: str, rel: str, st: os.stat_result, links: dict[int, str]):
        """(header, open file or None), or None for what docker cannot archive (sockets)."""
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            return _header(rel + "/", st, type=tarfile.DIRTYPE), None
        if stat.S_ISLNK(mode):
            try:
                target = os.readlink(path)
            except OSError as e:
                self.skipped.append((path, str(e)))
                return None
            info = _header(rel, st, type=tarfile.SYMTYPE, linkname=target)
        elif stat.S_ISREG(mode):
            info = _header(rel, st, type=tarfile.REGTYPE, size=st.st_size)
        elif stat.S_ISFIFO(mode):
            info = _header(rel, st, type=tarfile.FIFOTYPE)
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            info = _header(rel, st, type=tarfile.CHRTYPE if stat.S_ISCHR(mode) else tarfile.BLKTYPE,
                           devmajor=os.major(st.st_rdev), devminor=os.minor(st.st_rdev))
        else:
            self.skipped.append((path, "archive/tar: sockets not supported"))
            return None
        if st.st_nlink > 1:
            first = links.get(st.st_ino)
            if first is not None:
                info.type, info.linkname, info.size = tarfile.LNKTYPE, first, 0
                return info, None
            links[st.st_ino] = info.name
        if info.type == tarfile.REGTYPE and info.size > 0:
            try:
                return info, open(path, "rb", buffering=0)
            except OSError as e:
                self.skipped.append((path, str(e)))
                return None
        return info, None

    def _content(self, f: BinaryIO, size: int) -> Iterator[bytes]:
        """Exactly `size` bytes (a file that shrank while being read is padded, one that grew is cut)."""
        left = size
        while left > 0:
            data = f.read(min(self.chunk, left))
            if not data:
                yield b"\0" * left
                return
            left -= len(data)
            yield data


# -- stdin ---------------------------------------------------------------------------------------------

_COMPRESSED = (b"\x1f\x8b\x08", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")


def is_archive(head: bytes) -> bool:
    """isArchive: compressed magic, or a first tar header that parses."""
    if head.startswith(_COMPRESSED):
        return True
    if len(head) < BLOCK:
        return False
    try:
        tarfile.TarInfo.frombuf(head[:BLOCK], "utf-8", "surrogateescape")
        return True
    except tarfile.HeaderError:
        return False


def read_head(stream: BinaryIO, size: int = 2 * BLOCK) -> bytes:
    head = b""
    while len(head) < size:
        data = stream.read(size - len(head))
        if not data:
            break
        head += data
    return head


def iter_stream(head: bytes, stream: BinaryIO, chunk: int = CHUNK) -> Iterator[bytes]:
    if head:
        yield head
    while True:
        data = stream.read(chunk)
        if not data:
            return
        yield data


def single_file_tar(name: str, content: bytes, *, mode: int = 0o644, uid: int = 0, gid: int = 0) -> bytes:
    """What archive.Tar makes of the temporary directory holding a Dockerfile read from stdin."""
    info = _header(name, mode=mode, mtime=int(time.time()), size=len(content))
    info.uid, info.gid = uid, gid
    return _encode(info) + content + _padding(len(content)) + b"\0" * (2 * BLOCK)


def stdin_context(stream: BinaryIO, dockerfile: str) -> tuple[Iterable[bytes], str]:
    """GetContextFromReader: a tar (maybe compressed) is passed through as it comes; anything else is a
    Dockerfile, sent in a one-file tar. Returns (chunks, Dockerfile name for the query)."""
    head = read_head(stream)
    if is_archive(head):
        return iter_stream(head, stream), dockerfile
    if dockerfile == "-":
        raise ContextError("build context is not an archive")
    if dockerfile:
        raise ContextError("ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles")
    content = head + b"".join(iter_stream(b"", stream))
    return [single_file_tar(DEFAULT_DOCKERFILE, content, uid=os.getuid(), gid=os.getgid())], DEFAULT_DOCKERFILE
