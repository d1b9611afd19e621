"""Swarm endpoints: the swarm itself, its nodes, services, tasks, secrets and configs (issue 14).

Thin calls as the other modules here: each takes the `Engine` first and returns the daemon's JSON. Object
updates name the version they change (`version=` from the object's `Version.Index`), as the daemon requires.
"""

from __future__ import annotations


def _id(kind: str, ref: str) -> str:
    """The Go client's trimID: surrounding whitespace is dropped and an empty reference refused locally."""
    from ...errors import PydockError

    ref = ref.strip()
    if not ref:
        raise PydockError(f"invalid {kind} name or ID: value is empty")
    return ref


# -- the swarm ---------------------------------------------------------------------------------------------
def inspect(engine) -> dict:
    return engine.get("/swarm") or {}


def init(engine, body: dict) -> str:
    """The new node's ID."""
    return engine.post("/swarm/init", body=body)


def join(engine, body: dict) -> None:
    engine.request("POST", "/swarm/join", body=body)


def leave(engine, *, force: bool = False) -> None:
    engine.request("POST", "/swarm/leave", {"force": force})


def update(engine, version: int, spec: dict, *, rotate_worker_token: bool = False,
           rotate_manager_token: bool = False, rotate_manager_unlock_key: bool = False) -> None:
    engine.request("POST", "/swarm/update", {
        "version": version, "rotateWorkerToken": rotate_worker_token,
        "rotateManagerToken": rotate_manager_token, "rotateManagerUnlockKey": rotate_manager_unlock_key,
    }, body=spec)


def unlock_key(engine) -> dict:
    return engine.get("/swarm/unlockkey") or {}


def unlock(engine, key: str) -> None:
    engine.request("POST", "/swarm/unlock", body={"UnlockKey": key})


# -- nodes -------------------------------------------------------------------------------------------------
def node_list(engine, *, filters: dict | None = None) -> list:
    return engine.get("/nodes", {"filters": filters or None}) or []


def node_inspect(engine, ref: str) -> dict:
    return engine.get(f"/nodes/{_id('node', ref)}")


def node_inspect_raw(engine, ref: str):
    return engine.get_raw(f"/nodes/{_id('node', ref)}")


def node_update(engine, ref: str, version: int, spec: dict) -> None:
    engine.request("POST", f"/nodes/{_id('node', ref)}/update", {"version": version}, body=spec)


def node_remove(engine, ref: str, *, force: bool = False) -> None:
    engine.request("DELETE", f"/nodes/{_id('node', ref)}", {"force": force})


# -- services ----------------------------------------------------------------------------------------------
def service_list(engine, *, filters: dict | None = None, status: bool = False) -> list:
    return engine.get("/services", {"filters": filters or None, "status": status or None}) or []


def service_inspect(engine, ref: str, *, insert_defaults: bool = False) -> dict:
    return engine.get(f"/services/{_id('service', ref)}", {"insertDefaults": insert_defaults or None})


def service_inspect_raw(engine, ref: str, *, insert_defaults: bool = False):
    return engine.get_raw(f"/services/{_id('service', ref)}", {"insertDefaults": insert_defaults or None})


def service_create(engine, spec: dict, *, registry_auth: str | None = None) -> dict:
    """{"ID": ..., "Warnings": [...]}"""
    headers = {"X-Registry-Auth": registry_auth} if registry_auth else None
    resp = engine.request("POST", "/services/create", body=spec, headers=headers)
    return engine._decode(resp) or {}


def service_update(engine, ref: str, version: int, spec: dict, *, registry_auth: str | None = None,
                   registry_auth_from: str | None = None, rollback: str | None = None) -> dict:
    """{"Warnings": [...]}. `registry_auth_from` is "spec" or "previous-spec"; `rollback` "previous"."""
    headers = {"X-Registry-Auth": registry_auth} if registry_auth else None
    params = {"version": version, "registryAuthFrom": registry_auth_from, "rollback": rollback}
    resp = engine.request("POST", f"/services/{_id('service', ref)}/update", params, body=spec, headers=headers)
    return engine._decode(resp) or {}


def service_remove(engine, ref: str) -> None:
    engine.request("DELETE", f"/services/{_id('service', ref)}")


def service_logs(engine, ref: str, params: dict):
    """A context manager over the log stream, framed as a container's without a TTY (see containers.logs)."""
    return engine.stream_raw("GET", f"/services/{_id('service', ref)}/logs", params)


# -- tasks -------------------------------------------------------------------------------------------------
def task_list(engine, *, filters: dict | None = None) -> list:
    return engine.get("/tasks", {"filters": filters or None}) or []


def task_inspect(engine, ref: str) -> dict:
    return engine.get(f"/tasks/{_id('task', ref)}")


def task_inspect_raw(engine, ref: str):
    return engine.get_raw(f"/tasks/{_id('task', ref)}")


def task_logs(engine, ref: str, params: dict):
    return engine.stream_raw("GET", f"/tasks/{_id('task', ref)}/logs", params)


# -- secrets and configs (the same five calls on /secrets and /configs) ------------------------------------
def _kind(path: str) -> str:
    return path.strip("/")[:-1]  # "/secrets" -> "secret"


def object_list(engine, path: str, *, filters: dict | None = None) -> list:
    """`path` is "/secrets" or "/configs"."""
    return engine.get(path, {"filters": filters or None}) or []


def object_create(engine, path: str, spec: dict) -> dict:
    return engine.post(f"{path}/create", body=spec) or {}


def object_inspect(engine, path: str, ref: str) -> dict:
    return engine.get(f"{path}/{_id(_kind(path), ref)}")


def object_inspect_raw(engine, path: str, ref: str):
    return engine.get_raw(f"{path}/{_id(_kind(path), ref)}")


def object_update(engine, path: str, ref: str, version: int, spec: dict) -> None:
    engine.request("POST", f"{path}/{_id(_kind(path), ref)}/update", {"version": version}, body=spec)


def object_remove(engine, path: str, ref: str) -> None:
    engine.request("DELETE", f"{path}/{_id(_kind(path), ref)}")


# -- swstack --
def distribution_inspect(engine, image: str, *, registry_auth: str | None = None) -> dict:
    """GET /distribution/{name}/json: the image's descriptor and platforms as its registry has them (the Go
    client's DistributionInspect, which `stack deploy --resolve-image` and service create use)."""
    headers = {"X-Registry-Auth": registry_auth} if registry_auth else None
    resp = engine.request("GET", f"/distribution/{image}/json", headers=headers)
    return engine._decode(resp) or {}


# -- swsvc --
def network_inspect_swarm(engine, ref: str) -> dict:
    """A network as `service create/update --network` looks it up (scope=swarm)."""
    from .networks import network_id

    return engine.get(f"/networks/{network_id(ref)}", {"scope": "swarm"})

