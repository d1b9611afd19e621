"""`system df` beside docker's: both programs format one frozen GET /system/df answer (tests/fake_engine.py),
taken from the real daemon after this module has made a volume, a container using it and a stopped one, and a
written answer with the edge values (sizes unknown as -1, build cache in use and shared, nothing at all).
Relative times ("10 hours ago") may tick between the two runs: they are compared as a token."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.fake_engine import FakeEngine

pytestmark = pytest.mark.usefixtures("remove_module_containers")

SINCE = re.compile(r"(Less than a second|About a minute|About an hour|\d+ (seconds?|minutes|hours|days|weeks|months|"
                   r"years)) ago|Up [^\n]*?(?=\s{2,}|\n|$)")
FORMATS = [
    (), ("-v",), ("--format", "json"), ("--format", "raw"), ("-v", "--format", "raw"), ("-v", "--format", "json"),
    ("--format", "table {{.Type}}\t{{.Reclaimable}}"), ("--format", "{{.Type}}: {{.Size}} of {{.TotalCount}}"),
    ("-v", "--format", "{{range .Images}}{{.ID}} {{.Repository}}:{{.Tag}} {{.Containers}}\n{{end}}"),
    ("-v", "--format", "table {{range .Volumes}}{{.Name}}\t{{.Links}}\t{{.Size}}\n{{end}}"),
    ("-v", "--format", "{{len .BuildCache}} {{range .BuildCache}}{{.ID}},{{.Parent}},{{.InUse}} {{end}}"),
]


def _normal(text: str) -> str:
    return re.sub(r" {2,}", "  ", SINCE.sub("T", text))


def _compare(host: str, args: tuple) -> None:
    theirs = run_docker("-H", host, "system", "df", *args)
    ours = run_pydock("-H", host, "system", "df", *args)
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr.replace("docker", "pydock")), (ours, theirs)
    assert _normal(ours.stdout) == _normal(theirs.stdout), (args, ours.stdout, theirs.stdout)


@pytest.fixture(scope="module")
def real_answer():
    """The daemon's own answer, with a volume in use, an idle one and a stopped container among the rest."""
    tag = uuid.uuid4().hex[:8]
    used, idle = f"pdt-df-used-{tag}", f"pdt-df-idle-{tag}"
    for v in (used, idle):
        assert run_docker("volume", "create", "--label", LABEL, v).returncode == 0
    run = run_docker("run", "--name", f"pdt-df-{tag}", "--label", LABEL, "-v", f"{used}:/data", TEST_IMAGE, "sh", "-c",
                     "echo hello > /data/f; echo more > /f")
    assert run.returncode == 0, run
    import json
    import subprocess

    raw = subprocess.run(["curl", "-sf", "--unix-socket", "/var/run/docker.sock", "http://localhost/v1.41/system/df"],
                         capture_output=True, text=True, timeout=120)
    assert raw.returncode == 0, raw
    yield json.loads(raw.stdout)
    run_docker("rm", "-f", f"pdt-df-{tag}")
    run_docker("volume", "rm", used, idle)


@pytest.mark.parametrize("args", FORMATS, ids=" ".join)
def test_df_of_the_daemons_answer(real_answer, args):
    names = {v["Name"] for v in real_answer["Volumes"]}
    assert any(n.startswith("pdt-df-used-") for n in names) and any(n.startswith("pdt-df-idle-") for n in names)
    with FakeEngine({("GET", "/system/df"): (200, real_answer)}) as eng:
        _compare(eng.host, args)


