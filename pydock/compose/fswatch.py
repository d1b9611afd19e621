"""File-change notification for `compose watch` (v2 pkg/watch/watcher_naive.go over fsnotify).

`Watcher(paths)` reports changed paths at or below `paths` (files or directories, existing or not):
- Linux: inotify through libc (ctypes), one watch per directory, added recursively, and for directories
  created later (their files are reported too, as fsnotify's naive watcher walks a new directory). A
  path that does not exist yet is watched from its closest existing ancestor.
- elsewhere, or when inotify is unavailable: a poller comparing (mtime, ctime, size, mode, inode) snapshots every
  `POLL_INTERVAL` seconds.

`events(timeout)` returns the paths changed since the last call (waiting up to `timeout` seconds for
the first one); `close()` releases the watches. Decision: no watchdog dependency; inotify is a few
system calls and the poller covers the rest (recorded in issue 9's closing note).
"""

from __future__ import annotations

import errno
import os
import select
import stat
import struct
import time

from ..opts.timestamps import go_quote

POLL_INTERVAL = 0.25

# <sys/inotify.h>
IN_MODIFY, IN_ATTRIB = 0x2, 0x4
IN_MOVED_FROM, IN_MOVED_TO, IN_CREATE, IN_DELETE = 0x40, 0x80, 0x100, 0x200
IN_DELETE_SELF, IN_MOVE_SELF = 0x400, 0x800
IN_Q_OVERFLOW, IN_IGNORED, IN_ISDIR = 0x4000, 0x8000, 0x40000000
IN_NONBLOCK, IN_CLOEXEC = os.O_NONBLOCK, os.O_CLOEXEC
MASK = IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF
_HEADER = struct.Struct("iIII")

LIMIT_MESSAGE = ("hit OS limits creating a watcher.\n"
                 "Run 'sysctl fs.inotify.max_user_instances' to check your inotify limits.\n"
                 "To raise them, run 'sudo sysctl fs.inotify.max_user_instances=1024'")


class WatchError(Exception):
    pass


def greatest_existing_ancestor(path: str) -> str:
    """greatestExistingAncestor: `path` or its closest existing ancestor; WatchError at the root
    directory (which v2 refuses to watch) or when stat fails other than by the path not existing."""
    while True:
        if path == "/":
            raise WatchError("cannot watch root directory")
        try:
            os.stat(path)
        except FileNotFoundError:
            path = os.path.dirname(path)
            continue
        except OSError as e:
            raise WatchError(f"os.Stat({go_quote(path)}): stat {path}: {_strerror(e)}") from None
        return path


def _strerror(e: OSError) -> str:
    return (e.strerror or str(e)).lower() if e.errno is None else os.strerror(e.errno).lower()


