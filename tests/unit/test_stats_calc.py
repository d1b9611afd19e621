"""docker's stats arithmetic (pydock.stats.calc / pydock.stats.view) on recorded and documented payloads.

CGROUP_V1 was recorded from this machine's engine (dockerd 20.10, cgroup v1): a busy-looping container
with a 64 MiB limit, `GET /containers/ID/stats?stream=false`. CGROUP_V2 is written from the documented
layout of a cgroup v2 payload (moby's api/types/container/stats.go and docs/api: `memory_stats.stats`
holds the cgroup v2 memory.stat keys such as `inactive_file`, `file`, `anon`; no `total_*` keys; `percpu_usage`
absent; `online_cpus` set; `io_service_bytes_recursive` with lowercase ops `read`/`write`).
Expected values are computed by hand from docker's formulas (stats_helpers.go), not from pydock's output.
"""

from __future__ import annotations

import copy
import json

import pytest

from pydock.stats.calc import block_io, cpu_percent, entry, mem_percent, mem_usage_no_cache, network
from pydock.stats.view import StatsView

CGROUP_V1 = json.loads(r'''
{
 "read": "2026-11-28T04:38:27.281247043Z",
 "preread": "2026-11-28T04:38:26.273595482Z",
 "pids_stats": {
  "current": 1
 },
 "blkio_stats": {
  "io_service_bytes_recursive": [],
  "io_serviced_recursive": [],
  "io_queue_recursive": [],
  "io_service_time_recursive": [],
  "io_wait_time_recursive": [],
  "io_merged_recursive": [],
  "io_time_recursive": [],
  "sectors_recursive": []
 },
 "num_procs": 0,
 "storage_stats": {},
 "cpu_stats": {
  "cpu_usage": {
   "total_usage": 2686237359,
   "percpu_usage": [
    729907310,
    1956330049
   ],
   "usage_in_kernelmode": 70000000,
   "usage_in_usermode": 2610000000
  },
  "system_cpu_usage": 22295550000000,
  "online_cpus": 2,
  "throttling_data": {
   "periods": 0,
   "throttled_periods": 0,
   "throttled_time": 0
  }
 },
 "precpu_stats": {
  "cpu_usage": {
   "total_usage": 1845300240,
   "percpu_usage": [
    61909394,
    1783390846
   ],
   "usage_in_kernelmode": 70000000,
   "usage_in_usermode": 1770000000
  },
  "system_cpu_usage": 22293570000000,
  "online_cpus": 2,
  "throttling_data": {
   "periods": 0,
   "throttled_periods": 0,
   "throttled_time": 0
  }
 },
 "memory_stats": {
  "usage": 2428928,
  "max_usage": 3829760,
  "stats": {
   "active_anon": 4096,
   "active_file": 4096,
   "cache": 2052096,
   "dirty": 0,
   "hierarchical_memory_limit": 67108864,
   "hierarchical_memsw_limit": 134217728,
   "inactive_anon": 53248,
   "inactive_file": 2048000,
   "mapped_file": 0,
   "pgfault": 1108,
   "pgmajfault": 1,
   "pgpgin": 1282,
   "pgpgout": 767,
   "rss": 57344,
   "rss_huge": 0,
   "total_active_anon": 4096,
   "total_active_file": 4096,
   "total_cache": 2052096,
   "total_dirty": 0,
   "total_inactive_anon": 53248,
   "total_inactive_file": 2048000,
   "total_mapped_file": 0,
   "total_pgfault": 1108,
   "total_pgmajfault": 1,
   "total_pgpgin": 1282,
   "total_pgpgout": 767,
   "total_rss": 57344,
   "total_rss_huge": 0,
   "total_unevictable": 0,
   "total_writeback": 0,
   "unevictable": 0,
   "writeback": 0
  },
  "limit": 67108864
 },
 "name": "/pdd-busy",
 "id": "c7f788cead42879c6807f4bcb0395bc7158b55c87658ccc6882335b8655a1b5b",
 "networks": {
  "eth0": {
   "rx_bytes": 1086,
   "rx_packets": 9,
   "rx_errors": 0,
   "rx_dropped": 0,
   "tx_bytes": 0,
   "tx_packets": 0,
   "tx_errors": 0,
   "tx_dropped": 0
  }
 }
}
''')

