"""click classes that behave like docker's cobra commands and load lazily from `_registry`.

- `DockerCommand`: docker's usage line (`Usage:  pydock ps [OPTIONS]`), `--help` only (`-h` stays free for
  flags like `run -h`), and docker's argument-count messages and exit status.
- `LazyGroup`: imports a command's module only when that command runs; help and TAB read the registry.
"""

from __future__ import annotations

import importlib

import click

from ..errors import ArgCountError, PydockError, ReaderGone
from . import _registry

CONTEXT_SETTINGS = {"help_option_names": ["--help"], "max_content_width": 100}


GO_BOOLS = {v: True for v in ("1", "t", "T", "TRUE", "true", "True")} | {
    v: False for v in ("0", "f", "F", "FALSE", "false", "False")}


def _plural(n: int) -> str:
    return "argument" if n == 1 else "arguments"


class DockerCommand(click.Command):
    """A verb. `args=(min, max)` bounds the positional arguments (max None = unbounded)."""

    def __init__(self, *a, usage: str = "[OPTIONS]", args: tuple[int, int | None] = (0, 0),
                 examples: tuple[tuple[str, str], ...] = (), **kw):
        kw.setdefault("context_settings", CONTEXT_SETTINGS)
        super().__init__(*a, **kw)
        self.docker_usage = usage
        self.arg_bounds = args
        self.examples = examples  # (what it does, the command line): the man page's EXAMPLES
        self.allow_extra_args = True  # surplus arguments are counted below, with docker's message

    def format_usage(self, ctx, formatter):
        formatter.write(f"Usage:  {ctx.command_path} {self.docker_usage}\n")

    def parse_args(self, ctx, args):
        try:
            args = self._bool_values(ctx, args)
            self._check_in_order(ctx, args)
            rest = super().parse_args(ctx, args)
        except click.UsageError as e:
            e.ctx = e.ctx or ctx  # so the error shows this command's usage line
            raise
        if ctx.resilient_parsing:
            return rest
        positional = [p for p in self.params if isinstance(p, click.Argument)]
        count = sum(len(ctx.params.get(p.name) or ()) if p.nargs == -1 else 1 for p in positional)
        self._check_count(ctx, count + len(ctx.args))
        return rest

    def _check_in_order(self, ctx, args: list[str]) -> None:
        """pflag converts each flag value where it meets it, so the first bad value on the command line is
        the error (`--label a=b -m x --label ' =x'` fails on the -m, `--help -m x` too); click converts
        param by param. So the pure flag types check every occurrence here first, in command-line order.
        Anything the parser itself refuses (an unknown flag) is left to the real parse."""
        if ctx.resilient_parsing or not args:
            return
        from ._params import Filter, GoInt, Parsed

        try:
            opts, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except click.UsageError:
            return
        seen: dict[str, int] = {}
        ctx.meta["pydock.precheck"] = True
        try:
            for param in order:
                values = opts.get(param.name)
                if not isinstance(param.type, (Parsed, GoInt, Filter)) or not isinstance(values, list):
                    continue
                index = seen[param.name] = seen.get(param.name, -1) + 1
                if index < len(values) and isinstance(values[index], str):
                    param.type.convert(values[index], param, ctx)
        finally:
            ctx.meta.pop("pydock.precheck", None)

    def make_parser(self, ctx):
        """Built once per context: `_check_in_order` and click's own parse share it (`run` has a hundred
        options; building its parser costs about a millisecond)."""
        parser = getattr(ctx, "_pydock_parser", None)
        if parser is None:
            parser = ctx._pydock_parser = super().make_parser(ctx)
        return parser

    def _bool_values(self, ctx, args: list[str]) -> list[str]:
        """pflag lets boolean flags take a value (`--digests=false`, `--sig-proxy=false`, `-a=true`)."""
        flags = {o: p for p in self.params if isinstance(p, click.Option) and p.is_flag and not p.count for o in p.opts}
        out = []
        for i, arg in enumerate(args):
            if arg == "--":
                return out + args[i:]
            name, eq, value = arg.partition("=")
            if not eq or name not in flags:
                out.append(arg)
                continue
            parsed = GO_BOOLS.get(value)
            if parsed is None:
                from ..opts.gostrings import go_quote
                from ._params import flag_label

                raise click.BadParameter(f'invalid argument {go_quote(value)} for "{flag_label(flags[name])}" flag: '
                                         f'strconv.ParseBool: parsing {go_quote(value)}: invalid syntax', ctx=ctx)
            secondary = flags[name].secondary_opts
            if parsed:
                out.append(name)
            elif secondary:
                out.append(secondary[0])
        return out

    def _check_count(self, ctx, count: int) -> None:
        lo, hi = self.arg_bounds
        path = ctx.command_path
        if lo <= count and (hi is None or count <= hi):
            return
        if hi == 0:
            msg, hint = f"'{path}' accepts no arguments", "Run"
        elif lo == hi:
            msg, hint = f"'{path}' requires {lo} {_plural(lo)}", "Run"
        elif hi is None:
            msg, hint = f"'{path}' requires at least {lo} {_plural(lo)}", "See"
        elif lo == 0:
            msg, hint = f"'{path}' requires at most {hi} {_plural(hi)}", "Run"
        else:
            msg, hint = f"'{path}' requires at least {lo} and at most {hi} arguments", "Run"
        raise ArgCountError(
            f"{ctx.find_root().info_name}: {msg}\n\nUsage:  {path} {self.docker_usage}\n\n"
            f"{hint} '{path} --help' for more information"
        )


