"""Compose services and profiles for TAB, read without a YAML library (pydock.cli._complete.scan_services),
from the compose file in effect: `-f` typed on the line, else COMPOSE_FILE, else the default names found
from the project directory upward, as `docker compose` finds them."""

from __future__ import annotations

import pytest

from pydock.cli import _complete

FILE = """\
# a comment
name: demo
x-common: &common
  image: busybox
services:
  web:
    <<: *common
    profiles: [debug, "tools"]
    command: ["sh", "-c", "services: not a key here"]
  "db":
    image: postgres
    profiles:
      - ops
      - 'tools'
  # a comment inside
  cache: {image: redis}
  worker:   # trailing comment
    build: .
volumes:
  data: {}
networks:
  services: {}
"""


def test_services_and_profiles_of_a_block_style_file():
    assert _complete.scan_services(FILE) == (["web", "db", "cache", "worker"], ["debug", "tools", "ops", "tools"])


@pytest.mark.parametrize("text, services", [
    ("services:\n", []),
    ("version: '3'\n", []),
    ("services:\n    a:\n        image: x\n    b:\n        image: y\n", ["a", "b"]),  # any indent
    ("services:\n  a: {}\n  b:\n\n    image: y\nother:\n  c: {}\n", ["a", "b"]),
])
def test_scan_edge_cases(text, services):
    assert _complete.scan_services(text)[0] == services


@pytest.fixture
def project(tmp_path, monkeypatch):
    for var in ("COMPOSE_FILE", "PYDOCK_COMPLETE_COMPOSE_FILES", "PYDOCK_COMPLETE_PROJECT_DIR", "COMPOSE_PATH_SEPARATOR"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "sub").mkdir()
    (tmp_path / "docker-compose.yml").write_text("services:\n  old: {}\n")
    (tmp_path / "compose.yaml").write_text("services:\n  new: {}\n")
    (tmp_path / "other.yaml").write_text("services:\n  other: {}\n")
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path, monkeypatch


def test_discovery_upward_prefers_compose_yaml(project):
    assert _complete.compose_scan()[0] == ["new"]


def test_compose_file_and_typed_files_in_docker_compose_order(project):
    root, env = project
    env.setenv("COMPOSE_FILE", f"{root}/other.yaml:{root}/docker-compose.yml")
    assert _complete.compose_scan()[0] == ["other", "old"]
    env.setenv("PYDOCK_COMPLETE_COMPOSE_FILES", "../other.yaml\n")
    assert _complete.compose_scan()[0] == ["other"]


def test_project_directory_is_where_discovery_starts(project, tmp_path_factory):
    root, env = project
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "compose.yml").write_text("services:\n  there: {}\n")
    env.setenv("PYDOCK_COMPLETE_PROJECT_DIR", str(elsewhere))
    assert _complete.compose_scan()[0] == ["there"]


def test_no_file_no_services(tmp_path, monkeypatch):
    monkeypatch.delenv("COMPOSE_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert _complete.compose_scan() == ([], [])
