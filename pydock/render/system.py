"""`version` and `info`: docker's layouts, and the Go-shaped values their `--format` templates run against.

Pure: payloads in, text out. Two halves:

- Go structs. `docker version --format` and `docker info --format` execute the template against Go structs, so
  fields are reached by their Go names (`.Server.APIVersion`, `.HTTPProxy`) while `{{json .}}` writes the JSON
  tags (`ApiVersion`, `HttpProxy`), in struct order, with `omitempty`, re-marshalled through the types the
  docker CLI v28.2.2 vendors (keys the daemon sends that the CLI does not know are dropped, as docker drops
  them). `Schema.load(payload)` builds such a value; `GoStruct.marshal_json()` marshals it back.
- Layouts. `render_version` is docker's default version template through its tabwriter; `render_info` is
  docker's `prettyPrintInfo`, line for line.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass, field
from datetime import datetime

from .humanize import bytes_size, human_duration
from .tabwriter import tabwrite

# -- Go structs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class F:
    """One struct field: Go name, JSON key (defaults to the Go name), kind, and `omitempty`.

    kind: "s" string, "i" int, "b" bool, "l" slice, "m" map (marshalled with sorted keys), "a" any value kept
    as the daemon sent it, or a Ptr / ListOf / MapOf / Schema describing a nested value.
    """

    go: str
    key: str = ""
    kind: object = "s"
    omitempty: bool = False

    @property
    def json_key(self) -> str:
        return self.key or self.go


@dataclass(frozen=True)
class Ptr:
    schema: "Schema"


@dataclass(frozen=True)
class ListOf:
    schema: "Schema"


@dataclass(frozen=True)
class MapOf:
    schema: "Schema"


@dataclass(frozen=True)
class Embed:
    """An embedded struct: its fields are the outer struct's (in templates and JSON); fmt prints it nested.
    `name` is the embedded type's name, which Go templates can also reach it by (`.Info`)."""

    schema: "Schema"
    name: str = ""


ZERO = {"s": "", "i": 0, "b": False}
NIL_TEXT = {"l": "[]", "m": "map[]"}


@dataclass(frozen=True)
class Schema:
    go_type: str
    fields: tuple = field(default=())  # F and Embed entries, in Go's declaration order
    sorted_json: bool = False  # marshalled through a map[string]any (registry.ServiceConfig): keys sorted

    @property
    def flat_fields(self) -> tuple[F, ...]:
        out: tuple[F, ...] = ()
        for f in self.fields:
            out += f.schema.flat_fields if isinstance(f, Embed) else (f,)
        return out

    def load(self, data: dict | None) -> "GoStruct":
        data = data if isinstance(data, dict) else {}
        values = {f.go: _load(f.kind, data.get(f.json_key)) for f in self.flat_fields}
        values.update({e.name: e.schema.load(data) for e in self.fields if isinstance(e, Embed) and e.name})
        return _struct_class(self.go_type)(self, values)


class NilSlice(list):
    """A nil slice: empty to templates (prints `[]`, len 0), `null` in JSON."""


class NilMap(dict):
    """A nil map: empty to templates (prints `map[]`), `null` in JSON."""


def _load(kind, value):
    if isinstance(kind, Schema):
        return kind.load(value)
    if isinstance(kind, str) and kind in ZERO:
        return ZERO[kind] if value is None else value
    if value is None:
        nil = _nil_kind(kind)
        return NilSlice() if nil == "l" else NilMap() if nil == "m" else None
    if isinstance(kind, Ptr):
        return kind.schema.load(value)
    if isinstance(kind, ListOf):
        return [kind.schema.load(v) for v in value]
    if isinstance(kind, MapOf):
        return {k: kind.schema.load(value[k]) for k in sorted(value)}
    return value


class GoStruct:
    """A Go struct value: attributes are its fields by Go name. Each schema gets its own subclass, whose
    class attribute `go_type` names it in template errors (`can't evaluate field Foo in type *types.Version`)."""

    go_type = "struct"

    def __init__(self, schema: Schema, values: dict):
        self.__dict__["_schema"] = schema
        self.__dict__.update(values)

    def __setattr__(self, name, value):
        raise AttributeError(f"{self.go_type} is read-only")

    def __eq__(self, other) -> bool:
        return isinstance(other, GoStruct) and self.marshal_json() == other.marshal_json()

    __hash__ = None

    def marshal_json(self) -> dict:
        """encoding/json's view: JSON keys in field order, `omitempty` fields left out when empty."""
        out = {}
        for f in self._schema.flat_fields:
            value = getattr(self, f.go)
            if f.json_key == "-" or f.omitempty and _is_empty(value):
                continue
            out[f.json_key] = _marshal(value, f.kind)
        return _sort_keys(out) if self._schema.sorted_json else out

    def __str__(self) -> str:
        """fmt's %v of a struct: `{v1 v2 ...}`, an embedded struct nested in its own braces."""
        return self._sprint(self._schema)

    def _sprint(self, schema: Schema) -> str:
        return "{" + " ".join(self._sprint(f.schema) if isinstance(f, Embed) else go_sprint(getattr(self, f.go), f.kind)
                              for f in schema.fields) + "}"

    __repr__ = __str__


