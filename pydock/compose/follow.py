"""Following a project's containers: attached `up` and `logs -f` (v2 pkg/compose/attach.go, monitor.go,
logs.go, printer.go).

API (everything here is thread-safe; one Follower per command run):

    f = Follower(capp, project_name, printer, services=None, stderr_to_stdout=False)
        capp: the ComposeApp (for .engine); printer: a logprinter.LogPrinter;
        services: watch only these services (None/empty: every service of the project).
    f.add_listener(fn)        fn(ev: ContainerEvent) for every event the monitor sees, after the printer
                              has printed it: ev.kind in {"started", "restarted", "exited", "created"},
                              ev.id, ev.name (without project prefix), ev.service, ev.exit_code,
                              ev.restarting. Use it for --abort-on-container-exit / --exit-code-from.
    f.attach(container_id, name=None, tty=None)
                              hijacked `POST /containers/{id}/attach?stream=1&stdout=1&stderr=1&logs=0`,
                              read in a thread: stdout lines -> printer.log, stderr -> printer.err.
                              Call it BEFORE starting the container (nothing is lost). name/tty are
                              looked up (inspect) when not given.
    f.follow_logs(container_id, name, since=None, until=None, tail="all", timestamps=False,
                  follow=True, stderr_to_stdout=False)
                              `GET /containers/{id}/logs` read in a thread (what `logs` and late
                              starters use).
    f.watch(follow_started=True)
                              opens `GET /events` (type=container, project label) and returns once it
                              is open; then lists the project's containers (all, not one-offs, the
                              selected services): the watched set. In a thread: `die` prints
                              `name exited with code N` [(restarting)], and removes the container from
                              the set unless the engine restarts it; `start` of a container that has no
                              stream open (started later, scaled, restarted) is followed with
                              logs?follow=1&since=<State.StartedAt> (unless follow_started=False).
                              The monitor ends when the set is empty (as v2's, it never ends while a
                              watched container stays stopped).
    f.wait(timeout=None) -> dict[str, int]
                              blocks until the monitor has ended (or stop()), then until the output
                              streams are drained; returns {name: last exit code} of containers seen
                              exiting. Raises the first engine error a reader thread met.
    f.done                    a threading.Event set when the monitor ends.
    f.stop()                  ends everything now: closes the event stream and every attach/log
                              stream (for Ctrl-C); wait() then returns promptly.

Typical `up`:  printer.register(*names); f = Follower(...); for c in containers: f.attach(c.id, name, tty);
f.watch(); start containers; codes = f.wait().
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass

from . import labels
from .logprinter import LineSplitter, strip_project


@dataclass
class ContainerEvent:
    kind: str  # "created" | "started" | "restarted" | "exited"
    id: str
    name: str
    service: str
    exit_code: int = 0
    restarting: bool = False
    time_nano: int = 0


def _shutdown(sock) -> None:
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class Follower:
    def __init__(self, capp, project_name: str, printer, *, services=None, stderr_to_stdout: bool = False):
        self.capp = capp
        self.engine = capp.engine
        self.project = project_name.lower()
        self.printer = printer
        self.services = set(services or ())
        self.listeners: list = []
        self.exit_codes: dict[str, int] = {}
        self.done = threading.Event()
        self.errors: list[BaseException] = []
        self._lock = threading.RLock()
        self._threads: list[threading.Thread] = []
        self._sockets: dict[int, object] = {}  # open streams, closed by stop()
        self._active: dict[str, int] = {}  # container id -> open stream count
        self._attached: set[str] = set()
        self._restarting: set[str] = set()
        self._watched: set[str] = set()
        self._stopped = False
        self._follow_started = True
        self.stderr_to_stdout = stderr_to_stdout  # `logs` prints both streams on stdout, as v2
        self.tail, self.timestamps = "all", False  # for containers followed after they (re)start

    # -- public --------------------------------------------------------------------------------------
    def add_listener(self, fn) -> None:
        self.listeners.append(fn)

    def attach(self, container_id: str, name: str | None = None, tty: bool | None = None) -> None:
        from ..engine.api import containers as api

        if name is None or tty is None:
            info = api.inspect(self.engine, container_id)
            container_id = info["Id"]
            name = name or strip_project(info.get("Name", "").lstrip("/"), (info.get("Config") or {}).get("Labels") or {})
            tty = bool((info.get("Config") or {}).get("Tty")) if tty is None else tty
        from ..errors import PydockError

        params = api.attach_params(stdout=True, stderr=True, logs=False)
        cm = api.attach(self.engine, container_id, params)
        try:
            conn = cm.__enter__()  # open now, so the attach is in place before the caller starts the container
        except PydockError:
            # v2's getContainerStreams: an attach that fails falls back to the followed logs (whose own
            # failure is the command's error)
            self._attach_logs(container_id, name, tty)
            return
        with self._lock:
            self._attached.add(container_id)
            self._opened(container_id)
        sock = conn._stream.get_extra_info("socket")
        key = self._register_socket(sock)
        self._spawn(self._read_attach, cm, conn, container_id, name, tty, key)

    def _attach_logs(self, cid: str, name: str, tty: bool) -> None:
        from ..engine.api import containers as api

        cm = api.logs(self.engine, cid, follow=True)
        resp = cm.__enter__()
        with self._lock:
            self._attached.add(cid)
            self._opened(cid)
        key = self._register_socket(getattr(resp, "_sock", None))
        self._spawn(self._read_attach, cm, resp, cid, name, tty, key)

    def follow_logs(self, container_id: str, name: str, *, since=None, until=None, tail: str = "all",
                    timestamps: bool = False, follow: bool = True, stderr_to_stdout: bool = False,
                    tty: bool | None = None) -> None:
        with self._lock:
            self._opened(container_id)
        self._spawn(self._read_logs, container_id, name, dict(since=since, until=until, tail=tail,
                    timestamps=timestamps, follow=follow), stderr_to_stdout, tty)

    def watch(self, follow_started: bool = True) -> None:
        from ..engine.api import containers as api

        self._follow_started = follow_started
        params = {"filters": {"type": ["container"], "label": [labels.project_filter(self.project)]}}
        cm = self.engine.stream_raw("GET", "/events", params)
        resp = cm.__enter__()
        key = self._register_socket(getattr(resp, "_sock", None))
        filters = {"label": [labels.project_filter(self.project), labels.oneoff_filter(False), labels.CONFIG_HASH]}
        for c in api.list(self.engine, all=True, filters=filters) or []:
            if self._selected((c.get("Labels") or {}).get(labels.SERVICE, "")):
                self._watched.add(c["Id"])
        self._spawn(self._monitor, cm, resp, key, daemon=True)

    def wait(self, timeout: float | None = None) -> dict[str, int]:
        self.done.wait(timeout)
        for t in list(self._threads):
            if t is not threading.current_thread():
                t.join(None if self._stopped else 5)
        if self.errors and not self._stopped:
            raise self.errors[0]
        return dict(self.exit_codes)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            socks = list(self._sockets.values())
            self._sockets.clear()
        for s in socks:
            _shutdown(s)
        self.done.set()

    # -- internals -------------------------------------------------------------------------------------
    def _selected(self, service: str) -> bool:
        return not self.services or service in self.services

    def _spawn(self, fn, *args, daemon: bool = True) -> None:
        t = threading.Thread(target=self._guard, args=(fn, *args), daemon=daemon, name="pydock-follow")
        with self._lock:
            self._threads.append(t)
        t.start()

    def _guard(self, fn, *args) -> None:
        try:
            fn(*args)
        except BaseException as e:  # noqa: BLE001 - handed to wait()
            if not self._stopped:
                self.errors.append(e)
                self.done.set()

    def _register_socket(self, sock) -> int:
        with self._lock:
            key = id(sock) if sock is not None else 0
            if sock is not None:
                self._sockets[key] = sock
                if self._stopped:
                    _shutdown(sock)
            return key

    def _unregister(self, key: int) -> None:
        with self._lock:
            self._sockets.pop(key, None)

    def _opened(self, cid: str) -> None:
        self._active[cid] = self._active.get(cid, 0) + 1

    def _closed(self, cid: str) -> None:
        with self._lock:
            n = self._active.get(cid, 1) - 1
            if n <= 0:
                self._active.pop(cid, None)
            else:
                self._active[cid] = n

    def _sinks(self, name: str, stderr_to_stdout: bool = False):
        out = LineSplitter(lambda line: self.printer.log(name, line))
        err = out if stderr_to_stdout else LineSplitter(lambda line: self.printer.err(name, line))
        return out, err

    def _pump(self, chunks, tty: bool, out, err, *, cut_ends: bool = False) -> None:
        """Copy a container's output to the printer. `cut_ends`: an attach stream that breaks off is the end of
        that container's output, not the command's error (v2's attach logs the copy error at debug level; the
        container's own end still comes as its die event)."""
        from ..engine import stdcopy
        from ..errors import PydockError

        try:
            for stream, data in stdcopy.demux(chunks, tty, join=True):
                (err if stream == 2 else out).write(data)
        except (OSError, PydockError):
            if not self._stopped and not cut_ends:
                raise
        finally:
            out.close()
            if err is not out:
                err.close()

    def _read_attach(self, cm, conn, cid: str, name: str, tty: bool, key: int) -> None:
        """An attached container's output (or its followed logs, after a failed attach)."""
        out, err = self._sinks(name)
        try:
            attached = hasattr(conn, "chunks")
            self._pump(conn.chunks() if attached else conn.iter_bytes(), tty, out, err, cut_ends=attached)
        finally:
            self._unregister(key)
            self._closed(cid)
            try:
                cm.__exit__(None, None, None)
            except Exception:  # noqa: BLE001 - the connection is gone either way
                pass

    def _read_logs(self, cid: str, name: str, query: dict, stderr_to_stdout: bool, tty) -> None:
        from ..engine.api import containers as api

        try:
            if tty is None:
                tty = bool((api.inspect(self.engine, cid).get("Config") or {}).get("Tty"))
            out, err = self._sinks(name, stderr_to_stdout)
            with api.logs(self.engine, cid, **query) as resp:
                key = self._register_socket(getattr(resp, "_sock", None))
                try:
                    self._pump(resp.iter_bytes(), tty, out, err)
                finally:
                    self._unregister(key)
        finally:
            self._closed(cid)

    def _monitor(self, cm, resp, key: int) -> None:
        from ..engine.jsonstream import iter_json
        from ..errors import PydockError

        try:
            if not self._watched:
                return
            for msg in iter_json(resp.iter_bytes()):
                if self._stopped:
                    return
                self._handle(msg)
                if not self._watched:
                    return
        except (OSError, PydockError):
            if not self._stopped:
                raise
        finally:
            self._unregister(key)
            try:
                cm.__exit__(None, None, None)
            except Exception:  # noqa: BLE001
                pass
            self.done.set()

    def _handle(self, msg: dict) -> None:
        from ..engine.api import containers as api
        from ..errors import NotFound

        actor = msg.get("Actor") or {}
        attrs = actor.get("Attributes") or {}
        service = attrs.get(labels.SERVICE, "")
        if not self._selected(service):
            return
        cid = actor.get("ID") or msg.get("id", "")
        name = attrs.get("name", "")
        default = f"{self.project}-{service}-{attrs.get(labels.CONTAINER_NUMBER, '')}"
        if name == default:
            name = name[len(self.project) + 1:]
        action = msg.get("Action") or msg.get("status", "")
        try:
            code = int(attrs.get("exitCode", "0") or 0)
        except ValueError:
            code = 0
        ev = ContainerEvent("", cid, name, service, code, False, msg.get("timeNano", 0))
        if action == "create":
            self._watched.add(cid)
            ev.kind = "created"
        elif action == "start":
            ev.kind = "started"
            ev.restarting = cid in self._restarting
            self._watched.add(cid)
            self._maybe_follow(ev)
        elif action == "restart":
            ev.kind = "restarted"
        elif action == "die":
            ev.kind = "exited"
            try:
                st = api.inspect(self.engine, cid).get("State") or {}
            except NotFound:
                st = {}
            if st.get("Restarting") or st.get("Running"):
                ev.restarting = True
                self._restarting.add(cid)
            else:
                self._watched.discard(cid)
            with self._lock:
                self.exit_codes[name] = code
            self.printer.exited(name, code, ev.restarting)
        else:
            return
        for fn in list(self.listeners):
            fn(ev)

    def _maybe_follow(self, ev: ContainerEvent) -> None:
        from ..engine.api import containers as api
        from ..errors import NotFound

        if not self._follow_started or self._stopped:
            return
        with self._lock:
            busy = ev.id in self._active
            if ev.id in self._attached and not ev.restarting:
                return
            if busy and not ev.restarting:
                return
        try:
            info = api.inspect(self.engine, ev.id)
        except NotFound:
            return
        tty = bool((info.get("Config") or {}).get("Tty"))
        since = (info.get("State") or {}).get("StartedAt")
        self.follow_logs(ev.id, ev.name, since=_since_value(since), tty=tty, tail=self.tail,
                         timestamps=self.timestamps, stderr_to_stdout=self.stderr_to_stdout)


def _since_value(started_at: str | None) -> str | None:
    """State.StartedAt (RFC 3339, nanoseconds) as the `since` query value (seconds.nanoseconds), as
    the Go client converts it."""
    if not started_at:
        return None
    from ..opts.timestamps import rfc3339_ns

    try:
        ns = rfc3339_ns(started_at)
    except ValueError:
        return None
    return f"{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}"
