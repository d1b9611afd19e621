"""`load_project` in process: `Project.model` equals `json.loads(docker compose config --format json)`
(v2.40.3) for every fixture that loads, key order included, with real values (`config` doubles every `$`
in its text; the model does not)."""

from __future__ import annotations

import json
import os

import pytest

from pydock.compose.loader import load_model, load_project
from pydock.compose.loader.environment import environ_with_dot_env
from pydock.compose.loader.options import ProjectOptions
from tests.compose_oracle import run_compose
from tests.unit.compose.test_config_oracle import FIXTURES, SPECIAL, _base_env, _ok_fixtures


def _environ(extra=None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    env.pop("DOCKER_HOST", None)
    env.update(extra or {})
    return env


def _undollar(v):
    if isinstance(v, str):
        return v.replace("$$", "$")
    if isinstance(v, list):
        return [_undollar(x) for x in v]
    if isinstance(v, dict):
        return {_undollar(k): _undollar(x) for k, x in v.items()}
    return v


def _ordered(v):
    """Key order, recursively (dict equality ignores it)."""
    if isinstance(v, dict):
        return [(k, _ordered(x)) for k, x in v.items()]
    if isinstance(v, list):
        return [_ordered(x) for x in v]
    return v


# compose-go's own test projects that are inconsistent on purpose (a service without image or build, an
# undeclared resource): v2 loads them only with --no-consistency, and so does this test.
NO_CONSISTENCY = {"cgo-extends-base", "cgo-full-example"}


@pytest.mark.parametrize("fixture", _ok_fixtures())
def test_model_is_config_json(fixture):
    sub, extra = SPECIAL.get(fixture, ("", {}))
    cwd = FIXTURES / fixture / sub
    consistency = fixture not in NO_CONSISTENCY
    flags = () if consistency else ("--no-consistency",)
    want = run_compose("config", *flags, "--format", "json", cwd=cwd, env={**_base_env(), **extra})
    assert want.returncode == 0, want
    # the environment as the compose command hands it to every verb (v2 setEnvWithDotEnv)
    environ = environ_with_dot_env(_environ(extra), cwd=str(cwd))
    project = load_project(ProjectOptions(cwd=str(cwd), environ=environ), warn=lambda m: None,
                           consistency=consistency)
    expected = _undollar(json.loads(want.stdout))
    assert project.model == expected
    assert _ordered(project.model) == _ordered(expected)
    assert project.name == expected["name"]
    # the model can be serialised again on its own (a Project built from v2's JSON works too)
    from pydock.compose.loader.structs import shape_project

    assert _ordered(shape_project(project.model, "json")) == _ordered(project.model)


def test_project_fields(tmp_path):
    (tmp_path / "proj").mkdir()
    f = tmp_path / "proj" / "compose.yaml"
    f.write_text("services:\n  web:\n    image: x\n    profiles: [dbg]\n  db:\n    image: y\n")
    (tmp_path / "proj" / ".env").write_text("A=1\n")
    p = load_project(ProjectOptions(cwd=str(tmp_path / "proj"), environ={"HOME": "/h"}), warn=lambda m: None)
    assert p.name == "proj"
    assert p.working_dir == str(tmp_path / "proj")
    assert p.config_files == (str(f),)
    assert p.environment["A"] == "1" and p.environment["COMPOSE_PROJECT_NAME"] == "proj"
    assert list(p.services) == ["db"]
    assert list(p.disabled) == ["web"]


def test_env_files_are_absolute(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x\n")
    (tmp_path / "x.env").write_text("A=1\n")
    p = load_project(ProjectOptions(cwd=str(tmp_path), environ={}, env_files=("x.env",)))
    assert p.env_files == (str(tmp_path / "x.env"),)
    assert p.environment["A"] == "1"


def test_load_model_is_the_uninterpolated_dict(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: ${IMG}\n")
    m = load_model(ProjectOptions(cwd=str(tmp_path), environ={"IMG": "x"}, interpolate=False))
    assert m["services"]["a"]["image"] == "${IMG}"
    assert m["name"] == tmp_path.name.lower()
