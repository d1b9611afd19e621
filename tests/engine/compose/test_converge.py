"""Differential: what `up` does to an existing project (docker compose v2.40.3 as the oracle):
exactly the diverged services are recreated (container ids compared before/after), unchanged running
containers are left alone (`Running`), scale up/down keeps the lowest numbers, orphans are reported or
removed, and the recreate flags behave as v2's."""

from __future__ import annotations

from tests.conftest import run_docker
from tests.engine.compose.test_up_down import (FIXTURES, assert_same_progress, ids, inspect, lines, ours,
                                               theirs_name, unify, up_both, v2)

SCALE = FIXTURES / "up-scale"


def _short(project: str, found: dict[str, str]) -> dict[str, str]:
    return {name[len(project) + 1:]: cid for name, cid in found.items()}


def test_second_up_changes_nothing_then_only_the_changed_service_is_recreated(compose_project):
    p = compose_project
    up_both(p)
    before_ours, before_theirs = ids(p), ids(theirs_name(p))
    t, o = up_both(p)
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert f" Container {p}-web-1  Running" in lines(o.stderr)
    assert ids(p) == before_ours
    assert ids(theirs_name(p)) == before_theirs
    # one service changed in the file
    before = ids(p)
    anon_before = [m["Name"] for m in inspect(f"{p}-web-1")[0]["Mounts"] if m["Destination"] == "/anon"]
    t = v2(p, "-f", "compose.yaml", "-f", "changed.yaml", "up", "-d")
    o = ours(p, "-f", "compose.yaml", "-f", "changed.yaml", "up", "-d")
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, p)
    after = ids(p)
    assert after[f"{p}-init-1"] == before[f"{p}-init-1"]
    assert after[f"{p}-client-1"] == before[f"{p}-client-1"]
    assert after[f"{p}-web-1"] != before[f"{p}-web-1"]
    web = inspect(f"{p}-web-1")[0]
    assert web["Config"]["Labels"]["com.docker.compose.replace"] == "web-1"
    assert web["Config"]["Labels"]["com.docker.compose.container-number"] == "1"
    anon_after = [m["Name"] for m in web["Mounts"] if m["Destination"] == "/anon"]
    assert anon_after == anon_before  # the anonymous volume is inherited
    # and v2 agrees that nothing else has to change
    t = run_compose_v2_on_ours(p, "-f", "compose.yaml", "-f", "changed.yaml", "up", "-d")
    assert t.returncode == 0
    assert not [line for line in lines(t.stderr) if "Recreate" in line or "Creat" in line], t.stderr
    assert ids(p) == after


def run_compose_v2_on_ours(project: str, *args, cwd=FIXTURES / "up-web"):
    from tests.compose_oracle import run_compose

    return run_compose("-p", project, *args, cwd=cwd)


def test_renew_anon_volumes_and_force_recreate(compose_project):
    p = compose_project
    up_both(p)
    before = ids(p)
    anon_before = [m["Name"] for m in inspect(f"{p}-web-1")[0]["Mounts"] if m["Destination"] == "/anon"]
    t = v2(p, "up", "-d", "-V", "web")
    o = ours(p, "up", "-d", "-V", "web")
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, p)
    after = ids(p)
    assert after[f"{p}-web-1"] != before[f"{p}-web-1"]
    assert after[f"{p}-init-1"] == before[f"{p}-init-1"]  # a dependency: diverged only
    anon_after = [m["Name"] for m in inspect(f"{p}-web-1")[0]["Mounts"] if m["Destination"] == "/anon"]
    assert anon_after != anon_before
    t = v2(p, "up", "-d", "--force-recreate", "--always-recreate-deps", "-t", "0")
    o = ours(p, "up", "-d", "--force-recreate", "--always-recreate-deps", "-t", "0")
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, p)
    assert not set(ids(p).values()) & set(after.values())


def test_no_recreate_and_no_start(compose_project):
    p = compose_project
    t, o = up_both(p, "--no-start")
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    states = {c["Name"]: c["State"]["Status"] for c in inspect(*ids(p))}
    assert set(states.values()) == {"created"}
    t, o = (v2(p, "-f", "compose.yaml", "-f", "changed.yaml", "up", "-d", "--no-recreate"),
            ours(p, "-f", "compose.yaml", "-f", "changed.yaml", "up", "-d", "--no-recreate"))
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert not [line for line in lines(o.stderr) if "Recreate" in line]


