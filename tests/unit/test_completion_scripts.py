"""The generated completion scripts (completions/pydock.bash, _pydock, pydock.fish), driven in the real
shells: bash as it drives a completion at TAB (COMP_LINE/COMP_POINT set, `_pydock` called, COMPREPLY read
back); fish through `complete -C LINE`, which is what its TAB runs; zsh's `_pydock` called with `words`,
CURRENT and PREFIX set as zsh sets them, its compadd/_describe/compset builtins stood in for by functions
that print what they are given (zsh completes only in an interactive line editor).

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
SCRIPTS = {"bash": SCRIPT, "zsh": ROOT / "completions" / "_pydock", "fish": ROOT / "completions" / "pydock.fish"}
BASH, ZSH, FISH = (shutil.which(s) for s in ("bash", "zsh", "fish"))
SHELLS = ("bash", "zsh", "fish")

ZSH_STUBS = r"""
compdef() { : }
compadd() {
    while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -S ]] && shift; shift; done
    [[ $1 == -- ]] && shift
    local x; for x in "$@"; do [[ $x == ${PREFIX}* ]] && print -r -- "$x"; done
}
_describe() {
    local -a arr; arr=("${(@P)4}")
    local x n; for x in $arr; do n=${x%%:*}; n=${n//\\:/:}; [[ $n == ${PREFIX}* ]] && print -r -- "$n"$'\t'"${x#*:}"; done
}
compset() {
    if [[ $1 == -P ]]; then local m=${(M)PREFIX##$~2}; [[ -n $m ]] && { IPREFIX+=$m; PREFIX=${PREFIX#$m}; }; fi
}
_files() { print -r -- "<files>" }
"""


def run_shell(shell: str, line: str, path: str, env: dict | None) -> list[str]:
    """What `shell` offers at TAB at the end of `line`, one candidate per entry (description after a TAB)."""
    if shell == "bash":
        return complete(line, path=path, env=env)
    if shell == "zsh":
        program = (ZSH_STUBS + f"source {SCRIPTS['zsh']}\nwords=(${{(z)LINE}}); [[ $LINE == *' ' ]] && words+=('')\n"
                   "CURRENT=$#words; PREFIX=$words[CURRENT]; _pydock\n")
        argv = [ZSH, "-f", "-c", program]
    else:
        argv = [FISH, "--no-config", "-c", f"source {SCRIPTS['fish']}; complete -C \"$LINE\""]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=20,
                       env={"PATH": path, "HOME": os.environ.get("HOME", "/root"), "LINE": line, **(env or {})})
    assert p.returncode == 0 and p.stderr == "", p
    return [c for c in p.stdout.split("\n") if c]


def names(candidates: list[str]) -> list[str]:
    """Candidates without descriptions, from where the word's value starts (`--restart=un` → `un...`)."""
    return sorted({c.split("\t")[0].rsplit("=", 1)[-1] if "=" in c.split("\t")[0][:-1] else c.split("\t")[0]
                   for c in candidates})


def complete(line: str, *, path: str = "/nonexistent", env: dict | None = None) -> list[str]:
    """bash's COMPREPLY for the command line `line` with the cursor at its end."""
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


@pytest.mark.parametrize("shell", SHELLS)
def test_the_shipped_script_is_what_completion_prints(shell):
    p = subprocess.run([str(ROOT / ".venv" / "bin" / "pydock"), "completion", shell], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout == SCRIPTS[shell].read_text()


@pytest.mark.parametrize("shell, program, expected", [
    ("bash", f"source {SCRIPT}; complete -p pydock", "complete -F _pydock pydock"),
    ("fish", f"source {ROOT / 'completions' / 'pydock.fish'}; complete -c pydock | string match -q '*__pydock_complete*'; and echo defined", "defined"),
    ("zsh", f"compdef() {{ print compdef $@ }}; source {ROOT / 'completions' / '_pydock'}", "compdef _pydock pydock"),
])
def test_sourcing_runs_nothing_and_defines_the_completion(shell, program, expected):
    argv = {"bash": [BASH, "--norc", "--noprofile", "-c"], "zsh": [ZSH, "-f", "-c"], "fish": [FISH, "--no-config", "-c"]}
    p = subprocess.run([*argv[shell], program], capture_output=True, text=True, env={"PATH": "/nonexistent"})
    assert (p.returncode, p.stdout.strip(), p.stderr) == (0, expected, "")


@pytest.mark.parametrize("line, expected", [
    ("pydock con", ["config", "container", "context"]),  # as `docker __complete con`
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
    for shell in ("zsh", "fish"):
        assert names(run_shell(shell, line, "/nonexistent", None)) == sorted(expected), shell


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_describe_commands_and_flags(shell):
    assert "container\tManage containers" in run_shell(shell, "pydock con", "/nonexistent", None)
    assert any(c.startswith("--restart\tRestart policy") for c in run_shell(shell, "pydock run --rest", "/nonexistent", None))


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
@pytest.mark.parametrize("shell", SHELLS)
def test_fixed_values_are_dockers(line, docker_args, shell):
    """docker hands the shell its whole list; the shell keeps what starts with the word typed."""
    typed = docker_args[-1]
    theirs = [c for c in docker_offers(*docker_args) if c.startswith(typed)]
    assert names(run_shell(shell, line, "/nonexistent", None)) == sorted(theirs)
    assert theirs or typed == "SIGK"


@pytest.mark.parametrize("shell", SHELLS)
def test_every_command_path_is_known_to_the_script(shell):
    from pydock.cli._registry import VERBS, all_command_paths

    for path in all_command_paths():
        *parent, last = path
        line = "pydock " + " ".join([*parent, last[:-1] or last])
        hidden = len(path) == 2 and VERBS.get(path[0], {}).get(last) is not None and VERBS[path[0]][last].section == "Hidden"
        # docker's hidden commands (system dial-stdio) are never offered, as cobra's completion
        assert (last in names(run_shell(shell, line, "/nonexistent", None))) != hidden, path


@pytest.mark.parametrize("shell", SHELLS)
def test_object_names_ask_pydock_and_nothing_else(tmp_path, shell):
    """Where an engine object is expected, the script runs `pydock __complete KIND [STATE...]` (here a
    stand-in that records its arguments) and offers what it prints, filtered by the word typed; zsh and
    fish ask for descriptions too (`--describe`), which they show beside the names."""
    fake = tmp_path / "pydock"
    fake.write_text(f"#!{BASH}\necho \"$@\" >> {tmp_path}/calls\nprintf 'web-1\\timg, Up\\nweb-2\\timg, Exited\\ndb-1\\timg, Up\\n'\n")
    fake.chmod(0o755)
    path = f"{tmp_path}:{os.path.dirname(BASH)}"

    def offered(line):
        got = run_shell(shell, line, path, None)
        return [c.split("\t")[0] for c in got] if shell == "bash" else sorted(c.split("\t")[0] for c in got)

    if shell == "bash":  # bash shows names only: the stand-in's tab-separated tail is not asked for
        fake.write_text(f"#!{BASH}\necho \"$@\" >> {tmp_path}/calls\nprintf 'web-1\\nweb-2\\ndb-1\\n'\n")
    assert offered("pydock stop we") == ["web-1", "web-2"]
    assert sorted(offered("pydock -H tcp://h:1 unpause ")) == ["db-1", "web-1", "web-2"]
    assert sorted(offered("pydock network connect net ")) == ["db-1", "web-1", "web-2"]
    assert offered("pydock run --network d") == ["db-1"]
    describe = "" if shell == "bash" else "--describe "
    assert (tmp_path / "calls").read_text().splitlines() == [
        f"__complete {describe}containers running paused restarting", f"__complete {describe}containers paused",
        f"__complete {describe}containers", f"__complete {describe}networks"]
    if shell != "bash":
        assert "web-2\timg, Exited" in run_shell(shell, "pydock stop web-2", path, None)


@pytest.mark.parametrize("shell", SHELLS)
def test_the_daemon_typed_on_the_line_is_the_one_asked(tmp_path, shell):
    """-H, --context and --config typed before the command reach `pydock __complete` (as DOCKER_HOST,
    PYDOCK_COMPLETE_CONTEXT and DOCKER_CONFIG), in both spellings."""
    fake = tmp_path / "pydock"
    fake.write_text(f"#!{BASH}\necho \"host=$DOCKER_HOST ctx=$PYDOCK_COMPLETE_CONTEXT cfg=$DOCKER_CONFIG\" >> {tmp_path}/calls\n")
    fake.chmod(0o755)
    path = f"{tmp_path}:{os.path.dirname(BASH)}"
    run_shell(shell, "pydock -H tcp://h:1 --context ctx1 --config=/c stop ", path, None)
    run_shell(shell, "pydock --host=unix:///s -c ctx2 stop ", path, None)
    run_shell(shell, "pydock stop ", path, None)
    assert (tmp_path / "calls").read_text().splitlines() == [
        "host=tcp://h:1 ctx=ctx1 cfg=/c", "host=unix:///s ctx=ctx2 cfg=", "host= ctx= cfg="]


@pytest.mark.parametrize("shell", SHELLS)
def test_compose_services_come_from_the_files_typed(tmp_path, shell):
    fake = tmp_path / "pydock"
    fake.write_text(f"#!{BASH}\nprintf '%s|%s|%s\\n' \"$*\" \"$PYDOCK_COMPLETE_COMPOSE_FILES\" \"$PYDOCK_COMPLETE_PROJECT_DIR\""
                    f" | tr '\\n' '~' >> {tmp_path}/calls; echo >> {tmp_path}/calls\nprintf 'web\\nworker\\n'\n")
    fake.chmod(0o755)
    path = f"{tmp_path}:{os.path.dirname(BASH)}"
    assert sorted(c.split("\t")[0] for c in run_shell(
        shell, "pydock compose -f a.yaml --file=b.yaml --project-directory /p up w", path, None)) == ["web", "worker"]
    calls = (tmp_path / "calls").read_text().splitlines()
    describe = "" if shell == "bash" else "--describe "
    assert calls == [f"__complete {describe}services|a.yaml~b.yaml~|/p~"]


@pytest.mark.parametrize("typed", ["{d}/my\\ d", "\"{d}/my d", "'{d}/my d"])
@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_paths_with_spaces_complete_however_they_are_quoted(tmp_path, shell, typed):
    """A path typed with a backslash before the space or inside either quote completes to the same
    directory (zsh's own _files does this for zsh); the shell puts the quoting back on insertion."""
    (tmp_path / "my dir").mkdir()
    (tmp_path / "my dir" / "a b.env").write_text("")
    path = os.path.dirname(BASH)  # fish lists a directory with `ls`
    line = "pydock build " + typed.format(d=tmp_path)
    assert [c.rstrip("/") for c in run_shell(shell, line, path, None)] == [f"{tmp_path}/my dir"]
    line = "pydock run --env-file " + typed.format(d=tmp_path) + "ir/a"
    assert run_shell(shell, line, path, None) == [f"{tmp_path}/my dir/a b.env"]


@pytest.mark.parametrize("shell", SHELLS)
def test_quoted_words_reach_pydock_as_the_command_would_see_them(tmp_path, shell):
    """Quotes and backslashes in -H, --config and compose's -f are read as the shell reads them before
    the value is handed on, and an escaped blank does not split a word (which would shift positions)."""
    fake = tmp_path / "pydock"
    fake.write_text(f"#!{BASH}\nprintf '%s|%s|%s\\n' \"$DOCKER_HOST\" \"$DOCKER_CONFIG\" \"$PYDOCK_COMPLETE_COMPOSE_FILES\""
                    f" | tr '\\n' '~' >> {tmp_path}/calls; echo >> {tmp_path}/calls\nprintf 'web\\n'\n")
    fake.chmod(0o755)
    path = f"{tmp_path}:{os.path.dirname(BASH)}"
    run_shell(shell, "pydock -H 'tcp://h:1' --config \"/my conf\" stop ", path, None)
    run_shell(shell, "pydock compose -f my\\ compose.yaml up ", path, None)
    assert (tmp_path / "calls").read_text().splitlines() == ["tcp://h:1|/my conf|~", "||my compose.yaml~~"]
    # `network connect NET CONTAINER`: a network name typed with an escaped blank is one word
    assert names(run_shell(shell, "pydock network connect my\\ net w", path, None)) == ["web"]
