"""Differential: the Engine API payloads of pydock.compose.convert against what docker compose v2.40.3
actually sends, recorded by a unix-socket relay in front of the engine, and the config-hash labels of
pydock.compose.hashing against those v2 writes.

The model is taken from the oracle (`config --format json`, `$$` unescaped), not from our loader.
Normalised before comparing, and only these: the lists v2 builds by iterating a Go map (random order:
Env, Binds, Mounts, Ulimits, ExtraHosts, the depends_on label).
"""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from pydock.compose import convert, hashing
from pydock.compose import labels as L
from pydock.compose.model import Project
from tests.compose_oracle import run_compose
from tests.conftest import ROOT, run_docker
from tests.engine.conftest import LABEL
from tests.unit.compose.test_convert import normalise  # the Go-map lists sorted

FIXTURES = ROOT / "tests" / "compose_fixtures"


class Relay:
    """A unix socket in front of /var/run/docker.sock that records every request (method, target, body)."""

    def __init__(self, path: str):
        self.path = path
        self.requests: list[tuple[str, str, bytes]] = []
        self.lock = threading.Lock()
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(path)
        self.server.listen(16)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect("/var/run/docker.sock")
            threading.Thread(target=self._from_client, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def _from_client(self, src, dst):
        buf, parsing = bytearray(), True
        try:
            while data := src.recv(65536):
                dst.sendall(data)
                if parsing:
                    buf += data
                    parsing = self._parse(buf)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def _parse(self, buf: bytearray) -> bool:
        """Take the complete requests off `buf`; False once the connection is hijacked."""
        while (end := buf.find(b"\r\n\r\n")) >= 0:
            head = buf[:end].decode("latin-1").split("\r\n")
            method, target, _ = head[0].split(" ", 2)
            headers = {k.lower(): v for k, _, v in (h.partition(": ") for h in head[1:])}
            pos = end + 4
            if "content-length" in headers:
                n = int(headers["content-length"])
                if len(buf) < pos + n:
                    return True
                body, pos = bytes(buf[pos:pos + n]), pos + n
            elif headers.get("transfer-encoding") == "chunked":
                body = bytearray()
                while True:
                    line_end = buf.find(b"\r\n", pos)
                    if line_end < 0:
                        return True
                    size = int(buf[pos:line_end].split(b";")[0], 16)
                    if len(buf) < line_end + 4 + size:
                        return True
                    body += buf[line_end + 2:line_end + 2 + size]
                    pos = line_end + 4 + size
                    if not size:
                        break
                body = bytes(body)
            else:
                body = b""
            with self.lock:
                self.requests.append((method, target, body))
            del buf[:pos]
            if headers.get("upgrade") or "/attach" in target:
                return False
        return True

    def posts(self, fragment: str) -> list[tuple[str, dict]]:
        with self.lock:
            return [(t, json.loads(b)) for m, t, b in self.requests if m == "POST" and fragment in t]

    def close(self):
        self.server.close()


# -- helpers ----------------------------------------------------------------------------------------

def model_of(cwd: Path, project: str, env: dict) -> dict:
    r = run_compose("-p", project, "config", "--format", "json", cwd=cwd, env=env)
    assert r.returncode == 0, r
    return json.loads(r.stdout.replace("$$", "$"))  # config doubles every `$`; the model holds real values


def project_of(cwd: Path, name: str, env: dict) -> Project:
    return Project(name=name, working_dir=str(cwd), config_files=(str(cwd / "compose.yaml"),),
                   model=model_of(cwd, name, env))


def summaries(project: str) -> list[dict]:
    """The project's containers as /containers/json summaries (Id, Names, Labels)."""
    r = run_docker("ps", "-aq", "--no-trunc", "--filter", f"label={L.PROJECT}={project}")
    ids = r.stdout.split()
    if not ids:
        return []
    r = run_docker("inspect", *ids)
    return [{"Id": c["Id"], "Names": [c["Name"]], "Labels": c["Config"]["Labels"], "Mounts": c["Mounts"]}
            for c in json.loads(r.stdout)]


def lookup_for(project: str):
    found = summaries(project)

    def lookup(service: str) -> list[dict]:
        return [c for c in found if c["Labels"].get(L.SERVICE) == service
                and c["Labels"].get(L.ONEOFF) == "False"]
    return lookup


def rejected(cwd: Path) -> bool:
    """A fixture the engine refuses (marker file `create-fails`): only the bodies v2 sends count."""
    return (cwd / "create-fails").exists()


def create_with_relay(tmp_path, cwd: Path, project: str, env: dict, *args: str) -> Relay:
    relay = Relay(str(tmp_path / "relay.sock"))
    try:
        r = run_compose("-p", project, *args, cwd=cwd, env={**env, "DOCKER_HOST": f"unix://{relay.path}"})
        assert (r.returncode != 0) == rejected(cwd), r
    finally:
        relay.close()
    return relay


@pytest.fixture
def prerequisites(compose_project):
    """The external objects some fixtures name (through CONVERT_* variables), labelled for cleanup."""
    net, link, vol = f"{compose_project}-extnet", f"{compose_project}-extlink", f"{compose_project}-extvol"
    assert run_docker("network", "create", "--label", LABEL, net).returncode == 0
    assert run_docker("create", "--label", LABEL, "--name", link, "pydock-test/busybox:latest", "true").returncode == 0
    assert run_docker("volume", "create", "--label", LABEL, vol).returncode == 0
    yield {"CONVERT_EXT_NET": net, "CONVERT_EXT_LINK": link, "CONVERT_EXT_VOL": vol}
    run_docker("rm", "-f", link)
    run_docker("network", "rm", net)
    run_docker("volume", "rm", vol)


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("convert-*") if (p / "compose.yaml").is_file())
# test_hash needs the objects on the engine: the fixtures the engine refuses are left out (their
# config-hash labels are part of the create bodies test_bodies compares).
HASH_FIXTURES = [f for f in FIXTURE_NAMES if not rejected(FIXTURES / f)]


