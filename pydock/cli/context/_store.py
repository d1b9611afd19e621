"""docker's context store, as the `context` verbs see it: the files docker writes, read and written alike.

`<config dir>/contexts/meta/<sha256(name)>/meta.json` holds `{"Name", "Metadata", "Endpoints"}`;
`<config dir>/contexts/tls/<sha256(name)>/<endpoint>/{ca,cert,key}.pem` its TLS files. The `default`
context is never stored: it is built from -H/DOCKER_HOST, like docker's ContextStoreWithDefault.
Metadata is kept as the decoded JSON (dicts); `docker_json` writes it back in Go's encoding.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ...config import DEFAULT_CONTEXT, context_meta_dir, context_tls_dir
from ...errors import PydockError
from ...render.views import go_quote

DEFAULT_DESCRIPTION = "Current DOCKER_HOST based configuration"
NAME_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$"
HOST_OVERRIDE_WARNING = ("Warning: DOCKER_HOST environment variable overrides the active context. "
                         "To use {what}, either set the global --context flag, or unset DOCKER_HOST "
                         "environment variable.\n")


class NotFound(PydockError):
    """A context with no meta.json (docker's errdefs.NotFound, printed without any prefix)."""


def quoted(name: str) -> str:
    return go_quote(name)


def current_name(app) -> str:
    """docker's resolveContextName: --context, then -H or DOCKER_HOST (default), DOCKER_CONTEXT, config.json."""
    if app.options.context:
        return app.options.context
    if app.options.hosts or os.environ.get("DOCKER_HOST"):
        return DEFAULT_CONTEXT
    return os.environ.get("DOCKER_CONTEXT") or app.config.current_context or DEFAULT_CONTEXT


def validate_name(name: str) -> None:
    if name == "":
        raise PydockError("context name cannot be empty")
    if name == DEFAULT_CONTEXT:
        raise PydockError('"default" is a reserved context name')
    if not re.match(NAME_PATTERN, name) or "\n" in name:
        raise PydockError(f"context name {quoted(name)} is invalid, names are validated against regexp "
                          f"{quoted(NAME_PATTERN)}")


def meta_dir(app, name: str) -> Path:
    return context_meta_dir(app.config_dir, name)


def tls_dir(app, name: str) -> Path:
    """The context's TLS directory (config.context_tls_dir names its `docker` endpoint below it)."""
    return context_tls_dir(app.config_dir, name).parent


def default_metadata(app) -> dict:
    """The `default` context: the endpoint from -H or DOCKER_HOST, no description, no TLS files."""
    from ...engine.hosts import parse_host

    host = app.options.hosts[0] if app.options.hosts else os.environ.get("DOCKER_HOST", "")
    tls = app.options.tls or app.options.tlsverify or bool(os.environ.get("DOCKER_TLS_VERIFY"))
    skip_verify = bool(app.options.tls and not app.options.tlsverify and not os.environ.get("DOCKER_TLS_VERIFY"))
    try:
        host = parse_host(host, tls)
    except PydockError as e:  # docker's message here has no "Failed to initialize" prefix
        raise PydockError(e.message.rpartition("unable to resolve docker endpoint: ")[2]) from None
    return {"Name": DEFAULT_CONTEXT, "Metadata": {},
            "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_verify}}}


def _read(path: Path) -> dict:
    from ...engine.hosts import read_meta_file

    data = read_meta_file(path, NotFound)
    return {"Name": data.get("Name") or "", "Metadata": data.get("Metadata"), "Endpoints": data.get("Endpoints") or {}}


def get_metadata(app, name: str) -> dict:
    """The context's metadata; errors as docker's: `context "x": context not found: open ...`."""
    if name == DEFAULT_CONTEXT:
        return default_metadata(app)
    try:
        return _read(meta_dir(app, name) / "meta.json")
    except NotFound as e:
        raise NotFound(f"context {quoted(name)}: {e.message}") from None
    except PydockError as e:
        raise PydockError(f"context {quoted(name)}: {e.message}") from None


def exists(app, name: str) -> bool:
    return name == DEFAULT_CONTEXT or (meta_dir(app, name) / "meta.json").is_file()


def list_metadata(app) -> list[dict]:
    """Every stored context (nested directories too, as docker walks them), then `default`."""
    root = app.config_dir / "contexts" / "meta"
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        if Path(dirpath) != root and "meta.json" in filenames and (Path(dirpath) / "meta.json").is_file():
            try:
                found.append(_read(Path(dirpath) / "meta.json"))
            except NotFound:
                continue
            except PydockError as e:
                raise PydockError(f"failed to read metadata: {e}") from None
    return found + [default_metadata(app)]


def tls_files(app, name: str) -> dict[str, list[str]]:
    """{endpoint: [file names]} as docker lists them (ReadDir order, which is sorted)."""
    if name == DEFAULT_CONTEXT:
        return {}
    root = tls_dir(app, name)
    try:
        endpoints = sorted(p for p in root.iterdir() if p.is_dir())
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise PydockError(f"failed to list TLS files for context {name}: {e.strerror}") from None
    return {ep.name: sorted(f.name for f in ep.iterdir() if not f.is_dir()) or None for ep in endpoints}


def read_tls(app, name: str) -> dict[str, dict[str, bytes]]:
    return {ep: {f: (tls_dir(app, name) / ep / f).read_bytes() for f in files or ()}
            for ep, files in tls_files(app, name).items()}


def docker_json(value) -> str:
    """Go's json.Marshal text of a decoded value: compact, UTF-8 kept, `<`, `>`, `&` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return go_escape(text)


def go_escape(text: str) -> str:
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


# -- writing ---------------------------------------------------------------------------------------

def write_atomic(path: Path, data: bytes, mode: int) -> None:
    """atomicwriter.WriteFile: `.tmp-<name><random>` in the same directory, renamed over the target;
    on failure (docker's text: `write <temporary file>: no space left on device`) the target is as it was
    and the temporary file gone."""
    from ...atomicfile import write_atomic as write

    write(str(path), data, mode)


def make_dirs(directory: Path, mode: int) -> Path | None:
    """os.MkdirAll with Go's error (`mkdir /x/contexts: read-only file system`); returns the top-most
    directory it created (None if it existed), for removal when what goes in it cannot be written."""
    from ...atomicfile import go_path_error

    top = None
    for parent in [*reversed(directory.parents), directory]:
        if top is None and not parent.exists():
            top = parent
    try:
        directory.mkdir(mode=mode, parents=True, exist_ok=True)
    except OSError as e:
        raise PydockError(go_path_error("mkdir", e.filename or directory, e)) from None
    return top


def _remove_created(top: Path | None) -> None:
    import shutil

    if top is not None:
        shutil.rmtree(top, ignore_errors=True)


def typed(meta: dict) -> dict:
    """The metadata as docker's typed structs re-encode it: DockerContext drops an empty Description,
    the docker endpoint keeps only Host (when set) and SkipTLSVerify; Go leaves out the empty fields."""
    out: dict = {}
    if meta.get("Name"):
        out["Name"] = meta["Name"]
    info = meta.get("Metadata")
    if info is not None:
        if isinstance(info, dict):
            info = {k: v for k, v in sorted(info.items()) if k != "Description" or v}
        out["Metadata"] = info
    endpoints = {}
    for name, ep in sorted((meta.get("Endpoints") or {}).items()):
        if name == "docker" and isinstance(ep, dict):
            ep = {**({"Host": ep["Host"]} if ep.get("Host") else {}), "SkipTLSVerify": bool(ep.get("SkipTLSVerify"))}
        endpoints[name] = ep
    if endpoints:
        out["Endpoints"] = endpoints
    return out


def stored_text(meta: dict) -> bytes:
    """meta.json as docker writes it."""
    return docker_json(_sorted_maps(typed(meta), top=True)).encode()


def _sorted_maps(value, top: bool = False):
    """Go encodes maps with sorted keys; only the top level here is a struct (Name, Metadata, Endpoints)."""
    if isinstance(value, dict):
        items = value.items() if top else sorted(value.items())
        return {k: _sorted_maps(v) for k, v in items}
    if isinstance(value, list):
        return [_sorted_maps(v) for v in value]
    return value


def write_metadata(app, meta: dict) -> None:
    directory = meta_dir(app, meta["Name"])
    created = make_dirs(directory, 0o755)
    try:
        write_atomic(directory / "meta.json", stored_text(meta), 0o644)
    except BaseException:
        _remove_created(created)  # nothing half-created (docker leaves the empty directories)
        raise


def reset_tls(app, name: str, endpoints: dict[str, dict[str, bytes]]) -> None:
    """Replace the context's TLS files: directories 0700, files 0600."""
    import shutil

    shutil.rmtree(tls_dir(app, name), ignore_errors=True)
    for endpoint, files in endpoints.items():
        for filename, data in files.items():
            directory = tls_dir(app, name) / endpoint
            make_dirs(directory, 0o700)
            write_atomic(directory / filename, data, 0o600)


def remove(app, name: str) -> None:
    import shutil

    for directory, what in ((meta_dir(app, name), "metadata"), (tls_dir(app, name), "TLS data")):
        try:
            shutil.rmtree(directory)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise PydockError(f"failed to remove context {name}: failed to remove {what}: {e.strerror}") from None


def save_current_context(app, value: str) -> None:
    """config.json with `currentContext` set (or removed for ""), every other key kept in its place.
    docker always writes `auths`; the file is replaced atomically, keeping its mode (0600 when new)."""
    def change(data: dict) -> None:
        if "auths" not in data:
            items = list(data.items())
            data.clear()
            data.update({"auths": {}, **dict(items)})
        if value:
            data["currentContext"] = value
        else:
            data.pop("currentContext", None)

    app.config.update(change, docker_order=False)  # under the config lock, on the file as it is now


def write_config(path: Path, data: dict) -> None:
    """config.json through the one atomic writer (pydock.config.write_config_file)."""
    from ...config import write_config_file

    write_config_file(path, data)
