"""Differential: `compose up -d` on bad input, v2.40.3 against pydock.

For every case the same project directory goes through v2 (project `<name>v`) and pydock (`<name>`):
the same message (v2's program name replaced by ours), the same exit status, no traceback. For the
validation cases nothing at all may be created on the engine (no container, network or volume with
the project's label); for a container that fails to start, what is left must match what v2 leaves.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from tests.compose_oracle import as_pydock_compose
from tests.conftest import run_docker
from tests.engine.compose.test_up_down import ours, theirs_name, unify, v2

IMAGE = "pydock-test/busybox:latest"


def _svc(extra: str = "", top: str = "") -> str:
    body = textwrap.indent(textwrap.dedent(extra).strip("\n"), "    ") + "\n" if extra.strip() else ""
    return f"services:\n  a:\n    image: {IMAGE}\n    command: [sleep, '300']\n{body}{textwrap.dedent(top)}"


# (case id, compose file text, extra env, global args before `up`, args after `up -d`)
VALIDATION = [
    ("yaml-syntax", "services:\n  a:\n    image: [x\n", None, (), ()),
    ("yaml-tab", "services:\n\ta:\n    image: x\n", None, (), ()),
    ("wrong-type", _svc("ports: 80"), None, (), ()),
    ("wrong-type-image", "services:\n  a:\n    image: [1, 2]\n", None, (), ()),
    ("unknown-key", _svc("bogus: 1"), None, (), ()),
    ("unknown-top-key", _svc(top="bogus: 1\n"), None, (), ()),
    ("depends-on-unknown", _svc("depends_on: [missing]"), None, (), ()),
    ("dependency-cycle", f"services:\n  a:\n    image: {IMAGE}\n    depends_on: [b]\n"
                         f"  b:\n    image: {IMAGE}\n    depends_on: [a]\n", None, (), ()),
    ("self-dependency", _svc("depends_on: [a]"), None, (), ()),
    ("undeclared-volume", _svc("volumes: ['missing:/m']"), None, (), ()),
    ("undeclared-network", _svc("networks: [missing]"), None, (), ()),
    ("undeclared-secret", _svc("secrets: [missing]"), None, (), ()),
    ("undeclared-config", _svc("configs: [missing]"), None, (), ()),
    ("invalid-port", _svc("ports: ['abc:80']"), None, (), ()),
    ("invalid-port-range", _svc("ports: ['8080-8081:80-82']"), None, (), ()),
    ("invalid-volume", _svc("volumes: ['/a:/b:/c:/d']"), None, (), ()),
    # (`/x:/y:bogus` is left out: v2 passes the mode to the engine, which accepts it)
    ("required-variable", f"services:\n  a:\n    image: ${{PYDOCK_UNSET_VAR:?please set it}}\n", None, (), ()),
    ("bad-interpolation", "services:\n  a:\n    image: ${BAD\n", None, (), ()),
    ("empty-file", "", None, (), ()),
    ("comment-only", "# nothing\n", None, (), ()),
    ("no-services", "name: x\n", None, (), ()),
    ("services-null", "services:\n", None, (), ()),
    ("no-image-no-build", "services:\n  a:\n    command: echo\n", None, (), ()),
    ("bad-project-name", _svc(), None, ("-p", "Bad Name!"), ()),
    # (a bad `name:` in the file is left out: the loader normalises it, v2 accepts it)
    ("yaml-syntax-no-p", "services:\n  a:\n    image: [x\n", None, ("--no-p",), ()),
    ("env-file-missing", _svc("env_file: nope.env"), None, (), ()),
    ("unknown-service-arg", _svc(), None, (), ("nope",)),
    ("missing-image", "services:\n  a:\n    image: 127.0.0.1:5000/pydock-missing/none:latest\n"
                      "    pull_policy: missing\n", None, (), ()),
]


def _run_both(project: str, tmp_path, text: str, env, pre=(), post=()):
    d = tmp_path / "proj"
    d.mkdir()
    (d / "compose.yaml").write_text(text)
    if "-p" in pre or "--no-p" in pre:  # the name is the point: no -p of the harness
        from tests.compose_oracle import run_compose, run_pydock_compose

        pre = [a for a in pre if a != "--no-p"]
        t = run_compose(*pre, "up", "-d", *post, cwd=d, env=env)
        o = run_pydock_compose(*pre, "up", "-d", *post, cwd=d, env=env)
    else:
        t = v2(project, *pre, "up", "-d", *post, cwd=d, env=env)
        o = ours(project, *pre, "up", "-d", *post, cwd=d, env=env)
    return t, o


def _normal(text: str, project: str) -> str:
    text = as_pydock_compose(unify(text, project))
    text = text.replace("docker-compose", "pydock compose")
    return text


def engine_objects(project: str) -> dict[str, list[str]]:
    flt = f"label=com.docker.compose.project={project}"
    return {
        "containers": sorted(run_docker("ps", "-a", "--filter", flt, "--format", "{{.Names}} {{.State}}").stdout.split("\n")[:-1]),
        "networks": sorted(run_docker("network", "ls", "--filter", flt, "--format", "{{.Name}}").stdout.split()),
        "volumes": sorted(run_docker("volume", "ls", "--filter", flt, "--format", "{{.Name}}").stdout.split()),
    }


@pytest.mark.parametrize("case, text, env, pre, post", VALIDATION, ids=[c[0] for c in VALIDATION])
def test_rejected(compose_project, tmp_path, case, text, env, pre, post):
    p = compose_project
    t, o = _run_both(p, tmp_path, text, env, pre, post)
    assert t.returncode != 0, t
    assert "Traceback" not in o.stderr, o.stderr
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout), (t, o)
    assert o.stderr == _normal(t.stderr, p), f"\n--- v2\n{t.stderr}--- pydock\n{o.stderr}"
    empty = {"containers": [], "networks": [], "volumes": []}
    assert engine_objects(theirs_name(p)) == empty  # v2 itself creates nothing: the case is a validation one
    assert engine_objects(p) == empty


START_FAILURE = f"""\
services:
  ok:
    image: {IMAGE}
    command: [sleep, '300']
    stop_grace_period: 1s
  broken:
    image: {IMAGE}
    command: [/no/such/program]
    depends_on: [ok]
  after:
    image: {IMAGE}
    command: [sleep, '300']
    depends_on: [broken]
volumes:
  data: {{}}
"""


def _engine_normal(objects: dict[str, list[str]], project: str) -> dict[str, list[str]]:
    return {k: sorted(x.replace(theirs_name(project), project) for x in v) for k, v in objects.items()}


def test_start_failure_leaves_what_v2_leaves(compose_project, tmp_path):
    p = compose_project
    t, o = _run_both(p, tmp_path, START_FAILURE, None)
    assert t.returncode != 0, t
    assert "Traceback" not in o.stderr, o.stderr
    assert (o.returncode, o.stdout) == (t.returncode, t.stdout), (t, o)
    # the daemon's message carries container ids and paths: compare the last line with ids blanked
    blank = lambda s: re.sub(r"[0-9a-f]{64}", "ID", s)  # noqa: E731
    assert blank(o.stderr.splitlines()[-1]) == blank(_normal(t.stderr, p).splitlines()[-1])
    from tests.engine.compose.test_up_down import assert_same_progress

    tail = lambda s: "\n".join(s.splitlines()[:-1]) + "\n"  # noqa: E731
    assert_same_progress(tail(t.stderr), tail(o.stderr), p)
    assert _engine_normal(engine_objects(theirs_name(p)), p) == engine_objects(p)
