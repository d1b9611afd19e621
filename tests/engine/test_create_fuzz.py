"""A bounded differential fuzz of the create flags: generated flag sets (mixes of -p, -v, --mount, -e,
--ulimit, --device, --memory, --cpus, --restart, --label, --tmpfs, --health-*, --log-opt, ...; most values
near-valid, some pieces swapped for junk) each run through `docker create` and `pydock create`. Both must
accept or both refuse with the same exit status and stderr; when both accept, the engine's inspect of the
two containers must agree (Config, HostConfig, networks; ids, names and what docker orders randomly
normalised as tests/engine/test_create.py does).

About 150 flag sets, under two minutes on an idle 2-core machine.
Deterministic: the seed is fixed (PYDOCK_FUZZ_SEED overrides it, PYDOCK_FUZZ_CREATE_N the number of
flag sets); a failure prints the seed and every diverging flag set. Every container carries the session
label and is removed; named volumes a generated flag makes the daemon create are removed too.
"""

from __future__ import annotations

import json
import os
import random
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, TEST_IMAGE
from tests.engine.differential import as_pydock
from tests.engine.test_create import _normalized

SEED = int(os.environ.get("PYDOCK_FUZZ_SEED", "20261207"))
COUNT = int(os.environ.get("PYDOCK_FUZZ_CREATE_N", "150"))
VOLUME = f"pdtF-vol-{LABEL.rsplit('=', 1)[1]}"
ENV = {"HOSTVAR": "from-host"}

JUNK = ["", "x", "-1", "0", "99999999999999999999", "é", " ", ":", "=", ",", "1.5", "abc", "/", "1e3", "0x10",
        "-", "..", "\t"]

# Each flag's pool of near-valid values. Left out on purpose:
# - `-v`/`--mount` sources that name volumes other than VOLUME, except through junk (cleaned up below);
# - `--memory` below docker's 6 MB minimum together with a start: create alone is compared;
# - host paths outside /tmp and the repository: the daemon would create them (bind mounts via -v).
POOLS = {
    "-p": ["80", "8080:80", "127.0.0.1:42100:80", "127.0.0.1::81/udp", "[::1]:42101:5000", "42102-42103:90-91",
           "127.0.0.1:42104-42106:7000", "81/TCP", "published=42107,target=443,protocol=udp", "target=444",
           "0.0.0.0:42108:82/sctp", "1.2.3:80:80", "80:80/xyz", "65536:80", "8080:80-81", "80-70", "::1:42109:5001"],
    "--expose": ["80", "6000-6001", "7000/udp", "8000/", "80:80", "90-80", "abc"],
    "-v": ["/tmp:/data", "/tmp:/d:ro", "/tmp:/d:rw,z", "/tmp:/d:ro,shared", "{vol}:/v", "{vol}:/v:nocopy", "/anon",
           "/tmp:/d:bogus", "/tmp::/x", ":/x", "/tmp:relative", "./tests:/t:ro", "/tmp:/dup", "c:/x"],
    "--mount": ["type=bind,src=/tmp,dst=/m", "type=bind,src=/tmp,dst=/m,ro,bind-propagation=rshared",
                "type=volume,src={vol},dst=/v", "type=volume,dst=/anon,volume-nocopy", "type=tmpfs,dst=/t,tmpfs-size=1m",
                "type=tmpfs,dst=/t,tmpfs-mode=1777", "type=tmpfs,target=/t,tmpfs-size=64k,readonly",
                "type=bind,src=/tmp,dst=/m,bind-recursive=disabled", "type=bind,dst=/m", "type=tmpfs,dst=/t,tmpfs-size=x",
                '"type=bind","src=/tmp","dst=/q,u"', "type=volume,dst=/v,volume-opt=type=tmpfs,volume-opt=device=tmpfs",
                "type=bind,src=/tmp,dst=/m,consistency=cached", "type=image,src=" + TEST_IMAGE + ",dst=/img"],
    "-e": ["A=1", "B", "HOSTVAR", "=x", "C=", "A=2", "é=1", "D=a b", "UNSET_FUZZ_VAR"],
    "--label": ["a=b", "bare", " =x", "a b=c", "x=é", "c=d=e"],
    "--ulimit": ["nofile=1024:2048", "nproc=64", "core=-1", "nofile=20:10", "bogus=1", "nofile=-1:5", "nofile",
                 "nofile=1:2:3", "stack=8192", "memlock=-1:-1", "cpu=0x10"],
    "--device": ["/dev/null", "/dev/null:/dev/n:r", "/dev/zero:rw", "/dev/null:rel", "/dev/full:/dev/f:rwm",
                 "/dev/null:/dev/x:bad", ":/x", "/dev/zero:/dev/z:mrw"],
    "--memory": ["64m", "1g", "128M", "1.5g", "lots", "0", "64 MiB", "67108864"],
    "--memory-swap": ["-1", "256m", "x"],
    "--shm-size": ["64m", "1.5 MiB", "0", "-1", "1k"],
    "--cpus": ["0.5", "1.5", "0", "abc", "0.0000000001", "1/2", "-1", ".25"],
    "--cpu-shares": ["512", "0x100", "010", "x", "-1"],
    "--restart": ["no", "always", "on-failure:3", "unless-stopped", "on-failure", "bogus", "always:3", "", ":3",
                  "on-failure:x", "on-failure:-1"],
    "--tmpfs": ["/run:rw,size=1m", "/t", "/t:bogus", "relative", "/t:ro,mode=1777"],
    "--health-cmd": ["true", "exit 0", ""],
    "--health-interval": ["1s", "1m30s", "1", "-1s", "0s", "1d", "100ms", "1.5s"],
    "--health-timeout": ["2.5s", "0", "x", "1h"],
    "--health-retries": ["3", "-1", "x", "0"],
    "--health-start-period": ["100ms", "1s", "-1s"],
    "--log-opt": ["max-size=1m", "max-file=2", "bogus", "max-size=lots", "labels=a", "=x", "mode=non-blocking",
                  "max-file=x"],
    "--stop-timeout": ["7", "0", "x", "-1"],
    "--pids-limit": ["-1", "100", "x", "0"],
    "--blkio-weight": ["300", "5", "70000", "0"],
    "--oom-score-adj": ["-5", "2000", "x"],
    "--device-read-bps": ["/dev/null:1mb", "/dev/null:99999999999999999999", "null:1", "/dev/null:x"],
    "--rm": [None],
    "--read-only": [None],
}
FLAGS = sorted(POOLS)