def _is_child(root: str, path: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


class _Base:
    def __init__(self, paths):
        self.roots = sorted({os.path.abspath(p) for p in paths})
        self.ancestors = []
        for root in self.roots:  # naiveNotify.Start: greatestExistingAncestors
            try:
                self.ancestors.append(greatest_existing_ancestor(root))
            except WatchError as e:
                raise WatchError(f"finding ancestor of {root}: {e}") from None

    def should_notify(self, path: str) -> bool:
        """naiveNotify.shouldNotify: a watched path itself unless it is a directory (Lstat), or
        anything below a watched path."""
        if path in self.roots:
            try:
                return not stat.S_ISDIR(os.lstat(path).st_mode)
            except OSError:
                return True
        return any(_is_child(r, path) for r in self.roots)

    def should_skip_dir(self, path: str) -> bool:
        if path in self.roots:
            return False
        return not any(_is_child(r, path) or _is_child(path, r) for r in self.roots)


class InotifyWatcher(_Base):
    def __init__(self, paths):
        super().__init__(paths)
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        self._add = libc.inotify_add_watch
        self._add.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
        self._ctypes = ctypes
        fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            err = ctypes.get_errno()
            if err == 24:  # EMFILE
                raise WatchError(LIMIT_MESSAGE)
            raise WatchError(f"creating file watcher: {os.strerror(err)}")
        self.fd = fd
        self.dirs: dict[int, str] = {}
        self.pending: list[str] = []
        try:
            for name in sorted(set(self.ancestors)):
                try:
                    is_dir = os.path.isdir(name)
                    if is_dir:
                        self._walk(name, report=False)
                    else:
                        self._watch(os.path.dirname(name))
                except OSError as e:  # Start's errors: `notify.Add("<path>"): ...`
                    if is_dir:
                        raise WatchError(f"notify.Add({go_quote(name)}): {_go_error(e)}") from None
                    raise WatchError(f"notify.Add({go_quote(os.path.dirname(name))}): "
                                     f"{os.strerror(e.errno).lower()}") from None
        except BaseException:
            self.close()
            raise

    def _watch(self, directory: str) -> None:
        """fsnotify's Add; OSError (errno set) when inotify refuses."""
        wd = self._add(self.fd, os.fsencode(directory), MASK)
        if wd < 0:
            err = self._ctypes.get_errno()
            raise OSError(err, os.strerror(err), directory)
        self.dirs[wd] = directory

    def _walk(self, top: str, report: bool) -> None:
        """filepath.WalkDir over `top` (lexical order, symlinks not followed) as naiveNotify walks:
        at setup (watchRecursively) every directory not skipped is watched, an unreadable one is an
        error; for a created path (loop) each path met is reported (shouldNotify) and directories
        watched, errors ignored."""
        try:
            st = os.lstat(top)
        except FileNotFoundError:
            if report:
                return
            raise
        if report and self.should_notify(top):
            self.pending.append(top)
        if not stat.S_ISDIR(st.st_mode):
            return
        if self.should_skip_dir(top):
            return
        try:
            self._watch(top)
        except OSError as e:
            if e.errno != errno.ENOENT and not report:
                raise OSError(e.errno, e.strerror, f"watcher.Add({go_quote(top)})") from None
        try:
            names = sorted(os.listdir(top))
        except OSError:
            if report:
                return
            raise
        for name in names:
            self._walk(os.path.join(top, name), report)

    def events(self, timeout: float | None) -> list[str]:
        if not self.pending:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if ready:
                self._read()
        out, self.pending = self.pending, []
        return out

    def _read(self) -> None:
        try:
            data = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return
        pos = 0
        while pos + _HEADER.size <= len(data):
            wd, mask, _cookie, length = _HEADER.unpack_from(data, pos)
            name = data[pos + _HEADER.size:pos + _HEADER.size + length].split(b"\0", 1)[0]
            pos += _HEADER.size + length
            if mask & IN_Q_OVERFLOW:
                self.pending.extend(r for r in self.roots)  # lost events: everything may have changed
                continue
            directory = self.dirs.get(wd)
            if directory is None:
                continue
            if mask & IN_IGNORED:
                self.dirs.pop(wd, None)
                continue
            path = os.path.join(directory, os.fsdecode(name)) if name else directory
            if mask & (IN_CREATE | IN_MOVED_TO):  # fsnotify's Create: walked, each path reported
                self._walk(path, report=True)
            elif self.should_notify(path):
                self.pending.append(path)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _go_error(e: OSError) -> str:
    """An *os.PathError's text: `open /x: permission denied`, or `watcher.Add("/x"): ...` as wrapped."""
    msg = os.strerror(e.errno).lower() if e.errno else str(e)
    if e.filename and str(e.filename).startswith("watcher.Add("):
        return f"{e.filename}: {msg}"
    return f"open {e.filename}: {msg}" if e.filename else msg


class PollingWatcher(_Base):
    def __init__(self, paths, interval: float = POLL_INTERVAL):
        super().__init__(paths)
        self.interval = interval
        self.snapshot = self._scan()
        self.scanned = time.monotonic()

    def _scan(self) -> dict[str, tuple]:
        """Every path at or below the roots, keyed to what a change of it is: (mtime, ctime, size,
        mode, inode) for a file (the inode catches a file replaced by a rename), the mode alone for a directory (an entry added or removed changes a directory's
        mtime, but inotify reports only the entry, not the directory)."""
        snap: dict[str, tuple] = {}

        def add(path: str) -> bool:
            try:
                st = os.lstat(path)
            except OSError:
                return False
            if stat.S_ISDIR(st.st_mode):
                snap[path] = (st.st_mode,)
                return True
            snap[path] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_mode, st.st_ino)
            return False

        for root in self.roots:
            if add(root):
                for directory, subdirs, files in os.walk(root):
                    for name in [*subdirs, *files]:
                        add(os.path.join(directory, name))
        return snap

    def events(self, timeout: float | None) -> list[str]:
        """A scan at most every `interval` however often it is asked (a caller waking up to check for a
        stop does not make the tree be walked more often)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            due = self.scanned + self.interval
            now = time.monotonic()
            if deadline is not None and deadline < due:
                time.sleep(max(0.0, deadline - now))
                return []
            time.sleep(max(0.0, due - now))
            new = self._scan()
            self.scanned = time.monotonic()
            changed = [p for p in new.keys() | self.snapshot.keys() if new.get(p) != self.snapshot.get(p)]
            self.snapshot = new
            changed = sorted(p for p in changed if self.should_notify(p))
            if changed:
                return changed

    def close(self) -> None:
        pass


def watcher(paths):
    """The best watcher this system offers for `paths`."""
    if hasattr(os, "O_CLOEXEC") and os.uname().sysname == "Linux" and not os.environ.get("PYDOCK_WATCH_POLL"):
        try:
            return InotifyWatcher(paths)
        except (OSError, AttributeError):
            pass
    return PollingWatcher(paths)