_STRUCT_CLASSES: dict[str, type] = {}


def _struct_class(go_type: str) -> type:
    cls = _STRUCT_CLASSES.get(go_type)
    if cls is None:
        cls = _STRUCT_CLASSES[go_type] = type("GoStruct", (GoStruct,), {"go_type": go_type, "__slots__": ()})
    return cls


def _is_empty(value) -> bool:
    """encoding/json's omitempty: false, 0, "", nil, and empty slices and maps (never a struct)."""
    if isinstance(value, GoStruct):
        return False
    return value is None or value is False or value == 0 or value == "" or value == [] or value == {}


def _sort_keys(value):
    if isinstance(value, dict):
        return {k: _sort_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sort_keys(v) for v in value]
    return value


def _marshal(value, kind=None):
    if isinstance(value, GoStruct):
        return value.marshal_json()
    if isinstance(value, (NilSlice, NilMap)):
        return None
    if isinstance(value, list):
        return [_marshal(v) for v in value]
    if isinstance(value, dict):
        keys = sorted(value) if kind == "m" or isinstance(kind, MapOf) else list(value)
        return {k: _marshal(value[k]) for k in keys}
    return value


def _nil_kind(kind) -> str:
    if isinstance(kind, ListOf):
        return "l"
    if isinstance(kind, MapOf):
        return "m"
    return kind if isinstance(kind, str) else ""


def go_sprint(value, kind=None) -> str:
    """fmt's %v: `true`, `[a b]`, `map[k:v]`, `<nil>`."""
    if value is None:
        return NIL_TEXT.get(_nil_kind(kind), "<nil>")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + " ".join(go_sprint(v) for v in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{go_sprint(value[k])}" for k in sorted(value)) + "]"
    return str(value)


# -- the types docker's version and info commands format (docker CLI v28.2.2) -----------------------------

PLATFORM = Schema("struct { Name string }", (F("Name"),))
CLIENT_PLATFORM = Schema("system.platformInfo", (F("Name", omitempty=True),))
CLIENT_VERSION = Schema("system.clientVersion", (
    F("Platform", kind=Ptr(CLIENT_PLATFORM), omitempty=True), F("Version", omitempty=True),
    F("APIVersion", "ApiVersion", omitempty=True), F("DefaultAPIVersion", omitempty=True),
    F("GitCommit", omitempty=True), F("GoVersion", omitempty=True), F("Os", omitempty=True),
    F("Arch", omitempty=True), F("BuildTime", omitempty=True), F("Context"),
))
COMPONENT = Schema("types.ComponentVersion", (F("Name"), F("Version"), F("Details", kind="m", omitempty=True)))
SERVER_VERSION = Schema("*types.Version", (
    F("Platform", kind=PLATFORM), F("Components", kind=ListOf(COMPONENT), omitempty=True), F("Version"),
    F("APIVersion", "ApiVersion"), F("MinAPIVersion", omitempty=True), F("GitCommit"), F("GoVersion"), F("Os"),
    F("Arch"), F("KernelVersion", omitempty=True), F("Experimental", kind="b", omitempty=True),
    F("BuildTime", omitempty=True),
))
VERSION_INFO = Schema("system.versionInfo", (F("Client", kind=CLIENT_VERSION), F("Server", kind=Ptr(SERVER_VERSION))))

