"""`pydock ps` against `docker ps`, same engine state, compared byte for byte."""

from __future__ import annotations

import json

import pytest

from tests.engine.conftest import RUN_ID, free_ports
from tests.engine.differential import assert_same

SCENE = f"pydock.test.ps={RUN_ID}"


@pytest.fixture(scope="module")
def scene():
    """Containers in several states, all labelled so that filters isolate them from anything else."""
    from tests.engine.conftest import Objects

    o = Objects()
    o.container = _scene_container(o.container)
    p = free_ports(6)  # web: 80-82 -> p..p+2, 9000/udp -> p+3; same: p+4, p+5 (host port = container port)
    ids = {
        "web": o.container("--name", f"pdt-web-{o.label[-6:]}", "--label", "pydock.role=web",
                           "-p", f"127.0.0.1:{p}-{p + 2}:80-82", "-p", f"127.0.0.1:{p + 3}:9000/udp",
                           "--expose", "5000-5002", run=True),
        "same": o.container("-p", f"127.0.0.1:{p + 4}:{p + 4}", "-p", f"127.0.0.1:{p + 5}:{p + 5}", run=True),
        "exited": o.container("--label", "pydock.role=batch", run=True, cmd=("sh", "-c", "exit 3")),
        "created": o.container("--label", "pydock.role=idle", cmd=("echo", "a long command line that is cut")),
        "vol": o.container("-v", o.volume(f"pdt-vol-{o.label[-6:]}") + ":/data", run=True),
    }
    from tests.conftest import run_docker

    assert run_docker("wait", ids["exited"]).stdout.strip() == "3"
    return {**ids, "port": p}


def _scene_container(create):
    """Tag this module's containers with SCENE too: other modules' containers share the session label,
    and their states change while these comparisons run."""
    return lambda *args, **kw: create("--label", SCENE, *args, **kw)


def flt(label):
    return ("--filter", f"label={SCENE}")


def test_default_table(scene, label):
    out = assert_same("ps", *flt(label))
    assert out.stdout.startswith("CONTAINER ID   IMAGE")
    assert f"127.0.0.1:{scene['port']}->80/tcp" in out.stdout


@pytest.mark.parametrize("flags", [
    ("-a",), ("-a", "-q"), ("-a", "--no-trunc"), ("-a", "-s"), ("-n", "2"), ("-l",), ("-a", "-n", "1", "-q"),
    ("-aq", "--no-trunc"),
])
def test_flags(scene, label, flags):
    assert_same("ps", *flags, *flt(label))


@pytest.mark.parametrize("fmt", [
    "{{.Names}}\t{{.Status}}",
    "table {{.ID}}\t{{.Labels}}\t{{.State}}",
    "table {{upper .Names}}\t{{.Label \"pydock.role\"}}\t{{.Mounts}}\t{{.LocalVolumes}}",
    "json",
    "{{json .Ports}} {{json .Command}}",
    "{{.ID}}: {{.Command}} {{.Networks}}",
    "table",
    "table {{.Size}}",
    "{{.CreatedAt}} | {{.RunningFor}}",
    "{{range $k, $v := split .Labels \",\"}}[{{$v}}]{{end}}",
    "{{if eq .State \"running\"}}up{{else}}down{{end}} {{len .Names}}",
    "{{pad .Names 2 1}}|{{truncate .ID 5}}|{{title .State}}|{{lower \"ABC\"}}",
    "{{printf \"%-12s|\" .State}}{{println .ID}}",
])
def test_formats(scene, label, fmt):
    assert_same("ps", "-a", "--format", fmt, *flt(label))


def test_format_json_is_one_object_per_line(scene, label):
    out = assert_same("ps", "-a", "--format", "json", *flt(label))
    lines = out.stdout.splitlines()
    assert len(lines) >= len(scene) - 1  # every container of the scene (less its "port" entry)
    assert all(json.loads(line)["ID"] for line in lines)


@pytest.mark.parametrize("expr", [
    "status=exited", "exited=3", "status=created", "status=running", "publish=80", "expose=5001", "health=none",
    "network=bridge", "pydock.role=web", "isolation=default", "is-task=false",
])
def test_filters(scene, label, expr):
    if expr.startswith("pydock.role"):
        expr = "label=" + expr
    assert_same("ps", "-a", "--filter", expr, *flt(label))


def test_filters_by_reference_to_other_containers(scene, label):
    for key in ("before", "since"):
        assert_same("ps", "-a", "--filter", f"{key}={scene['exited']}", *flt(label))
    assert_same("ps", "-a", "--filter", f"id={scene['web'][:10]}", *flt(label))
    assert_same("ps", "-a", "--filter", "ancestor=pydock-test/busybox", *flt(label))
    assert_same("ps", "-a", "--filter", f"volume=pdt-vol-{label[-6:]}", *flt(label))


def test_ps_format_from_config_json(scene, label, tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"psFormat": "table {{.Names}}\t{{.State}}"}))
    assert_same("ps", "-a", *flt(label), env={"DOCKER_CONFIG": str(tmp_path)})


@pytest.mark.parametrize("args", [
    ("--filter", "bogus=1"), ("--filter", "noequals"), ("--format", "{{.Foo}}"), ("--format", "{{.ID"),
    ("--format", "{{nosuchfunc .ID}}"), ("--bogus",), ("-n",), ("-n", "abc"), ("extra",), ("-x",),
    ("--filter", "status=bogus"),
])
def test_bad_input_matches_docker(args):
    out = assert_same("ps", *args)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr


def test_quiet_with_format_warns(scene, label):
    assert_same("ps", "-q", "--format", "{{.Names}}", *flt(label))
