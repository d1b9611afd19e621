"""Pure pieces of run/exec: the exit-status mapping, -d, the exec bodies, --dry-run's text."""

from __future__ import annotations

import json

import pytest

from pydock.cli.container.run import RunOptions, detached, dry_run_text, to_status_error
from pydock.engine.api.exec import exec_body, start_body
from pydock.errors import DaemonError, PydockError
from pydock.opts.create import CreateRequest

OCI = "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: "


@pytest.mark.parametrize("message, code", [
    (OCI + 'exec: "/nonexistent": stat /nonexistent: no such file or directory: unknown', 127),
    (OCI + 'exec: "nope": executable file not found in $PATH: unknown', 127),
    (OCI + 'exec: "/etc": permission denied: unknown', 126),
    (OCI + 'exec: "/etc": is a directory: unknown', 126),
    ("Conflict. The container name \"/x\" is already in use", 125),
    ("No such image: x:1", 125),
])
def test_to_status_error(message, code):
    error = to_status_error(DaemonError(message, 400))
    assert error.exit_code == code
    assert str(error) == (f"pydock: Error response from daemon: {message}\n\n"
                          "Run 'pydock run --help' for more information")


def test_to_status_error_of_a_connection_failure():
    error = to_status_error(PydockError("Cannot connect to the Docker daemon at unix:///x. Is the docker daemon running?"))
    assert error.exit_code == 125 and str(error).startswith("pydock: Cannot connect")


def _request(**body) -> CreateRequest:
    base = {"AttachStdin": False, "AttachStdout": True, "AttachStderr": True, "Tty": False, "OpenStdin": False,
            "StdinOnce": False, "Image": "busybox", "HostConfig": {"AutoRemove": False}}
    base.update(body)
    return CreateRequest(name=None, platform=None, pull="missing", body=base, cidfile=None)


def test_detach_turns_every_stream_off():
    opts = detached(RunOptions(_request(AttachStdin=True, OpenStdin=True, StdinOnce=True), detach=True),
                    attach_flags=False)
    body = opts.request.body
    assert (body["AttachStdin"], body["AttachStdout"], body["AttachStderr"], body["StdinOnce"]) == (False,) * 4
    assert body["OpenStdin"] is True


def test_detach_with_attach_flags_conflicts():
    with pytest.raises(PydockError) as e:
        detached(RunOptions(_request(), detach=True), attach_flags=True)
    assert str(e.value) == "conflicting options: cannot specify both --attach and --detach"
    assert e.value.exit_code == 1


def test_dry_run_lists_the_run_requests():
    req = _request(AttachStdin=True, Tty=True, HostConfig={"AutoRemove": True})
    text = dry_run_text(RunOptions(req), keys="ctrl-a,a", tty_out=True)
    lines = text.splitlines()
    assert lines[0] == "POST /containers/create"
    assert json.loads(lines[1])["Image"] == "busybox"
    assert lines[-4:] == [
        "POST /containers/{id}/attach?detachKeys=ctrl-a%2Ca&stderr=1&stdin=1&stdout=1&stream=1",
        "POST /containers/{id}/wait?condition=removed",
        "POST /containers/{id}/start",
        "POST /containers/{id}/resize?h=<rows>&w=<cols>",
    ]


def test_dry_run_detached_has_no_attach():
    opts = detached(RunOptions(_request(), detach=True), attach_flags=False)
    lines = dry_run_text(opts).splitlines()
    assert lines[-2:] == ["POST /containers/{id}/wait?condition=next-exit", "POST /containers/{id}/start"]
    assert not any("/attach" in line for line in lines)


def test_exec_body_field_order_and_values():
    body = exec_body(("sh", "-c", "true"), user="1:1", tty=True, console_size=(30, 100), stdin=True, stdout=True,
                     stderr=True, detach_keys="ctrl-a,a", env=["A=1"], workdir="/tmp")
    assert list(body) == ["User", "Privileged", "Tty", "ConsoleSize", "AttachStdin", "AttachStderr", "AttachStdout",
                          "Detach", "DetachKeys", "Env", "WorkingDir", "Cmd"]
    assert body["ConsoleSize"] == [30, 100] and body["Cmd"] == ["sh", "-c", "true"] and body["Env"] == ["A=1"]
    plain = exec_body(("true",))
    assert "ConsoleSize" not in plain and plain["Env"] is None
    assert start_body(detach=False, tty=True) == {"Detach": False, "Tty": True}
