"""Errors are values with an exit status; `pydock.__main__.main` is the one place that maps them.

Nothing here imports httpx: the engine layer translates transport failures into these types.
"""

from __future__ import annotations


class PydockError(Exception):
    """An error the user sees as one line on stderr, with docker's exit status."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class ReaderGone(PydockError):
    """stdout's reader went away (`pydock stats | head -2`). Raised in place of BrokenPipeError, which
    click would turn into exit 1; we exit quietly with 141, as a Go program killed by SIGPIPE."""

    exit_code = 141

    def __init__(self):
        super().__init__("", 141)


class UsageError(PydockError):
    """Bad flags or flag values: docker prints the usage hint and exits 125."""

    exit_code = 125

    def __init__(self, message: str, command_path: str = "pydock", usage: str = "", exit_code: int | None = None):
        super().__init__(message, exit_code)
        self.command_path = command_path
        self.usage = usage


class ArgCountError(UsageError):
    """Wrong number of positional arguments: docker exits 1 and prefixes the program name."""

    exit_code = 1


class StatusError(PydockError):
    """An exit status with an optional message (e.g. the container's own status for `run`)."""


class EngineError(PydockError):
    """Talking to the engine failed. Subclasses are typed by HTTP status, never by text."""

    status: int | None = None


class EngineUnavailable(EngineError):
    """The daemon could not be reached at all."""

    @classmethod
    def not_running(cls, host: str) -> "EngineUnavailable":
        return cls(f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?")

    @classmethod
    def permission_denied(cls, host: str, detail) -> "EngineUnavailable":
        return cls(f"permission denied while trying to connect to the Docker daemon socket at {host}: {detail}")


class DaemonError(EngineError):
    """The daemon answered with an error status: 'Error response from daemon: <message>'. `bare`: the
    message alone, as Go's client prints an error status with an empty body (`request returned 404 ...`)."""

    def __init__(self, message: str, status: int | None = None, bare: bool = False):
        super().__init__(message)
        self.status = status
        self.message = message
        self.bare = bare

    def __str__(self) -> str:
        return self.message if self.bare else f"Error response from daemon: {self.message}"


class NotFound(DaemonError):
    """HTTP 404."""


class Conflict(DaemonError):
    """HTTP 409."""


class Unauthorized(DaemonError):
    """HTTP 401."""


class Forbidden(DaemonError):
    """HTTP 403."""


class InvalidParameter(DaemonError):
    """HTTP 400."""


def daemon_error_for(status: int, message: str, bare: bool = False) -> DaemonError:
    """Build the typed error for an HTTP status, as the Go client's errdefs do."""
    cls = {400: InvalidParameter, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict}.get(status, DaemonError)
    return cls(message, status, bare)


class StreamError(EngineError):
    """An error reported inside a progress stream (errorDetail): printed bare, as docker does."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


class ConnectionCut(StreamError):
    """The connection ended in the middle of a response body: Go's `unexpected EOF`. Not a message the
    daemon sent in the stream, so commands that print their buffered progress for those (build -q) do not."""

    def __init__(self, message: str = "unexpected EOF"):
        super().__init__(message)
