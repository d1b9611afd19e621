"""Row views and `--pretty` texts for the swarm's own objects: secrets, configs and nodes (issue 14).

As in `views.py`: the default tables, custom templates and `--format json` read these methods, named as
docker's formatter contexts name them (`.ID`, `.Name`, `.CreatedAt`, ...). The `--pretty` inspect views
are docker's pretty templates run on an object with the methods docker's inspect contexts have.
"""

from __future__ import annotations

import base64
import time

from .views import RowView
from .views_objects import go_time_text, joined_labels

SECRET_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"
CONFIG_TABLE = "table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"
NODE_TABLE = ("table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t"
              "{{.ManagerStatus}}\t{{.EngineVersion}}")
NODE_RAW = ("node_id: {{.ID}}\\nhostname: {{.Hostname}}\\nstatus: {{.Status}}\\navailability: {{.Availability}}\\n"
            "manager_status: {{.ManagerStatus}}\\n")
NODE_RAW_QUIET = "node_id: {{.ID}}"

SECRET_PRETTY = """ID:              {{.ID}}
Name:              {{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Driver:            {{.Driver}}
Created at:        {{.CreatedAt}}
Updated at:        {{.UpdatedAt}}"""

CONFIG_PRETTY = """ID:\t\t\t{{.ID}}
Name:\t\t\t{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Created at:            \t{{.CreatedAt}}
Updated at:            \t{{.UpdatedAt}}
Data:
{{.Data}}"""

NODE_PRETTY = """ID:\t\t\t{{.ID}}
{{- if .Name }}
Name:\t\t\t{{.Name}}
{{- end }}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Hostname:              \t{{.Hostname}}
Joined at:             \t{{.CreatedAt}}
Status:
 State:\t\t\t{{.StatusState}}
 {{- if .HasStatusMessage}}
 Message:              \t{{.StatusMessage}}
 {{- end}}
 Availability:         \t{{.SpecAvailability}}
 {{- if .Status.Addr}}
 Address:\t\t{{.StatusAddr}}
 {{- end}}
{{- if .HasManagerStatus}}
Manager Status:
 Address:\t\t{{.ManagerStatusAddr}}
 Raft Status:\t\t{{.ManagerStatusReachability}}
 {{- if .IsManagerStatusLeader}}
 Leader:\t\tYes
 {{- else}}
 Leader:\t\tNo
 {{- end}}
{{- end}}
Platform:
 Operating System:\t{{.PlatformOS}}
 Architecture:\t\t{{.PlatformArchitecture}}
Resources:
 CPUs:\t\t\t{{.ResourceNanoCPUs}}
 Memory:\t\t{{.ResourceMemory}}
{{- if .HasEnginePlugins}}
Plugins:
{{- range $k, $v := .EnginePlugins }}
 {{ $k }}:{{if $v }}\t\t{{ $v }}{{ end }}
{{- end }}
{{- end }}
Engine Version:\t\t{{.EngineVersion}}
{{- if .EngineLabels}}
Engine Labels:
{{- range $k, $v := .EngineLabels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{- end }}
{{- if .HasTLSInfo}}
TLS Info:
 TrustRoot:
{{.TLSInfoTrustRoot}}
 Issuer Subject:\t{{.TLSInfoCertIssuerSubject}}
 Issuer Public Key:\t{{.TLSInfoCertIssuerPublicKey}}
{{- end}}"""


def pretty_print(value) -> str:
    """docker's formatter.PrettyPrint: the first letter upper-cased and the rest lower-cased (a text of
    one letter is lower-cased)."""
    text = "None" if value is None else str(value)
    if len(text) <= 1:
        return text.lower()
    return text[:1].upper() + text[1:].lower()


def ago(stamp: str | None, now: float | None = None) -> str:
    """`units.HumanDuration(time.Now().UTC().Sub(t)) + " ago"` for a daemon timestamp."""
    from ..opts.timestamps import rfc3339_ns
    from .humanize import human_duration

    try:
        then = rfc3339_ns(stamp or "") / 1e9
    except ValueError:
        then = -62135596800.0  # Go's zero time
    return human_duration((time.time() if now is None else now) - then) + " ago"


