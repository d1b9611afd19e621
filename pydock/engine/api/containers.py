"""Container endpoints."""

from __future__ import annotations


def list(engine, *, all: bool = False, limit: int | None = None, size: bool = False, filters: dict | None = None):
    params = {"all": all, "limit": limit if limit and limit > 0 else None, "size": size, "filters": filters or None}
    return engine.get("/containers/json", params)


def inspect(engine, name: str, *, size: bool = False):
    return engine.get(f"/containers/{name}/json", {"size": size})


def inspect_raw(engine, name: str, *, size: bool = False):
    return engine.get_raw(f"/containers/{name}/json", {"size": size})