def test_create_verb(compose_project):
    p = compose_project
    t = v2(p, "create")
    o = ours(p, "create")
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert len(ids(p)) == 3


def test_scale_up_and_down_keeps_lowest_numbers(compose_project):
    p = compose_project
    t, o = up_both(p, cwd=SCALE)
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert sorted(_short(p, ids(p))) == ["front-1", "worker-1", "worker-2"]
    first = ids(p)
    t, o = up_both(p, "--scale", "worker=4", cwd=SCALE)
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    now = ids(p)
    assert sorted(_short(p, now)) == ["front-1", "worker-1", "worker-2", "worker-3", "worker-4"]
    assert all(now[k] == v for k, v in first.items())
    t = v2(p, "scale", "worker=1", cwd=SCALE)
    o = ours(p, "scale", "worker=1", cwd=SCALE)
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert sorted(_short(p, ids(p))) == ["front-1", "worker-1"]
    assert ids(p)[f"{p}-worker-1"] == first[f"{p}-worker-1"]


def test_scale_errors_match_v2(compose_project):
    p = compose_project
    for args in (("up", "-d", "--scale", "nope=2"), ("up", "-d", "--scale", "worker"),
                 ("up", "-d", "--scale", "worker=x"), ("scale", "worker"), ("scale", "nope=2"),
                 ("up", "-d", "--pull", "bad"), ("up", "-d", "--no-recreate", "--force-recreate"),
                 ("up", "-d", "--abort-on-container-exit"), ("up", "--wait", "--attach", "worker")):
        t = v2(p, *args, cwd=SCALE)
        o = ours(p, *args, cwd=SCALE)
        assert (o.returncode, o.stdout, o.stderr) == (t.returncode, t.stdout, unify(t.stderr, p)), args
    assert ids(p) == {}


def test_orphans_ignored_warned_and_removed(compose_project):
    p = compose_project
    up_both(p)
    # COMPOSE_IGNORE_ORPHANS: no warning, and --remove-orphans is refused
    env = {"COMPOSE_IGNORE_ORPHANS": "1"}
    t = v2(p, "-f", "fewer.yaml", "up", "-d", env=env)
    o = ours(p, "-f", "fewer.yaml", "up", "-d", env=env)
    assert o.returncode == t.returncode == 0
    assert "Found orphan" not in o.stderr
    assert_same_progress(t.stderr, o.stderr, p)
    t = v2(p, "-f", "fewer.yaml", "up", "-d", "--remove-orphans", env=env)
    o = ours(p, "-f", "fewer.yaml", "up", "-d", "--remove-orphans", env=env)
    assert (o.returncode, o.stderr) == (t.returncode, unify(t.stderr, p))
    # the warning, then the removal
    t = v2(p, "-f", "fewer.yaml", "up", "-d")
    o = ours(p, "-f", "fewer.yaml", "up", "-d")
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    warning = [line for line in lines(o.stderr) if "Found orphan" in line]
    assert warning and "--remove-orphans flag to clean it up." in warning[0]
    t = v2(p, "-f", "fewer.yaml", "up", "-d", "--remove-orphans", "-t", "0")
    o = ours(p, "-f", "fewer.yaml", "up", "-d", "--remove-orphans", "-t", "0")
    assert o.returncode == t.returncode == 0
    assert_same_progress(t.stderr, o.stderr, p)
    assert sorted(ids(p)) == [f"{p}-web-1"]


def test_no_deps_starts_only_the_named_service(compose_project):
    p = compose_project
    t = v2(p, "up", "-d", "--no-deps", "client")
    o = ours(p, "up", "-d", "--no-deps", "client")
    assert o.returncode == t.returncode == 0, (t, o)
    assert_same_progress(t.stderr, o.stderr, p)
    assert sorted(ids(p)) == [f"{p}-client-1"]
    labels = inspect(f"{p}-client-1")[0]["Config"]["Labels"]
    assert labels == {k: v.replace(theirs_name(p), p) for k, v in
                      inspect(f"{theirs_name(p)}-client-1")[0]["Config"]["Labels"].items()}
    assert run_docker("network", "inspect", f"{p}_default").returncode == 0
