"""`pydock version` and `pydock info` against `docker version` and `docker info` on the same engine.

The Client sections differ by design (they describe pydock); everything about the server must not.
Nothing here creates objects, but other tests may run at the same time and change the counters, so
each comparison retries a few times before failing.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.engine.differential import as_pydock

UNREACHABLE = {"DOCKER_HOST": "unix:///nonexistent"}
CANNOT_CONNECT = "Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?\n"

# docker lists the compose CLI plugin scripts/venv links into ~/.docker/cli-plugins; pydock lists its built-in
# compose in the same shape, with itself as vendor and path (the tests run it as `python -m pydock`)
PYDOCK_PATH = str(Path(__file__).resolve().parents[2] / "pydock" / "__main__.py")
DOCKER_COMPOSE_PLUGIN = re.compile(r'[^\s"]*/cli-plugins/docker-compose')


def as_pydock_plugins(text: str) -> str:
    """docker's client info with its compose plugin described as pydock's built-in compose."""
    text = text.replace("compose: Docker Compose (Docker Inc.)", "compose: Docker Compose (pydock)")
    text = text.replace("{0.1.0 Docker Inc. v", "{0.1.0 pydock v").replace('"Vendor":"Docker Inc."', '"Vendor":"pydock"')
    return DOCKER_COMPOSE_PLUGIN.sub(PYDOCK_PATH, text)
VOLATILE_INFO_KEYS = ("ClientInfo", "SystemTime", "NFd", "NGoroutines", "NEventsListener")
# The engine's object counts: other tests (in parallel workers) create and remove containers and images
# between the two commands. The daemon's numbers are printed as they come; compare that they are numbers.
COUNTER_KEYS = ("Containers", "ContainersRunning", "ContainersPaused", "ContainersStopped", "Images")
COUNTER_LINES = (" Containers: ", "  Running: ", "  Paused: ", "  Stopped: ", " Images: ")


def _server_section(stdout: str) -> str:
    """From the `Server:` line on; docker prints the runtime names in Go map order, so sort them."""
    _, sep, server = stdout.partition("\nServer:")
    assert sep, stdout
    lines = server.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(" Runtimes: "):
            lines[i] = " Runtimes: " + " ".join(sorted(line.split()[1:]))
        elif line.startswith(COUNTER_LINES) and line.rsplit(" ", 1)[1].isdigit():
            lines[i] = line.rsplit(" ", 1)[0] + " N"
    return "\n".join(lines)


def _eventually_equal(pydock, docker, args, pick, env=None, tries=4):
    """Run both and compare `pick(result)`; retry, since the engine's counters may move in between."""
    for attempt in range(tries):
        ours, theirs = pydock(*args, env=env), docker(*args, env=env)
        if pick(ours) == pick(theirs):
            return ours, theirs
        time.sleep(0.3 * (attempt + 1))
    assert pick(ours) == pick(theirs)
    return ours, theirs


# -- version ---------------------------------------------------------------------------------------------


def test_version_server_section_is_dockers(pydock, docker):
    ours, theirs = _eventually_equal(pydock, docker, ("version",), lambda r: (r.returncode, _server_section(r.stdout)))
    assert ours.returncode == 0 and ours.stderr == ""


def test_version_client_section_describes_pydock_in_dockers_layout(pydock, docker):
    from pydock import __version__

    ours, theirs = pydock("version"), docker("version")
    client, _, _ = ours.stdout.partition("\n\n")
    docker_client, _, _ = theirs.stdout.partition("\n\n")
    labels = [line[:20] for line in client.split("\n")]
    assert labels == [line[:20].replace("Go version:     ", "Python version: ") for line in docker_client.split("\n")]
    assert f" Version:           {__version__}\n" in client
    api_line = [line for line in docker_client.split("\n") if line.startswith(" API version:")]
    assert api_line[0] in client.split("\n")  # the same negotiation, e.g. "1.41 (downgraded from 1.50)"
    assert " Python version:    python3." in client and " OS/Arch:           linux/" in client


