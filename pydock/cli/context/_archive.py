"""docker's context archive (`context export` / `context import`): a tar of `meta.json` and
`tls/<endpoint>/<file>`, or a zip of the same on import. Pure: bytes in, bytes out.

docker writes the tar with Go's archive/tar (USTAR, mode 0644 / 0700 / 0600, mtime 0, uid 0) and closes
its pipe before the tar writer, so its archives end right after the last file's data, without the
padding and the two zero blocks a tar ends with. We write a complete tar (which docker reads), and read
docker's short one as Go's reader does.
"""

from __future__ import annotations

import io
import json
import posixpath
import tarfile

from ...errors import PydockError

MAX_IMPORT = 10 << 20  # docker's maxAllowedFileSizeToImport


def build(meta_json: bytes, tls: dict[str, dict[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        def add(name: str, mode: int, data: bytes | None) -> None:
            info = tarfile.TarInfo(name)
            info.mode, info.mtime, info.uname, info.gname = mode, 0, "", ""
            if data is None:
                info.type = tarfile.DIRTYPE
            else:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)

        add("meta.json", 0o644, meta_json)
        add("tls", 0o700, None)
        for endpoint, files in tls.items():
            add(f"tls/{endpoint}", 0o700, None)
            for filename, data in files.items():
                add(f"tls/{endpoint}/{filename}", 0o600, data)
    return buf.getvalue()


def _check_path(name: str) -> None:
    """store.isValidFilePath."""
    if name != "meta.json" and not name.startswith("tls/"):
        raise PydockError(f"{name}: unexpected context file")
    if posixpath.normpath(name) != name:
        raise PydockError(f"{name}: unexpected path format")
    if "\\" in name:
        raise PydockError(f"{name}: unexpected '\\' in path")


def _entries(data: bytes):
    """(name, bytes) of the regular files, in archive order."""
    if data.startswith(b"PK\x03\x04"):  # http.DetectContentType's application/zip
        import zipfile

        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            for info in archive.infolist():
                if not info.is_dir():
                    yield info.filename, lambda info=info: archive.read(info)
        except zipfile.BadZipFile as e:
            raise PydockError(f"zip: {e}") from None
        return
    if not data:
        return
    if len(data) < 512:
        raise PydockError("unexpected EOF")
    # docker's own archives stop after the last file's data: complete them as Go's reader tolerates
    padded = data + b"\0" * (-len(data) % 512) + b"\0" * 1024
    try:
        with tarfile.open(fileobj=io.BytesIO(padded), mode="r:") as tar:
            for member in tar:
                if member.isreg():
                    yield member.name, lambda member=member: tar.extractfile(member).read()
    except tarfile.TarError:
        raise PydockError("archive/tar: invalid tar header") from None


def parse(data: bytes, name: str) -> tuple[dict, dict[str, dict[str, bytes]]]:
    """(metadata named `name`, TLS files by endpoint) of an archive; docker's errors. Everything is read
    and checked before anything is written (docker stores meta.json as soon as it meets it)."""
    from ...engine.hosts import context_meta_problem, go_json_error

    if len(data) > MAX_IMPORT:
        raise PydockError(f"size of the context archive is more than the maximum of {MAX_IMPORT} bytes")
    meta = None
    tls: dict[str, dict[str, bytes]] = {}
    for path, read in _entries(data):
        _check_path(path)
        content = read()
        if path == "meta.json":
            try:
                meta = json.loads(content)
            except ValueError as e:
                raise PydockError(go_json_error(content, e)) from None
            problem = context_meta_problem(meta)
            if problem:  # docker stores it, and every later `context ls` fails on it
                raise PydockError(f"invalid context: meta.json: {problem}")
            meta["Name"] = name
        else:
            parts = path[len("tls/"):].split("/", 1)
            if len(parts) != 2:
                raise PydockError("archive format is invalid")
            tls.setdefault(parts[0], {})[parts[1]] = content
    if meta is None:
        raise PydockError("invalid context: no metadata found")
    return meta, tls
