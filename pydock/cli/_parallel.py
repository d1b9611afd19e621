"""Multi-target verbs (`stop a b c`): run the operation on every target at once, report in argument order.

docker/cli's `parallelOperation` + `errors.Join`: up to 50 requests in flight, each result printed as
soon as it and every result before it are in, so the output order never depends on timing. Failures
are gathered and printed together, one per line on stderr, and the command exits 1.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

from ..errors import PydockError

MAX_PARALLEL = 50
T = TypeVar("T")

Outcome = tuple[str, object, "PydockError | None"]


def in_parallel(op: Callable[[str], T], targets: Iterable[str], limit: int = MAX_PARALLEL) -> Iterator[Outcome]:
    """Yield (target, result, error) in argument order. Only pydock's errors are outcomes; a bug raises."""
    targets = list(targets)
    if len(targets) <= 1:  # nothing to overlap: no pool (concurrent.futures costs ~5 ms to import)
        yield from in_sequence(op, targets)
        return
    import threading

    # daemon threads, not a ThreadPoolExecutor: its workers are joined on the way out (even at interpreter
    # exit), so Ctrl-C during a call the daemon never answers (`wait` on a stalled daemon) would hang
    slots = threading.BoundedSemaphore(min(limit, len(targets)))
    results: list = [None] * len(targets)
    done = [threading.Event() for _ in targets]

    def work(i: int, target: str) -> None:
        try:
            results[i] = (op(target), None)
        except PydockError as e:
            results[i] = (None, e)
        except BaseException as e:  # noqa: BLE001 - a bug: re-raised in the caller's thread
            results[i] = (None, _Bug(e))
        finally:
            slots.release()
            done[i].set()

    def start() -> None:
        for i, target in enumerate(targets):
            slots.acquire()
            threading.Thread(target=work, args=(i, target), name="pydock-op", daemon=True).start()

    threading.Thread(target=start, name="pydock-op-start", daemon=True).start()
    for i, target in enumerate(targets):
        done[i].wait()
        result, error = results[i]
        if isinstance(error, _Bug):
            raise error.error
        yield target, result, error


class _Bug:
    def __init__(self, error: BaseException):
        self.error = error


def in_sequence(op: Callable[[str], T], targets: Iterable[str]) -> Iterator[Outcome]:
    """The same contract, one target after the other (for verbs where order of effect matters)."""
    for target in targets:
        try:
            yield target, op(target), None
        except PydockError as e:
            yield target, None, e


def joined(errors: list[PydockError]) -> PydockError:
    """Go's errors.Join: the messages one per line; exit 1."""
    return PydockError("\n".join(str(e) for e in errors), 1)


def print_names(app, outcomes: Iterable[Outcome], *, tolerate: Callable[[PydockError], bool] | None = None) -> None:
    """The common report: each successful target's name on stdout as given, errors joined at the end.
    `tolerate(e)` errors are printed right away and do not fail the command (`rm -f` of a missing one)."""
    errors: list[PydockError] = []
    for target, _, error in outcomes:
        if error is None:
            app.write(f"{target}\n")
            flush_stream(app.out)
        elif tolerate is not None and tolerate(error):
            app.err.write(f"{error}\n")
        else:
            errors.append(error)
    if errors:
        raise joined(errors)


def warm_up(app) -> None:
    """Negotiate the API version once, before threads race to do it."""
    _ = app.engine.api_version


def flush_stream(stream) -> None:
    flush = getattr(stream, "flush", None)
    if flush is not None:
        flush()