@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_bodies(fixture, compose_project, prerequisites, tmp_path):
    cwd = FIXTURES / fixture
    env = dict(prerequisites)
    relay = create_with_relay(tmp_path, cwd, compose_project, env, "create")
    project = project_of(cwd, compose_project, env)
    lookup = lookup_for(compose_project)

    # networks and volumes
    for target, sent in relay.posts("/networks/create"):
        key = sent["Labels"][L.NETWORK]
        assert hashing.go_json(convert.network_create_body(project, key)) == hashing.go_json(sent), key
    for target, sent in relay.posts("/volumes/create"):
        key = sent["Labels"][L.VOLUME]
        assert hashing.go_json(convert.volume_create_body(project, key)) == hashing.go_json(sent), key

    # containers, and the networks connected after create (API 1.41)
    creates = relay.posts("/containers/create")
    connects = relay.posts("/connect")
    assert creates
    by_id = {c["Id"]: c for c in summaries(compose_project)}
    for target, sent in creates:
        query = parse_qs(urlsplit(target).query)
        name = query["name"][0]
        lbl = sent["Labels"]
        plan = convert.container_plan(project, lbl[L.SERVICE], number=int(lbl[L.CONTAINER_NUMBER]), name=name,
                                      image_id=lbl.get(L.IMAGE), api_version="1.41", lookup_container=lookup)
        assert plan.query() == {k: unquote(v[0]) for k, v in query.items()}
        assert hashing.go_json(normalise(plan.body)) == hashing.go_json(normalise(sent)), name
        if rejected(cwd):
            continue
        cid = next(i for i, c in by_id.items() if c["Names"] == ["/" + name])
        theirs = [(unquote(t.split("/networks/")[1].split("/connect")[0]), b["EndpointConfig"])
                  for t, b in connects if b["Container"] == cid]
        assert [(n, hashing.go_json(ep)) for n, ep in plan.connect] == [(n, hashing.go_json(ep)) for n, ep in theirs]


@pytest.mark.parametrize("fixture", HASH_FIXTURES)
def test_hash(fixture, compose_project, prerequisites):
    """Every container, network and volume v2 creates carries the hash hashing.py computes."""
    cwd = FIXTURES / fixture
    env = dict(prerequisites)
    r = run_compose("-p", compose_project, "create", cwd=cwd, env=env)
    assert r.returncode == 0, r
    project = project_of(cwd, compose_project, env)
    lookup = lookup_for(compose_project)
    containers = summaries(compose_project)
    assert containers
    for c in containers:
        service = project.services[c["Labels"][L.SERVICE]]
        resolved = convert.resolve_references(service, lookup)
        assert c["Labels"][L.CONFIG_HASH] == hashing.service_hash(service, resolve=resolved), c["Names"]
    for key, net in project.networks.items():
        if net.get("external"):
            continue
        r = run_docker("network", "inspect", "-f", "{{json .Labels}}", net["name"])
        assert json.loads(r.stdout)[L.CONFIG_HASH] == hashing.network_hash(net), key
    for key, vol in project.volumes.items():
        if vol.get("external"):
            continue
        r = run_docker("volume", "inspect", "-f", "{{json .Labels}}", vol["name"])
        assert json.loads(r.stdout)[L.CONFIG_HASH] == hashing.volume_hash(vol), key