# -- secrets and configs ------------------------------------------------------------------------------------
class ConfigView(RowView):
    """One `config ls` row (docker's configContext); `SecretView` adds the driver."""

    go_type = "*config.configContext"
    json_fields = ("CreatedAt", "ID", "Labels", "Name", "UpdatedAt")
    headers = {"ID": "ID", "Name": "NAME", "CreatedAt": "CREATED", "UpdatedAt": "UPDATED", "Labels": "LABELS"}

    def __init__(self, s: dict, now: float | None = None):
        self.s = s
        self.spec = s.get("Spec") or {}
        self.now = now

    def ID(self) -> str:  # noqa: N802 (the template field names are Go's)
        return self.s.get("ID", "")

    def Name(self) -> str:  # noqa: N802
        return self.spec.get("Name", "")

    def CreatedAt(self) -> str:  # noqa: N802
        return ago(self.s.get("CreatedAt"), self.now)

    def UpdatedAt(self) -> str:  # noqa: N802
        return ago(self.s.get("UpdatedAt"), self.now)

    def Labels(self) -> str:  # noqa: N802
        return joined_labels(self.spec.get("Labels"))

    def Label(self, name: str) -> str:  # noqa: N802
        return (self.spec.get("Labels") or {}).get(name, "")


class SecretView(ConfigView):
    go_type = "*secret.secretContext"
    json_fields = ("CreatedAt", "Driver", "ID", "Labels", "Name", "UpdatedAt")
    headers = {**ConfigView.headers, "Driver": "DRIVER"}

    def Driver(self) -> str:  # noqa: N802
        return (self.spec.get("Driver") or {}).get("Name", "")


class _Inspected:
    """The object's own fields for templates that reach them (`.Status.Addr`), under docker's
    inspect-context methods, which win over the struct's fields of the same name."""

    def __init__(self, obj: dict):
        self._obj = obj

    def get(self, key, default=None):
        return self._obj.get(key, default)

    def __getattr__(self, name):
        if not name.startswith("_") and name in self._obj:
            return self._obj[name]
        raise AttributeError(name)


class SecretPretty:
    go_type = "*secret.secretInspectContext"

    def __init__(self, s: dict):
        self.s = s
        self.spec = s.get("Spec") or {}

    def ID(self) -> str:  # noqa: N802
        return self.s.get("ID", "")

    def Name(self) -> str:  # noqa: N802
        return self.spec.get("Name", "")

    def Labels(self) -> dict:  # noqa: N802
        return self.spec.get("Labels") or {}

    def Driver(self) -> str:  # noqa: N802
        return (self.spec.get("Driver") or {}).get("Name", "")

    def CreatedAt(self) -> str:  # noqa: N802
        return pretty_print(go_time_text(self.s.get("CreatedAt")))

    def UpdatedAt(self) -> str:  # noqa: N802
        return pretty_print(go_time_text(self.s.get("UpdatedAt")))


class ConfigPretty(SecretPretty):
    go_type = "*config.configInspectContext"

    def Data(self) -> str:  # noqa: N802
        data = self.spec.get("Data")
        if not data:
            return ""
        return base64.b64decode(data).decode("utf-8", errors="replace")


# -- nodes --------------------------------------------------------------------------------------------------
class NodeView(RowView):
    """One `node ls` row (docker's nodeContext). `self_id` is the daemon's own node ID (from /info)."""

    go_type = "*node.nodeContext"
    json_fields = ("Availability", "EngineVersion", "Hostname", "ID", "ManagerStatus", "Self", "Status",
                   "TLSStatus")
    headers = {"ID": "ID", "Self": "", "Hostname": "HOSTNAME", "Status": "STATUS", "Availability": "AVAILABILITY",
               "ManagerStatus": "MANAGER STATUS", "EngineVersion": "ENGINE VERSION", "TLSStatus": "TLS STATUS"}

    def __init__(self, n: dict, info: dict | None = None):
        self.n = n
        self.info = info or {}

    def ID(self) -> str:  # noqa: N802
        return self.n.get("ID", "")

    def Self(self) -> bool:  # noqa: N802
        return self.n.get("ID", "") == ((self.info.get("Swarm") or {}).get("NodeID") or "")

    def Hostname(self) -> str:  # noqa: N802
        return (self.n.get("Description") or {}).get("Hostname", "")

    def Status(self) -> str:  # noqa: N802
        return pretty_print((self.n.get("Status") or {}).get("State", ""))

    def Availability(self) -> str:  # noqa: N802
        return pretty_print((self.n.get("Spec") or {}).get("Availability", ""))

    def ManagerStatus(self) -> str:  # noqa: N802
        ms = self.n.get("ManagerStatus")
        reach = ""
        if ms is not None:
            reach = "Leader" if ms.get("Leader") else ms.get("Reachability", "")
        return pretty_print(reach)

    def TLSStatus(self) -> str:  # noqa: N802
        cluster = (self.info.get("Swarm") or {}).get("Cluster")
        mine = _tls_info((self.n.get("Description") or {}).get("TLSInfo"))
        theirs = _tls_info((cluster or {}).get("TLSInfo"))
        if cluster is None or not any(theirs) or not any(mine):
            return "Unknown"
        return "Ready" if mine == theirs else "Needs Rotation"

    def EngineVersion(self) -> str:  # noqa: N802
        return ((self.n.get("Description") or {}).get("Engine") or {}).get("EngineVersion", "")


