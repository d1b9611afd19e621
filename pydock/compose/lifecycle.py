"""stop / kill / pause / unpause / restart / rm / down on a project, as docker compose v2 does them
(pkg/compose/stop.go, kill.go, pause.go, restart.go, remove.go, down.go).

A verb works either on a loaded project or, with only `-p NAME`, on a project rebuilt from the labels
of what the engine holds (v2's projectFromName + getProjectWithResources): services from the
containers' service labels (dependencies from the depends_on label), networks and volumes from theirs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from . import labels, progress
from .converge import (Compose, canonical_name, depends_on, event_name, in_dependency_order, is_oneoff,
                       service_of)
from .errors import ComposeError
from ..errors import Conflict, NotFound, PydockError


# -- the project, from a file or from the engine --------------------------------------------------

def select_services(project, names, *, with_deps: bool = True):
    """compose-go WithSelectedServices on a copy of the project: the named services (plus their
    dependencies unless `with_deps` is False) stay, the others move to `disabled`; dependencies on a
    service that is not kept are dropped."""
    names = list(names)
    if not names:
        return project
    services = project.services
    keep: set[str] = set()

    def visit(n: str, required: bool = True) -> None:
        if n in keep:
            return
        if n not in services:
            if required:
                raise ComposeError(f"no such service: {n}")
            return
        keep.add(n)
        if with_deps:
            for dep, cfg in depends_on(services[n]).items():
                visit(dep, (cfg or {}).get("required", True) is not False)

    for n in names:
        visit(n)
    p = copy.copy(project)
    p.model = dict(project.model)
    enabled, disabled = {}, dict(project.disabled or {})
    for n, s in services.items():
        if n in keep:
            s = dict(s)
            if "depends_on" in s:
                s["depends_on"] = {d: c for d, c in depends_on(s).items() if d in keep}
            enabled[n] = s
        else:
            disabled[n] = s
    p.model["services"] = enabled
    p.disabled = disabled
    return p


def project_from_resources(engine, name: str, containers: list[dict], *, with_resources: bool = True,
                           services=()):
    """projectFromName (+ getProjectWithResources): the project as the engine's labels describe it.
    Dependencies are not required (down/stop must not fail on a missing one)."""
    from . import state
    from .model import Project

    model_services: dict[str, dict] = {}
    for c in containers:
        if is_oneoff(c):
            continue
        svc = service_of(c) or canonical_name(c)
        s = model_services.get(svc)
        if s is None:
            s = model_services[svc] = {"image": c.get("Image", ""), "labels": dict(c.get("Labels") or {}), "scale": 0}
        s["scale"] += 1
    for svc, s in model_services.items():
        spec = s["labels"].get(labels.DEPENDS_ON, "")
        if spec:
            deps = {}
            for item in spec.split(","):
                parts = item.split(":")
                condition = parts[1] if len(parts) > 1 else "running_or_healthy"
                restart = parts[2].lower() in ("1", "t", "true") if len(parts) > 2 else True
                deps[parts[0]] = {"condition": condition, "required": not with_resources, "restart": restart}
            s["depends_on"] = deps
    for n in services:
        if n not in model_services:
            raise ComposeError(f'no such service: "{n}": not found')
    model: dict = {"name": name, "services": model_services}
    if with_resources:
        nets = {}
        for n in state.networks(engine, name) or []:
            nets[(n.get("Labels") or {}).get(labels.NETWORK, "")] = {"name": n.get("Name"), "driver": n.get("Driver"),
                                                                   "labels": n.get("Labels") or {}}
        vols = {}
        for v in state.volumes(engine, name) or []:
            vols[(v.get("Labels") or {}).get(labels.VOLUME, "")] = {"name": v.get("Name"), "driver": v.get("Driver"),
                                                                  "labels": v.get("Labels") or {}}
        model["networks"] = nets
        model["volumes"] = vols
    p = Project(name=name, working_dir="", config_files=(), model=model)
    p.__dict__["from_resources"] = True
    return p


@dataclass
class Target:
    """What a lifecycle verb acts on: a loaded project (or None) and the project name."""
    project: object | None
    name: str


# -- stop -------------------------------------------------------------------------------------------

def stop_services(c: Compose, project, services=(), timeout: int | None = None, *, containers=None) -> None:
    """composeService.stop: in reverse dependency order, every container of each named service."""
    if containers is None:
        containers = c.containers(project.name)
    services = list(services) or list(project.services)

    def visit(name: str) -> None:
        if name not in services:
            return
        mine = [x for x in containers if service_of(x) == name and not is_oneoff(x)]
        c.parallel(lambda x: c.stop_container(x, timeout), mine)

    in_dependency_order(project.services, visit, reverse=True, limit=c.limit)


def resolve(c: Compose, target: Target, containers: list[dict]):
    if target.project is not None:
        return target.project
    return project_from_resources(c.engine, target.name, [x for x in containers if not is_oneoff(x)])


def stop(c: Compose, target: Target, services=(), timeout: int | None = None) -> None:
    containers = c.containers(target.name)
    project = resolve(c, target, containers)
    stop_services(c, project, services, timeout, containers=containers)


# -- kill -------------------------------------------------------------------------------------------

def kill(c: Compose, target: Target, services=(), signal: str = "SIGKILL", remove_orphans: bool = False,
         all: bool = False) -> None:
    from ..engine.api import containers as api

    containers = c.containers(target.name, oneoff="include", all=all, services=services)
    project = resolve(c, target, containers)
    if not remove_orphans:
        containers = [x for x in containers if service_of(x) in project.services]
    if not containers:
        c.capp.err.write("no container to kill")
        return

    def one(x: dict) -> None:
        c.step(event_name(x), progress.killing, progress.killed, "Error while Killing",
               lambda: api.kill(c.engine, x["Id"], signal=signal))

    c.parallel(one, containers)


# -- pause / unpause --------------------------------------------------------------------------------

def pause(c: Compose, target: Target, services=(), *, unpause: bool = False) -> None:
    from ..engine.api import containers as api

    containers = c.containers(target.name, all=False, services=services)
    if target.project is not None:
        containers = [x for x in containers if service_of(x) in target.project.services]

    def one(x: dict) -> None:
        (api.unpause if unpause else api.pause)(c.engine, x["Id"])
        c.w.event(progress.Event(event_name(x), progress.DONE, "Unpaused" if unpause else "Paused"))

    c.parallel(one, containers)


# -- restart ----------------------------------------------------------------------------------------

def restart(c: Compose, target: Target, services=(), timeout: int | None = None, no_deps: bool = False) -> None:
    from ..engine.api import containers as api

    containers = c.containers(target.name)
    project = resolve(c, target, containers)
    services = list(services)
    if no_deps:
        project = select_services(project, services, with_deps=False)
    # only depends_on relations with `restart: true` matter here
    p = copy.copy(project)
    p.model = dict(project.model)
    p.model["services"] = {n: {**s, "depends_on": {d: cfg for d, cfg in depends_on(s).items() if (cfg or {}).get("restart")}}
                           for n, s in project.services.items()}
    project = p
    if services:
        project = with_dependents(project, services)

    def visit(name: str) -> None:
        svc = project.services[name]
        c.wait_dependencies(project, name, depends_on(svc), containers)

        def one(x: dict) -> None:
            ev = event_name(x)
            c.w.event(progress.restarting(ev))
            api.restart(c.engine, x["Id"], timeout=timeout)
            c.w.event(progress.started(ev))

        c.parallel(one, [x for x in containers if service_of(x) == name])

    in_dependency_order(project.services, visit, limit=c.limit)


def with_dependents(project, names):
    """WithSelectedServices(names, IncludeDependents): the named services and whatever depends on them."""
    keep = set()

    def visit(n: str) -> None:
        if n in keep:
            return
        if n not in project.services:
            raise ComposeError(f"no such service: {n}")
        keep.add(n)
        for other, s in project.services.items():
            if n in depends_on(s):
                visit(other)

    for n in names:
        visit(n)
    p = copy.copy(project)
    p.model = dict(project.model)
    p.model["services"] = {n: {**s, "depends_on": {d: v for d, v in depends_on(s).items() if d in keep}}
                           for n, s in project.services.items() if n in keep}
    p.disabled = {**(project.disabled or {}), **{n: s for n, s in project.services.items() if n not in keep}}
    return p


# -- rm ---------------------------------------------------------------------------------------------

def remove(c: Compose, target: Target, services=(), *, force: bool = False, stop_first: bool = False,
           volumes: bool = False, confirm=None, title_writer=None) -> None:
    from ..engine.api import containers as api

    if stop_first:
        with c.capp_writer("Stopping") as w:
            stop(Compose(c.capp, w, limit=c.limit), target, services)
    containers = c.containers(target.name, services=services)
    if target.project is not None:
        containers = [x for x in containers if service_of(x) in target.project.services]
    stopped = []
    for x in containers:
        try:
            info = api.inspect(c.engine, x["Id"])
        except NotFound:
            continue
        # in a dry run `-s` stopped nothing, yet v2 counts every container as stopped
        if not ((info.get("State") or {}).get("Running")) or (stop_first and c.capp.options.dry_run):
            stopped.append(x)
    names = [canonical_name(x) for x in stopped]
    if not names:
        progress.status_stream(c.capp).write("No stopped containers\n")
        return
    msg = f"Going to remove {', '.join(names)}"
    if force:
        c.capp.out.write(msg + "\n")
    elif confirm is None or not confirm(msg):
        return
    with c.capp_writer("Removing") as w:
        def one(x: dict) -> None:
            ev = event_name(x)
            w.event(progress.removing(ev))
            api.remove(c.engine, x["Id"], force=force, volumes=volumes)
            w.event(progress.removed(ev))

        c.parallel(one, stopped)


# -- down -------------------------------------------------------------------------------------------

def down(c: Compose, target: Target, services=(), *, timeout: int | None = None, volumes: bool = False,
         remove_orphans: bool = False, images: str = "") -> None:
    containers = c.containers(target.name, oneoff="include" if remove_orphans else "exclude")
    project = target.project
    if project is None:
        project = project_from_resources(c.engine, target.name, [x for x in containers if not is_oneoff(x)])
    services = list(services)
    selected = []
    for s in services:
        if s in project.services:
            selected.append(s)
        elif target.project is not None:
            raise ComposeError(f"no such service: {s}")
    if services and not selected:
        return
    to_remove = bool(containers)

    only = None
    if selected:  # WithRootNodesAndDown: the named services and what depends on them
        only = set()

        def up(n: str) -> None:
            if n in only:
                return
            only.add(n)
            for other, s in project.services.items():
                if n in depends_on(s):
                    up(other)

        for s in selected:
            up(s)

    def visit(name: str) -> None:
        mine = [x for x in containers if service_of(x) == name]
        c.parallel(lambda x: c.stop_and_remove(x, timeout, volumes), mine)

    in_dependency_order(project.services, visit, reverse=True, limit=c.limit, only=only)
    known = set(project.services) | set(project.disabled or {})
    orphans = [x for x in containers
               if (x.get("State") in ("exited", "dead") if is_oneoff(x) else service_of(x) not in known)]
    if remove_orphans and orphans:
        c.parallel(lambda x: c.stop_and_remove(x, timeout, False), orphans)
    ops = []
    for key, net in sorted(project.networks.items()):
        if net.get("external"):
            continue
        ops.append(lambda key=key, net=net: _remove_network(c, project.name, key, net.get("name") or f"{project.name}_{key}"))
    if images:
        for img in _images_to_prune(c, project, images, remove_orphans):
            ops.append(lambda img=img: _remove_image(c, img))
    if volumes:
        for key, vol in sorted(project.volumes.items()):
            if vol.get("external"):
                continue
            ops.append(lambda vol=vol, key=key: _remove_volume(c, vol.get("name") or f"{project.name}_{key}"))
    if not to_remove and not ops:
        c.warn(f'Warning: No resource found to remove for project "{target.name}".')
    c.parallel(lambda op: op(), ops)


def _remove_network(c: Compose, project: str, key: str, name: str) -> None:
    from ..engine.api import networks as api

    found = api.list(c.engine, filters={"label": [labels.project_filter(project), f"{labels.NETWORK}={key}"]}) or []
    if not found:
        return
    ev = f"Network {name}"
    c.w.event(progress.removing(ev))
    count = 0
    for n in found:
        if n.get("Name") != name:
            continue
        try:
            info = api.inspect(c.engine, n["Id"])
        except NotFound:
            c.w.event(progress.Event(ev, progress.WARNING, "No resource found to remove"))
            return
        if info.get("Containers"):
            c.w.event(progress.Event(ev, progress.WARNING, "Resource is still in use"))
            count += 1
            continue
        try:
            api.remove(c.engine, n["Id"])
        except NotFound:
            continue
        except PydockError as e:
            c.w.event(progress.error(ev))
            raise ComposeError(f"failed to remove network {name}: {e}") from None
        c.w.event(progress.removed(ev))
        count += 1
    if count == 0:
        c.w.event(progress.Event(ev, progress.WARNING, "No resource found to remove"))


def _remove_volume(c: Compose, name: str) -> None:
    from ..engine.api import volumes as api

    ev = f"Volume {name}"
    try:
        api.inspect(c.engine, name)
    except NotFound:
        return
    c.w.event(progress.removing(ev))
    try:
        api.remove(c.engine, name, force=True)
    except Conflict:
        c.w.event(progress.Event(ev, progress.WARNING, "Resource is still in use"))
        return
    except NotFound:
        c.w.event(progress.Event(ev, progress.DONE, "Warning: No resource found to remove"))
        return
    c.w.event(progress.removed(ev))


def _remove_image(c: Compose, image: str) -> None:
    from ..engine.api import images as api

    ev = f"Image {image}"
    c.w.event(progress.removing(ev))
    try:
        api.remove(c.engine, image, no_prune=True)  # ImageRemove with PruneChildren false
    except Conflict:
        c.w.event(progress.Event(ev, progress.WARNING, "Resource is still in use"))
        return
    except NotFound:
        c.w.event(progress.Event(ev, progress.DONE, "Warning: No resource found to remove"))
        return
    c.w.event(progress.removed(ev))


def _images_to_prune(c: Compose, project, mode: str, remove_orphans: bool = False) -> list[str]:
    """ImagePruner.ImagesToPrune: with `all` the services' `image:` that exist; the project's labelled
    images (not dangling) of a known service (any service with --remove-orphans), by their first tag;
    the default `<project>-<service>` names of services without `image:` that exist. Normalised as
    v2 does (familiar name, `:latest` added), deduplicated, sorted. A project rebuilt from labels has
    every service's `image:` set (the containers' images), so `local` finds labelled images only."""
    from ..engine.api import images as api
    from ..opts.reference import InvalidReference, parse_normalized

    def existing(names: list[str]) -> list[str]:
        out = []
        for n in names:
            try:
                api.inspect(c.engine, n)
            except NotFound:
                continue
            except PydockError:
                pass  # not a definite "no": try to remove it anyway, as v2
            out.append(n)
        return out

    images: list[str] = []
    services = project.services
    if mode == "all":
        images += existing([s["image"] for s in services.values() if s.get("image")])
    found = api.list(c.engine, filters={"label": [labels.project_filter(project.name)], "dangling": ["false"]}) or []
    for im in found:
        tags = [t for t in im.get("RepoTags") or [] if t != "<none>:<none>"]
        if not tags:
            continue
        if remove_orphans or (im.get("Labels") or {}).get(labels.SERVICE, "") in services:
            images.append(tags[0])
    images += existing([f"{project.name}-{n}" for n, s in services.items() if not s.get("image")])

    def normal(img: str) -> str:
        try:
            ref = parse_normalized(img)
        except InvalidReference:
            return img
        tag = ref.tag or ("latest" if not ref.digest else None)
        return ref.familiar_name() + (f":{tag}" if tag else "") + (f"@{ref.digest}" if ref.digest else "")

    return sorted({normal(i) for i in images})


# -- what the verbs share -----------------------------------------------------------------------------

def load(capp, services=(), **overrides):
    """The project the compose files describe (v2's ToProject), loader warnings as logrus lines."""
    from .loader import load_project

    return load_project(capp.load_options(services=tuple(services), **overrides),
                        warn=lambda m: progress.log_warning(capp.err, m, capp.environ))


def project_or_name(capp, services=()) -> Target:
    """v2's projectOrName: with `-p` and no `-f`, just the name (the project comes from the engine's
    labels); otherwise the loaded project, or COMPOSE_PROJECT_NAME alone when loading fails."""
    import os

    o = capp.options
    if o.files or not o.project_name:
        try:
            p = load(capp, services)
        except ComposeError:
            env_name = os.environ.get("COMPOSE_PROJECT_NAME", "")
            if env_name:
                return Target(None, env_name.lower())
            raise
        return Target(p, p.name.lower())
    return Target(None, o.project_name.lower())


def run_with_progress(capp, title: str, fn) -> None:
    """progress.RunWithTitle: `fn(compose)` with the writer open around it."""
    c = Compose.for_app(capp)
    with c.capp_writer(title) as w:
        fn(c.with_writer(w))


def confirm(capp, message: str) -> bool:
    from .converge import _confirm

    return _confirm(capp, message)
