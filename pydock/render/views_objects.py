"""Row views for `network ls`, `volume ls` and `context ls`, with docker's field methods.

As in `views.py`: the default table, custom templates and `--format json` all read these methods,
named as Go's (`.ID`, `.Driver`, ...), which docker's formatter contexts expose to templates.
"""

from __future__ import annotations

import re

from .views import RowView, ellipsis, truncate_id

_RFC3339 = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$")


def go_time_text(stamp: str | None) -> str:
    """Go's time.Time.String() of an RFC 3339 timestamp from the daemon: `2026-11-28 02:36:50.52 +0000 UTC`.
    A missing or unreadable stamp is Go's zero time, as a failed decode would leave it."""
    m = _RFC3339.match(stamp or "")
    if not m:
        return "0001-01-01 00:00:00 +0000 UTC"
    date, clock, fraction, zone = m.groups()
    fraction = (fraction or "")[:9].rstrip("0")
    text = f"{date} {clock}" + (f".{fraction}" if fraction else "")
    if not zone or zone == "Z" or zone[1:] == "00:00":
        return text + " +0000 UTC"
    offset = zone.replace(":", "")
    return f"{text} {offset} {offset}"


def joined_labels(labels: dict | None) -> str:
    """docker joins `k=v` in Go map order (random); we sort, so the output is at least stable."""
    return ",".join(f"{k}={v}" for k, v in sorted((labels or {}).items()))


def _go_bool(value) -> str:
    return "true" if value else "false"


class NetworkView(RowView):
    go_type = "*network.networkContext"
    json_fields = ("CreatedAt", "Driver", "ID", "IPv4", "IPv6", "Internal", "Labels", "Name", "Scope")
    headers = {"ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv4": "IPV4",
               "IPv6": "IPV6", "Internal": "INTERNAL", "Labels": "LABELS", "CreatedAt": "CREATED AT"}

    def __init__(self, n: dict, trunc: bool = True):
        self.n = n
        self.trunc = trunc

    def ID(self) -> str:  # noqa: N802 (the template field names are Go's)
        nid = self.n.get("Id", "")
        return truncate_id(nid) if self.trunc else nid

    def Name(self) -> str:  # noqa: N802
        return self.n.get("Name", "")

    def Driver(self) -> str:  # noqa: N802
        return self.n.get("Driver", "")

    def Scope(self) -> str:  # noqa: N802
        return self.n.get("Scope", "")

    def IPv4(self) -> str:  # noqa: N802 (engines before API 1.47 do not send EnableIPv4: docker prints false)
        return _go_bool(self.n.get("EnableIPv4"))

    def IPv6(self) -> str:  # noqa: N802
        return _go_bool(self.n.get("EnableIPv6"))

    def Internal(self) -> str:  # noqa: N802
        return _go_bool(self.n.get("Internal"))

    def Labels(self) -> str:  # noqa: N802
        return joined_labels(self.n.get("Labels"))

    def Label(self, name: str) -> str:  # noqa: N802
        return (self.n.get("Labels") or {}).get(name, "")

    def CreatedAt(self) -> str:  # noqa: N802
        return go_time_text(self.n.get("Created"))


class VolumeView(RowView):
    go_type = "*formatter.volumeContext"
    json_fields = ("Availability", "Driver", "Group", "Labels", "Links", "Mountpoint", "Name", "Scope", "Size",
                   "Status")
    headers = {"ID": "ID", "Name": "VOLUME NAME", "Group": "GROUP", "Driver": "DRIVER", "Scope": "SCOPE",
               "Availability": "AVAILABILITY", "Mountpoint": "MOUNTPOINT", "Labels": "LABELS", "Links": "LINKS",
               "Size": "SIZE", "Status": "STATUS"}

    def __init__(self, v: dict):
        self.v = v

    def Name(self) -> str:  # noqa: N802
        return self.v.get("Name", "")

    def Driver(self) -> str:  # noqa: N802
        return self.v.get("Driver", "")

    def Scope(self) -> str:  # noqa: N802
        return self.v.get("Scope", "")

    def Mountpoint(self) -> str:  # noqa: N802
        return self.v.get("Mountpoint", "")

    def Labels(self) -> str:  # noqa: N802
        return joined_labels(self.v.get("Labels"))

    def Label(self, name: str) -> str:  # noqa: N802
        return (self.v.get("Labels") or {}).get(name, "")

    def Links(self) -> str:  # noqa: N802
        usage = self.v.get("UsageData")
        return "N/A" if usage is None else str(usage.get("RefCount", 0))

    def Size(self) -> str:  # noqa: N802
        from .humanize import human_size

        usage = self.v.get("UsageData")
        return "N/A" if usage is None else human_size(usage.get("Size", 0))

    def Group(self) -> str:  # noqa: N802
        cluster = self.v.get("ClusterVolume")
        return "N/A" if cluster is None else (cluster.get("Spec") or {}).get("Group", "")

    def Availability(self) -> str:  # noqa: N802
        cluster = self.v.get("ClusterVolume")
        return "N/A" if cluster is None else (cluster.get("Spec") or {}).get("Availability", "")

    def Status(self) -> str:  # noqa: N802
        cluster = self.v.get("ClusterVolume")
        if cluster is None:
            return "N/A"
        if not (cluster.get("Info") or {}).get("VolumeID"):
            return "pending creation"
        nodes = len(cluster.get("PublishStatus") or [])
        return {0: "created", 1: "in use (1 node)"}.get(nodes, f"in use ({nodes} nodes)")


class ContextView(RowView):
    """One `context ls` row: docker's ClientContext; `.Current` is a bool, `.Error` is cut to 45 columns."""

    go_type = "*formatter.clientContextContext"
    json_fields = ("Current", "Description", "DockerEndpoint", "Error", "Name")
    headers = {"Name": "NAME", "Description": "DESCRIPTION", "DockerEndpoint": "DOCKER ENDPOINT", "Error": "ERROR"}

    def __init__(self, name: str, *, current: bool = False, description: str = "", endpoint: str = "",
                 error: str = ""):
        self._name, self._current, self._description = name, current, description
        self._endpoint, self._error = endpoint, error

    def Current(self) -> bool:  # noqa: N802
        return self._current

    def Name(self) -> str:  # noqa: N802
        return self._name

    def Description(self) -> str:  # noqa: N802
        return self._description

    def DockerEndpoint(self) -> str:  # noqa: N802
        return self._endpoint

    def Error(self) -> str:  # noqa: N802
        return ellipsis(self._error, 45)
