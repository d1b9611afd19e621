"""`up`, `create`, `start`, `scale`: bring the engine to the project's model, as docker compose v2 does
(pkg/compose/create.go, convergence.go, start.go, up.go).

create: check container names, make sure every image exists (pull by pull_policy, build when `build:`
is set), ensure networks and volumes (labels and config-hash checked), deal with orphans, then converge
each service in dependency order (services whose dependencies are done run concurrently): scale down,
recreate what diverged (config-hash label, image label, networks, volumes), create what is missing.
start: per service in dependency order, wait for the dependencies' conditions, then start the
containers that are not running. Every step reports progress events (pydock.compose.progress).

The engine is reached only through pydock/engine/api; container bodies come from pydock.compose.convert.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from . import labels, progress, state
from .convert import container_name, image_name
from .errors import ComposeError
from .state import canonical_name, is_oneoff, label, service_of
from ..errors import Conflict, NotFound, PydockError

RECREATE_DIVERGED, RECREATE_FORCE, RECREATE_NEVER = "diverged", "force", "never"
RUNNING_OR_HEALTHY = "running_or_healthy"
COMPLETED = "service_completed_successfully"
HEALTHY = "service_healthy"
STARTED = "service_started"
SEPARATOR = "-"
POLL = 0.5

DOUBLED_NAME = ('WARNING: The "{0}" service is using the custom container name "{1}". Docker requires each '
                'container to have a unique name. Remove the custom name to scale the service')


@dataclass
class CreateOptions:
    services: tuple[str, ...] = ()  # named on the command line (empty: all)
    recreate: str = RECREATE_DIVERGED
    recreate_deps: str = RECREATE_DIVERGED
    inherit: bool = True
    timeout: int | None = None
    remove_orphans: bool = False
    ignore_orphans: bool = False
    build: bool = True  # False: --no-build
    force_build: bool = False  # --build
    quiet_pull: bool = False
    assume_yes: bool = False


@dataclass
class StartOptions:
    services: tuple[str, ...] = ()
    wait: bool = False
    wait_timeout: float = 0  # seconds, 0: none
    attach_to: tuple[str, ...] = ()
    on_start: Callable[[dict], None] | None = None  # called with each container summary about to start


# -- small helpers on the model ---------------------------------------------------------------------

def get_scale(service: dict) -> int:
    """compose-go GetScale: scale, else deploy.replicas, else 1."""
    if service.get("scale") is not None:
        return int(service["scale"])
    deploy = service.get("deploy") or {}
    if deploy.get("replicas") is not None:
        return int(deploy["replicas"])
    return 1


def set_scale(service: dict, n: int) -> None:
    """compose-go SetScale: scale and (when deploy exists) deploy.replicas."""
    service["scale"] = n
    if isinstance(service.get("deploy"), dict):
        service["deploy"]["replicas"] = n


def depends_on(service: dict) -> dict[str, dict]:
    return service.get("depends_on") or {}


def event_name(summary: dict) -> str:
    return "Container " + canonical_name(summary)


def service_networks(service: dict) -> list[str]:
    return list((service.get("networks") or {}).keys())


def service_named_volumes(service: dict) -> list[str]:
    return [v.get("source") for v in service.get("volumes") or [] if v.get("type") == "volume" and v.get("source")]


# -- dependency traversal ---------------------------------------------------------------------------

def in_dependency_order(services: dict[str, dict], visit: Callable[[str], None], *, reverse: bool = False,
                        limit: int = -1, only: Iterable[str] | None = None) -> None:
    """graph.in_dependency_order (reverse: in_reverse_dependency_order) over `services`, their
    dependencies on services outside `services` ignored (the loader has already dropped or checked
    them). Independent services are visited concurrently (`limit` > 0 caps them)."""
    from . import graph

    within = {n: {"depends_on": {d: c for d, c in depends_on(s).items() if d in services and d != n}}
              for n, s in services.items()}
    walk = graph.in_reverse_dependency_order if reverse else graph.in_dependency_order
    walk(within, visit, parallel=limit, only=only)


# -- the engine work ---------------------------------------------------------------------------------

class Compose:
    """One compose operation on the engine: the app, the progress writer, the parallel limit."""

    def __init__(self, capp, writer: progress.Writer | None = None, *, limit: int = -1):
        self.capp = capp
        self.engine = capp.engine
        self.w = writer or progress.QuietWriter()
        self.limit = limit
        self._start_lock = threading.Lock()  # v2's startMx: restarts in convergence are sequential (port ranges)

    @classmethod
    def for_app(cls, capp, writer: progress.Writer | None = None) -> "Compose":
        """With the group's `--parallel` (or COMPOSE_PARALLEL_LIMIT) as the limit."""
        limit = getattr(getattr(capp, "options", None), "parallel", -1)
        env = getattr(capp, "environ", None) or {}
        if limit == -1 and env.get("COMPOSE_PARALLEL_LIMIT"):
            try:
                limit = int(env["COMPOSE_PARALLEL_LIMIT"])
            except ValueError:
                raise ComposeError(f'COMPOSE_PARALLEL_LIMIT must be an integer (found: "{env["COMPOSE_PARALLEL_LIMIT"]}")') from None
        return cls(capp, writer, limit=limit)

    def capp_writer(self, title: str = "Running") -> progress.Writer:
        return progress.writer_for(self.capp, title)

    def with_writer(self, writer: progress.Writer) -> "Compose":
        return Compose(self.capp, writer, limit=self.limit)

    # listings -------------------------------------------------------------------------------------
    def containers(self, project: str, *, oneoff: str = "exclude", all: bool = True, services=()) -> list[dict]:
        return state.containers(self.engine, project, oneoff=oneoff, all=all, services=services)

    def warn(self, message: str) -> None:
        progress.log_warning(self.capp.err, message, getattr(self.capp, "environ", None))

    # images ---------------------------------------------------------------------------------------
    def ensure_images(self, project, services: dict[str, dict], opts: CreateOptions) -> dict[str, str]:
        """ensureImagesExists: {image name: local image id}; pulls and builds what is missing."""
        from ..engine.api import images as api

        for name, service in services.items():
            if not service.get("image") and service.get("build") is None and not service.get("provider"):
                raise ComposeError(f'invalid service "{name}". Must specify either image or build')
        wanted = {image_name(project.name, n, s) for n, s in services.items()}
        local: dict[str, str] = {}
        for name in sorted(wanted):
            try:
                local[name] = (api.inspect(self.engine, name) or {}).get("Id", "")
            except NotFound:
                continue
            except PydockError as e:
                raise ComposeError(f"unable to get image '{name}': {e}") from None
        self._pull_missing(project, services, local, opts)
        if opts.build:
            self._build_missing(project, services, local, opts)
        return local

    def _pull_policy(self, service: dict) -> str:
        return service.get("pull_policy") or "missing"

    def _pull_missing(self, project, services, local, opts: CreateOptions) -> None:
        need = []
        for name, service in services.items():
            image = service.get("image")
            if not image:
                continue
            policy = self._pull_policy(service)
            if policy == "always" or (policy in ("missing", "if_not_present", "") and image not in local) or (
                    policy.startswith("daily") or policy.startswith("weekly") or policy.startswith("every_")) and image not in local:
                need.append(name)
        if not need:
            return
        from ..cli.compose.pull import pull_service_image

        events = _PullEvents(self.w)
        errors = []
        for name in need:
            service = services[name]
            buildable = service.get("build") is not None or any(
                s.get("image") == service.get("image") and s.get("build") is not None for s in services.values())
            try:
                local[service["image"]] = pull_service_image(
                    self.capp, name, service, events, quiet=opts.quiet_pull,
                    default_platform=project.environment.get("DOCKER_DEFAULT_PLATFORM", ""))
            except ComposeError as e:
                if buildable:
                    continue
                errors.append(e)
                break
        if errors:
            raise errors[0]

    def _build_missing(self, project, services, local, opts: CreateOptions) -> None:
        to_build = []
        for name, service in services.items():
            if service.get("build") is None:
                continue
            img = image_name(project.name, name, service)
            policy = service.get("pull_policy") or ""
            if opts.force_build or policy == "build" or img not in local:
                to_build.append(name)
        if not to_build:
            return
        from . import build as builder  # the compose build path (classic builder)

        built = builder.build_services(self.capp, project, to_build, writer=self.w)
        local.update(built or {})

    # networks and volumes -------------------------------------------------------------------------
    def ensure_networks(self, project, keys: Iterable[str]) -> dict[str, str]:
        ids = {}
        for key in keys:
            net = project.networks[key]
            if net.get("external"):
                ids[key] = self._external_network(net.get("name") or key)
                continue
            try:
                ids[key] = self._network(project, key, net)
            except Conflict:
                ids[key] = self._network(project, key, net)
        return ids

    def _network(self, project, key: str, net: dict) -> str:
        from ..engine.api import networks as api
        from .convert import network_create_body
        from .hashing import network_hash

        name = net.get("name") or f"{project.name}_{key}"
        dangling: list[dict] = []
        try:
            found = api.inspect(self.engine, name)
        except NotFound:
            found = None
        except PydockError:
            found = None
        if found and (found.get("Name") == name or found.get("Id") == name):
            lab = found.get("Labels") or {}
            if labels.PROJECT not in lab:
                self.warn(f"a network with name {name} exists but was not created by compose.\n"
                          "Set `external: true` to use an existing network")
            elif lab[labels.PROJECT] != project.name:
                self.warn(f'a network with name {name} exists but was not created for project "{project.name}".\n'
                          "Set `external: true` to use an existing network")
            if lab.get(labels.NETWORK, "") != key:
                raise ComposeError(f'network {name} was found but has incorrect label {labels.NETWORK} set to '
                                   f'"{lab.get(labels.NETWORK, "")}" (expected: "{key}")')
            actual = lab.get(labels.CONFIG_HASH, "")
            if not actual or actual == network_hash(net):
                return found["Id"]
            dangling = self._remove_diverged_network(project, key, name)
        listed = [n for n in api.list(self.engine, filters={"name": [name]}) or [] if n.get("Name") == name]
        for n in listed:
            lab = n.get("Labels") or {}
            if lab.get(labels.PROJECT) == project.name and lab.get(labels.NETWORK) == key:
                return n["Id"]
        if listed:
            self.warn(f"a network with name {name} exists but was not created by compose.\n"
                      "Set `external: true` to use an existing network")
            return listed[0]["Id"]
        ev = f"Network {name}"
        self.w.event(progress.creating(ev))
        try:
            created = api.create(self.engine, network_create_body(project, key))
        except PydockError as e:
            self.w.event(progress.error(ev))
            raise ComposeError(f"failed to create network {name}: {e}") from None
        self.w.event(progress.created(ev))
        for c in dangling:
            api.connect(self.engine, name, c["Id"], {})
        return created.get("Id", "")

    def _remove_diverged_network(self, project, key: str, name: str) -> list[dict]:
        from ..engine.api import networks as api
        from .lifecycle import stop_services

        services = [n for n, s in project.services.items() if key in (s.get("networks") or {})]
        stop_services(self, project, services)
        found = self.containers(project.name, services=services)
        for c in found:
            api.disconnect(self.engine, name, c["Id"], force=True)
        api.remove(self.engine, name)
        self.w.event(progress.removed(f"Network {name}"))
        return found

    def _external_network(self, name: str) -> str:
        from ..engine.api import networks as api

        found = [n for n in api.list(self.engine, filters={"name": [name]}) or []]
        if not found:
            try:
                found = [api.inspect(self.engine, name)]
            except NotFound:
                found = []
        found = [n for n in found if n.get("Name") == name or n.get("Id") == name]
        if len(found) == 1:
            return found[0]["Id"]
        if not found:
            raise ComposeError(f"network {name} declared as external, but could not be found")
        raise ComposeError(f'multiple networks with name "{name}" were found. Use network ID as `name` to avoid ambiguity')

    def ensure_volumes(self, project, keys: Iterable[str], opts: CreateOptions) -> dict[str, str]:
        from ..engine.api import volumes as api
        from .hashing import volume_hash

        ids = {}
        for key in keys:
            vol = project.volumes[key]
            name = vol.get("name") or f"{project.name}_{key}"
            try:
                found = api.inspect(self.engine, name)
            except NotFound:
                if vol.get("external"):
                    raise ComposeError(f'external volume "{name}" not found') from None
                self._create_volume(project, key, name)
                ids[key] = name
                continue
            if vol.get("external"):
                ids[key] = name
                continue
            lab = found.get("Labels") or {}
            if labels.PROJECT not in lab:
                self.warn(f'volume "{name}" already exists but was not created by Docker Compose. '
                          "Use `external: true` to use an existing volume")
            elif lab[labels.PROJECT] != project.name:
                self.warn(f'volume "{name}" already exists but was created for project "{lab[labels.PROJECT]}" '
                          f'(expected "{project.name}"). Use `external: true` to use an existing volume')
            actual = lab.get(labels.CONFIG_HASH)
            if actual is not None and actual != volume_hash(vol):
                msg = (f'Volume "{name}" exists but doesn\'t match configuration in compose file. '
                       "Recreate (data will be lost)?")
                if opts.assume_yes or _confirm(self.capp, msg):
                    self._remove_diverged_volume(project, key, name)
                    self._create_volume(project, key, name)
                    ids[key] = name
                    continue
            ids[key] = found.get("Name", name)
        return ids

    def _create_volume(self, project, key: str, name: str) -> None:
        from ..engine.api import volumes as api
        from .convert import volume_create_body

        ev = f"Volume {name}"
        self.w.event(progress.creating(ev))
        try:
            api.create(self.engine, volume_create_body(project, key))
        except PydockError:
            self.w.event(progress.error(ev))
            raise
        self.w.event(progress.created(ev))

    def _remove_diverged_volume(self, project, key: str, name: str) -> None:
        from ..engine.api import containers as capi
        from ..engine.api import volumes as api
        from .lifecycle import stop_services

        services = [n for n, s in project.services.items() if key in service_named_volumes(s)]
        stop_services(self, project, services)
        for c in self.containers(project.name, services=services):
            ev = event_name(c)
            self.w.event(progress.removing(ev))
            capi.remove(self.engine, c["Id"])
            self.w.event(progress.removed(ev))
        api.remove(self.engine, name, force=True)

    # containers -----------------------------------------------------------------------------------
    def stop_and_remove(self, summary: dict, timeout: int | None, volumes: bool = False) -> None:
        """stopAndRemoveContainer."""
        from ..engine.api import containers as api

        ev = event_name(summary)
        try:
            self.stop_container(summary, timeout)
        except NotFound:
            self.w.event(progress.removed(ev))
            return

        def remove() -> None:
            try:
                api.remove(self.engine, summary["Id"], force=True, volumes=volumes)
            except (NotFound, Conflict):
                pass

        self.step(ev, progress.removing, progress.removed, "Error while Removing", remove)

    def stop_container(self, summary: dict, timeout: int | None) -> None:
        from ..engine.api import containers as api

        self.step(event_name(summary), progress.stopping, progress.stopped, "Error while Stopping",
                  lambda: api.stop(self.engine, summary["Id"], timeout=timeout))

    def step(self, ev: str, working: Callable, done: Callable, failed: str, call: Callable[[], object]):
        """One engine call between its working and done events; when it fails, v2's `Error while ...`
        event, then the error."""
        self.w.event(working(ev))
        try:
            result = call()
        except PydockError:
            self.w.event(progress.error(ev, failed))
            raise
        self.w.event(done(ev))
        return result

    def parallel(self, fn: Callable, items: list) -> None:
        """errgroup: run fn on every item at once, raise the first error after all end."""
        if not items:
            return
        if len(items) == 1:
            fn(items[0])
            return
        import concurrent.futures as cf

        from .graph import DaemonPool

        pool = DaemonPool(len(items), "compose-op")
        futures = [pool.submit(fn, item) for item in items]
        cf.wait(futures)
        errors = [f.exception() for f in futures if f.exception() is not None]
        if errors:
            raise errors[0]

    # create -------------------------------------------------------------------------------------
    def create(self, project, opts: CreateOptions) -> None:
        """composeService.create for `project` restricted to the selected services."""
        services = project.services
        names = [n for n in services if n in set(opts.services)] if opts.services else list(services)
        self._check_names(project)
        images = self.ensure_images(project, services, opts)
        # the loader already dropped unused resources (WithoutUnnecessaryResources); v2 ensures the rest
        nets = self.ensure_networks(project, sorted(project.networks))
        vols = self.ensure_volumes(project, sorted(project.volumes), opts)
        observed = self.containers(project.name, oneoff="include")
        known = set(services) | set(project.disabled or {}) | set(getattr(project, "_all_services", ()) or ())
        orphans = [c for c in observed if _is_orphan(c, known)]
        if orphans and not opts.ignore_orphans:
            if opts.remove_orphans:
                self.parallel(lambda c: self.stop_and_remove(c, None), orphans)
            else:
                self.warn(f"Found orphan containers ({_go_list(canonical_name(c) for c in orphans)}) for this "
                          "project. If you removed or renamed this service in your compose file, you can run "
                          "this command with the --remove-orphans flag to clean it up.")
        conv = _Convergence(self, project, [c for c in observed if not is_oneoff(c)], nets, vols, images, opts, names)
        in_dependency_order(services, conv.ensure_service, limit=self.limit)

    def _check_names(self, project) -> None:
        """CheckContainerNameUnicity."""
        seen: dict[str, str] = {}
        for name, service in project.services.items():
            cname = service.get("container_name")
            if not cname:
                continue
            if cname in seen:
                raise ComposeError(f'services.{name}: container name "{cname}" is already in use by '
                                   f'service {seen[cname]}"')
            seen[cname] = name

    # start --------------------------------------------------------------------------------------
    def start(self, project, opts: StartOptions) -> None:
        """composeService.start."""
        from ..engine.api import containers as api

        containers = api.list(self.engine, all=True, filters={
            "label": [labels.project_filter(project.name), labels.oneoff_filter(False)]}) or []
        services = project.services
        in_dependency_order(services, lambda n: self._start_service(project, n, containers, opts),
                            limit=self.limit)
        if opts.wait:
            deps = {n: {"condition": _dependency_condition(n, services), "required": True} for n in services}
            deadline = time.monotonic() + opts.wait_timeout if opts.wait_timeout > 0 else None
            try:
                self.wait_dependencies(project, project.name, deps, containers, deadline=deadline)
            except _Timeout:
                raise ComposeError(f"application not healthy after {_go_duration(opts.wait_timeout)}") from None

    def _start_service(self, project, name: str, containers: list[dict], opts: StartOptions) -> None:
        from ..engine.api import containers as api

        service = project.services[name]
        deploy = service.get("deploy") or {}
        if deploy.get("replicas") == 0:
            return
        deadline = time.monotonic() + opts.wait_timeout if opts.wait_timeout > 0 else None
        try:
            self.wait_dependencies(project, name, depends_on(service), containers, deadline=deadline)
        except _Timeout:
            raise ComposeError("timeout waiting for dependencies") from None
        if not containers:
            if get_scale(service) == 0:
                return
            raise ComposeError(f'service "{name}" has no container to start')
        for c in [c for c in containers if service_of(c) == name]:
            if c.get("State") == "running":
                continue
            ev = event_name(c)
            if opts.on_start is not None:
                opts.on_start(c)
            self.w.event(progress.starting(ev))
            try:  # not under _start_lock: v2's startService starts services concurrently
                api.start(self.engine, c["Id"])
            except PydockError as e:
                raise ComposeError(str(e)) from None
            self.w.event(progress.started(ev))

    def wait_dependencies(self, project, dependant: str, deps: dict[str, dict], containers: list[dict], *,
                          deadline: float | None = None) -> None:
        """waitDependencies: poll every 500 ms until each dependency meets its condition."""
        waits = []
        for dep, cfg in deps.items():
            cfg = cfg or {}
            condition = cfg.get("condition") or STARTED
            required = cfg.get("required", True) is not False
            if condition == STARTED:
                continue
            if dep not in project.services:
                if dep in (project.disabled or {}) or dep in getattr(project, "_ignored", ()):
                    continue
                raise ComposeError(f'no such service: {dep}')
            dsvc = project.services[dep]
            if get_scale(dsvc) == 0 or dsvc.get("provider"):
                continue
            waiting_for = [c for c in containers if service_of(c) == dep and not is_oneoff(c)]
            self.w.events([progress.waiting(event_name(c)) for c in waiting_for])
            if not waiting_for:
                if required:
                    raise ComposeError(f"{dependant} is missing dependency {dep}")
                self.warn(f"{dependant} is missing dependency {dep}")
                continue
            waits.append((dep, condition, required, waiting_for))
        if not waits:
            return
        stop = threading.Event()

        def one(item) -> None:
            dep, condition, required, waiting_for = item
            while True:
                if stop.wait(POLL):
                    return
                if deadline is not None and time.monotonic() > deadline:
                    raise _Timeout()
                if condition in (RUNNING_OR_HEALTHY, HEALTHY):
                    try:
                        ok = self._healthy(waiting_for, condition == RUNNING_OR_HEALTHY)
                    except ComposeError as e:
                        if not required:
                            what = "is not running or is unhealthy" if condition == RUNNING_OR_HEALTHY else "failed to start"
                            reason = f'optional dependency "{dep}" {what}'
                            self.w.events([progress.skipped(event_name(c), reason) for c in waiting_for])
                            self.warn(f"{reason}: {e}")
                            return
                        if condition == HEALTHY:
                            self.w.events([progress.error(event_name(c)) for c in waiting_for])
                            raise ComposeError(f"dependency failed to start: {e}") from None
                        raise
                    if ok:
                        self.w.events([progress.healthy(event_name(c)) for c in waiting_for])
                        return
                elif condition == COMPLETED:
                    exited, code = self._completed(waiting_for)
                    if exited:
                        if code == 0:
                            self.w.events([progress.exited(event_name(c)) for c in waiting_for])
                            return
                        suffix = f'"{dep}" didn\'t complete successfully: exit {code}'
                        if not required:
                            self.w.events([progress.skipped(event_name(c), f"optional dependency {suffix}")
                                           for c in waiting_for])
                            self.warn(f"optional dependency {suffix}")
                            return
                        msg = f"service {suffix}"
                        self.w.events([progress.error(event_name(c), msg) for c in waiting_for])
                        raise ComposeError(msg)
                else:
                    self.warn(f"unsupported depends_on condition: {condition}")
                    return

        try:
            self.parallel(one, waits)
        finally:
            stop.set()

    def _healthy(self, containers: list[dict], fallback_running: bool) -> bool:
        from ..engine.api import containers as api

        for c in containers:
            info = api.inspect(self.engine, c["Id"])
            name = info.get("Name", "")[1:]
            st = info.get("State") or {}
            if st.get("Status") == "exited":
                raise ComposeError(f"container {name} exited ({st.get('ExitCode', 0)})")
            if (info.get("Config") or {}).get("Healthcheck") is None and fallback_running:
                return st.get("Status") == "running"
            health = st.get("Health")
            if not health:
                raise ComposeError(f"container {name} has no healthcheck configured")
            status = health.get("Status")
            if status == "healthy":
                continue
            if status == "unhealthy":
                raise ComposeError(f"container {name} is unhealthy")
            if status == "starting":
                return False
            raise ComposeError(f'container {name} had unexpected health status "{status}"')
        return True

    def _completed(self, containers: list[dict]) -> tuple[bool, int]:
        from ..engine.api import containers as api

        for c in containers:
            st = (api.inspect(self.engine, c["Id"]) or {}).get("State") or {}
            if st.get("Status") == "exited":
                return True, int(st.get("ExitCode") or 0)
        return False, 0


