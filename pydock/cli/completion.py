"""`pydock completion bash|zsh|fish`: print the shell's completion script (the same scripts ship in
completions/). Sourcing a script runs nothing. bash's is generated from the command tree
(pydock._bash_completion: no program runs for commands, flags and fixed values); zsh's and fish's are
still click's, which ask `pydock` itself at TAB time."""

from __future__ import annotations

import click

from ._lazy import command
from ._params import Choice

SHELLS = ("bash", "zsh", "fish")


def completion_script(shell: str) -> str:
    from click.shell_completion import get_completion_class

    if shell == "bash":
        from ._bash_completion import script

        return script()

    from .root import cli

    cls = get_completion_class(shell)
    return cls(cli, {}, "pydock", "_PYDOCK_COMPLETE").source()


@command("completion", usage="[bash|zsh|fish]", args=(1, 1),
         help="Generate the autocompletion script for the specified shell")
@click.argument("shell", nargs=-1, type=Choice(SHELLS), shell_complete=lambda c, p, i: [s for s in SHELLS if s.startswith(i)])
@click.pass_obj
def command(app, shell):
    app.write(completion_script(shell[0]))
