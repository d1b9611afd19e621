"""The create flow's pure parts (pydock.cli.container._createflow) and the flag layer's hand-off
(_createflags.build_request), without a daemon."""

from __future__ import annotations

import json

import click
import pytest

from pydock.cli.container._createflags import build_request, create_flags
from pydock.cli.container._createflow import (CidFile, PullTarget, check_requirements, dry_run_text, progress_line,
                                              pull_target, registry_auth, versioned_body)
from pydock.errors import PydockError, StreamError, UsageError
from pydock.opts.create import ContainerOptions, build_request as build


class FakeEngine:
    def __init__(self, version: str = "1.41", ostype: str = "linux"):
        self.api_version = version
        self.ping_headers = {"api-version": version, "ostype": ostype}

    def version_at_least(self, v: str) -> bool:
        return tuple(map(int, self.api_version.split("."))) >= tuple(map(int, v.split(".")))

    def ping(self):
        return self.ping_headers


@pytest.mark.parametrize("image, target", [
    ("busybox", PullTarget("docker.io/library/busybox", "latest", "busybox:latest")),
    ("busybox:1.36", PullTarget("docker.io/library/busybox", "1.36", "busybox:1.36")),
    ("127.0.0.1:5000/a/b:t", PullTarget("127.0.0.1:5000/a/b", "t", "127.0.0.1:5000/a/b:t")),
    ("user/app", PullTarget("docker.io/user/app", "latest", "user/app:latest")),
    ("x@sha256:" + "a" * 64, PullTarget("docker.io/library/x", "sha256:" + "a" * 64, "x@sha256:" + "a" * 64)),
    ("a" * 64, None),
    ("sha256:" + "b" * 64, None),
])
def test_pull_target(image, target):
    assert pull_target(image) == target


def test_pull_target_bad_reference():
    with pytest.raises(PydockError) as e:
        pull_target("UPPER")
    assert str(e.value) == "invalid reference format: repository name (library/UPPER) must be lowercase"


@pytest.mark.parametrize("message, line", [
    ({"status": "Pulling from library/busybox", "id": "latest"}, "latest: Pulling from library/busybox\n"),
    ({"status": "Pulling fs layer", "progressDetail": {}, "id": "abc"}, "abc: Pulling fs layer\n"),
    ({"status": "Downloading", "progressDetail": {"current": 1, "total": 9}, "id": "abc"}, ""),
    ({"status": "Extracting", "progressDetail": {"current": 5}, "id": "abc"}, ""),
    ({"status": "Digest: sha256:x"}, "Digest: sha256:x\n"),
    ({"stream": "raw text"}, "raw text"),
    ({"status": "Waiting", "progress": "[==>  ]", "id": "a"}, "a: Waiting [==>  ]"),
    ({"aux": {"ID": "x"}}, ""),
    ({"status": "s", "from": "img", "id": "i"}, "i: (from img) s\n"),
])
def test_progress_lines(message, line):
    assert progress_line(message) == line


def test_progress_error():
    with pytest.raises(StreamError) as e:
        progress_line({"errorDetail": {"message": "manifest unknown: manifest unknown"}, "error": "x"})
    assert str(e.value) == "manifest unknown: manifest unknown"


def test_versioned_body_drops_what_the_api_cannot_take():
    req = build(ContainerOptions(image="x", kernel_memory=1 << 20, mac_address="02:42:ac:11:00:99"))
    with pytest.raises(PydockError) as e:
        versioned_body(FakeEngine("1.41"), req, (0, 0))
    assert str(e.value) == ('"specify mac-address per network" requires API version 1.44, but the Docker daemon '
                            "API version is 1.41")
    newer = versioned_body(FakeEngine("1.44"), req, (30, 100))
    assert "MacAddress" not in newer and "KernelMemory" not in newer["HostConfig"]
    assert newer["HostConfig"]["ConsoleSize"] == [30, 100]
    older = versioned_body(FakeEngine("1.41"), build(ContainerOptions(image="x", kernel_memory=1)), (0, 0))
    assert older["HostConfig"]["KernelMemory"] == 1


