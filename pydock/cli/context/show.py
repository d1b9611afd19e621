"""`pydock context show`: the name of the context commands would use."""

from __future__ import annotations

import click

from ...errors import ArgCountError
from .._lazy import DockerCommand


class BareCommand(DockerCommand):
    """A verb whose usage line is its path alone: docker prints no trailing blank after it."""

    def format_usage(self, ctx, formatter):
        formatter.write(f"Usage:  {ctx.command_path}\n")

    def _check_count(self, ctx, count: int) -> None:
        try:
            super()._check_count(ctx, count)
        except ArgCountError as e:
            raise ArgCountError(e.message.replace(f"{ctx.command_path} \n", f"{ctx.command_path}\n")) from None


EXAMPLES = (
    ('The context commands use now', 'pydock context show'),
)


@click.command("show", examples=EXAMPLES, cls=BareCommand, usage="", args=(0, 0), help="Print the name of the current context")
@click.pass_obj
def command(app):
    from ._store import current_name

    app.write(current_name(app) + "\n")
