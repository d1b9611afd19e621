"""`pydock network ...` and `pydock volume ...` against docker's, same engine, compared byte for byte.

Read-only commands run through `assert_same`. Commands that change the engine run as twins: docker on
one set of objects, pydock on an identical set, and the outputs are compared with the names mapped.
Every object carries the session label (and is removed at the end); list output is isolated with it.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.differential import as_pydock, assert_same


def unique(prefix: str) -> str:
    return f"pdtD-{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def scene():
    """Two networks and two volumes, one of each with an extra label."""
    from tests.engine.conftest import LABEL

    names = {"net": unique("net"), "net2": unique("net"), "vol": unique("vol"), "vol2": unique("vol")}
    for kind, key, extra in (("network", "net", ()), ("network", "net2", ("--label", "pydock.role=b", "--internal")),
                             ("volume", "vol", ()), ("volume", "vol2", ("--label", "pydock.role=b"))):
        r = run_docker(kind, "create", "--label", LABEL, *extra, names[key])
        assert r.returncode == 0, r
    yield names
    run_docker("network", "rm", names["net"], names["net2"])
    run_docker("volume", "rm", names["vol"], names["vol2"])


def flt(label):
    return ("--filter", f"label={label}")


def assert_twins(docker_args, pydock_args, mapping: dict[str, str], input: str | None = None):
    """Run docker on its objects and pydock on its own twins; outputs must match once names are mapped."""
    theirs = run_docker(*docker_args, input=input)
    ours = run_pydock(*pydock_args, input=input)

    def mapped(text: str) -> str:
        for a, b in mapping.items():
            text = text.replace(a, b)
        return text

    assert ours.returncode == theirs.returncode, (ours, theirs)
    assert ours.stdout == mapped(theirs.stdout), (ours, theirs)
    assert ours.stderr == as_pydock(mapped(theirs.stderr)), (ours, theirs)
    return ours


def create(kind: str, label: str, *extra: str) -> str:
    name = unique(kind[:3])
    r = run_docker(kind, "create", "--label", label, *extra, name)
    assert r.returncode == 0, r
    return name


# -- network ls ------------------------------------------------------------------------------------

@pytest.mark.parametrize("flags", [
    (), ("-q",), ("--no-trunc",), ("-q", "--no-trunc"), ("--format", "json"), ("--format", "raw"), ("-q", "--format", "raw"),
    ("--format", "table"), ("--format", "{{.Name}}\t{{.Driver}}"), ("-q", "--format", "{{.Name}}"),
    ("--format", "table {{.Name}}\t{{.Internal}}\t{{.IPv4}}\t{{.IPv6}}\t{{.Labels}}"),
    ("--format", "{{.Name}} {{.Label \"pydock.role\"}} {{json .Scope}} {{.CreatedAt}}"),
    ("--format", "{{upper .Driver}} {{len .ID}} {{if eq .Internal \"true\"}}internal{{end}}"),
    ("--filter", "label=pydock.role=b"), ("--filter", "driver=bridge"), ("--filter", "type=custom"),
    ("--filter", "scope=local"), ("--filter", "name=pdtD-net"), ("--filter", "driver=null"),
])
def test_network_ls(scene, label, flags):
    assert_same("network", "ls", *flags, *flt(label))


def test_network_ls_by_id_and_alias(scene, label):
    nid = run_docker("network", "inspect", "-f", "{{.Id}}", scene["net"]).stdout.strip()
    assert_same("network", "ls", "--filter", f"id={nid[:10]}", "--format", "{{.Name}}")
    assert_same("network", "list", *flt(label))


def test_network_ls_json_keys(scene, label):
    out = assert_same("network", "ls", "--format", "json", *flt(label))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) >= 2
    assert list(rows[0]) == ["CreatedAt", "Driver", "ID", "IPv4", "IPv6", "Internal", "Labels", "Name", "Scope"]


def test_network_ls_config_format(scene, label, tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"networksFormat": "{{.Name}}|{{.Driver}}"}))
    env = {"DOCKER_CONFIG": str(tmp_path)}
    assert_same("network", "ls", *flt(label), env=env)
    assert_same("network", "ls", "-q", *flt(label), env=env)


@pytest.mark.parametrize("args", [
    ("--filter", "bogus=1"), ("--filter", "type=bogus"), ("--filter", "nofmt"), ("--format", "{{.Nope}}"),
    ("--format", "{{.ID"), ("-f",), ("extra",), ("--bogus",),
])
def test_network_ls_errors(scene, label, args):
    out = assert_same("network", "ls", *args, *flt(label))
    assert out.returncode != 0 and "Traceback" not in out.stderr


def test_network_ls_bad_field_without_rows_is_fine(label):
    assert_same("network", "ls", "--format", "{{.Nope}}", "--filter", "label=pydock.none=1")


# -- network inspect -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", [None, "json", "{{.Name}} {{.Driver}} {{.Internal}}", "{{json .Labels}}",
                                 "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "{{.Nope}}", "{{.Name"])
def test_network_inspect(scene, fmt):
    args = ("-f", fmt) if fmt is not None else ()
    assert_same("network", "inspect", *args, scene["net"], scene["net2"])


def test_network_inspect_missing(scene):
    assert_same("network", "inspect", scene["net"], "pdtD-no-such-net")
    assert_same("network", "inspect", "pdtD-no-such-net")
    assert_same("network", "inspect")
    assert_same("network", "inspect", "")
    assert_same("inspect", "--type", "network", " ")


# -- network create / rm -----------------------------------------------------------------------------

CREATE_FLAGS = ("--subnet", "10.231.0.0/16", "--gateway", "10.231.0.1", "--ip-range", "10.231.1.0/24",
                "--aux-address", "host1=10.231.0.5", "-o", "com.docker.network.driver.mtu=1400", "--internal",
                "--attachable", "--label", "pydock.role=made", "--ipam-opt", "foo=bar")
SAME_FIELDS = "{{json .IPAM}} {{.Internal}} {{.Attachable}} {{json .Options}} {{json .Labels}} {{.Driver}} {{.EnableIPv6}}"


def test_network_create_with_options(label):
    theirs, ours = unique("mk"), unique("mk")
    d = run_docker("network", "create", "--label", label, *CREATE_FLAGS, theirs)
    assert d.returncode == 0, d
    run_docker("network", "rm", theirs)  # the subnet can only be in one network at a time
    p = run_pydock("network", "create", "--label", label, *CREATE_FLAGS, ours)
    try:
        assert p.returncode == 0 and p.stderr == "", p
        got = json.loads(run_docker("network", "inspect", ours).stdout)[0]
        assert got["Id"] == p.stdout.strip()
        assert got["IPAM"]["Config"] == [{"Subnet": "10.231.0.0/16", "IPRange": "10.231.1.0/24",
                                          "Gateway": "10.231.0.1", "AuxiliaryAddresses": {"host1": "10.231.0.5"}}]
        assert got["IPAM"]["Options"] == {"foo": "bar"}
        assert got["Internal"] and got["Attachable"]
        assert got["Options"] == {"com.docker.network.driver.mtu": "1400"}
        assert got["Labels"] == {"pydock.test": label.split("=", 1)[1], "pydock.role": "made"}
    finally:
        run_docker("network", "rm", ours)


def test_network_create_defaults_match_docker(label):
    theirs, ours = unique("mk"), unique("mk")
    assert run_docker("network", "create", "--label", label, "-o", "bare", theirs).returncode == 0
    p = run_pydock("network", "create", "--label", label, "-o", "bare", ours)
    try:
        assert p.returncode == 0 and len(p.stdout.strip()) == 64, p
        fields = "{{.Driver}} {{.Scope}} {{.Internal}} {{json .Options}} {{json .Labels}} {{.IPAM.Driver}}"
        assert (run_docker("network", "inspect", "-f", fields, ours).stdout
                == run_docker("network", "inspect", "-f", fields, theirs).stdout)
    finally:
        run_docker("network", "rm", ours, theirs)


@pytest.mark.parametrize("flags", [
    ("--gateway", "10.98.0.1"), ("--subnet", "10.99.0.0/16", "--gateway", "10.98.0.1"), ("--subnet", "bogus"),
    ("--subnet", "10.1.0.0/16,10.1.2.0/24"), ("--subnet", "10.1.0.0/16", "--subnet", "bogus"),
    ("--subnet", "10.1.0.0/16", "--ip-range", "bogus"), ("--subnet", "10.1.0.0/16", "--ip-range", "10.2.0.0/24"),
    ("--subnet", "10.1.0.0/16", "--gateway", "10.1.0.1,10.1.0.2"),
    ("--subnet", "10.1.0.0/16", "--aux-address", "x=10.5.0.1"),
    ("--subnet", "10.1.0.0/16", "--ip-range", "10.1.0.0/24,10.1.1.0/24"), ("-d", "bogus"),
    ("--label", "=x"), ("--label", "a b=c"), ("--label", '=x"'), ("--ipv4=maybe",), ("--bogus",),
    ("--subnet", '"10.1.0.0/16'), ("--subnet", '"10.1.0.0/16"x'), ("--gateway", 'a"b', "--subnet", "10.1.0.0/16"),
])
def test_network_create_errors(label, flags):
    out = assert_same("network", "create", "--label", label, *flags, unique("bad"))
    assert out.returncode != 0 and "Traceback" not in out.stderr


def test_network_create_arg_count_and_duplicate(scene, label):
    assert_same("network", "create")
    assert_same("network", "create", "a", "b")
    out = assert_same("network", "create", "--label", label, scene["net"])
    assert out.returncode == 1 and "already exists" in out.stderr


def test_network_rm_reports_each(label):
    d1, d2, p1, p2 = (create("network", label) for _ in range(4))
    out = assert_twins(("network", "rm", d1, "pdtD-no-such-net", d2), ("network", "rm", p1, "pdtD-no-such-net", p2),
                       {d1: p1, d2: p2})
    assert out.returncode == 1 and out.stdout == f"{p1}\n{p2}\n"
    assert out.stderr.endswith("exit status 1\n")
    d3, p3 = create("network", label), create("network", label)
    assert_twins(("network", "remove", "-f", "pdtD-no-such-net", d3), ("network", "remove", "-f", "pdtD-no-such-net", p3),
                 {d3: p3})
    assert_same("network", "rm")
    assert_same("network", "rm", "")


# -- network connect / disconnect --------------------------------------------------------------------

def test_network_connect_and_disconnect(objects, label):
    net = create("network", label, "--subnet", "10.232.0.0/16")
    cid = objects.container("--name", unique("ctr"))
    try:
        r = run_pydock("network", "connect", "--alias", "a1,a2", "--alias", "a3", "--ip", "10.232.0.9", net, cid)
        assert r.returncode == 0 and r.stdout == "" and r.stderr == "", r
        ep = objects.inspect(cid)["NetworkSettings"]["Networks"][net]
        assert ep["IPAMConfig"] == {"IPv4Address": "10.232.0.9"}
        assert ep["Aliases"][:3] == ["a1", "a2", "a3"]
        r = run_pydock("network", "disconnect", net, cid)
        assert r.returncode == 0 and r.stdout == "" and r.stderr == "", r
        assert net not in objects.inspect(cid)["NetworkSettings"]["Networks"]
        out = assert_same("network", "disconnect", net, cid)
        assert out.returncode == 1 and "is not connected" in out.stderr
        assert_same("network", "disconnect", "-f", net, cid)
    finally:
        run_docker("rm", "-f", cid)
        run_docker("network", "rm", net)


@pytest.mark.parametrize("args", [
    ("pdtD-no-such-net", "pdtD-no-such-ctr"), ("{net}", "pdtD-no-such-ctr"), ("{net}",), ("a", "b", "c"),
    ("--driver-opt", "x", "{net}", "pdtD-no-such-ctr"), ("--link", "a:b:c", "{net}", "x"), ("--gw-priority", "x", "n", "c"),
    ("", ""), ("{net}", " "), ("--alias", 'a"b', "{net}", "x"),
])
def test_network_connect_errors(scene, args):
    args = tuple(a.format(net=scene["net"]) for a in args)
    assert_same("network", "connect", *args)
    if not any(a.startswith("--") for a in args):
        assert_same("network", "disconnect", *args)


# -- network prune -------------------------------------------------------------------------------------

def marked_twins(kind: str, label: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two objects, each with its own prune mark: ((docker's name, mark), (pydock's name, mark))."""
    out = []
    for _ in range(2):
        mark = f"pydock.prune={uuid.uuid4().hex[:8]}"
        out.append((create(kind, label, "--label", mark), mark))
    return out[0], out[1]


