"""Startup budget as an import set (never a timing): help, version and TAB load no heavy modules."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
import sys

import pytest

from tests.conftest import ROOT

HEAVY = {"httpx", "httpcore", "rich", "yaml", "pygments", "h11", "anyio", "certifi"}


def imported(args, env=None) -> set[str]:
    e = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "pydock", *args], capture_output=True, text=True, env=e)
    mods = set()
    for line in p.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            mods.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return mods


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["ps", "--help"], ["container", "--help"]])
def test_help_and_version_import_nothing_heavy(args):
    assert not imported(args) & HEAVY


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["-v"]])
def test_root_help_and_version_do_not_load_click(args):
    mods = imported(args, {"COLUMNS": "80"})
    assert "pydock" in mods and "click" not in mods


@pytest.mark.parametrize("columns", ["", "80", "100", "132", "91", "60", "0"])
@pytest.mark.parametrize("args", [[], ["--help"], ["--version"]])
def test_root_help_without_click_is_clicks_at_every_width(columns, args):
    """What `pydock --help` prints without click is what click prints (reached through `-D`, which the
    fast path leaves to click) in a pipe at any COLUMNS: the two pre-rendered widths, and click itself
    for the others."""
    def run(*extra):
        env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS=columns)
        return subprocess.run([sys.executable, "-m", "pydock", *extra, *args], capture_output=True, text=True, env=env)

    fast, clicks = run(), run("-D")
    assert (fast.returncode, fast.stdout, fast.stderr) == (clicks.returncode, clicks.stdout, clicks.stderr) == \
        (0, clicks.stdout, "")
    assert clicks.stdout.startswith("pydock version " if args == ["--version"] else "Usage:  pydock [OPTIONS] COMMAND")


def test_completion_imports_nothing_heavy():
    env = {"_PYDOCK_COMPLETE": "bash_complete", "COMP_WORDS": "pydock container inspect ", "COMP_CWORD": "3",
           "DOCKER_HOST": "unix:///nonexistent.sock"}
    assert not imported([], env) & HEAVY


def test_the_installed_launcher_loads_only_pydock_for_version():
    """bin/pydock, as scripts/venv installs it: no `re` (pip's entry-point wrapper imports it, ~10 ms) and
    nothing beyond what the interpreter itself loads before the script."""
    launcher = ROOT / ".venv" / "bin" / "pydock"
    assert launcher.exists(), "scripts/venv installs .venv/bin/pydock"
    bare = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True)
    p = subprocess.run([str(launcher), "--version"], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPROFILEIMPORTTIME="1"))
    assert p.returncode == 0 and p.stdout.startswith("pydock version ")

    def names(stderr: str) -> set[str]:
        return {ln.rsplit("|", 1)[1].strip() for ln in stderr.splitlines() if ln.startswith("import time:") and "|" in ln}

    extra = names(p.stderr) - names(bare.stderr) - {"encodings"}
    assert "re" not in extra
    assert {m.split(".")[0] for m in extra} <= {"pydock", "__future__", "atexit", "gc"}, extra  # builtins and tiny


def test_ps_loads_httpx_but_not_rich_yaml_or_pygments():
    mods = imported(["ps"], {"DOCKER_HOST": "unix:///nonexistent.sock"})
    assert "httpx" in mods
    assert not mods & {"rich", "yaml", "pygments"}


def test_every_registered_command_has_help_and_loads_nothing_heavy_for_it():
    """Every command's --help: docker's usage line, and no httpx, rich or yaml imported (a command
    module that imports one at its top would make its help, and TAB through click, slow)."""
    from pydock.cli._registry import all_command_paths

    for path in all_command_paths():
        p = subprocess.run([sys.executable, "-X", "importtime", "-m", "pydock", *path, "--help"], capture_output=True,
                           text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert p.returncode == 0, (path, p.stderr[-2000:])
        assert p.stdout.startswith("Usage:  pydock " + " ".join(path)), (path, p.stdout[:200])
        mods = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in p.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
        assert not mods & HEAVY, (path, mods & HEAVY)


def test_man_and_completions_are_current():
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def test_the_package_installs_the_man_pages_and_completion_scripts():
    """pyproject's data-files name every generated page and script (a wheel puts them under share/)."""
    import glob
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    shipped = {Path(p).resolve() for patterns in data.values() for pattern in patterns
               for p in glob.glob(str(ROOT / pattern))}
    generated = {p.resolve() for d in ("man/man1", "completions") for p in (ROOT / d).iterdir()}
    assert shipped == generated and len(generated) > 100
    assert data["share/man/man1"] == ["man/man1/*.1"]


def test_every_man_page_renders_without_a_warning():
    pages = sorted((ROOT / "man" / "man1").glob("*.1"))
    for page in pages:
        p = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", str(page)], capture_output=True, text=True,
                           env=dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat"))
        assert p.returncode == 0 and p.stderr == "", (page.name, p.stderr)
        for section in ("NAME", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"):
            assert f"\n{section}\n" in p.stdout, (page.name, section)
    assert len(pages) > 100


def test_every_command_has_examples_for_its_man_page():
    import click

    from pydock.cli._registry import all_command_paths
    from pydock.cli.root import cli

    missing = []
    for path in all_command_paths():
        ctx, cmd = click.Context(cli, info_name="pydock"), cli
        for name in path:
            cmd = cmd.get_command(ctx, name)
            ctx = click.Context(cmd, info_name=name, parent=ctx)
        if not isinstance(cmd, click.Group) and not all(what and "pydock " in line
                                                         for what, line in getattr(cmd, "examples", ()) or [("", "")]):
            missing.append(" ".join(path))
    assert missing == []
