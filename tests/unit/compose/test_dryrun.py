"""`compose --dry-run`'s engine (pydock.compose.dryrun) at the HTTP level: what reaches the daemon and
what is answered in its place, through the real endpoint functions of pydock.engine.api over an
httpx.MockTransport. What the verbs print with it is proven against v2 in
tests/engine/compose/test_dry_run.py; here are the routing rules, v2's DryRunClient
(pkg/api/dryrunclient.go) read method by method, and the per-verb `--dry-run` flag.
"""

from __future__ import annotations

import io
import json

import pytest

from pydock.compose import dryrun
from pydock.compose.dryrun import DryRunEngine, ResolveError, go_quote, go_quote_list
from pydock.config import Endpoint
from pydock.engine._httpx import httpx
from pydock.engine.api import containers, exec as execapi, images, networks, volumes
from pydock.engine.client import Engine
from pydock.errors import NotFound, PydockError
from tests.compose_oracle import run_pydock_compose

PROJECT = "com.docker.compose.project"


class Daemon:
    """A fake daemon: answers reads from `objects`, records every request."""

    def __init__(self):
        self.calls: list[httpx.Request] = []
        self.containers = [{"Id": "real1", "Names": ["/p-db-1"], "State": "exited",
                            "Labels": {PROJECT: "p", "com.docker.compose.service": "db",
                                       "com.docker.compose.oneoff": "False"}}]
        self.known = {"real1"}
        self.distribution: dict[str, tuple[int, dict]] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        path = request.url.path
        if path == "/_ping":
            return httpx.Response(200, headers={"Api-Version": "1.41"}, text="OK")
        path = path.split("/", 2)[2]  # drop /v1.41
        if path == "containers/json":
            return httpx.Response(200, json=self.containers)
        if path.startswith("containers/") and path.endswith("/json"):
            ident = path.split("/")[1]
            if ident in self.known:
                return httpx.Response(200, json={"Id": ident, "Name": "/p-db-1", "State": {"Status": "exited"}})
            return httpx.Response(404, json={"message": f"No such container: {ident}"})
        if path.startswith("containers/") and path.endswith("/archive") and request.method == "HEAD":
            if request.url.params.get("path") == "/missing":
                return httpx.Response(404, json={"message": "Could not find the file"})
            stat = "eyJuYW1lIjoiZXRjIiwic2l6ZSI6MCwibW9kZSI6MjE0NzQ4NDE1MywibXRpbWUiOiIyMDIwIiwibGlua1RhcmdldCI6IiJ9"
            return httpx.Response(200, headers={"X-Docker-Container-Path-Stat": stat})
        if path.startswith("distribution/"):
            name = path[len("distribution/"):-len("/json")]
            status, body = self.distribution.get(name, (404, {"message": "manifest unknown: manifest unknown"}))
            return httpx.Response(status, json=body)
        if path.startswith("images/") and path.endswith("/json"):
            return httpx.Response(404, json={"message": "No such image"})
        if request.method in ("GET", "HEAD"):
            return httpx.Response(200, json={})
        if request.method == "POST" and path.endswith("/wait"):  # a body read as it arrives, as a socket's
            return httpx.Response(200, headers={"Content-Type": "application/json"},
                                  stream=_Unread(b'{"StatusCode":0}\n'))
        return httpx.Response(500, json={"message": f"the daemon must not see {request.method} {path}"})

    def writes(self) -> list[str]:
        return [f"{c.method} {c.url.path}" for c in self.calls
                if c.method not in ("GET", "HEAD") and not c.url.path.endswith("/wait")]


class _Unread(httpx.SyncByteStream):
    """A body MockTransport leaves unread (it reads `content=`/`json=` bodies before handing them over)."""

    def __init__(self, data: bytes):
        self.data = data

    def __iter__(self):
        yield self.data


@pytest.fixture
def daemon():
    return Daemon()


@pytest.fixture
def out():
    return io.StringIO()


@pytest.fixture
def eng(daemon, out):
    real = Engine(Endpoint("unix:///x.sock"), api_version="1.41", transport=httpx.MockTransport(daemon))
    return DryRunEngine(lambda: real, out=lambda: out)


LABELS = {PROJECT: "p", "com.docker.compose.service": "web", "com.docker.compose.oneoff": "False",
          "com.docker.compose.config-hash": "abc"}


