"""`secret` and `config` on the shared swarm daemon, side by side with the docker CLI.

Each object is created through one client and then read through both; the names carry RUN_ID and the
objects the session label, and the test removes them.
"""

from __future__ import annotations

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID
from tests.engine.differential import assert_same
from tests.engine.swarmd import swarm  # noqa: F401

KINDS = ("secret", "config")


@pytest.fixture
def made(swarm):  # noqa: F811
    """Objects to remove at the end: (kind, name)."""
    created: list[tuple[str, str]] = []
    yield created
    for kind, name in created:
        swarm.docker(kind, "rm", name)


def _name(kind: str, tag: str) -> str:
    return f"pd{kind[:3]}-{RUN_ID}-{tag}"


@pytest.mark.parametrize("kind", KINDS)
def test_create_ls_inspect_rm(swarm, made, kind, tmp_path):  # noqa: F811
    env = swarm.env
    a, b = _name(kind, "a"), _name(kind, "b")
    made += [(kind, a), (kind, b)]
    data = tmp_path / "data.txt"
    data.write_text("hello {{ world }}\n")
    r = run_pydock(kind, "create", "--label", LABEL, "-l", "role=web", "-l", "bare", a, str(data), env=env)
    assert r.returncode == 0, r.stderr
    ident = r.stdout.strip()
    d = run_docker(kind, "inspect", "--format", "{{.ID}} {{.Spec.Name}} {{json .Spec.Labels}}", a, env=env)
    assert d.stdout.split(" ", 2)[:2] == [ident, a]
    assert '"role":"web"' in d.stdout and '"bare":""' in d.stdout
    # stdin; docker's own object beside ours
    r = run_docker(kind, "create", "-l", LABEL, b, "-", input="from stdin\n", env=env)
    assert r.returncode == 0, r.stderr

    mine = f"label={LABEL}"
    cases = [("ls", "--filter", mine), ("ls", "-q", "--filter", mine),
             ("ls", "--format", "json", "--filter", mine),
             ("inspect", a, b), ("inspect", "--pretty", a, b), ("inspect", a, f"{a}-missing")]
    if kind == "secret":  # the rest is the same code for both kinds
        cases += [("list", "--filter", f"name={a}"), ("ls", "--filter", f"id={ident}"),
                  ("ls", "--filter", "label=role=web", "--filter", mine),
                  ("ls", "--format", "{{.Name}}\t{{.Labels}}\t{{.Label \"role\"}}", "--filter", mine),
                  ("ls", "--format", "table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}", "--filter", mine),
                  ("ls", "-q", "--format", "{{.Name}}", "--filter", mine),
                  ("inspect", "--format", "pretty", b), ("inspect", "-f", "{{.Spec.Name}}", a, b),
                  ("inspect", "--format", "json", a), ("inspect", "--format", "prettyx", a),
                  ("inspect", "--pretty", f"{a}-missing", a)]
    for args in cases:
        assert_same(kind, *args, env=env)
    assert_same(kind, "rm", a, f"{a}-missing", b, env=env)
    assert run_docker(kind, "ls", "-q", "--filter", mine, env=env).stdout == ""


def test_secret_create_errors(swarm, made, tmp_path):  # noqa: F811
    env = swarm.env
    name = _name("secret", "err")
    made.append(("secret", name))
    empty = tmp_path / "empty"
    empty.write_text("")
    for args in (("secret", "create", name), ("secret", "create", name, str(tmp_path / "absent")),
                 ("secret", "create", name, str(empty)), ("secret", "create", name, "-"),
                 ("secret", "create", "-d", "somedriver", name, str(empty)),
                 ("secret", "create", "-l", "=x", name, "-"), ("secret", "create", name, "-", "extra"),
                 ("config", "create", name), ("config", "create", name, "-"), ("config", "create", name, str(tmp_path))):
        assert_same(*args, env=env, input="")
    # a name that is taken: the daemon's conflict, through both clients
    assert run_docker("secret", "create", "-l", LABEL, name, "-", input="x", env=env).returncode == 0
    assert_same("secret", "create", name, "-", env=env, input="y")


def test_secret_template_driver(swarm, made):  # noqa: F811
    env = swarm.env
    name = _name("secret", "tmpl")
    made.append(("secret", name))
    r = run_pydock("secret", "create", "--template-driver", "golang", "-l", LABEL, name, "-", input="{{ x }}", env=env)
    assert r.returncode == 0, r.stderr
    d = run_docker("secret", "inspect", "-f", "{{json .Spec.Templating}}", name, env=env)
    assert d.stdout.strip() == '{"Name":"golang"}'
    assert_same("secret", "inspect", "--pretty", name, env=env)
    conf = _name("config", "tmpl")
    made.append(("config", conf))
    r = run_pydock("config", "create", "--template-driver", "golang", "-l", LABEL, conf, "-", input="{{ x }}", env=env)
    assert r.returncode == 0, r.stderr
    d = run_docker("config", "inspect", "-f", "{{json .Spec.Templating}}", conf, env=env)
    assert d.stdout.strip() == '{"Name":"golang"}'


def test_not_a_manager():
    """On the main daemon (no swarm) both clients get the daemon's 'not a swarm manager' refusal."""
    for kind in KINDS:
        assert_same(kind, "ls")
        assert_same(kind, "inspect", "x")
    assert_same("node", "ls")
