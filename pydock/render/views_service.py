"""A swarm service as docker's templates see it: `Service` (swarm.Service, what `--format` runs on) and
`PrettyService` with docker's own pretty template (cli/command/service/formatter.go) for `inspect --pretty`."""

from __future__ import annotations

from ..opts.gostrings import duration_string

PRETTY_TEMPLATE = """
ID:\t\t{{.ID}}
Name:\t\t{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Service Mode:
{{- if .IsModeGlobal }}\tGlobal
{{- else if .IsModeReplicated }}\tReplicated
{{- if .ModeReplicatedReplicas }}
 Replicas:\t{{ .ModeReplicatedReplicas }}
{{- end }}{{ end }}
{{- if .HasUpdateStatus }}
UpdateStatus:
 State:\t\t{{ .UpdateStatusState }}
{{- if .HasUpdateStatusStarted }}
 Started:\t{{ .UpdateStatusStarted }}
{{- end }}
{{- if .UpdateIsCompleted }}
 Completed:\t{{ .UpdateStatusCompleted }}
{{- end }}
 Message:\t{{ .UpdateStatusMessage }}
{{- end }}
Placement:
{{- if .TaskPlacementConstraints }}
 Constraints:\t{{ .TaskPlacementConstraints }}
{{- end }}
{{- if .TaskPlacementPreferences }}
 Preferences:   {{ .TaskPlacementPreferences }}
{{- end }}
{{- if .MaxReplicas }}
 Max Replicas Per Node:   {{ .MaxReplicas }}
{{- end }}
{{- if .HasUpdateConfig }}
UpdateConfig:
 Parallelism:\t{{ .UpdateParallelism }}
{{- if .HasUpdateDelay}}
 Delay:\t\t{{ .UpdateDelay }}
{{- end }}
 On failure:\t{{ .UpdateOnFailure }}
{{- if .HasUpdateMonitor}}
 Monitoring Period: {{ .UpdateMonitor }}
{{- end }}
 Max failure ratio: {{ .UpdateMaxFailureRatio }}
 Update order:      {{ .UpdateOrder }}
{{- end }}
{{- if .HasRollbackConfig }}
RollbackConfig:
 Parallelism:\t{{ .RollbackParallelism }}
{{- if .HasRollbackDelay}}
 Delay:\t\t{{ .RollbackDelay }}
{{- end }}
 On failure:\t{{ .RollbackOnFailure }}
{{- if .HasRollbackMonitor}}
 Monitoring Period: {{ .RollbackMonitor }}
{{- end }}
 Max failure ratio: {{ .RollbackMaxFailureRatio }}
 Rollback order:    {{ .RollbackOrder }}
{{- end }}
ContainerSpec:
 Image:\t\t{{ .ContainerImage }}
{{- if .ContainerArgs }}
 Args:\t\t{{ range $arg := .ContainerArgs }}{{ $arg }} {{ end }}
{{- end -}}
{{- if .ContainerEnv }}
 Env:\t\t{{ range $env := .ContainerEnv }}{{ $env }} {{ end }}
{{- end -}}
{{- if .ContainerWorkDir }}
 Dir:\t\t{{ .ContainerWorkDir }}
{{- end -}}
{{- if .HasContainerInit }}
 Init:\t\t{{ .ContainerInit }}
{{- end -}}
{{- if .ContainerUser }}
 User: {{ .ContainerUser }}
{{- end }}
{{- if .HasCapabilities }}
Capabilities:
{{- if .HasCapabilityAdd }}
 Add: {{ .CapabilityAdd }}
{{- end }}
{{- if .HasCapabilityDrop }}
 Drop: {{ .CapabilityDrop }}
{{- end }}
{{- end }}
{{- if .ContainerSysCtls }}
SysCtls:
{{- range $k, $v := .ContainerSysCtls }}
 {{ $k }}{{if $v }}: {{ $v }}{{ end }}
{{- end }}{{ end }}
{{- if .ContainerUlimits }}
Ulimits:
{{- range $k, $v := .ContainerUlimits }}
 {{ $k }}: {{ $v }}
{{- end }}{{ end }}
{{- if .ContainerMounts }}
Mounts:
{{- end }}
{{- range $mount := .ContainerMounts }}
 Target:\t{{ $mount.Target }}
  Source:\t{{ $mount.Source }}
  ReadOnly:\t{{ $mount.ReadOnly }}
  Type:\t\t{{ $mount.Type }}
{{- end -}}
{{- if .Configs}}
Configs:
{{- range $config := .Configs }}
 Target:\t{{$config.File.Name}}
  Source:\t{{$config.ConfigName}}
{{- end }}{{ end }}
{{- if .Secrets }}
Secrets:
{{- range $secret := .Secrets }}
 Target:\t{{$secret.File.Name}}
  Source:\t{{$secret.SecretName}}
{{- end }}{{ end }}
{{- if .HasLogDriver }}
Log Driver:
{{- if .HasLogDriverName }}
 Name:\t\t{{ .LogDriverName }}
{{- end }}
{{- if .LogOpts }}
 LogOpts:
{{- range $k, $v := .LogOpts }}
  {{ $k }}{{if $v }}:       {{ $v }}{{ end }}
{{- end }}{{ end }}
{{ end }}
{{- if .HasResources }}
Resources:
{{- if .HasResourceReservations }}
 Reservations:
{{- if gt .ResourceReservationNanoCPUs 0.0 }}
  CPU:\t\t{{ .ResourceReservationNanoCPUs }}
{{- end }}
{{- if .ResourceReservationMemory }}
  Memory:\t{{ .ResourceReservationMemory }}
{{- end }}{{ end }}
{{- if .HasResourceLimits }}
 Limits:
{{- if gt .ResourceLimitsNanoCPUs 0.0 }}
  CPU:\t\t{{ .ResourceLimitsNanoCPUs }}
{{- end }}
{{- if .ResourceLimitMemory }}
  Memory:\t{{ .ResourceLimitMemory }}
{{- end }}{{ end }}{{ end }}
{{- if gt .ResourceLimitPids 0 }}
  PIDs:\t\t{{ .ResourceLimitPids }}
{{- end }}
{{- if .Networks }}
Networks:
{{- range $network := .Networks }} {{ $network }}{{ end }} {{ end }}
Endpoint Mode:\t{{ .EndpointMode }}
{{- if .Ports }}
Ports:
{{- range $port := .Ports }}
 PublishedPort = {{ $port.PublishedPort }}
  Protocol = {{ $port.Protocol }}
  TargetPort = {{ $port.TargetPort }}
  PublishMode = {{ $port.PublishMode }}
{{- end }} {{ end -}}
{{- if .Healthcheck }}
 Healthcheck:
  Interval = {{ .Healthcheck.Interval }}
  Retries = {{ .Healthcheck.Retries }}
  StartPeriod =\t{{ .Healthcheck.StartPeriod }}
  Timeout =\t{{ .Healthcheck.Timeout }}
  {{- if .Healthcheck.Test }}
  Tests:
\t{{- range $test := .Healthcheck.Test }}
\t Test = {{ $test }}
  {{- end }} {{ end -}}
{{- end }}
"""


