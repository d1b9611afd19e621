"""`--restart no|always|unless-stopped|on-failure[:N]` (docker/cli opts.ParseRestartPolicy).
The CLI only checks the shape; the daemon judges the policy name."""

from __future__ import annotations

import re

from ._errors import OptionError

_ATOI = re.compile(r"[+-]?[0-9]+")


def parse_restart_policy(policy: str) -> dict:
    """→ {"Name", "MaximumRetryCount"}; an empty string gives the empty policy."""
    if not policy:
        return {"Name": "", "MaximumRetryCount": 0}
    name, colon, count = policy.partition(":")
    if colon and not name:
        raise OptionError("invalid restart policy format: no policy provided before colon")
    retries = 0
    if count:
        if not _ATOI.fullmatch(count) or not -(1 << 63) <= int(count) < 1 << 63:
            raise OptionError("invalid restart policy format: maximum retry count must be an integer")
        retries = int(count)
    return {"Name": name, "MaximumRetryCount": retries}


def is_none(policy: dict) -> bool:
    """RestartPolicy.IsNone: no policy, or "no"."""
    return policy["Name"] in ("", "no")
