"""Test harness shared by unit and engine tests.

`run_pydock` and `run_docker` run the real programs in subprocesses, so exit statuses, stderr and
stdout are observed exactly as a user or a script would see them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    args: tuple
    returncode: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:
        return f"Result({self.args!r}, rc={self.returncode}, stdout={self.stdout[:400]!r}, stderr={self.stderr[:400]!r})"


def _env(extra: dict | None) -> dict:
    env = dict(os.environ)
    env.pop("DOCKER_HOST", None)
    env.pop("DOCKER_CONTEXT", None)
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra or {})
    return {k: v for k, v in env.items() if v is not None}


def run_pydock(*args, env: dict | None = None, input: str | None = None, timeout: float = 60) -> Result:
    p = subprocess.run([sys.executable, "-m", "pydock", *args], capture_output=True, text=True, env=_env(env),
                       input=input, timeout=timeout, cwd=ROOT)
    return Result(args, p.returncode, p.stdout, p.stderr)


def run_docker(*args, env: dict | None = None, input: str | None = None, timeout: float = 60) -> Result:
    p = subprocess.run(["docker", *args], capture_output=True, text=True, env=_env(env), input=input,
                       timeout=timeout)
    return Result(args, p.returncode, p.stdout, p.stderr)


def read_pty(master: int, idle_timeout: float = 30.0) -> bytes:
    """Everything a program writes to the pseudo-terminal whose master side is `master`, until it closes
    its side (EOF, or EIO on Linux) or stays silent for `idle_timeout` seconds; closes `master`."""
    import select

    chunks = []
    try:
        while select.select([master], [], [], idle_timeout)[0]:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the slave side is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    return b"".join(chunks)


# -- "pydock: internal error" fails the run ----------------------------------------------------------
#
# Every pydock started by any test (a subprocess, a pty child, main() in-process) appends the internal
# errors it prints to the file named by PYDOCK_INTERNAL_ERROR_LOG (pydock/__main__.py). The controlling
# pytest process creates the file and sets the variable before any test or xdist worker starts (workers
# inherit the environment, and get the path through workerinput too); at the end of the session a
# non-empty file fails the run, listing each entry, even when every test passed.

INTERNAL_ERROR_LOG = "PYDOCK_INTERNAL_ERROR_LOG"


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config):
    if _is_worker(config):
        path = config.workerinput.get("pydock_internal_error_log")
        if path:
            os.environ[INTERNAL_ERROR_LOG] = path
        return
    import tempfile

    fd, path = tempfile.mkstemp(prefix="pydock-internal-errors-", suffix=".log")
    os.close(fd)
    os.environ[INTERNAL_ERROR_LOG] = path
    config._pydock_internal_error_log = path


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist: hand the log's path, and the seed of a random order, to each worker."""
    node.workerinput["pydock_internal_error_log"] = node.config._pydock_internal_error_log
    node.workerinput["pydock_order_seed"] = _order_seed(node.config)


def internal_error_entries(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return [line.rstrip("\n") for line in f if line.strip()]
    except FileNotFoundError:
        return []


def pytest_sessionfinish(session, exitstatus):
    path = getattr(session.config, "_pydock_internal_error_log", None)
    if path is None:  # an xdist worker: the controller checks
        return
    entries = internal_error_entries(path)
    try:
        os.unlink(path)
    except OSError:
        pass
    if not entries:
        return
    session.config._pydock_internal_errors = entries
    if session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    seed = _order_seed(config)
    if seed is not None:  # the header is not printed under -q
        terminalreporter.write_line(f"test order: random, seed {seed} (again: {TEST_ORDER}=random:{seed})")
    entries = getattr(config, "_pydock_internal_errors", None)
    if entries:
        terminalreporter.section("pydock printed 'internal error' (a bug in pydock)", red=True, bold=True)
        for entry in entries:
            terminalreporter.line(entry, red=True)
        terminalreporter.line(f"{len(entries)} internal error(s): the run fails", red=True, bold=True)


# -- PYDOCK_TEST_ORDER=random (or random:SEED): modules, and the tests in each, in a shuffled order -------
#
# A test that passes only after another (its leftovers, its timing) is a defect this finds. The order
# comes from the seed alone, so every pytest-xdist worker collects the same list (xdist insists); the
# controller picks the seed when none is given and hands it to the workers (environment and workerinput).
# Tests stay grouped by module, so module fixtures are set up once and `--dist loadfile` is unchanged.
# A module that is one scenario in steps (each starting from the state the last one left, as a user's
# session would) says so with `IN_ORDER = "<why>"`: its tests keep their order, the module still moves.

TEST_ORDER = "PYDOCK_TEST_ORDER"


def _order_seed(config) -> int | None:
    """The seed of a random order, None for the collection order; a bad value is a usage error."""
    cached = getattr(config, "_pydock_order_seed", False)
    if cached is not False:
        return cached
    value = os.environ.get(TEST_ORDER, "")
    if _is_worker(config) and config.workerinput.get("pydock_order_seed") is not None:
        seed = config.workerinput["pydock_order_seed"]
    elif not value:
        seed = None
    else:
        kind, colon, number = value.partition(":")
        if kind != "random" or (colon and not number.isdigit()):
            raise pytest.UsageError(f"{TEST_ORDER}={value!r}: expected 'random' or 'random:SEED' (SEED a number)")
        if number:
            seed = int(number)
        else:
            import random

            seed = random.SystemRandom().randrange(10 ** 6)
            os.environ[TEST_ORDER] = f"random:{seed}"  # workers started from here inherit it
    config._pydock_order_seed = seed
    return seed


def pytest_report_header(config):
    seed = _order_seed(config)
    if seed is None:
        return None
    return f"test order: random, seed {seed} (again: {TEST_ORDER}=random:{seed})"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    seed = _order_seed(config)
    if seed is None:
        return
    import random

    rng = random.Random(seed)
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    order = sorted(modules)
    rng.shuffle(order)
    shuffled = []
    for name in order:
        tests = modules[name]
        if not getattr(getattr(tests[0], "module", None), "IN_ORDER", None):  # a scenario: see its reason
            rng.shuffle(tests)
        shuffled += tests
    items[:] = shuffled


@pytest.fixture
def pydock():
    return run_pydock


@pytest.fixture
def docker():
    return run_docker
