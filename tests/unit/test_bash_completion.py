"""The generated bash completion script (completions/pydock.bash), driven in a real bash as bash drives
it at TAB: COMP_LINE/COMP_POINT set, `_pydock` called, COMPREPLY read back.

Fixed flag values are compared with what the docker CLI itself offers (`docker __complete ...`, which
needs no daemon for them). Commands, flags and values must complete with no program to run: those
cases run with a PATH that has neither pydock nor python on it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "completions" / "pydock.bash"
BASH = shutil.which("bash")


def complete(line: str, *, path: str = "/nonexistent", env: dict | None = None) -> list[str]:
    """COMPREPLY for the command line `line` with the cursor at its end."""
    program = f"""
source {SCRIPT}
COMP_LINE={_sh(line)}; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=($COMP_LINE); COMP_CWORD=${{#COMP_WORDS[@]}}
_pydock
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    p = subprocess.run([BASH, "--norc", "--noprofile", "-c", program], capture_output=True, text=True,
                       env={"PATH": path, "HOME": os.environ.get("HOME", "/root"), **(env or {})}, timeout=10)
    assert p.returncode == 0 and p.stderr == "", p
    return [c for c in p.stdout.split("\n") if c]


def _sh(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def docker_offers(*args: str) -> list[str]:
    p = subprocess.run(["docker", "__complete", *args], capture_output=True, text=True, timeout=20,
                       env={**os.environ, "DOCKER_HOST": "unix:///nonexistent.sock"})
    return [line.split("\t")[0] for line in p.stdout.splitlines() if line and not line.startswith(":")]


def test_the_shipped_script_is_what_completion_bash_prints():
    p = subprocess.run([str(ROOT / ".venv" / "bin" / "pydock"), "completion", "bash"], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout == SCRIPT.read_text()


def test_sourcing_runs_nothing_and_defines_the_completion():
    p = subprocess.run([BASH, "--norc", "--noprofile", "-c", f"source {SCRIPT}; complete -p pydock"],
                       capture_output=True, text=True, env={"PATH": "/nonexistent"})
    assert (p.returncode, p.stdout.strip(), p.stderr) == (0, "complete -F _pydock pydock", "")


@pytest.mark.parametrize("line, expected", [
    ("pydock con", ["container", "context"]),
    ("pydock container li", ["list"]),  # docker's alias of `container ls`
    ("pydock run --rest", ["--restart"]),
    ("pydock container list --no", ["--no-trunc"]),  # the alias has ls's flags
    ("pydock -l ", ["debug", "info", "warn", "error", "fatal"]),
    ("pydock completion ", ["bash", "zsh", "fish"]),
    ("pydock ps --filter st", ["status="]),
    ("pydock ps --filter status=r", ["restarting", "running", "removing"]),  # bash's word starts after `=`
    ("pydock run --restart=un", ["unless-stopped"]),
    ("pydock compose up --pull ", ["always", "missing", "never", "build"]),
    ("pydock compose down --rmi ", ["local", "all"]),
    ("pydock --log-level=w", ["warn"]),
    ("pydock run -- --rest", []),  # after `--` nothing is a flag
    ("pydock run --rm -it busybox --rest", []),  # the command's own arguments
])
def test_commands_flags_and_values_complete_without_any_program(line, expected):
    assert complete(line) == expected


@pytest.mark.parametrize("line, docker_args", [
    ("pydock run --restart ", ("run", "--restart", "")),
    ("pydock run --log-driver ", ("run", "--log-driver", "")),
    ("pydock run --pull ", ("run", "--pull", "")),
    ("pydock create --platform ", ("create", "--platform", "")),
    ("pydock run --cap-add ", ("run", "--cap-add", "")),
    ("pydock run --cap-drop CAP_N", ("run", "--cap-drop", "CAP_N")),
    ("pydock run --ipc ", ("run", "--ipc", "")),
    ("pydock run --pid ", ("run", "--pid", "")),
    ("pydock run --userns ", ("run", "--userns", "")),
    ("pydock kill -s ", ("kill", "-s", "")),
    ("pydock container kill --signal K", ("container", "kill", "--signal", "K")),
    ("pydock container kill --signal SIGK", ("container", "kill", "--signal", "SIGK")),  # none: no SIG prefix
    ("pydock inspect --type ", ("inspect", "--type", "")),
])
def test_fixed_values_are_dockers(line, docker_args):
    """docker hands the shell its whole list; the shell keeps what starts with the word typed."""
    typed = docker_args[-1]
    theirs = [c for c in docker_offers(*docker_args) if c.startswith(typed)]
    assert sorted(complete(line)) == sorted(theirs)
    assert theirs or typed == "SIGK"


def test_every_command_path_is_known_to_the_script():
    from pydock.cli._registry import all_command_paths

    for path in all_command_paths():
        *parent, last = path
        assert last in complete("pydock " + " ".join([*parent, last[:-1] or last])), path


def test_object_names_ask_pydock_and_nothing_else(tmp_path):
    """Where an engine object is expected, the script runs `pydock __complete KIND [STATE...]` (here a
    stand-in that records its arguments) and offers what it prints, filtered by the word typed."""
    fake = tmp_path / "pydock"
    fake.write_text(f"#!{BASH}\necho \"$@\" >> {tmp_path}/calls\nprintf 'web-1\\nweb-2\\ndb-1\\n'\n")
    fake.chmod(0o755)
    path = f"{tmp_path}:{os.path.dirname(BASH)}"
    assert complete("pydock stop we", path=path) == ["web-1", "web-2"]
    assert complete("pydock -H tcp://h:1 unpause ", path=path) == ["web-1", "web-2", "db-1"]
    assert complete("pydock network connect net ", path=path) == ["web-1", "web-2", "db-1"]
    assert complete("pydock run --network d", path=path) == ["db-1"]
    assert (tmp_path / "calls").read_text().splitlines() == [
        "__complete containers running paused restarting", "__complete containers paused",
        "__complete containers", "__complete networks"]