class _Timeout(Exception):
    pass


class _PullEvents:
    """The `events` object pydock.cli.compose.pull expects, writing to a progress writer."""

    def __init__(self, writer: progress.Writer):
        self.w = writer

    def event(self, ident: str, text: str, status: str, done: bool = False, kind: str = "") -> None:
        st = {"error": progress.ERROR, "warning": progress.WARNING}.get(kind, progress.DONE if done else progress.WORKING)
        self.w.event(progress.Event(ident, st, status, text))

    def tail(self, message: str) -> None:
        self.w.tail(message)


class _Convergence:
    def __init__(self, compose: Compose, project, observed: list[dict], networks: dict, volumes: dict,
                 images: dict[str, str], opts: CreateOptions, selected: list[str]):
        self.c = compose
        self.project = project
        self.networks = networks
        self.volumes = volumes
        self.images = images
        self.opts = opts
        self.selected = selected
        self.lock = threading.Lock()
        self.state: dict[str, list[dict]] = {n: [] for n in project.services}
        for ctr in observed:
            self.state.setdefault(service_of(ctr), []).append(ctr)

    def observed(self, name: str) -> list[dict]:
        with self.lock:
            return list(self.state.get(name) or [])

    def resolve(self, service: dict) -> dict[str, str]:
        """resolveServiceReferences: the first (by name) container of each referenced service."""
        from .convert import resolve_references

        return resolve_references(service, self.observed)

    def must_recreate(self, service: dict, ctr: dict, policy: str, expected_hash: str, image_id: str) -> bool:
        if policy == RECREATE_NEVER:
            return False
        if policy == RECREATE_FORCE:
            return True
        if label(ctr, labels.CONFIG_HASH) != expected_hash or label(ctr, labels.IMAGE) != image_id:
            return True
        if ctr.get("State") == "running":
            attached = {n.get("NetworkID") for n in ((ctr.get("NetworkSettings") or {}).get("Networks") or {}).values()}
            for net in service_networks(service):
                nid = self.networks.get(net)
                if nid is not None and nid != "swarm" and nid not in attached:
                    return True
        mounted = {m.get("Name") for m in ctr.get("Mounts") or [] if m.get("Type") == "volume"}
        for source in service_named_volumes(service):
            vid = self.volumes.get(source)
            if vid is not None and vid not in mounted:
                return True
        return False

    def ensure_service(self, name: str) -> None:
        from .hashing import service_hash

        project = self.project
        service = project.services[name]
        if service.get("provider"):
            raise ComposeError(f"service {name}: providers are not supported by pydock")
        expected = get_scale(service)
        if expected > 1 and service.get("container_name"):
            raise ComposeError(DOUBLED_NAME.format(name, service["container_name"]))
        policy = self.opts.recreate if name in self.selected or not self.opts.services else self.opts.recreate_deps
        if not self.opts.services:
            policy = self.opts.recreate
        refs = self.resolve(service)
        expected_hash = service_hash(service, resolve=refs)
        image_id = self.images.get(image_name(project.name, name, service), "")
        containers = self.observed(name)
        actual = len(containers)
        obsolete = {c["Id"]: self.must_recreate(service, c, policy, expected_hash, image_id) for c in containers}

        def key(c):
            n = state.number(c, None)
            return (0 if obsolete[c["Id"]] else 1, -(n if n is not None else 0), c.get("Created", 0))
        # v2 sorts obsolete first then by number (high first), and reverses: keep the lowest numbers
        containers.sort(key=key)
        containers.reverse()
        updated: list[dict | None] = [None] * max(expected, 0)
        jobs: list[Callable[[], None]] = []
        timeout = self.opts.timeout
        for i, ctr in enumerate(containers):
            if i >= expected:
                jobs.append(lambda ctr=ctr: self.c.stop_and_remove(ctr, timeout))
                continue
            if obsolete[ctr["Id"]]:
                self._stop_dependents(name)

                def recreate(i=i, ctr=ctr):
                    updated[i] = self.recreate(name, service, ctr, refs, image_id, timeout)
                jobs.append(recreate)
                continue
            st = ctr.get("State")
            if st == "running":
                self.c.w.event(progress.running(event_name(ctr)))
            elif st not in ("created", "restarting", "exited"):
                jobs.append(lambda ctr=ctr: self._restart(ctr))
            updated[i] = ctr
        nxt = max([n for n in (state.number(c, None) for c in containers) if n is not None] or [0]) + 1
        for i in range(expected - actual):
            number = nxt + i

            def create(i=i, number=number):
                updated[actual + i] = self.create(name, service, number, refs, image_id)
            jobs.append(create)
        try:
            self.c.parallel(lambda job: job(), jobs)
        finally:
            with self.lock:
                self.state[name] = [c for c in updated if c is not None]

    def _restart(self, ctr: dict) -> None:
        from ..engine.api import containers as api

        ev = event_name(ctr)
        self.c.w.event(progress.Event(ev, progress.WORKING, "Restart"))
        with self.c._start_lock:
            api.start(self.c.engine, ctr["Id"])
        self.c.w.event(progress.Event(ev, progress.DONE, "Restarted"))

    def _stop_dependents(self, name: str) -> None:
        """stopDependentContainers: dependents with `restart: true` are stopped before a recreate."""
        from .lifecycle import stop_services

        dependents = [n for n, s in self.project.services.items()
                      if (depends_on(s).get(name) or {}).get("restart")]
        if not dependents:
            return
        stop_services(self.c, self.project, dependents)
        with self.lock:
            for dep in dependents:
                for ctr in self.state.get(dep) or []:
                    ctr["State"] = "exited"

    def _plan(self, name: str, service: dict, number: int, cname: str, refs: dict, image_id: str, *,
              inherit: dict | None = None, replace: str | None = None):
        from . import convert

        img = image_name(self.project.name, name, service)
        plan = convert.container_plan(
            self.project, name, number=number, name=cname, image_id=image_id or None,
            api_version=self.c.engine.api_version, lookup_container=self.observed,
            inherited_volumes=(inherit.get("Mounts") or []) if inherit else None, replace=replace,
            proxies=self.c.capp.app.proxy_settings(), image_volumes=self._image_volumes(img) if inherit else ())
        for warning in plan.warnings:
            self.c.warn(warning)
        return plan

    def _image_volumes(self, image: str) -> list[str]:
        from ..engine.api import images as api

        try:
            info = api.inspect(self.c.engine, image) or {}
        except PydockError:
            return []
        return list(((info.get("Config") or {}).get("Volumes") or {}).keys())

    def _create_moby(self, plan, ev: str) -> dict:
        from ..engine.api import containers as api
        from ..engine.api import networks as napi

        resp = api.create(self.c.engine, plan.body, name=plan.name, platform=plan.platform or None)
        for warning in (resp or {}).get("Warnings") or []:
            self.c.w.event(progress.Event(ev, progress.WARNING, "", warning))
        info = api.inspect(self.c.engine, resp["Id"])
        for net, endpoint in _connect_items(plan.connect):
            napi.connect(self.c.engine, net, info["Id"], endpoint)
        return {"Id": info["Id"], "Names": [info.get("Name", "")], "Labels": (info.get("Config") or {}).get("Labels") or {},
                "State": "created", "Image": (info.get("Config") or {}).get("Image", ""),
                "NetworkSettings": {"Networks": (info.get("NetworkSettings") or {}).get("Networks") or {}},
                "Mounts": info.get("Mounts") or []}

    def create(self, name: str, service: dict, number: int, refs: dict, image_id: str) -> dict:
        cname = container_name(self.project.name, name, service, number)
        ev = "Container " + cname
        self.c.w.event(progress.creating(ev))
        try:
            plan = self._plan(name, service, number, cname, refs, image_id)
            created = self._create_moby(plan, ev)
        except PydockError as e:
            self.c.w.event(progress.Event(ev, progress.ERROR, str(e)))
            raise
        self.c.w.event(progress.created(ev))
        return created

    def recreate(self, name: str, service: dict, old: dict, refs: dict, image_id: str, timeout: int | None) -> dict:
        from ..engine.api import containers as api

        ev = event_name(old)
        self.c.w.event(progress.Event(ev, progress.WORKING, "Recreate"))
        try:
            number = state.number(old, None)
            if number is None:
                raise ComposeError(f'strconv.Atoi: parsing "{label(old, labels.CONTAINER_NUMBER)}": invalid syntax')
            replaced = service.get("container_name") or f"{name}{SEPARATOR}{number}"
            cname = container_name(self.project.name, name, service, number)
            tmp = f"{old['Id'][:12]}_{cname}"
            plan = self._plan(name, service, number, tmp, refs, image_id,
                              inherit=old if self.opts.inherit else None, replace=replaced)
            created = self._create_moby(plan, ev)
            api.stop(self.c.engine, old["Id"], timeout=timeout)
            api.remove(self.c.engine, old["Id"])
            api.rename(self.c.engine, tmp, cname)
            created["Names"] = ["/" + cname]
        except PydockError as e:
            self.c.w.event(progress.Event(ev, progress.ERROR, str(e)))
            raise
        self.c.w.event(progress.Event(ev, progress.DONE, "Recreated"))
        return created


