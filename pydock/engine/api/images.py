"""Image endpoints."""

from __future__ import annotations


def list(engine, *, all: bool = False, digests: bool = False, filters: dict | None = None):
    return engine.get("/images/json", {"all": all, "digests": digests, "filters": filters or None})


def inspect(engine, name: str, *, timeout: float | None = None):
    return engine.get(f"/images/{name}/json", timeout=timeout)


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/images/{name}/json")


def pull_stream(engine, from_image: str, tag: str, *, platform: str | None = None, registry_auth: str = "e30="):
    """Context manager over POST /images/create: the pull's NDJSON progress (read it with iter_json)."""
    params = {"fromImage": from_image, "tag": tag or None, "platform": platform.lower() if platform else None}
    return engine.stream("POST", "/images/create", params, headers={"X-Registry-Auth": registry_auth})


# -- tag, rmi, history, save, load, prune (image management) -------------------------------------

def tag(engine, source: str, repo: str, tag: str | None) -> None:
    """POST /images/{source}/tag?repo=&tag= (the caller has validated and normalised the target)."""
    engine.request("POST", f"/images/{source}/tag", {"repo": repo, "tag": tag or None})


def remove(engine, name: str, *, force: bool = False, no_prune: bool = False, platforms: list[str] = ()) -> list:
    """DELETE /images/{name}: the list of {"Untagged": ...} / {"Deleted": ...} items, in the daemon's order.
    `platforms` are encode_platform() values (API 1.50), one `platforms=` each."""
    params = {"force": force, "noprune": no_prune, "platforms": tuple(platforms)}
    resp = engine.request("DELETE", f"/images/{name}", params)
    return (resp.json() if resp.content else None) or []


def history(engine, name: str, *, platform: str | None = None) -> list:
    return engine.get(f"/images/{name}/history", {"platform": platform}) or []


def save_stream(engine, names, *, platform: str | None = None):
    """Context manager over GET /images/get?names=a&names=b: the tar, read incrementally (iter_bytes)."""
    return engine.stream("GET", "/images/get", {"names": tuple(names), "platform": platform})


def load_stream(engine, chunks, *, quiet: bool, platform: str | None = None):
    """Context manager over POST /images/load with the tar streamed as the request body (an iterator of bytes).
    The response is NDJSON when its Content-Type is application/json, else plain text."""
    return engine.stream("POST", "/images/load", {"quiet": "1" if quiet else "0", "platform": platform},
                         content=chunks, headers={"Content-Type": "application/x-tar"})


def import_params(source: str, *, repo: str = "", message: str = "", changes=(), platform: str = "") -> dict:
    return {"fromSrc": source, "repo": repo or None, "message": message or None,
            "platform": platform.lower() or None, "changes": tuple(changes) or None}


def import_stream(engine, source: str, body, *, repo: str = "", message: str = "", changes=(), platform: str = ""):
    """Context manager over POST /images/create?fromSrc=...: the body is the tarball (`fromSrc=-`), or none for a
    URL the daemon fetches; the answer is a JSON message stream ending with the new image's id."""
    params = import_params(source, repo=repo, message=message, changes=changes, platform=platform)
    if body is None:
        return engine.stream("POST", "/images/create", params)
    return engine.stream("POST", "/images/create", params, content=body,
                         headers={"Content-Type": "application/x-tar"})


def prune(engine, *, filters: dict | None = None) -> dict:
    return engine.post("/images/prune", {"filters": filters or None}) or {}


def encode_platform(os_: str, arch: str = "", variant: str = "") -> str:
    """The Go client's encodePlatform: the OCI platform as JSON (empty fields omitted)."""
    import json

    fields = {"architecture": arch, "os": os_, "variant": variant}
    return json.dumps({k: v for k, v in fields.items() if v}, separators=(",", ":"))


def push_stream(engine, name: str, tag: str | None, *, registry_auth: str = "e30=", platform: str | None = None):
    """Context manager over POST /images/{name}/push (name unescaped, as docker sends it): NDJSON progress.
    `tag=None` pushes every tag of the repository (-a); `platform` is the OCI platform JSON (API 1.46+)."""
    return engine.stream("POST", f"/images/{name}/push", {"tag": tag or None, "platform": platform or None},
                         headers={"X-Registry-Auth": registry_auth})
