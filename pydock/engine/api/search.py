"""GET /images/search: the daemon asks a registry's search API (Docker Hub's by default)."""

from __future__ import annotations


def search(engine, term: str, *, limit: int = 0, filters: dict | None = None, registry_auth: str = "e30=") -> list:
    """As the Go client asks: `limit` only when positive, `filters` only when there are some."""
    params: dict = {"term": term}
    if limit > 0:
        params["limit"] = str(limit)
    if filters:
        params["filters"] = filters
    resp = engine.request("GET", "/images/search", params, headers={"X-Registry-Auth": registry_auth})
    import json

    return json.loads(resp.content or b"null") or []