def test_network_prune(label):
    (d, dmark), (p, pmark) = marked_twins("network", label)
    assert_same("network", "prune", "--filter", f"label={dmark}", input="n\n")  # declined: nothing removed, exit 0
    assert_same("network", "prune", "--filter", f"label={dmark}", input="")
    assert run_docker("network", "inspect", d).returncode == 0
    out = assert_twins(("network", "prune", "--filter", f"label={dmark}"), ("network", "prune", "--filter", f"label={pmark}"),
                       {d: p}, input="y\n")
    assert out.stdout.endswith(f"Deleted Networks:\n{p}\n\n")
    assert run_docker("network", "inspect", p).returncode == 1


@pytest.mark.parametrize("args", [("-f", "--filter", "bogus=1"), ("--filter", "nofmt"), ("x",), ("-f", "--filter", "label=pydock.none=1")])
def test_network_prune_errors_and_nothing_to_do(args):
    assert_same("network", "prune", *args)


# -- volume ls / inspect ---------------------------------------------------------------------------------

@pytest.mark.parametrize("flags", [
    (), ("-q",), ("--format", "json"), ("--format", "raw"), ("-q", "--format", "raw"), ("--format", "table"),
    ("--format", "table {{.Name}}\t{{.Mountpoint}}\t{{.Links}}\t{{.Size}}\t{{.Scope}}\t{{.Labels}}"),
    ("--format", "{{.Name}} {{.Group}} {{.Status}} {{.Availability}} {{.Label \"pydock.role\"}}"),
    ("--filter", "label=pydock.role=b"), ("--filter", "dangling=true"), ("--filter", "driver=local"),
    ("--filter", "name=pdtD-vol"), ("-q", "--format", "{{.Driver}}"),
])
def test_volume_ls(scene, label, flags):
    assert_same("volume", "ls", *flags, *flt(label))


