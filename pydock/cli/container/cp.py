"""`pydock cp`: copy files between a container and the local filesystem, as a streamed tar archive.

From a container: GET /archive is read with `tarfile` in stream mode and extracted entry by entry
(`-` instead: the tar goes to stdout untouched). To a container: a tar of the local source is
generated on the fly and PUT chunked (`-` instead: stdin's tar is passed through). Nothing holds a
whole archive or a whole file in memory. Path and rename rules are docker's (pydock.opts.cppath).

Output: none, or with `-q=false` / a terminal on stdout, one line on stderr, `Successfully copied 6.66kB
to <dest>` (the tar stream's size), printed even when the copy then fails. docker 28.2.2 means to draw
a progress line on a terminal stderr but never does (it checks the wrapped stream, not the file), so
neither do we.
"""

from __future__ import annotations

import os
import stat as st
import sys
from dataclasses import dataclass

import click

from ...errors import PydockError
from ...opts import cppath
from .._lazy import command, fail
from .._params import NegatableFlag

GO_DIR, GO_SYMLINK, GO_DEVICE, GO_IRREGULAR = 1 << 31, 1 << 27, 1 << 26, 1 << 19  # Go's os.FileMode bits
CHUNK = 1 << 16
USAGE = "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tpydock cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH"
HELP = """Copy files/folders between a container and the local filesystem

\b
Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout."""


@dataclass(frozen=True)
class CpOptions:
    source: str
    destination: str
    follow_link: bool = False
    archive: bool = False
    quiet: bool = True


EXAMPLES = (
    ('Copy a file out of a container', 'pydock cp web:/etc/nginx/nginx.conf .'),
    ('Copy a directory into a container', 'pydock cp ./site web:/usr/share/nginx/html'),
)


@command("cp", examples=EXAMPLES, usage=USAGE, args=(2, 2), help=HELP)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-a", "--archive", is_flag=True, help="Archive mode (copy all uid/gid information)")
@click.option("-L", "--follow-link", is_flag=True, help="Always follow symbol link in SRC_PATH")
@click.option("-q", "--quiet/--no-quiet", default=None, cls=NegatableFlag,
              help="Suppress progress output during copy. Progress output is automatically suppressed if no "
                   "terminal is attached")
@click.pass_obj
def command(app, paths, archive, follow_link, quiet):
    if not paths[0]:
        fail("source can not be empty")
    if not paths[1]:
        fail("destination can not be empty")
    quiet = (not app.out_is_tty()) if quiet is None else quiet  # not given: quiet unless stdout is a terminal
    run_cp(app, CpOptions(paths[0], paths[1], follow_link, archive, quiet))


def run_cp(app, opts: CpOptions) -> None:
    src_container, src_path = cppath.split_cp_arg(opts.source)
    dst_container, dst_path = cppath.split_cp_arg(opts.destination)
    if src_container and dst_container:
        fail("copying between containers is not supported")
    if src_container:
        return copy_from_container(app, src_container, src_path, dst_path, opts)
    if dst_container:
        return copy_to_container(app, dst_container, src_path, dst_path, opts)
    fail("must specify at least one container source")


# -- from a container ----------------------------------------------------------------------------------

def copy_from_container(app, container: str, src: str, dst: str, opts: CpOptions) -> None:
    from ...engine.api import containers

    if dst != "-":
        dst = cppath.resolve_local_path(dst, os.getcwd())
    validate_output_path(dst)
    rebase_name = ""
    if opts.follow_link:
        src, rebase_name = _follow_container_link(app, container, src)
    with containers.get_archive(app.engine, container, src) as resp:
        info = containers.decode_path_stat(resp.headers.get("x-docker-container-path-stat", ""))
        chunks = app.engine.iter_bytes(resp)
        if dst == "-":
            return _to_stdout(app, chunks)
        src_info = cppath.CopyInfo(src, True, bool(int(info.get("mode", 0)) & GO_DIR), rebase_name)
        counter = Counter(chunks)
        error = _extract_or_error(counter, src_info, dst)
    if not opts.quiet:
        app.err.write(f"Successfully copied {_size(counter.total)} to {dst}\n")
    if error is not None:
        raise error


