"""views_swarm: the `--pretty` texts and row fields of secrets, configs and nodes.

The expected texts are docker's own golden files (cli/command/{node,secret,config}/testdata at v28.2.2),
and the objects are those docker's tests build (internal/test/builders), written as the daemon's JSON.
"""

from __future__ import annotations

import base64

from pydock.render.formatter import Format, compile_template, execute, render_rows
from pydock.render.views_swarm import (CONFIG_PRETTY, NODE_PRETTY, NODE_TABLE, SECRET_PRETTY, ConfigPretty,
                                       ConfigView, NodePretty, NodeView, SecretPretty, SecretView, ago, pretty_print)

ZERO = "0001-01-01T00:00:00Z"


def _pretty(template: str, view) -> str:
    return execute(compile_template(template), view) + "\n"


def _node(**extra) -> dict:
    """builders.Node()"""
    node = {
        "ID": "nodeID", "CreatedAt": "2009-11-10T23:00:00Z",
        "Description": {"Hostname": "defaultNodeHostname", "Platform": {"Architecture": "x86_64", "OS": "linux"},
                        "Resources": {"NanoCPUs": 4, "MemoryBytes": 20 * 1024 * 1024},
                        "Engine": {"EngineVersion": "1.13.0", "Labels": {"engine": "label"},
                                   "Plugins": [{"Type": "Volume", "Name": "local"}, {"Type": "Network", "Name": "bridge"},
                                               {"Type": "Network", "Name": "overlay"}]}},
        "Status": {"State": "ready", "Addr": "127.0.0.1"},
        "Spec": {"Name": "defaultNodeName", "Role": "worker", "Availability": "active"},
    }
    node.update(extra)
    return node


NODE_TAIL = """Platform:
 Operating System:\tlinux
 Architecture:\t\tx86_64
Resources:
 CPUs:\t\t\t0
 Memory:\t\t20MiB
Plugins:
 Network:\t\tbridge, overlay
 Volume:\t\tlocal
Engine Version:\t\t1.13.0
Engine Labels:
 - engine=label
"""


def test_node_pretty_simple():
    node = _node()
    node["Spec"]["Labels"] = {"lbl1": "value1"}
    assert _pretty(NODE_PRETTY, NodePretty(node)) == """ID:\t\t\tnodeID
Name:\t\t\tdefaultNodeName
Labels:
 - lbl1=value1
Hostname:              \tdefaultNodeHostname
Joined at:             \t2009-11-10 23:00:00 +0000 utc
Status:
 State:\t\t\tReady
 Availability:         \tActive
 Address:\t\t127.0.0.1
""" + NODE_TAIL


def test_node_pretty_manager_and_leader():
    for leader, word in ((False, "No"), (True, "Yes")):
        node = _node(ManagerStatus={"Reachability": "reachable", "Addr": "127.0.0.1", "Leader": leader})
        node["Spec"]["Role"] = "manager"
        assert _pretty(NODE_PRETTY, NodePretty(node)) == f"""ID:\t\t\tnodeID
Name:\t\t\tdefaultNodeName
Hostname:              \tdefaultNodeHostname
Joined at:             \t2009-11-10 23:00:00 +0000 utc
Status:
 State:\t\t\tReady
 Availability:         \tActive
 Address:\t\t127.0.0.1
Manager Status:
 Address:\t\t127.0.0.1
 Raft Status:\t\tReachable
 Leader:\t\t{word}
""" + NODE_TAIL


def test_node_pretty_message_and_tls():
    node = _node(Status={"State": "down", "Message": "Heartbeat failure"})
    node["Description"]["TLSInfo"] = {"TrustRoot": "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
                                      "CertIssuerSubject": "c3ViamVjdA==", "CertIssuerPublicKey": "a2V5"}
    text = _pretty(NODE_PRETTY, NodePretty(node))
    # PrettyPrint lower-cases all but the first letter; no address line without an address
    assert " State:\t\t\tDown\n Message:              \tHeartbeat failure\n Availability:" in text
    assert " Address:" not in text
    assert text.endswith("TLS Info:\n TrustRoot:\n-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n\n"
                         " Issuer Subject:\tc3ViamVjdA==\n Issuer Public Key:\ta2V5\n")


