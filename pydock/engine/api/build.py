"""POST /build (the classic builder)."""

from __future__ import annotations

from typing import Iterable


def build_stream(engine, query: list[tuple[str, str]], body: Iterable[bytes], *, registry_config: str = "e30="):
    """Context manager over the build's NDJSON output; `body` (the context tar) is sent chunk by chunk.
    `query` is the (key, value) pairs of opts.build.build_query, repeated keys (`t`, `extrahosts`) included."""
    headers = {"Content-Type": "application/x-tar", "X-Registry-Config": registry_config}
    return engine.stream("POST", "/build", query, content=iter(body), headers=headers)


def prune_cache(engine, *, all: bool = False, keep_storage: int = 0, filters: dict | None = None) -> dict:
    """POST /build/prune: {"CachesDeleted": [ids], "SpaceReclaimed": bytes}."""
    return engine.post("/build/prune", {"all": all, "keep-storage": keep_storage or None,
                                        "filters": filters or None}) or {}
