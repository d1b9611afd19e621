"""config.json read as the docker CLI reads it, and written by concurrent writers without a lost update.
The expected messages are docker 28's, as it printed them for the same files (tests/engine/test_env_faults.py
compares every case with the docker CLI itself)."""

from __future__ import annotations

import os
import threading

import pytest

from pydock.atomicfile import AtomicFile, FileWriteError, write_file
from pydock.config import ConfigFile, decode_config, read_config_data


@pytest.mark.parametrize("text, kept, error", [
    ("garbage{", {}, "invalid character 'g' looking for beginning of value"),
    ("", {}, ""),
    ("[1]", {}, "json: cannot unmarshal array into Go value of type configfile.ConfigFile"),
    ('{"auths": {}', {}, "unexpected EOF"),
    ('{"auths": {}} trailing', {"auths": {}}, ""),
    ("null", {}, ""),
    ('{"auths": {"x": {"username": 5}}, "psFormat": "table {{.ID}}"}', {"auths": {"x": {}}, "psFormat": "table {{.ID}}"},
     "json: cannot unmarshal number into Go struct field AuthConfig.auths.username of type string"),
    ('{"Auths": {"x": 5}, "psformat": 7}', {"auths": {}},
     "json: cannot unmarshal number into Go struct field ConfigFile.auths of type types.AuthConfig"),
])
def test_decode_config_as_dockers_decoder(text, kept, error):
    assert decode_config(text) == (kept, error)


def test_unreadable_and_missing_config_files(tmp_path):
    assert read_config_data(tmp_path / "config.json") == ({}, "")
    (tmp_path / "config.json").mkdir()
    path = tmp_path / "config.json"
    assert read_config_data(path) == ({}, f"Error parsing config file ({path}): read {path}: is a directory")


def test_concurrent_updates_lose_nothing(tmp_path):
    """Each writer loaded config.json before the others wrote (as 20 `pydock login`s do); the update
    re-reads under the lock, so every entry stays."""
    (tmp_path / "config.json").write_text('{"auths": {}}')
    configs = [ConfigFile.load(tmp_path) for _ in range(20)]

    def login(i):
        configs[i].update(lambda data: data.setdefault("auths", {}).__setitem__(f"r{i}:5000", {"auth": "eDp5"}))

    threads = [threading.Thread(target=login, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(ConfigFile.load(tmp_path).data["auths"]) == sorted(f"r{i}:5000" for i in range(20))
    assert os.listdir(tmp_path) == ["config.json"]


def test_atomic_file_removes_its_temporary_file_when_a_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "x.tar"
    target.write_text("old")
    f = AtomicFile(str(target))
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(FileWriteError, match=r"^write .*/\.tmp-x\.tar\d+: no space left on device$"):
        with f:
            f.write(b"new")
    monkeypatch.undo()
    assert os.listdir(tmp_path) == ["x.tar"] and target.read_text() == "old"


def test_write_file_removes_what_it_could_not_fill(tmp_path, monkeypatch):
    path = tmp_path / "iid"
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(FileWriteError, match=f"^write {path}: no space left on device$"):
        write_file(str(path), b"sha256:abc")
    monkeypatch.undo()
    assert not path.exists()
