"""Endpoint resolution: docker's host grammar and precedence (flags, env, contexts)."""

import hashlib
import json

import pytest

from pydock.config import ConfigFile
from pydock.engine.hosts import InvalidHost, parse_host, resolve_endpoint
from pydock.errors import PydockError


@pytest.mark.parametrize("value, host", [
    ("", "unix:///var/run/docker.sock"),
    ("unix://", "unix:///var/run/docker.sock"),
    ("unix:///tmp/d.sock", "unix:///tmp/d.sock"),
    ("tcp://", "tcp://localhost:2375"),
    ("tcp://1.2.3.4", "tcp://1.2.3.4:2375"),
    ("tcp://:2376", "tcp://localhost:2376"),
    ("127.0.0.1:1", "tcp://127.0.0.1:1"),
    ("tcp://[::1]:2375", "tcp://[::1]:2375"),
    ("tcp://host:2375/path", "tcp://host:2375/path"),
    ("ssh://me@host", "ssh://me@host"),
    ("fd://", "fd://"),
])
def test_parse_host(value, host):
    assert parse_host(value) == host


def test_parse_host_tls_default_port():
    # docker 28 (opts.ParseHost): only an empty host becomes tcp://localhost:2376 with TLS; a tcp:// host
    # without a port takes 2375 whether TLS is on or not (`docker --tls -H tcp://127.0.0.1 ps` says
    # "Cannot connect to the Docker daemon at tcp://127.0.0.1:2375")
    assert parse_host("", tls=True) == "tcp://localhost:2376"
    assert parse_host("tcp://example", tls=True) == "tcp://example:2375"
    assert parse_host("tcp://", tls=True) == "tcp://localhost:2375"


@pytest.mark.parametrize("value, detail", [
    ("bogus://x", "invalid bind address format: bogus://x"),
    ("tcp://h:99999", "invalid bind address format: tcp://h:99999"),
    # url.Parse's words, as docker 28 printed them
    ("tcp://host:port", 'parse "tcp://host:port": invalid port ":port" after host'),
    ("tcp://a:b:c", 'parse "tcp://a:b:c": invalid port ":c" after host'),
    ("tcp://[::1", "parse \"tcp://[::1\": missing ']' in host"),
])
def test_parse_host_invalid(value, detail):
    with pytest.raises(InvalidHost) as e:
        parse_host(value)
    assert str(e.value) == f"Failed to initialize: unable to resolve docker endpoint: {detail}"


