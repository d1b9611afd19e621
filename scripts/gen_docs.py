"""Regenerate man/ (one page per command, from the click tree) and completions/ (bash, zsh, fish).

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
            out += [".TP", f"\\fB{title}-{name}(1)\\fR"]
    out += [".SH SEE ALSO", "\\fBpydock(1)\\fR, \\fBdocker(1)\\fR", ""]
    return "\n".join(out)


def generated() -> dict[Path, str]:
    files: dict[Path, str] = {ROOT / "man" / "pydock.1": man_page(())}
    for path in _registry.all_command_paths():
        files[ROOT / "man" / ("-".join(("pydock",) + path) + ".1")] = man_page(path)
    for shell in SHELLS:
        files[ROOT / "completions" / COMPLETION_FILES[shell]] = completion_script(shell)
    return files


def main(argv: list[str]) -> int:
    files = generated()
    if "--check" in argv:
        stale = [str(p.relative_to(ROOT)) for p, text in files.items() if not p.exists() or p.read_text() != text]
        existing = {p for d in ("man", "completions") for p in (ROOT / d).glob("*")}
        stale += [str(p.relative_to(ROOT)) + " (not generated any more)" for p in existing - set(files)]
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for d in ("man", "completions"):
        for p in (ROOT / d).glob("*"):
            if p not in files:
                p.unlink()
    for p, text in files.items():
        p.parent.mkdir(exist_ok=True)
        p.write_text(text)
    print(f"wrote {len(files)} files under man/ and completions/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
