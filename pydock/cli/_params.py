"""click parameter types that parse with `pydock.opts` and fail with docker's (pflag's) messages:
`invalid argument "abc" for "-n, --last" flag: <why>` (exit 125)."""

from __future__ import annotations

import click

from ..opts.filters import FilterSyntaxError, parse_filter


def flag_label(param) -> str:
    """`-n, --last` as pflag names a flag: shorthand first, then the long name."""
    opts = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    return ", ".join(opts)


class DockerParam(click.ParamType):
    def fail_value(self, value: str, why: str, param, ctx):
        self.fail(f'invalid argument "{value}" for "{flag_label(param)}" flag: {why}', param, ctx)


class GoInt(DockerParam):
    name = "int"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        try:
            return int(value, 0) if value.strip().lower().startswith(("0x", "0o", "0b")) else int(value)
        except ValueError:
            self.fail_value(value, f'strconv.ParseInt: parsing "{value}": invalid syntax', param, ctx)


class Filter(DockerParam):
    name = "filter"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            return parse_filter(value)
        except FilterSyntaxError as e:
            self.fail_value(value, str(e), param, ctx)


class Choice(DockerParam):
    """A string that must be one of a set; the message lists the choices like docker's enum flags do."""

    name = "string"

    def __init__(self, choices: tuple[str, ...], what: str = "value"):
        self.choices = choices
        self.what = what

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        options = ", ".join(f'"{c}"' for c in self.choices)
        self.fail_value(value, f"must be one of {options}", param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in self.choices if c.startswith(incomplete)]


INT = GoInt()
FILTER = Filter()
