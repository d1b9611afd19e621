"""pydock.auth (credential stores, helpers, X-Registry-Auth), the config.json writer, and the pure parts of
login/logout/pull/push. No engine: helpers are small scripts written into a temp dir put first on PATH."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import sys
import textwrap

import pytest

from pydock.auth import hints
from pydock.auth.helper import Helper, HelperError
from pydock.auth.store import (FileStore, NativeStore, credentials_store, get_auth_config, helper_for,
                               registry_auth, resolve_for_image)
from pydock.auth.types import (INDEX_SERVER, AuthConfig, AuthConfigError, convert_to_hostname, decode_auth,
                               decode_header, encode_auth, encode_header, from_file_entry, key_for_domain,
                               to_file_entry)
from pydock.config import ConfigFile, docker_key_order, write_config_file
from pydock.errors import PydockError


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# -- encodings ----------------------------------------------------------------------------------------

def test_header_without_credentials_is_e30():
    assert encode_header(None) == "e30="
    assert encode_header(AuthConfig()) == "e30="


def test_header_is_url_safe_base64_of_compact_json_in_go_field_order():
    auth = AuthConfig(username="hubuser", password="hubpw", serveraddress=INDEX_SERVER)
    header = encode_header(auth)
    raw = base64.urlsafe_b64decode(header)
    assert raw == b'{"username":"hubuser","password":"hubpw","serveraddress":"https://index.docker.io/v1/"}'
    assert decode_header(header) == auth


def test_header_uses_the_url_safe_alphabet_with_padding():
    auth = AuthConfig(username="u", password="??>>??~~", serveraddress="r")
    header = encode_header(auth)
    assert "+" not in header and "/" not in header and len(header) % 4 == 0
    assert base64.urlsafe_b64decode(header) == json.dumps(auth.to_json(), separators=(",", ":")).encode()


def test_identity_token_in_header():
    auth = AuthConfig(identitytoken="tok", serveraddress="r:5000")
    assert json.loads(base64.urlsafe_b64decode(encode_header(auth))) == {"serveraddress": "r:5000",
                                                                         "identitytoken": "tok"}


@pytest.mark.parametrize("user,password,encoded", [
    ("pydock", "pydock-secret", "cHlkb2NrOnB5ZG9jay1zZWNyZXQ="),
    ("a", "b:c", b64("a:b:c")),
    ("", "", ""),
])
def test_encode_auth(user, password, encoded):
    assert encode_auth(user, password) == encoded
    if encoded:
        assert decode_auth(encoded) == (user, password)


@pytest.mark.parametrize("value", ["!!!notbase64", b64("nocolon"), b64(":nouser")])
def test_decode_auth_rejects_what_docker_rejects(value):
    with pytest.raises(AuthConfigError):
        decode_auth(value)


def test_decode_auth_trims_nul_padding():
    assert decode_auth(b64("u:p\x00\x00")) == ("u", "p")


def test_file_entry_round_trip():
    auth = from_file_entry("r:5000", {"auth": b64("u:p"), "email": "e@x", "identitytoken": ""})
    assert (auth.username, auth.password, auth.email, auth.serveraddress) == ("u", "p", "e@x", "r:5000")
    assert to_file_entry(auth) == {"auth": b64("u:p"), "email": "e@x"}
    assert to_file_entry(AuthConfig(serveraddress="x")) == {}


def test_secrets_never_in_repr():
    auth = AuthConfig(username="u", password="s3cr3t", identitytoken="t0k3n", serveraddress="r")
    assert "s3cr3t" not in repr(auth) and "t0k3n" not in str(auth) and "u" in repr(auth)


@pytest.mark.parametrize("value,expected", [
    ("https://index.docker.io/v1/", "index.docker.io"),
    ("http://127.0.0.1:5001/v2/", "127.0.0.1:5001"),
    ("https://Registry.Example.com", "Registry.Example.com"),
    ("registry.example.com:5000/path", "registry.example.com:5000"),
    ("127.0.0.1:5001", "127.0.0.1:5001"),
    ("https://[::1]:5000/", "[::1]:5000"),
    ("https://[::1]/", "::1"),
    ("https://user@host:1/", "host:1"),
    ("localhost", "localhost"),
])
def test_convert_to_hostname(value, expected):
    assert convert_to_hostname(value) == expected


@pytest.mark.parametrize("domain,key", [
    ("docker.io", INDEX_SERVER), ("index.docker.io", INDEX_SERVER), ("127.0.0.1:5000", "127.0.0.1:5000"),
    ("localhost", "localhost"),
])
def test_key_for_domain(domain, key):
    assert key_for_domain(domain) == key


# -- config.json writer -------------------------------------------------------------------------------

def test_docker_key_order_keeps_everything():
    data = {"zz": 1, "psFormat": "x", "credHelpers": {"b": "h", "a": "h"}, "auths": {"z": {}, "a": {}}}
    ordered = docker_key_order(data)
    assert list(ordered) == ["auths", "psFormat", "credHelpers", "zz"]
    assert list(ordered["auths"]) == ["a", "z"] and list(ordered["credHelpers"]) == ["a", "b"]
    assert docker_key_order({}) == {"auths": {}}


def test_save_writes_tab_indented_go_json_0600(tmp_path):
    cfg = ConfigFile(tmp_path / "d" / "config.json", {"psFormat": "table {{.ID}} <&>", "auths": {}})
    cfg.save()
    text = cfg.path.read_text()
    assert text == '{\n\t"auths": {},\n\t"psFormat": "table {{.ID}} \\u003c\\u0026\\u003e"\n}'
    assert stat.S_IMODE(cfg.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cfg.path.parent.stat().st_mode) == 0o700
    assert os.listdir(cfg.path.parent) == ["config.json"]  # no temporary file left


def test_save_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "config.json"
    path.write_text("{}")
    path.chmod(0o644)
    ConfigFile(path, {"auths": {}}).save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_save_replaces_a_symlink_target(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "config.json"
    link.symlink_to(real)
    ConfigFile(link, {"auths": {}, "x": 1}).save()
    assert link.is_symlink() and json.loads(real.read_text()) == {"auths": {}, "x": 1}


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "config.json"
    path.write_text('{"auths": {}}')

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(PydockError) as e:
        write_config_file(path, {"auths": {"x": {}}})
    assert re.fullmatch(rf"rename {tmp_path}/config\.json\d+ {path}: no space left on device", str(e.value))  # Go's LinkError
    assert path.read_text() == '{"auths": {}}' and os.listdir(tmp_path) == ["config.json"]


# -- file store ---------------------------------------------------------------------------------------

def config_with(tmp_path, data) -> ConfigFile:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data))
    path.chmod(0o600)
    return ConfigFile.load(tmp_path)


def test_file_store_get_exact_and_by_hostname(tmp_path):
    cfg = config_with(tmp_path, {"auths": {"https://r.example:5000/v1/": {"auth": b64("u:p")},
                                           "plain:1": {"auth": b64("a:b"), "identitytoken": "t"}}})
    store = FileStore(cfg)
    assert store.get("plain:1") == AuthConfig(username="a", password="b", identitytoken="t", serveraddress="plain:1")
    found = store.get("r.example:5000")
    assert (found.username, found.password, found.serveraddress) == ("u", "p", "https://r.example:5000/v1/")
    assert store.get("nothere") == AuthConfig()


def test_file_store_store_and_erase_preserve_other_keys(tmp_path, capsys):
    cfg = config_with(tmp_path, {"psFormat": "x", "proxies": {"default": {"httpProxy": "p"}}, "custom": [1]})
    store = FileStore(cfg, warn=sys.stderr)
    store.store(AuthConfig(username="pydock", password="pw", serveraddress="127.0.0.1:5001"))
    data = json.loads(cfg.path.read_text())
    assert data == {"auths": {"127.0.0.1:5001": {"auth": b64("pydock:pw")}}, "psFormat": "x",
                    "proxies": {"default": {"httpProxy": "p"}}, "custom": [1]}
    assert "pw" not in cfg.path.read_text()
    err = capsys.readouterr().err
    assert f"WARNING! Your credentials are stored unencrypted in '{cfg.path}'." in err
    assert "pw" not in err
    store.erase("127.0.0.1:5001")
    assert json.loads(cfg.path.read_text())["auths"] == {}
    assert json.loads(cfg.path.read_text())["custom"] == [1]


def test_file_store_unchanged_entry_is_not_rewritten(tmp_path):
    cfg = config_with(tmp_path, {"auths": {"r": {"auth": b64("u:p")}}})
    before = cfg.path.stat().st_mtime_ns, cfg.path.read_text()
    FileStore(cfg).store(AuthConfig(username="u", password="p", serveraddress="r"))
    assert (cfg.path.stat().st_mtime_ns, cfg.path.read_text()) == before
    FileStore(cfg).erase("absent")
    assert cfg.path.read_text() == before[1]


def test_identity_token_is_stored_instead_of_the_password(tmp_path):
    cfg = config_with(tmp_path, {})
    FileStore(cfg).store(AuthConfig(username="u", identitytoken="tok", serveraddress="r"))
    assert json.loads(cfg.path.read_text())["auths"]["r"] == {"auth": b64("u:"), "identitytoken": "tok"}


# -- credential helpers -------------------------------------------------------------------------------

HELPER = textwrap.dedent("""\
    #!{python}
    import json, os, sys
    path = os.environ["PDA_STORE"]
    data = json.load(open(path)) if os.path.exists(path) else {{}}
    action, raw = sys.argv[1], sys.stdin.read()
    open(path + ".log", "a").write(action + " " + (raw if action != "store" else json.loads(raw)["ServerURL"]) + "\\n")
    if os.environ.get("PDA_FAIL"):
        print("the keychain is locked"); sys.exit(3)
    if action == "store":
        c = json.loads(raw); data[c["ServerURL"]] = [c["Username"], c["Secret"]]
    elif action == "get":
        if raw not in data:
            print("credentials not found in native keychain"); sys.exit(1)
        print(json.dumps({{"ServerURL": raw, "Username": data[raw][0], "Secret": data[raw][1]}}))
    elif action == "erase":
        if raw not in data:
            print("credentials not found in native keychain"); sys.exit(1)
        del data[raw]
    elif action == "list":
        print(json.dumps({{k: v[0] for k, v in data.items()}}))
    json.dump(data, open(path, "w"))