def test_volume_ls_json_keys_and_alias(scene, label):
    out = assert_same("volume", "ls", "--format", "json", *flt(label))
    assert list(json.loads(out.stdout.splitlines()[0])) == ["Availability", "Driver", "Group", "Labels", "Links",
                                                            "Mountpoint", "Name", "Scope", "Size", "Status"]
    assert_same("volume", "list", "-q", *flt(label))


def test_volume_ls_config_format(scene, label, tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"volumesFormat": "table {{.Name}}\t{{.Scope}}"}))
    assert_same("volume", "ls", *flt(label), env={"DOCKER_CONFIG": str(tmp_path)})


@pytest.mark.parametrize("args", [
    ("--filter", "bogus=1"), ("--filter", "dangling=maybe"), ("--filter", "nofmt"), ("--format", "{{.Nope}}"),
    ("--format", "{{.Name"), ("extra",),
])
def test_volume_ls_errors(scene, label, args):
    out = assert_same("volume", "ls", *args, *flt(label))
    assert out.returncode != 0 and "Traceback" not in out.stderr


@pytest.mark.parametrize("fmt", [None, "json", "{{.Name}} {{.Driver}} {{.Mountpoint}}", "{{json .Labels}}",
                                 "{{.Nope}}", "{{.Name"])