def _tls_info(t: dict | None) -> tuple:
    t = t or {}
    return (t.get("TrustRoot") or "", t.get("CertIssuerSubject") or "", t.get("CertIssuerPublicKey") or "")


class NodePretty(_Inspected):
    """docker's nodeInspectContext: the node (so `.Status.Addr` reaches its field) and the pretty methods."""

    go_type = "*node.nodeInspectContext"

    @property
    def _spec(self) -> dict:
        return self.get("Spec") or {}

    @property
    def _desc(self) -> dict:
        return self.get("Description") or {}

    @property
    def _status(self) -> dict:
        return self.get("Status") or {}

    def ID(self) -> str:  # noqa: N802
        return self.get("ID", "")

    def Name(self) -> str:  # noqa: N802
        return self._spec.get("Name", "")

    def Labels(self) -> dict:  # noqa: N802
        return self._spec.get("Labels") or {}

    def Hostname(self) -> str:  # noqa: N802
        return self._desc.get("Hostname", "")

    def CreatedAt(self) -> str:  # noqa: N802
        return pretty_print(go_time_text(self.get("CreatedAt")))

    def StatusState(self) -> str:  # noqa: N802
        return pretty_print(self._status.get("State", ""))

    def HasStatusMessage(self) -> bool:  # noqa: N802
        return bool(self._status.get("Message"))

    def StatusMessage(self) -> str:  # noqa: N802
        return pretty_print(self._status.get("Message", ""))

    def SpecAvailability(self) -> str:  # noqa: N802
        return pretty_print(self._spec.get("Availability", ""))

    def StatusAddr(self) -> str:  # noqa: N802
        return self._status.get("Addr", "")

    def HasManagerStatus(self) -> bool:  # noqa: N802
        return self.get("ManagerStatus") is not None

    def ManagerStatusAddr(self) -> str:  # noqa: N802
        return (self.get("ManagerStatus") or {}).get("Addr", "")

    def ManagerStatusReachability(self) -> str:  # noqa: N802
        return pretty_print((self.get("ManagerStatus") or {}).get("Reachability", ""))

    def IsManagerStatusLeader(self) -> bool:  # noqa: N802
        return bool((self.get("ManagerStatus") or {}).get("Leader"))

    def PlatformOS(self) -> str:  # noqa: N802
        return (self._desc.get("Platform") or {}).get("OS", "")

    def PlatformArchitecture(self) -> str:  # noqa: N802
        return (self._desc.get("Platform") or {}).get("Architecture", "")

    def ResourceNanoCPUs(self) -> int:  # noqa: N802
        return int((self._desc.get("Resources") or {}).get("NanoCPUs") or 0) // 1_000_000_000

    def ResourceMemory(self) -> str:  # noqa: N802
        from .humanize import bytes_size

        memory = (self._desc.get("Resources") or {}).get("MemoryBytes") or 0
        return bytes_size(memory) if memory else ""

    def HasEnginePlugins(self) -> bool:  # noqa: N802
        return bool((self._desc.get("Engine") or {}).get("Plugins"))

    def EnginePlugins(self) -> dict:  # noqa: N802
        by_type: dict[str, list[str]] = {}
        for p in (self._desc.get("Engine") or {}).get("Plugins") or []:
            by_type.setdefault(p.get("Type", ""), []).append(p.get("Name", ""))
        return {k: ", ".join(v) for k, v in by_type.items()}

    def EngineLabels(self) -> dict:  # noqa: N802
        return (self._desc.get("Engine") or {}).get("Labels") or {}

    def EngineVersion(self) -> str:  # noqa: N802
        return (self._desc.get("Engine") or {}).get("EngineVersion", "")

    def HasTLSInfo(self) -> bool:  # noqa: N802
        return any(_tls_info(self._desc.get("TLSInfo")))

    def TLSInfoTrustRoot(self) -> str:  # noqa: N802
        return (self._desc.get("TLSInfo") or {}).get("TrustRoot", "")

    def TLSInfoCertIssuerPublicKey(self) -> str:  # noqa: N802 (the daemon sends []byte as base64 already)
        return (self._desc.get("TLSInfo") or {}).get("CertIssuerPublicKey") or ""

    def TLSInfoCertIssuerSubject(self) -> str:  # noqa: N802
        return (self._desc.get("TLSInfo") or {}).get("CertIssuerSubject") or ""
