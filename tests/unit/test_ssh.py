"""engine/ssh: docker 28's ssh command line from an ssh:// URL and DOCKER_SSH_OPTS, its URL errors, and
the connection's process handling (run against small stand-in `ssh` scripts on PATH: EOF with a failed
ssh is docker's error, a clean exit is EOF, closing reaps the process). The real sshd is in
tests/engine/test_remote_ssh.py."""

from __future__ import annotations

import os
import socket
import time

import pytest

from pydock.config import Endpoint
from pydock.engine import pingcache, ssh
from pydock.engine.transport import base_url


@pytest.mark.parametrize("url,spec", [
    ("ssh://host", ssh.Spec("", "host", "", "")),
    ("ssh://root@127.0.0.1", ssh.Spec("root", "127.0.0.1", "", "")),
    ("ssh://me@example.com:2222", ssh.Spec("me", "example.com", "2222", "")),
    ("ssh://me@host:22/var/run/docker.sock", ssh.Spec("me", "host", "22", "/var/run/docker.sock")),
    ("ssh://[::1]:2200", ssh.Spec("", "::1", "2200", "")),
    ("ssh://us%40er@host", ssh.Spec("us@er", "host", "", "")),
])
def test_parse_url(url, spec):
    assert ssh.parse_url(url) == spec


@pytest.mark.parametrize("url,message", [
    # docker 28.2.2's own messages (`docker -H URL ps`)
    ("ssh://root:pw@host", "Failed to initialize: ssh host connection is not valid: invalid SSH URL: plain-text password is not supported"),
    ("ssh://", "Failed to initialize: ssh host connection is not valid: invalid SSH URL: hostname is empty"),
    ("ssh://host?x=1", 'Failed to initialize: ssh host connection is not valid: invalid SSH URL: query parameters are not allowed: "x=1"'),
    ("ssh://host#f", 'Failed to initialize: ssh host connection is not valid: invalid SSH URL: fragments are not allowed: "f"'),
    ("ssh://ho st", 'Failed to initialize: parse "ssh://ho st": invalid character " " in host name'),
    ("ssh://host:abc", 'Failed to initialize: parse "ssh://host:abc": invalid port ":abc" after host'),
])
def test_parse_url_errors(url, message):
    with pytest.raises(ssh.InvalidSshUrl) as e:
        ssh.parse_url(url)
    assert str(e.value) == message
    with pytest.raises(ssh.InvalidSshUrl):  # when the engine is made, before anything runs
        base_url(Endpoint(host=url))


@pytest.mark.parametrize("url,flags,argv", [
    # what docker 28.2.2 runs (its --debug line `commandconn: starting ssh with [...]`)
    ("ssh://root@127.0.0.1:2222", [],
     ["ssh", "-o ConnectTimeout=30", "-T", "-l", "root", "-p", "2222", "--", "127.0.0.1", "docker", "system", "dial-stdio"]),
    ("ssh://host", [], ["ssh", "-o ConnectTimeout=30", "-T", "--", "host", "docker", "system", "dial-stdio"]),
    ("ssh://me@somehost:2222/run/x.sock", [],
     ["ssh", "-o ConnectTimeout=30", "-T", "-l", "me", "-p", "2222", "--", "somehost", "docker", "--host",
      "unix:///run/x.sock", "system", "dial-stdio"]),
    # extra flags first; docker's defaults only where they do not say it already
    ("ssh://host", ["-i", "/k", "-v"], ["ssh", "-i", "/k", "-v", "-o ConnectTimeout=30", "-T", "--", "host", "docker",
                                        "system", "dial-stdio"]),
    ("ssh://host", ["-o", "ConnectTimeout=5", "-T"], ["ssh", "-o", "ConnectTimeout=5", "-T", "--", "host", "docker",
                                                      "system", "dial-stdio"]),
])
def test_command(url, flags, argv):
    assert ssh.command(ssh.parse_url(url), flags) == argv


def test_docker_ssh_opts_split_as_a_shell_would():
    assert ssh.ssh_opts({}) == []
    assert ssh.ssh_opts({"DOCKER_SSH_OPTS": "-i '/a b/key' -o StrictHostKeyChecking=no"}) == [
        "-i", "/a b/key", "-o", "StrictHostKeyChecking=no"]
    assert ssh.ssh_opts({"DOCKER_SSH_OPTS": "-o 'unterminated"}) == ["-o", "'unterminated"]


