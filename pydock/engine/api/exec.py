"""Exec endpoints: create, start (detached, or hijacked for the streams), inspect, resize.

Bodies follow the Go client's structs field by field (container.ExecOptions, ExecStartOptions);
`ConsoleSize` is dropped below API 1.42, as the Go client drops it.
"""

from __future__ import annotations


def exec_body(cmd, *, user: str = "", privileged: bool = False, tty: bool = False,
              console_size: tuple[int, int] | None = None, stdin: bool = False, stdout: bool = False,
              stderr: bool = False, detach: bool = False, detach_keys: str = "", env=None,
              workdir: str = "") -> dict:
    """POST /containers/{id}/exec's JSON in container.ExecOptions' field order."""
    body: dict = {"User": user, "Privileged": privileged, "Tty": tty}
    if console_size is not None:
        body["ConsoleSize"] = list(console_size)
    body.update({"AttachStdin": stdin, "AttachStderr": stderr, "AttachStdout": stdout, "Detach": detach,
                 "DetachKeys": detach_keys, "Env": list(env) if env else None, "WorkingDir": workdir,
                 "Cmd": list(cmd)})
    return body


def start_body(*, detach: bool, tty: bool, console_size: tuple[int, int] | None = None) -> dict:
    body: dict = {"Detach": detach, "Tty": tty}
    if console_size is not None:
        body["ConsoleSize"] = list(console_size)
    return body


def _versioned(engine, body: dict) -> dict:
    if "ConsoleSize" in body and not engine.version_at_least("1.42"):
        body = {k: v for k, v in body.items() if k != "ConsoleSize"}
    return body


def create(engine, container: str, body: dict) -> str:
    """Returns the exec ID."""
    from ...errors import PydockError
    from .containers import container_id

    response = engine.post(f"/containers/{container_id(container)}/exec", body=_versioned(engine, body)) or {}
    if not response.get("Id"):
        raise PydockError("exec ID empty")
    return response["Id"]


def start_detached(engine, exec_id: str, *, tty: bool, console_size: tuple[int, int] | None = None) -> None:
    body = _versioned(engine, start_body(detach=True, tty=tty, console_size=console_size))
    engine.request("POST", f"/exec/{exec_id}/start", body=body)


def start_attached(engine, exec_id: str, *, tty: bool, console_size: tuple[int, int] | None = None):
    """Context manager: the hijacked connection carrying the exec's streams."""
    from ..hijack import hijack

    body = _versioned(engine, start_body(detach=False, tty=tty, console_size=console_size))
    return hijack(engine, "POST", f"/exec/{exec_id}/start", None, body)


def inspect(engine, exec_id: str) -> dict:
    return engine.get(f"/exec/{exec_id}/json") or {}


def resize(engine, exec_id: str, height: int, width: int) -> None:
    engine.request("POST", f"/exec/{exec_id}/resize", {"h": height, "w": width})
