"""Plugin endpoints, as the Go client calls them (client/plugin_*.go)."""

from __future__ import annotations


def plugin_id(name: str) -> str:
    """trimID("plugin", name): surrounding blanks dropped, an empty name refused before any request."""
    from .networks import network_id

    return network_id(name, "plugin")


def list(engine, *, filters: dict | None = None) -> list:
    return engine.get("/plugins", {"filters": filters or None}) or []


def inspect_raw(engine, name: str):
    return engine.get_raw(f"/plugins/{plugin_id(name)}/json")


def enable(engine, name: str, *, timeout: int = 0) -> None:
    engine.request("POST", f"/plugins/{plugin_id(name)}/enable", {"timeout": str(timeout)})


def disable(engine, name: str, *, force: bool = False) -> None:
    engine.request("POST", f"/plugins/{plugin_id(name)}/disable", {"force": force})


def remove(engine, name: str, *, force: bool = False) -> None:
    engine.request("DELETE", f"/plugins/{plugin_id(name)}", {"force": force})


def set(engine, name: str, args: list[str]) -> None:
    engine.request("POST", f"/plugins/{plugin_id(name)}/set", body=args)


def create(engine, repo_name: str, tar_body) -> None:
    engine.request("POST", "/plugins/create", {"name": repo_name}, content=tar_body,
                   headers={"Content-Type": "application/x-tar"})


def privileges(engine, remote: str, registry_auth: str) -> list:
    import json

    resp = engine.request("GET", "/plugins/privileges", {"remote": remote}, headers={"X-Registry-Auth": registry_auth})
    return json.loads(resp.content or b"null") or []


def pull_stream(engine, remote: str, name: str, granted: list, registry_auth: str):
    """POST /plugins/pull: a progress stream; the response's Docker-Plugin-Name header names the plugin."""
    return engine.stream("POST", "/plugins/pull", {"remote": remote, "name": name}, body=granted,
                         headers={"X-Registry-Auth": registry_auth})


def upgrade_stream(engine, name: str, remote: str, granted: list, registry_auth: str):
    return engine.stream("POST", f"/plugins/{plugin_id(name)}/upgrade", {"remote": remote}, body=granted,
                         headers={"X-Registry-Auth": registry_auth})


def push_stream(engine, name: str, registry_auth: str):
    return engine.stream("POST", f"/plugins/{plugin_id(name)}/push", headers={"X-Registry-Auth": registry_auth})
