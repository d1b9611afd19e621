"""Service selection and image names for the image verbs (pull, push, build) and `run`: pure functions
over the loaded project's model (compose-go's WithSelectedServices / ForEachService, v2's
GetImageNameOrDefault). No engine I/O here."""

from __future__ import annotations

from typing import Iterable

from .errors import ComposeError

SEPARATOR = "-"


def image_name(project_name: str, service_name: str, service: dict) -> str:
    """v2's GetImageNameOrDefault: `image:`, else `<project>-<service>`."""
    return service.get("image") or f"{project_name}{SEPARATOR}{service_name}"


def dependencies(service: dict) -> dict[str, dict]:
    return service.get("depends_on") or {}


def select(services: dict[str, dict], names: Iterable[str], *, with_deps: bool) -> list[str]:
    """The services a command acts on, in the model's order: all when `names` is empty, else the named
    ones plus (with_deps) their dependencies, transitively. An unknown name is compose-go's
    `no such service: x`; a missing dependency is an error only when it is required."""
    names = list(names)
    if not names:
        return list(services)
    chosen: set[str] = set()

    def visit(name: str, required: bool = True) -> None:
        if name in chosen:
            return
        if name not in services:
            if required:
                raise ComposeError(f"no such service: {name}")
            return
        chosen.add(name)
        if with_deps:
            for dep, spec in dependencies(services[name]).items():
                visit(dep, (spec or {}).get("required", True) is not False)

    for name in names:
        visit(name)
    return [name for name in services if name in chosen]


def dependency_order(services: dict[str, dict], names: Iterable[str]) -> list[str]:
    """`names` ordered so that every service comes after its dependencies (ties: the given order)."""
    names = list(names)
    wanted = set(names)
    done: list[str] = []
    seen: set[str] = set()

    def visit(name: str, stack: tuple[str, ...]) -> None:
        if name in seen or name in stack:
            return
        for dep in dependencies(services.get(name) or {}):
            if dep in wanted:
                visit(dep, stack + (name,))
        seen.add(name)
        done.append(name)

    for name in names:
        visit(name, ())
    return done