def test_volume_inspect(scene, fmt):
    args = ("-f", fmt) if fmt is not None else ()
    assert_same("volume", "inspect", *args, scene["vol"], scene["vol2"])


def test_volume_inspect_missing(scene):
    assert_same("volume", "inspect", scene["vol"], "pdtD-no-such-vol")
    assert_same("volume", "inspect", "pdtD-no-such-vol")
    assert_same("volume", "inspect")
    assert_same("volume", "inspect", "")


# -- volume create / rm / prune ------------------------------------------------------------------------------

def test_volume_create(label):
    name = unique("vol")
    r = run_pydock("volume", "create", "--label", label, "--label", "pydock.role=made", "-o", "type=tmpfs",
                   "-o", "device=tmpfs", "-d", "local", name)
    try:
        assert r.returncode == 0 and r.stdout == f"{name}\n" and r.stderr == "", r
        got = json.loads(run_docker("volume", "inspect", name).stdout)[0]
        assert got["Labels"] == {"pydock.test": label.split("=", 1)[1], "pydock.role": "made"}
        assert got["Options"] == {"type": "tmpfs", "device": "tmpfs"} and got["Driver"] == "local"
        assert_same("volume", "create", "--label", label, name)  # the same name again: docker returns it
        assert_same("volume", "create", "-d", "bogus", name)
    finally:
        run_docker("volume", "rm", name)