EDGES = {
    "LayersSize": 123456789,
    "Images": [
        {"Id": "sha256:" + "a" * 64, "ParentId": "", "RepoTags": ["example.com/team/app:1.0", "app:latest"],
         "RepoDigests": [], "Created": 1700000000, "Size": 5000000, "SharedSize": 1000000, "VirtualSize": 5000000,
         "Labels": None, "Containers": 2},
        {"Id": "sha256:" + "b" * 64, "ParentId": "", "RepoTags": ["<none>:<none>"], "RepoDigests": ["<none>@<none>"],
         "Created": 1600000000, "Size": 70000, "SharedSize": -1, "VirtualSize": 70000, "Labels": {}, "Containers": 0},
        {"Id": "sha256:" + "c" * 64, "ParentId": "", "RepoTags": None,
         "RepoDigests": ["busybox@sha256:" + "d" * 64], "Created": 1500000000, "Size": 900, "SharedSize": 0,
         "VirtualSize": 900, "Labels": {}, "Containers": 0},
    ],
    "Containers": [
        {"Id": "e" * 64, "Names": ["/web"], "Image": "app:latest", "ImageID": "sha256:" + "a" * 64,
         "Command": "sh -c 'a very long command line that docker cuts'", "Created": 1700000100, "Ports": [],
         "SizeRw": 4096, "SizeRootFs": 5004096, "Labels": {"a": "1"}, "State": "running", "Status": "Up 2 hours",
         "HostConfig": {"NetworkMode": "bridge"}, "NetworkSettings": {"Networks": {}},
         "Mounts": [{"Type": "volume", "Name": "data", "Source": "", "Destination": "/data", "Driver": "local",
                     "Mode": "z", "RW": True, "Propagation": ""}]},
        {"Id": "f" * 64, "Names": ["/old"], "Image": "sha256:" + "a" * 64, "ImageID": "sha256:" + "a" * 64,
         "Command": "true", "Created": 1700000000, "Ports": [], "SizeRw": 12000, "SizeRootFs": 0, "Labels": {},
         "State": "exited", "Status": "Exited (0) 3 days ago", "HostConfig": {"NetworkMode": "none"},
         "NetworkSettings": {"Networks": {}}, "Mounts": []},
        {"Id": "9" * 64, "Names": ["/paused"], "Image": "app:latest", "ImageID": "sha256:" + "a" * 64,
         "Command": "sleep 1d", "Created": 1700000200, "Ports": [], "SizeRw": 0, "SizeRootFs": 0, "Labels": {},
         "State": "paused", "Status": "Up 1 hour (Paused)", "HostConfig": {"NetworkMode": "bridge"},
         "NetworkSettings": {"Networks": {}}, "Mounts": []},
    ],
    "Volumes": [
        {"Name": "data", "Driver": "local", "Mountpoint": "/var/lib/docker/volumes/data/_data", "Labels": None,
         "Scope": "local", "Options": None, "CreatedAt": "2023-11-14T22:13:20Z",
         "UsageData": {"Size": 2048, "RefCount": 1}},
        {"Name": "cache", "Driver": "local", "Mountpoint": "/var/lib/docker/volumes/cache/_data", "Labels": {"x": "y"},
         "Scope": "local", "Options": None, "CreatedAt": "2023-11-14T22:13:20Z",
         "UsageData": {"Size": 300000, "RefCount": 0}},
        {"Name": "remote", "Driver": "nfs", "Mountpoint": "", "Labels": None, "Scope": "global", "Options": None,
         "CreatedAt": "2023-11-14T22:13:20Z", "UsageData": {"Size": -1, "RefCount": -1}},
    ],
    "BuildCache": [
        {"ID": "q31slram24prxxxxxxxxxxxxx", "Parent": "", "Parents": ["jlu736vqcr7nyyyyyyyy"], "Type": "regular",
         "Description": "mount / from exec /bin/sh -c make", "InUse": True, "Shared": False, "Size": 40000,
         "CreatedAt": "2023-11-14T22:13:20.123456789Z", "LastUsedAt": "2023-11-15T22:13:20Z", "UsageCount": 3},
        {"ID": "jlu736vqcr7nyyyyyyyy", "Parent": "", "Type": "source.local", "Description": "local source for context",
         "InUse": False, "Shared": True, "Size": 500, "CreatedAt": "2023-11-14T22:13:20Z", "LastUsedAt": None,
         "UsageCount": 1},
        {"ID": "aaaaaaaaaaaaaaaaaaaa", "Parent": "", "Type": "regular", "Description": "pulled from busybox",
         "InUse": False, "Shared": False, "Size": 700, "CreatedAt": "2023-11-14T22:13:20Z",
         "LastUsedAt": "2023-11-15T22:13:20Z", "UsageCount": 1},
    ],
}
NOTHING = {"LayersSize": 0, "Images": [], "Containers": [], "Volumes": [], "BuildCache": None}


@pytest.mark.parametrize("answer", [EDGES, NOTHING], ids=["edges", "nothing"])
@pytest.mark.parametrize("args", FORMATS + [("-v", "--format", "{{range .Containers}}{{.Size}} {{.LocalVolumes}}\n{{end}}")],
                         ids=" ".join)
def test_df_of_written_answers(answer, args):
    with FakeEngine({("GET", "/system/df"): (200, answer)}) as eng:
        _compare(eng.host, args)


def test_df_errors_as_docker():
    for args in (("extra",), ("--format", "{{.Nope}}"), ("-v", "--format", "{{.Nope}}"), ("--format", "{{"),
                 ("-v", "--format", "{{")):
        with FakeEngine({("GET", "/system/df"): (200, EDGES)}) as eng:
            _compare(eng.host, args)
