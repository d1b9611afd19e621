"""Hypothesis profiles for the parser fuzz tests.

`ci` (the default): derandomized (the same examples every run, no example database), few examples per
property and a per-example deadline, so the whole directory runs in well under a minute.
`deep` (`PYDOCK_FUZZ=deep`): random, many examples, the example database under .hypothesis/ (ignored by
git) so a failure found once is replayed first next time. For exploratory runs:

    PYDOCK_FUZZ=deep .venv/bin/python -m pytest -q -p no:cacheprovider tests/unit/fuzz

`PYDOCK_FUZZ_EXAMPLES=N` overrides the example count of either profile.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

_examples = os.environ.get("PYDOCK_FUZZ_EXAMPLES")

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=int(_examples or 60),
    deadline=timedelta(milliseconds=500),  # generous for a loaded 2-core CI box; a hang is seconds
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "deep",
    max_examples=int(_examples or 5000),
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("deep" if os.environ.get("PYDOCK_FUZZ") == "deep" else "ci")
