"""tcp:// engines behind mutual TLS: pydock and the docker CLI side by side on the same endpoint (a second
dockerd with --tlsverify, see tlsd.py), for the verified connection and for each way it can fail."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock
from tests.engine.tlsd import ExpiredServer, tls_daemon, tls_pki  # noqa: F401 (fixtures)

CLEAN = {"DOCKER_TLS_VERIFY": None, "DOCKER_TLS": None, "DOCKER_CERT_PATH": None, "DOCKER_CONFIG": None}


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A HOME of its own with no ~/.docker: the ~/.docker/{ca,cert,key}.pem defaults are the test's."""
    return tmp_path_factory.mktemp("home")


def env_for(home, **extra) -> dict:
    return {**CLEAN, "HOME": str(home), **extra}


def verified(pki, host: str) -> list[str]:
    return ["--tlsverify", "--tlscacert", pki.ca, "--tlscert", pki.client, "--tlskey", pki.client_key, "-H", host]


# Which request Go's client names in a failure depends on the command's own order of requests (`images`
# pings first and names `Head ".../_ping"`, `ps` names its list request); the rest of the line is compared.
_REQUEST = re.compile(r'(Get|Head|Post) "https://127\.0\.0\.1:\d+/[^"]*"')


def _message(text: str) -> str:
    return _REQUEST.sub("<request>", text)


def both(*args, env: dict, input: str | None = None, normalise=lambda s: s):
    """docker and pydock with the same arguments; (docker, pydock). With TLS 1.3 the server's alert can
    race docker's first write (`write: connection reset by peer`): docker is asked again then."""
    for _ in range(3):
        theirs = run_docker(*args, env=env, input=input)
        if "connection reset by peer" not in theirs.stderr:
            break
    # Go's http transport names its read loop when the server's alert arrives there: the same failure
    theirs.stderr = theirs.stderr.replace("readLoopPeekFailLocked: ", "")
    ours = run_pydock(*args, env=env, input=input)
    return theirs, ours


def assert_same(*args, env: dict, input: str | None = None, normalise=lambda s: s):
    theirs, ours = both(*args, env=env, input=input)
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout), (theirs, ours)
    assert normalise(ours.stderr) == normalise(as_pydock(theirs.stderr)), (theirs, ours)
    return theirs, ours


# -- the verified connection ------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("ps", "-a", "--format", "{{.Names}} {{.Image}}"),
    ("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"),
    ("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}"),
    ("info", "--format", "{{.ServerVersion}} {{.Images}} {{.Driver}} {{.DockerRootDir}}"),
    ("run", "--rm", "--network", "none", "--label", LABEL, TEST_IMAGE, "sh", "-c", "echo out; echo err >&2; exit 3"),
], ids=["ps", "images", "version", "info", "run-attached"])
def test_verified_connection(tls_pki, tls_daemon, home, args):
    theirs, ours = assert_same(*verified(tls_pki, tls_daemon.host), *args, env=env_for(home))
    if args[0] == "images":
        assert TEST_IMAGE in ours.stdout
    if args[0] == "run":
        assert (ours.returncode, ours.stdout, ours.stderr) == (3, "out\n", "err\n")


def test_run_with_stdin_exec_logs_attach(tls_pki, tls_daemon, home):
    """The hijacked and streamed paths over TLS: run -i and exec -i (stdin half-closed under TLS), logs
    (rawhttp's own TLS socket), attach."""
    env, flags = env_for(home), verified(tls_pki, tls_daemon.host)
    theirs, ours = assert_same(*flags, "run", "--rm", "-i", "--network", "none", "--label", LABEL, TEST_IMAGE,
                               "sh", "-c", "cat; echo done >&2; exit 4", input="a\nb\n", env=env)
    assert (ours.returncode, ours.stdout) == (4, "a\nb\n")
    name = f"pdt-tls-{LABEL.split('=')[1]}"
    r = run_docker(*flags, "run", "-d", "--network", "none", "--label", LABEL, "--name", name, TEST_IMAGE,
                   "sh", "-c", "seq 1 2000; sleep 300", env=env)
    assert r.returncode == 0, r.stderr
    try:
        theirs, ours = assert_same(*flags, "exec", "-i", name, "sh", "-c", "cat; echo e >&2", input="in\n" * 3, env=env)
        assert ours.stdout == "in\n" * 3 and ours.stderr == "e\n"
        for _ in range(50):
            if run_docker(*flags, "logs", name, env=env).stdout.endswith("2000\n"):
                break
            time.sleep(0.1)
        theirs, ours = assert_same(*flags, "logs", "--tail", "all", name, env=env)
        assert ours.stdout.splitlines()[-1] == "2000" and len(ours.stdout.splitlines()) == 2000
    finally:
        run_docker(*flags, "rm", "-f", name, env=env)
    # attach: a container that echoes its stdin and ends when stdin does; one each, then compare
    results = []
    for run in (run_docker, run_pydock):
        r = run_docker(*flags, "create", "-i", "--network", "none", "--label", LABEL, TEST_IMAGE,
                       "sh", "-c", "cat; echo bye >&2; exit 5", env=env)
        cid = r.stdout.strip()
        run_docker(*flags, "start", cid, env=env)
        try:
            results.append(run(*flags, "attach", cid, input="hello\n", env=env))
        finally:
            run_docker(*flags, "rm", "-f", cid, env=env)
    theirs, ours = results
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
    assert (ours.returncode, ours.stdout, ours.stderr) == (5, "hello\n", "bye\n")


