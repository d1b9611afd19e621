"""Record what docker compose v2 sends for each tests/compose_fixtures/convert-* fixture into
<fixture>/v2-capture.json, the oracle data of the offline tests (tests/unit/compose/test_convert.py,
test_hashing.py). Run by hand (not collected by pytest), against the engine:

    .venv/bin/python -m tests.engine.compose.record_convert [convert-basic ...]

Fixed project names (`conv-<fixture>`), removed afterwards. The captures hold absolute paths of this
checkout (bind sources, env files, the working dir): re-record after moving the checkout.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.compose_oracle import run_compose
from tests.conftest import run_docker
from tests.engine.compose.test_convert_oracle import FIXTURE_NAMES, FIXTURES, create_with_relay, summaries

LABEL = "pydock.test=record-convert"


def record(fixture: str) -> None:
    cwd = FIXTURES / fixture
    name = "conv-" + fixture.removeprefix("convert-")
    env = {"CONVERT_EXT_NET": "convert-external-net", "CONVERT_EXT_LINK": "convert-extlink",
           "CONVERT_EXT_VOL": "convert-ext-vol"}
    made = [run_docker("network", "create", "--label", LABEL, env["CONVERT_EXT_NET"]),
            run_docker("create", "--label", LABEL, "--name", env["CONVERT_EXT_LINK"], "pydock-test/busybox:latest"),
            run_docker("volume", "create", "--label", LABEL, env["CONVERT_EXT_VOL"])]
    try:
        if not all(r.returncode == 0 for r in made):
            raise SystemExit(f"{fixture}: could not create the external objects: {made}")
        with tempfile.TemporaryDirectory() as tmp:
            relay = create_with_relay(Path(tmp), cwd, name, env, "create")
        config = run_compose("-p", name, "config", "--format", "json", cwd=cwd, env=env).stdout
        with relay.lock:
            requests = [(m, t, json.loads(b)) for m, t, b in relay.requests if m == "POST" and b]
        found = summaries(name)
        rec = {
            "project": name, "working_dir": str(cwd), "config_files": [str(cwd / "compose.yaml")],
            "config_json": config,
            "containers": [{"Id": c["Id"], "Names": c["Names"], "Labels": c["Labels"]} for c in found],
            "requests": requests,
        }
        (cwd / "v2-capture.json").write_text(json.dumps(rec, indent=1, ensure_ascii=False) + "\n")
    finally:
        run_compose("-p", name, "down", "-v", cwd=cwd, env=env)
        run_docker("rm", "-f", env["CONVERT_EXT_LINK"])
        run_docker("network", "rm", env["CONVERT_EXT_NET"])
        run_docker("volume", "rm", env["CONVERT_EXT_VOL"])


def main(argv: list[str]) -> int:
    wanted = argv or FIXTURE_NAMES
    unknown = sorted(set(wanted) - set(FIXTURE_NAMES))
    if unknown:
        print(f"unknown fixtures: {' '.join(unknown)}", file=sys.stderr)
        return 2
    for fixture in wanted:
        record(fixture)
        print(f"recorded {fixture}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
