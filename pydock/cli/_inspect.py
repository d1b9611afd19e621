"""The inspector shared by `inspect`, `container inspect` and `image inspect`.

Output rules are docker's: without `--format`, the daemon's JSON re-indented into one array; with a
template, one line per object (missing keys are errors); `--format json`, one compact array.
Objects that are not found, or that the template fails on, are reported on stderr after the others are
printed, in argument order; exit status 1.
"""

from __future__ import annotations

from ..errors import InvalidParameter, NotFound, PydockError, StatusError

# Autodetection order when no --type is given (docker's inspectAll); swarm objects only on a manager.
AUTODETECT = ("container", "image", "network", "volume", "service", "task", "node", "plugin", "secret", "config")
SWARM_TYPES = frozenset(("service", "task", "node", "secret", "config"))
ALL_TYPES = ("config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume")


def _getter(kind: str, size: bool):
    from ..engine.api import containers, images, networks, volumes

    if kind == "container":
        return lambda engine, name: containers.inspect_raw(engine, name, size=size)
    if kind in SWARM_TYPES or kind == "plugin":
        from ..engine.api import plugins, swarm

        return {
            "plugin": plugins.inspect_raw,
            "service": _service,
            "task": swarm.task_inspect_raw,
            "node": swarm.node_inspect_raw,
            "secret": lambda engine, name: swarm.object_inspect_raw(engine, "/secrets", name),
            "config": lambda engine, name: swarm.object_inspect_raw(engine, "/configs", name),
        }[kind]
    return {"image": images.inspect_raw, "network": networks.inspect_raw, "volume": volumes.inspect_raw}[kind]


def _service(engine, name: str):
    """A service as docker's templates see it (render/views_service.Service), with its JSON."""
    from ..engine.api import swarm
    from ..render.views_service import Service

    data, raw = swarm.service_inspect_raw(engine, name, insert_defaults=True)
    return Service(data), raw


def _skippable(err: PydockError) -> bool:
    return isinstance(err, NotFound) or "not supported" in err.message or "invalid reference format" in err.message


def _swarm_manager(app) -> bool:
    """docker's isSwarmManager: an info call; its failure is printed and counts as no."""
    from ..engine.api import system

    try:
        return bool(((system.info(app.engine) or {}).get("Swarm") or {}).get("ControlAvailable"))
    except PydockError as e:
        app.err.write(f"{e}\n")
        return False


def _find(app, name: str, kind: str | None, size: bool):
    """(object, raw JSON) for a name, or raise the error docker would report for it."""
    engine = app.engine
    if kind:
        return _getter(kind, size)(engine, name)
    manager = None  # asked once per name, when the lookup first reaches a swarm object (as docker)
    for candidate in AUTODETECT:
        if candidate in SWARM_TYPES:
            if manager is None:
                manager = _swarm_manager(app)
            if not manager:
                continue
        try:
            found = _getter(candidate, size)(engine, name)
        except PydockError as e:
            if not _skippable(e):
                raise
            continue
        if size and candidate != "container":
            app.err.write(f"WARNING: --size ignored for {candidate}\n")
        return found
    raise PydockError(f"Error: No such object: {name}")


def run_inspect(app, names, *, kind: str | None = None, format_: str | None = None, size: bool = False) -> None:
    if kind is not None and kind not in ALL_TYPES:
        allowed = ", ".join(f'"{t}"' for t in ALL_TYPES)
        raise PydockError(f'unknown type: "{kind}": must be one of {allowed}')
    inspect_each(app, names, lambda name: _find(app, name, kind, size), format_)


def inspect_each(app, names, get, format_: str | None) -> None:
    """docker's inspect.Inspect. `get(name)` gives (template object, its JSON text) or raises. Objects are
    printed in order; the failures, lookups and template runs alike, follow in argument order."""
    from ..render.formatter import RENDER_FAILED, execute
    from ..render.jsonindent import go_indent

    tmpl = _template(format_)
    out: list[str] = []
    errors: list[str] = []
    for name in names:
        try:
            obj, raw = get(name)
            out.append(raw if tmpl is None else execute(tmpl, obj, RENDER_FAILED) + "\n")
        except PydockError as e:
            errors.append(str(e))
    if tmpl is not None:
        app.write("".join(out) or "\n")
    else:
        app.write(go_indent("[" + ",".join(out) + "]", None if format_ == "json" else "    ") + "\n")
    if errors:
        raise PydockError("\n".join(errors))


def _template(format_: str | None):
    """The compiled --format template (None for the JSON output); a template that does not parse exits 64."""
    from ..render.formatter import RENDER_FAILED, compile_template

    if not format_ or format_ == "json":
        return None
    try:
        return compile_template(format_.replace("\\t", "\t").replace("\\n", "\n"), missingkey_error=True,
                                prefix=RENDER_FAILED)
    except PydockError as e:
        raise StatusError(str(e), 64) from None