def _follow_container_link(app, container: str, src: str) -> tuple[str, str]:
    """-L: if the source is a symlink, copy its target, under the link's own name."""
    from ...engine.api import containers

    try:
        info = containers.archive_stat(app.engine, container, src)
    except PydockError:
        return src, ""
    if not int(info.get("mode", 0)) & GO_SYMLINK:
        return src, ""
    target = info.get("linkTarget", "")
    if not target.startswith("/"):
        target = cppath.join(cppath.split_path_dir_entry(src)[0], target)
    return cppath.get_rebase_name(src, target)


def _to_stdout(app, chunks) -> None:
    from .logs import binary

    out = binary(app.out)
    for chunk in chunks:
        out.write(chunk)
    out.flush()


def _extract_or_error(counter: "Counter", src_info: cppath.CopyInfo, dst: str) -> PydockError | None:
    """go-archive CopyTo; docker prints its success line even when this fails, so the error is returned."""
    import tarfile

    extractor = None
    try:
        dst_info = copy_info_destination_path(dst)
        dst_dir, rename = cppath.prepare_archive_copy(src_info, dst_info)
        first = (cppath.split_path_dir_entry(src_info.path)[1], src_info.rebase_name) if src_info.rebase_name else None
        with tarfile.open(fileobj=counter, mode="r|", format=tarfile.PAX_FORMAT, errors="surrogateescape") as tar:
            extractor = Extractor(dst_dir, [r for r in (first, rename) if r])
            extractor.run(tar)
        counter.drain()
    except BaseException as e:
        if extractor is not None:  # a copy cut short leaves nothing it created (docker leaves the part)
            extractor.roll_back()
        if isinstance(e, cppath.CopyError):
            return PydockError(str(e))
        if isinstance(e, tarfile.TarError):
            return PydockError(f"archive/tar: {e}")
        if isinstance(e, PydockError):
            return e
        raise
    return None


def validate_output_path(path: str) -> None:
    """docker's ValidateOutputPath: the parent must exist; an existing target must not be a device."""
    parent = cppath.dirname(cppath.clean(path))
    if parent not in ("", ".") and not os.path.lexists(parent) and not os.path.exists(parent):
        fail(f"invalid output path: directory {_quote(parent)} does not exist")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        fail(go_error("stat", path, e))
    if st.S_ISBLK(info.st_mode) or st.S_ISCHR(info.st_mode):
        fail(f"invalid output path: {_quote(path)} must be a directory or a regular file: got a device")


def copy_info_destination_path(path: str) -> cppath.CopyInfo:
    """go-archive CopyInfoDestinationPath: symlinks at the destination are followed (up to 10)."""
    original, hops = path, 0
    info, error = _lstat(path)
    while info is not None and st.S_ISLNK(info.st_mode):
        if hops > 10:
            raise PydockError(f"too many symlinks in {original}")
        link = _go_call("readlink", path, os.readlink, path)
        path = link if link.startswith("/") else cppath.join(cppath.split_path_dir_entry(path)[0], link)
        info, error = _lstat(path)
        hops += 1
    if info is not None:
        return cppath.CopyInfo(path, True, st.S_ISDIR(info.st_mode))
    if not isinstance(error, FileNotFoundError):
        raise PydockError(go_error("lstat", path, error))
    parent = cppath.split_path_dir_entry(path)[0]
    if not st.S_ISDIR(_go_call("stat", parent, os.stat, parent).st_mode):
        raise PydockError("not a directory")
    return cppath.CopyInfo(path)


# -- to a container ------------------------------------------------------------------------------------

def copy_to_container(app, container: str, src: str, dst: str, opts: CpOptions) -> None:
    from ...engine.api import containers

    if src != "-":
        src = cppath.resolve_local_path(src, os.getcwd())
    dst_info = _container_destination(app, container, dst)
    if src == "-":
        if not dst_info.is_dir:
            fail(f'destination "{container}:{dst}" must be a directory')
        content, target, counter = _stdin_chunks(), dst_info.path, None
    else:
        src_info = copy_info_source_path(src, opts.follow_link)
        _go_call("lstat", src_info.path, os.lstat, src_info.path)
        try:
            target, rename = cppath.prepare_archive_copy(src_info, dst_info)
        except cppath.CopyError as e:
            fail(str(e))
        counter = Counter(tar_source(src_info, rename))
        content = counter.chunks()
    error = None
    try:
        containers.put_archive(app.engine, container, target, content, copy_uid_gid=opts.archive)
    except PydockError as e:
        error = e
    if not opts.quiet:
        app.err.write(f"Successfully copied {_size(counter.total if counter else 0)} to {container}:{dst_info.path}\n")
    if error is not None:
        raise error


