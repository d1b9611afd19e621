"""Network endpoints."""

from __future__ import annotations


def inspect(engine, name: str):
    return engine.get(f"/networks/{name}")


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/networks/{name}")