PLUGINS = Schema("system.PluginsInfo", tuple(F(n, kind="l") for n in ("Volume", "Network", "Authorization", "Log")))
COMMIT = Schema("system.Commit", (F("ID"), F("Expected", omitempty=True)))
RUNTIME = Schema("system.RuntimeWithStatus", (Embed(Schema("system.Runtime", (
    F("Path", "path", omitempty=True), F("Args", "runtimeArgs", "l", True), F("Type", "runtimeType", omitempty=True),
    F("Options", "options", "m", True)))), F("Status", "status", "m", True),
))
PEER = Schema("swarm.Peer", (F("NodeID"), F("Addr")))
SWARM = Schema("swarm.Info", (
    F("NodeID"), F("NodeAddr"), F("LocalNodeState"), F("ControlAvailable", kind="b"), F("Error"),
    F("RemoteManagers", kind=ListOf(PEER)), F("Nodes", kind="i", omitempty=True), F("Managers", kind="i", omitempty=True),
    F("Cluster", kind="a", omitempty=True), F("Warnings", kind="l", omitempty=True),
))
POOL = Schema("system.NetworkAddressPool", (F("Base"), F("Size", kind="i")))
FIREWALL = Schema("system.FirewallInfo", (F("Driver"), F("Info", kind="l", omitempty=True)))
DEVICE = Schema("system.DeviceInfo", (F("Source"), F("ID")))
NAMESPACES = Schema("system.ContainerdNamespaces", (F("Containers"), F("Plugins")))
CONTAINERD = Schema("system.ContainerdInfo", (F("Address", omitempty=True), F("Namespaces", kind=NAMESPACES)))

INDEX_INFO = Schema("*registry.IndexInfo", (F("Name"), F("Mirrors", kind="l"), F("Secure", kind="b"), F("Official", kind="b")))
SERVICE_CONFIG = Schema("*registry.ServiceConfig", (
    F("AllowNondistributableArtifactsCIDRs", kind="l", omitempty=True),
    F("AllowNondistributableArtifactsHostnames", kind="l", omitempty=True),
    F("InsecureRegistryCIDRs", kind="l"), F("IndexConfigs", kind=MapOf(INDEX_INFO)), F("Mirrors", kind="l"),
    F("ExtraFields", "-", "m"),
), sorted_json=True)


INFO_FIELDS = (
    F("ID"), F("Containers", kind="i"), F("ContainersRunning", kind="i"), F("ContainersPaused", kind="i"),
    F("ContainersStopped", kind="i"), F("Images", kind="i"), F("Driver"), F("DriverStatus", kind="l"),
    F("SystemStatus", kind="l", omitempty=True), F("Plugins", kind=PLUGINS), F("MemoryLimit", kind="b"),
    F("SwapLimit", kind="b"), F("KernelMemory", kind="b", omitempty=True), F("KernelMemoryTCP", kind="b", omitempty=True),
    F("CPUCfsPeriod", "CpuCfsPeriod", "b"), F("CPUCfsQuota", "CpuCfsQuota", "b"), F("CPUShares", kind="b"),
    F("CPUSet", kind="b"), F("PidsLimit", kind="b"), F("IPv4Forwarding", kind="b"), F("Debug", kind="b"),
    F("NFd", kind="i"), F("OomKillDisable", kind="b"), F("NGoroutines", kind="i"), F("SystemTime"),
    F("LoggingDriver"), F("CgroupDriver"), F("CgroupVersion", omitempty=True), F("NEventsListener", kind="i"),
    F("KernelVersion"), F("OperatingSystem"), F("OSVersion"), F("OSType"), F("Architecture"),
    F("IndexServerAddress"), F("RegistryConfig", kind=Ptr(SERVICE_CONFIG)), F("NCPU", kind="i"),
    F("MemTotal", kind="i"), F("GenericResources", kind="l"), F("DockerRootDir"), F("HTTPProxy", "HttpProxy"),
    F("HTTPSProxy", "HttpsProxy"), F("NoProxy"), F("Name"), F("Labels", kind="l"), F("ExperimentalBuild", kind="b"),
    F("ServerVersion"), F("Runtimes", kind=MapOf(RUNTIME)), F("DefaultRuntime"), F("Swarm", kind=SWARM),
    F("LiveRestoreEnabled", kind="b"), F("Isolation"), F("InitBinary"), F("ContainerdCommit", kind=COMMIT),
    F("RuncCommit", kind=COMMIT), F("InitCommit", kind=COMMIT), F("SecurityOptions", kind="l"),
    F("ProductLicense", omitempty=True), F("DefaultAddressPools", kind=ListOf(POOL), omitempty=True),
    F("FirewallBackend", kind=Ptr(FIREWALL), omitempty=True), F("CDISpecDirs", kind="l"),
    F("DiscoveredDevices", kind=ListOf(DEVICE), omitempty=True), F("Containerd", kind=Ptr(CONTAINERD), omitempty=True),
    F("Warnings", kind="l"),
)
PLUGIN = Schema("manager.Plugin", (
    Embed(Schema("metadata.Metadata", tuple(F(n, omitempty=True) for n in (
        "SchemaVersion", "Vendor", "Version", "ShortDescription", "URL"))), "Metadata"),
    F("Name", omitempty=True), F("Path", omitempty=True), F("Err", kind="a", omitempty=True),
    F("ShadowedPaths", kind="l", omitempty=True),
))
CLIENT_INFO = Schema("*system.clientInfo", (
    F("Debug", kind="b"), Embed(CLIENT_VERSION, "clientVersion"), F("Plugins", kind=ListOf(PLUGIN)),
    F("Warnings", kind="l"),
))
CLIENT_FIELDS = (F("ClientInfo", kind=Ptr(CLIENT_INFO), omitempty=True), F("ClientErrors", kind="l", omitempty=True))
DOCKER_INFO = Schema("system.dockerInfo", (Embed(Schema("system.Info", INFO_FIELDS), "Info"),
                                           F("ServerErrors", kind="l", omitempty=True)) + CLIENT_FIELDS)
