"""`builder prune`, `search` and `plugin`: side by side with the docker CLI, on the real engine where it can
answer, and on a stand-in daemon serving recorded answers where it cannot (Docker Hub is out of reach, no
plugin can be installed, the classic builder leaves no build cache): docker's own output is the oracle."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.differential import as_pydock, assert_same
from tests.fake_engine import FakeEngine

# docker (without the buildx plugin) warns on stderr before any `builder` command; pydock, a client of the
# classic builder by design, does not (as its `build` does not).
_BUILDX_WARNING = re.compile(r"DEPRECATED: The legacy builder is deprecated.*?https://docs\.docker\.com/go/buildx/\n\n", re.S)


def same_as_docker(*args, input=None, retries: int = 3):
    """docker and pydock agree on the exit status, stdout and stderr (docker's buildx warning aside)."""
    for _ in range(retries):
        theirs, ours = run_docker(*args, input=input), run_pydock(*args, input=input)
        expected = as_pydock(_BUILDX_WARNING.sub("", theirs.stderr))
        if (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, expected):
            return ours
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, expected), (ours, theirs)


def _query(path: str) -> tuple:
    """A request's path and query, the `filters` JSON decoded (Go sorts its keys, pydock keeps their order)."""
    from urllib.parse import parse_qs, urlsplit

    url = urlsplit(path)
    query = {k: json.loads(v[0]) if k == "filters" else v for k, v in parse_qs(url.query).items()}
    return url.path, sorted(query.items())


# -- builder prune ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("builder", "prune", "-f"),
    ("builder", "prune", "-f", "-a", "--keep-storage", "1g", "--filter", "until=87600h"),
    ("builder", "prune", "--force", "--filter", "until=24h"),
])
def test_builder_prune_real_engine(args):
    """What is left to remove (usually nothing: dangling cache another client left is gone after the first
    run, and the retry then sees both agree). `-a` is held to cache unused for ten years: the daemon is
    shared, and other sessions' BuildKit cache is not ours to remove."""
    ours = same_as_docker(*args)
    assert ours.stdout.endswith("Total reclaimed space: 0B\n") or "Deleted build cache objects:" in ours.stdout


@pytest.mark.parametrize("args,input", [
    (("builder", "prune"), "n\n"),
    (("builder", "prune", "-a"), "no\n"),
    (("builder", "prune"), ""),  # end of input declines too
])
def test_builder_prune_declined(args, input):
    ours = same_as_docker(*args, input=input)
    assert ours.returncode == 0 and ours.stdout.endswith("Are you sure you want to continue? [y/N] ")


@pytest.mark.parametrize("args", [
    ("builder", "prune", "x"),
    ("builder", "prune", "-f", "--keep-storage", "1x"),
    ("builder", "prune", "-f", "--filter", "xx"),
    ("builder", "prune", "-f", "--filter", "foo=bar"),
    ("builder", "prune", "-f", "--filter", "until=abc"),
    ("builder", "prune", "-a=maybe"),
    ("builder", "build"),
    ("builder", "nope"),
])
def test_builder_errors(args):
    assert same_as_docker(*args).returncode != 0


def test_builder_prune_report_and_query():
    """A prune that deleted cache records: the listing, the total, and the very same request."""
    report = {"CachesDeleted": ["s3zw2m5fqxpn4zhya7jw1b59t", "myvi1w69600bpc2oqbauf3oc0"], "SpaceReclaimed": 123456789}
    with FakeEngine({("POST", "/build/prune"): (200, report)}) as fake:
        args = ("-H", fake.host, "builder", "prune", "-f", "-a", "--keep-storage", "1.5g", "--filter", "until=1h")
        ours = same_as_docker(*args, retries=1)
        assert "s3zw2m5fqxpn4zhya7jw1b59t\nmyvi1w69600bpc2oqbauf3oc0\n\nTotal reclaimed space: 123.5MB\n" in ours.stdout
        queries = [_query(path) for method, path, _ in fake.requests if method == "POST"]
        assert len(queries) == 2 and queries[0] == queries[1], queries


