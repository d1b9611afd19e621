"""Differential checks: the same arguments through `docker` and `pydock`, compared exactly."""

from __future__ import annotations

import re
import time

from tests.conftest import run_docker, run_pydock

# Durations under a minute tick between the two calls ("Up 3 seconds" vs "Up 4 seconds"), and the
# tabwriter then pads the column differently. Only these phrases may differ, and only after retries.
_SHORT_DURATION = re.compile(r"(Less than a second|\d+ seconds?|About a minute)( ago)?")


_PROGRAM_NAME = re.compile(r"^docker: |'docker[ ']|Usage:  docker |unknown command: docker |\(default \"/root/\.docker\"\)", re.M)


def as_pydock(text: str) -> str:
    """docker's messages name the program; ours name pydock. Nothing else may differ."""
    return _PROGRAM_NAME.sub(lambda m: m.group(0).replace("docker", "pydock"), text)


# docker joins a Labels map in Go's map order, which changes from call to call (`a=1,b=2` or `b=2,a=1`);
# pydock sorts. Only the order of the items in such a list may differ, and only after retries.
_LABEL_LIST = re.compile(r"[\w.\-/]+=[^\s,\"]*(?:,[\w.\-/]+=[^\s,\"]*)+")


def _settle(text: str) -> str:
    text = _LABEL_LIST.sub(lambda m: ",".join(sorted(m.group(0).split(","))), text)
    return re.sub(r" {2,}", "  ", _SHORT_DURATION.sub("<duration>", text))


def _same(ours, theirs, compare_stderr: bool, fuzzy: bool) -> bool:
    norm = _settle if fuzzy else (lambda s: s)
    return (ours.returncode == theirs.returncode and norm(ours.stdout) == norm(theirs.stdout)
            and (not compare_stderr or ours.stderr == as_pydock(theirs.stderr)))


def assert_same(*args: str, env: dict | None = None, input: str | None = None, retries: int = 3,
                compare_stderr: bool = True):
    """Run both and compare; retry when they differ, since a clock second may tick between the calls.
    After the retries, sub-minute durations (both columns re-padded alike) and the order of labels in a
    joined label list alone may differ."""
    for attempt in range(retries):
        theirs = run_docker(*args, env=env, input=input)
        ours = run_pydock(*args, env=env, input=input)
        if _same(ours, theirs, compare_stderr, fuzzy=False):
            return ours
        time.sleep(0.2 * (attempt + 1))
    if _same(ours, theirs, compare_stderr, fuzzy=True):
        return ours
    assert ours.returncode == theirs.returncode, (ours, theirs)
    assert _settle(ours.stdout) == _settle(theirs.stdout), f"\n--- docker stdout\n{theirs.stdout}--- pydock stdout\n{ours.stdout}"
    if compare_stderr:
        assert ours.stderr == as_pydock(theirs.stderr), f"\n--- docker stderr\n{theirs.stderr}--- pydock stderr\n{ours.stderr}"
    return ours
