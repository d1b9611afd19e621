"""The root command: docker's global flags, then the lazily loaded command tree."""

from __future__ import annotations

import click

from .. import __version__
from ._lazy import LazyGroup

LOG_LEVELS = ("debug", "info", "warn", "error", "fatal")


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"pydock version {__version__}")
        ctx.exit(0)


@click.group(cls=LazyGroup, help="A self-sufficient runtime for containers, spoken to from Python")
@click.option("--config", "config", metavar="string", help='Location of client config files (default "~/.docker")')
@click.option("-c", "--context", metavar="string",
              help='Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")')
@click.option("-D", "--debug", is_flag=True, help="Enable debug mode")
@click.option("-H", "--host", "hosts", multiple=True, metavar="list", help="Daemon socket to connect to")
@click.option("-l", "--log-level", default="info", metavar="string",
              help='Set the logging level ("debug", "info", "warn", "error", "fatal") (default "info")')
@click.option("--tls", is_flag=True, help="Use TLS; implied by --tlsverify")
@click.option("--tlscacert", metavar="string", help="Trust certs signed only by this CA")
@click.option("--tlscert", metavar="string", help="Path to TLS certificate file")
@click.option("--tlskey", metavar="string", help="Path to TLS key file")
@click.option("--tlsverify", is_flag=True, help="Use TLS and verify the remote")
@click.option("-v", "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print version information and quit")
@click.pass_context
def cli(ctx: click.Context, **opts) -> None:
    if opts["log_level"] not in LOG_LEVELS:
        from ..errors import UsageError

        raise UsageError(f'Unable to parse logging level: {opts["log_level"]}')
    from ..app import App, GlobalOptions

    ctx.obj = App(GlobalOptions(**opts))
    ctx.call_on_close(ctx.obj.close)
