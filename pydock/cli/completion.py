"""`pydock completion bash|zsh|fish`: print the shell's completion script (the same scripts ship in
completions/). Sourcing a script runs nothing. Each is generated from the command tree
(pydock.cli._completion_scripts): no program runs for commands, flags and fixed values; engine objects
come from `pydock __complete KIND` (stdlib only)."""

from __future__ import annotations

import click

from ._lazy import command
from ._params import Choice

SHELLS = ("bash", "zsh", "fish")


def completion_script(shell: str) -> str:
    from ._completion_scripts import script

    return script(shell)


EXAMPLES = (
    ('Load bash completion in the current shell', 'source <(pydock completion bash)'),
    ('Install fish completion for this user', 'pydock completion fish > ~/.config/fish/completions/pydock.fish'),
)


@command("completion", examples=EXAMPLES, usage="[bash|zsh|fish]", args=(1, 1),
         help="Generate the autocompletion script for the specified shell")
@click.argument("shell", nargs=-1, type=Choice(SHELLS), shell_complete=lambda c, p, i: [s for s in SHELLS if s.startswith(i)])
@click.pass_obj
def command(app, shell):
    app.write(completion_script(shell[0]))