# -- search ----------------------------------------------------------------------------------------------
# The daemon here reaches no registry's search API: the real engine gives the error paths, the stand-in
# serves a recorded Docker Hub answer (tests/fixtures/search_busybox.json) to both clients.

SEARCH_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "search_busybox.json"


@pytest.mark.parametrize("args", [
    ("search", "busybox"),  # the daemon cannot resolve index.docker.io
    ("search", "127.0.0.1:5000/busybox"),  # a registry without a search API
    ("search", "a:b/c"),
    ("search", "--limit", "200", "busybox"),
    ("search", "--limit", "0", "busybox"),
    ("search", "--limit", "abc", "busybox"),
    ("search", "-f", "foo=bar", "busybox"),
    ("search", "--filter", "is-automated=true", "busybox"),  # docker's deprecation warning first
    ("search", "-f", "stars"),
    ("search",),
    ("search", "a", "b"),
])
def test_search_errors_real_engine(args):
    assert same_as_docker(*args).returncode != 0


@pytest.fixture(scope="module")
def search_engine():
    results = json.loads(SEARCH_FIXTURE.read_text())
    with FakeEngine({("GET", "/images/search"): (200, results)}) as fake:
        yield fake


@pytest.mark.parametrize("args", [
    (),
    ("--no-trunc",),
    ("--format", "json"),
    ("--format", "table"),
    ("--format", "table {{.Name}}\t{{.StarCount}}\t{{.IsOfficial}}"),
    ("--format", "{{.Name}}: {{.Description}}"),
    ("--format", "{{json .}} {{.IsOfficial}}"),
    ("--format", "raw"),
    ("--format", "{{.IsAutomated}}"),
    ("--format", "{{.Name"),
    ("--limit", "3", "-f", "stars=3", "--filter", "is-official=true"),
])
def test_search_output_recorded_answer(search_engine, args):
    ours = same_as_docker("-H", search_engine.host, "search", *args, "busybox", retries=1)
    asked = [_query(path) for method, path, _ in search_engine.requests[-2:]]
    assert len(asked) == 2 and asked[0] == asked[1], asked
    assert ours.stdout or ours.returncode


def test_search_sends_the_stored_credentials(tmp_path, search_engine):
    """X-Registry-Auth for the term's registry from config.json, Docker Hub's key for Docker Hub terms."""
    import base64

    token = base64.b64encode(b"pydock:pydock-secret").decode()
    hub = base64.b64encode(b"hubuser:hubpass").decode()
    (tmp_path / "config.json").write_text(json.dumps({"auths": {
        "127.0.0.1:5001": {"auth": token}, "https://index.docker.io/v1/": {"auth": hub}}}))
    env = {"DOCKER_CONFIG": str(tmp_path)}
    for term in ("127.0.0.1:5001/busybox", "busybox", "127.0.0.1:5000/busybox"):
        theirs = run_docker("-H", search_engine.host, "search", "--format", "{{.Name}}", term, env=env)
        ours = run_pydock("-H", search_engine.host, "search", "--format", "{{.Name}}", term, env=env)
        assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout)
        headers = [h.get("X-Registry-Auth") for _, _, h in search_engine.requests[-2:]]
        assert headers[0] == headers[1], (term, headers)


# -- plugin ----------------------------------------------------------------------------------------------
# No plugin can be installed here: the real engine gives the empty list and the error paths; the stand-in
# serves recorded plugins (tests/fixtures/plugins.json, the shape of GET /plugins) and a recorded install.

PLUGINS = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "plugins.json").read_text())


@pytest.mark.parametrize("args", [
    ("plugin", "ls"), ("plugin", "ls", "-q"), ("plugin", "list", "--format", "json"),
    ("plugin", "ls", "-f", "enabled=true"), ("plugin", "ls", "--no-trunc", "--format", "{{.ID}} {{.Enabled}}"),
    ("plugin", "ls", "--format", "{{.Nope}}"),  # no rows: the template is never run
])
def test_plugin_ls_empty(args):
    assert same_as_docker(*args).returncode == 0