""")


@pytest.fixture
def helper_env(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "docker-credential-pdaunit"
    script.write_text(HELPER.format(python=sys.executable))
    script.chmod(0o755)
    store = tmp_path / "helper-store.json"
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PDA_STORE", str(store))
    monkeypatch.delenv("PDA_FAIL", raising=False)
    return store


def test_helper_protocol(helper_env):
    h = Helper("pdaunit")
    h.store("r:1", "user", "secret")
    assert json.loads(helper_env.read_text()) == {"r:1": ["user", "secret"]}
    assert h.get("r:1") == {"ServerURL": "r:1", "Username": "user", "Secret": "secret"}
    assert h.list() == {"r:1": "user"}
    h.erase("r:1")
    assert h.list() == {}
    log = (helper_env.parent / "helper-store.json.log").read_text()
    assert "secret" not in log  # (the test helper logs the URL only; the secret travels on stdin)


def test_helper_not_found_and_failures(helper_env, monkeypatch):
    from pydock.auth.helper import CredentialsNotFound

    with pytest.raises(CredentialsNotFound):
        Helper("pdaunit").get("nothere")
    monkeypatch.setenv("PDA_FAIL", "1")
    with pytest.raises(HelperError) as e:
        Helper("pdaunit").get("r:1")
    assert str(e.value) == "error getting credentials - err: exit status 3, out: `the keychain is locked`"
    with pytest.raises(HelperError) as e:
        Helper("pdaunit").store("r:1", "u", "topsecret")
    assert str(e.value) == "error storing credentials - err: exit status 3, out: `the keychain is locked`"
    assert "topsecret" not in str(e.value)
    with pytest.raises(HelperError) as e:
        Helper("pdaunit").erase("r:1")
    assert str(e.value).startswith("error erasing credentials - err: exit status 3")


def test_missing_helper_program():
    with pytest.raises(HelperError) as e:
        Helper("pda-no-such-helper").get("r")
    assert str(e.value) == ('error getting credentials - err: exec: "docker-credential-pda-no-such-helper": '
                            "executable file not found in $PATH, out: ``")


def test_native_store_keeps_an_empty_file_entry(helper_env, tmp_path):
    cfg = config_with(tmp_path, {"credsStore": "pdaunit", "psFormat": "x"})
    store = credentials_store(cfg, "127.0.0.1:5001")
    assert isinstance(store, NativeStore)
    store.store(AuthConfig(username="pydock", password="pydock-secret", serveraddress="127.0.0.1:5001"))
    text = cfg.path.read_text()
    assert json.loads(text) == {"auths": {"127.0.0.1:5001": {}}, "credsStore": "pdaunit", "psFormat": "x"}
    assert "pydock-secret" not in text
    got = get_auth_config(cfg, "127.0.0.1:5001")
    assert (got.username, got.password, got.serveraddress) == ("pydock", "pydock-secret", "127.0.0.1:5001")
    assert get_auth_config(cfg, "other:1") == AuthConfig()  # not found in the helper: no credentials
    store.erase("127.0.0.1:5001")
    assert json.loads(cfg.path.read_text())["auths"] == {}
    assert json.loads(helper_env.read_text()) == {}


def test_native_store_identity_token(helper_env, tmp_path):
    cfg = config_with(tmp_path, {"credsStore": "pdaunit"})
    credentials_store(cfg, "r:1").store(AuthConfig(username="u", identitytoken="tok", serveraddress="r:1"))
    assert json.loads(helper_env.read_text()) == {"r:1": ["<token>", "tok"]}
    got = get_auth_config(cfg, "r:1")
    assert (got.username, got.password, got.identitytoken) == ("", "", "tok")


def test_cred_helpers_win_over_creds_store(tmp_path):
    cfg = config_with(tmp_path, {"credsStore": "a", "credHelpers": {"r:1": "b"}})
    assert helper_for(cfg, "r:1") == "b"
    assert helper_for(cfg, "r:2") == "a"
    assert helper_for(config_with(tmp_path, {}), "r:1") == ""
    assert isinstance(credentials_store(config_with(tmp_path, {}), "r"), FileStore)


def test_registry_auth_for_images(tmp_path, helper_env, capsys):
    cfg = config_with(tmp_path, {"auths": {INDEX_SERVER: {"auth": b64("hub:pw")},
                                           "127.0.0.1:5001": {"auth": b64("pydock:pydock-secret")}},
                                 "credHelpers": {"127.0.0.1:5002": "pdaunit"}})
    assert decode_header(registry_auth(cfg, "busybox")) == AuthConfig(username="hub", password="pw",
                                                                       serveraddress=INDEX_SERVER)
    assert decode_header(registry_auth(cfg, "index.docker.io/library/busybox:1")).username == "hub"
    assert decode_header(registry_auth(cfg, "127.0.0.1:5001/pda-x:v1")).password == "pydock-secret"
    assert registry_auth(cfg, "127.0.0.1:5000/pda-x") == "e30="
    assert registry_auth(cfg, "127.0.0.1:5002/pda-x") == "e30="  # the helper has nothing for it
    assert registry_auth(cfg, "a::b") == "e30="
    assert resolve_for_image(cfg, "127.0.0.1:5001/x").serveraddress == "127.0.0.1:5001"
    assert registry_auth({}, "busybox") == "e30="


def test_failing_helper_gives_no_credentials_and_a_warning_without_secrets(tmp_path, helper_env, monkeypatch, capsys):
    cfg = config_with(tmp_path, {"credsStore": "pdaunit"})
    monkeypatch.setenv("PDA_FAIL", "1")
    assert registry_auth(cfg, "127.0.0.1:5001/x") == "e30="
    assert "failed to get credentials for 127.0.0.1:5001" in capsys.readouterr().err


# -- login / logout / pull / push: the pure parts -----------------------------------------------------

@pytest.mark.parametrize("kw,message", [
    ({"password_stdin": True, "password_set": True, "password": "x", "user_set": True, "user": "u"},
     "conflicting options: cannot specify both --password and --password-stdin"),
    ({"password_stdin": True}, "the --password-stdin option requires --username to be set"),
    ({"user_set": True}, "username is empty"),
    ({"password_set": True}, "password is empty"),
    ({"user_set": True, "user": "u", "password_set": True, "password": "p"}, None),
    ({}, None),
])
def test_login_flag_checks(kw, message):
    from pydock.cli.login import LoginOptions, verify_flags

    if message is None:
        verify_flags(LoginOptions(**kw))
        return
    with pytest.raises(PydockError) as e:
        verify_flags(LoginOptions(**kw))
    assert str(e.value) == message and e.value.exit_code == 1


@pytest.mark.parametrize("data,secret", [
    (b"pw\n", "pw"), (b"pw\r\n", "pw"), (b"pw\n\n", "pw\n"), (b" pw \n", " pw "), (b"pw", "pw"), (b"", ""),
])
def test_password_stdin_trimming(data, secret):
    from pydock.cli.login import strip_secret

    assert strip_secret(data) == secret


@pytest.mark.parametrize("arg,address", [
    ("", INDEX_SERVER), ("docker.io", INDEX_SERVER), ("127.0.0.1:5001", "127.0.0.1:5001"),
    ("http://127.0.0.1:5001/v2/", "http://127.0.0.1:5001/v2/"),
])
def test_login_server_address(arg, address):
    from pydock.cli.login import server_address

    assert server_address(arg) == address


@pytest.mark.parametrize("arg,host,keys", [
    ("", INDEX_SERVER, [INDEX_SERVER]),
    ("127.0.0.1:5001", "127.0.0.1:5001",
     ["127.0.0.1:5001", "127.0.0.1:5001", "http://127.0.0.1:5001", "https://127.0.0.1:5001"]),
    ("https://r:1/v2/", "r:1", ["https://r:1/v2/", "r:1", "http://r:1", "https://r:1"]),
])
def test_logout_keys(arg, host, keys):
    from pydock.cli.logout import logout_keys

    assert logout_keys(arg) == (host, keys)


@pytest.mark.parametrize("remote,all_tags,plan", [
    ("busybox", False, ("docker.io/library/busybox", "latest", "docker.io", "docker.io/library/busybox:latest", True)),
    ("127.0.0.1:5000/pda-x:v1", False, ("127.0.0.1:5000/pda-x", "v1", "127.0.0.1:5000", "127.0.0.1:5000/pda-x:v1",
                                        False)),
    ("x@sha256:" + "a" * 64, False, ("docker.io/library/x", "sha256:" + "a" * 64, "docker.io",
                                     "docker.io/library/x@sha256:" + "a" * 64, False)),
    ("x:1@sha256:" + "a" * 64, False, ("docker.io/library/x", "sha256:" + "a" * 64, "docker.io",
                                       "docker.io/library/x:1@sha256:" + "a" * 64, False)),
    ("127.0.0.1:5000/pda-x", True, ("127.0.0.1:5000/pda-x", None, "127.0.0.1:5000", "127.0.0.1:5000/pda-x", False)),
    ("UPPER/case", False, ("UPPER/case", "latest", "UPPER", "UPPER/case:latest", True)),
])
def test_plan_pull(remote, all_tags, plan):
    from pydock.cli.image.pull import plan_pull

    p = plan_pull(remote, all_tags)
    assert (p.from_image, p.tag, p.domain, p.result, p.default_tag) == plan


@pytest.mark.parametrize("remote,all_tags,message", [
    ("a::b", False, "invalid reference format"),
    ("Busybox", False, "invalid reference format: repository name (library/Busybox) must be lowercase"),
    ("x:1", True, "tag can't be used with --all-tags/-a"),
    ("a" * 64, False, f"invalid repository name ({'a' * 64}), cannot specify 64-byte hexadecimal strings"),
])
def test_plan_pull_errors(remote, all_tags, message):
    from pydock.cli.image.pull import plan_pull

    with pytest.raises(PydockError) as e:
        plan_pull(remote, all_tags)
    assert str(e.value) == message and e.value.exit_code == 1


@pytest.mark.parametrize("remote,all_tags,plan", [
    ("busybox", False, ("busybox", "latest", "docker.io/library/busybox:latest", True)),
    ("127.0.0.1:5000/pda-x:v1", False, ("127.0.0.1:5000/pda-x", "v1", "127.0.0.1:5000/pda-x:v1", False)),
    ("user/img", True, ("user/img", None, "docker.io/user/img", False)),
])
def test_plan_push(remote, all_tags, plan):
    from pydock.cli.image.push import plan_push

    p = plan_push(remote, all_tags)
    assert (p.name, p.tag, p.result, p.default_tag) == plan


@pytest.mark.parametrize("remote,all_tags,message", [
    ("x@sha256:" + "a" * 64, False, "cannot push a digest reference"),
    ("x:1", True, "tag can't be used with --all-tags/-a"),
    ("a::b", False, "invalid reference format"),
])
def test_plan_push_errors(remote, all_tags, message):
    from pydock.cli.image.push import plan_push

    with pytest.raises(PydockError) as e:
        plan_push(remote, all_tags)
    assert str(e.value) == message


@pytest.mark.parametrize("message,expect", [
    ('Get "http://127.0.0.1:5109/v2/": dial tcp 127.0.0.1:5109: connect: connection refused',
     "nothing is listening at 127.0.0.1:5109"),
    ('Get "https://r.example:5000/v2/": http: server gave HTTP response to HTTPS client',
     '"r.example:5000" to "insecure-registries"'),
    ('Get "https://nope.invalid/v2/": dial tcp: lookup nope.invalid: no such host', "does not resolve"),
    ('Get "https://r:1/v2/": x509: certificate signed by unknown authority', "/etc/docker/certs.d/r:1/ca.crt"),
    ("no basic auth credentials", "run 'pydock login 127.0.0.1:5001'"),
    ("manifest unknown: manifest unknown", ""),
])
def test_registry_hints(message, expect):
    hint = hints.registry_hint(message, "127.0.0.1:5001")
    if expect:
        assert hint.startswith("hint: ") and expect in hint
    else:
        assert hint == ""


def test_with_hint_keeps_the_exit_status_and_docker_line_first():
    from pydock.errors import DaemonError

    err = DaemonError('Get "http://127.0.0.1:5109/v2/": dial tcp 127.0.0.1:5109: connect: connection refused', 500)
    out = hints.with_hint(err)
    lines = str(out).splitlines()
    assert lines[0] == str(err) and lines[1].startswith("hint: ") and out.exit_code == 1
    plain = DaemonError("manifest unknown", 404)
    assert hints.with_hint(plain) is plain


def test_registry_config_header_has_every_credential(tmp_path, helper_env):
    from pydock.auth.store import all_credentials, registry_config_header

    cfg = config_with(tmp_path, {"auths": {"a:1": {"auth": b64("u:p")}, "b:2": {}},
                                 "credHelpers": {"h:3": "pdaunit", "gone:4": "pda-no-such-helper"}})
    Helper("pdaunit").store("h:3", "hu", "hp")
    creds = all_credentials(cfg)
    assert creds["a:1"].password == "p" and creds["h:3"].username == "hu" and "gone:4" not in creds
    decoded = json.loads(base64.urlsafe_b64decode(registry_config_header(cfg)))
    assert decoded["a:1"] == {"username": "u", "password": "p", "serveraddress": "a:1"}
    assert decoded["h:3"] == {"username": "hu", "password": "hp", "serveraddress": "h:3"}
    assert decoded["b:2"] == {"serveraddress": "b:2"}
    assert registry_config_header({}) == base64.urlsafe_b64encode(b"{}").decode()