# -- changes never reach the daemon --------------------------------------------------------------------

def test_container_changes_are_answered_here(eng, daemon):
    created = containers.create(eng, {"Image": "x", "Labels": LABELS}, name="p-web-1")
    assert created == {"Id": "p-web-1", "Warnings": []}  # v2: the name is the id
    for op in (containers.start, containers.stop, containers.restart, containers.kill, containers.pause,
               containers.unpause):
        op(eng, "real1")
    containers.rename(eng, "real1", "other")
    containers.remove(eng, "real1", force=True, volumes=True)
    containers.update(eng, "real1", {"Memory": 1})
    networks.connect(eng, "p_default", "p-web-1", {})
    networks.disconnect(eng, "p_default", "real1", force=True)
    assert networks.create(eng, {"Name": "p_default", "Labels": {}}) == {"Id": "p_default", "Warning": ""}
    networks.remove(eng, "p_default")
    vol = volumes.create(eng, {"Name": "p_data", "Driver": "local", "Labels": {"a": "b"}, "DriverOpts": {}})
    assert (vol["Name"], vol["Driver"], vol["Labels"]) == ("p_data", "local", {"a": "b"})
    volumes.remove(eng, "p_data", force=True)
    assert images.remove(eng, "busybox", force=True) == []
    images.tag(eng, "busybox", "x", "1")
    containers.commit(eng, "real1", repo="x")
    for prune in (containers.prune, images.prune, networks.prune, volumes.prune):
        prune(eng)
    assert daemon.writes() == []


def test_reads_go_to_the_daemon(eng, daemon):
    assert containers.list(eng, all=True) == daemon.containers
    assert containers.inspect(eng, "real1")["Name"] == "/p-db-1"
    assert containers.wait(eng, "real1") == {"StatusCode": 0}  # v2's ContainerWait is the engine's
    paths = [c.url.path for c in daemon.calls]
    assert paths[-3:] == ["/v1.41/containers/json", "/v1.41/containers/real1/json", "/v1.41/containers/real1/wait"]


def test_inspect_of_an_unknown_container_is_synthesized(eng):
    containers.create(eng, {"Labels": LABELS}, name="p-web-1")
    made = containers.inspect(eng, "p-web-1")
    assert made["Id"] == "p-web-1" and made["Name"] == "p-web-1"
    assert made["State"]["Status"] == "running" and made["State"]["Health"]["Status"] == "healthy"
    assert made["Config"] == {} and made["Mounts"] is None
    assert containers.inspect(eng, "nothing")["Id"] == "dryRunId"  # not created here: v2's "dryRunId"


START = {"label": [f"{PROJECT}=p", "com.docker.compose.oneoff=False"]}
GET_CONTAINERS = {"label": [f"{PROJECT}=p", "com.docker.compose.config-hash"]}


def test_start_listing_is_v2s_own_list(eng, daemon):
    """v2's d.containers: the first getContainers answer (one-off containers included when that listing
    included them), then what it created; other listings are the engine's."""
    daemon.containers.append({"Id": "oneoff", "Names": ["/p-db-run-1"], "State": "exited",
                              "Labels": {PROJECT: "p", "com.docker.compose.oneoff": "True"}})
    assert [c["Id"] for c in containers.list(eng, all=True, filters=GET_CONTAINERS)] == ["real1", "oneoff"]
    daemon.containers.append({"Id": "later", "Names": ["/p-x-1"], "State": "exited", "Labels": {}})
    containers.create(eng, {"Labels": LABELS}, name="p-web-1")
    assert [c["Id"] for c in containers.list(eng, all=True, filters=GET_CONTAINERS)] == ["real1", "oneoff", "later"]
    got = containers.list(eng, all=True, filters=START)
    assert [c["Id"] for c in got] == ["real1", "oneoff", "p-web-1"]
    assert got[2] == {"Id": "p-web-1", "Names": ["p-web-1"], "Labels": LABELS, "State": "", "Status": "",
                      "Image": "", "HostConfig": {}}
    assert [c["Id"] for c in containers.list(eng, all=True)] == ["real1", "oneoff", "later"]


def test_start_listing_without_a_listing_before_is_the_engines(eng, daemon):
    assert containers.list(eng, all=True, filters=START) == daemon.containers


