"""`pydock create` against `docker create`, three ways:

1. Inspect differential (real engine): the same flags through both programs must give the same
   `docker inspect` Config, HostConfig and per-network settings, the same exit status and stderr.
2. Bad input (real engine): the same exit status and message, and nothing created.
3. Wire differential (a scripted fake engine): both programs talk to a fake daemon that records every
   request; the create (and pull) requests must be identical, JSON key order included. This covers
   flags the real engine cannot take here (devices, GPUs, API-gated fields) byte for byte.

Every object carries the session label and is removed by the test that made it (and by the session
cleanup as a backstop). Published ports stay in 127.0.0.1:42000-42999, names start with `pdtA-`.
"""

from __future__ import annotations

import json
import os
import socketserver
import threading
import uuid
from http.server import BaseHTTPRequestHandler

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock, assert_same

TAG = uuid.uuid4().hex[:8]
SUBNET = "10.213.251.0/24"  # outside the daemon's default pools (172.17-31/16, 192.168/20): auto-allocated networks never overlap it
SUBNET6 = "fd00:5e1e:c7ed::/64"

# -- fixtures ----------------------------------------------------------------------------------------

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch):
    """run_pydock runs in the repository root; docker must see the same working directory."""
    monkeypatch.chdir(ROOT)



@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """Labelled things the flags refer to: a user network with subnets, a volume, link and
    volumes-from targets, bind-mount directories, env/label files and a seccomp profile."""
    work = tmp_path_factory.mktemp("create")
    (work / "sub").mkdir()
    (work / "envfile").write_text("\ufeffFROM_FILE=1\n# comment\n  SPACED=a b \nQ=\"quoted\"\nHOSTVAR\nUNSET_VAR_X\n")
    (work / "labelfile").write_text("lf.a=1\nlf.bare\n")
    (work / "seccomp.json").write_text('{ "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": [] }\n')
    net = f"pdtA-net-{TAG}"
    r = run_docker("network", "create", "--label", LABEL, "--subnet", SUBNET, "--ipv6", "--subnet", SUBNET6, net)
    assert r.returncode == 0, r
    vol = f"pdtA-vol-{TAG}"
    assert run_docker("volume", "create", "--label", LABEL, vol).returncode == 0
    target = f"pdtA-target-{TAG}"
    r = run_docker("create", "--label", LABEL, "--name", target, "-v", "/shared", TEST_IMAGE)
    assert r.returncode == 0, r
    yield {"work": work, "net": net, "vol": vol, "target": target}
    run_docker("rm", "-f", "-v", target)
    run_docker("volume", "rm", vol, f"pdtA-anon-{TAG}")
    run_docker("network", "rm", net)


def _fill(args: tuple[str, ...], scene: dict, who: str) -> list[str]:
    names = {"name": f"pdtA-{TAG}-{uuid.uuid4().hex[:6]}-{who}", "cidfile": str(scene["work"] / f"cid-{uuid.uuid4().hex}"),
             "work": str(scene["work"]), "net": scene["net"], "vol": scene["vol"], "target": scene["target"]}
    return [a.format(**names) for a in args]


def _count(label: str = LABEL) -> int:
    return len(run_docker("ps", "-aq", "--filter", f"label={label}").stdout.split())


# -- 1. inspect differential -------------------------------------------------------------------------

def _normalized(info: dict, cid: str) -> dict:
    """Config, HostConfig and the endpoint settings, minus what differs per container by design."""
    config, host = dict(info["Config"]), dict(info["HostConfig"])
    if config.get("Hostname") == cid[:12]:
        config["Hostname"] = "<id>"
    config["Env"] = sorted(config.get("Env") or [])  # docker sends the -e list in Go map order (random)
    host["Binds"] = sorted(host["Binds"]) if host.get("Binds") else host.get("Binds")  # same: map order
    if host.get("Links"):  # the daemon writes legacy links as /target:/<own name>/alias
        host["Links"] = [link.replace(f":{info['Name']}/", ":<self>/") for link in host["Links"]]
    if host.get("ContainerIDFile"):
        host["ContainerIDFile"] = "<cidfile>"
    networks = {}
    for name, ep in (info["NetworkSettings"]["Networks"] or {}).items():
        aliases = [a for a in ep.get("Aliases") or () if a != cid[:12]]
        networks[name] = {"IPAMConfig": ep.get("IPAMConfig"), "Links": ep.get("Links"), "Aliases": aliases,
                          "DriverOpts": ep.get("DriverOpts")}
    return {"Config": config, "HostConfig": host, "Networks": networks, "Path": info["Path"], "Args": info["Args"]}


