"""Compose interpolation (`${VAR:-default}` and friends), .env files and whole compose files through the
loader (pydock.compose.loader): only the typed errors escape (InvalidTemplateError/MissingRequiredError from
substitution, ComposeError from everything else); substitution is stable under escaping, a .env file
rendered back parses to the same variables, and a loaded project printed as `config` does loads again
to the same model."""

from __future__ import annotations

import tempfile

import yaml
from hypothesis import given
from hypothesis import strategies as st

from pydock.compose.errors import ComposeError
from pydock.compose.loader import dotenv, load_project
from pydock.compose.loader.options import ProjectOptions
from pydock.compose.loader.template import TYPE_CASTS, InvalidTemplateError, MissingRequiredError, interpolate, substitute
from pydock.compose.serialize import escape_dollars, to_yaml

from ._fuzz import check_typed, junk, spliced

ENV = {"A": "1", "B": "true", "EMPTY": "", "P": "80", "S": "a b", "D": "$A", "N": "-3"}
names = st.sampled_from(["A", "B", "EMPTY", "P", "UNSET", "S", "D", "N", "a_1", "_", "1X", "é", ""])
seps = st.sampled_from(["", ":-", "-", ":?", "?", ":+", "+", ":", "=", "::-"])
texts = st.sampled_from(["", "x", "word", "a b", "$$", "}", "{", "\\", "$"])
templates = st.lists(st.one_of(
    spliced("${", names, seps, texts, "}", junk_rate=12),
    spliced("${", names, ":-", "${", names, seps, texts, "}", "}", junk_rate=12),
    spliced("$", names), st.sampled_from(["$$", "$", "$$$", "${", "}", "${}", "$${A}", "text "]), junk,
), max_size=5).map("".join)


@given(templates)
def test_substitution_raises_only_its_errors_and_is_stable(text):
    out, _ = check_typed(substitute, text, ENV, warn=lambda _m: None,
                         errors=(InvalidTemplateError, MissingRequiredError), one_line=False)
    if out is not None:
        assert substitute(out.replace("$", "$$"), ENV, warn=lambda _m: None) == out


CAST_KEYS = sorted({p[2] for p in TYPE_CASTS if p[:2] == ("services", "*") and len(p) == 3})


@given(st.dictionaries(st.sampled_from(CAST_KEYS + ["image", "command", "user"]), templates, max_size=4),
       st.lists(templates, max_size=2))
def test_interpolation_raises_only_compose_error(service, ports):
    doc = {"services": {"web": {**service, "ports": [{"target": t} for t in ports]}}}
    check_typed(interpolate, doc, ENV, warn=lambda _m: None, errors=(ComposeError,), one_line=False)


env_lines = st.one_of(
    spliced(st.sampled_from(["", "export ", "  "]), names, st.sampled_from(["=", ": ", " = ", "", "=="]),
            st.sampled_from(["", "'", '"']), templates, st.sampled_from(["", "'", '"']),
            st.sampled_from(["", " # c", "#c"]), junk_rate=10),
    st.sampled_from(["# comment", "", "   ", "\ufeffA=1"]), junk)


def render_env(values: dict) -> str:
    def quote(v: str) -> str:
        return '"' + "".join({"\\": "\\\\", '"': '\\"', "$": "\\$", "\n": "\\n", "\r": "\\r"}.get(c, c) for c in v) + '"'

    return "".join(f"{k}={quote(v)}\n" for k, v in values.items())


@given(st.lists(env_lines, max_size=6).map("\n".join))
def test_dotenv_raises_only_compose_error_and_round_trips(text):
    values, _ = check_typed(dotenv.parse, text, ENV, errors=(ComposeError,), one_line=False)
    if values is not None:
        assert dotenv.parse(render_env(values), {}) == values, render_env(values)


WORK = tempfile.mkdtemp(prefix="pydock-fuzz-compose-")
scalars = st.one_of(templates, st.integers(-3, 70000), st.booleans(), st.none(), st.floats(allow_nan=False, width=32),
                    st.sampled_from(["nginx", "busybox:1", "80:80", "127.0.0.1:8080:80/udp", "/tmp:/data:ro", "./x:/x",
                                     "vol:/v", "1g", "0.5", "10s", "always", "on-failure", "A=1", "NAME", "ro"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.sampled_from(["a", "b", "target", "published",
                                                                                       "source", "type"]), inner,
                                                                      max_size=3)), max_leaves=6)
SERVICE_KEYS = ["image", "command", "entrypoint", "environment", "ports", "volumes", "labels", "restart", "cpus",
                "mem_limit", "privileged", "healthcheck", "ulimits", "depends_on", "networks", "expose", "tmpfs",
                "user", "working_dir", "x-extra", "deploy", "profiles", "scale", "extends", "bogus"]


@st.composite
def compose_files(draw):
    services = draw(st.dictionaries(st.sampled_from(["web", "db", "Bad Name", "a"]),
                                    st.dictionaries(st.sampled_from(SERVICE_KEYS), values, max_size=5), max_size=2))
    for service in services.values():
        if draw(st.booleans()):
            service.setdefault("image", "busybox")
    doc = {"services": services}
    for key in draw(st.lists(st.sampled_from(["volumes", "networks", "name", "x-top", "secrets", "version"]),
                             max_size=2)):
        doc[key] = draw(values)
    if draw(st.integers(0, 9)) == 0:
        return draw(junk)
    return yaml.safe_dump(doc, sort_keys=False)


def _load(text: str):
    options = ProjectOptions(files=("-",), read_stdin=lambda: text, cwd=WORK, project_name="fuzz",
                             environ=dict(ENV))
    return load_project(options, warn=lambda _m: None)


@given(compose_files())
def test_compose_loading_raises_only_compose_error_and_is_stable(text):
    project, _ = check_typed(_load, text, errors=(ComposeError,), one_line=False)
    if project is not None:
        printed = escape_dollars(to_yaml(project))
        again = _load(printed)
        assert again.model == project.model, printed
