"""Image endpoints."""

from __future__ import annotations


def list(engine, *, all: bool = False, digests: bool = False, filters: dict | None = None):
    return engine.get("/images/json", {"all": all, "digests": digests, "filters": filters or None})


def inspect(engine, name: str):
    return engine.get(f"/images/{name}/json")


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/images/{name}/json")