def _container_destination(app, container: str, dst: str) -> cppath.CopyInfo:
    """Stat the destination in the container (following one symlink); a failed stat just means
    "does not exist yet" and the extraction decides."""
    from ...engine.api import containers

    path, info = dst, None
    try:
        info = containers.archive_stat(app.engine, container, dst)
        if int(info.get("mode", 0)) & GO_SYMLINK:
            target = info.get("linkTarget", "")
            path = target if target.startswith("/") else cppath.join(cppath.split_path_dir_entry(dst)[0], target)
            info = None
            info = containers.archive_stat(app.engine, container, path)
    except PydockError:
        pass
    mode = int((info or {}).get("mode", 0))
    if mode & (GO_DEVICE | GO_IRREGULAR):
        why = "got a device" if mode & GO_DEVICE else "got an irregular file"
        fail(f'destination "{container}:{dst}" must be a directory or a regular file: {why}')
    return cppath.CopyInfo(path, info is not None, bool(mode & GO_DIR))


def _stdin_chunks():
    source = getattr(sys.stdin, "buffer", sys.stdin)
    while True:
        data = source.read1(CHUNK) if hasattr(source, "read1") else source.read(CHUNK)
        if not data:
            return
        yield data


def copy_info_source_path(path: str, follow: bool) -> cppath.CopyInfo:
    """go-archive CopyInfoSourcePath: symlinks in the parent are resolved; the last element only with -L."""
    if follow:
        resolved, rebase_name = cppath.get_rebase_name(path, eval_symlinks(path))
    else:
        parent, leaf = path[:path.rfind("/") + 1], path[path.rfind("/") + 1:]
        resolved = eval_symlinks(parent) + "/" + leaf
        rebase_name = cppath.base(path) if path.endswith("/") and cppath.base(path) != cppath.base(resolved) else ""
    info = _go_call("lstat", resolved, os.lstat, resolved)
    return cppath.CopyInfo(resolved, True, st.S_ISDIR(info.st_mode), rebase_name)


def eval_symlinks(path: str) -> str:
    """Go's filepath.EvalSymlinks (walkSymlinks), with its errors (`lstat /a/b: no such file or directory`)."""
    vol_len = 1 if path.startswith("/") else 0
    vol, dest, links, start = path[:vol_len], path[:vol_len], 0, vol_len
    while start < len(path):
        while start < len(path) and path[start] == "/":
            start += 1
        end = path.find("/", start) if "/" in path[start:] else len(path)
        part = path[start:end]
        if not part:
            break
        if part in (".", ".."):
            dest = dest if part == "." else _dotdot(dest, vol_len)
            start = end
            continue
        dest += ("/" if dest and not dest.endswith("/") else "") + part
        info = _go_call("lstat", dest, os.lstat, dest)
        if not st.S_ISLNK(info.st_mode):
            if not st.S_ISDIR(info.st_mode) and end < len(path):
                raise PydockError("not a directory")
            start = end
            continue
        links += 1
        if links > 255:
            raise PydockError("EvalSymlinks: too many links")
        link = _go_call("readlink", dest, os.readlink, dest)
        path = link + path[end:]
        if link.startswith("/"):
            dest, start, vol, vol_len = "/", 1, "/", 1
        else:
            cut = dest.rfind("/", vol_len)
            dest, start = (vol if cut < vol_len else dest[:cut]), 0
    return cppath.clean(dest)


def _dotdot(dest: str, vol_len: int) -> str:
    cut = dest.rfind("/", vol_len)
    if cut < vol_len or dest[cut + 1:] == "..":
        return dest + ("/" if len(dest) > vol_len else "") + ".."
    return dest[:cut]


# -- tar out -------------------------------------------------------------------------------------------

