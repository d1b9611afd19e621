"""Build cache endpoints (the classic builder's and BuildKit's cache, as the daemon reports it)."""

from __future__ import annotations


def prune(engine, *, all: bool = False, keep_storage: int = 0, filters: dict | None = None) -> dict:
    """POST /build/prune as the Go client sends it: `all=1` and `keep-storage` only when set, `filters`
    always (an empty object when there are none)."""
    params: dict = {}
    if all:
        params["all"] = "1"
    if keep_storage:
        params["keep-storage"] = str(keep_storage)
    params["filters"] = filters or {}
    return engine.post("/build/prune", params) or {}
