"""`pydock compose create`: create the services' containers (and networks, volumes), no start
(v2 cmd/compose/create.go, pkg/compose/create.go)."""

from __future__ import annotations

import click

from .._lazy import command

PULL_POLICIES = ("always", "never", "build", "missing", "if_not_present")


def atoi(text: str) -> int:
    """Go's strconv.Atoi: an optional sign and ASCII digits only (int() also takes spaces, `_` and
    other scripts' digits); ValueError otherwise."""
    digits = text[1:] if text[:1] in ("+", "-") else text
    if not digits or not all("0" <= ch <= "9" for ch in digits):
        raise ValueError(text)
    return int(text, 10)


def apply_create_options(project, *, pull: str | None, build: bool, scale: tuple[str, ...]) -> None:
    """createOptions.Apply: `--pull` sets every pull_policy, `--build` makes buildable services
    `pull_policy: build`, `--scale S=N` sets the scale."""
    from ...compose.converge import set_scale
    from ...compose.errors import ComposeError

    if pull is not None:
        if pull not in PULL_POLICIES:
            raise ComposeError(f'invalid --pull option "{pull}"')
        for s in project.services.values():
            s["pull_policy"] = pull
    if build:
        for s in project.services.values():
            if s.get("build") is not None:
                s["pull_policy"] = "build"
    for spec in scale:
        parts = spec.split("=")
        if len(parts) != 2:
            raise ComposeError(f'invalid --scale option "{spec}". Should be SERVICE=NUM')
        name, value = parts
        try:
            n = atoi(value)
        except ValueError:
            raise ComposeError(f'strconv.Atoi: parsing "{value}": invalid syntax') from None
        if name not in project.services:
            reason = "disabled" if name in (project.disabled or {}) else "not found"
            raise ComposeError(f"no such service: {name}: {reason}")
        set_scale(project.services[name], n)


def recreate_strategy(no_recreate: bool, force_recreate: bool, no_inherit: bool = False) -> str:
    from ...compose.converge import RECREATE_DIVERGED, RECREATE_FORCE, RECREATE_NEVER

    if no_recreate:
        return RECREATE_NEVER
    if force_recreate or no_inherit:
        return RECREATE_FORCE
    return RECREATE_DIVERGED


def deps_strategy(no_recreate: bool, recreate_deps: bool) -> str:
    from ...compose.converge import RECREATE_DIVERGED, RECREATE_FORCE, RECREATE_NEVER

    if no_recreate:
        return RECREATE_NEVER
    return RECREATE_FORCE if recreate_deps else RECREATE_DIVERGED


def ignore_orphans(project) -> bool:
    from ...compose.converge import string_to_bool

    return string_to_bool((project.environment or {}).get("COMPOSE_IGNORE_ORPHANS", ""))


EXAMPLES = (
    ('Create the containers without starting them', 'pydock compose create --build'),
)


@command("create", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="Creates containers for a service")
@click.argument("services", nargs=-1)
@click.option("--build", is_flag=True, help="Build images before starting containers")
@click.option("--force-recreate", is_flag=True,
              help="Recreate containers even if their configuration and image haven't changed")
@click.option("--no-build", is_flag=True, help="Don't build an image, even if it's policy")
@click.option("--no-recreate", is_flag=True,
              help="If containers already exist, don't recreate them. Incompatible with --force-recreate.")
@click.option("--pull", default=None, metavar="string",
              help='Pull image before running ("always"|"missing"|"never"|"build") (default "policy")')
@click.option("--quiet-pull", is_flag=True, help="Pull without printing progress information")
@click.option("--remove-orphans", is_flag=True, help="Remove containers for services not defined in the Compose file")
@click.option("--scale", multiple=True, metavar="scale",
              help="Scale SERVICE to NUM instances. Overrides the scale setting in the Compose file if present.")
@click.option("-y", "--yes", is_flag=True, help='Assume "yes" as answer to all prompts and run non-interactively')
@click.pass_obj
def command(capp, services, build, force_recreate, no_build, no_recreate, pull, quiet_pull, remove_orphans,
            scale, yes):
    from ...compose import lifecycle
    from ...compose.converge import CreateOptions
    from ...compose.errors import ComposeError

    if build and no_build:
        raise ComposeError("--build and --no-build are incompatible")
    if force_recreate and no_recreate:
        raise ComposeError("--force-recreate and --no-recreate are incompatible")
    project = lifecycle.load(capp, services)
    apply_create_options(project, pull=pull, build=build, scale=scale)
    opts = CreateOptions(services=tuple(services), recreate=recreate_strategy(no_recreate, force_recreate),
                         recreate_deps=deps_strategy(no_recreate, False), remove_orphans=remove_orphans,
                         ignore_orphans=ignore_orphans(project), build=not no_build, force_build=build,
                         quiet_pull=quiet_pull, assume_yes=yes)
    lifecycle.run_with_progress(capp, "Creating", lambda c: c.create(project, opts))