def create_both(scene, args: tuple[str, ...], cmd: tuple[str, ...] = (), image: str = TEST_IMAGE, env=None):
    env = {"HOSTVAR": "from-host", **(env or {})}
    theirs = run_docker("create", "--label", LABEL, *_fill(args, scene, "d"), image, *cmd, env=env)
    ours = run_pydock("create", "--label", LABEL, *_fill(args, scene, "p"), image, *cmd, env=env)
    ids = [r.stdout.strip() for r in (theirs, ours) if r.returncode == 0]
    return theirs, ours, ids


def assert_same_container(scene, args: tuple[str, ...], cmd: tuple[str, ...] = (), image: str = TEST_IMAGE):
    theirs, ours, ids = create_both(scene, args, cmd, image)
    try:
        assert (ours.returncode, ours.stderr) == (theirs.returncode, as_pydock(theirs.stderr)), (theirs, ours)
        assert theirs.returncode == 0, theirs
        assert len(ours.stdout.strip()) == 64 and ours.stdout.endswith("\n")
        inspected = json.loads(run_docker("inspect", *ids).stdout)
        assert _normalized(inspected[1], ids[1]) == _normalized(inspected[0], ids[0])
        return inspected
    finally:
        if ids:
            run_docker("rm", "-f", "-v", *ids)


