"""Tab-completion candidates that need the daemon (container, image, volume, network names) or the
context store.

TAB must not lag: this path uses the stdlib only (no click, httpx, rich or yaml), asks the daemon only
where the argument really is an object name, and gives up after 300 ms with no candidates rather than
hang. Only local unix-socket daemons are asked; remote ones complete nothing.

Two ways in: click's completers below (each tagged with its `kind`, which the generated shell scripts
read), and `pydock __complete KIND [STATE...]` (`main`), which the static scripts call at TAB time for
object names: __main__ sends it here before importing click.
"""

from __future__ import annotations

import json
import os

TIMEOUT = 0.3

FILTER_KEYS = {
    "ps": ("ancestor", "before", "exited", "expose", "health", "id", "is-task", "isolation", "label", "name",
           "network", "publish", "since", "status", "volume"),
    "images": ("before", "dangling", "label", "reference", "since", "until"),
    "network ls": ("driver", "id", "label", "name", "scope", "type"),
    "volume ls": ("dangling", "driver", "label", "name"),
    "secret ls": ("id", "label", "name"),
    "config ls": ("id", "label", "name"),
    "node ls": ("id", "label", "membership", "name", "node.label", "role"),
    "events": ("config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope",
               "secret", "service", "type", "volume"),
}
FILTER_VALUES = {
    "status": ("created", "restarting", "running", "removing", "paused", "exited", "dead"),
    "health": ("starting", "healthy", "unhealthy", "none"),
    "dangling": ("true", "false"),
    "is-task": ("true", "false"),
    "scope": ("swarm", "global", "local"),
    "type": ("builtin", "custom"),
    "role": ("manager", "worker"),
    "membership": ("accepted", "pending"),
}
# where a key means something else for one command (`type` of an event is an object type)
COMMAND_FILTER_VALUES = {
    "events": {"type": ("builder", "config", "container", "daemon", "image", "network", "node", "plugin", "secret",
                        "service", "volume"),
               "scope": ("swarm", "local")},
}


def _config_dir() -> str:
    return os.environ.get("DOCKER_CONFIG") or os.path.join(os.path.expanduser("~"), ".docker")


