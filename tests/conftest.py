"""Test harness shared by unit and engine tests.

`run_pydock` and `run_docker` run the real programs in subprocesses, so exit statuses, stderr and
stdout are observed exactly as a user or a script would see them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    args: tuple
    returncode: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:
        return f"Result({self.args!r}, rc={self.returncode}, stdout={self.stdout[:400]!r}, stderr={self.stderr[:400]!r})"


def _env(extra: dict | None) -> dict:
    env = dict(os.environ)
    env.pop("DOCKER_HOST", None)
    env.pop("DOCKER_CONTEXT", None)
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra or {})
    return {k: v for k, v in env.items() if v is not None}


def run_pydock(*args, env: dict | None = None, input: str | None = None, timeout: float = 60) -> Result:
    p = subprocess.run([sys.executable, "-m", "pydock", *args], capture_output=True, text=True, env=_env(env),
                       input=input, timeout=timeout, cwd=ROOT)
    return Result(args, p.returncode, p.stdout, p.stderr)


def run_docker(*args, env: dict | None = None, input: str | None = None, timeout: float = 60) -> Result:
    p = subprocess.run(["docker", *args], capture_output=True, text=True, env=_env(env), input=input,
                       timeout=timeout)
    return Result(args, p.returncode, p.stdout, p.stderr)


def read_pty(master: int, idle_timeout: float = 30.0) -> bytes:
    """Everything a program writes to the pseudo-terminal whose master side is `master`, until it closes
    its side (EOF, or EIO on Linux) or stays silent for `idle_timeout` seconds; closes `master`."""
    import select

    chunks = []
    try:
        while select.select([master], [], [], idle_timeout)[0]:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the slave side is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    return b"".join(chunks)


@pytest.fixture
def pydock():
    return run_pydock


@pytest.fixture
def docker():
    return run_docker