CASES = {
    "plain": ((), ()),
    "command": ((), ("echo", "a b", "--rm", "-x")),
    "name-rm": (("--name", "{name}", "--rm"), ()),
    "process": (("-i", "-t", "-w", "/w", "-u", "1000:1000", "-h", "box", "--domainname", "example.org"), ()),
    "attach": (("-a", "stdout", "-a", "STDERR"), ()),
    "attach-stdin": (("-a", "stdin"), ()),
    "interactive-attach": (("-i", "-a", "stdout"), ()),
    "entrypoint": (("--entrypoint", "/bin/sh"), ("-c", "echo hi")),
    "entrypoint-reset": (("--entrypoint", ""), ("true",)),
    "env": (("-e", "A=1", "-e", "B", "-e", "C=", "-e", "HOSTVAR", "-e", "UNSET_VAR_X", "-e", "A=2"), ()),
    "env-file": (("--env-file", "{work}/envfile", "-e", "Z=9"), ()),
    "labels": (("-l", "a=b", "-l", "bare", "--label", "c=d=e", "--label-file", "{work}/labelfile"), ()),
    "publish": (("-p", "127.0.0.1:42001:80", "-p", "127.0.0.1:42010-42011:90-91/udp", "-p", "127.0.0.1::82",
                 "-p", "127.0.0.1:42020-42022:7000", "-p", "[::1]:42030:5000", "-p", "::1:42031:5001",
                 "-p", "3000", "-p", "81/TCP", "-p", "published=42040,target=443,protocol=udp",
                 "-p", "target=444"), ()),
    "publish-all-expose": (("-P", "--expose", "6000-6001", "--expose", "7000/udp", "--expose", "8000/"), ()),
    "volumes": (("-v", "{vol}:/data", "-v", "/tmp:/data2:ro,shared", "-v", "{vol}:/d3:nocopy", "-v", "/anon",
                 "-v", "{work}/sub:/s:rw,z", "-v", "/tmp:/dup", "-v", "/tmp:/dup"), ()),
    "volume-relative": (("-v", "./tests:/t:ro", "-v", ".:/dot", "-v", "../main:/up"), ()),
    "mounts": (("--mount", "type=bind,src=.,dst=/x,ro,bind-propagation=rshared",
                "--mount", "type=volume,source={vol},target=/v,volume-nocopy",
                "--mount", "type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770",
                "--mount", '"type=bind","source={work}/sub","target=/q,u"',
                "--mount", "TYPE=BIND,SRC=/tmp,DST=/upper,readonly=false,consistency=Cached"), ()),
    # the daemon creates this named volume with these labels (the session label included, for the cleanup)
    "mount-volume-options": (("--mount", "type=volume,src=pdtA-anon-" + TAG + ",dst=/v,volume-label=a=b,"
                              f"volume-label={LABEL},volume-driver=local,volume-opt=type=tmpfs,"
                              "volume-opt=device=tmpfs"), ()),
    "mount-bind-recursive": (("--mount", "type=bind,src=/tmp,dst=/x,bind-recursive=disabled",
                              "--mount", "type=bind,src=/tmp,dst=/y,ro,bind-recursive=writable"), ()),
    "tmpfs": (("--tmpfs", "/run:rw,size=1m", "--tmpfs", "/t"), ()),
    "volumes-from": (("--volumes-from", "{target}:ro"), ()),
    "network-user": (("--network", "{net}", "--network-alias", "web", "--network-alias", "www",
                      "--ip", "10.213.251.10", "--ip6", "fd00:5e1e:c7ed::10", "--link", "{target}:db"), ()),
    "network-long": (("--network", "name={net},alias=a1,ip=10.213.251.11,driver-opt=com.example=x",), ()),
    "net-alias-hidden": (("--net", "{net}", "--net-alias", "hidden"), ()),
    "network-host": (("--network", "host",), ()),
    "network-none": (("--network", "none",), ()),
    "network-container": (("--network", "container:{target}",), ()),
    "legacy-link": (("--link", "{target}:db",), ()),
    "restart-on-failure": (("--restart", "on-failure:3"), ()),
    "restart-unless-stopped": (("--restart", "unless-stopped"), ()),
    "restart-empty": (("--restart", ""), ()),
    "rm-restart-no": (("--rm", "--restart", "no"), ()),
    "memory": (("-m", "64m", "--memory-swap", "128m", "--memory-reservation", "32M", "--shm-size", "1.5 MiB"), ()),
    "memory-unlimited-swap": (("-m", "1g", "--memory-swap", "-1", "--memory-swappiness", "10"), ()),
    "kernel-memory": (("--kernel-memory", "50m"), ()),
    "cpus": (("--cpus", "1.5", "--cpu-shares", "0x100", "--cpuset-cpus", "0", "--cpuset-mems", "0"), ()),
    "cpu-period-quota": (("--cpu-period", "100000", "--cpu-quota", "50000", "-c", "010"), ()),
    "pids-oom": (("--pids-limit", "-1", "--oom-kill-disable", "--oom-score-adj", "-5"), ()),
    "security": (("--privileged", "--read-only", "--cap-add", "net_admin", "--cap-add", "CAP_SYS_TIME",
                  "--cap-add", "Net_Admin", "--cap-drop", "all", "--security-opt", "no-new-privileges",
                  "--security-opt", "label=disable"), ()),
    "seccomp": (("--security-opt", "seccomp={work}/seccomp.json", "--security-opt", "systempaths=unconfined"), ()),
    "dns": (("--dns", "1.1.1.1", "--dns", "::1", "--dns-search", "example.com", "--dns-search", ".",
             "--dns-option", "ndots:2", "--dns-opt", "timeout:1"), ()),
    "dns-localhost-warning": (("--dns", "127.0.0.1",), ()),
    "add-host": (("--add-host", "h1:10.0.0.1", "--add-host", "h2=::1", "--add-host", "h3:[fe80::1]",
                  "--add-host", "gw:host-gateway"), ()),
    "init-signal-timeout": (("--init", "--stop-signal", "SIGINT", "--stop-timeout", "7"), ()),
    "stop-timeout-zero": (("--stop-timeout", "0"), ()),
    "sysctl-ulimit": (("--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=65536",
                       "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=64", "--ulimit", "core=-1",
                       "--ulimit", "nofile=512:1024"), ()),
    "namespaces": (("--pid", "host", "--ipc", "private", "--uts", "host", "--userns", "host",
                    "--cgroupns", "private"), ()),
    "namespaces-container": (("--pid", "container:{target}", "--ipc", "container:{target}"), ()),
    "devices": (("--device", "/dev/null:/dev/n:r", "--device", "/dev/zero", "--device", "/dev/full:rw",
                 "--device-cgroup-rule", "c 1:3 rwm", "--group-add", "10", "--group-add", "audio"), ()),
    "blkio": (("--blkio-weight", "300",), ()),
    "logging": (("--log-driver", "json-file", "--log-opt", "max-size=1m", "--log-opt", "max-file=2"), ()),
    "log-none": (("--log-driver", "none",), ()),
    "health": (("--health-cmd", "true", "--health-interval", "1m30s", "--health-timeout", "2.5s",
                "--health-retries", "3", "--health-start-period", "100ms"), ()),
    "health-interval-only": (("--health-interval", "1s",), ()),
    "no-healthcheck": (("--no-healthcheck",), ()),
    "platform": (("--platform", "linux/amd64",), ()),
    "platform-os-only": (("--platform", "linux",), ()),
    "pull-never": (("--pull", "never",), ()),
    "cidfile": (("--cidfile", "{cidfile}",), ()),
    "runtime-isolation": (("--runtime", "runc", "--isolation", "default", "--cgroup-parent", "pdtA.slice",
                           "--volume-driver", "local"), ()),
    "bool-values": (("--privileged=true", "--read-only=false", "-i=true"), ()),
    "bool-false-after-true": (("-t", "--tty=false", "--init=false", "--rm=1", "-P=f"), ()),
    "daemon-accepts-odd-values": (("--ipc", "bogus", "--blkio-weight", "5", "--device", "/pdtA/no/such/device"), ()),
    "flags-after-image-are-the-command": (("-e", "X=1"), ("sh", "-e", "-p", "80")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_create_matches_docker(scene, case):
    args, cmd = CASES[case]
    assert_same_container(scene, args, cmd)


def test_relative_paths_are_made_absolute(scene):
    """`./x` and `..` become absolute, `~` and `foo/bar` do not (docker treats those as volume names)."""
    info = assert_same_container(scene, ("-v", "./tests:/t", "-v", "..:/parent"))
    assert sorted(info[1]["HostConfig"]["Binds"]) == sorted([f"{ROOT}/tests:/t", f"{os.path.dirname(ROOT)}:/parent"])


def test_cidfile_holds_the_id(scene, tmp_path):
    path = tmp_path / "cid"
    r = run_pydock("create", "--label", LABEL, "--cidfile", str(path), TEST_IMAGE)
    try:
        assert r.returncode == 0, r
        assert path.read_text() == r.stdout.strip()
        again = run_pydock("create", "--label", LABEL, "--cidfile", str(path), TEST_IMAGE)
        assert again.returncode == 1 and again.stderr == (
            f"container ID file found, make sure the other container isn't running or delete {path}\n")
    finally:
        run_docker("rm", "-f", r.stdout.strip())


def test_cidfile_removed_when_create_fails(tmp_path):
    before = _count()
    for prog in (run_docker, run_pydock):
        path = tmp_path / f"cid-{prog.__name__}"
        r = prog("create", "--label", LABEL, "--cidfile", str(path), "pdtA-no-such-image:none", "--pull=never")
        assert r.returncode == 1 and not path.exists()
    assert _count() == before


def test_dry_run_sends_nothing(scene):
    before = _count()
    r = run_pydock("create", "--dry-run", "--label", LABEL, "--name", f"pdtA-dry-{TAG}", "-p", "127.0.0.1:42050:80",
                   TEST_IMAGE, "true")
    assert r.returncode == 0, r
    lines = r.stdout.splitlines()
    assert lines[0] == f"POST /containers/create?name=pdtA-dry-{TAG}"
    body = json.loads(lines[1])
    assert body["HostConfig"]["PortBindings"] == {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "42050"}]}
    assert body["Cmd"] == ["true"] and body["Labels"] == {LABEL.split("=")[0]: LABEL.split("=")[1]}
    assert _count() == before


