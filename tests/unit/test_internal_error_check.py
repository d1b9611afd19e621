"""The suite-wide check that no pydock started by a test prints "pydock: internal error" (tests/conftest.py
and pydock/__main__.py): a session in which pydock hits a bug fails even though every test passed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

FAKE_TEST = '''
import click
import pydock.cli.root as root
from pydock.__main__ import main


def test_a_bug_in_pydock(monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise RuntimeError("a bug on purpose")

    monkeypatch.setattr(root.cli, "main", boom)
    assert main(["ps", "-p", "secret"]) == 1  # the test itself passes
    assert "pydock: internal error: RuntimeError: a bug on purpose" in capsys.readouterr().err
'''


def _run_session(tmp_path, *extra):
    (tmp_path / "test_fake.py").write_text(FAKE_TEST)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYDOCK_INTERNAL_ERROR_LOG", None)  # the inner session makes its own log, not ours
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
                           "--rootdir", str(tmp_path), *extra, str(tmp_path / "test_fake.py")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_an_internal_error_fails_the_session_and_is_listed(tmp_path):
    r = _run_session(tmp_path)
    assert "1 passed" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 1, r.stdout + r.stderr
    assert "pydock printed 'internal error'" in r.stdout
    assert '"error": "pydock: internal error: RuntimeError: a bug on purpose' in r.stdout
    assert '"argv": ["ps", "-p", "***"]' in r.stdout  # no secret in the log


def test_the_check_also_sees_xdist_workers(tmp_path):
    try:
        import xdist  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        import pytest

        pytest.skip("pytest-xdist not installed")
    r = _run_session(tmp_path, "-n", "2")
    assert "1 passed" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 1, r.stdout + r.stderr
    assert "a bug on purpose" in r.stdout
