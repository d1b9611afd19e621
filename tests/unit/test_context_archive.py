"""The pure parts of the remote-endpoint contexts: docker's context archive (build/parse), the typed
checks of meta.json, and the checks of TLS material, in docker's words."""

import io
import json
import tarfile
import zipfile

import pytest

from pydock.cli.context._archive import build, parse
from pydock.engine.hosts import context_meta_problem, go_json_error
from pydock.engine.transport import tls_material_problem
from pydock.errors import PydockError

META = {"Name": "orig", "Metadata": {"Description": "d"},
        "Endpoints": {"docker": {"Host": "tcp://h:2376", "SkipTLSVerify": False}}}
TLS = {"docker": {"ca.pem": b"CA", "cert.pem": b"CERT", "key.pem": b"KEY"}}


def test_build_parse_round_trip_renames():
    data = build(json.dumps(META).encode(), TLS)
    assert len(data) % 512 == 0
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        names = [(m.name.rstrip("/"), m.mode, m.mtime, m.uid, m.uname) for m in tar]
    assert names == [("meta.json", 0o644, 0, 0, ""), ("tls", 0o700, 0, 0, ""), ("tls/docker", 0o700, 0, 0, ""),
                     ("tls/docker/ca.pem", 0o600, 0, 0, ""), ("tls/docker/cert.pem", 0o600, 0, 0, ""),
                     ("tls/docker/key.pem", 0o600, 0, 0, "")]
    meta, tls = parse(data, "new-name")
    assert meta == {**META, "Name": "new-name"} and tls == TLS


def test_parse_accepts_dockers_unterminated_tar():
    """docker closes its pipe before the tar writer: no padding after the last file, no end blocks."""
    full = build(json.dumps(META).encode(), {"docker": {"ca.pem": b"x" * 700}})
    cut = full[: 512 * 5 + 700]  # meta.json header + data block, tls, tls/docker, ca.pem header, 700 bytes
    assert parse(cut, "n")[1] == {"docker": {"ca.pem": b"x" * 700}}


def test_parse_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("meta.json", json.dumps(META))
        z.writestr("tls/", "")
        z.writestr("tls/docker/ca.pem", b"CA")
    assert parse(buf.getvalue(), "z") == ({**META, "Name": "z"}, {"docker": {"ca.pem": b"CA"}})


def _tar(*entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"short", "unexpected EOF"),
    (b"", "invalid context: no metadata found"),
    (b"\1" * 1024, "archive/tar: invalid tar header"),
    (_tar(("tls/docker/ca.pem", b"x")), "invalid context: no metadata found"),
    (_tar(("meta.json", b"{}"), ("other", b"x")), "other: unexpected context file"),
    (_tar(("meta.json", b"{}"), ("tls/./x/y", b"x")), "tls/./x/y: unexpected path format"),
    (_tar(("meta.json", b"{}"), ("tls/a\\b/c", b"x")), "tls/a\\b/c: unexpected '\\' in path"),
    (_tar(("meta.json", b"{}"), ("tls/ca.pem", b"x")), "archive format is invalid"),
    (_tar(("meta.json", b"{x")), "invalid character 'x' looking for beginning of object key string"),
    (_tar(("meta.json", b'{"Metadata":"s"}')),
     "invalid context: meta.json: json: cannot unmarshal string into Go value of type map[string]interface {}"),
])
def test_parse_errors(data, message):
    with pytest.raises(PydockError) as e:
        parse(data, "n")
    assert str(e.value) == message


@pytest.mark.parametrize("meta, problem", [
    (META, None),
    ({"Name": "x", "Metadata": None, "Endpoints": {"docker": None, "other": {"a": 1}}}, None),
    ([1], "json: cannot unmarshal array into Go value of type store.untypedContextMetadata"),
    ({"Name": 5}, "json: cannot unmarshal number into Go struct field untypedContextMetadata.name of type string"),
    ({"Endpoints": "x"}, "json: cannot unmarshal string into Go struct field untypedContextMetadata.endpoints of type "
                         "map[string]json.RawMessage"),
    ({"Metadata": []}, "json: cannot unmarshal array into Go value of type map[string]interface {}"),
    ({"Endpoints": {"docker": "x"}}, "json: cannot unmarshal string into Go value of type context.EndpointMetaBase"),
    ({"Endpoints": {"docker": {"Host": 5}}},
     "json: cannot unmarshal number into Go struct field EndpointMetaBase.Host of type string"),
    ({"Endpoints": {"docker": {"SkipTLSVerify": "yes"}}},
     "json: cannot unmarshal string into Go struct field EndpointMetaBase.SkipTLSVerify of type bool"),
    ({"Endpoints": {"kube": 1}}, "json: cannot unmarshal number into Go value of type map[string]interface {}"),
])
def test_context_meta_problem(meta, problem):
    assert context_meta_problem(meta) == problem


def test_go_json_error():
    for text, words in ((b"", "unexpected end of JSON input"), (b'{"a":1', "unexpected end of JSON input"),
                        (b"nope", "invalid character 'n' looking for beginning of value")):
        with pytest.raises(ValueError) as e:
            json.loads(text)
        assert go_json_error(text, e.value) == words


CERT = b"-----BEGIN CERTIFICATE-----\nMII=\n-----END CERTIFICATE-----\n"
KEY = b"-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n"


@pytest.mark.parametrize("ca, cert, key, problem", [
    (None, None, None, None),
    (b"junk", None, None, "failed to retrieve context tls info: ca.pem seems invalid"),
    (CERT, CERT, None, None),  # a cert without a key: no client certificate, no check
    (None, CERT, b"junk", "no valid private key found"),
    (None, CERT, b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n",
     "private key is encrypted - support for encrypted private keys has been removed, see "
     "https://docs.docker.com/go/deprecated/"),
    (None, b"junk", KEY, "failed to retrieve context tls info: tls: failed to find any PEM data in certificate input"),
    (None, KEY, KEY, "failed to retrieve context tls info: tls: failed to find certificate PEM data in certificate "
                     "input, but did find a private key; PEM inputs may have been switched"),
    (None, CERT, CERT, "failed to retrieve context tls info: tls: found a certificate rather than a key in the PEM "
                       "for the private key"),
])
def test_tls_material_problem(ca, cert, key, problem):
    assert tls_material_problem(ca, cert, key, check_pair=False) == problem