# -- 2. bad input ------------------------------------------------------------------------------------

BAD = [
    ("-p", "abc"), ("-p", "80:80/xyz"), ("-p", "999999:80"), ("-p", "8080:80-81"), ("-p", "1.2.3.4:"),
    ("-p", "foo:80:80"), ("-p", "[::1:80:80"), ("-p", "80-70"), ("-p", "bad,published=1"), ("-p", ""),
    ("--expose", "80:80"), ("--expose", "90-80"), ("--expose", "abc"),
    ("-v", ":/x"), ("-v", "/tmp::/data"), ("-v", "a:b:c:d"), ("-v", ""), ("-v", "/tmp:/data:bogus"),
    ("-v", "/tmp:relative"), ("-v", "foo/bar:/fb"), ("-v", "~/x:/h"),
    ("--mount", "type=bind,target=/x"), ("--mount", "target=/x,bogus"), ("--mount", "type=bind"),
    ("--mount", "type=bind,dst=/x,foo=bar"), ("--mount", "type=bind,dst=/x,ro=maybe"),
    ("--mount", "type=volume,dst=/x,bind-propagation=shared"), ("--mount", "type=bind,dst=/x,volume-nocopy"),
    ("--mount", "type=bind,dst=/x,tmpfs-size=1m"), ("--mount", "type=tmpfs,dst=/x,tmpfs-size=lots"),
    ("--mount", "type=tmpfs,dst=/x,tmpfs-mode=9"), ("--mount", "type=bind,src=/tmp,dst=/x,bind-recursive=x"),
    ("--mount", "type=bind,src=/tmp,dst=/x,bind-recursive=readonly"),
    ("--mount", "type=bind,src=/tmp,dst=/x,ro,bind-recursive=readonly,bind-propagation=rprivate"),
    ("--mount", "type=bind,src=/pdtA/nonexistent,dst=/x"), ("--mount", ""), ("--mount", 'type=bind,src="/tmp'),
    ("--mount", 'type=bind,"src=/tmp"x,dst=/y'), ("--mount", "type=bogus,dst=/x"),
    ("-e", "=x"), ("--env-file", "/pdtA/no/such/file"), ("--label-file", "/pdtA/no/such/file"),
    ("-l", " =x"), ("-l", "a b=c"),
    ("--restart", "bogus"), ("--restart", ":3"), ("--restart", "on-failure:x"), ("--rm", "--restart", "always"),
    ("-m", "lots"), ("-m", "12q"), ("-m", "4k"), ("--memory-swap", "x"), ("--memory-swappiness", "200"),
    ("--cpus", "abc"), ("--cpus", "0.0000000001"), ("--cpu-shares", "abc"), ("--shm-size", "-1"),
    ("--blkio-weight", "70000"),
    ("-a", "bogus"), ("--attach", "stdin", "--attach", "nope"),
    ("--name", "bad/name"), ("--pull", "sometimes"),
    ("--network-alias", "web"), ("--network", "bridge", "--network-alias", "web"), ("--link", "a:b:c"),
    ("--link", ""), ("--network", "name=n,bogus=1"), ("--network", "alias=x"),
    ("--network", "host", "--network", "pdtA-other"), ("--network", "a", "--network", "a"),
    ("--mac-address", "bad"), ("--mac-address", "02:42:ac:11:00:99"),
    ("--security-opt", "bogus"), ("--security-opt", "seccomp=/pdtA/no/such.json"),
    ("--dns", "bogus"), ("--dns-search", "bad_domain!"), ("--add-host", "bad"), ("--add-host", "h:notip"),
    ("--sysctl", "kernel.bogus=1"), ("--sysctl", "net.x"),
    ("--ulimit", "bogus=1"), ("--ulimit", "nofile=20:10"), ("--ulimit", "nofile=1:2:3"), ("--ulimit", "nofile"),
    ("--ulimit", "nofile=x"), ("--ulimit", "nofile=-1:5"),
    ("--pid", "bogus"), ("--pid", "container:"), ("--uts", "bogus"), ("--userns", "bogus"), ("--cgroupns", "bogus"),
    ("--device", "/dev/null:rel"), ("--device", "/dev/null:/x:bad"), ("--device", ":/x"), ("--device", "a:b:c:d"),
    ("--device-cgroup-rule", "bad"),
    ("--log-driver", "none", "--log-opt", "a=b"), ("--log-driver", "pdtA-no-such-driver"),
    ("--health-interval", "1"), ("--health-interval", "-1s"), ("--health-retries", "-1"),
    ("--health-timeout", "1d"), ("--no-healthcheck", "--health-cmd", "x"),
    ("--stop-timeout", "x"), ("--storage-opt", "bad"), ("--privileged=maybe",),
    ("--platform", "bogus"), ("--platform", "bogus/x/y/z"), ("--platform", "linux/*"),
    ("--annotation", "a=b"), ("--health-start-interval", "1s"), ("--cpu-count", "2"), ("--io-maxiops", "1"),
    ("--cpus", "1", "--cpu-period", "1000"), ("--bogus-flag",), ("-Z",),
    ("--blkio-weight-device", "/dev/sda:5"), ("--device-read-bps", "sda:1"), ("--device-read-iops", "/dev/sda:x"),
    ("--gpus", "count=x"),
]