class Duration:
    """A time.Duration for the template: printed as Go prints one."""

    go_type = "time.Duration"

    def __init__(self, ns: int):
        self.ns = ns

    def __str__(self) -> str:
        return duration_string(self.ns)


class Health:
    go_type = "*container.HealthConfig"

    def __init__(self, h: dict):
        self.Test = h.get("Test")
        self.Interval = Duration(h.get("Interval") or 0)
        self.Timeout = Duration(h.get("Timeout") or 0)
        self.StartPeriod = Duration(h.get("StartPeriod") or 0)
        self.StartInterval = Duration(h.get("StartInterval") or 0)
        self.Retries = h.get("Retries") or 0


class PrettyService:
    """docker's serviceInspectContext: the methods its pretty template calls."""

    go_type = "*service.serviceInspectContext"

    def __init__(self, service: dict, network_names: dict[str, str]):
        self.s = service
        self.spec = service.get("Spec") or {}
        self.task = self.spec.get("TaskTemplate") or {}
        self.c = self.task.get("ContainerSpec") or {}
        self.network_names = network_names

    def ID(self): return self.s.get("ID", "")  # noqa: E704,N802
    def Name(self): return self.spec.get("Name", "")  # noqa: E704,N802
    def Labels(self): return self.spec.get("Labels") or {}  # noqa: E704,N802
    def HasLogDriver(self): return self.task.get("LogDriver") is not None  # noqa: E704,N802
    def HasLogDriverName(self): return bool(self.task["LogDriver"].get("Name"))  # noqa: E704,N802
    def LogDriverName(self): return self.task["LogDriver"].get("Name", "")  # noqa: E704,N802
    def LogOpts(self): return self.task["LogDriver"].get("Options") or {}  # noqa: E704,N802
    def Configs(self): return self.c.get("Configs") or []  # noqa: E704,N802
    def Secrets(self): return self.c.get("Secrets") or []  # noqa: E704,N802

    def Healthcheck(self):  # noqa: N802
        h = self.c.get("Healthcheck")
        return None if h is None else Health(h)

    def IsModeGlobal(self): return "Global" in (self.spec.get("Mode") or {})  # noqa: E704,N802
    def IsModeReplicated(self): return "Replicated" in (self.spec.get("Mode") or {})  # noqa: E704,N802
    def ModeReplicatedReplicas(self): return self.spec["Mode"]["Replicated"].get("Replicas")  # noqa: E704,N802

    def _status(self):
        return self.s.get("UpdateStatus") or {}

    def HasUpdateStatus(self): return bool(self._status().get("State"))  # noqa: E704,N802
    def UpdateStatusState(self): return self._status().get("State", "")  # noqa: E704,N802
    def HasUpdateStatusStarted(self): return self._status().get("StartedAt") is not None  # noqa: E704,N802
    def UpdateStatusStarted(self): return _ago(self._status()["StartedAt"])  # noqa: E704,N802

    def UpdateIsCompleted(self):  # noqa: N802
        return self._status().get("State") == "completed" and self._status().get("CompletedAt") is not None

    def UpdateStatusCompleted(self): return _ago(self._status()["CompletedAt"])  # noqa: E704,N802
    def UpdateStatusMessage(self): return self._status().get("Message", "")  # noqa: E704,N802

    def _placement(self):
        return self.task.get("Placement")

    def TaskPlacementConstraints(self):  # noqa: N802
        p = self._placement()
        return None if p is None else p.get("Constraints")

    def TaskPlacementPreferences(self):  # noqa: N802
        p = self._placement()
        if p is None:
            return None
        out = [f"spread={x['Spread'].get('SpreadDescriptor', '')}" for x in p.get("Preferences") or () if x.get("Spread")]
        return out or None

    def MaxReplicas(self):  # noqa: N802
        p = self._placement()
        return 0 if p is None else p.get("MaxReplicas") or 0

    def _u(self): return self.spec.get("UpdateConfig") or {}  # noqa: E704
    def _r(self): return self.spec.get("RollbackConfig") or {}  # noqa: E704
    def HasUpdateConfig(self): return self.spec.get("UpdateConfig") is not None  # noqa: E704,N802
    def UpdateParallelism(self): return self._u().get("Parallelism") or 0  # noqa: E704,N802
    def HasUpdateDelay(self): return (self._u().get("Delay") or 0) > 0  # noqa: E704,N802
    def UpdateDelay(self): return Duration(self._u().get("Delay") or 0)  # noqa: E704,N802
    def UpdateOnFailure(self): return self._u().get("FailureAction", "")  # noqa: E704,N802
    def UpdateOrder(self): return self._u().get("Order", "")  # noqa: E704,N802
    def HasUpdateMonitor(self): return (self._u().get("Monitor") or 0) > 0  # noqa: E704,N802
    def UpdateMonitor(self): return Duration(self._u().get("Monitor") or 0)  # noqa: E704,N802
    def UpdateMaxFailureRatio(self): return self._u().get("MaxFailureRatio") or 0  # noqa: E704,N802
    def HasRollbackConfig(self): return self.spec.get("RollbackConfig") is not None  # noqa: E704,N802
    def RollbackParallelism(self): return self._r().get("Parallelism") or 0  # noqa: E704,N802
    def HasRollbackDelay(self): return (self._r().get("Delay") or 0) > 0  # noqa: E704,N802
    def RollbackDelay(self): return Duration(self._r().get("Delay") or 0)  # noqa: E704,N802
    def RollbackOnFailure(self): return self._r().get("FailureAction", "")  # noqa: E704,N802
    def HasRollbackMonitor(self): return (self._r().get("Monitor") or 0) > 0  # noqa: E704,N802
    def RollbackMonitor(self): return Duration(self._r().get("Monitor") or 0)  # noqa: E704,N802
    def RollbackMaxFailureRatio(self): return self._r().get("MaxFailureRatio") or 0  # noqa: E704,N802
    def RollbackOrder(self): return self._r().get("Order", "")  # noqa: E704,N802
    def ContainerImage(self): return self.c.get("Image", "")  # noqa: E704,N802
    def ContainerArgs(self): return self.c.get("Args") or []  # noqa: E704,N802
    def ContainerEnv(self): return self.c.get("Env") or []  # noqa: E704,N802
    def ContainerWorkDir(self): return self.c.get("Dir", "")  # noqa: E704,N802
    def ContainerUser(self): return self.c.get("User", "")  # noqa: E704,N802
    def HasContainerInit(self): return self.c.get("Init") is not None  # noqa: E704,N802
    def ContainerInit(self): return bool(self.c.get("Init"))  # noqa: E704,N802

    def ContainerMounts(self):  # noqa: N802
        return [{"Target": m.get("Target", ""), "Source": m.get("Source", ""), "ReadOnly": bool(m.get("ReadOnly")),
                 "Type": m.get("Type", "")} for m in self.c.get("Mounts") or ()]

    def ContainerSysCtls(self): return self.c.get("Sysctls") or {}  # noqa: E704,N802

    def ContainerUlimits(self):  # noqa: N802
        return {u["Name"]: f"{u.get('Soft', 0)}:{u.get('Hard', 0)}" for u in self.c.get("Ulimits") or ()}

    def _res(self):
        return self.task.get("Resources")

    def HasResources(self): return self._res() is not None  # noqa: E704,N802

    def HasResourceReservations(self):  # noqa: N802
        r = (self._res() or {}).get("Reservations")
        return r is not None and ((r.get("NanoCPUs") or 0) > 0 or (r.get("MemoryBytes") or 0) > 0)

    def ResourceReservationNanoCPUs(self):  # noqa: N802
        return (self._res()["Reservations"].get("NanoCPUs") or 0) / 1e9

    def ResourceReservationMemory(self):  # noqa: N802
        return _bytes(self._res()["Reservations"].get("MemoryBytes") or 0)

    def HasResourceLimits(self):  # noqa: N802
        r = (self._res() or {}).get("Limits")
        return r is not None and any((r.get(k) or 0) > 0 for k in ("NanoCPUs", "MemoryBytes", "Pids"))

    def ResourceLimitsNanoCPUs(self):  # noqa: N802
        return (self._res()["Limits"].get("NanoCPUs") or 0) / 1e9

    def ResourceLimitMemory(self):  # noqa: N802
        return _bytes(self._res()["Limits"].get("MemoryBytes") or 0)

    def ResourceLimitPids(self):  # noqa: N802
        return ((self._res() or {}).get("Limits") or {}).get("Pids") or 0

    def Networks(self):  # noqa: N802
        return [self.network_names.get(n["Target"], n["Target"]) for n in self.task.get("Networks") or ()] or None

    def EndpointMode(self):  # noqa: N802
        e = self.spec.get("EndpointSpec")
        return "" if e is None else e.get("Mode", "")

    def Ports(self): return (self.s.get("Endpoint") or {}).get("Ports") or []  # noqa: E704,N802

    def HasCapabilities(self): return bool(self.c.get("CapabilityAdd") or self.c.get("CapabilityDrop"))  # noqa: E704,N802
    def HasCapabilityAdd(self): return bool(self.c.get("CapabilityAdd"))  # noqa: E704,N802
    def HasCapabilityDrop(self): return bool(self.c.get("CapabilityDrop"))  # noqa: E704,N802
    def CapabilityAdd(self): return ", ".join(self.c.get("CapabilityAdd") or ())  # noqa: E704,N802
    def CapabilityDrop(self): return ", ".join(self.c.get("CapabilityDrop") or ())  # noqa: E704,N802


def _bytes(n: int) -> str:
    from .humanize import bytes_size

    return bytes_size(n) if n else ""


def _ago(timestamp: str) -> str:
    import time

    from ..opts.timestamps import rfc3339_ns
    from .humanize import human_duration

    return human_duration(time.time() - rfc3339_ns(timestamp) / 1e9) + " ago"


class Service:
    """The swarm.Service docker hands --format templates: its `__dict__` is the daemon's JSON; the pointer
    fields the daemon left out are nil, an unknown field is `can't evaluate field X in type swarm.Service`."""

    go_type = "swarm.Service"
    ID = CreatedAt = UpdatedAt = ""
    Version: dict = {"Index": 0}
    Spec: dict = {}
    Endpoint: dict = {}
    PreviousSpec = UpdateStatus = ServiceStatus = JobStatus = None

    def __init__(self, data: dict):
        self.__dict__.update(data)