# what docker runs a template against first, to learn whether it needs the daemon at all
SPARSE_INFO = Schema("system.sparseInfo", CLIENT_FIELDS)


# -- version ----------------------------------------------------------------------------------------------

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RFC3339 = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$")


def reformat_date(value: str) -> str:
    """docker's reformatDate: an RFC 3339 time becomes Go's ANSIC layout in its own offset; else unchanged."""
    m = _RFC3339.match(value or "")
    if not m:
        return value
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    try:
        t = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return value
    return f"{WEEKDAYS[t.weekday()]} {MONTHS[t.month - 1]} {t.day:2d} {t:%H:%M:%S} {t.year}"


def server_version(payload: dict) -> dict:
    """What `docker version` shows of GET /version: the Engine's BuildTime reformatted, and an Engine
    component made up from the top-level fields when the daemon lists none (pre-17.06 daemons)."""
    sv = dict(payload)
    components = [dict(c) for c in sv.get("Components") or []]
    engine = next((c for c in components if c.get("Name") == "Engine"), None)
    if engine is not None:
        details = dict(engine.get("Details") or {})
        if "BuildTime" in details:
            details["BuildTime"] = reformat_date(details["BuildTime"])
        engine["Details"] = details
    else:
        components.append({"Name": "Engine", "Version": sv.get("Version", ""), "Details": {
            "ApiVersion": sv.get("ApiVersion", ""), "MinAPIVersion": sv.get("MinAPIVersion", ""),
            "GitCommit": sv.get("GitCommit", ""), "GoVersion": sv.get("GoVersion", ""), "Os": sv.get("Os", ""),
            "Arch": sv.get("Arch", ""), "BuildTime": reformat_date(sv.get("BuildTime", "")),
            "Experimental": "true" if sv.get("Experimental") else "false"}})
    sv["Components"] = components
    return sv


def version_info(client: dict, server: dict | None) -> GoStruct:
    """docker's versionInfo: `client` is a clientVersion JSON object, `server` GET /version (or None)."""
    return VERSION_INFO.load({"Client": client, "Server": None if server is None else server_version(server)})


def render_version(vi: GoStruct, runtime_label: str = "Go version") -> str:
    """docker's default version template, executed and passed through tabwriter(20, 1, 1)."""
    text = _client_version_lines(vi.Client, runtime_label)
    if vi.Server is not None:
        text += _server_version_lines(vi.Server)
    return tabwrite(text + "\n", minwidth=20, padding=1)


def _client_version_lines(c: GoStruct, runtime_label: str) -> str:
    platform = f" {c.Platform.Name}" if c.Platform is not None and c.Platform.Name else ""
    api = c.APIVersion + (f" (downgraded from {c.DefaultAPIVersion})" if c.APIVersion != c.DefaultAPIVersion else "")
    rows = (("Version", c.Version), ("API version", api), (runtime_label, c.GoVersion), ("Git commit", c.GitCommit),
            ("Built", c.BuildTime), ("OS/Arch", f"{c.Os}/{c.Arch}"), ("Context", c.Context))
    return f"Client:{platform}" + _rows(" ", rows)


