"""docker's stats arithmetic (cli/command/container/stats_helpers.go), on decoded payloads. Pure.

`entry(payload)` turns one `GET /containers/ID/stats` object into a StatsEntry with the numbers
docker shows: CPU % from cpu_stats/precpu_stats, memory without the inactive file cache, network
summed over interfaces, block I/O from io_service_bytes_recursive, PIDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StatsEntry:
    """docker's StatsEntry: what one row shows. `invalid` rows print `--`."""

    container: str = ""
    name: str = ""
    id: str = ""
    cpu_percentage: float = 0.0
    memory: float = 0.0
    memory_limit: float = 0.0
    memory_percentage: float = 0.0
    network_rx: float = 0.0
    network_tx: float = 0.0
    block_read: float = 0.0
    block_write: float = 0.0
    pids_current: int = 0
    invalid: bool = False
    labels: dict = field(default_factory=dict)


def _num(value) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def cpu_percent(pre: dict | None, cur: dict | None) -> float:
    """calculateCPUPercentUnix: Δcontainer / Δsystem × online CPUs × 100; 0 unless both deltas are > 0.
    online_cpus 0 (older kernels, some cgroup v1 hosts) falls back to the length of percpu_usage."""
    pre, cur = pre or {}, cur or {}
    cpu_delta = _num((cur.get("cpu_usage") or {}).get("total_usage")) - _num((pre.get("cpu_usage") or {}).get("total_usage"))
    system_delta = _num(cur.get("system_cpu_usage")) - _num(pre.get("system_cpu_usage"))
    online = _num(cur.get("online_cpus"))
    if online == 0.0:
        online = float(len((cur.get("cpu_usage") or {}).get("percpu_usage") or []))
    if system_delta > 0.0 and cpu_delta > 0.0:
        return cpu_delta / system_delta * online * 100.0
    return 0.0


def mem_usage_no_cache(mem: dict | None) -> float:
    """calculateMemUsageUnixNoCache: usage − total_inactive_file (cgroup v1, when the key exists and is
    smaller), else usage − inactive_file (cgroup v2; a missing key counts as 0), else usage."""
    mem = mem or {}
    usage = int(_num(mem.get("usage")))
    stats = mem.get("stats") or {}
    if "total_inactive_file" in stats and int(_num(stats["total_inactive_file"])) < usage:
        return float(usage - int(_num(stats["total_inactive_file"])))
    inactive = int(_num(stats.get("inactive_file")))
    if inactive < usage:
        return float(usage - inactive)
    return float(usage)


def mem_percent(limit: float, used: float) -> float:
    return used / limit * 100.0 if limit != 0 else 0.0


def network(networks: dict | None) -> tuple[float, float]:
    rx = tx = 0.0
    for v in (networks or {}).values():
        rx += _num((v or {}).get("rx_bytes"))
        tx += _num((v or {}).get("tx_bytes"))
    return rx, tx


def block_io(blkio: dict | None) -> tuple[float, float]:
    """calculateBlockIO: io_service_bytes_recursive summed by op's first letter (r/R read, w/W write)."""
    read = write = 0
    for e in (blkio or {}).get("io_service_bytes_recursive") or []:
        op = str((e or {}).get("op") or "")
        if not op:
            continue
        if op[0] in "rR":
            read += int(_num(e.get("value")))
        elif op[0] in "wW":
            write += int(_num(e.get("value")))
    return float(read), float(write)


def entry(payload: dict, container: str = "") -> StatsEntry:
    """One payload as docker's collect() turns it into a row (Linux daemons)."""
    mem = payload.get("memory_stats") or {}
    used = mem_usage_no_cache(mem)
    limit = _num(mem.get("limit"))
    rx, tx = network(payload.get("networks"))
    read, write = block_io(payload.get("blkio_stats"))
    return StatsEntry(
        container=container,
        name=str(payload.get("name") or ""),
        id=str(payload.get("id") or payload.get("Id") or ""),  # Podman: `Id` (Go's decoding ignores the case)
        cpu_percentage=cpu_percent(payload.get("precpu_stats"), payload.get("cpu_stats")),
        memory=used,
        memory_limit=limit,
        memory_percentage=mem_percent(limit, used),
        network_rx=rx,
        network_tx=tx,
        block_read=read,
        block_write=write,
        pids_current=int(_num((payload.get("pids_stats") or {}).get("current"))),
    )