@pytest.mark.parametrize("args", [
    ("plugin", "ls", "-f", "foo=bar"), ("plugin", "ls", "x"),
    ("plugin", "inspect", "nope"), ("plugin", "inspect"), ("plugin", "inspect", "-f", "{{.Name}}", "nope", "other"),
    ("plugin", "enable", "nope"), ("plugin", "enable", "--timeout", "-1", "nope"), ("plugin", "enable", " "),
    ("plugin", "disable", "-f", "nope"), ("plugin", "rm", "nope", "other"), ("plugin", "remove", "-f", "nope"),
    ("plugin", "set", "nope", "a=b"), ("plugin", "set", "nope"),
    ("plugin", "push", "nope"), ("plugin", "push", "nope@sha256:aaaa"),
    ("plugin", "upgrade", "nope"), ("plugin", "upgrade", "a", "b", "c"),
    ("plugin", "install", "127.0.0.1:5000/pydock-test/busybox"), ("plugin", "install", "--alias", "x@sha256:abc", "foo"),
    ("plugin", "install", "UPPER"), ("plugin", "install"),
    ("plugin", "create", "x", "/nonexistent"), ("plugin", "create", "x", "/etc/passwd"), ("plugin", "create", "UPPER", "/tmp"),
    ("plugin", "nope"),
])
def test_plugin_errors_real_engine(args):
    assert same_as_docker(*args).returncode != 0


@pytest.mark.parametrize("config", [None, "{not json", "", "[]", '"x"', '{"a":', "{} trailing"])
def test_plugin_create_checks_config_json(tmp_path, config):
    """No config.json, one that is not JSON, or not an object; what follows the first value is not read
    (the daemon then finds no rootfs)."""
    if config is not None:
        (tmp_path / "config.json").write_text(config)
    assert same_as_docker("plugin", "create", "x", str(tmp_path)).returncode == 1


PULL_STREAM = (b'{"status":"Pulling from vieux/sshfs","id":"latest"}\r\n'
               b'{"status":"Digest: sha256:1d3c3e42c12138da5ef7873b97f7f32cf99fb6edde75fa4f0bcf9ed277855811"}\r\n'
               b'{"status":"Status: Downloaded newer image for vieux/sshfs:latest"}\r\n')
PRIVILEGES = [{"Name": "network", "Description": "", "Value": ["host"]},
              {"Name": "mount", "Description": "", "Value": ["/var/lib/docker/plugins/", "/tmp"]}]


@pytest.fixture(scope="module")
def plugin_engine():
    sshfs = PLUGINS[1]
    routes = {
        ("GET", "/plugins"): (200, PLUGINS),
        ("GET", "/info"): (200, {"Swarm": {"ControlAvailable": False}}),  # docker inspect asks before swarm lookups
        ("GET", "/plugins/vieux/sshfs/json"): (200, sshfs),
        ("GET", "/plugins/vieux/sshfs:latest/json"): (200, sshfs),
        ("GET", "/plugins/privileges"): (200, PRIVILEGES),
        ("POST", "/plugins/pull"): (200, PULL_STREAM, {"Docker-Plugin-Name": "vieux/sshfs:latest"}),
        ("POST", "/plugins/vieux/sshfs:latest/set"): (204, b""),
        ("POST", "/plugins/vieux/sshfs:latest/enable"): (200, b""),
        ("POST", "/plugins/vieux/sshfs/enable"): (200, b""),
        ("POST", "/plugins/vieux/sshfs/disable"): (200, b""),
        ("DELETE", "/plugins/vieux/sshfs"): (200, b""),
        ("POST", "/plugins/vieux/sshfs:latest/upgrade"): (200, PULL_STREAM),
        ("POST", "/plugins/vieux/sshfs:latest/push"): (200, b'{"status":"The push refers to repository [docker.io/vieux/sshfs]"}\r\n'),
    }
    with FakeEngine(routes) as fake:
        yield fake


