"""`plugin ls` rows, with the fields of docker's pluginContext (cli/command/plugin/formatter.go)."""

from __future__ import annotations

from .views import RowView, ellipsis, truncate_id


class PluginView(RowView):
    """One plugin from GET /plugins. `Enabled` is a bool (templates print true/false, JSON a boolean)."""

    go_type = "*plugin.pluginContext"
    json_fields = ("Description", "Enabled", "ID", "Name", "PluginReference")
    headers = {"ID": "ID", "Name": "NAME", "Description": "DESCRIPTION", "Enabled": "ENABLED",
               "PluginReference": "IMAGE"}

    def __init__(self, p: dict, trunc: bool = True):
        self.p = p
        self.trunc = trunc

    def ID(self) -> str:  # noqa: N802 (the template field names are Go's)
        pid = str(self.p.get("Id") or "")
        return truncate_id(pid) if self.trunc else pid

    def Name(self) -> str:  # noqa: N802
        return str(self.p.get("Name") or "")

    def Description(self) -> str:  # noqa: N802
        desc = str((self.p.get("Config") or {}).get("Description") or "").replace("\n", "").replace("\r", "")
        return ellipsis(desc, 45) if self.trunc else desc

    def Enabled(self) -> bool:  # noqa: N802
        return bool(self.p.get("Enabled"))

    def PluginReference(self) -> str:  # noqa: N802
        return str(self.p.get("PluginReference") or "")
