"""Volume endpoints."""

from __future__ import annotations


def volume_id(name: str) -> str:
    """The Go client's trimID: surrounding whitespace is dropped and an empty name is refused locally."""
    from ...errors import PydockError

    name = name.strip()
    if not name:
        raise PydockError("invalid volume name or ID: value is empty")
    return name


def inspect(engine, name: str):
    return engine.get(f"/volumes/{volume_id(name)}")


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/volumes/{volume_id(name)}")


def list(engine, *, filters: dict | None = None) -> list:
    """The volumes only; the daemon's `Warnings` are dropped, as docker's `volume ls` drops them."""
    data = engine.get("/volumes", {"filters": filters or None}) or {}
    return data.get("Volumes") or []


def create(engine, body: dict) -> dict:
    return engine.post("/volumes/create", body=body) or {}


def remove(engine, name: str, *, force: bool = False) -> None:
    engine.request("DELETE", f"/volumes/{volume_id(name)}", {"force": force})


def prune(engine, *, filters: dict | None = None) -> dict:
    return engine.post("/volumes/prune", {"filters": filters or None}) or {}