def _mutate(rng: random.Random, value: str) -> str:
    """Mostly the value itself; one time in five one of its pieces (between : = , / -) is swapped for junk."""
    if rng.random() < 0.8:
        return value
    pieces = re.split(r"([:=,/-])", value)
    pieces[rng.randrange(len(pieces))] = rng.choice(JUNK)
    return "".join(pieces)


def flag_sets(seed: int, count: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        args: list[str] = []
        for flag in rng.sample(FLAGS, rng.randint(1, 4)):
            for _ in range(rng.choice((1, 1, 1, 2))):
                value = rng.choice(POOLS[flag])
                if value is None:
                    args.append(flag)
                else:
                    args += [flag, _mutate(rng, value.format(vol=VOLUME))]
        out.append(args)
    return out


def _volume_names() -> set[str]:
    return set(run_docker("volume", "ls", "-q").stdout.split())


@pytest.fixture(scope="module")
def fuzz_volume():
    r = run_docker("volume", "create", "--label", LABEL, VOLUME)
    assert r.returncode == 0, r
    before = _volume_names()
    made: set[str] = set()
    yield made
    for name in sorted(made - before - {VOLUME}):
        run_docker("volume", "rm", "-f", name)
    run_docker("volume", "rm", "-f", VOLUME)


def _one(args: list[str]) -> tuple[str | None, list[str], set[str]]:
    """(a description of the divergence or None, the ids to remove, the named volumes the containers use)."""
    theirs = run_docker("create", "--label", LABEL, *args, TEST_IMAGE, env=ENV)
    ours = run_pydock("create", "--label", LABEL, *args, TEST_IMAGE, env=ENV)
    ids = [r.stdout.strip() for r in (theirs, ours) if r.returncode == 0 and r.stdout.strip()]
    if (ours.returncode, ours.stderr) != (theirs.returncode, as_pydock(theirs.stderr)):
        return (f"docker: rc={theirs.returncode} {theirs.stderr.strip()[:300]!r}\n"
                f"    pydock: rc={ours.returncode} {ours.stderr.strip()[:300]!r}"), ids, set()
    if theirs.returncode != 0:
        return None, ids, set()
    inspected = json.loads(run_docker("inspect", *ids).stdout)
    volumes = {m["Name"] for info in inspected for m in info.get("Mounts") or () if m.get("Type") == "volume"
               and len(m.get("Name", "")) != 64}
    want, got = (_normalized(info, cid) for info, cid in zip(inspected, ids))
    if want != got:
        diff = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
        for part in ("Config", "HostConfig"):
            if part in diff:
                diff[part] = {k: (want[part].get(k), got[part].get(k)) for k in set(want[part]) | set(got[part])
                              if want[part].get(k) != got[part].get(k)}
        return f"inspect differs (docker, pydock): {json.dumps(diff, ensure_ascii=False)[:600]}", ids, volumes
    return None, ids, volumes


def test_create_flags_fuzz_matches_docker(fuzz_volume, monkeypatch):
    monkeypatch.chdir(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    sets = flag_sets(SEED, COUNT)
    failures = []
    made: list[str] = []
    try:
        with ThreadPoolExecutor(4) as pool:
            for args, (problem, ids, volumes) in zip(sets, pool.map(_one, sets)):
                made += ids
                fuzz_volume.update(volumes)
                if problem:
                    failures.append(f"  {' '.join(map(repr, args))}\n    {problem}")
    finally:
        for start in range(0, len(made), 100):
            run_docker("rm", "-f", "-v", *made[start:start + 100])
    assert not failures, (f"seed {SEED} (PYDOCK_FUZZ_SEED={SEED} PYDOCK_FUZZ_CREATE_N={COUNT} to replay): "
                          f"{len(failures)} of {COUNT} flag sets diverge:\n" + "\n".join(failures))