def _cert_dir(tmp_path, pki):
    d = tmp_path / "certs"
    d.mkdir()
    for src, dst in ((pki.ca, "ca.pem"), (pki.client, "cert.pem"), (pki.client_key, "key.pem")):
        (d / dst).write_bytes(open(src, "rb").read())
    return d


def test_docker_tls_verify_and_cert_path(tls_pki, tls_daemon, home, tmp_path):
    d = _cert_dir(tmp_path, tls_pki)
    env = env_for(home, DOCKER_TLS_VERIFY="1", DOCKER_CERT_PATH=str(d), DOCKER_HOST=tls_daemon.host)
    theirs, ours = assert_same("images", "--format", "{{.Repository}}", env=env)
    assert ours.returncode == 0 and "pydock-test/busybox" in ours.stdout


def test_home_docker_defaults_and_docker_config(tls_pki, tls_daemon, tmp_path):
    """~/.docker/{ca,cert,key}.pem with --tlsverify; DOCKER_CONFIG moves that default (--config does not)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".docker").mkdir()
    _cert_dir(tmp_path, tls_pki).rename(home / ".docker" / "certs")
    for f in ("ca.pem", "cert.pem", "key.pem"):
        (home / ".docker" / "certs" / f).rename(home / ".docker" / f)
    theirs, ours = assert_same("--tlsverify", "-H", tls_daemon.host, "ps", "-q", env=env_for(home))
    assert ours.returncode == 0
    elsewhere = tmp_path / "elsewhere"
    (home / ".docker").rename(elsewhere)
    theirs, ours = assert_same("--tlsverify", "-H", tls_daemon.host, "ps", "-q", env=env_for(home, DOCKER_CONFIG=str(elsewhere)))
    assert ours.returncode == 0
    theirs, ours = assert_same("--config", str(elsewhere), "--tlsverify", "-H", tls_daemon.host, "ps", "-q", env=env_for(home))
    assert ours.returncode == 1 and f"open {home}/.docker/ca.pem: no such file or directory" in ours.stderr


@pytest.mark.parametrize("flags, host", [
    (("--tlsverify",), "tcp://127.0.0.1"),   # docker 28: 2375 even with TLS
    ((), "tcp://127.0.0.1"),
    (("--tlsverify",), None),                # no host at all with TLS: tcp://localhost:2376
])
def test_default_ports(tls_pki, home, tmp_path, flags, host):
    d = _cert_dir(tmp_path, tls_pki)
    env = env_for(home, DOCKER_CERT_PATH=str(d))
    args = [*flags, *(["-H", host] if host else []), "ps"]
    theirs, ours = assert_same(*args, env=env)
    assert ours.returncode == 1 and "Cannot connect to the Docker daemon at tcp://" in ours.stderr


# -- failures -----------------------------------------------------------------------------------------------
def _unreadable(tmp_path, pki):
    """A certificate file that cannot be read: mode 000 (root reads those anyway: a directory then)."""
    if os.geteuid() == 0:
        return str(tmp_path)
    p = tmp_path / "cert.pem"
    p.write_bytes(open(pki.client, "rb").read())
    p.chmod(0)
    return str(p)


FAILURES = {
    # case: (arguments with {ca} {client} ... placeholders, the host: tls / plain / expired, docker's line)
    "wrong-ca": ("--tlsverify --tlscacert {otherca} --tlscert {client} --tlskey {client_key}", "tls",
                 "error during connect: <request>: tls: failed to verify certificate: x509: certificate signed by unknown authority\n"),
    "no-client-cert": ("--tlsverify --tlscacert {ca}", "tls",
                       "the server probably has client authentication (--tlsverify) enabled; check your TLS client "
                       "certification settings: <request>: remote error: tls: bad certificate\n"),
    "expired-client-cert": ("--tlsverify --tlscacert {ca} --tlscert {expired_client} --tlskey {expired_client_key}", "tls",
                            "the server probably has client authentication (--tlsverify) enabled; check your TLS client "
                            "certification settings: <request>: remote error: tls: bad certificate\n"),
    "client-cert-of-other-ca": ("--tlsverify --tlscacert {ca} --tlscert {other_client} --tlskey {other_client_key}", "tls",
                                "the server probably has client authentication (--tlsverify) enabled; check your TLS "
                                "client certification settings: <request>: remote error: tls: bad certificate\n"),
    "plain-client-to-tls-port": ("", "tls", "Error response from daemon: Client sent an HTTP request to an HTTPS server.\n"),
    "tls-client-to-plain-port": ("--tlsverify --tlscacert {ca} --tlscert {client} --tlskey {client_key}", "plain",
                                 "error during connect: <request>: http: server gave HTTP response to HTTPS client\n"),
    "key-does-not-match-cert": ("--tlsverify --tlscacert {ca} --tlscert {client} --tlskey {stray_key}", "tls",
                                "Failed to initialize: failed to retrieve context tls info: tls: private key does not "
                                "match public key\n"),
    "cert-and-key-switched": ("--tlsverify --tlscacert {ca} --tlscert {client_key} --tlskey {client}", "tls", None),
    "ca-not-a-certificate": ("--tlsverify --tlscacert {client_key}", "tls",
                             "Failed to initialize: failed to retrieve context tls info: ca.pem seems invalid\n"),
    "missing-key-file": ("--tlsverify --tlscacert {ca} --tlscert {client} --tlskey {dir}/nope.pem", "tls",
                         "Failed to initialize: unable to resolve docker endpoint: open {dir}/nope.pem: no such file or directory\n"),
    "unreadable-cert-file": ("--tlsverify --tlscacert {ca} --tlscert {unreadable} --tlskey {client_key}", "tls", None),
    "expired-server-cert": ("--tlsverify --tlscacert {ca} --tlscert {client} --tlskey {client_key}", "expired",
                            "error during connect: <request>: tls: failed to verify certificate: x509: certificate has "
                            "expired or is not yet valid"),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_failure(tls_pki, tls_daemon, home, tmp_path, case):
    template, where, expected = FAILURES[case]
    names = {k: str(v) for k, v in tls_pki.files.items()}
    names.update(dir=str(tmp_path), unreadable=_unreadable(tmp_path, tls_pki))
    args = [a.format(**names) for a in template.split()]
    server = None
    if where == "tls":
        host = tls_daemon.host
    elif where == "plain":
        host = f"tcp://127.0.0.1:{tls_daemon.plain.port}"
    else:
        server = ExpiredServer(tls_pki)
        host = f"tcp://127.0.0.1:{server.port}"
    try:
        if case == "expired-server-cert":
            # Go appends `: current time <now> is after <notAfter>`, which OpenSSL does not hand back: pydock
            # stops after docker's reason (the clearer one-liner), and the rest of docker's line is the times
            theirs, ours = both(*args, "-H", host, "ps", env=env_for(home))
            assert ours.returncode == theirs.returncode == 1
            assert _message(ours.stderr) == expected + "\n"
            assert re.fullmatch(re.escape(expected) + r": current time \S+ is after 2020-02-01T00:00:00Z\n",
                                _message(theirs.stderr)), theirs.stderr
            return
        theirs, ours = assert_same(*args, "-H", host, "ps", env=env_for(home), normalise=_message)
    finally:
        if server is not None:
            server.close()
    assert ours.returncode == 1 and ours.stdout == ""
    assert len(ours.stderr.splitlines()) == 1
    if expected is not None:
        assert _message(ours.stderr) == expected.format(dir=tmp_path)


def test_tls_context_is_ours_alone(tls_pki, tls_daemon):
    """The TLS client trusts the given CA and nothing else: no default bundle (certifi's or the system's) is
    loaded on top of it (httpcore imports the certifi module, but its bundle is never read)."""
    code = ("from pydock.config import Endpoint; from pydock.engine.transport import make_transport;"
            f"t = make_transport(Endpoint(host={tls_daemon.host!r}, tls=True, tls_verify=True, ca_cert={tls_pki.ca!r}));"
            "print(t._pool._ssl_context.cert_store_stats())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out == "{'x509': 1, 'crl': 0, 'x509_ca': 1}\n"