CGROUP_V2 = {
    "read": "2025-06-01T10:00:02.000000000Z",
    "preread": "2025-06-01T10:00:01.000000000Z",
    "pids_stats": {"current": 7, "limit": 4915},
    "blkio_stats": {
        "io_service_bytes_recursive": [
            {"major": 259, "minor": 0, "op": "read", "value": 12582912},
            {"major": 259, "minor": 0, "op": "write", "value": 4096000},
            {"major": 259, "minor": 1, "op": "read", "value": 1048576},
        ],
        "io_serviced_recursive": None, "io_queue_recursive": None, "io_service_time_recursive": None,
        "io_wait_time_recursive": None, "io_merged_recursive": None, "io_time_recursive": None,
        "sectors_recursive": None,
    },
    "num_procs": 0,
    "storage_stats": {},
    "cpu_stats": {
        "cpu_usage": {"total_usage": 5250000000, "usage_in_kernelmode": 1250000000, "usage_in_usermode": 4000000000},
        "system_cpu_usage": 900004000000000, "online_cpus": 4,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    },
    "precpu_stats": {
        "cpu_usage": {"total_usage": 4750000000, "usage_in_kernelmode": 1150000000, "usage_in_usermode": 3600000000},
        "system_cpu_usage": 900000000000000, "online_cpus": 4,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    },
    "memory_stats": {
        "usage": 157286400,
        "stats": {"active_anon": 52428800, "active_file": 20971520, "anon": 83886080, "file": 62914560,
                  "inactive_anon": 31457280, "inactive_file": 41943040, "kernel_stack": 114688, "pgfault": 10230,
                  "shmem": 0, "slab": 1048576, "sock": 0, "unevictable": 0},
        "limit": 536870912,
    },
    "name": "/web-1",
    "id": "4f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
    "networks": {
        "eth0": {"rx_bytes": 1500000, "rx_packets": 1000, "rx_errors": 0, "rx_dropped": 0,
                 "tx_bytes": 250000, "tx_packets": 900, "tx_errors": 0, "tx_dropped": 0},
        "eth1": {"rx_bytes": 2340, "rx_packets": 20, "rx_errors": 0, "rx_dropped": 0,
                 "tx_bytes": 999, "tx_packets": 10, "tx_errors": 0, "tx_dropped": 0},
    },
}


def row(payload, container="c"):
    return StatsView(entry(payload, container))


# -- cgroup v1 (recorded) -----------------------------------------------------------------------------

def test_v1_cpu_percent_is_delta_over_system_delta_times_online_cpus():
    # (2686237359 - 1845300240) / (22295550000000 - 22293570000000) * 2 * 100 = 84.9431...
    assert cpu_percent(CGROUP_V1["precpu_stats"], CGROUP_V1["cpu_stats"]) == pytest.approx(84.94314333, rel=1e-9)
    assert row(CGROUP_V1).CPUPerc() == "84.94%"


def test_v1_memory_excludes_total_inactive_file():
    # usage 2428928 - total_inactive_file 2048000 = 380928 B = 372 KiB; limit 64 MiB
    assert mem_usage_no_cache(CGROUP_V1["memory_stats"]) == 380928.0
    v = row(CGROUP_V1)
    assert v.MemUsage() == "372KiB / 64MiB"
    assert v.MemPerc() == "0.57%"  # 380928 / 67108864 = 0.5676 %


def test_v1_network_block_pids_name_id():
    v = row(CGROUP_V1)
    assert v.NetIO() == "1.09kB / 0B"
    assert v.BlockIO() == "0B / 0B"
    assert v.PIDs() == "1"
    assert v.Name() == "pdd-busy"
    assert v.ID() == "c7f788cead42"
    assert StatsView(entry(CGROUP_V1), trunc=False).ID() == CGROUP_V1["id"]


def test_v1_online_cpus_zero_falls_back_to_percpu_length():
    p = copy.deepcopy(CGROUP_V1)
    p["cpu_stats"]["online_cpus"] = 0
    assert cpu_percent(p["precpu_stats"], p["cpu_stats"]) == pytest.approx(84.94314333, rel=1e-9)
    p["cpu_stats"]["cpu_usage"]["percpu_usage"] = [1, 2, 3, 4]
    assert cpu_percent(p["precpu_stats"], p["cpu_stats"]) == pytest.approx(2 * 84.94314333, rel=1e-9)


def test_v1_total_inactive_file_not_below_usage_falls_through_to_inactive_file():
    mem = {"usage": 1000, "stats": {"total_inactive_file": 1000, "inactive_file": 100}}
    assert mem_usage_no_cache(mem) == 900.0
    mem = {"usage": 1000, "stats": {"total_inactive_file": 5000, "inactive_file": 5000}}
    assert mem_usage_no_cache(mem) == 1000.0


def test_v1_blkio_ops_in_upper_case_and_other_ops():
    blkio = {"io_service_bytes_recursive": [
        {"major": 8, "minor": 0, "op": "Read", "value": 4096}, {"major": 8, "minor": 0, "op": "Write", "value": 8192},
        {"major": 8, "minor": 0, "op": "Sync", "value": 12288}, {"major": 8, "minor": 0, "op": "Async", "value": 1},
        {"major": 8, "minor": 0, "op": "Total", "value": 12289}, {"major": 8, "minor": 0, "op": "", "value": 7},
        {"major": 8, "minor": 16, "op": "Read", "value": 1000000}]}
    assert block_io(blkio) == (1004096.0, 8192.0)
    p = copy.deepcopy(CGROUP_V1)
    p["blkio_stats"] = blkio
    assert row(p).BlockIO() == "1MB / 8.19kB"