def _context_host(name: str) -> str:
    """The docker endpoint of a stored context (`<config>/contexts/meta/<sha256(name)>/meta.json`)."""
    import hashlib

    meta = os.path.join(_config_dir(), "contexts", "meta", hashlib.sha256(name.encode()).hexdigest(), "meta.json")
    try:
        with open(meta, encoding="utf-8") as f:
            return json.load(f)["Endpoints"]["docker"]["Host"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _host() -> str:
    """docker's order (engine/hosts.py): --context (the scripts pass it as PYDOCK_COMPLETE_CONTEXT), -H or
    DOCKER_HOST, DOCKER_CONTEXT, config.json's currentContext, else the local socket."""
    context = os.environ.get("PYDOCK_COMPLETE_CONTEXT", "")
    if not context:
        if os.environ.get("DOCKER_HOST"):
            return os.environ["DOCKER_HOST"]
        context = os.environ.get("DOCKER_CONTEXT", "")
    if not context:
        try:
            with open(os.path.join(_config_dir(), "config.json"), encoding="utf-8") as f:
                context = json.load(f).get("currentContext") or ""
        except (OSError, ValueError, AttributeError):
            context = ""
    if context and context != "default":
        return _context_host(context)
    return "unix:///var/run/docker.sock"


def _socket_path() -> str | None:
    host = _host()
    return host[len("unix://"):] if host.startswith("unix://") else None


def _get(path: str):
    """GET `path` from a local daemon: the JSON answer, or [] on any failure or after TIMEOUT seconds in
    all (a daemon that accepts and never answers, or trickles, gets no more time than one that is down)."""
    sock = _socket_path()
    if not sock:
        return []
    import socket
    import time

    deadline = time.monotonic() + TIMEOUT
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(TIMEOUT)
            conn.connect(sock)
            conn.sendall(f"GET {path} HTTP/1.0\r\nHost: api.moby.localhost\r\n\r\n".encode())
            chunks = []
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                conn.settimeout(left)
                chunk = conn.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
        return json.loads(body) if head.split(b" ", 2)[1:2] == [b"200"] else []
    except (OSError, ValueError, IndexError):
        return []


def container_names(states: tuple[str, ...] = (), *, describe: bool = False) -> list[str]:
    """Names (legacy link names left out); `describe`: `name<TAB>image, status` lines."""
    query = "?all=1"
    if states:
        query += "&filters=" + json.dumps({"status": {s: True for s in states}}, separators=(",", ":"))
    names = []
    for c in _get("/containers/json" + query.replace('"', "%22").replace("{", "%7B").replace("}", "%7D")):
        tail = f"\t{c.get('Image', '')}, {c.get('Status', '')}" if describe else ""
        names.extend(n.lstrip("/") + tail for n in c.get("Names") or [] if "/" not in n.lstrip("/"))
    return names


def image_names() -> list[str]:
    return [t for img in _get("/images/json") for t in img.get("RepoTags") or [] if t != "<none>:<none>"]


def volume_names() -> list[str]:
    data = _get("/volumes")
    return [v["Name"] for v in (data.get("Volumes") or [] if isinstance(data, dict) else [])]


def network_names() -> list[str]:
    return [n["Name"] for n in _get("/networks")]


def _items(values, incomplete: str):
    from click.shell_completion import CompletionItem

    return [CompletionItem(v) for v in sorted(set(values)) if v.startswith(incomplete)]


def _kind(kind: str):
    """Tag a completer with what the static scripts ask `pydock __complete` for."""
    def tag(fn):
        fn.kind = kind
        return fn
    return tag


@_kind("containers")
def complete_containers(ctx, param, incomplete):
    return _items(container_names(), incomplete)


@_kind("images")
def complete_images(ctx, param, incomplete):
    return _items(image_names(), incomplete)


@_kind("objects")
def complete_any_object(ctx, param, incomplete):
    return _items(container_names() + image_names() + volume_names() + network_names(), incomplete)


def filter_completer(command: str):
    """Complete `key=` from the command's filter keys, then known values for enum keys."""

    def complete(ctx, param, incomplete):
        key, eq, _ = incomplete.partition("=")
        if not eq:
            return _items((k + "=" for k in FILTER_KEYS[command]), incomplete)
        values = COMMAND_FILTER_VALUES.get(command, {}).get(key) or FILTER_VALUES.get(key, ())
        return _items((f"{key}={v}" for v in values), incomplete)

    complete.filter_command = command
    return complete


# State-filtered container completion (docker's completion.ContainerNames with its filters).
RUNNING_STATES = ("running", "paused", "restarting")  # what `ps` without -a lists


def containers_in(*states: str):
    """A completer offering only containers in one of `states` (e.g. stopped ones for `start`)."""

    def complete(ctx, param, incomplete):
        return _items(container_names(states), incomplete)

    complete.kind = " ".join(("containers",) + states)
    return complete


complete_running = containers_in(*RUNNING_STATES)
complete_stopped = containers_in("created", "exited")
complete_paused = containers_in("paused")
complete_unpaused = containers_in("running", "restarting")


@_kind("networks")
def complete_networks(ctx, param, incomplete):
    return _items(network_names(), incomplete)


@_kind("volumes")
def complete_volumes(ctx, param, incomplete):
    return _items(volume_names(), incomplete)


# Swarm objects (issue 14): names from a local manager; a daemon not in swarm mode answers 503 and offers none.
def swarm_service_names() -> list[str]:
    return [s["Spec"]["Name"] for s in _get("/services") if s.get("Spec", {}).get("Name")]


def node_names() -> list[str]:
    return [n["Description"]["Hostname"] for n in _get("/nodes") if n.get("Description", {}).get("Hostname")]


def secret_names() -> list[str]:
    return [s["Spec"]["Name"] for s in _get("/secrets") if s.get("Spec", {}).get("Name")]


def config_names() -> list[str]:
    return [c["Spec"]["Name"] for c in _get("/configs") if c.get("Spec", {}).get("Name")]


def stack_names() -> list[str]:
    """Stacks as `docker stack ls` finds them: the namespace label of the services."""
    return [(s.get("Spec", {}).get("Labels") or {}).get("com.docker.stack.namespace", "") for s in _get("/services")]


@_kind("swarm-services")
def complete_swarm_services(ctx, param, incomplete):
    return _items(swarm_service_names(), incomplete)


@_kind("nodes")
def complete_nodes(ctx, param, incomplete):
    return _items(node_names(), incomplete)


@_kind("secrets")
def complete_secrets(ctx, param, incomplete):
    return _items(secret_names(), incomplete)


@_kind("configs")
def complete_configs(ctx, param, incomplete):
    return _items(config_names(), incomplete)


@_kind("stacks")
def complete_stacks(ctx, param, incomplete):
    return _items([n for n in stack_names() if n], incomplete)


def context_names(config_dir: str | None = None) -> list[str]:
    """The context store's names (every meta.json below contexts/meta, nested directories too, as docker
    walks them: pydock.cli.context._store.list_metadata), then `default`."""
    meta = os.path.join(config_dir or _config_dir(), "contexts", "meta")
    names = []
    for directory, subdirs, files in os.walk(meta):
        subdirs.sort()
        if directory != meta and "meta.json" in files:
            try:
                with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
                    names.append(json.load(f)["Name"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
    return names + ["default"]


# -- compose services and profiles, without a YAML library ---------------------------------------------

COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


def compose_files() -> list[str]:
    """The compose files in effect: `-f` typed on the line (PYDOCK_COMPLETE_COMPOSE_FILES, newline-separated),
    else COMPOSE_FILE, else the first default name found from the project directory upward."""
    typed = [f for f in os.environ.get("PYDOCK_COMPLETE_COMPOSE_FILES", "").split("\n") if f]
    base = os.environ.get("PYDOCK_COMPLETE_PROJECT_DIR") or os.getcwd()
    if typed:
        return [f if os.path.isabs(f) else os.path.join(os.getcwd(), f) for f in typed]
    if os.environ.get("COMPOSE_FILE"):
        sep = os.environ.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        return [f if os.path.isabs(f) else os.path.join(base, f) for f in os.environ["COMPOSE_FILE"].split(sep) if f]
    directory = os.path.abspath(base)
    while True:
        for name in COMPOSE_NAMES:
            if os.path.isfile(os.path.join(directory, name)):
                return [os.path.join(directory, name)]
        parent = os.path.dirname(directory)
        if parent == directory:
            return []
        directory = parent


def _key(line: str) -> str:
    """The mapping key a block-style YAML line starts with (`name:`, `"name":`), else ''."""
    text = line.strip()
    if not text or text.startswith(("#", "-")):
        return ""
    if text[0] in "'\"":
        end = text.find(text[0], 1)
        return text[1:end] if end > 0 and text[end + 1:end + 2] == ":" else ""
    key, colon, rest = text.partition(":")
    return key.strip() if colon and (not rest or rest[0] in " \t") else ""


def scan_services(text: str) -> tuple[list[str], list[str]]:
    """The service names under the top-level `services:` of a block-style compose file, and the profiles
    they list. A scan, not a YAML parser: flow-style `services: {...}`, anchors and `extends`/`include`
    are not followed (TAB then offers what it found)."""
    services: list[str] = []
    profiles: list[str] = []
    in_services = in_profiles = False
    service_indent = profile_indent = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent == 0:
            in_services = _key(raw) == "services"
            service_indent = None
            in_profiles = False
            continue
        if not in_services:
            continue
        if service_indent is None:
            service_indent = indent
        if indent == service_indent:
            name = _key(raw)
            if name and not name.startswith("x-"):
                services.append(name)
            in_profiles = False
            continue
        if in_profiles and indent > profile_indent and raw.strip().startswith("-"):
            profiles.append(raw.strip()[1:].strip().strip("'\""))
            continue
        in_profiles = False
        if _key(raw) == "profiles":
            rest = raw.split(":", 1)[1].strip()
            if rest.startswith("["):
                profiles.extend(p.strip().strip("'\"") for p in rest.strip("[]").split(",") if p.strip())
            else:
                in_profiles, profile_indent = True, indent
    return services, profiles


def compose_scan() -> tuple[list[str], list[str]]:
    services: list[str] = []
    profiles: list[str] = []
    for path in compose_files():
        try:
            with open(path, encoding="utf-8") as f:
                found = scan_services(f.read())
        except (OSError, UnicodeDecodeError):
            continue
        services += found[0]
        profiles += found[1]
    return services, profiles


KINDS = {
    "containers": lambda states, describe=False: container_names(tuple(states), describe=describe),
    "images": lambda states: image_names(),
    "networks": lambda states: network_names(),
    "volumes": lambda states: volume_names(),
    "objects": lambda states: container_names() + image_names() + volume_names() + network_names(),
    "contexts": lambda states: context_names(),
    "services": lambda states: compose_scan()[0],
    "profiles": lambda states: compose_scan()[1],
    "swarm-services": lambda states: swarm_service_names(),
    "nodes": lambda states: node_names(),
    "secrets": lambda states: secret_names(),
    "configs": lambda states: config_names(),
    "stacks": lambda states: [n for n in stack_names() if n],
}


def main(argv: list[str]) -> int:
    """`pydock __complete [--describe] KIND [STATE...]`: the names, sorted, one per line (with
    --describe, containers as `name<TAB>image, status`); never an error (exit 0)."""
    describe = argv[:1] == ["--describe"]
    argv = argv[1:] if describe else argv
    if argv and argv[0] in KINDS:
        try:
            fn = KINDS[argv[0]]
            names = sorted(set(fn(argv[1:], describe=True) if describe and argv[0] == "containers" else fn(argv[1:])))
        except Exception:  # noqa: BLE001 - TAB must never print a traceback into the command line
            names = []
        if names:
            os.write(1, ("\n".join(names) + "\n").encode())
    return 0
