"""`pydock inspect` against `docker inspect`: the daemon's JSON, re-indented, byte for byte."""

from __future__ import annotations

import pytest

from tests.engine.differential import assert_same


@pytest.fixture(scope="module")
def things():
    from tests.engine.conftest import Objects

    o = Objects()
    suffix = o.label[-6:]
    return {
        "container": o.container("--name", f"pdt-insp-{suffix}", "-e", "A=<b>&c", "-p", "127.0.0.1:41555:80"),
        "volume": o.volume(f"pdt-insp-vol-{suffix}"),
        "network": o.network(f"pdt-insp-net-{suffix}"),
        "image": "pydock-test/busybox:latest",
    }


@pytest.mark.parametrize("kind", ["container", "volume", "network", "image"])
def test_inspect_each_kind(things, kind):
    assert_same("inspect", things[kind])
    assert_same("inspect", "--type", kind, things[kind])


def test_inspect_several_and_json_format(things):
    names = [things[k] for k in ("volume", "container", "network")]
    assert_same("inspect", *names)
    assert_same("inspect", "--format", "json", *names)


def test_container_and_image_subcommands(things):
    assert_same("container", "inspect", things["container"])
    assert_same("container", "inspect", "-s", "--format", "{{.SizeRw}} {{.SizeRootFs}}", things["container"])
    assert_same("image", "inspect", things["image"])


@pytest.mark.parametrize("fmt", [
    "{{.Name}}", "{{.Config.Env}}", "{{json .Config.Env}}", "{{.Config.Labels}}", "{{json .NetworkSettings.Ports}}",
    "{{range $p, $b := .HostConfig.PortBindings}}{{$p}} -> {{(index $b 0).HostPort}}{{end}}",
    "{{.HostConfig.Memory}} {{.State.Running}} {{.RestartCount}}", "{{index .Config.Labels \"pydock.test\"}}",
    "{{.Foo}}", "{{.Config.Nope.Deeper}}", "{{.Id",
])
def test_container_templates(things, fmt):
    assert_same("inspect", "-f", fmt, things["container"])


def test_missing_objects(things):
    assert_same("inspect", "pdt-no-such-thing")
    assert_same("inspect", things["volume"], "pdt-no-such-thing", things["network"])
    assert_same("inspect", "-f", "{{.Name}}", "pdt-no-such-thing")
    for kind in ("container", "image", "volume", "network"):
        assert_same("inspect", "--type", kind, "pdt-no-such-thing")
    assert_same("container", "inspect", "pdt-no-such-thing")
    assert_same("image", "inspect", "pdt-no-such-thing")


def test_bad_type_and_no_arguments():
    assert_same("inspect", "--type", "bogus", "x")
    assert_same("inspect")
    assert_same("container", "inspect")
