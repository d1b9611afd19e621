"""A project's objects on the engine, found by labels (never by names), as v2's getContainers does."""

from __future__ import annotations

from typing import Iterable

from . import labels

# which one-off (`compose run`) containers a listing includes
ONEOFF_INCLUDE, ONEOFF_EXCLUDE, ONEOFF_ONLY = "include", "exclude", "only"


def container_filters(project: str, *, oneoff: str = ONEOFF_EXCLUDE, services: Iterable[str] = ()) -> dict:
    """v2's getDefaultFilters: the project label, the service label when exactly one service is named,
    the config-hash label's presence, then the one-off label."""
    services = list(services)
    wanted = [labels.project_filter(project)]
    if len(services) == 1:
        wanted.append(labels.service_filter(services[0]))
    wanted.append(labels.CONFIG_HASH)
    if oneoff == ONEOFF_ONLY:
        wanted.append(labels.oneoff_filter(True))
    elif oneoff == ONEOFF_EXCLUDE:
        wanted.append(labels.oneoff_filter(False))
    return {"label": wanted}


def containers(engine, project: str, *, oneoff: str = ONEOFF_EXCLUDE, all: bool = True,
               services: Iterable[str] = ()) -> list[dict]:
    """`GET /containers/json` summaries of the project's containers (several services: filtered here)."""
    from ..engine.api import containers as api

    services = list(services)
    found = api.list(engine, all=all, filters=container_filters(project, oneoff=oneoff, services=services)) or []
    if len(services) > 1:
        found = [c for c in found if (c.get("Labels") or {}).get(labels.SERVICE) in services]
    return found


def label(summary: dict, key: str, default: str = "") -> str:
    """One label of a container summary (or inspect's Config.Labels passed as a summary)."""
    return (summary.get("Labels") or {}).get(key, default)


def number(summary: dict, default: int | None = 0) -> int | None:
    """The container-number label (`default` when missing or not a number)."""
    try:
        return int(label(summary, labels.CONTAINER_NUMBER))
    except ValueError:
        return default


def service_of(summary: dict) -> str:
    return label(summary, labels.SERVICE)


def is_oneoff(summary: dict) -> bool:
    return label(summary, labels.ONEOFF) == "True"


def canonical_name(summary: dict) -> str:
    """v2's getCanonicalContainerName: the name that is not a link alias (one slash only), without the
    slash; the short id when the container has no name."""
    names = summary.get("Names") or []
    if not names:
        return (summary.get("Id") or summary.get("ID") or "")[:12]
    for name in names:
        if name.rfind("/") == 0:
            return name[1:]
    return names[0].lstrip("/")


def networks(engine, project: str) -> list[dict]:
    from ..engine.api import networks as api

    return api.list(engine, filters={"label": [labels.project_filter(project)]})


def volumes(engine, project: str) -> list[dict]:
    from ..engine.api import volumes as api

    return api.list(engine, filters={"label": [labels.project_filter(project)]})
