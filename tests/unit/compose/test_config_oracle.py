"""`pydock compose config` against the real `docker compose config` (v2.40.3), fixture by fixture:
same stdout byte for byte, same exit status, same stderr (logrus timestamps aside).

Every project directory under tests/compose_fixtures/ (cfg-*: ours; cgo-*: compose-go's own loader and
cli test projects, ported) is run with the default YAML output and `--format json`; the ones that load
without error also with `--services`, `--volumes`, `--networks`, `--images`, `--profiles`, `-q`,
`--no-interpolate`, `--hash '*'`, `-p`. BAD_INPUT is a table of broken inputs, each in a fresh directory.
Listings v2 prints in Go map order (random) are compared as sets of lines; stderr is compared line by
line in order, except for the fixtures in MAP_ORDER (same lines, same count).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.compose_oracle import run_compose, run_pydock_compose

FIXTURES = Path(__file__).resolve().parents[2] / "compose_fixtures"
COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")


# Left out of the per-fixture runs (v2 is not deterministic on them; EXTRA runs them in the ways it is):
NONDETERMINISTIC = {
    # compose-go's schema/using-variables.yaml: with VARIABLE unset, v2 interpolates in Go map order and stops
    # at the first failed cast, so which error it prints, and how many warnings before it, vary run to run.
    "cgo-err-schema-variables",
}


def _fixtures() -> list[str]:
    out = []
    for d in sorted(FIXTURES.iterdir()):
        if not d.is_dir() or d.name in NONDETERMINISTIC:
            continue
        w = d / SPECIAL.get(d.name, ("", {}))[0]
        if any((w / n).exists() for n in COMPOSE_NAMES) or (w / ".env").exists():
            out.append(d.name)
    return out


def _base_env() -> dict:
    env = {k: None for k in os.environ if k.startswith("COMPOSE_") or k in ("DOCKER_HOST", "DOCKER_CONTEXT")}
    env.update({"NO_COLOR": None})
    return env


# fixture -> (cwd relative to the fixture, extra env)
SPECIAL = {
    "cfg-upward": ("sub/deeper", {}),
    "cgo-cli-unnormalized": ("UNNORMALIZED PATH", {}),  # compose-go cli/testdata: the name comes from that dir
}

# extra runs: (fixture, args, env)
EXTRA = [
    ("cfg-profiles", ("--profile", "debug", "config"), {}),
    ("cfg-profiles", ("--profile", "*", "config"), {}),
    ("cfg-profiles", ("config", "tools"), {}),
    ("cfg-profiles", ("config", "needs-debug"), {}),
    ("cfg-profiles", ("config", "--profiles"), {}),
    ("cfg-profiles", ("config",), {"COMPOSE_PROFILES": "tools"}),
    ("cfg-profiles", ("config", "--services"), {"COMPOSE_PROFILES": "debug,extra"}),
    ("cfg-basic", ("config", "web"), {}),
    ("cfg-basic", ("config", "db", "--format", "json"), {}),
    ("cfg-basic", ("config", "nosuch"), {}),
    ("cfg-basic", ("-p", "Bad_Name", "config"), {}),
    ("cfg-basic", ("-p", "good-name_1", "config"), {}),
    ("cfg-basic", ("config",), {"COMPOSE_PROJECT_NAME": "from-env"}),
    ("cfg-basic", ("config",), {"COMPOSE_PROJECT_NAME": "Bad"}),
    ("cfg-basic", ("--project-directory", "..", "config"), {}),
    ("cfg-basic", ("-f", "nope.yml", "config"), {}),
    ("cfg-basic", ("config", "--format", "toml"), {}),
    ("cfg-basic", ("--all-resources", "config"), {}),
    ("cfg-name", ("config",), {"PROJ_PREFIX": "Other"}),
    ("cfg-name", ("-p", "explicit", "config"), {}),
    ("cfg-env", ("config",), {"DOTENV_VAR": "from os env", "LIST_B": "from-os"}),
    ("cfg-env", ("--env-file", "base.env", "config"), {}),
    ("cfg-env", ("config",), {"COMPOSE_DISABLE_ENV_FILE": "1"}),
    ("cfg-env", ("config", "--no-interpolate", "--format", "json"), {}),
    ("cfg-env", ("config", "--environment"), {"HOME": "/nonexistent", "PATH": "/usr/bin:/bin"}),
    ("cfg-err-required", ("config",), {"NEEDED": "busybox"}),
    ("cfg-multi", ("-f", "compose.yaml", "config"), {}),
    ("cfg-multi", ("-f", "compose.override.yaml", "-f", "compose.yaml", "config"), {}),
    ("cfg-composefile", ("config",), {}),
    ("cfg-composefile", ("config",), {"COMPOSE_FILE": "two.yml"}),
    ("cfg-composefile", ("config",), {"COMPOSE_FILE": "one.yml;two.yml", "COMPOSE_PATH_SEPARATOR": ";"}),
    ("cfg-volumes", ("config", "--no-path-resolution"), {}),
    ("cfg-basic", ("config", "--no-normalize"), {}),
    ("cfg-basic", ("config", "--no-consistency"), {}),
    ("cfg-err-volume", ("config", "--no-consistency"), {}),
    ("cfg-basic", ("config", "-o", "/dev/stdout"), {}),
    ("cfg-reset", ("config", "--format", "json"), {}),
    ("cfg-files-subdir", ("-f", "sub/main.yml", "config"), {}),
    ("cfg-files-subdir", ("-f", "sub/main.yml", "-f", "compose.yaml", "config"), {}),
    ("cfg-files-subdir", ("--project-directory", "sub", "-f", "sub/main.yml", "config"), {}),
    ("cfg-files-subdir", ("-f", "sub/main.yml", "config", "--no-path-resolution", "--format", "json"), {}),
    ("cfg-name", ("config", "--variables"), {}),
    ("cfg-name", ("config", "--variables", "--format", "json"), {}),
    ("cfg-name", ("config", "--variables", "--format", "yaml"), {}),
    ("cfg-basic", ("config", "--variables", "--format", "json"), {}),
    ("cfg-err-required", ("config", "--variables"), {}),
    ("cfg-basic", ("config", "--hash", "*"), {}),
    ("cfg-basic", ("config", "--hash", "web,db"), {}),
    ("cfg-basic", ("config", "--hash", "nosuch"), {}),
    ("cfg-profiles", ("config", "--hash", "debug"), {}),
    ("cgo-full-example", ("config", "--no-consistency"), {}),
    ("cgo-full-example", ("config", "--no-consistency", "--format", "json"), {}),
    ("cgo-full-example", ("config", "--no-consistency", "--no-interpolate"), {}),
    ("cgo-extends-base", ("config", "another", "withUlimits", "with-build"), {}),
    ("cgo-extends-base", ("config", "--no-consistency", "--format", "json"), {}),
    ("cgo-extends-interpolated", ("config",), {"SOURCE": "/src"}),
    ("cgo-extends-imported", ("config",), {"SOURCE": "from-env"}),
    # compose-go cli/testdata/simple and env-file: the files its cli tests pick with -f and --env-file
    ("cgo-cli-simple", ("-f", "compose-name.yaml", "config"), {}),
    ("cgo-cli-simple", ("-f", "compose-name.yaml", "config"), {"TEST": "Mixed_Case"}),
    ("cgo-cli-simple", ("-f", "compose.yaml", "-f", "compose-with-overrides.yaml", "config"), {}),
    ("cgo-cli-simple", ("-f", "compose-with-paths.yaml", "config"), {}),
    ("cgo-cli-simple", ("-f", "compose-with-paths.yaml", "config", "--format", "json"), {}),
    ("cgo-cli-simple", ("-f", "compose-with-variables.yaml", "config"), {}),
    ("cgo-cli-simple", ("-f", "compose-with-variables.yaml", "config"), {"PUBLIC_PORT": "9999"}),
    ("cgo-cli-env-file", ("--env-file", "override.env", "config"), {}),
    ("cgo-cli-env-file", ("-f", "compose-with-env-files.yaml", "config"), {}),
    ("cgo-cli-env-file", ("--env-file", ".env", "--env-file", "override.env", "-f", "compose-with-env-files.yaml",
                          "config"), {}),
    ("cgo-cli-env-file", ("config",), {"COMPOSE_PROJECT_NAME": "from_os"}),
    ("cgo-cli-env-file", ("config", "--environment"), {"HOME": "/nonexistent", "PATH": "/usr/bin:/bin"}),
    ("cgo-cli-unnormalized", ("config", "--format", "json"), {}),
    # env files of the cwd and of the project dir, both with COMPOSE_* keys (v2 setEnvWithDotEnv, WithDotEnv)
    ("cfg-err-dotenv-subdir", ("-f", "sub/compose.yaml", "config"), {}),
    ("cfg-err-dotenv-subdir", ("--project-directory", ".", "-f", "sub/compose.yaml", "config"), {}),
    ("cfg-err-dotenv-subdir", ("--project-directory", "sub", "config"), {}),
    ("cfg-err-dotenv-subdir", ("-f", "sub/compose.yaml", "--env-file", ".env", "config", "--services"), {}),
    ("cgo-err-schema-variables", ("config", "--no-interpolate"), {}),
    ("cgo-err-schema-variables", ("config", "--no-interpolate", "--format", "json"), {}),
]

_TIME = re.compile(r'time="[^"]*" ')


# Fixtures whose warnings v2 emits while ranging over a Go map (their order changes from run to run):
# their stderr lines are compared as a multiset (same lines, same count). Every other case compares stderr
# line by line, in order.
MAP_ORDER = {
    "cgo-full-example": "one `external.name is deprecated` warning per top-level section, in map order",
    "cfg-env": "`variable is not set` warnings of several variables: services interpolated in map order",
}


def _norm_err(s: str, ordered: bool = True) -> list[str]:
    """stderr lines without logrus timestamps."""
    lines = _TIME.sub("", s).replace("docker compose", "pydock compose").splitlines()
    return lines if ordered else sorted(lines)


def _run_both(fixture: str, args: tuple, env: dict):
    sub, extra_env = SPECIAL.get(fixture, ("", {}))
    cwd = FIXTURES / fixture / sub
    e = {**_base_env(), **extra_env, **env}
    want = run_compose(*args, cwd=cwd, env=e)
    got = run_pydock_compose(*args, cwd=cwd, env=e)
    return want, got


def _assert_same(want, got, unordered: bool = False, fixture: str = ""):
    assert got.returncode == want.returncode, (want, got)
    if unordered:
        assert sorted(got.stdout.splitlines()) == sorted(want.stdout.splitlines()), (want, got)
    else:
        assert got.stdout == want.stdout, (want, got)
    ordered = fixture not in MAP_ORDER
    assert _norm_err(got.stderr, ordered) == _norm_err(want.stderr, ordered), (want, got)


@pytest.mark.parametrize("fixture", _fixtures())
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_config_matches_v2(fixture, fmt):
    want, got = _run_both(fixture, ("config", "--format", fmt), {})
    _assert_same(want, got, fixture=fixture)


LISTINGS = [("--services",), ("--volumes",), ("--networks",), ("--images",), ("--profiles",), ("-q",),
            ("--no-interpolate",), ("--no-interpolate", "--format", "json"), ("--hash", "*")]


def _ok_fixtures() -> list[str]:
    return [f for f in _fixtures() if "-err-" not in f]


@pytest.mark.parametrize("fixture", _ok_fixtures())
@pytest.mark.parametrize("flags", LISTINGS, ids=lambda f: " ".join(f))
def test_config_listings_match_v2(fixture, flags):
    want, got = _run_both(fixture, ("config", *flags), {})
    _assert_same(want, got, unordered=flags[0] in ("--services", "--volumes", "--networks", "--images"),
                 fixture=fixture)


@pytest.mark.parametrize("fixture", ["cfg-basic", "cfg-name", "cfg-env"])
def test_config_with_project_name(fixture):
    want, got = _run_both(fixture, ("-p", "renamed", "config"), {})
    _assert_same(want, got, fixture=fixture)


@pytest.mark.parametrize("fixture,args,env", EXTRA, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_config_variants_match_v2(fixture, args, env):
    want, got = _run_both(fixture, args, env)
    _assert_same(want, got, unordered="--services" in args or ("--variables" in args and "--format" not in args),
                 fixture=fixture)


@pytest.mark.parametrize("args", [("-f", "-", "config"), ("-f", "-", "config", "--format", "json"),
                                  ("-f", "-", "-p", "stdin-proj", "config")])
def test_config_from_stdin(args):
    text = (FIXTURES / "cfg-basic" / "compose.yaml").read_text()
    cwd = FIXTURES / "cfg-env"
    e = _base_env()
    want = run_compose(*args, cwd=cwd, env=e, input=text)
    got = run_pydock_compose(*args, cwd=cwd, env=e, input=text)
    _assert_same(want, got)


def _svc(body: str) -> str:
    return "services:\n  a:\n    image: x\n" + body


# Bad input, each as the one compose.yaml of a fresh directory: (file text, arguments after `compose`, env).
# `pydock compose config` must do what v2 does: same exit status, same stdout, same stderr (program name
# aside). A few that look bad are accepted by v2 (`no-services`, `services-empty`, `bad-volume-too-many`,
# `bad-volume-mode`): pydock must accept them the same way.
BAD_INPUT = {
    "yaml-syntax": ("services:\n  a:\n    image: [x\n", ("config",), {}),
    "yaml-syntax-line": ("services:\n  a:\n    image: x\n  b: : :\n    c\n", ("config",), {}),
    "yaml-tab": ("services:\n\ta:\n\t\timage: x\n", ("config",), {}),
    "yaml-duplicate-key": (_svc("    image: y\n"), ("config",), {}),
    "yaml-duplicate-top-key": (_svc("") + "services:\n  b:\n    image: x\n", ("config",), {}),
    "yaml-duplicate-name": ("name: a\nname: b\n" + _svc(""), ("config",), {}),
    "yaml-name-alias-cycle": ("name: &a [*a]\n" + _svc(""), ("config",), {}),
    "yaml-alias-cycle": ("x: &x {a: *x}\n" + _svc(""), ("config",), {}),
    "yaml-unknown-alias": (_svc("    command: *nope\n"), ("config",), {}),
    "yaml-unclosed-quote": (_svc('    command: "echo\n'), ("config",), {}),
    "yaml-second-file": (_svc(""), ("-f", "compose.yaml", "-f", "broken.yaml", "config"), {}),
    "wrong-type-image": ("services:\n  a:\n    image: 1\n", ("config",), {}),
    "wrong-type-ports": (_svc("    ports: 80\n"), ("config",), {}),
    "wrong-type-environment": (_svc("    environment: 1\n"), ("config",), {}),
    "wrong-type-services": ("services: [a]\n", ("config",), {}),
    "wrong-type-networks-top": (_svc("") + "networks: [n]\n", ("config",), {}),
    "wrong-type-bool": (_svc("    tty: maybe\n"), ("config",), {}),
    "wrong-type-int": (_svc("    scale: lots\n"), ("config",), {}),
    "unknown-service-key": (_svc("    bogus: 1\n"), ("config",), {}),
    "unknown-top-key": (_svc("") + "bogus: 1\n", ("config",), {}),
    "unknown-nested-key": (_svc("    healthcheck:\n      bogus: 1\n"), ("config",), {}),
    "depends-unknown": (_svc("    depends_on: [missing]\n"), ("config",), {}),
    "depends-unknown-long": (_svc("    depends_on:\n      missing:\n        condition: service_started\n"),
                             ("config",), {}),
    "depends-self": (_svc("    depends_on: [a]\n"), ("config",), {}),
    "depends-cycle": (_svc("    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n"
                           "    depends_on: [a]\n"), ("config",), {}),
    "undeclared-volume": (_svc("    volumes: [data:/data]\n"), ("config",), {}),
    "undeclared-volume-long": (_svc("    volumes:\n      - type: volume\n        source: data\n        target: /d\n"),
                               ("config",), {}),
    "undeclared-network": (_svc("    networks: [back]\n"), ("config",), {}),
    "undeclared-secret": (_svc("    secrets: [s]\n"), ("config",), {}),
    "undeclared-config": (_svc("    configs: [c]\n"), ("config",), {}),
    "bad-port-letters": (_svc('    ports: ["abc:80"]\n'), ("config",), {}),
    "bad-port-range": (_svc('    ports: ["70000:80"]\n'), ("config",), {}),
    "bad-port-too-many": (_svc('    ports: ["1:2:3:4"]\n'), ("config",), {}),
    "bad-port-protocol": (_svc('    ports: ["80/xyz"]\n'), ("config",), {}),
    "bad-volume-empty-source": (_svc('    volumes: [":/x"]\n'), ("config",), {}),
    "bad-volume-too-many": (_svc('    volumes: ["a:b:c:d"]\n'), ("config",), {}),
    "bad-volume-mode": (_svc('    volumes: ["./a:/b:bogus"]\n') + "volumes: {}\n", ("config",), {}),
    "bad-volume-empty": (_svc('    volumes: [""]\n'), ("config",), {}),
    "required-unset": ("services:\n  a:\n    image: ${NEEDED:?please set NEEDED}\n", ("config",), {}),
    "required-unset-no-message": ("services:\n  a:\n    image: ${NEEDED?}\n", ("config",), {}),
    "required-empty": ("services:\n  a:\n    image: ${NEEDED:?must not be empty}\n", ("config",), {"NEEDED": ""}),
    "required-in-name": ("name: ${NAME:?no name}\n" + _svc(""), ("config",), {}),
    "bad-interpolation": (_svc("    command: ${A B}\n"), ("config",), {}),
    "empty-file": ("", ("config",), {}),
    "comment-only": ("# nothing\n", ("config",), {}),
    "no-services": ("name: x\n", ("config",), {}),
    "services-empty": ("services: {}\n", ("config",), {}),
    "bad-p-upper": (_svc(""), ("-p", "Bad_Name", "config"), {}),
    "bad-p-dot": (_svc(""), ("-p", "a.b", "config"), {}),
    "bad-p-leading-dash": (_svc(""), ("--project-name=-a", "config"), {}),
    "bad-p-env": (_svc(""), ("config",), {"COMPOSE_PROJECT_NAME": "No Good"}),
    "bad-name-in-file": ("name: '!!'\n" + _svc(""), ("config",), {}),
    "missing-file": (_svc(""), ("-f", "nope.yaml", "config"), {}),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_bad_input_matches_v2(case, fmt, tmp_path):
    text, args, env = BAD_INPUT[case]
    (tmp_path / "compose.yaml").write_text(text)
    (tmp_path / "broken.yaml").write_text("services:\n  b:\n    image: x\n   bad: indent\n")
    args = (*args, "--format", fmt)
    e = {**_base_env(), **env}
    want = run_compose(*args, cwd=tmp_path, env=e)
    got = run_pydock_compose(*args, cwd=tmp_path, env=e)
    _assert_same(want, got)
