"""Container endpoints."""

from __future__ import annotations


def list(engine, *, all: bool = False, limit: int | None = None, size: bool = False, filters: dict | None = None):
    params = {"all": all, "limit": limit if limit and limit > 0 else None, "size": size, "filters": filters or None}
    return engine.get("/containers/json", params)


def inspect(engine, name: str, *, size: bool = False):
    return engine.get(f"/containers/{name}/json", {"size": size})


def inspect_raw(engine, name: str, *, size: bool = False):
    return engine.get_raw(f"/containers/{container_id(name)}/json", {"size": size})


# -- lifecycle, logs and archives (added with the non-interactive verbs) ---------------------------

def container_id(name: str) -> str:
    """The Go client's trimID: surrounding whitespace is dropped and an empty name is refused locally."""
    from ...errors import PydockError

    name = name.strip()
    if not name:
        raise PydockError("invalid container name or ID: value is empty")
    return name


def start(engine, name: str) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/start")


def stop(engine, name: str, *, timeout: int | None = None, signal: str | None = None) -> None:
    """`signal` is only sent from API 1.42 on; older engines never see it (docker drops it too)."""
    engine.request("POST", f"/containers/{container_id(name)}/stop", _stop_params(engine, timeout, signal))


def restart(engine, name: str, *, timeout: int | None = None, signal: str | None = None) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/restart", _stop_params(engine, timeout, signal))


def _stop_params(engine, timeout: int | None, signal: str | None) -> dict:
    params: dict = {"t": timeout}
    if signal and engine.version_at_least("1.42"):
        params["signal"] = signal
    return params


def kill(engine, name: str, *, signal: str | None = None) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/kill", {"signal": signal or None})


def remove(engine, name: str, *, force: bool = False, volumes: bool = False, link: bool = False) -> None:
    engine.request("DELETE", f"/containers/{container_id(name)}", {"force": force, "link": link, "v": volumes})


def wait(engine, name: str, *, condition: str | None = None) -> dict:
    """Blocks until the condition holds; returns {"StatusCode": n, "Error": ...}. The body is decoded as it
    arrives, as Go's json.Decoder does: a connection cut after the object (before its newline) still answers."""
    from ..jsonstream import iter_json

    with wait_stream(engine, name, condition=condition) as resp:
        for message in iter_json(engine.iter_bytes(resp)):
            return message
    return None


def wait_stream(engine, name: str, *, condition: str | None = None):
    """Context manager: the wait is registered once this returns; read the body for the result."""
    return engine.stream("POST", f"/containers/{container_id(name)}/wait", {"condition": condition or None})


def pause(engine, name: str) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/pause")


def unpause(engine, name: str) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/unpause")


def rename(engine, name: str, new_name: str) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/rename", {"name": new_name})


def top(engine, name: str, ps_args: list[str] | tuple[str, ...] = ()) -> dict:
    return engine.get(f"/containers/{container_id(name)}/top", {"ps_args": " ".join(ps_args) or None})


def changes(engine, name: str) -> list:
    return engine.get(f"/containers/{container_id(name)}/changes") or []


def update(engine, name: str, config: dict) -> dict:
    return engine.post(f"/containers/{container_id(name)}/update", body=config) or {}


def commit(engine, name: str, *, repo: str = "", tag: str = "", comment: str = "", author: str = "",
           changes: list[str] | tuple[str, ...] = (), pause: bool = True) -> dict:
    """The daemon joins `changes` with newlines and parses them as one Dockerfile, so one value
    holding them newline-separated means the same as docker's repeated `changes=` parameters."""
    params = {"container": container_id(name), "repo": repo, "tag": tag, "comment": comment, "author": author,
              "changes": "\n".join(changes) or None, "pause": None if pause else "0"}
    return engine.post("/commit", params)


def prune(engine, *, filters: dict | None = None) -> dict:
    return engine.post("/containers/prune", {"filters": filters or None}) or {}