def make_context(tmp_path, name, host, skip_verify=False):
    d = tmp_path / "contexts" / "meta" / hashlib.sha256(name.encode()).hexdigest()
    d.mkdir(parents=True)
    (d / "meta.json").write_text(json.dumps({"Name": name, "Metadata": {},
                                             "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_verify}}}))


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for var in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "DOCKER_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return monkeypatch


def resolve(tmp_path, data=None, **kw):
    return resolve_endpoint(tmp_path, ConfigFile(tmp_path / "config.json", data or {}), **kw)


def test_default_is_the_unix_socket(clean_env, tmp_path):
    assert resolve(tmp_path).host == "unix:///var/run/docker.sock"


def test_host_flag_beats_env(clean_env, tmp_path):
    clean_env.setenv("DOCKER_HOST", "tcp://envhost:1")
    assert resolve(tmp_path, host_flag=("tcp://flag:2",)).host == "tcp://flag:2"
    assert resolve(tmp_path).host == "tcp://envhost:1"


def test_docker_host_beats_docker_context_and_current_context(clean_env, tmp_path):
    make_context(tmp_path, "remote", "tcp://ctx:2375")
    clean_env.setenv("DOCKER_HOST", "tcp://envhost:1")
    clean_env.setenv("DOCKER_CONTEXT", "remote")
    assert resolve(tmp_path, {"currentContext": "remote"}).host == "tcp://envhost:1"


def test_context_flag_wins_and_env_context_beats_config(clean_env, tmp_path):
    make_context(tmp_path, "a", "tcp://a:1")
    make_context(tmp_path, "b", "tcp://b:2")
    assert resolve(tmp_path, {"currentContext": "a"}).host == "tcp://a:1"
    clean_env.setenv("DOCKER_CONTEXT", "b")
    assert resolve(tmp_path, {"currentContext": "a"}).host == "tcp://b:2"
    ep = resolve(tmp_path, {"currentContext": "a"}, context_flag="a")
    assert (ep.host, ep.context) == ("tcp://a:1", "a")


def test_default_context_name_means_default_endpoint(clean_env, tmp_path):
    assert resolve(tmp_path, context_flag="default").host == "unix:///var/run/docker.sock"


def test_host_and_context_conflict(clean_env, tmp_path):
    with pytest.raises(PydockError, match="conflicting options: cannot specify both --host and --context"):
        resolve(tmp_path, host_flag=("tcp://x:1",), context_flag="a")


def test_missing_context(clean_env, tmp_path):
    with pytest.raises(PydockError) as e:
        resolve(tmp_path, context_flag="nosuch")
    assert str(e.value).startswith('Failed to initialize: unable to resolve docker endpoint: context "nosuch": context not found: open ')


def test_tls_verify_env_enables_tls_even_when_zero(clean_env, tmp_path):
    clean_env.setenv("DOCKER_TLS_VERIFY", "0")
    clean_env.setenv("DOCKER_CERT_PATH", str(tmp_path))
    (tmp_path / "ca.pem").write_text("x")
    ep = resolve(tmp_path, host_flag=("tcp://h",))
    assert ep.tls and ep.tls_verify and ep.host == "tcp://h:2375"
    assert ep.ca_cert == str(tmp_path / "ca.pem")


def test_tls_flag_without_verify_still_reads_the_ca(clean_env, tmp_path):
    # docker's TLSDataFromFiles reads ca.pem whenever TLS is on, verification or not
    with pytest.raises(PydockError) as e:
        resolve(tmp_path, host_flag=("tcp://h:1",), tls_flags={"tls": True})
    assert str(e.value) == ("Failed to initialize: unable to resolve docker endpoint: open "
                            f"{tmp_path}/.docker/ca.pem: no such file or directory")
    (tmp_path / ".docker").mkdir()
    (tmp_path / ".docker" / "ca.pem").write_text("x")
    ep = resolve(tmp_path, host_flag=("tcp://h:1",), tls_flags={"tls": True})
    assert ep.tls and not ep.tls_verify and ep.ca_cert == f"{tmp_path}/.docker/ca.pem"
    assert ep.cert is None and ep.key is None  # default cert.pem/key.pem absent: no client certificate


def test_tls_files_default_to_docker_config_not_config_flag(clean_env, tmp_path):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (cfg / name).write_text("x")
    clean_env.setenv("DOCKER_CONFIG", str(cfg))
    ep = resolve(tmp_path, tls_flags={"tlsverify": True})
    assert (ep.host, ep.ca_cert, ep.cert, ep.key) == ("tcp://localhost:2376", f"{cfg}/ca.pem", f"{cfg}/cert.pem",
                                                      f"{cfg}/key.pem")
    clean_env.setenv("DOCKER_CERT_PATH", str(tmp_path))  # DOCKER_CERT_PATH first
    with pytest.raises(PydockError, match=f"open {tmp_path}/ca.pem: no such file"):
        resolve(tmp_path, tls_flags={"tlsverify": True})


def test_tls_file_errors_in_go_words(clean_env, tmp_path):
    (tmp_path / "ca.pem").write_text("x")
    flags = {"tlsverify": True, "tlscacert": str(tmp_path / "ca.pem")}
    with pytest.raises(PydockError) as e:
        resolve(tmp_path, tls_flags={**flags, "tlscert": str(tmp_path)})
    assert str(e.value) == f"Failed to initialize: unable to resolve docker endpoint: read {tmp_path}: is a directory"
    with pytest.raises(PydockError) as e:
        resolve(tmp_path, tls_flags={**flags, "tlskey": str(tmp_path / "nope.pem")})
    assert str(e.value).endswith(f"open {tmp_path}/nope.pem: no such file or directory")


def test_context_skip_tls_verify_without_material_is_tls(clean_env, tmp_path):
    make_context(tmp_path, "insecure", "tcp://h:2376", skip_verify=True)
    ep = resolve(tmp_path, context_flag="insecure")
    assert ep.tls and not ep.tls_verify and ep.ca_cert is None