def test_volume_create_anonymous(label):
    r = run_pydock("volume", "create", "--label", label)
    name = r.stdout.strip()
    try:
        assert r.returncode == 0 and len(name) == 64, r
    finally:
        run_docker("volume", "rm", name)


@pytest.mark.parametrize("args", [("--label", "=x", "v"), ("--name", "x", "y"), ("--bogus",), ("-d",),
                                  ("-d", "bogus", "pdtD-x")])
def test_volume_create_errors(args):
    assert_same("volume", "create", *args)


def test_volume_create_too_many_args():
    # docker 28 prints "SRun" in this one message (a typo in its format string); we print "Run".
    out = run_pydock("volume", "create", "a", "b")
    assert out.returncode == 1
    assert out.stderr == ("pydock: 'pydock volume create' requires at most 1 argument\n\nUsage:  pydock volume create "
                          "[OPTIONS] [VOLUME]\n\nRun 'pydock volume create --help' for more information\n")


def test_volume_rm(label, objects):
    d1, d2, p1, p2 = (create("volume", label) for _ in range(4))
    out = assert_twins(("volume", "rm", d1, "pdtD-no-such-vol", d2), ("volume", "rm", p1, "pdtD-no-such-vol", p2),
                       {d1: p1, d2: p2})
    assert out.returncode == 1 and out.stdout == f"{p1}\n{p2}\n"
    assert_same("volume", "rm", "-f", "pdtD-no-such-vol")
    used = create("volume", label)
    cid = objects.container("-v", f"{used}:/data")
    try:
        out = assert_same("volume", "rm", used)
        assert out.returncode == 1 and "in use" in out.stderr
    finally:
        run_docker("rm", "-f", cid)
        run_docker("volume", "rm", used)
    assert_same("volume", "rm")


def test_volume_prune(label):
    (d, dmark), (p, pmark) = marked_twins("volume", label)
    assert_same("volume", "prune", "--filter", f"label={dmark}", input="n\n")
    assert run_docker("volume", "inspect", d).returncode == 0
    out = assert_twins(("volume", "prune", "--filter", f"label={dmark}"), ("volume", "prune", "--filter", f"label={pmark}"),
                       {d: p}, input="y\n")
    assert f"Deleted Volumes:\n{p}\n\nTotal reclaimed space: " in out.stdout
    assert run_docker("volume", "inspect", p).returncode == 1


@pytest.mark.parametrize("args", [("-f", "--filter", "bogus=1"), ("--filter", "nofmt"), ("x",),
                                  ("-a", "-f", "--filter", "label=pydock.none=1"), ("-f", "--filter", "label=pydock.none=1")])
def test_volume_prune_errors_and_nothing_to_do(args):
    assert_same("volume", "prune", *args)


@pytest.mark.parametrize("kind", ["volume", "network"])
@pytest.mark.parametrize("config", [["label=pydock.none=1", "bogus"], ["label!=pydock.none=1"]])
def test_prune_filters_from_config(label, tmp_path, kind, config):
    """config.json `pruneFilters` join --filter as docker merges them (a configured `label` only when
    --filter has `label!` values: docker's ExactMatch quirk), so both prune the marked object alike."""
    (tmp_path / "config.json").write_text(json.dumps({"pruneFilters": config}))
    env = {"DOCKER_CONFIG": str(tmp_path)}
    (d, dmark), (p, pmark) = marked_twins(kind, label)
    theirs = run_docker(kind, "prune", "-f", "--filter", f"label={dmark}", env=env)
    ours = run_pydock(kind, "prune", "-f", "--filter", f"label={pmark}", env=env)
    assert (ours.returncode, ours.stdout.replace(p, d), ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
    assert run_docker(kind, "inspect", p).returncode == run_docker(kind, "inspect", d).returncode == 1


def test_prune_filters_from_config_reach_the_daemon(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"pruneFilters": ["bogus=1"]}))
    for kind in ("volume", "network"):
        out = assert_same(kind, "prune", "-f", "--filter", "label=pydock.none=1", env={"DOCKER_CONFIG": str(tmp_path)})
        assert "Invalid filter 'bogus'" in out.stderr
