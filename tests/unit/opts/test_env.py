"""-e, --env-file, -l, --label-file, --sysctl (docker/cli opts/env.go, opts/parse.go, pkg/kvfile)."""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.env import (check_env_name, labels_map, merge_env_flags, parse_kv_file, read_kv_files, validate_env,
                             validate_label, validate_sysctl)

ENVIRON = {"SET": "value", "EMPTY": ""}


@pytest.mark.parametrize("value, expected", [
    ("K=V", "K=V"), ("K=", "K="), ("SET", "SET=value"), ("EMPTY", "EMPTY="), ("UNSET", "UNSET"),
    ("SET=own", "SET=own"), ("K=a=b", "K=a=b"),
])
def test_validate_env(value, expected):
    assert validate_env(value, ENVIRON) == expected


@pytest.mark.parametrize("value", ["=x", "="])
def test_env_without_name(value):
    with pytest.raises(OptionError) as e:
        check_env_name(value)
    assert str(e.value) == f"invalid environment variable: {value}"


def test_env_flags_are_deduplicated_last_wins():
    assert merge_env_flags(["A=1", "B", "C=", "A=2"]) == ["A=2", "B", "C="]


def test_proxies_are_added_unless_set():
    proxies = {"httpProxy": "http://p:3128", "noProxy": "localhost"}
    assert merge_env_flags(["HTTP_PROXY=mine"], proxies) == [
        "HTTP_PROXY=mine", "http_proxy=http://p:3128", "NO_PROXY=localhost", "no_proxy=localhost"]


@pytest.mark.parametrize("data, expected", [
    (b"A=1\nB=2\n", ["A=1", "B=2"]),
    (b"\xef\xbb\xbfA=1", ["A=1"]),
    (b"  # comment\n\n   A=1 \n", ["A=1 "]),
    (b'Q="quoted"\n', ['Q="quoted"']),
    (b"SET\nUNSET\n", ["SET=value"]),
    (b"A=1\r\nB=2\r\n", ["A=1", "B=2"]),
    (b"A=1\nA=2\n", ["A=1", "A=2"]),
    (b"A==b", ["A==b"]),
    (b"\tTABBED=1", ["TABBED=1"]),
])
def test_env_file(data, expected):
    assert parse_kv_file(data, ENVIRON.get) == expected


def test_label_file_drops_bare_names():
    assert parse_kv_file(b"a=1\nbare\n", None) == ["a=1"]


@pytest.mark.parametrize("data, message", [
    (b"A B=1\n", "variable 'A B' contains whitespaces"),
    (b"A\tB\n", "variable 'A\tB' contains whitespaces"),
    (b"=x\n", "no variable name on line '=x'"),
    (b"A=\xff\n", "invalid utf8 bytes at line 1: [65 61 255]"),
    (b"ok=1\nB=\xc3\n", "invalid utf8 bytes at line 2: [66 61 195]"),
])
def test_env_file_errors(data, message):
    with pytest.raises(OptionError) as e:
        parse_kv_file(data, ENVIRON.get)
    assert str(e.value) == message


def test_kv_file_errors_name_the_file():
    with pytest.raises(OptionError) as e:
        read_kv_files([("f", b"A B=1")], None)
    assert str(e.value) == "invalid env file (f): variable 'A B' contains whitespaces"
    with pytest.raises(OptionError) as e:
        read_kv_files([("nosuch", FileNotFoundError(2, "No such file or directory"))], None)
    assert str(e.value) == "open nosuch: no such file or directory"
    with pytest.raises(OptionError) as e:
        read_kv_files([("secret", PermissionError(13, "Permission denied"))], None)
    assert str(e.value) == "open secret: permission denied"
    with pytest.raises(OptionError) as e:
        read_kv_files([("dir", IsADirectoryError(21, "Is a directory"))], None)
    assert str(e.value) == "invalid env file (dir): read dir: is a directory"


@pytest.mark.parametrize("value", ["a=b", "a", "a=", " a=b", "a=b c"])
def test_good_labels(value):
    assert validate_label(value) == value


@pytest.mark.parametrize("value, message", [
    (" =x", "invalid label ' =x': empty name"), ("=x", "invalid label '=x': empty name"),
    ("a b=c", "label 'a b' contains whitespaces"),
])
def test_bad_labels(value, message):
    with pytest.raises(OptionError) as e:
        validate_label(value)
    assert str(e.value) == message


def test_labels_map():
    assert labels_map(["a=b", "c", "d=e=f", "a=z"]) == {"a": "z", "c": "", "d": "e=f"}


@pytest.mark.parametrize("value", ["net.ipv4.ip_forward=1", "kernel.shmmax=1", "fs.mqueue.msg_max=1", "net.x="])
def test_good_sysctls(value):
    assert validate_sysctl(value) == value


@pytest.mark.parametrize("value", ["kernel.bogus=1", "net.x", "=1", "vm.swappiness=1"])
def test_bad_sysctls(value):
    with pytest.raises(OptionError) as e:
        validate_sysctl(value)
    assert str(e.value) == f"sysctl '{value}' is not allowed"