@pytest.mark.parametrize("args", BAD, ids=[" ".join(a) for a in BAD])
def test_bad_input_matches_docker_and_creates_nothing(args):
    before = _count()
    out = assert_same("create", "--label", LABEL, *args, TEST_IMAGE)
    assert out.returncode != 0
    assert _count() == before


@pytest.mark.parametrize("image", ["UPPER", "pdtA-missing:none",
                                   "pdta-missing:none", "sha256:" + "a" * 64, "a" * 64])
def test_bad_images_match_docker(image):
    before = _count()
    assert_same("create", "--label", LABEL, "--pull", "never", image)
    assert _count() == before


def test_bad_seccomp_profile_matches_docker(tmp_path):
    (tmp_path / "bad.json").write_text('{"defaultAction": "SCMP_ACT_ALLOW",}')
    before = _count()
    assert_same("create", "--label", LABEL, "--security-opt", f"seccomp={tmp_path}/bad.json", TEST_IMAGE)
    assert _count() == before


def test_missing_argument_and_help():
    assert_same("create")
    assert_same("container", "create")
    r = run_pydock("create", "--help")
    assert r.returncode == 0 and "Usage:  pydock create [OPTIONS] IMAGE [COMMAND] [ARG...]" in r.stdout
    assert "-h, --hostname string" in r.stdout and "--net," not in r.stdout and "--cpu-count" not in r.stdout