def logs(engine, name: str, *, tail: str = "all", follow: bool = False, timestamps: bool = False,
         details: bool = False, since: str | None = None, until: str | None = None):
    """Context manager over the streamed log response (framed unless the container has a TTY)."""
    params = {"stdout": True, "stderr": True, "tail": tail, "follow": follow, "timestamps": timestamps,
              "details": details, "since": since, "until": until}
    return engine.stream_raw("GET", f"/containers/{container_id(name)}/logs", params)


def archive_stat(engine, name: str, path: str) -> dict:
    """HEAD /archive: the path's stat, decoded from the X-Docker-Container-Path-Stat header."""
    resp = engine.request("HEAD", f"/containers/{container_id(name)}/archive", {"path": path})
    return decode_path_stat(resp.headers.get("x-docker-container-path-stat", ""))


def get_archive(engine, name: str, path: str):
    """Context manager over GET /archive: a tar stream; the stat is in the response headers.
    The daemon gzips this response when allowed to; asking for identity keeps the raw bytes plain tar."""
    return engine.stream("GET", f"/containers/{container_id(name)}/archive", {"path": path},
                         headers={"Accept-Encoding": "identity"})


def put_archive(engine, name: str, path: str, content, *, copy_uid_gid: bool = False,
                allow_overwrite_dir_with_file: bool = False) -> None:
    """PUT a tar stream (bytes or an iterator of bytes, sent chunked) to be extracted at `path`."""
    params = {"path": path, "noOverwriteDirNonDir": None if allow_overwrite_dir_with_file else "true",
              "copyUIDGID": "true" if copy_uid_gid else None}
    engine.request("PUT", f"/containers/{container_id(name)}/archive", params, content=content,
                   headers={"Content-Type": "application/x-tar"})


def decode_path_stat(header: str) -> dict:
    import base64
    import json

    from ...errors import PydockError

    try:
        return json.loads(base64.b64decode(header))
    except ValueError as e:
        raise PydockError(f"unable to decode container path stat header: {e}") from None


# -- create (added with `pydock create`) ------------------------------------------------------------

def create(engine, body: dict, *, name: str | None = None, platform: str | None = None) -> dict:
    """POST /containers/create → {"Id", "Warnings"}; `name` and `platform` only when set."""
    return engine.post("/containers/create", {"name": name or None, "platform": platform or None}, body) or {}


# -- attached streams (added with run/exec/attach) ---------------------------------------------------

def attach_params(*, stdin: bool = False, stdout: bool = False, stderr: bool = False, detach_keys: str = "",
                  logs: bool = False) -> dict:
    """The Go client's ContainerAttach query: stream=1 and only the streams asked for."""
    return {"stream": True, "stdin": stdin, "stdout": stdout, "stderr": stderr,
            "detachKeys": detach_keys or None, "logs": logs}


def attach(engine, name: str, params: dict):
    """Context manager: the hijacked connection of POST /containers/{id}/attach."""
    from ..hijack import hijack

    return hijack(engine, "POST", f"/containers/{container_id(name)}/attach", params)


def resize(engine, name: str, height: int, width: int) -> None:
    engine.request("POST", f"/containers/{container_id(name)}/resize", {"h": height, "w": width})


# -- stats (issue 5) --------------------------------------------------------------------------------

def stats(engine, name: str, *, stream: bool = True, one_shot: bool = False):
    """Context manager over `GET /containers/{name}/stats`: one JSON object per sample (every second
    while streaming; one object, with precpu_stats primed by the daemon, when not)."""
    params = {"stream": "1" if stream else "0", "one-shot": one_shot or None}
    return engine.stream("GET", f"/containers/{container_id(name)}/stats", params)


# -- export (added with `compose export`) -------------------------------------------------------------

def export(engine, name: str):
    """Context manager over GET /containers/{id}/export: the filesystem as a tar stream."""
    return engine.stream("GET", f"/containers/{container_id(name)}/export", None,
                         headers={"Accept-Encoding": "identity"})
