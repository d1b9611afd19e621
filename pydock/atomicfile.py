"""Files written whole or not at all, and Go's wording when writing fails.

- `go_path_error(op, path, e)`: an OSError as Go's *PathError prints it (`write /x/.tmp-y.tar123: no space
  left on device`), the text docker shows for every file it fails to write.
- `create_temp(directory, prefix)`: os.CreateTemp's name (the prefix, then a random 32-bit decimal number),
  created 0600 with O_EXCL.
- `AtomicFile`: a temporary file next to the target, renamed over it only when everything was written;
  on any failure the temporary file is removed and the target left as it was. Writes go straight to the
  descriptor (no buffer), so a full disk is reported by the write that hit it and closing never fails late.
- `write_file(path, data)`: os.WriteFile (`--iidfile`), except that a file left incomplete is removed.

Failures raise FileWriteError (a PydockError) whose message is the Go text; callers add docker's prefix.
"""

from __future__ import annotations

import errno as _errno
import os

from .errors import PydockError


class FileWriteError(PydockError):
    """A file could not be written; the message is Go's PathError/LinkError text, `os_error` the cause."""

    def __init__(self, message: str, os_error: OSError | None = None):
        super().__init__(message)
        self.os_error = os_error


def go_strerror(e: BaseException) -> str:
    """Go's text for a syscall error: the C library's message, lower-cased (`no space left on device`)."""
    if isinstance(e, OSError) and e.errno:
        text = os.strerror(e.errno)
        return text[:1].lower() + text[1:]
    return str(e)


def go_path_error(op: str, path, e: BaseException) -> str:
    return f"{op} {path}: {go_strerror(e)}"


def create_temp(directory: str, prefix: str) -> tuple[int, str]:
    """os.CreateTemp(directory, prefix): (descriptor, path), or FileWriteError `open <path>: <cause>`."""
    import random

    for _ in range(10000):
        path = os.path.join(directory, prefix + str(random.getrandbits(32)))
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600), path
        except FileExistsError:
            continue
        except OSError as e:
            raise FileWriteError(go_path_error("open", path, e), e) from None
    raise FileWriteError(f"open {path}: {go_strerror(OSError(_errno.EEXIST, ''))}")


def write_all(fd: int, data, path: str) -> None:
    """Everything in `data` to the descriptor, or FileWriteError `write <path>: <cause>`."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as e:
        raise FileWriteError(go_path_error("write", path, e), e) from None


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


class AtomicFile:
    """moby/sys/atomicwriter: `.tmp-<name><random>` beside the target, renamed over it by `commit()`.
    Use as a context manager: leaving the block with an exception calls `discard()`."""

    def __init__(self, filename: str, mode: int = 0o600, prefix: str | None = None, sync: bool = True):
        self.target = os.path.abspath(filename)
        self.mode, self.sync = mode, sync
        name = os.path.basename(self.target)
        self.fd, self.temp = create_temp(os.path.dirname(self.target), ".tmp-" + name if prefix is None else prefix)
        self.closed = False

    def write(self, data) -> None:
        write_all(self.fd, data, self.temp)

    def commit(self) -> None:
        try:
            try:
                if self.sync:
                    os.fsync(self.fd)
            except OSError as e:
                if e.errno not in (_errno.EINVAL, _errno.EROFS):  # a file system without fsync
                    raise FileWriteError(go_path_error("sync", self.temp, e), e) from None
            self.closed = True
            try:
                os.close(self.fd)
            except OSError as e:
                raise FileWriteError(go_path_error("close", self.temp, e), e) from None
            try:
                os.chmod(self.temp, self.mode)
            except OSError as e:
                raise FileWriteError(go_path_error("chmod", self.temp, e), e) from None
            try:
                os.replace(self.temp, self.target)
            except OSError as e:
                raise FileWriteError(f"rename {self.temp} {self.target}: {go_strerror(e)}", e) from None
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the temporary file; never raises (it runs while another error is on its way)."""
        if not self.closed:
            self.closed = True
            _close_quietly(self.fd)
        _unlink_quietly(self.temp)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is not None:
            self.discard()


def write_atomic(path: str, data: bytes, mode: int = 0o600, prefix: str | None = None) -> None:
    """atomicwriter.WriteFile: all of `data` in `path`, or `path` as it was."""
    with AtomicFile(path, mode, prefix) as f:
        f.write(data)
        f.commit()


def write_file(path: str, data: bytes, mode: int = 0o666) -> None:
    """os.WriteFile(path, data, mode) with Go's errors (`open ...`, `write ...`); a file it created or
    truncated and then could not fill is removed rather than left empty or cut short."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, mode)
    except OSError as e:
        raise FileWriteError(go_path_error("open", path, e), e) from None
    try:
        write_all(fd, data, path)
    except BaseException:
        _close_quietly(fd)
        _unlink_quietly(path)
        raise
    try:
        os.close(fd)
    except OSError as e:
        _unlink_quietly(path)
        raise FileWriteError(go_path_error("close", path, e), e) from None