@pytest.mark.parametrize("args,input", [
    (("plugin", "ls"), None),
    (("plugin", "ls", "--no-trunc"), None),
    (("plugin", "ls", "-q"), None),
    (("plugin", "ls", "--format", "json"), None),
    (("plugin", "ls", "--format", "raw"), None),
    (("plugin", "ls", "--format", "{{.Nope}}"), None),
    (("plugin", "ls", "-q", "--format", "raw"), None),
    (("plugin", "ls", "--format", "table {{.Name}}\t{{.PluginReference}}\t{{.Enabled}}"), None),
    (("plugin", "inspect", "vieux/sshfs"), None),
    (("plugin", "inspect", "--format", "{{.Config.Description}} {{.Enabled}}", "vieux/sshfs", "nope"), None),
    (("plugin", "enable", "vieux/sshfs"), None),
    (("plugin", "disable", "vieux/sshfs"), None),
    (("plugin", "rm", "-f", "vieux/sshfs", "nope"), None),
    (("plugin", "install", "--grant-all-permissions", "vieux/sshfs", "DEBUG=1"), None),
    (("plugin", "install", "vieux/sshfs"), "y\n"),
    (("plugin", "install", "--disable", "vieux/sshfs"), "n\n"),
    (("plugin", "upgrade", "--grant-all-permissions", "vieux/sshfs", "vieux/sshfs:next"), "y\n"),
    (("plugin", "upgrade", "vieux/sshfs", "vieux/sshfs:next"), "n\n"),
    (("plugin", "upgrade", "--grant-all-permissions", "vieux/sshfs"), None),
    (("plugin", "push", "vieux/sshfs"), None),
])
def test_plugin_recorded_answers(plugin_engine, args, input):
    before = len(plugin_engine.requests)
    same_as_docker("-H", plugin_engine.host, *args, input=input, retries=1)
    sent = plugin_engine.requests[before:]
    half = len(sent) // 2
    bodies = [json.loads(b) if b else None for b in plugin_engine.bodies[before:]]
    theirs = [(m, _query(p), body) for (m, p, _), body in zip(sent[:half], bodies[:half])]
    ours = [(m, _query(p), body) for (m, p, _), body in zip(sent[half:], bodies[half:])]
    assert ours == theirs


# -- trust, checkpoint: not planned ----------------------------------------------------------------------

@pytest.mark.parametrize("args,what", [
    (("trust",), "docker content trust"), (("trust", "inspect", "busybox"), "docker content trust"),
    (("trust", "sign", "--help"), "docker content trust"), (("checkpoint", "ls", "x"), "experimental checkpoints"),
    (("checkpoint",), "experimental checkpoints"),
])
def test_unsupported_groups_say_so(args, what):
    """One line naming the command and why, exit status 1: what an unknown command gives in docker."""
    ours = run_pydock(*args)
    unknown = run_docker("no-such-command")
    assert (ours.returncode, ours.stdout) == (unknown.returncode, "")
    assert ours.stderr == f"pydock: '{args[0]}' is not supported by pydock ({what}); see README\n"


@pytest.mark.parametrize("args", [
    ("inspect", "--type", "plugin", "nope"), ("inspect", "--type", "plugin", "-f", "{{.Name}}", "nope", "other"),
    ("inspect", "pdt-no-such-object"),  # the plugin lookup is the last one tried
    ("inspect", ""), ("container", "inspect", ""),  # refused before any request (was `[]`, exit 0)
])
def test_inspect_plugins_and_empty_names(args):
    assert same_as_docker(*args).returncode == 1


def test_inspect_finds_a_plugin(plugin_engine):
    assert same_as_docker("-H", plugin_engine.host, "inspect", "vieux/sshfs", retries=1).returncode == 0