def _connect_items(connect) -> list[tuple[str, dict]]:
    if not connect:
        return []
    if isinstance(connect, dict):
        return list(connect.items())
    return [(n, e) for n, e in connect]


def _is_orphan(c: dict, known: set[str]) -> bool:
    if is_oneoff(c):
        return c.get("State") in ("exited", "dead")
    return service_of(c) not in known


def _go_list(items: Iterable[str]) -> str:
    """fmt's %s of a []string: `[a b c]`."""
    return "[" + " ".join(items) + "]"


def _dependency_condition(name: str, services: dict) -> str:
    for s in services.values():
        for dep, cfg in depends_on(s).items():
            if dep == name and (cfg or {}).get("condition") == COMPLETED:
                return COMPLETED
    return RUNNING_OR_HEALTHY


def _go_duration(seconds: float) -> str:
    """time.Duration.String of whole seconds (5s, 1m30s)."""
    from ..opts.gostrings import duration_string

    return duration_string(int(seconds) * 10**9)


def _confirm(capp, message: str) -> bool:
    """v2's prompt: on a terminal survey's `? msg (y/N) `, else (Pipe) the bare message and one word
    read from stdin, true as utils.StringToBool says."""
    import sys

    out = capp.out
    tty = progress._isatty(sys.stdin)
    out.write(f"? {message} (y/N) " if tty else message)
    out.flush()
    try:
        line = sys.stdin.readline()
    except (OSError, ValueError):
        line = ""
    words = line.split()
    return string_to_bool(words[0] if words else "")


def string_to_bool(s: str) -> bool:
    """v2's utils.StringToBool: `y`, or what strconv.ParseBool accepts as true."""
    s = (s or "").strip().lower()
    return s in ("y", "1", "t", "true")