# -- pulls through the local registry ----------------------------------------------------------------

REGISTRY = "127.0.0.1:5000"


@pytest.fixture
def pushed_image():
    """The test image in the local registry under a fresh tag, absent locally."""
    ref = f"{REGISTRY}/pdta/busybox:{uuid.uuid4().hex[:10]}"
    assert run_docker("tag", TEST_IMAGE, ref).returncode == 0
    r = run_docker("push", "-q", ref)
    if r.returncode != 0:
        run_docker("rmi", ref)
        pytest.skip(f"local registry unavailable: {r.stderr.strip()}")
    assert run_docker("rmi", ref).returncode == 0
    yield ref
    run_docker("rmi", "-f", ref)


def _pull_and_create(prog, ref: str, *args: str):
    r = prog("create", "--label", LABEL, *args, ref)
    if r.returncode == 0:
        run_docker("rm", "-f", r.stdout.strip())
    run_docker("rmi", "-f", ref)
    return r


@pytest.mark.parametrize("args", [(), ("-q",), ("--pull", "always"), ("--pull", "always", "--quiet")])
def test_implicit_pull_matches_docker(pushed_image, args):
    theirs = _pull_and_create(run_docker, pushed_image, *args)
    ours = _pull_and_create(run_pydock, pushed_image, *args)
    assert theirs.returncode == ours.returncode == 0, (theirs, ours)
    assert ours.stderr == theirs.stderr
    if not args:
        assert ours.stderr.startswith(f"Unable to find image '{pushed_image}' locally\n")


def test_pull_failures_match_docker():
    before = _count()
    missing = f"{REGISTRY}/pdta/no-such-image:{TAG}"
    assert_same("create", "--label", LABEL, missing)
    assert_same("create", "--label", LABEL, "--pull", "never", missing)
    assert_same("create", "--label", LABEL, "--pull", "always", missing)
    assert _count() == before


# -- 3. wire differential against a fake engine ------------------------------------------------------