def test_requirements():
    check_requirements(FakeEngine("1.44"), build(ContainerOptions(image="x")))
    req = build(ContainerOptions(image="x"))

    with pytest.raises(PydockError) as e:
        check_requirements(FakeEngine("1.41"), req.replace(requires=(("--annotation", "1.43"),)))
    assert str(e.value) == '"--annotation" requires API version 1.43, but the Docker daemon API version is 1.41'
    with pytest.raises(PydockError) as e:
        check_requirements(FakeEngine("1.41"), req.replace(requires=(("--cpu-count", "windows"),)))
    assert str(e.value) == ('"--cpu-count" is only supported on a Docker daemon running on windows, but the Docker '
                            "daemon is running on linux")


def test_cidfile(tmp_path):
    path = tmp_path / "cid"
    cid = CidFile.open(str(path))
    cid.write("abc")
    cid.close()
    assert path.read_text() == "abc"
    with pytest.raises(PydockError) as e:
        CidFile.open(str(path))
    assert "container ID file found" in str(e.value)
    unused = tmp_path / "unused"
    CidFile.open(str(unused)).close()
    assert not unused.exists()
    with pytest.raises(PydockError) as e:
        CidFile.open(str(tmp_path / "no" / "dir"))
    assert str(e.value) == f"failed to create the container ID file: open {tmp_path}/no/dir: no such file or directory"


def test_dry_run_text():
    req = build(ContainerOptions(image="busybox", publish=("8080:80",)), name="web", platform="linux/x86_64")
    lines = dry_run_text(req).splitlines()
    assert lines[0] == "POST /containers/create?name=web&platform=linux%2Famd64"
    assert json.loads(lines[1]) == req.body
    assert lines[2] == ("# if the image is missing: POST /images/create?fromImage=docker.io%2Flibrary%2Fbusybox"
                        "&platform=linux%2Fx86_64&tag=latest, then the create again")
    always = dry_run_text(build(ContainerOptions(image="busybox"), pull="always")).splitlines()
    assert always[0] == "POST /images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest"
    assert always[1] == "POST /containers/create"


def test_registry_auth_without_credentials():
    class App:
        config = {}

    assert registry_auth(App(), "docker.io/library/busybox") == "e30="


# -- the flag layer --------------------------------------------------------------------------------

@click.command(context_settings={"allow_interspersed_args": False, "help_option_names": ["--help"]})
@create_flags
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def probe(args, **values):
    return values, args


def parse(*argv):
    return probe.main(list(argv), standalone_mode=False)


def test_flags_after_the_image_belong_to_the_command():
    values, args = parse("-e", "A=1", "busybox", "sh", "-e", "--rm")
    assert args == ("busybox", "sh", "-e", "--rm") and values["env"] == ("A=1",) and values["rm"] is None


def test_hostname_is_h():
    values, _ = parse("-h", "box", "--net", "n1", "--net-alias", "a", "--dns-opt", "x", "img")
    assert values["hostname"] == "box" and values["network_alias"] == ("a",) and values["dns_option"] == ("x",)


def test_build_request_uses_given_environment_and_cwd(tmp_path):
    (tmp_path / "envs").write_text("FROM_FILE=1\nBARE\n")
    values, _ = parse("-e", "BARE", "--env-file", "envs", "-v", "./d:/d", "--init", "img")
    req = build_request(values, "img", ("true",), environ={"BARE": "x"}, cwd=str(tmp_path))
    assert req.body["Env"] == ["FROM_FILE=1", "BARE=x", "BARE=x"]
    assert req.body["HostConfig"]["Binds"] == [f"{tmp_path}/d:/d"]
    assert req.body["HostConfig"]["Init"] is True and req.body["Cmd"] == ["true"]


def test_flag_errors_name_the_flag():
    with pytest.raises(click.BadParameter) as e:
        parse("-m", "lots", "img")
    assert e.value.message == "invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'"
    with pytest.raises(click.BadParameter) as e:
        parse("--mount", 'type=bind,src="/tmp', "img")
    assert e.value.message.startswith('invalid argument "type=bind,src=\\"/tmp" for "--mount" flag: ')


def test_parse_errors_are_usage_errors():
    values, _ = parse("-p", "abc", "img")
    with pytest.raises(UsageError) as e:
        build_request(values, "img", (), environ={}, cwd="/")
    assert e.value.exit_code == 125
    assert str(e.value) == "pydock: invalid containerPort: abc\n\nRun 'pydock create --help' for more information"
