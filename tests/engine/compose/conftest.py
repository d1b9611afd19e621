"""Fixtures the compose engine modules share."""

from __future__ import annotations

import pytest

from tests.compose_oracle import run_compose
from tests.conftest import ROOT, run_docker
from tests.engine.conftest import COMPOSE_PREFIX, remove_compose_projects

OPS_BASIC = ROOT / "tests" / "compose_fixtures" / "ops-basic"


@pytest.fixture(scope="module")
def up(request):
    """One ops-basic project (web x2, db) brought up by v2 per module: the tests only read it, write
    files of their own names into it, or stop db through `db_stopped`, which starts it again."""
    name = f"{COMPOSE_PREFIX}-{request.module.__name__.rsplit('.', 1)[-1].removeprefix('test_')}-shared"
    r = run_compose("-p", name, "up", "-d", "web", "db", cwd=OPS_BASIC)
    assert r.returncode == 0, r
    yield name
    remove_compose_projects(name)


@pytest.fixture
def db_stopped(up):
    assert run_docker("stop", "-t", "0", f"{up}-db-1").returncode == 0
    yield up
    assert run_docker("start", f"{up}-db-1").returncode == 0