class _FakeEngine(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Answers like Engine 20.10 (API 1.41); records each POST. Images whose name contains
    `missing` are absent until pulled; `failpull` images fail in the pull stream."""

    daemon_threads = True

    def __init__(self, path: str):
        self.requests: list[tuple[str, str, str | None]] = []
        self.pulled: set[str] = set()
        super().__init__(path, _FakeHandler)


class _FakeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _reply(self, code: int, body: bytes = b"", ctype: str = "application/json"):
        self.send_response(code)
        for key, value in (("Api-Version", "1.41"), ("Ostype", "linux"), ("Content-Type", ctype),
                           ("Content-Length", str(len(body)))):
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self._reply(200, b"OK", "text/plain")

    do_GET = do_HEAD

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        server: _FakeEngine = self.server  # type: ignore[assignment]
        server.requests.append((self.path, body, self.headers.get("X-Registry-Auth")))
        if self.path.split("?")[0].endswith("/images/create"):
            self._pull(server)
            return
        request = json.loads(body)
        image = request["Image"]
        if "missing" in image and image not in server.pulled:
            self._reply(404, json.dumps({"message": f"No such image: {image}"}).encode())
            return
        swap = request["HostConfig"]["MemorySwap"] == 1
        warnings = ["Your kernel does not support swap limit capabilities."] if swap else []
        self._reply(201, json.dumps({"Id": "f" * 64, "Warnings": warnings}).encode())

    def _pull(self, server: _FakeEngine):
        from urllib.parse import parse_qs, urlparse

        query = parse_qs(urlparse(self.path).query)
        image = query["fromImage"][0]
        lines = [{"status": f"Pulling from {image.split('/', 1)[1]}", "id": query.get("tag", ["latest"])[0]},
                 {"status": "Pulling fs layer", "progressDetail": {}, "id": "0123456789ab"},
                 {"status": "Downloading", "progressDetail": {"current": 10, "total": 100}, "id": "0123456789ab"},
                 {"status": "Download complete", "progressDetail": {}, "id": "0123456789ab"},
                 {"status": "Digest: sha256:" + "e" * 64}]
        if "failpull" in image:
            lines.append({"errorDetail": {"message": "manifest unknown: manifest unknown"},
                          "error": "manifest unknown: manifest unknown"})
        else:
            lines.append({"status": f"Status: Downloaded newer image for {image}"})
            server.pulled.update({image.removeprefix("docker.io/library/"), image})
        self._reply(200, "".join(json.dumps(x) + "\r\n" for x in lines).encode())

    def log_message(self, *a):
        pass


@pytest.fixture
def fake_engine(tmp_path):
    path = str(tmp_path / "fake.sock")
    server = _FakeEngine(path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, f"unix://{path}"
    server.shutdown()
    server.server_close()


def _wire(server, host: str, prog, args, cwd_env: dict):
    server.requests.clear()
    server.pulled.clear()
    r = prog("-H", host, "create", *args, env=cwd_env)
    requests = []
    for path, body, auth in server.requests:
        parsed = json.loads(body) if body else None
        if parsed and (parsed.get("HostConfig") or {}).get("Binds"):
            parsed["HostConfig"]["Binds"].sort()  # docker: Go map order
        if parsed and parsed.get("Env"):
            parsed["Env"] = sorted(parsed["Env"])  # docker: Go map order for the -e part
        requests.append((path, json.dumps(parsed), auth))
    return r, requests


WIRE = [
    ("busybox",),
    ("-p", "8080:80", "-p", "127.0.0.1:9000-9001:90-91/udp", "-p", "[::1]:5000:5000", "-p", "3000",
     "-p", "7000-7002:7000", "--expose", "6000-6001", "busybox"),
    ("-p", "::1:41500:80", "-p", "81/TCP", "-p", "80/", "-p", "published=8080,target=80",
     "-p", "target=81,protocol=udp,mode=host", "-p", "0.0.0.0::82", "busybox"),
    ("--expose", "80/xyz", "--expose", "81/", "-P", "busybox"),
    ("-v", "myvol:/data", "-v", "/tmp:/data2:ro,shared", "-v", "v2:/d3:nocopy", "-v", "/anon", "-v", "./sub:/s:rw,z",
     "-v", "../up:/u", "-v", ".:/dot", "-v", "~/x:/h", "-v", "foo/bar:/fb", "-v", "a:b", "-v", "ab", "busybox"),
    ("--mount", "type=bind,src=.,dst=/x,ro,bind-propagation=rshared", "--mount",
     "type=volume,source=v1,target=/v,volume-label=a=b,volume-opt=type=nfs,volume-nocopy",
     "--mount", "type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770", "busybox"),
    ("--mount", "type=volume,src=v,dst=/v,volume-driver=local,volume-subpath=sub,volume-nocopy=false",
     "--mount", 'type=bind,src=/tmp,"dst=/a,b"', "--mount", "type=image,src=img,dst=/i,image-subpath=a",
     "--mount", "type=bind,src=/tmp,dst=/w,ro,bind-recursive=writable", "busybox"),
    ("--mount", "type=bind,src=/tmp,dst=/x,bind-nonrecursive", "--mount", "type=bind,target=/nosrc", "busybox"),
    ("--tmpfs", "/run:rw,size=1m", "--tmpfs", "/t", "--volumes-from", "abc:ro", "--volumes-from", "def", "busybox"),
    ("-e", "A=1", "-e", "B", "-e", "C=", "-e", "HOSTVAR", "-e", "UNSET_X", "--env-file", "{envfile}", "busybox"),
    ("-l", "a=b", "-l", "c", "--label-file", "{labelfile}", "--name", "n1", "--rm", "busybox", "echo", "hi"),
    ("-i", "-t", "-a", "stdout", "-a", "STDERR", "--entrypoint", "", "-w", "/w", "-u", "1:2", "-h", "h",
     "--domainname", "d", "busybox"),
    ("--network", "mynet", "--network-alias", "web", "--ip", "172.30.0.5", "--ip6", "2001:db8::5",
     "--link", "other:alias", "--link-local-ip", "169.254.1.1", "busybox"),
    ("--network", "name=mynet,alias=a,ip=1.2.3.4,driver-opt=k=v,gw-priority=5", "busybox"),
    ("--network", "a", "--network", "b", "busybox"),
    ("--network", "host", "--link", "foo:bar", "busybox"),
    ("--network", "container:abc", "busybox"),
    ("--restart", "on-failure:3", "-m", "64m", "--memory-swap", "128m", "--memory-reservation", "32m",
     "--kernel-memory", "10m", "busybox"),
    ("--memory-swap", "1", "busybox"),
    ("--cpus", "3/2", "--cpu-shares", "100", "--cpu-period", "100000", "--cpu-quota", "50000", "--cpuset-cpus", "0-1",
     "--cpuset-mems", "0", "--pids-limit", "10", "--cpu-rt-period", "5", "--cpu-rt-runtime", "6", "busybox"),
    ("--oom-kill-disable", "--privileged", "--read-only", "--cap-add", "net_admin", "--cap-add", "CAP_SYS_TIME",
     "--cap-drop", "all", "--cap-drop", "mknod", "busybox"),
    ("--security-opt", "no-new-privileges", "--security-opt", "apparmor:unconfined",
     "--security-opt", "seccomp={seccomp}", "--security-opt", "systempaths=unconfined", "busybox"),
    ("--security-opt", "systempaths=unconfined", "busybox"),
    ("--dns", "1.1.1.1", "--dns", "::ffff:1.2.3.4", "--dns", "127.0.0.1", "--dns-search", "ex.com",
     "--dns-option", "ndots:2", "--add-host", "h:1.2.3.4", "--add-host", "h2=[::1]", "busybox"),
    ("--init", "--shm-size", "64m", "--stop-signal", "SIGINT", "--stop-timeout", "5",
     "--sysctl", "net.ipv4.ip_forward=1", "--ulimit", "nofile=10:20", "--ulimit", "core=-1", "busybox"),
    ("--pid", "host", "--ipc", "private", "--uts", "host", "--userns", "host", "--cgroupns", "private", "busybox"),
    ("--device", "/dev/null:/dev/n:r", "--device", "/dev/zero", "--device", "/dev/random:rw",
     "--device", "/dev/full:/dev/f/../f2", "--device", "vendor.com/class=name", "--device-cgroup-rule", "c 1:3 rwm",
     "--group-add", "10", "busybox"),
    ("--log-driver", "json-file", "--log-opt", "max-size=1m", "--health-cmd", "true", "--health-interval", "1s",
     "--health-timeout", "2s", "--health-retries", "3", "--health-start-period", "4s", "busybox"),
    ("--no-healthcheck", "--runtime", "runc", "--isolation", "default", "--oom-score-adj", "5",
     "--memory-swappiness", "50", "--blkio-weight", "100", "--storage-opt", "size=1G", "--cgroup-parent", "cg",
     "--volume-driver", "local", "busybox"),
    ("--blkio-weight-device", "/dev/sda:200", "--device-read-bps", "/dev/sda:1mb", "--device-write-bps", "/dev/sda:10",
     "--device-read-iops", "/dev/sda:5", "--device-write-iops", "/dev/sda:6", "busybox"),
    ("--gpus", "all", "--gpus", '"device=0,1",capabilities=compute,"options=a=b,c=d"', "busybox"),
    ("--platform", "linux", "--name", "pdtA-x", "busybox:1.0"),
    ("--platform", "armhf", "busybox"),
    ("localhost:5000/foo/bar@sha256:" + "a" * 64,),
    ("--pull", "always", "busybox"),
    ("--pull", "always", "-q", "localhost:5000/a/b:c"),
    ("missing-image",),
    ("-q", "missing-image:2"),
    ("--pull", "never", "missing-image"),
    ("failpull-missing",),
    ("--mac-address", "02:42:ac:11:00:99", "busybox"),
    ("--health-start-interval", "1s", "busybox"),
    ("--use-api-socket", "busybox"),
    ("--network", "name=n,mac-address=02:42:ac:11:00:99", "busybox"),
]


@pytest.mark.parametrize("args", WIRE, ids=[" ".join(a)[:60] for a in WIRE])
def test_wire_matches_docker(fake_engine, tmp_path, monkeypatch, args):
    server, host = fake_engine
    (tmp_path / "envfile").write_text("E1=x\nHOSTVAR\nA=file\n")
    (tmp_path / "labelfile").write_text("L1=y\nLBARE\n")
    (tmp_path / "seccomp.json").write_text('{ "defaultAction" : "SCMP_ACT_ALLOW",\n "a": [1, 2.50, "x y"] }\n')
    files = {k: str(tmp_path / k) for k in ("envfile", "labelfile")}
    files["seccomp"] = str(tmp_path / "seccomp.json")
    argv = [a.format(**files) for a in args]
    env = {"HOSTVAR": "from-host", "DOCKER_CONFIG": str(tmp_path / "cfg")}
    theirs, wire_d = _wire(server, host, run_docker, argv, env)
    ours, wire_p = _wire(server, host, run_pydock, argv, env)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, as_pydock(theirs.stderr))
    assert wire_p == wire_d