@pytest.mark.parametrize("template", [
    "{{.Server.Version}}",
    "{{.Server.APIVersion}}",
    "{{.Server.MinAPIVersion}} {{.Server.Os}}/{{.Server.Arch}} {{.Server.KernelVersion}}",
    "{{json .Server}}",
    "{{.Server.Components}}",
    "{{range .Server.Components}}{{.Name}}={{.Version}} {{getDetailsOrder .}}\n{{end}}",
    "{{with .Server}}{{.Platform.Name}}|{{.BuildTime}}|{{.Experimental}}{{end}}",
    "{{.Client.DefaultAPIVersion}} {{.Client.Context}}",
    "text only",
])
def test_version_format_is_dockers(pydock, docker, template):
    ours, theirs = pydock("version", "--format", template), docker("version", "--format", template)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_version_format_json_server_part_is_dockers(pydock, docker):
    from pydock import __version__

    ours, theirs = pydock("version", "--format", "json"), docker("version", "--format", "json")
    assert ours.returncode == theirs.returncode == 0
    mine, reference = json.loads(ours.stdout), json.loads(theirs.stdout)
    assert json.dumps(mine["Server"]) == json.dumps(reference["Server"])  # values and key order
    assert list(mine["Client"]) == list(reference["Client"])
    assert mine["Client"]["Version"] == __version__
    assert mine["Client"]["ApiVersion"] == reference["Client"]["ApiVersion"]


@pytest.mark.parametrize("template", ["{{.Foo", "{{.Foo}}", "{{.Server.ApiVersion}}", "{{.Client.Foo}}", "{{nofunc .}}"])
def test_version_bad_template_fails_like_docker(pydock, docker, template):
    ours, theirs = pydock("version", "--format", template), docker("version", "--format", template)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_version_unreachable_prints_the_client_then_fails(pydock, docker):
    ours, theirs = pydock("version", env=UNREACHABLE), docker("version", env=UNREACHABLE)
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr == theirs.stderr == CANNOT_CONNECT
    assert ours.stdout.startswith("Client:\n") and "\nServer:" not in ours.stdout
    assert " API version:       1.50\n" in ours.stdout  # no negotiation happened: the client's own version


@pytest.mark.parametrize("template", ["{{.Server.Version}}", "{{.Client.Context}}", "json"])
def test_version_format_unreachable(pydock, docker, template):
    ours = pydock("version", "--format", template, env=UNREACHABLE)
    theirs = docker("version", "--format", template, env=UNREACHABLE)
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr)
    if template != "json":
        assert ours.stdout == theirs.stdout
    else:
        assert json.loads(ours.stdout)["Server"] is None


def test_version_pinned_api_too_new(pydock, docker):
    env = {"DOCKER_API_VERSION": "1.99"}
    ours, theirs = pydock("version", env=env), docker("version", env=env)
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr)
    assert ours.stdout.split("\n")[2] == theirs.stdout.split("\n")[2] == " API version:       1.99 (downgraded from 1.50)"


def test_version_accepts_no_arguments(pydock, docker):
    ours, theirs = pydock("version", "x"), docker("version", "x")
    assert (ours.returncode, ours.stderr) == (theirs.returncode, as_pydock(theirs.stderr))


# -- info ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("info",), ("system", "info")])
def test_info_server_section_is_dockers(pydock, docker, args):
    ours, theirs = _eventually_equal(pydock, docker, args,
                                     lambda r: (r.returncode, _server_section(r.stdout), r.stderr))
    assert ours.returncode == 0


def test_info_client_section_describes_pydock(pydock, docker):
    from pydock import __version__

    ours, theirs = pydock("info"), docker("info")
    client = ours.stdout.partition("\nServer:")[0]
    assert "  compose: Docker Compose (Docker Inc.)\n" in theirs.stdout, "scripts/venv links the compose plugin"
    assert client == as_pydock_plugins(theirs.stdout.partition("\nServer:")[0]).replace(
        theirs.stdout.split("\n")[1], f" Version:    {__version__}")


def test_info_debug_shows_the_daemon_counters(pydock, docker):
    def masked(r):
        keep = ("  File Descriptors:", "  Goroutines:", "  System Time:", "  EventsListeners:")
        lines = [line.split(":")[0] if line.startswith(keep) else line for line in r.stdout.split("\n")]
        return _server_section("\n".join(lines))

    ours, theirs = _eventually_equal(pydock, docker, ("-D", "info"), masked)
    assert " Debug Mode: true\n" in ours.stdout and "  Goroutines: " in ours.stdout


