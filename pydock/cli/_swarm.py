"""What the `secret`, `config` and `node` verbs share (issue 14): the list format choice, `--pretty`
inspection, reading a secret's or config's data, and removal one by one.
"""

from __future__ import annotations

from ..errors import PydockError, StatusError

PRETTY_EXTRA = "cannot supply extra formatting options to the pretty template"
# SwarmKit's limits; docker reads at most twice as much (a guard against reading huge files)
MAX_SECRET_SIZE = 500 * 1024
MAX_CONFIG_SIZE = 1000 * 1024


def list_format(source: str | None, quiet: bool, table: str, configured: str = "", raw: str = "",
                raw_quiet: str = ""):
    """docker's New<Kind>Format for `secret ls`, `config ls`, `node ls`: the config.json format when no
    --format and not -q; `table` (and `raw` where the kind has one) have quiet variants."""
    from ..render.formatter import Format

    source = source or (configured if configured and not quiet else "") or "table"
    if source == "table":
        return Format("{{.ID}}", False) if quiet else Format.parse(table, table)
    if source == "raw" and raw:
        return Format.parse(raw_quiet if quiet else raw, table)
    return Format.parse(source, table)


def write_rows(app, fmt, rows, headers) -> None:
    from ..render.formatter import prepare, render_rows

    app.write(render_rows(fmt, prepare(fmt), rows, headers))


def inspect_objects(app, names, get, format_: str | None, pretty: bool, pretty_template: str, pretty_view) -> None:
    """docker's `<kind> inspect`: `--pretty` (or `--format pretty`) runs the kind's pretty template on each
    object, all or nothing (a failed lookup prints nothing); otherwise the shared inspector."""
    from ._inspect import inspect_each

    if pretty:
        format_ = "pretty"
    if format_ and format_.startswith("pretty") and format_ != "pretty":
        raise PydockError(PRETTY_EXTRA)
    if format_ != "pretty":
        inspect_each(app, names, get, format_)
        return
    from ..render.formatter import RENDER_FAILED, compile_template, execute

    tmpl = compile_template(pretty_template, prefix=RENDER_FAILED)
    out = []
    for name in names:
        obj, _raw = get(name)
        out.append(execute(tmpl, pretty_view(obj), RENDER_FAILED) + "\n")
    app.write("".join(out))


def read_data(app, kind: str, file: str, limit: int) -> bytes:
    """docker's readSecretData/readConfigData: `-` is stdin; empty data is an error."""
    import sys

    if file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        try:
            data = stream.read(2 * limit) if stream is not None else b""
        except OSError as e:
            raise PydockError(f"error reading from STDIN: {e}") from None
        if not data:
            raise PydockError("error reading from STDIN: data is empty")
        return data
    if file == "":
        raise PydockError(f"{kind} file is required")
    from ..atomicfile import go_path_error

    try:
        with open(file, "rb") as f:
            data = f.read(2 * limit)
    except OSError as e:
        op = "read" if isinstance(e, IsADirectoryError) else "open"
        raise PydockError(f"error reading from {file}: {go_path_error(op, file, e)}") from None
    if not data:
        raise PydockError(f"error reading from {file}: data is empty")
    return data


def remove_each(app, names, remove) -> None:
    """Each name removed in turn and echoed; the failures, joined, end the command with status 1."""
    errors = []
    for name in names:
        try:
            remove(name)
        except PydockError as e:
            errors.append(str(e))
            continue
        app.write(f"{name}\n")
    if errors:
        raise PydockError("\n".join(errors))


def node_reference(app, ref: str) -> str:
    """docker's node.Reference: `self` is this daemon's node ID (from /info)."""
    if ref != "self":
        return ref
    from ..engine.api import swarm, system

    node_id = ((system.info(app.engine) or {}).get("Swarm") or {}).get("NodeID") or ""
    if not node_id:
        swarm.node_list(app.engine)  # the daemon's own error when this is no manager
        raise PydockError("node ID not found in /info")
    return node_id


__all__ = ["StatusError", "list_format", "inspect_objects", "read_data", "remove_each", "node_reference"]


class NoRoleChange(Exception):
    """The node already has the role asked for: docker says so and goes on with the next."""


def update_nodes(app, names, merge, success) -> None:
    """docker's updateNodes: each node read, changed by `merge(node)` (its "Spec"), written back at its
    version; the first failure ends the command (the nodes before it stay updated)."""
    from ..engine.api import swarm

    for name in names:
        node = swarm.node_inspect(app.engine, name)
        node.setdefault("Spec", {})
        try:
            merge(node)
        except NoRoleChange:
            continue
        swarm.node_update(app.engine, node.get("ID", ""), (node.get("Version") or {}).get("Index", 0), node["Spec"])
        success(name)


def set_role(app, names, role: str) -> None:
    """`node promote` (role manager) and `node demote` (role worker), with docker's messages."""
    def merge(node: dict) -> None:
        if node["Spec"].get("Role") == role:
            app.write(f"Node {node.get('ID', '')} is already a {role}.\n")
            raise NoRoleChange
        node["Spec"]["Role"] = role

    def success(name: str) -> None:
        app.write(f"Node {name} promoted to a manager in the swarm.\n" if role == "manager"
                  else f"Manager {name} demoted in the swarm.\n")

    update_nodes(app, names, merge, success)


def name_ids(app, path: str, names) -> dict[str, str]:
    """Secret or config IDs by name (`path` "/secrets" or "/configs"), one list call for all the names."""
    from ..engine.api import swarm

    if not names:
        return {}
    return {o["Spec"]["Name"]: o["ID"] for o in swarm.object_list(app.engine, path, filters={"name": sorted(names)})}
