"""`node ls|inspect|update|promote|demote|rm` on the shared swarm daemon's one node, beside the docker CLI.

The node is shared by every test run: updates here are undone in the test (labels removed, availability
back to active), and promote/demote/rm are only tried where the daemon refuses them (the last manager
cannot be demoted, a manager cannot be removed), so the swarm is never changed.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import RUN_ID
from tests.engine.differential import assert_same
from tests.engine.swarmd import swarm  # noqa: F401


@pytest.fixture
def node_id(swarm):  # noqa: F811
    r = swarm.docker("info", "--format", "{{.Swarm.NodeID}}")
    return r.stdout.decode().strip()


def _spec(swarm, node_id):  # noqa: F811
    return json.loads(swarm.docker("node", "inspect", "--format", "{{json .Spec}}", node_id).stdout)


def test_ls_and_inspect(swarm, node_id):  # noqa: F811
    env = swarm.env
    for args in (("ls",), ("list", "-q"), ("ls", "--format", "json"), ("ls", "--format", "raw"),
                 ("ls", "-q", "--format", "raw"), ("ls", "--format", "table {{.ID}}\t{{.Self}}\t{{.TLSStatus}}"),
                 ("ls", "--filter", f"id={node_id[:6]}"), ("ls", "--filter", "role=manager"),
                 ("ls", "--filter", "role=worker"), ("ls", "--filter", "membership=accepted", "-q"),
                 ("ls", "--filter", "name=nosuchnode"), ("ls", "--filter", "bogus=1"),
                 ("inspect", "self"), ("inspect", "--pretty", "self"), ("inspect", "--pretty", node_id, "self"),
                 ("inspect", "-f", "{{.ID}} {{.Spec.Role}} {{.Status.State}}", "self", node_id),
                 ("inspect", "--format", "pretty x", "self"), ("inspect", "self", "nosuchnode"),
                 ("inspect", "--pretty", "nosuchnode", "self")):
        assert_same("node", *args, env=env)


def test_update_labels_and_availability(swarm, node_id):  # noqa: F811
    env = swarm.env
    key = f"pdnode-{RUN_ID}"
    try:
        r = run_pydock("node", "update", "--label-add", f"{key}=1", "--label-add", f"{key}-bare", node_id, env=env)
        assert (r.returncode, r.stdout, r.stderr) == (0, f"{node_id}\n", "")
        labels = _spec(swarm, node_id).get("Labels") or {}
        assert labels[key] == "1" and labels[f"{key}-bare"] == ""
        # the label filters and the pretty view with labels, through both
        assert_same("node", "ls", "--filter", f"node.label={key}=1", env=env)
        assert_same("node", "ls", "-q", "--filter", f"node.label={key}", env=env)
        assert_same("node", "inspect", "--pretty", "self", env=env)
        # removing a key that is not there fails the same way, and changes nothing
        assert_same("node", "update", "--label-rm", f"{key}-absent", node_id, env=env)
        r = run_pydock("node", "update", "--label-rm", key, "--label-rm", f"{key}-bare", "--availability", "pause",
                       node_id, env=env)
        assert r.returncode == 0, r.stderr
        spec = _spec(swarm, node_id)
        assert key not in (spec.get("Labels") or {}) and spec["Availability"] == "pause"
        assert_same("node", "ls", "--format", "{{.Availability}}", env=env)
        r = run_pydock("node", "update", "--availability", "active", node_id, env=env)
        assert r.returncode == 0, r.stderr
        assert _spec(swarm, node_id)["Availability"] == "active"
        # a bad value: the daemon's refusal, through both
        assert_same("node", "update", "--availability", "sometimes", node_id, env=env)
        assert_same("node", "update", "--role", "boss", node_id, env=env)
    finally:
        run_docker("node", "update", "--availability", "active", node_id, env=env)
        left = [k for k in _spec(swarm, node_id).get("Labels") or {} if k.startswith(key)]
        if left:
            run_docker("node", "update", *[a for k in left for a in ("--label-rm", k)], node_id, env=env)


def test_refusals_on_a_single_node_swarm(swarm, node_id):  # noqa: F811
    """The daemon keeps its last manager: demote and rm fail, promote says it is a manager already."""
    env = swarm.env
    for args in (("demote", node_id), ("rm", node_id), ("rm", "-f", node_id), ("remove", node_id, "nosuchnode"),
                 ("promote", node_id), ("promote", "nosuchnode", node_id), ("demote", "self"), ("update", "self"),
                 ("update", node_id, "extra"), ("rm",), ("inspect",)):
        assert_same("node", *args, env=env)
    spec = _spec(swarm, node_id)
    assert spec["Role"] == "manager"