def tar_source(src: cppath.CopyInfo, rename: tuple[str, str] | None):
    """The archive go-archive's TarResource would make of `src` (entries named from its last element,
    PAX headers, uid/gid kept, no user names), renamed for the destination, ending in two zero blocks."""
    source_dir, source_base = cppath.split_path_dir_entry(src.path)
    seen: dict[tuple[int, int], str] = {}
    for file_path, name in _walk(source_dir, source_base):
        if src.rebase_name:
            name = name.replace(source_base, "" if src.rebase_name == "/" else src.rebase_name, 1)
        try:
            yield from _tar_entry(file_path, name, seen, rename)
        except OSError as e:
            sys.stderr.write(f"Can't add file {file_path} to tar: {go_error('open', file_path, e)}\n")
    yield b"\0" * 1024


def _walk(source_dir: str, include: str):
    """filepath.WalkDir from `source_dir/include`: pre-order, entries sorted, symlinks not followed;
    yields (path, name relative to source_dir, `./`-prefixed when copying a directory's contents)."""
    root = source_dir + "/" + include
    stack = [cppath.clean(root)]
    while stack:
        path = stack.pop()
        rel = _rel(source_dir, path)
        if include == "." and rel != ".":
            rel = "./" + rel
        yield path, rel
        try:
            if st.S_ISDIR(os.lstat(path).st_mode):
                names = sorted(os.listdir(path), key=lambda n: os.fsencode(n))
                stack.extend(cppath.join(path, n) for n in reversed(names))
        except OSError as e:
            sys.stderr.write(f"Tar: Can't stat file {source_dir} to tar: {go_error('lstat', path, e)}\n")


def _rel(base_dir: str, path: str) -> str:
    if path == base_dir:
        return "."
    return path[len(base_dir):].lstrip("/") if base_dir == "/" else path[len(base_dir) + 1:]


def _tar_entry(path: str, name: str, seen: dict, rename):
    import tarfile

    info = os.lstat(path)
    member = _tar_info(path, name, info)
    if not st.S_ISDIR(info.st_mode) and info.st_nlink > 1:
        key = (info.st_dev, info.st_ino)
        if key in seen:
            member.type, member.linkname, member.size = tarfile.LNKTYPE, seen[key], 0
        else:
            seen[key] = name
    if rename:
        member.name = cppath.rebase(member.name, *rename)
        if member.type == tarfile.LNKTYPE:
            member.linkname = cppath.rebase(member.linkname, *rename)
    source = open(path, "rb") if member.type == tarfile.REGTYPE and member.size else None
    yield _header(member)
    if source is not None:
        with source:
            yield from _file_blocks(source, member.size)


def _tar_info(path: str, name: str, info: os.stat_result):
    import tarfile

    mode = info.st_mode
    member = tarfile.TarInfo(name + "/" if st.S_ISDIR(mode) and not name.endswith("/") else name)
    member.mode, member.uid, member.gid = st.S_IMODE(mode), info.st_uid, info.st_gid
    member.mtime, member.uname, member.gname = int(info.st_mtime), "", ""
    if st.S_ISREG(mode):
        member.type, member.size = tarfile.REGTYPE, info.st_size
    elif st.S_ISDIR(mode):
        member.type = tarfile.DIRTYPE
    elif st.S_ISLNK(mode):
        member.type, member.linkname = tarfile.SYMTYPE, os.readlink(path)
    elif st.S_ISFIFO(mode):
        member.type = tarfile.FIFOTYPE
    elif st.S_ISCHR(mode) or st.S_ISBLK(mode):
        member.type = tarfile.CHRTYPE if st.S_ISCHR(mode) else tarfile.BLKTYPE
        member.devmajor, member.devminor = os.major(info.st_rdev), os.minor(info.st_rdev)
    else:
        raise OSError(f"archive/tar: sockets not supported")
    capability = _capability(path)
    if capability is not None:
        member.pax_headers = {"SCHILY.xattr.security.capability": capability.decode("latin-1")}
    return member


def _capability(path: str) -> bytes | None:
    try:
        return os.getxattr(path, "security.capability", follow_symlinks=False)
    except (OSError, AttributeError):
        return None


