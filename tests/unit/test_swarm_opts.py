"""opts/swarm: the `swarm init|join|update|ca` flag parsers and request bodies.

Expected values are what docker 28 does with the same flags (opts.ParseTCPAddr, pflag's ipNetSlice,
parseExternalCA, mergeSwarmSpec); the messages are docker's (see tests/engine/test_swarm_init.py for the
ones compared with the docker CLI itself).
"""

from __future__ import annotations

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.swarm import (availability, external_ca, init_request, ip_nets, merge_spec, node_addr, read_pem,
                               split_host_port)


@pytest.mark.parametrize("value, expected", [
    ("", "0.0.0.0:2377"), ("tcp://", "0.0.0.0:2377"), (":", "0.0.0.0:2377"), ("1.2.3.4", "1.2.3.4:2377"),
    ("1.2.3.4:4567", "1.2.3.4:4567"), ("eth0", "eth0:2377"), ("eth0:4000", "eth0:4000"), (":4000", "0.0.0.0:4000"),
    ("tcp://10.0.0.1", "10.0.0.1:2377"), ("[::1]:5", "[::1]:5"), ("::1", "[::1]:2377"), ("1.2.3.4:", "1.2.3.4:2377"),
    ("[::1]:", "[::1]:2377"),
])
def test_node_addr(value, expected):
    assert node_addr(value) == expected


@pytest.mark.parametrize("value, message", [
    ("http://x", "invalid proto, expected tcp: http://x"),
    ("a:b:c", 'parse "tcp://a:b:c": invalid port ":c" after host'),
    ("[::1]", "invalid bind address format: [::1]"),
    ("[::1", "parse \"tcp://[::1\": missing ']' in host"),
])
def test_node_addr_errors(value, message):
    with pytest.raises(OptionError) as e:
        node_addr(value)
    assert str(e.value) == message


def test_split_host_port():
    assert split_host_port("[::1]:80") == ("::1", "80")
    assert split_host_port(":") == ("", "")
    for bad in ("1:2:3", "host", "[::1]"):
        with pytest.raises(ValueError):
            split_host_port(bad)


def test_ip_nets():
    assert ip_nets("10.1.2.3/16,192.168.7.0/24") == ["10.1.0.0/16", "192.168.7.0/24"]
    assert ip_nets("fd00::1/64") == ["fd00::/64"]
    assert ip_nets("") == []
    for bad, field in (("x", "x"), ("10.0.0.0/33", "10.0.0.0/33"), ("10.0.0.0/16,bad", "bad"), ("10.0.0.1", "10.0.0.1")):
        with pytest.raises(OptionError) as e:
            ip_nets(bad)
        assert str(e.value) == f"invalid string being converted to CIDR: {field}"


def test_external_ca(tmp_path):
    assert external_ca("protocol=CFSSL,url=https://ca.example,extra=1") == {
        "Protocol": "cfssl", "URL": "https://ca.example", "Options": {"extra": "1"}}
    pem = tmp_path / "ca.pem"
    pem.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    assert external_ca(f"protocol=cfssl,url=u,cacert={pem}")["CACert"] == pem.read_text()
    plain = tmp_path / "plain"
    plain.write_text("not pem")
    for value, message in (("x", "invalid field 'x' must be a key=value pair"),
                           ("protocol=acme,url=u", "unrecognized external CA protocol acme"),
                           ("url=u", "the external-ca option needs a protocol= parameter"),
                           ("protocol=cfssl", "the external-ca option needs a url= parameter"),
                           (f"protocol=cfssl,url=u,cacert={plain}", "CA cert for external CA must be in PEM format")):
        with pytest.raises(OptionError) as e:
            external_ca(value)
        assert str(e.value) == message


def test_read_pem(tmp_path):
    with pytest.raises(OptionError) as e:
        read_pem(str(tmp_path / "absent"))
    assert str(e.value) == f"open {tmp_path / 'absent'}: no such file or directory"
    (tmp_path / "p").write_text("hello")
    with pytest.raises(OptionError) as e:
        read_pem(str(tmp_path / "p"))
    assert str(e.value) == "file contents must be in PEM format"


def test_availability():
    assert availability("DRAIN") == "drain"
    with pytest.raises(OptionError) as e:
        availability("sleepy")
    assert str(e.value) == 'invalid availability "sleepy", only active, pause and drain are supported'


def test_merge_spec_only_what_was_given():
    spec = {"Orchestration": {"TaskHistoryRetentionLimit": 5}, "Raft": {"SnapshotInterval": 10000},
            "CAConfig": {"NodeCertExpiry": 1}, "EncryptionConfig": {"AutoLockManagers": True}}
    merged = merge_spec(spec, {"task_history_limit": 2, "autolock": False,
                               "external_ca": [{"Protocol": "cfssl", "URL": "u", "Options": {}}]}, "ROOT")
    assert merged["Orchestration"]["TaskHistoryRetentionLimit"] == 2
    assert merged["Raft"] == {"SnapshotInterval": 10000} and merged["CAConfig"]["NodeCertExpiry"] == 1
    assert merged["EncryptionConfig"]["AutoLockManagers"] is False
    assert merged["CAConfig"]["ExternalCAs"][0]["CACert"] == "ROOT"  # the cluster's root when none is named


def test_init_request():
    body = init_request({"dispatcher_heartbeat": 7_000_000_000}, advertise_addr="10.0.0.1",
                        default_addr_pools=["10.218.0.0/16"], autolock=True, availability_="Pause", subnet_size=26)
    assert body == {"ListenAddr": "0.0.0.0:2377", "AdvertiseAddr": "10.0.0.1", "DataPathAddr": "", "DataPathPort": 0,
                    "DefaultAddrPool": ["10.218.0.0/16"], "ForceNewCluster": False,
                    "Spec": {"Dispatcher": {"HeartbeatPeriod": 7_000_000_000}}, "AutoLockManagers": True,
                    "SubnetSize": 26, "Availability": "pause"}
    assert "Availability" not in init_request({})