def test_go_exit_text():
    assert ssh.go_exit_text(255) == "exit status 255"
    assert ssh.go_exit_text(-9) == "signal: killed"
    assert ssh.go_exit_text(-15) == "signal: terminated"


def test_ssh_endpoints_use_docker_dummy_host_and_no_ping_cache():
    endpoint = Endpoint(host="ssh://root@127.0.0.1:2222")
    assert base_url(endpoint) == "http://docker.example.com"
    assert pingcache.key(endpoint) is None


# -- the process behind a connection, with stand-in `ssh` scripts ------------------------------------

@pytest.fixture
def fake_ssh(tmp_path, monkeypatch):
    def install(script: str):
        bindir = tmp_path / "bin"
        bindir.mkdir(exist_ok=True)
        path = bindir / "ssh"
        path.write_text("#!/bin/sh\n" + script + "\n")
        path.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bindir}:{os.environ['PATH']}")
        monkeypatch.delenv("DOCKER_SSH_OPTS", raising=False)
    return install


def test_a_failed_ssh_is_dockers_error(fake_ssh):
    fake_ssh('echo "Host key verification failed.\r" >&2; exit 255')
    sock = ssh.connect("ssh://root@h:2")
    try:
        with pytest.raises(ssh.CommandExited) as e:
            sock.sendall(b"GET / HTTP/1.1\r\n\r\n")
            sock.recv(10)
    finally:
        sock.close()
    assert str(e.value) == (
        "command [ssh -o ConnectTimeout=30 -T -l root -p 2 -- h docker system dial-stdio] has exited with exit "
        "status 255, make sure the URL is valid, and Docker 18.09 or later is installed on the remote host: "
        "stderr=Host key verification failed.")
    assert not e.value.received
    assert str(e.value.during('Get "http://docker.example.com/v1.50/info"')).startswith(
        'error during connect: Get "http://docker.example.com/v1.50/info": command [ssh ')


def test_half_close_and_clean_eof(fake_ssh):
    fake_ssh("exec cat")  # an echo: EOF on its stdin ends it with status 0
    sock = ssh.connect("ssh://h")
    sock.sendall(b"ping")
    sock.shutdown(socket.SHUT_WR)
    data = b""
    while True:
        piece = sock.recv(100)
        if not piece:
            break
        data += piece
    assert data == b"ping"
    sock.close()
    assert ssh.live_count() == 0


def test_close_terminates_and_reaps(fake_ssh):
    fake_ssh("exec sleep 60")
    sock = ssh.connect("ssh://h")
    pid = sock.ssh.proc.pid
    start = time.monotonic()
    sock.close()
    assert time.monotonic() - start < 2
    assert not os.path.exists(f"/proc/{pid}")  # terminated and reaped: no zombie either
    assert ssh.live_count() == 0


def test_no_ssh_on_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ssh.CommandExited) as e:
        ssh.connect("ssh://h")
    assert str(e.value.during('Get "http://docker.example.com/v1.50/info"')) == (
        'error during connect: Get "http://docker.example.com/v1.50/info": exec: "ssh": executable file not found in $PATH')


def test_connector_remembers_a_refusal(fake_ssh, tmp_path):
    counter = tmp_path / "runs"
    fake_ssh(f'echo run >> {counter}; echo "Permission denied (publickey)." >&2; exit 255')
    conn = ssh.Connector("ssh://h")
    sock = conn.connect()
    with pytest.raises(ssh.CommandExited) as e:
        sock.recv(1)
    sock.close()
    conn.note(e.value)
    with pytest.raises(ssh.CommandExited):
        conn.connect()
    assert counter.read_text() == "run\n"


def test_prestart_hands_its_ssh_to_the_first_connection(fake_ssh, tmp_path):
    counter = tmp_path / "runs"
    fake_ssh(f"echo run >> {counter}; exec cat")
    conn = ssh.Connector("ssh://h")
    conn.prestart()
    sock = conn.connect()
    sock.sendall(b"x")
    assert sock.recv(1) == b"x"
    sock.close()
    assert counter.read_text() == "run\n"
    assert ssh.live_count() == 0
