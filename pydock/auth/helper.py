"""The credential-helper protocol (docker-credential-helpers/client): `docker-credential-<name>
get|store|erase|list`, the request on stdin, JSON on stdout, the helper's stderr passed through."""

from __future__ import annotations

import json
import subprocess
import sys

from ..errors import PydockError

PREFIX = "docker-credential-"
NOT_FOUND = "credentials not found in native keychain"
TOKEN_USERNAME = "<token>"


class HelperError(PydockError):
    """The helper failed; the message is docker's, built from the helper's stdout (never from the secret)."""


class CredentialsNotFound(HelperError):
    def __init__(self):
        super().__init__(NOT_FOUND)


def _go_exec_error(program: str, exc: BaseException | None, returncode: int | None) -> str:
    """How Go's exec.Cmd.Output errors print."""
    if isinstance(exc, FileNotFoundError):
        return f'exec: "{program}": executable file not found in $PATH'
    if isinstance(exc, PermissionError):
        return f"fork/exec {program}: permission denied"
    if exc is not None:
        return f"exec: {program}: {exc}"
    if returncode is not None and returncode < 0:
        import signal

        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"signal: {name.lower().removeprefix('sig')}"
    return f"exit status {returncode}"


class Helper:
    def __init__(self, suffix: str):
        self.suffix = suffix
        self.program = PREFIX + suffix

    def _run(self, action: str, stdin: bytes) -> tuple[bytes, str | None]:
        """(stdout, None) on success, (stdout, go-style error) on failure."""
        import shutil

        path = shutil.which(self.program)
        if path is None:
            return b"", _go_exec_error(self.program, FileNotFoundError(), None)
        try:
            proc = subprocess.run([path, action], input=stdin, stdout=subprocess.PIPE, stderr=sys.stderr,
                                  check=False)
        except OSError as e:
            return b"", _go_exec_error(self.program, e, None)
        if proc.returncode != 0:
            return proc.stdout, _go_exec_error(self.program, None, proc.returncode)
        return proc.stdout, None

    @staticmethod
    def _valid_creds_message(out: str, err: str) -> str:
        if out.strip() == "no credentials server URL":
            return "no credentials server URL"
        if out.strip() == "no credentials username":
            return "no credentials username"
        return err

    def get(self, server_url: str) -> dict:
        """{"ServerURL", "Username", "Secret"}; CredentialsNotFound when the helper has none."""
        out, err = self._run("get", server_url.encode())
        text = out.decode("utf-8", "replace")
        if err is not None:
            if text.strip() == NOT_FOUND:
                raise CredentialsNotFound()
            err = self._valid_creds_message(text, err)
            raise HelperError(f"error getting credentials - err: {err}, out: `{text.strip()}`")
        try:
            data = json.loads(text)
        except ValueError as e:
            raise HelperError(f"error getting credentials from {self.program}: invalid JSON: {e.msg}") from None
        result = {"ServerURL": server_url, "Username": "", "Secret": ""}
        if isinstance(data, dict):
            result.update({k: str(v) for k, v in data.items() if k in result and v is not None})
        return result

    def store(self, server_url: str, username: str, secret: str) -> None:
        payload = json.dumps({"ServerURL": server_url, "Username": username, "Secret": secret}) + "\n"
        out, err = self._run("store", payload.encode())
        if err is not None:
            text = out.decode("utf-8", "replace")
            err = self._valid_creds_message(text, err)
            raise HelperError(f"error storing credentials - err: {err}, out: `{text.strip()}`")

    def erase(self, server_url: str) -> None:
        out, err = self._run("erase", server_url.encode())
        if err is not None:
            text = out.decode("utf-8", "replace").strip()
            err = self._valid_creds_message(text, err)
            raise HelperError(f"error erasing credentials - err: {err}, out: `{text}`")

    def list(self) -> dict[str, str]:
        out, err = self._run("list", b"unused")
        text = out.decode("utf-8", "replace").strip()
        if err is not None:
            err = self._valid_creds_message(text, err)
            raise HelperError(f"error listing credentials - err: {err}, out: `{text}`")
        try:
            data = json.loads(text or "{}")
        except ValueError as e:
            raise HelperError(f"error listing credentials from {self.program}: invalid JSON: {e.msg}") from None
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