def test_secret_and_config_pretty():
    secret = {"ID": "secretID", "CreatedAt": ZERO, "UpdatedAt": ZERO,
              "Spec": {"Name": "secretName", "Labels": {"lbl1": "value1"}, "Driver": {"Name": "driver"}}}
    assert _pretty(SECRET_PRETTY, SecretPretty(secret)) == """ID:              secretID
Name:              secretName
Labels:
 - lbl1=value1
Driver:            driver
Created at:        0001-01-01 00:00:00 +0000 utc
Updated at:        0001-01-01 00:00:00 +0000 utc
"""
    config = {"ID": "configID", "CreatedAt": ZERO, "UpdatedAt": ZERO,
              "Spec": {"Name": "configName", "Labels": {"lbl1": "value1"},
                       "Data": base64.b64encode(b"payload here").decode()}}
    assert _pretty(CONFIG_PRETTY, ConfigPretty(config)) == """ID:\t\t\tconfigID
Name:\t\t\tconfigName
Labels:
 - lbl1=value1
Created at:            \t0001-01-01 00:00:00 +0000 utc
Updated at:            \t0001-01-01 00:00:00 +0000 utc
Data:
payload here
"""


def test_node_list_sort_golden():
    """node-list-sort.golden: sorted naturally by hostname (the command sorts; here the rows are given
    sorted), `*` beside this node, Leader/Reachable."""
    nodes = [
        {"ID": "nodeID3", "Description": {"Hostname": "node-1-foo", "Engine": {"EngineVersion": "1.13.0"}},
         "Status": {"State": "ready"}, "Spec": {"Availability": "active"}},
        {"ID": "nodeID1", "Description": {"Hostname": "node-2-foo", "Engine": {"EngineVersion": "."}},
         "Status": {"State": "ready"}, "Spec": {"Availability": "active"},
         "ManagerStatus": {"Leader": True, "Reachability": "reachable"}},
        {"ID": "nodeID2", "Description": {"Hostname": "node-10-foo", "Engine": {"EngineVersion": "18.03.0-ce"}},
         "Status": {"State": "ready"}, "Spec": {"Availability": "active"},
         "ManagerStatus": {"Reachability": "reachable"}},
    ]
    info = {"Swarm": {"NodeID": "nodeID1"}}
    fmt = Format.parse(NODE_TABLE, NODE_TABLE)
    out = render_rows(fmt, compile_template(fmt.template), [NodeView(n, info) for n in nodes], NodeView.headers)
    assert out == """ID          HOSTNAME      STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
nodeID3     node-1-foo    Ready     Active                          1.13.0
nodeID1 *   node-2-foo    Ready     Active         Leader           .
nodeID2     node-10-foo   Ready     Active         Reachable        18.03.0-ce
"""


def test_node_tls_status():
    """docker's formatter_test: Ready when the node's TLS info is the cluster's, Needs Rotation when not,
    Unknown without either."""
    tls = {"TrustRoot": "root", "CertIssuerSubject": "c3Vi", "CertIssuerPublicKey": "a2V5"}
    info = {"Swarm": {"Cluster": {"TLSInfo": tls}}}
    same = {"ID": "n1", "Description": {"TLSInfo": dict(tls)}}
    other = {"ID": "n2", "Description": {"TLSInfo": {**tls, "TrustRoot": "old"}}}
    bare = {"ID": "n3", "Description": {}}
    assert [NodeView(n, info).TLSStatus() for n in (same, other, bare)] == ["Ready", "Needs Rotation", "Unknown"]
    assert NodeView(same, {"Swarm": {}}).TLSStatus() == "Unknown"


def test_json_rows_and_fields():
    secret = {"ID": "s1", "CreatedAt": ZERO, "UpdatedAt": ZERO, "Spec": {"Name": "n", "Labels": {"a": "1"}}}
    assert sorted(SecretView(secret).to_json()) == ["CreatedAt", "Driver", "ID", "Labels", "Name", "UpdatedAt"]
    assert sorted(ConfigView(secret).to_json()) == ["CreatedAt", "ID", "Labels", "Name", "UpdatedAt"]
    assert not hasattr(ConfigView(secret), "Driver")  # `{{.Driver}}` fails on a config row, as in docker
    node = NodeView({"ID": "x", "Status": {"State": "ready"}, "Spec": {"Availability": "drain"}}, {})
    assert node.to_json()["Self"] is False and node.Availability() == "Drain" and node.ManagerStatus() == ""


def test_pretty_print_and_ago():
    assert [pretty_print(v) for v in ("", "r", "READY", "ready", None)] == ["", "r", "Ready", "Ready", "None"]
    now = 1_000_000_000.0
    assert ago("2001-09-09T01:46:40Z", now) == "Less than a second ago"
    assert ago("2001-09-09T01:45:40Z", now) == "About a minute ago"
    assert ago("2001-09-09T00:46:40Z", now) == "About an hour ago"
    assert ago("2001-09-09T00:46:40.5Z", now) == "59 minutes ago"