def test_created_containers_join_an_empty_list(eng, daemon):
    daemon.containers = []
    assert containers.list(eng, all=True, filters=GET_CONTAINERS) == []
    containers.create(eng, {"Labels": LABELS}, name="p-web-1")
    assert [c["Id"] for c in containers.list(eng, all=True, filters=START)] == ["p-web-1"]


# -- attach and exec ---------------------------------------------------------------------------------

def test_attach_is_refused(eng, daemon):
    with pytest.raises(PydockError, match=r"^interactive run is not supported in dry-run mode$"):
        with containers.attach(eng, "real1", containers.attach_params(stdout=True)):
            pass
    assert daemon.writes() == []


def test_detached_exec_prints_what_it_would_run(eng, daemon, out):
    exec_id = execapi.create(eng, "real1", {"Cmd": ["echo", 'say "hi"'], "Detach": True})
    assert len(exec_id) == 64
    execapi.start_detached(eng, exec_id, tty=False)
    assert out.getvalue() == ' DRY-RUN MODE - Executing command ["echo" "say \\"hi\\""] in real1 (detached mode)\n'
    with pytest.raises(PydockError, match=r"^invalid exec ID"):
        execapi.start_detached(eng, exec_id, tty=False)  # v2 forgets an exec once started
    assert daemon.writes() == []


def test_attached_exec_is_refused(eng):
    exec_id = execapi.create(eng, "real1", {"Cmd": ["sh"]})
    with pytest.raises(PydockError, match=r"^interactive exec is not supported in dry-run mode$"):
        with execapi.start_attached(eng, exec_id, tty=False):
            pass


# -- copies -------------------------------------------------------------------------------------------

def test_archive_needs_the_path_in_the_container(eng, daemon):
    with containers.get_archive(eng, "real1", "/etc") as resp:
        data = b"".join(eng.iter_bytes(resp))
        assert containers.decode_path_stat(resp.headers["x-docker-container-path-stat"])["mode"] == 0
    assert data == b"\0" * 1024  # an archive with nothing in it
    containers.put_archive(eng, "real1", "/etc", iter([b"tar"]))
    with pytest.raises(PydockError) as e:
        containers.put_archive(eng, "real1", "/missing", iter([b"tar"]))
    assert str(e.value) == "  DRY-RUN MODE -  Could not find the file /missing in container real1"
    assert daemon.writes() == []


# -- images -------------------------------------------------------------------------------------------

def test_pull_resolves_in_the_registry_and_pulls_nothing(eng, daemon):
    daemon.distribution["127.0.0.1:5000/a:1"] = (200, {"Descriptor": {}})
    with images.pull_stream(eng, "127.0.0.1:5000/a", "1", registry_auth="QVVUSA==") as resp:
        assert b"".join(eng.iter_bytes(resp)) == b""
    asked = [c for c in daemon.calls if "/distribution/" in c.url.path]
    assert asked[0].headers["X-Registry-Auth"] == "QVVUSA=="
    assert images.inspect(eng, "127.0.0.1:5000/a:1") == {"Id": "dryRunId"}  # v2's pullServiceImage sees this
    with pytest.raises(NotFound):
        images.inspect(eng, "127.0.0.1:5000/other:1")
    assert daemon.writes() == []


def test_pull_of_an_unknown_reference_fails_as_v2s_resolver(eng):
    with pytest.raises(ResolveError) as e:
        with images.pull_stream(eng, "127.0.0.1:5000/missing", "1"):
            pass
    assert (e.value.message, str(e.value)) == ("not found", "127.0.0.1:5000/missing:1: not found")


def test_unreachable_registry_reads_as_v2s_resolver(eng, daemon):
    cause = "dial tcp: lookup registry-1.docker.io on 10.0.0.1:53: no such host"
    daemon.distribution["docker.io/library/busybox:latest"] = (500, {"message": f'Get "https://registry-1.docker.io/v2/": {cause}'})
    with pytest.raises(ResolveError) as e:
        with images.pull_stream(eng, "docker.io/library/busybox", "latest"):
            pass
    assert e.value.message == "lookup registry-1.docker.io on 10.0.0.1:53: no such host"
    assert str(e.value) == ('failed to do request: Head "https://registry-1.docker.io/v2/library/busybox/manifests/'
                            f'latest": {cause}')


