"""Files, project directory, environment and project name before loading (compose-go cli/options.go
as docker compose v2.40 chains it), ported from compose-go cli/options_test.go."""

from __future__ import annotations

import os

import pytest

from pydock.compose.errors import ComposeError
from pydock.compose.loader.environment import Setup
from pydock.compose.loader.options import ProjectOptions


def _write(path, text=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def _setup(tmp_path, cwd=None, **kw):
    environ = kw.pop("environ", {})
    return Setup(ProjectOptions(cwd=str(cwd or tmp_path), environ=environ, **kw))


def test_discovery_prefers_compose_yaml_and_warns(tmp_path):
    a = _write(tmp_path / "compose.yaml")
    b = _write(tmp_path / "docker-compose.yml")
    warnings = []
    s = Setup(ProjectOptions(cwd=str(tmp_path)), warn=warnings.append)
    assert s.config_paths == [a]
    assert warnings == [f"Found multiple config files with supported names: {a}, {b}", f"Using {a}"]


@pytest.mark.parametrize("names,want", [
    (["compose.yaml", "compose.yml"], "compose.yaml"),
    (["compose.yml", "docker-compose.yml"], "compose.yml"),
    (["docker-compose.yml", "docker-compose.yaml"], "docker-compose.yml"),
    (["docker-compose.yaml"], "docker-compose.yaml"),
])
def test_discovery_order(tmp_path, names, want):
    for n in names:
        _write(tmp_path / n)
    assert _setup(tmp_path).config_paths[0] == str(tmp_path / want)


def test_discovery_adds_the_first_override(tmp_path):
    main = _write(tmp_path / "docker-compose.yml")
    over = _write(tmp_path / "compose.override.yaml")
    _write(tmp_path / "docker-compose.override.yml")
    assert _setup(tmp_path).config_paths == [main, over]


def test_discovery_walks_up(tmp_path):
    main = _write(tmp_path / "compose.yaml")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    s = _setup(tmp_path, cwd=sub)
    assert s.config_paths == [main]
    assert s.working_dir() == str(tmp_path)  # the project dir is where the file was found


def test_nothing_found(tmp_path):
    assert _setup(tmp_path / "x" if False else tmp_path).config_paths == []


def test_override_not_added_with_explicit_files(tmp_path):
    _write(tmp_path / "compose.yaml")
    _write(tmp_path / "compose.override.yaml")
    s = _setup(tmp_path, files=("compose.yaml",))
    assert s.config_paths == ["compose.yaml"]


def test_working_dir_is_the_first_file_dir(tmp_path):
    _write(tmp_path / "sub" / "a.yml")
    s = _setup(tmp_path, files=("sub/a.yml",))
    assert s.working_dir() == str(tmp_path / "sub")


def test_project_directory_wins(tmp_path):
    _write(tmp_path / "sub" / "a.yml")
    (tmp_path / "pd").mkdir()
    s = _setup(tmp_path, files=("sub/a.yml",), project_directory="pd")
    assert s.working_dir() == str(tmp_path / "pd")


def test_stdin_uses_the_cwd(tmp_path):
    assert _setup(tmp_path, files=("-",)).working_dir() == str(tmp_path)


def test_compose_file_env(tmp_path):
    a = _write(tmp_path / "a.yml")
    b = _write(tmp_path / "b.yml")
    s = _setup(tmp_path, environ={"COMPOSE_FILE": "a.yml:b.yml"})
    assert s.config_paths == [a, b]
    s = _setup(tmp_path, environ={"COMPOSE_FILE": "a.yml;b.yml", "COMPOSE_PATH_SEPARATOR": ";"})
    assert s.config_paths == [a, b]


def test_compose_file_env_missing_file(tmp_path):
    with pytest.raises(ComposeError) as e:
        _setup(tmp_path, environ={"COMPOSE_FILE": "nope.yml"})
    assert str(e.value) == f"stat {tmp_path}/nope.yml: no such file or directory"


def test_profiles_from_env(tmp_path):
    assert _setup(tmp_path, environ={"COMPOSE_PROFILES": "a, b"}).profiles == ["a", "b"]
    assert _setup(tmp_path, environ={"COMPOSE_PROFILES": "a"}, profiles=("x",)).profiles == ["x"]


def test_bad_project_name_flag(tmp_path):
    with pytest.raises(ComposeError) as e:
        _setup(tmp_path, project_name="Bad")
    assert str(e.value).startswith('invalid project name "Bad": must consist only of lowercase')


def test_pwd_is_added(tmp_path):
    assert _setup(tmp_path).environ["PWD"] == str(tmp_path)
    assert _setup(tmp_path, environ={"PWD": "/elsewhere"}).environ["PWD"] == "/elsewhere"


def test_dotenv_does_not_override_os_env(tmp_path):
    _write(tmp_path / ".env", "A=from-dotenv\nB=from-dotenv\n")
    s = _setup(tmp_path, environ={"A": "from-os"})
    assert s.environ["A"] == "from-os"
    assert s.environ["B"] == "from-dotenv"
    assert s.env_files == [str(tmp_path / ".env")]


def test_disable_env_file(tmp_path):
    _write(tmp_path / ".env", "B=from-dotenv\n")
    s = _setup(tmp_path, environ={"COMPOSE_DISABLE_ENV_FILE": "1"})
    assert "B" not in s.environ


def test_env_file_flag_replaces_dotenv(tmp_path):
    _write(tmp_path / ".env", "B=from-dotenv\n")
    other = _write(tmp_path / "other.env", "C=other\n")
    s = _setup(tmp_path, env_files=("other.env",))
    assert "B" not in s.environ and s.environ["C"] == "other"
    assert s.env_files == [other]


def test_compose_file_from_dotenv(tmp_path):
    a = _write(tmp_path / "a.yml")
    _write(tmp_path / ".env", "COMPOSE_FILE=a.yml\n")
    assert _setup(tmp_path).config_paths == [a]


def test_dotenv_of_the_project_dir_is_read_too(tmp_path):
    _write(tmp_path / "cwd" / ".env", "A=cwd\n")
    _write(tmp_path / "proj" / ".env", "A=proj\nB=proj\n")
    _write(tmp_path / "proj" / "compose.yaml")
    s = _setup(tmp_path, cwd=tmp_path / "cwd", files=(str(tmp_path / "proj" / "compose.yaml"),))
    # the first load (the first -f file's dir) is already the project dir here
    assert s.environ["A"] == "proj" and s.environ["B"] == "proj"
    os.environ.get("HOME")