def _header(member) -> bytes:
    """USTAR when it can hold the entry (as Go's writer prefers), else PAX."""
    import tarfile

    if not member.pax_headers and member.name.isascii() and member.linkname.isascii():
        try:
            return member.tobuf(tarfile.USTAR_FORMAT, "utf-8", "surrogateescape")
        except ValueError:
            pass
    return member.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _file_blocks(source, size: int):
    left = size
    while left > 0:
        data = source.read(min(CHUNK, left))
        if not data:
            data = b"\0" * min(CHUNK, left)  # the file shrank while being read: keep the archive well-formed
        left -= len(data)
        yield data
    if size % 512:
        yield b"\0" * (512 - size % 512)


# -- tar in --------------------------------------------------------------------------------------------

class Extractor:
    """go-archive Unpack with docker cp's options: no chown, a directory is never replaced by a
    non-directory or the reverse, entries renamed as asked, nothing written outside `dest`."""

    def __init__(self, dest: str, renames: list[tuple[str, str]]):
        self.dest, self.renames, self.dirs = cppath.clean(dest), renames, []
        self.created: list[str] = []  # paths that did not exist before, in creation order
        self._created_set: set[str] = set()

    def roll_back(self) -> None:
        """Remove what this extraction created (a directory it created goes with all it holds); files it
        overwrote stay overwritten."""
        import shutil

        for path in reversed(self.created):
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                elif os.path.lexists(path):
                    os.unlink(path)
            except OSError:
                pass
        self.created.clear()

    def _created(self, path: str) -> None:
        """Record `path` unless a directory recorded before holds it (it goes with that directory)."""
        parent = cppath.dirname(path)
        while parent and parent not in ("/", "."):
            if parent in self._created_set:
                return
            up = cppath.dirname(parent)
            if up == parent:
                break
            parent = up
        self.created.append(path)
        self._created_set.add(path)

    def run(self, tar) -> None:
        for member in tar:
            name = member.name + ("/" if member.isdir() else "")
            for old, new in self.renames:
                name = cppath.rebase(name, old, new)
                if member.islnk():
                    member.linkname = cppath.rebase(member.linkname, old, new)
            self.entry(tar, member, cppath.clean(name))
        for path, member in self.dirs:
            _set_times(path, member, follow=True)

    def entry(self, tar, member, name: str) -> None:
        if not name.endswith("/"):
            parent = cppath.join(self.dest, cppath.dirname(name))
            if not os.path.lexists(parent):
                top = parent
                while not os.path.lexists(cppath.dirname(top)):
                    top = cppath.dirname(top)
                _go_call("mkdir", parent, os.makedirs, parent, 0o755)
                self._created(top)
        path = cppath.join(self.dest, name)
        if path != self.dest and not path.startswith(self.dest.rstrip("/") + "/"):
            raise PydockError(f"{_quote(name)} is outside of {_quote(self.dest)}")
        existed = os.path.lexists(path)
        if existed and not self._make_room(path, member, name):
            return
        if not existed:
            self._created(path)
        self.create(tar, member, path)
        if member.isdir():
            self.dirs.append((path, member))

    def _make_room(self, path: str, member, name: str) -> bool:
        """False when the entry is the destination directory itself (nothing to do)."""
        is_dir = st.S_ISDIR(os.lstat(path).st_mode)
        if is_dir and not member.isdir():
            raise PydockError(f"cannot overwrite directory {_quote(path)} with non-directory {_quote(self.dest)}")
        if not is_dir and member.isdir():
            raise PydockError(f"cannot overwrite non-directory {_quote(path)} with directory {_quote(self.dest)}")
        if is_dir and name == ".":
            return False
        if not is_dir and not member.isreg():  # a regular file is renamed over the old one when complete
            _go_call("unlinkat", path, os.unlink, path)
        return True

    def create(self, tar, member, path: str) -> None:
        if member.isdir():
            if not os.path.isdir(path) or os.path.islink(path):
                _go_call("mkdir", path, os.mkdir, path, member.mode & 0o7777)
        elif member.isreg():
            self._write_file(tar, member, path)
        elif member.issym():
            target = cppath.join(cppath.dirname(path), member.linkname)
            if not target.startswith(self.dest):
                raise PydockError(f"invalid symlink {_quote(path)} -> {_quote(member.linkname)}")
            _go_call("symlink", path, os.symlink, member.linkname, path)
        elif member.islnk():
            target = cppath.join(self.dest, member.linkname)
            if not target.startswith(self.dest):
                raise PydockError(f"invalid hardlink {_quote(target)} -> {_quote(member.linkname)}")
            _go_call("link", path, os.link, target, path)
        else:
            _make_node(member, path)
        self._finish(member, path)

    def _write_file(self, tar, member, path: str) -> None:
        """The file's content into a temporary file beside it, renamed over `path` when complete: a
        failure (`write <path>: no space left on device`, docker's text) leaves the old file as it was
        and no partial one (docker removes the old file first and leaves the partial one)."""
        from ...atomicfile import AtomicFile, FileWriteError

        try:
            target = AtomicFile(path, member.mode & 0o7777, sync=False)  # as go-archive: no fsync per file
        except FileWriteError as e:
            raise PydockError(go_error("open", path, e.os_error)) from None
        with target, tar.extractfile(member) as data:
            for block in iter(lambda: data.read(CHUNK), b""):
                try:
                    target.write(block)
                except FileWriteError as e:
                    raise PydockError(go_error("write", path, e.os_error)) from None
            target.commit()

    def _finish(self, member, path: str) -> None:
        for key, value in member.pax_headers.items():
            if key.startswith("SCHILY.xattr."):
                try:
                    os.setxattr(path, key[len("SCHILY.xattr."):], value.encode("utf-8", "surrogateescape"),
                                follow_symlinks=False)
                except OSError:
                    pass
        if not member.issym():
            _go_call("chmod", path, os.chmod, path, member.mode & 0o7777)
        if not member.isdir():
            _set_times(path, member, follow=not member.issym())


