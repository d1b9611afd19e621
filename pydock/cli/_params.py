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
        from ..opts.gostrings import go_quote

        self.fail(f'invalid argument {go_quote(value)} for "{flag_label(param)}" flag: {why}', param, ctx)


class GoInt(DockerParam):
    """pflag's int: strconv.ParseInt(s, 0, 64), so `010` is 8 and `0x1f` is 31."""

    name = "int"

    def convert(self, value, param, ctx):
        if isinstance(value, int):  # the default
            return value
        from ..opts._errors import OptionError
        from ..opts.units import parse_go_int

        try:
            return parse_go_int(value)
        except OptionError as e:
            self.fail_value(value, str(e), param, ctx)


class NegatableFlag(click.Option):
    """A boolean flag that also takes pflag's `--flag=false` through a hidden `--no-flag`: help shows
    only the positive spelling."""

    def get_help_record(self, ctx):
        secondary, self.secondary_opts = self.secondary_opts, []
        try:
            return super().get_help_record(ctx)
        finally:
            self.secondary_opts = secondary


class Parsed(DockerParam):
    """A flag value read by a pure parser from pydock.opts, given as "module:function" (`units:ram_in_bytes`);
    its OptionError becomes pflag's message, naming the visible spellings of the flag only."""

    def __init__(self, name: str, parser: str):
        self.name, self.parser = name, parser

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        import importlib

        from ..opts._errors import OptionError

        module, _, function = self.parser.partition(":")
        try:
            return getattr(importlib.import_module(f"pydock.opts.{module}"), function)(value)
        except OptionError as e:
            self.fail_value(value, str(e), param, ctx)

    def fail_value(self, value, why, param, ctx):
        """pflag's `invalid argument %q for %q flag: ...`, naming the visible spellings only."""
        from ..opts.network import go_quote

        visible = [o for o in param.opts if o not in getattr(param, "hidden_decls", ())]
        label = ", ".join(sorted(visible, key=lambda o: (o.startswith("--"), o)))
        self.fail(f"invalid argument {go_quote(value)} for {go_quote(label)} flag: {why}", param, ctx)


class Filter(DockerParam):
    name = "filter"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            return parse_filter(value)
        except FilterSyntaxError as e:
            self.fail_value(value, str(e), param, ctx)


def drop_empty_filters(ctx, param, value):
    """`--filter ""` is no filter (FilterOpt.Set returns at once), not an error: Filter gives None for it."""
    return tuple(v for v in value if v is not None)


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