# -- cgroup v2 (documented layout) -----------------------------------------------------------------------

def test_v2_cpu_uses_online_cpus_without_percpu():
    # (5.25e9 - 4.75e9) / 4e9 * 4 * 100 = 50 %
    assert cpu_percent(CGROUP_V2["precpu_stats"], CGROUP_V2["cpu_stats"]) == pytest.approx(50.0)
    assert row(CGROUP_V2).CPUPerc() == "50.00%"


def test_v2_memory_excludes_inactive_file():
    # 150 MiB - 40 MiB = 110 MiB of 512 MiB = 21.484375 %
    assert mem_usage_no_cache(CGROUP_V2["memory_stats"]) == 115343360.0
    v = row(CGROUP_V2)
    assert v.MemUsage() == "110MiB / 512MiB"
    assert v.MemPerc() == "21.48%"


def test_v2_network_summed_over_interfaces_and_block_io_by_op():
    assert network(CGROUP_V2["networks"]) == (1502340.0, 250999.0)
    assert block_io(CGROUP_V2["blkio_stats"]) == (13631488.0, 4096000.0)
    v = row(CGROUP_V2)
    assert v.NetIO() == "1.5MB / 251kB"
    assert v.BlockIO() == "13.6MB / 4.1MB"
    assert v.PIDs() == "7"
    assert v.Name() == "web-1"


def test_v2_missing_inactive_file_means_whole_usage():
    assert mem_usage_no_cache({"usage": 4096, "stats": {}}) == 4096.0
    assert mem_usage_no_cache({"usage": 4096}) == 4096.0


# -- edges -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pre_total, cur_total, pre_sys, cur_sys, expected", [
    (100, 100, 0, 1000, 0.0),      # no container delta
    (100, 200, 1000, 1000, 0.0),   # no system delta
    (200, 100, 0, 1000, 0.0),      # counter went backwards (restart)
    (0, 250, 0, 1000, 50.0),       # first stream sample: precpu all zero -> lifetime average, as docker
])
def test_cpu_percent_edges(pre_total, cur_total, pre_sys, cur_sys, expected):
    pre = {"cpu_usage": {"total_usage": pre_total}, "system_cpu_usage": pre_sys}
    cur = {"cpu_usage": {"total_usage": cur_total}, "system_cpu_usage": cur_sys, "online_cpus": 2}
    assert cpu_percent(pre, cur) == pytest.approx(expected)


def test_stopped_container_payload_is_all_zero():
    stopped = {"read": "0001-01-01T00:00:00Z", "preread": "0001-01-01T00:00:00Z", "pids_stats": {},
               "blkio_stats": {"io_service_bytes_recursive": None}, "num_procs": 0, "storage_stats": {},
               "cpu_stats": {"cpu_usage": {"total_usage": 0, "usage_in_kernelmode": 0, "usage_in_usermode": 0},
                             "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0}},
               "precpu_stats": {"cpu_usage": {"total_usage": 0}}, "memory_stats": {}, "name": "/stopped",
               "id": "ab" * 32}
    v = row(stopped)
    assert (v.CPUPerc(), v.MemUsage(), v.MemPerc(), v.NetIO(), v.BlockIO(), v.PIDs()) == (
        "0.00%", "0B / 0B", "0.00%", "0B / 0B", "0B / 0B", "0")


def test_mem_percent_zero_limit():
    assert mem_percent(0, 1234) == 0.0
    assert mem_percent(2048, 512) == 25.0


@pytest.mark.parametrize("value, text", [
    (999, "999B"), (1000, "1kB"), (999499, "999kB"), (999500, "1e+03kB"), (1234567, "1.23MB"), (0, "0B"),
])
def test_io_units_are_decimal_with_three_digits(value, text):
    e = entry({"networks": {"eth0": {"rx_bytes": value, "tx_bytes": 0}}})
    assert StatsView(e).NetIO() == f"{text} / 0B"


@pytest.mark.parametrize("value, text", [
    (1023, "1023B"), (1024, "1KiB"), (319488, "312KiB"), (25276510208, "23.54GiB"), (1048575, "1024KiB"),
])
def test_memory_units_are_binary_with_four_digits(value, text):
    e = entry({"memory_stats": {"usage": value, "limit": 0}})
    assert StatsView(e).MemUsage() == f"{text} / 0B"


def test_invalid_row_shows_dashes():
    e = entry(CGROUP_V1, "x")
    e.invalid = True
    v = StatsView(e)
    assert (v.CPUPerc(), v.MemUsage(), v.MemPerc(), v.NetIO(), v.BlockIO(), v.PIDs()) == (
        "--", "-- / --", "--", "--", "--", "--")
    assert v.Name() == "pdd-busy" and v.Container() == "x"
    assert StatsView(entry({})).Name() == "--"
