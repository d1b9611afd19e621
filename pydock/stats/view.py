"""StatsView: one row of `stats`, with the fields docker's stats context offers to templates. Pure.

`.Container .Name .ID .CPUPerc .MemUsage .MemPerc .NetIO .BlockIO .PIDs`, formatted as docker does:
percentages `%.2f%%`, memory in binary units (`units.BytesSize`), I/O in decimal units with three
significant digits (`units.HumanSizeWithPrecision(x, 3)`); an invalid row shows `--`.
"""

from __future__ import annotations

from ..render.humanize import bytes_size, human_size
from ..render.views import RowView, truncate_id
from .calc import StatsEntry

DEFAULT_FORMAT = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}"
NO_VALUE = "--"


def percentage(value: float) -> str:
    return f"{value:.2f}%"


class StatsView(RowView):
    go_type = "*container.statsContext"
    json_fields = ("BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage", "Name", "NetIO", "PIDs")
    headers = {"Container": "CONTAINER", "Name": "NAME", "ID": "CONTAINER ID", "CPUPerc": "CPU %",
               "MemUsage": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET I/O", "BlockIO": "BLOCK I/O",
               "PIDs": "PIDS"}

    def __init__(self, s: StatsEntry, trunc: bool = True):
        self.s = s
        self.trunc = trunc

    def Container(self) -> str:  # noqa: N802 (Go names)
        return self.s.container

    def Name(self) -> str:  # noqa: N802
        return self.s.name.removeprefix("/") or NO_VALUE

    def ID(self) -> str:  # noqa: N802
        return truncate_id(self.s.id) if self.trunc else self.s.id

    def CPUPerc(self) -> str:  # noqa: N802
        return NO_VALUE if self.s.invalid else percentage(self.s.cpu_percentage)

    def MemUsage(self) -> str:  # noqa: N802
        if self.s.invalid:
            return "-- / --"
        return f"{bytes_size(self.s.memory)} / {bytes_size(self.s.memory_limit)}"

    def MemPerc(self) -> str:  # noqa: N802
        return NO_VALUE if self.s.invalid else percentage(self.s.memory_percentage)

    def NetIO(self) -> str:  # noqa: N802
        if self.s.invalid:
            return NO_VALUE
        return f"{human_size(self.s.network_rx, 3)} / {human_size(self.s.network_tx, 3)}"

    def BlockIO(self) -> str:  # noqa: N802
        if self.s.invalid:
            return NO_VALUE
        return f"{human_size(self.s.block_read, 3)} / {human_size(self.s.block_write, 3)}"

    def PIDs(self) -> str:  # noqa: N802
        return NO_VALUE if self.s.invalid else str(self.s.pids_current)


EMPTY = StatsView(StatsEntry())