def test_push_answers_pushed(eng, daemon):
    daemon.distribution["127.0.0.1:5000/a:1"] = (200, {})
    with images.push_stream(eng, "127.0.0.1:5000/a", "1") as resp:
        body = b"".join(eng.iter_bytes(resp))
    assert json.loads(body) == {"status": "Pushed", "progressDetail": {"current": 100, "total": 100, "units": "Mb"},
                                "id": "127.0.0.1:5000/a:1"}
    assert daemon.writes() == []


def test_build_answers_v2s_message_and_sends_no_context(eng, daemon):
    from pydock.engine.api.build import build_stream

    sent = []

    def context():
        sent.append(1)
        yield b"tar"

    with build_stream(eng, [("t", "p-app"), ("t", "extra")], context()) as resp:
        msg = json.loads(b"".join(eng.iter_bytes(resp)))
    assert msg == {"status": " DRY-RUN MODE - Successfully built: dryRunID\n DRY-RUN MODE - Successfully tagged: p-app\n",
                   "progressDetail": {}}
    assert sent == [] and daemon.writes() == []


def test_go_quote():
    assert go_quote('a"b\\c\n\x01\x7f') == '"a\\"b\\\\c\\n\\x01\\x7f"'
    assert go_quote("é") == '"é"'
    assert go_quote_list(["echo", "hi"]) == '["echo" "hi"]'
    assert go_quote_list([]) == "[]"


def test_the_real_engine_is_made_on_first_use():
    made = []
    eng = DryRunEngine(lambda: made.append(1) or object())
    containers.create(eng, {"Labels": {}}, name="x")  # answered here: no engine needed
    assert made == []
    assert dryrun.DRYRUN_PREFIX == " DRY-RUN MODE - "


# -- the flag ------------------------------------------------------------------------------------------

def test_compose_app_swaps_the_apps_engine():
    from pydock.app import App
    from pydock.cli.compose import ComposeApp, ComposeOptions

    app = App()
    capp = ComposeApp(app, ComposeOptions())
    assert "engine" not in app.__dict__
    capp.set_dry_run()
    assert capp.options.dry_run and isinstance(app.engine, DryRunEngine) and capp.engine is app.engine
    capp.set_dry_run()
    assert isinstance(app.engine._factory(), Engine)  # wrapped once, around the real engine


@pytest.mark.parametrize("verb", ["up", "down", "run", "exec", "config", "version", "ls", "cp", "wait"])
def test_every_verb_lists_dry_run(verb, tmp_path):
    r = run_pydock_compose(verb, "--help", cwd=tmp_path)
    assert r.returncode == 0, r
    assert "  --dry-run " in r.stdout and "Execute command in dry run mode" in r.stdout


def test_root_flags_stay_before_the_verb(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: busybox\n")
    ok = run_pydock_compose("config", "--dry-run", "--services", cwd=tmp_path)
    assert (ok.returncode, ok.stdout) == (0, "a\n")
    for flag in ("--ansi", "--env-file", "-f", "-p", "--profile", "--progress", "--project-directory", "--parallel"):
        r = run_pydock_compose("config", flag, "x", cwd=tmp_path)
        assert r.returncode != 0 and "unknown" in r.stderr, (flag, r)


@pytest.mark.parametrize("daemon_says, status, event, final", [
    ('Head "http://127.0.0.1:5001/v2/x/manifests/1": no basic auth credentials', 500, "authorization failed",
     "pull access denied, repository does not exist or may require authorization: authorization failed: "
     "no basic auth credentials"),
    ("unauthorized: authentication required", 500,
     "unexpected status from HEAD request to http://127.0.0.1:5001/v2/x/manifests/1: 401 Unauthorized",
     "unexpected status from HEAD request to http://127.0.0.1:5001/v2/x/manifests/1: 401 Unauthorized"),
    ("something else", 500, "something else", "something else"),
])
def test_registry_refusals_read_as_v2s_resolver(eng, daemon, daemon_says, status, event, final):
    daemon.distribution["127.0.0.1:5001/x:1"] = (status, {"message": daemon_says})
    with pytest.raises(ResolveError) as e:
        with images.pull_stream(eng, "127.0.0.1:5001/x", "1"):
            pass
    assert (e.value.message, str(e.value)) == (event, final)