@pytest.mark.parametrize("template", [
    "{{.ServerVersion}}",
    "{{.ID}} {{.Name}} {{.NCPU}} {{.MemTotal}} {{.OSType}}/{{.Architecture}}",
    "{{.Plugins}}",
    "{{json .Plugins}}",
    "{{.Swarm.LocalNodeState}} {{.Swarm}}",
    "{{json .RegistryConfig}}",
    "{{json .Runtimes}}",
    "{{.Runtimes}}",
    "{{.ContainerdCommit.ID}} {{.RuncCommit}} {{.InitCommit}}",
    "{{.HTTPProxy}}|{{.HTTPSProxy}}|{{.CPUCfsPeriod}}",
    "{{range .DriverStatus}}{{index . 0}}={{index . 1}};{{end}}",
    "{{.SecurityOptions}} {{len .Plugins.Log}} {{.Warnings}}",
    "{{.ClientInfo.Debug}} {{.ClientInfo.Context}} {{.ClientInfo.Plugins}}",
    "plain text",
])
def test_info_format_is_dockers(pydock, docker, template):
    _eventually_equal(pydock, docker, ("info", "--format", template),
                      lambda r: (r.returncode, as_pydock_plugins(r.stdout), r.stderr))


def test_info_format_json_is_dockers_but_for_the_client(pydock, docker):
    def server(r):
        data = json.loads(r.stdout)
        for key in VOLATILE_INFO_KEYS:
            data.pop(key)
        for key in COUNTER_KEYS:
            assert isinstance(data[key], int)
            data[key] = "N"
        return json.dumps(data)  # key order matters

    ours, theirs = _eventually_equal(pydock, docker, ("info", "--format", "json"), server)
    mine, reference = json.loads(ours.stdout)["ClientInfo"], json.loads(theirs.stdout)["ClientInfo"]
    assert list(mine) == list(reference)
    plugins = json.loads(as_pydock_plugins(json.dumps(reference["Plugins"], separators=(",", ":"))))
    assert (mine["Plugins"], mine["Warnings"], mine["DefaultAPIVersion"]) == (
        plugins, None, reference["DefaultAPIVersion"])


@pytest.mark.parametrize("template", ["{{.Foo", "{{.Foo}}", "{{.ClientInfo.Foo}}", "{{.ServerVersion", "{{nofunc}}"])
def test_info_bad_template_fails_like_docker(pydock, docker, template):
    ours, theirs = pydock("info", "--format", template), docker("info", "--format", template)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_info_unreachable(pydock, docker):
    ours, theirs = pydock("info", env=UNREACHABLE), docker("info", env=UNREACHABLE)
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr == theirs.stderr == CANNOT_CONNECT
    tail = f" Debug Mode: false\n Plugins:\n  compose: Docker Compose (pydock)\n    Version:  v2.40.3\n    Path:     {PYDOCK_PATH}\n\nServer:\n"
    assert ours.stdout.endswith(tail) and as_pydock_plugins(theirs.stdout).endswith(tail)


@pytest.mark.parametrize("template", ["{{.ServerVersion}}", "{{.ClientInfo.Context}}", "{{.ClientInfo.Debug}}"])
def test_info_format_unreachable(pydock, docker, template):
    """A template that needs only the client part does not connect at all, so it succeeds."""
    ours = pydock("info", "--format", template, env=UNREACHABLE)
    theirs = docker("info", "--format", template, env=UNREACHABLE)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_info_format_json_unreachable_is_a_zero_info(pydock, docker):
    ours = pydock("info", "--format", "json", env=UNREACHABLE)
    theirs = docker("info", "--format", "json", env=UNREACHABLE)
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr) == (1, CANNOT_CONNECT)
    mine, reference = json.loads(ours.stdout), json.loads(theirs.stdout)
    mine.pop("ClientInfo"), reference.pop("ClientInfo")
    assert json.dumps(mine) == json.dumps(reference)


def test_info_daemon_error_is_reported_like_docker(pydock, docker):
    env = {"DOCKER_API_VERSION": "1.99"}
    ours, theirs = pydock("info", env=env), docker("info", env=env)
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr)
    assert ours.stdout.endswith("\nServer:\n")
    ours, theirs = pydock("info", "--format", "{{.ServerVersion}}", env=env), docker(
        "info", "--format", "{{.ServerVersion}}", env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


@pytest.mark.parametrize("args", [("info",), ("version",)])
def test_invalid_host_fails_before_printing(pydock, docker, args):
    env = {"DOCKER_HOST": "bogus://x"}
    ours, theirs = pydock(*args, env=env), docker(*args, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
