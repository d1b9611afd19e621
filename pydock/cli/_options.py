"""Shared option decorators, so every list command spells its flags and help exactly alike."""

from __future__ import annotations

import click

from ._params import FILTER, drop_empty_filters


def format_option(help_text: str):
    return click.option("--format", "format_", metavar="string", help=help_text)


FORMAT_HELP_LIST = (
    "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n"
    "'table TEMPLATE':   Print output in table format using the given Go template\n"
    "'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template."
)

def filter_completer(command: str):
    """TAB on `--filter` of `command`: its filter keys, then known values (cli/_complete, loaded at TAB only:
    the command itself never pays for the tables)."""

    def complete(ctx, param, incomplete):
        from ._complete import filter_completer as completer

        return completer(command)(ctx, param, incomplete)

    complete.filter_command = command  # read by the static scripts' generator
    return complete


def filter_option(command: str):
    return click.option("-f", "--filter", "filters", multiple=True, type=FILTER, metavar="filter",
                        callback=drop_empty_filters, shell_complete=filter_completer(command), help="Filter output based on conditions provided")
no_trunc_option = click.option("--no-trunc", is_flag=True, help="Don't truncate output")


def quiet_option(help_text: str):
    return click.option("-q", "--quiet", is_flag=True, help=help_text)
