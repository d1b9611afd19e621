"""The inspector shared by `inspect`, `container inspect` and `image inspect`.

Output rules are docker's: without `--format`, the daemon's JSON re-indented into one array; with a
template, one line per object (missing keys are errors); `--format json`, one compact array.
Objects that are not found, or that the template fails on, are reported on stderr after the others are
printed, in argument order; exit status 1.
"""

from __future__ import annotations

from ..errors import InvalidParameter, NotFound, PydockError, StatusError

# Autodetection order when no --type is given (docker's inspectAll, swarm objects left out).
AUTODETECT = ("container", "image", "network", "volume", "plugin")
ALL_TYPES = ("config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume")


def _getter(kind: str, size: bool):
    from ..engine.api import containers, images, networks, volumes

    if kind == "container":
        return lambda engine, name: containers.inspect_raw(engine, name, size=size)
    if kind == "plugin":
        from ..engine.api import plugins

        return plugins.inspect_raw
    return {"image": images.inspect_raw, "network": networks.inspect_raw, "volume": volumes.inspect_raw}[kind]


def _skippable(err: PydockError) -> bool:
    return isinstance(err, NotFound) or (
        isinstance(err, InvalidParameter) and ("invalid reference format" in err.message or "not supported" in err.message))


def _find(engine, name: str, kind: str | None, size: bool):
    """(object, raw JSON) for a name, or raise the error docker would report for it."""
    if kind:
        return _getter(kind, size)(engine, name)
    for candidate in AUTODETECT:
        try:
            return _getter(candidate, size)(engine, name)
        except PydockError as e:
            if not _skippable(e):
                raise
    raise PydockError(f"Error: No such object: {name}")


def run_inspect(app, names, *, kind: str | None = None, format_: str | None = None, size: bool = False) -> None:
    if kind is not None and kind not in ALL_TYPES:
        allowed = ", ".join(f'"{t}"' for t in ALL_TYPES)
        raise PydockError(f'unknown type: "{kind}": must be one of {allowed}')
    if kind is not None and kind not in AUTODETECT:
        raise PydockError(f'pydock does not inspect {kind} objects (swarm is not supported)')
    inspect_each(app, names, lambda name: _find(app.engine, name, kind, size), format_)


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
