"""Image endpoints."""

from __future__ import annotations


def list(engine, *, all: bool = False, digests: bool = False, filters: dict | None = None):
    return engine.get("/images/json", {"all": all, "digests": digests, "filters": filters or None})


def inspect(engine, name: str):
    return engine.get(f"/images/{name}/json")


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/images/{name}/json")


def pull_stream(engine, from_image: str, tag: str, *, platform: str | None = None, registry_auth: str = "e30="):
    """Context manager over POST /images/create: the pull's NDJSON progress (read it with iter_json)."""
    params = {"fromImage": from_image, "tag": tag or None, "platform": platform.lower() if platform else None}
    return engine.stream("POST", "/images/create", params, headers={"X-Registry-Auth": registry_auth})