def _server_version_lines(s: GoStruct) -> str:
    text = "\n\nServer:" + (f" {s.Platform.Name}" if s.Platform.Name else "")
    for comp in s.Components or []:
        d = comp.Details or {}
        if comp.Name == "Engine":
            rows = (("Version", comp.Version),
                    ("API version", f"{d.get('ApiVersion', '')} (minimum version {d.get('MinAPIVersion', '')})"),
                    ("Go version", d.get("GoVersion", "")), ("Git commit", d.get("GitCommit", "")),
                    ("Built", d.get("BuildTime", "")), ("OS/Arch", f"{d.get('Os', '')}/{d.get('Arch', '')}"),
                    ("Experimental", d.get("Experimental", "")))
        else:
            rows = (("Version", comp.Version), *((key, d[key]) for key in sorted(d)))
        text += f"\n {comp.Name}:" + _rows("  ", rows)
    return text


def _rows(indent: str, rows) -> str:
    """Template lines `<indent>Label:<TAB>value`, each after a newline; tabwriter aligns them."""
    return "".join(f"\n{indent}{label}:\t{value}" for label, value in rows)


# -- info -------------------------------------------------------------------------------------------------


@dataclass
class InfoOutput:
    """What `docker info` prints: stdout, stderr (warnings, ERROR: lines), and whether it failed."""

    out: str = ""
    err: str = ""
    failed: bool = False


def docker_info(payload: dict | None, client_info: dict, server_errors: tuple[str, ...] = ()) -> GoStruct:
    """docker's dockerInfo for `--format`: the server info (zero-valued when absent) and `ClientInfo`."""
    data = dict(payload or {})
    data["ClientInfo"] = client_info
    data["ServerErrors"] = list(server_errors) or None
    return DOCKER_INFO.load(data)


def client_only_info(client_info: dict) -> GoStruct:
    return SPARSE_INFO.load({"ClientInfo": client_info})


def render_info(info: dict | None, client: dict, *, username: str = "", client_debug: bool = False,
                server_errors: tuple[str, ...] = ()) -> InfoOutput:
    """docker's prettyPrintInfo. `info` is GET /info (None when it failed), `client` a clientInfo object."""
    result = InfoOutput()
    platform = ((client.get("Platform") or {}).get("Name") or "")
    result.out = ("Client: " + platform if platform else "Client:") + "\n" + _client_info_lines(client)
    result.out += "\nServer:\n"
    errors = list(server_errors)
    if info is not None:
        lines, problems = _server_info_lines(info, username, client_debug)
        result.out += lines
        errors.extend(problems)
        result.err += "".join(w + "\n" for w in info.get("Warnings") or [])
    result.err += "".join(f"ERROR: {e}\n" for e in errors)
    result.failed = bool(errors)
    return result


def _println(*values) -> str:
    """fmt.Println: operands separated by spaces, then a newline."""
    return " ".join(go_sprint(v) for v in values) + "\n"


def _nonempty(label: str, value) -> str:
    return _println(label, value) if value else ""


def _client_info_lines(c: dict) -> str:
    lines = (_nonempty(" Version:   ", c.get("Version", "")) + _println(" Context:   ", c.get("Context", ""))
             + _println(" Debug Mode:", bool(c.get("Debug"))))
    plugins = c.get("Plugins") or []
    if plugins:
        lines += " Plugins:\n"
    for p in plugins:
        lines += f"  {p['Name']}: {p['ShortDescription']} ({p['Vendor']})\n"
        lines += f"    Version:  {p['Version']}\n" if p.get("Version") else ""
        lines += f"    Path:     {p['Path']}\n" if p.get("Path") else ""
    return lines


def _server_info_lines(i: dict, username: str, client_debug: bool) -> tuple[str, list[str]]:
    swarm = i.get("Swarm") or {}
    security, errors = _security(i)
    parts = [_counts(i), _storage(i), _plugins(i), _println(" Swarm:", swarm.get("LocalNodeState", "")),
             swarm_lines(swarm), _runtimes(i), security, _host(i, client_debug), _proxies(i, username),
             _registries(i), _tail(i), "\n"]
    return "".join(parts), errors


def _counts(i: dict) -> str:
    return "".join([
        _println(" Containers:", i.get("Containers", 0)),
        _println("  Running:", i.get("ContainersRunning", 0)),
        _println("  Paused:", i.get("ContainersPaused", 0)),
        _println("  Stopped:", i.get("ContainersStopped", 0)),
        _println(" Images:", i.get("Images", 0)),
        _nonempty(" Server Version:", i.get("ServerVersion")),
    ])


def _storage(i: dict) -> str:
    return "".join([
        _nonempty(" Storage Driver:", i.get("Driver")),
        *(f"  {k}: {v}\n" for k, v in i.get("DriverStatus") or []),
        *(f" {k}: {v}\n" for k, v in i.get("SystemStatus") or []),
        _nonempty(" Logging Driver:", i.get("LoggingDriver")),
        _nonempty(" Cgroup Driver:", i.get("CgroupDriver")),
        _nonempty(" Cgroup Version:", i.get("CgroupVersion")),
    ])


