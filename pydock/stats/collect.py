"""The stats collector: one stats stream per container, each read on its own thread, and (without
container arguments) the events stream that adds and removes containers. The only I/O in pydock/stats.

As docker's RunStats: rows keep the order containers were added in; `start` events add a container
(`create` too with --all); `die` removes it (not with --all) and `destroy` always does. A row with no
sample for TIMEOUT seconds is shown as invalid (`--`). `close()` shuts every socket down and joins
every thread, so nothing is left open when the command returns.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field

from ..errors import PydockError
from .calc import StatsEntry, entry

TIMEOUT = 2.0  # docker resets a row that got no sample for 2 s


@dataclass
class Row:
    key: str  # docker's StatsEntry.Container: the argument as typed, or ID[:12]
    ident: str  # what the stats endpoint is asked for
    stats: StatsEntry
    updated: float = 0.0
    started: float = field(default_factory=time.monotonic)
    first: threading.Event = field(default_factory=threading.Event)
    error: PydockError | None = None
    ended: bool = False
    samples: int = 0


class Collector:
    def __init__(self, engine, *, stream: bool, all_: bool = False, filters: dict | None = None):
        """Every container's stream is one connection of `engine`'s pool (which has no size limit)."""
        self.engine = engine
        self.stream = stream
        self.all = all_
        self.filters = filters or {}
        self.rows: dict[str, Row] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.changed = threading.Event()  # set on every sample and every add/remove
        self.threads: list[threading.Thread] = []
        self.sockets: set = set()
        self.fatal: BaseException | None = None  # the events stream failed: the command ends with it
        self.events_ended = False

    # -- the container set -----------------------------------------------------------------------
    def add(self, key: str, ident: str) -> bool:
        with self.lock:
            if key in self.rows or self.stopping.is_set():
                return False
            row = self.rows[key] = Row(key, ident, StatsEntry(container=key))
        self._spawn(self._read, row, self.engine, name=f"pydock-stats-{key[:12]}")
        self.changed.set()
        return True

    def remove(self, cid: str) -> None:
        with self.lock:
            for key in [k for k, r in self.rows.items() if cid in (k, r.ident, r.stats.id) or cid.startswith(k)]:
                del self.rows[key]
        self.changed.set()

    def snapshot(self, now: float | None = None) -> list[StatsEntry]:
        """The rows as docker would print them now: a streamed row without a sample for TIMEOUT is
        reset to zero and marked invalid."""
        now = time.monotonic() if now is None else now
        out = []
        with self.lock:
            rows = list(self.rows.values())
        for r in rows:
            s = r.stats
            stale = now - (r.updated if r.samples else r.started) > TIMEOUT
            if self.stream and (r.error is not None or r.ended or stale):
                s = StatsEntry(container=s.container, name=s.name, id=s.id, invalid=True)
            elif r.error is not None:
                s = StatsEntry(container=s.container, name=s.name, id=s.id, invalid=True)
            out.append(s)
        return out

    def live_rows(self) -> int:
        with self.lock:
            return sum(1 for r in self.rows.values() if not r.ended)

    def wait_first(self) -> None:
        """Until every current row has its first sample (or failed), like docker's waitFirst; while
        streaming, at most TIMEOUT per row counted from when it was added (docker's 2 s timer)."""
        with self.lock:
            pending = [r for r in self.rows.values() if not r.first.is_set()]
        for r in pending:
            if self.stream:
                r.first.wait(max(0.0, r.started + TIMEOUT - time.monotonic()))
            else:
                r.first.wait()
            if self.fatal is not None:
                return

    def errors(self) -> list[PydockError]:
        with self.lock:
            return [r.error for r in self.rows.values() if r.error is not None]

    # -- following the daemon's events (no container arguments) -----------------------------------
    def follow_events(self) -> None:
        """Subscribe before listing, as docker does, so a container started in between is not missed."""
        subscribed = threading.Event()
        self._spawn(self._events, subscribed, name="pydock-stats-events")
        subscribed.wait(10)
        if self.fatal is not None:
            raise self.fatal

    def _events(self, subscribed: threading.Event) -> None:
        from ..engine.api import system
        from ..engine.jsonstream import iter_json

        flt = {"type": {"container": True}}
        for key in ("label", "label!"):
            if key in self.filters:
                flt[key] = dict(self.filters[key])
        try:
            with system.events(self.engine, filters=flt) as resp:
                self._register(resp)
                subscribed.set()
                for message in iter_json(self.engine.iter_bytes(resp)):
                    if self.stopping.is_set():
                        return
                    self._on_event(message)
            self.events_ended = True
        except Exception as e:  # noqa: BLE001 (handed to the main thread)
            if not self.stopping.is_set():
                self.fatal = e if isinstance(e, PydockError) else PydockError(f"events: {e}")
        finally:
            subscribed.set()
            self.changed.set()

    def _on_event(self, message: dict) -> None:
        action = str(message.get("Action") or message.get("status") or "")
        cid = str((message.get("Actor") or {}).get("ID") or message.get("id") or "")
        if not cid:
            return
        if action == "start" or (self.all and action == "create"):
            if self._matches(cid):
                self.add(cid[:12], cid[:12])
        elif action == "destroy" or (not self.all and action == "die"):
            self.remove(cid[:12])

    def _matches(self, cid: str) -> bool:
        """Only label filters go to the events endpoint; other ps keys are checked by listing this one."""
        if not any(k not in ("label", "label!") for k in self.filters):
            return True
        from ..engine.api import containers

        try:
            found = containers.list(self.engine, all=True, filters={**self.filters, "id": {cid: True}})
        except PydockError:
            return False
        return bool(found)

    # -- one container's stream -------------------------------------------------------------------
    def _read(self, row: Row, engine) -> None:
        from ..engine.api import containers
        from ..engine.jsonstream import iter_json

        try:
            with containers.stats(engine, row.ident, stream=self.stream) as resp:
                self._register(resp)
                for payload in iter_json(engine.iter_bytes(resp)):
                    if self.stopping.is_set():
                        return
                    if not isinstance(payload, dict):
                        continue
                    if payload.get("message") and "read" not in payload:
                        raise PydockError(f"Error response from daemon: {payload['message']}")
                    new = entry(payload, row.key)
                    with self.lock:
                        row.stats = new
                        row.updated = time.monotonic()
                        row.samples += 1
                    row.first.set()
                    self.changed.set()
                    if not self.stream:
                        return
        except PydockError as e:
            if not self.stopping.is_set():
                row.error = e
        except Exception as e:  # noqa: BLE001 (a cut connection while stopping, or a malformed stream)
            if not self.stopping.is_set():
                row.error = PydockError(str(e) or type(e).__name__)
        finally:
            row.ended = True
            row.first.set()
            self.changed.set()

    # -- threads and sockets ----------------------------------------------------------------------
    def _spawn(self, target, *args, name: str) -> None:
        t = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self.lock:
            self.threads.append(t)
        t.start()

    def _register(self, resp) -> None:
        stream = (getattr(resp, "extensions", None) or {}).get("network_stream")
        sock = None
        if stream is not None:
            try:
                sock = stream.get_extra_info("socket")
            except Exception:  # noqa: BLE001
                sock = None
        if sock is not None:
            with self.lock:
                self.sockets.add(sock)
            if self.stopping.is_set():
                _shutdown(sock)

    def close(self, timeout: float = 2.0) -> None:
        """Stop every reader: shut their sockets down (which wakes a blocked read) and join them."""
        self.stopping.set()
        with self.lock:
            sockets = list(self.sockets)
            threads = list(self.threads)
        for sock in sockets:
            _shutdown(sock)
        deadline = time.monotonic() + timeout
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))


def _shutdown(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