def test_recreate_inherits_anonymous_volumes(compose_project, tmp_path):
    """A changed service is recreated under `<oldid12>_<name>` with the replace label, its anonymous
    volumes mounted again by name (inherited_volumes)."""
    cwd = tmp_path / "proj"
    cwd.mkdir()
    (cwd / "compose.yaml").write_text("services:\n  web:\n    image: pydock-test/busybox:latest\n"
                                      "    command: [sleep, '300']\n    volumes: [/anon, 'named:/named']\n"
                                      "    environment: {V: '1'}\nvolumes:\n  named: {}\n")
    assert run_compose("-p", compose_project, "create", cwd=cwd).returncode == 0
    old = summaries(compose_project)[0]
    (cwd / "compose.yaml").write_text((cwd / "compose.yaml").read_text().replace("V: '1'", "V: '2'"))
    relay = create_with_relay(tmp_path, cwd, compose_project, {}, "create")
    [(target, sent)] = relay.posts("/containers/create")
    project = project_of(cwd, compose_project, {})
    name = parse_qs(urlsplit(target).query)["name"][0]
    assert name == f"{old['Id'][:12]}_{compose_project}-web-1"
    plan = convert.container_plan(project, "web", number=1, name=name, image_id=sent["Labels"].get(L.IMAGE),
                                  api_version="1.41", inherited_volumes=old["Mounts"], replace="web-1")
    assert sent["Labels"][L.REPLACE] == "web-1"
    assert hashing.go_json(normalise(plan.body)) == hashing.go_json(normalise(sent))


def test_proxies_from_config_json(compose_project, tmp_path):
    """config.json proxies reach Env under both spellings; the service's own value wins."""
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    proxies = {"httpProxy": "http://proxy:3128", "noProxy": "localhost", "ftpProxy": "ftp://p"}
    (cfg / "config.json").write_text(json.dumps({"proxies": {"default": proxies}}))
    os.symlink(Path.home() / ".docker" / "cli-plugins", cfg / "cli-plugins")
    cwd = tmp_path / "proj"
    cwd.mkdir()
    (cwd / "compose.yaml").write_text("services:\n  web:\n    image: pydock-test/busybox:latest\n"
                                      "    environment: {no_proxy: mine}\n")
    relay = create_with_relay(tmp_path, cwd, compose_project, {"DOCKER_CONFIG": str(cfg)}, "create")
    [(target, sent)] = relay.posts("/containers/create")
    project = project_of(cwd, compose_project, {"DOCKER_CONFIG": str(cfg)})
    plan = convert.container_plan(project, "web", number=1, name=f"{compose_project}-web-1",
                                  image_id=sent["Labels"].get(L.IMAGE), api_version="1.41", proxies=proxies)
    assert hashing.go_json(normalise(plan.body)) == hashing.go_json(normalise(sent))


def test_run_oneoff_body(compose_project, tmp_path):
    """`run -d`: the one-off container v2 creates (slug and oneoff labels, no number, the run name as
    container_name in the hash, no network aliases but the name). The rewrite of the service that
    `run` does (tty, stdin_open, restart dropped) is applied here from what v2 sent."""
    cwd = tmp_path / "proj"
    cwd.mkdir()
    (cwd / "compose.yaml").write_text("services:\n  web:\n    image: pydock-test/busybox:latest\n"
                                      "    command: [sleep, '300']\n    restart: always\n"
                                      "    container_name: fixed-name-ignored-by-run\n")
    relay = create_with_relay(tmp_path, cwd, compose_project, {}, "run", "-d", "web")
    [(target, sent)] = relay.posts("/containers/create")
    name = parse_qs(urlsplit(target).query)["name"][0]
    assert name.startswith(f"{compose_project}-web-run-")
    project = project_of(cwd, compose_project, {})
    svc = {k: v for k, v in project.services["web"].items() if k != "restart"}
    svc = convert.with_field(convert.with_field(svc, "tty", sent["Tty"]), "stdin_open", sent["OpenStdin"])
    project.model["services"]["web"] = svc
    plan = convert.container_plan(project, "web", number=-1, name=name, image_id=sent["Labels"].get(L.IMAGE),
                                  api_version="1.41", oneoff=True, extra_labels={L.SLUG: sent["Labels"][L.SLUG]},
                                  use_network_aliases=False, attach_stdin=sent["AttachStdin"],
                                  auto_remove=sent["HostConfig"]["AutoRemove"])
    assert sent["Labels"][L.ONEOFF] == "True" and L.CONTAINER_NUMBER not in sent["Labels"]
    assert hashing.go_json(normalise(plan.body)) == hashing.go_json(normalise(sent))


def test_v2_refuses_start_interval_on_api_141(compose_project, tmp_path):
    """The error v2 gives before sending anything; container_plan raises the same words."""
    cwd = tmp_path / "proj"
    cwd.mkdir()
    (cwd / "compose.yaml").write_text("services:\n  web:\n    image: pydock-test/busybox:latest\n"
                                      "    healthcheck: {test: [CMD, 'true'], start_period: 1s, start_interval: 1s}\n")
    r = run_compose("-p", compose_project, "create", cwd=cwd)
    assert r.returncode == 1
    project = project_of(cwd, compose_project, {})
    from pydock.compose.errors import ComposeError
    with pytest.raises(ComposeError) as e:
        convert.container_plan(project, "web", number=1, name="x", image_id=None, api_version="1.41")
    assert str(e.value) in r.stderr