def _plugins(i: dict) -> str:
    p = i.get("Plugins") or {}
    out = [" Plugins:\n", _println("  Volume:", " ".join(p.get("Volume") or [])),
           _println("  Network:", " ".join(p.get("Network") or []))]
    if p.get("Authorization"):
        out.append(_println("  Authorization:", " ".join(p["Authorization"])))
    out.append(_println("  Log:", " ".join(p.get("Log") or [])))
    if i.get("CDISpecDirs"):
        out += [" CDI spec directories:\n", *(f"  {d}\n" for d in i["CDISpecDirs"])]
    if i.get("DiscoveredDevices"):
        out += [" Discovered Devices:\n", *(f"  {d.get('Source', '')}: {d.get('ID', '')}\n" for d in i["DiscoveredDevices"])]
    return "".join(out)


def _runtimes(i: dict) -> str:
    """docker ranges over a Go map here, so its order varies from run to run; pydock sorts the names."""
    if not i.get("Runtimes"):
        return ""
    return _println(" Runtimes:", " ".join(sorted(i["Runtimes"]))) + _println(" Default Runtime:", i.get("DefaultRuntime", ""))


def decode_security_options(opts: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """system.DecodeSecurityOptions: `name=seccomp,profile=default` → ("seccomp", [("profile", "default")])."""
    decoded = []
    for opt in opts:
        if "=" not in opt:
            decoded.append((opt, []))
            continue
        name, options = "", []
        for item in opt.split(","):
            key, sep, value = item.partition("=")
            if not sep:
                raise ValueError(f"invalid security option {_go_quote(item)}")
            if not key or not value:
                raise ValueError("invalid empty security option")
            if key == "name":
                name = value
            else:
                options.append((key, value))
        decoded.append((name, options))
    return decoded


def _go_quote(s: str) -> str:
    from .views import go_quote

    return go_quote(s)


def _security(i: dict) -> tuple[str, list[str]]:
    """Init and commits, then security options with their profiles (linux); the isolation (windows)."""
    if i.get("OSType") != "linux":
        return (_println(" Default Isolation:", i.get("Isolation", "")) if i.get("OSType") == "windows" else ""), []
    out = "".join([
        _println(" Init Binary:", i.get("InitBinary", "")),
        _println(" containerd version:", (i.get("ContainerdCommit") or {}).get("ID", "")),
        _println(" runc version:", (i.get("RuncCommit") or {}).get("ID", "")),
        _println(" init version:", (i.get("InitCommit") or {}).get("ID", "")),
    ])
    if not i.get("SecurityOptions"):
        return out, []
    try:
        decoded = decode_security_options(i["SecurityOptions"])
    except ValueError as e:
        return out, [str(e)]
    out += " Security Options:\n"
    for name, options in decoded:
        out += f"  {name}\n" + "".join(_println("   Profile:", v) for k, v in options if k == "profile")
    return out, []


def _host(i: dict, client_debug: bool) -> str:
    out = [
        _nonempty(" Kernel Version:", i.get("KernelVersion")),
        _nonempty(" Operating System:", i.get("OperatingSystem")),
        _nonempty(" OSType:", i.get("OSType")),
        _nonempty(" Architecture:", i.get("Architecture")),
        _println(" CPUs:", i.get("NCPU", 0)),
        _println(" Total Memory:", bytes_size(i.get("MemTotal") or 0)),
        _nonempty(" Name:", i.get("Name")),
        _nonempty(" ID:", i.get("ID")),
        _println(" Docker Root Dir:", i.get("DockerRootDir", "")),
        _println(" Debug Mode:", bool(i.get("Debug"))),
    ]
    if i.get("Debug") or client_debug:  # the daemon's counters, when either side debugs
        out += [_println("  File Descriptors:", i.get("NFd", 0)), _println("  Goroutines:", i.get("NGoroutines", 0)),
                _println("  System Time:", i.get("SystemTime", "")),
                _println("  EventsListeners:", i.get("NEventsListener", 0))]
    return "".join(out)


def _proxies(i: dict, username: str) -> str:
    out = [
        _nonempty(" HTTP Proxy:", i.get("HttpProxy")),
        _nonempty(" HTTPS Proxy:", i.get("HttpsProxy")),
        _nonempty(" No Proxy:", i.get("NoProxy")),
        _nonempty(" Username:", username),
    ]
    if i.get("Labels"):
        out += [" Labels:\n", *(f"  {label}\n" for label in i["Labels"])]
    out.append(_println(" Experimental:", bool(i.get("ExperimentalBuild"))))
    return "".join(out)


def _registries(i: dict) -> str:
    rc = i.get("RegistryConfig")
    if not isinstance(rc, dict):
        return ""
    out = []
    indexes = rc.get("IndexConfigs") or {}
    cidrs = rc.get("InsecureRegistryCIDRs") or []
    if cidrs or indexes:
        # docker ranges over a Go map for the insecure index names (random order); pydock sorts them
        insecure = [(indexes[n] or {}).get("Name", "") for n in sorted(indexes) if not (indexes[n] or {}).get("Secure")]
        out += [" Insecure Registries:\n", *(f"  {name}\n" for name in insecure), *(f"  {_cidr(c)}\n" for c in cidrs)]
    if rc.get("Mirrors"):
        out += [" Registry Mirrors:\n", *(f"  {m}\n" for m in rc["Mirrors"])]
    return "".join(out)


def _cidr(value: str) -> str:
    """net.IPNet: the masked address and the prefix length."""
    try:
        net = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return value
    return f"{net.network_address}/{net.prefixlen}"


def _tail(i: dict) -> str:
    out = [_println(" Live Restore Enabled:", bool(i.get("LiveRestoreEnabled")))]
    if i.get("ProductLicense"):
        out.append(_println(" Product License:", i["ProductLicense"]))
    if i.get("DefaultAddressPools"):
        out += [" Default Address Pools:\n",
                *(f"   Base: {p.get('Base', '')}, Size: {p.get('Size', 0)}\n" for p in i["DefaultAddressPools"])]
    return "".join(out)


def swarm_lines(s: dict) -> str:
    """docker's printSwarmInfo: nothing for an inactive or locked node."""
    state = s.get("LocalNodeState", "")
    if state in ("inactive", "locked"):
        return ""
    out = [_println("  NodeID:", s.get("NodeID", ""))]
    if s.get("Error"):
        out.append(_println("  Error:", s["Error"]))
    out.append(_println("  Is Manager:", bool(s.get("ControlAvailable"))))
    cluster = s.get("Cluster")
    if cluster is not None and s.get("ControlAvailable") and not s.get("Error") and state != "error":
        out.append(_cluster_lines(s, cluster))
    out.append(_println("  Node Address:", s.get("NodeAddr", "")))
    managers = sorted(p.get("Addr", "") for p in s.get("RemoteManagers") or [])
    if managers:
        out += ["  Manager Addresses:\n", *(f"   {m}\n" for m in managers)]
    return "".join(out)


def _cluster_lines(s: dict, cluster: dict) -> str:
    spec = cluster.get("Spec") or {}
    out = [_println("  ClusterID:", cluster.get("ID", "")), _println("  Managers:", s.get("Managers", 0)),
           _println("  Nodes:", s.get("Nodes", 0))]
    if cluster.get("DefaultAddrPool") is not None:
        out += [_println("  Default Address Pool:", "".join(p + "  " for p in cluster["DefaultAddrPool"])),
                _println("  SubnetSize:", cluster.get("SubnetSize", 0))]
    if (cluster.get("DataPathPort") or 0) > 0:
        out.append(_println("  Data Path Port:", cluster["DataPathPort"]))
    limit = (spec.get("Orchestration") or {}).get("TaskHistoryRetentionLimit")
    out += ["  Orchestration:\n", _println("   Task History Retention Limit:", limit or 0),
            _raft_lines(spec.get("Raft") or {}), _ca_lines(spec),
            _println("  Autolock Managers:", bool((spec.get("EncryptionConfig") or {}).get("AutoLockManagers"))),
            _println("  Root Rotation In Progress:", bool(cluster.get("RootRotationInProgress")))]
    return "".join(out)


def _raft_lines(raft: dict) -> str:
    out = ["  Raft:\n", _println("   Snapshot Interval:", raft.get("SnapshotInterval", 0))]
    if raft.get("KeepOldSnapshots") is not None:
        out.append(f"   Number of Old Snapshots to Retain: {raft['KeepOldSnapshots']}\n")
    out += [_println("   Heartbeat Tick:", raft.get("HeartbeatTick", 0)),
            _println("   Election Tick:", raft.get("ElectionTick", 0))]
    return "".join(out)


def _ca_lines(spec: dict) -> str:
    """Dispatcher and CA settings; durations are nanoseconds, shown as go-units HumanDuration."""
    period = (spec.get("Dispatcher") or {}).get("HeartbeatPeriod") or 0
    ca = spec.get("CAConfig") or {}
    out = ["  Dispatcher:\n", _println("   Heartbeat Period:", human_duration(period / 1e9)),
           "  CA Configuration:\n", _println("   Expiry Duration:", human_duration((ca.get("NodeCertExpiry") or 0) / 1e9)),
           _println("   Force Rotate:", ca.get("ForceRotate", 0))]
    cert = (ca.get("SigningCACert") or "").strip()
    if cert:
        out.append(f"   Signing CA Certificate: \n{cert}\n\n")
    if ca.get("ExternalCAs"):
        out += ["   External CAs:\n", *(f"     {e.get('Protocol', '')}: {e.get('URL', '')}\n" for e in ca["ExternalCAs"])]
    return "".join(out)


# -- the client half, for pydock --------------------------------------------------------------------------

GO_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64", "armv7l": "arm", "armv6l": "arm",
           "i386": "386", "i686": "386", "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64"}
