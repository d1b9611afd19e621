"""Network endpoints."""

from __future__ import annotations


def network_id(name: str, kind: str = "network") -> str:
    """The Go client's trimID: surrounding whitespace is dropped and an empty name is refused locally."""
    from ...errors import PydockError

    name = name.strip()
    if not name:
        raise PydockError(f"invalid {kind} name or ID: value is empty")
    return name


def inspect(engine, name: str):
    return engine.get(f"/networks/{network_id(name)}")


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/networks/{network_id(name)}")


def list(engine, *, filters: dict | None = None) -> list:
    return engine.get("/networks", {"filters": filters or None}) or []


def create(engine, body: dict) -> dict:
    """`body` is docker's CreateRequest; before API 1.44 the Go client also asks for CheckDuplicate."""
    if not engine.version_at_least("1.44"):
        body = {**body, "CheckDuplicate": True}
    return engine.post("/networks/create", body=body) or {}


def remove(engine, name: str) -> None:
    engine.request("DELETE", f"/networks/{network_id(name)}")


def prune(engine, *, filters: dict | None = None) -> dict:
    return engine.post("/networks/prune", {"filters": filters or None}) or {}


def connect(engine, name: str, container: str, endpoint_config: dict) -> None:
    path = f"/networks/{network_id(name)}/connect"
    engine.request("POST", path, body={"Container": network_id(container, "container"), "EndpointConfig": endpoint_config})


def disconnect(engine, name: str, container: str, *, force: bool = False) -> None:
    path = f"/networks/{network_id(name)}/disconnect"
    engine.request("POST", path, body={"Container": network_id(container, "container"), "Force": force})
