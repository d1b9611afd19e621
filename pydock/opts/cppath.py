"""`docker cp` path rules (cli/command/container/cp.go, moby/go-archive copy.go). Pure: strings only.

Go's path functions differ from Python's in ways `cp` shows (Clean drops a leading `//`, Base of
`a/` is `a`), so the few used are reimplemented here rather than borrowed from os.path.
"""

from __future__ import annotations

from dataclasses import dataclass


class CopyError(ValueError):
    """A copy that cannot be done; the message is docker's."""


@dataclass(frozen=True)
class CopyInfo:
    path: str
    exists: bool = False
    is_dir: bool = False
    rebase_name: str = ""


def split_cp_arg(arg: str) -> tuple[str, str]:
    """`container:path` → (container, path); a local path (absolute, `./x:y`, or without `:`) → ("", arg)."""
    if arg.startswith("/"):
        return "", arg
    container, colon, path = arg.partition(":")
    if not colon or container.startswith("."):
        return "", arg
    return container, path


# -- Go's path/filepath ------------------------------------------------------------------------------

def clean(path: str) -> str:
    """filepath.Clean."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    out = ("/" if rooted else "") + "/".join(parts)
    return out or "."


def base(path: str) -> str:
    """filepath.Base."""
    if not path:
        return "."
    path = path.rstrip("/")
    if not path:
        return "/"
    return path.rsplit("/", 1)[-1]


def dirname(path: str) -> str:
    """filepath.Dir."""
    return clean(path[:path.rfind("/") + 1])


def join(*parts: str) -> str:
    """filepath.Join: empty parts skipped, the result cleaned."""
    joined = "/".join(p for p in parts if p)
    return clean(joined) if joined else ""


def absolute(path: str, cwd: str) -> str:
    """filepath.Abs with a given working directory."""
    return clean(path if path.startswith("/") else join(cwd, path))


# -- go-archive copy.go ------------------------------------------------------------------------------

def has_trailing_separator(path: str) -> bool:
    return path.endswith("/")


def specifies_current_dir(path: str) -> bool:
    return base(path) == "."


def asserts_directory(path: str) -> bool:
    """A trailing `/` or `/.` says the path must be a directory."""
    return has_trailing_separator(path) or specifies_current_dir(path)


def preserve_trailing_dot_or_separator(cleaned: str, original: str) -> str:
    if not specifies_current_dir(cleaned) and specifies_current_dir(original):
        if not has_trailing_separator(cleaned):
            cleaned += "/"
        cleaned += "."
    if not has_trailing_separator(cleaned) and has_trailing_separator(original):
        cleaned += "/"
    return cleaned


def resolve_local_path(path: str, cwd: str) -> str:
    """cp's resolveLocalPath: absolute, cleaned, but a trailing `/` or `/.` kept."""
    return preserve_trailing_dot_or_separator(absolute(path, cwd), path)


def split_path_dir_entry(path: str) -> tuple[str, str]:
    """(directory, entry) of a path, a trailing `.` kept as the entry."""
    cleaned = clean(path)
    if specifies_current_dir(path):
        cleaned += "/."
    return dirname(cleaned), base(cleaned)


def get_rebase_name(path: str, resolved: str) -> tuple[str, str]:
    """After following a symlink: the resolved path (with `path`'s trailing `/` or `/.`), and the name
    archive entries must be given back (`path`'s own last element) when following changed it."""
    if specifies_current_dir(path) and not specifies_current_dir(resolved):
        resolved += "/."
    if has_trailing_separator(path) and not has_trailing_separator(resolved):
        resolved += "/"
    return resolved, base(path) if base(path) != base(resolved) else ""


def prepare_archive_copy(src: CopyInfo, dst: CopyInfo) -> tuple[str, tuple[str, str] | None]:
    """Where to extract an archive of `src` so that it lands at `dst`, and the (old, new) first-element
    rename its entries need, if any (go-archive PrepareArchiveCopy)."""
    dst_dir, dst_base = split_path_dir_entry(dst.path)
    _, src_base = split_path_dir_entry(src.path)
    src_base = src.rebase_name or src_base
    if dst.exists and dst.is_dir:
        return dst.path, None
    if dst.exists and src.is_dir:
        raise CopyError("cannot copy directory")
    if not dst.exists and not src.is_dir and asserts_directory(dst.path):
        raise CopyError("no such directory")
    return dst_dir, (src_base, dst_base)


def rebase(name: str, old: str, new: str) -> str:
    """go-archive's RebaseArchiveEntries on one entry name: the first occurrence of `old` replaced
    (strings.Replace(name, old, new, 1)); an `old` of `/` means the empty string."""
    if old == "/":
        old = ""
    return name.replace(old, new, 1)