GO_OS = {"linux": "linux", "darwin": "darwin", "win32": "windows", "cygwin": "windows"}


def go_platform(sys_platform: str, machine: str) -> tuple[str, str]:
    """Python's platform names as Go's GOOS/GOARCH spell them (linux/amd64)."""
    os_name = next((go for py, go in GO_OS.items() if sys_platform.startswith(py)), sys_platform)
    return os_name, GO_ARCH.get(machine.lower(), machine.lower())


def client_version(*, version: str, api_version: str, default_api_version: str, runtime: str, os_arch: tuple[str, str],
                   context: str, git_commit: str = "-", build_time: str = "-") -> dict:
    """A clientVersion JSON object describing pydock (`GoVersion` carries the Python runtime)."""
    return {"Version": version, "ApiVersion": api_version, "DefaultAPIVersion": default_api_version,
            "GitCommit": git_commit, "GoVersion": runtime, "Os": os_arch[0], "Arch": os_arch[1],
            "BuildTime": build_time, "Context": context}


def client_info(cv: dict, *, debug: bool, plugins: list[dict] | None = None) -> dict:
    """docker info's clientInfo: no negotiated API version (docker does not connect for it); `plugins` as
    docker lists its CLI plugins (pydock has no plugin loader: its one entry is the built-in `compose`)."""
    data = {k: v for k, v in cv.items() if k != "ApiVersion"}
    return {"Debug": debug, **data, "Plugins": list(plugins or []), "Warnings": None}