def _make_node(member, path: str) -> None:
    if member.isfifo():
        _go_call("mkfifo", path, os.mkfifo, path, member.mode & 0o7777)
    elif member.ischr() or member.isblk():
        kind = st.S_IFCHR if member.ischr() else st.S_IFBLK
        device = os.makedev(member.devmajor, member.devminor)
        _go_call("mknod", path, os.mknod, path, kind | (member.mode & 0o7777), device)
    else:
        raise PydockError(f"unhandled tar header type {member.type.decode('latin-1')!r}")


def _set_times(path: str, member, follow: bool) -> None:
    mtime = member.mtime if member.mtime >= 0 else 0
    atime = max(float(member.pax_headers.get("atime", 0) or 0), mtime)
    try:
        os.utime(path, (atime, mtime), follow_symlinks=follow)
    except (OSError, NotImplementedError):
        pass


# -- small pieces --------------------------------------------------------------------------------------

class Counter:
    """A byte stream over chunks that counts what passes (docker's copiedSize); file-like for tarfile."""

    def __init__(self, chunks):
        self._chunks, self._buf, self.total = iter(chunks), b"", 0

    def chunks(self):
        for chunk in self._chunks:
            self.total += len(chunk)
            yield chunk

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buf) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self.total += len(chunk)
            self._buf += chunk
        data, self._buf = (self._buf, b"") if size < 0 else (self._buf[:size], self._buf[size:])
        return data

    def drain(self) -> None:
        for _ in self.chunks():
            pass


def _size(n: int) -> str:
    from ...render.humanize import human_size

    return human_size(n, 3)


def _quote(s: str) -> str:
    from ...opts.timestamps import go_quote

    return go_quote(s)


def _lstat(path: str):
    try:
        return os.lstat(path), None
    except OSError as e:
        return None, e


def _go_call(op: str, path: str, fn, *args):
    """Run an os call; its failure becomes Go's PathError text (`open /x: permission denied`)."""
    try:
        return fn(*args)
    except OSError as e:
        raise PydockError(go_error(op, path, e)) from None


def go_error(op: str, path: str, error: BaseException | None) -> str:
    """`<op> <path>: <errno text>`, the text lower-cased as Go's syscall errors are."""
    if isinstance(error, OSError) and error.errno:
        text = os.strerror(error.errno)
        return f"{op} {path}: {text[:1].lower()}{text[1:]}"
    return f"{op} {path}: {error}"
