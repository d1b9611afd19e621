"""Regenerate man/man1/ (one page per command, from the click tree) and completions/ (bash, zsh, fish).

Run after changing the command tree:  .venv/bin/python scripts/gen_docs.py
`--check` exits 1 when the committed files differ from what would be generated (used by the tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pydock import __version__  # noqa: E402
from pydock.cli import _registry  # noqa: E402
from pydock.cli.completion import SHELLS, completion_script  # noqa: E402
from pydock.cli.root import cli  # noqa: E402

COMPLETION_FILES = {"bash": "pydock.bash", "zsh": "_pydock", "fish": "pydock.fish"}
MAN = ROOT / "man" / "man1"


def _esc(text: str) -> str:
    lines = []
    for line in text.replace("\\", "\\e").splitlines():
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def _resolve(path: tuple[str, ...]) -> tuple[click.Context, click.Command]:
    ctx = click.Context(cli, info_name="pydock")
    cmd: click.Command = cli
    for name in path:
        sub = cmd.get_command(ctx, name)  # type: ignore[attr-defined]
        ctx = click.Context(sub, info_name=name, parent=ctx)
        cmd = sub
    return ctx, cmd


ENVIRONMENT = (
    ("DOCKER_HOST", "The daemon socket to connect to (as \\fB-H\\fR), e.g. unix:///var/run/docker.sock or tcp://host:2376."),
    ("DOCKER_CONTEXT", "The context to use (as \\fB--context\\fR); overrides the current context in config.json."),
    ("DOCKER_CONFIG", "The client configuration directory (as \\fB--config\\fR; default ~/.docker)."),
    ("DOCKER_API_VERSION", "The Engine API version to speak instead of negotiating one."),
    ("DOCKER_TLS_VERIFY, DOCKER_CERT_PATH", "Verify the daemon with TLS, with ca.pem, cert.pem and key.pem from that directory."),
    ("DOCKER_DEFAULT_PLATFORM", "The platform of images pulled, built and run when none is given."),
    ("NO_COLOR", "When set, no colours in any output."),
    ("PYDOCK_DEBUG", "1: tracebacks and the engine requests on stderr (as \\fB--debug\\fR)."),
)
COMPOSE_ENVIRONMENT = (
    ("COMPOSE_FILE", "The compose files, separated by COMPOSE_PATH_SEPARATOR (default \\fB:\\fR), as \\fB-f\\fR."),
    ("COMPOSE_PROJECT_NAME", "The project name, as \\fB-p\\fR."),
    ("COMPOSE_PROFILES", "The profiles to enable, comma-separated, as \\fB--profile\\fR."),
    ("COMPOSE_ENV_FILES", "The environment files, comma-separated, as \\fB--env-file\\fR."),
    ("COMPOSE_PARALLEL_LIMIT", "How many engine calls run at once, as \\fB--parallel\\fR."),
    ("COMPOSE_ANSI, COMPOSE_PROGRESS", "As \\fB--ansi\\fR and \\fB--progress\\fR."),
    ("COMPOSE_REMOVE_ORPHANS, COMPOSE_IGNORE_ORPHANS", "Remove, or say nothing of, containers of services no longer in the file."),
)
FILES = (
    ("~/.docker/config.json", "Registry credentials and credential helpers, the current context, proxies, the detach keys and the default formats (same file as the docker CLI)."),
    ("~/.docker/contexts/", "The context store: one meta.json (and TLS files) per context."),
    ("$XDG_CACHE_HOME/pydock/ping.json (~/.cache/pydock/ping.json)", "What each local engine socket answered to its last /_ping (API version, OS type), so a command sends one request instead of two; checked against every response, safe to delete."),
)
COMPOSE_FILES = (
    ("compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml",
     "The project's file, looked for in the working directory and its parents when no \\fB-f\\fR is given; \\fB.env\\fR beside it holds variables for interpolation."),
)
EXIT_STATUS = {
    "default": (("0", "Success."),
                ("1", "The command failed: bad input, or the engine refused (one line on stderr says why)."),
                ("125", "pydock itself failed (e.g. an unknown flag), as docker does."),
                ("130", "Interrupted (Ctrl-C).")),
    "run": (("0", "The container's command exited 0 (with \\fB-d\\fR: the container was started)."),
            ("125", "The container could not be created or started (bad flags, the engine refused)."),
            ("126", "The container's command could not be invoked (permission denied)."),
            ("127", "The container's command was not found."),
            ("N", "Otherwise the container's own exit status.")),
    "exec": (("0", "The command exited 0."),
             ("1", "The command could not be run (no such container, not running)."),
             ("126, 127", "The command could not be invoked, or was not found."),
             ("N", "Otherwise the command's own exit status.")),
}


def _exit_status(path: tuple[str, ...]) -> tuple:
    verb = path[-1] if path else ""
    if path[:1] == ("compose",):
        if verb in ("run", "exec"):
            return EXIT_STATUS["exec"]
        return (("0", "Success."), ("1", "The command failed (one line on stderr says why), as docker compose."),
                ("130", "Interrupted (Ctrl-C); an attached \\fBup\\fR stops the project first."))
    if verb in ("run", "start") or path == ("container", "create") or verb == "create" and len(path) == 1:
        return EXIT_STATUS["run"]
    if verb == "exec":
        return EXIT_STATUS["exec"]
    return EXIT_STATUS["default"]


def _tp(items) -> list[str]:
    out = []
    for head, text in items:
        out += [".TP", f"\\fB{_esc(head)}\\fR", text]
    return out


def man_page(path: tuple[str, ...]) -> str:
    ctx, cmd = _resolve(path)
    title = "-".join(("pydock",) + path)
    usage = getattr(cmd, "docker_usage", "COMMAND")
    out = [f'.TH "{title.upper()}" 1 "" "pydock {__version__}" "pydock manual"',
           ".SH NAME", f"{title} \\- {_esc(cmd.help or cmd.short_help or '')}",
           ".SH SYNOPSIS", f"\\fB{' '.join(('pydock',) + path)}\\fR {_esc(usage)}"]
    if cmd.help:
        out += [".SH DESCRIPTION", _esc(cmd.help)]
    options = [p for p in cmd.get_params(ctx) if isinstance(p, click.Option)]
    if options:
        out.append(".SH OPTIONS")
        for opt in options:
            record = opt.get_help_record(ctx)
            if record:
                out += [".TP", f"\\fB{_esc(record[0])}\\fR", _esc(record[1] or "")]
    if isinstance(cmd, click.Group):
        out.append(".SH COMMANDS")
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            out += [".TP", f"\\fB{title}-{name}\\fR(1)", _esc(sub.get_short_help_str(200) if sub else "")]
    examples = getattr(cmd, "examples", ())
    if examples:
        out.append(".SH EXAMPLES")
        for what, line in examples:
            out += [".PP", _esc(what) + ":", ".PP", ".RS 4", ".nf", _esc(line), ".fi", ".RE"]
    out += [".SH EXIT STATUS"] + _tp(_exit_status(path))
    compose = path[:1] == ("compose",)
    out += [".SH ENVIRONMENT"] + _tp(ENVIRONMENT + (COMPOSE_ENVIRONMENT if compose else ()))
    out += [".SH FILES"] + _tp(FILES + (COMPOSE_FILES if compose else ()))
    see = ["\\fBpydock\\fR(1)"]
    if len(path) > 1:
        see.append(f"\\fB{'-'.join(('pydock',) + path[:-1])}\\fR(1)")
    see.append("\\fBdocker\\fR(1)")
    out += [".SH SEE ALSO", ", ".join(see), ""]
    return "\n".join(out)


def generated() -> dict[Path, str]:
    files: dict[Path, str] = {MAN / "pydock.1": man_page(())}
    for path in _registry.all_command_paths():
        files[MAN / ("-".join(("pydock",) + path) + ".1")] = man_page(path)
    for shell in SHELLS:
        files[ROOT / "completions" / COMPLETION_FILES[shell]] = completion_script(shell)
    files[ROOT / "pydock" / "cli" / "_root_help.py"] = root_help_module()
    return files


ROOT_HELP_WIDTHS = (78, 98)  # click's width in a pipe or an 80-column terminal, and at 100 columns or more


def root_help_module() -> str:
    """`pydock --help` rendered by click at the widths most terminals give, for __main__ to print
    without loading click."""
    lines = ['"""`pydock --help` as click renders it, by help width (generated by scripts/gen_docs.py from the',
             'command tree: do not edit). __main__ prints it for `pydock` and `pydock --help` without loading',
             'click; other widths go through click."""', "", "TEXTS = {"]
    for width in ROOT_HELP_WIDTHS:
        ctx = click.Context(cli, info_name="pydock", terminal_width=width, **cli.context_settings)
        lines.append(f"    {width}: {ctx.get_help() + chr(10)!r},")
    return "\n".join(lines + ["}", ""])


def main(argv: list[str]) -> int:
    files = generated()
    if "--check" in argv:
        stale = [str(p.relative_to(ROOT)) for p, text in files.items() if not p.exists() or p.read_text() != text]
        existing = {p for d in (MAN, ROOT / "completions") for p in d.glob("*")}
        stale += [str(p.relative_to(ROOT)) + " (not generated any more)" for p in existing - set(files)]
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for d in (MAN, ROOT / "completions"):
        for p in d.glob("*"):
            if p not in files:
                p.unlink()
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    print(f"wrote {len(files)} files under man/man1/ and completions/, and pydock/cli/_root_help.py")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