def builtin_compose_plugin(path: str, compose_version: str) -> dict:
    """`compose` as docker's plugin manager describes a CLI plugin, for the built-in `pydock compose`: scripts
    that read `docker info --format '{{range .ClientInfo.Plugins}}{{.Name}}{{end}}'` to find compose find it."""
    return {"SchemaVersion": "0.1.0", "Vendor": "pydock", "Version": "v" + compose_version,
            "ShortDescription": "Docker Compose", "Name": "compose", "Path": path}


# -- --format ---------------------------------------------------------------------------------------------


def parse_template(text: str, name: str, funcs: dict | None = None):
    """docker's parsing for version and info: `json` means `{{json .}}`; a syntax error exits 64."""
    from ..errors import PydockError
    from . import gotemplate

    if text == "json":
        text = "{{json .}}"
    try:
        return gotemplate.parse(text, {"json": template_json, **(funcs or {})})
    except gotemplate.TemplateError as e:
        raise PydockError(f"template parsing error: {_named(str(e), name)}", exit_code=64) from None


def template_json(value) -> str:
    """The templates' `json`: encoding/json of the Go value, which docker writes with HTML escaping off
    (gotemplate's own `json` escapes HTML for objects with `to_json`, as docker's list contexts need)."""
    return _json_of_dot().execute(_marshal(value))


@functools.cache
def _json_of_dot():
    from . import gotemplate

    return gotemplate.parse("{{json .}}")


def execute_template(tmpl, data, name: str) -> tuple[str, str | None]:
    """Run a template: its output, and docker's bare error (`template: version:1:2: executing ...`) if any."""
    from . import gotemplate

    try:
        return tmpl.execute(data), None
    except gotemplate.TemplateError as e:
        return getattr(e, "partial", None) or "", _named(str(e), name)


def _named(message: str, name: str) -> str:
    """Templates parse unnamed; docker names the version one (`template: version:1: unclosed action`)."""
    if not name:
        return message
    return message.replace("template: :", f"template: {name}:", 1).replace('executing ""', f'executing "{name}"', 1)