def _load(target: str) -> click.Command:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


class LazyGroup(click.Group):
    """The root (`group=None`) or a management group, filled from the registry on demand."""

    def __init__(self, *a, group: str | None = None, **kw):
        kw.setdefault("context_settings", CONTEXT_SETTINGS)
        kw.setdefault("invoke_without_command", True)
        super().__init__(*a, **kw)
        self.group_key = group

    def _entries(self) -> dict[str, _registry.Entry]:
        if self.group_key is None:
            return {**_registry.TOP, **_registry.GROUPS}
        return _registry.VERBS[self.group_key]

    def _canonical(self, name: str) -> str:
        if self.group_key is None:
            return name
        return _registry.VERB_ALIASES.get(self.group_key, {}).get(name, name)

    def list_commands(self, ctx):
        return sorted(name for name, entry in self._entries().items() if entry.section != "Hidden")

    def get_command(self, ctx, name):
        name = self._canonical(name)
        entry = self._entries().get(name)
        if entry is None:
            return None
        if not entry.target:
            return LazyGroup(name=name, group=name, help=entry.help, short_help=entry.help)
        return _load(entry.target)

    def resolve_command(self, ctx, args):
        name = args[0]
        cmd = self.get_command(ctx, name)
        if cmd is None and not ctx.resilient_parsing:
            root = ctx.find_root().info_name
            if self.group_key is None and name in _registry.UNSUPPORTED:
                raise PydockError(f"{root}: '{name}' is not supported by pydock ({_registry.UNSUPPORTED[name]}); see README")
            usage = "" if self.group_key is None else f"Usage:  {ctx.command_path}\n\n"
            raise ArgCountError(
                f"{root}: unknown command: {ctx.command_path} {name}\n\n{usage}"
                f"Run '{ctx.command_path} --help' for more information"
            )
        return self._canonical(name), cmd, args[1:]  # `image remove` says `image rm` in messages, as docker

    def make_context(self, info_name, args, parent=None, **extra):
        """The root's own --help is printed while its context is made, outside invoke()."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except BrokenPipeError:
            raise ReaderGone() from None

    def invoke(self, ctx):
        try:
            if not ctx.protected_args and not ctx.args:
                click.echo(ctx.get_help(), color=ctx.color)
                ctx.exit(0)
            return super().invoke(ctx)
        except BrokenPipeError:
            raise ReaderGone() from None

    def format_usage(self, ctx, formatter):
        tail = "[OPTIONS] COMMAND" if self.group_key is None else "COMMAND"
        formatter.write(f"Usage:  {ctx.command_path} {tail}\n")

    def format_commands(self, ctx, formatter):
        """Rows come from the registry, so help never imports a command module."""
        entries = self._entries()
        sections: dict[str, list[tuple[str, str]]] = {}
        for name in sorted(entries):
            if entries[name].section == "Hidden":  # docker's hidden commands (system dial-stdio)
                continue
            section = entries[name].section if self.group_key is None else "Commands"
            sections.setdefault(section, []).append((name, entries[name].help))
        for section in _registry.SECTION_ORDER:
            if section in sections:
                with formatter.section(section):
                    formatter.write_dl(sections[section])

    def format_epilog(self, ctx, formatter):
        formatter.write(f"\nRun '{ctx.command_path} COMMAND --help' for more information on a command.\n")


def command(name: str, *, usage: str = "[OPTIONS]", args: tuple[int, int | None] = (0, 0), help: str = "", **kw):
    """Decorator for a verb: `@command("ls", usage="[OPTIONS]", args=(0, 0), help="List containers")`."""
    return click.command(name, cls=DockerCommand, usage=usage, args=args, help=help, **kw)


def fail(message: str, exit_code: int = 1):
    raise PydockError(message, exit_code)
