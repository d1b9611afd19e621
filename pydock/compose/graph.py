"""The services' dependency graph, as docker compose v2.40.3 walks it (pkg/compose/dependencies.go) and
compose-go v2.9.1 checks it (graph/cycle.go, graph/services.go).

Pure: it reads only each service's `depends_on` (a dict name -> {condition, required, restart}) of the
model's `services` dict. The loader has already turned `links`, `volumes_from: service` and
`network_mode: service:x` into depends_on entries (compose-go loader/normalize.go).

An edge goes from a service (parent) to each service it depends on (child). `up`/`start`/`create` visit
leaves first: a service is visited once all its dependencies were visited successfully (v2's
`InDependencyOrder`); `stop`/`down` go the other way (`InReverseDependencyOrder`): a service is visited
once every service depending on it was visited. When a visit fails, nothing new is scheduled, the visits
already running are waited for, and the first error is raised (errgroup semantics); the services
depending on the failed one are never visited.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from .errors import ComposeError

__all__ = ["Graph", "in_dependency_order", "in_reverse_dependency_order", "check_cycle", "dependencies_of",
           "dependents_of", "with_dependencies", "with_dependents"]


def _go_list(items: Iterable[str]) -> str:
    return "[" + " ".join(items) + "]"


class Graph:
    """Vertices are service names; `children[s]` = what s depends on, `parents[s]` = who depends on s.

    Built like v2's NewGraph: a depends_on target that is not in `services` is dropped when it is not
    required; when it is required: disabled (by profiles) -> `service X is required by Y but is disabled.
    Can be enabled by profiles [p]`, else `could not find X: not found`.
    """

    def __init__(self, services: dict[str, dict], disabled: dict[str, dict] | None = None):
        self.order = list(services)
        self.children: dict[str, list[str]] = {n: [] for n in services}
        self.parents: dict[str, list[str]] = {n: [] for n in services}
        disabled = disabled or {}
        for name, svc in services.items():
            for dep, cfg in ((svc or {}).get("depends_on") or {}).items():
                if dep not in services:
                    if not _required(cfg):
                        continue
                    if dep in disabled:
                        profiles = (disabled[dep] or {}).get("profiles") or []
                        raise ComposeError(f"service {dep} is required by {name} but is disabled. "
                                           f"Can be enabled by profiles {_go_list(profiles)}")
                    raise ComposeError(f"could not find {dep}: not found")
                if dep not in self.children[name]:
                    self.children[name].append(dep)
                    self.parents[dep].append(name)
        cycle = _find_cycle(self.children)
        if cycle:
            raise ComposeError(f"dependency cycle detected: {cycle}")

    def leaves(self) -> list[str]:
        return [n for n in self.order if not self.children[n]]

    def roots(self) -> list[str]:
        return [n for n in self.order if not self.parents[n]]

    def ancestors(self, name: str) -> list[str]:
        """Every service depending on `name`, directly or not (v2's getAncestors)."""
        return _closure(name, self.parents)

    def descendants(self, name: str) -> list[str]:
        """Every service `name` depends on, directly or not."""
        return _closure(name, self.children)


def _required(cfg) -> bool:
    if not isinstance(cfg, dict):
        return True
    r = cfg.get("required", True)
    return r is not False


def _closure(name: str, edges: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    stack = list(edges.get(name, ()))
    while stack:
        n = stack.pop(0)
        if n not in out:
            out.append(n)
            stack.extend(edges.get(n, ()))
    return out


def _find_cycle(children: dict[str, list[str]]) -> str | None:
    """compose-go graph.CheckCycle: from every vertex in sorted order, a depth-first search over the
    children in sorted order; the first child already on the path closes the cycle."""
    kids = {n: sorted(c) for n, c in children.items()}
    done: set[str] = set()  # vertices from which no cycle is reachable (same result, without the blow-up)

    def search(path: list[str], on_path: set[str]) -> str | None:
        for child in kids[path[-1]]:
            if child in on_path:
                i = path.index(child)
                return " -> ".join(path[i:]) + " -> " + child
            if child in done:
                continue
            path.append(child)
            on_path.add(child)
            found = search(path, on_path)
            if found:
                return found
            path.pop()
            on_path.discard(child)
            done.add(child)
        return None

    for name in sorted(kids):
        if name in done:
            continue
        found = search([name], {name})
        if found:
            return found
        done.add(name)
    return None


def check_cycle(services: dict[str, dict], disabled: dict[str, dict] | None = None) -> None:
    """compose-go `graph.CheckCycle` (the last step of checkConsistency): the graph's own errors for
    required dependencies that are missing (`service "a" depends on unknown service "b"`) or disabled, then
    `dependency cycle detected: a -> b -> a`."""
    disabled = disabled or {}
    children: dict[str, list[str]] = {n: [] for n in services}
    for name, svc in services.items():
        for dep, cfg in ((svc or {}).get("depends_on") or {}).items():
            if dep not in services:
                if _required(cfg):
                    if dep in disabled:
                        profiles = (disabled[dep] or {}).get("profiles") or []
                        raise ComposeError(f'service "{dep}" is required by "{name}" but is disabled. '
                                           f"Can be enabled by profiles {_go_list(profiles)}")
                    raise ComposeError(f'service "{name}" depends on unknown service "{dep}"')
                continue
            children[name].append(dep)
    cycle = _find_cycle(children)
    if cycle:
        raise ComposeError(f"dependency cycle detected: {cycle}")


def dependencies_of(services: dict[str, dict], names: Iterable[str]) -> list[str]:
    """The services `names` depend on, directly or transitively (not `names` themselves), in model order.
    Only dependencies present in `services` count."""
    want: set[str] = set()
    stack = [n for n in names]
    while stack:
        n = stack.pop()
        for dep in ((services.get(n) or {}).get("depends_on") or {}):
            if dep in services and dep not in want:
                want.add(dep)
                stack.append(dep)
    return [n for n in services if n in want and n not in set(names)]


def dependents_of(services: dict[str, dict], names: Iterable[str]) -> list[str]:
    """The services depending on any of `names`, directly or transitively (not `names` themselves)."""
    names = set(names)
    parents: dict[str, list[str]] = {n: [] for n in services}
    for n, svc in services.items():
        for dep in ((svc or {}).get("depends_on") or {}):
            if dep in parents:
                parents[dep].append(n)
    want: set[str] = set()
    stack = list(names)
    while stack:
        n = stack.pop()
        for p in parents.get(n, ()):
            if p not in want:
                want.add(p)
                stack.append(p)
    return [n for n in services if n in want and n not in names]


def with_dependencies(services: dict[str, dict], names: Iterable[str]) -> list[str]:
    """`names` plus everything they depend on, in model order (`up SVC` without --no-deps)."""
    names = list(names)
    want = set(names) | set(dependencies_of(services, names))
    return [n for n in services if n in want]


def with_dependents(services: dict[str, dict], names: Iterable[str]) -> list[str]:
    """`names` plus every service depending on them, in model order (what `stop SVC` / `down SVC` reach
    through WithRootNodesAndDown)."""
    names = list(names)
    want = set(names) | set(dependents_of(services, names))
    return [n for n in services if n in want]


class DaemonPool:
    """`submit` of concurrent.futures over daemon threads (at most `workers` running at once), for cf.wait.
    Not a ThreadPoolExecutor: its workers are joined on the way out, even at interpreter exit, so a Ctrl-C while
    a visit waits on a daemon that never answers (a stalled create or start) would hang the command."""

    def __init__(self, workers: int, name: str):
        self.slots = threading.BoundedSemaphore(max(workers, 1))
        self.name = name

    def submit(self, fn, *args):
        import concurrent.futures as cf

        fut: cf.Future = cf.Future()

        def run() -> None:
            with self.slots:
                if not fut.set_running_or_notify_cancel():
                    return
                try:
                    fut.set_result(fn(*args))
                except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
                    fut.set_exception(e)

        threading.Thread(target=run, name=self.name, daemon=True).start()
        return fut


def _walk(graph: Graph, visit: Callable[[str], None], reverse: bool, parallel: int,
          only: Iterable[str] | None) -> None:
    """v2's graphTraversal.visit. `only`: visit just these (the others are walked through, not visited),
    as WithRootNodesAndDown does."""
    import concurrent.futures as cf

    names = graph.order
    if not names:
        return
    if reverse:
        start, nexts, waits = graph.roots(), graph.children, graph.parents
    else:
        start, nexts, waits = graph.leaves(), graph.parents, graph.children
    only_set = None if only is None else set(only)

    lock = threading.Lock()
    seen: set[str] = set()
    done: set[str] = set()
    errors: list[BaseException] = []
    workers = len(names) if parallel is None or parallel <= 0 else parallel

    pool = DaemonPool(workers, "compose-graph")
    pending: set[cf.Future] = set()

    def schedule(candidates: list[str]) -> None:
        for n in candidates:
            with lock:
                if errors or n in seen or any(w not in done for w in waits[n]):
                    continue
                seen.add(n)
            fut = pool.submit(run, n)
            pending.add(fut)

    def run(n: str) -> str:
        if only_set is None or n in only_set:
            visit(n)
        return n

    schedule(start)
    while pending:
        finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        for fut in finished:
            pending.discard(fut)
            exc = fut.exception()
            if exc is not None:
                with lock:
                    errors.append(exc)
                continue
            n = fut.result()
            with lock:
                done.add(n)
            if not errors:
                schedule(nexts[n])
    if errors:
        raise errors[0]


def in_dependency_order(services: dict[str, dict], visit: Callable[[str], None], *, parallel: int = -1,
                        only: Iterable[str] | None = None, disabled: dict[str, dict] | None = None) -> None:
    """Call `visit(name)` for every service, each once all its dependencies were visited (up, create,
    start, restart). `parallel`: at most that many visits at once (-1: unlimited). `only`: the services to
    actually visit (the others count as done without a visit). The first exception raised by a visit stops
    the scheduling, the running visits are waited for, and it is re-raised."""
    _walk(Graph(services, disabled), visit, False, parallel, only)


def in_reverse_dependency_order(services: dict[str, dict], visit: Callable[[str], None], *, parallel: int = -1,
                                only: Iterable[str] | None = None,
                                disabled: dict[str, dict] | None = None) -> None:
    """Call `visit(name)` for every service once every service depending on it was visited (stop, down).
    To act on some services and what depends on them (v2's WithRootNodesAndDown), pass
    `only=with_dependents(services, names)`."""
    _walk(Graph(services, disabled), visit, True, parallel, only)
