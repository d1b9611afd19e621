"""A service converging, as `service create/update/scale/rollback` show it without `-d` (docker's
cli/command/service/progress): the daemon is polled every 200 ms, each poll's state becomes progress
messages (jsonmessage objects: `id`, `status`, `progressDetail`), and those are drawn as docker's
jsonmessage.DisplayJSONMessagesStream draws them.

- Off a terminal: one plain line per message without a bar: `overall progress: 1 out of 2 tasks`,
  `1/2:  `, `verify: Waiting 5 seconds to verify that tasks are stable...`, `verify: Service <id> converged`.
- On a terminal: one line per id (`overall progress`, `1/2`, `verify`), redrawn in place with docker's
  cursor movements, the task lines with their bar (`running   [=====>   ]`).

`wait(poll, out, tty=..., service_id=...)`: `poll` has `service()`, `tasks(service_id)` and `nodes()` (the
daemon's JSON); raises PydockError for a paused update or rollback (docker's messages)."""

from __future__ import annotations

import time

NUMBERED_STATES = {"new": 1, "allocated": 2, "pending": 3, "assigned": 4, "accepted": 5, "preparing": 6,
                   "ready": 7, "starting": 8, "running": 9, "complete": 10, "shutdown": 11, "failed": 12,
                   "rejected": 13}
LONGEST_STATE = max(len(s) for s, n in NUMBERED_STATES.items() if n <= 9 or s == "complete")
MAX_PROGRESS = 9
MAX_PROGRESS_BARS = 20
MAX_JOB_PROGRESS = 10
POLL_INTERVAL = 0.2


def terminal_state(state: str) -> bool:
    return NUMBERED_STATES.get(state, 0) > NUMBERED_STATES["running"]


def _message(id_: str, action: str, current: int = 0, total: int = 0, hidecounts: bool = False) -> dict:
    """streamformatter's WriteProgress for a progress (never a plain Message): the detail is always there."""
    detail: dict = {}
    if current:
        detail["current"] = current
    if total:
        detail["total"] = total
    if hidecounts:
        detail["hidecounts"] = True
    return {"id": id_, "status": action, "progressDetail": detail}


def _status(id_: str, text: str) -> dict:
    """progress.Message: a status line without progress."""
    return {"id": id_, "status": text}


def trunc_error(text: str) -> str:
    text = text.replace("\n", " ")
    return text[:74] + "…" if len(text) > 75 else text


def _overall(numerator: int, denominator: int, rollback: bool) -> dict:
    if rollback:
        return _message("overall progress", f"rolling back update: {numerator} out of {denominator} tasks")
    return _message("overall progress", f"{numerator} out of {denominator} tasks")


def _task_progress(id_: str, task: dict, total: int) -> dict:
    status = task.get("Status") or {}
    if status.get("Err"):
        return _message(id_, trunc_error(status["Err"]))
    state = status.get("State") or ""
    return _message(id_, f"{state:<{LONGEST_STATE}}", NUMBERED_STATES.get(state, 0), total, True)


def _num(task: dict, key: str) -> int:
    if key == "DesiredState":
        return NUMBERED_STATES.get(task.get("DesiredState") or "", 0)
    return NUMBERED_STATES.get((task.get("Status") or {}).get("State") or "", 0)


def _better(existing: dict | None, task: dict) -> bool:
    """Whether `task` replaces `existing` for its slot/node (docker's tasksBySlot / tasksByNode)."""
    if existing is None:
        return True
    if _num(existing, "DesiredState") < _num(task, "DesiredState"):
        return False
    if _num(existing, "DesiredState") == _num(task, "DesiredState") and _num(existing, "State") <= _num(task, "State"):
        return False
    return True


class ReplicatedUpdater:
    def __init__(self):
        self.slot_map: dict[int, int] = {}
        self.initialized = self.done = False

    def update(self, service, tasks, active_nodes, rollback) -> tuple[bool, list[dict]]:
        out: list[dict] = []
        replicas = ((service["Spec"].get("Mode") or {}).get("Replicated") or {}).get("Replicas")
        if replicas is None:
            from ..errors import PydockError

            raise PydockError("no replica count")
        if not self.initialized:
            out.append(_overall(0, replicas, rollback))
            if replicas <= MAX_PROGRESS_BARS:
                out += [_message(f"{i}/{replicas}", " ") for i in range(1, replicas + 1)]
            self.initialized = True
        by_slot: dict[int, dict] = {}
        for task in tasks:
            if not _num(task, "DesiredState") or not _num(task, "State"):
                continue
            slot = task.get("Slot") or 0
            if not _better(by_slot.get(slot), task):
                continue
            if task.get("NodeID") and task["NodeID"] not in active_nodes:
                continue
            by_slot[slot] = task
        if self.done and any((t.get("Status") or {}).get("State") != "running" for t in by_slot.values()):
            self.done = False
        running = 0
        for slot, task in by_slot.items():
            mapped = self.slot_map.get(slot)
            if not mapped:
                mapped = self.slot_map[slot] = len(self.slot_map) + 1
            if not terminal_state(task.get("DesiredState") or "") and (task.get("Status") or {}).get("State") == "running":
                running += 1
            if self.done or replicas > MAX_PROGRESS_BARS or mapped > replicas:
                continue
            if (task.get("Status") or {}).get("Err") or (not terminal_state(task.get("DesiredState") or "")
                                                          and not terminal_state((task.get("Status") or {}).get("State") or "")):
                out.append(_task_progress(f"{mapped}/{replicas}", task, MAX_PROGRESS))
        if not self.done:
            out.append(_overall(running, replicas, rollback))
            if running == replicas:
                self.done = True
        return running == replicas, out


class GlobalUpdater:
    def __init__(self):
        self.initialized = self.done = False

    def update(self, service, tasks, active_nodes, rollback) -> tuple[bool, list[dict]]:
        out: list[dict] = []
        by_node: dict[str, dict] = {}
        for task in tasks:
            if not _num(task, "DesiredState") or not _num(task, "State"):
                continue
            node = task.get("NodeID") or ""
            if _better(by_node.get(node), task):
                by_node[node] = task
        count = len(by_node)
        if not self.initialized:
            if count == 0:
                return False, [_message("overall progress", "waiting for new tasks")]
            out.append(_overall(0, count, rollback))
            self.initialized = True
        if self.done and any((t.get("Status") or {}).get("State") != "running" for t in by_node.values()):
            self.done = False
        running = 0
        for node, task in by_node.items():
            if node not in active_nodes:
                continue
            state = (task.get("Status") or {}).get("State") or ""
            if not terminal_state(task.get("DesiredState") or "") and state == "running":
                running += 1
            if self.done or count > MAX_PROGRESS_BARS:
                continue
            if (task.get("Status") or {}).get("Err") or (not terminal_state(task.get("DesiredState") or "")
                                                          and not terminal_state(state)):
                out.append(_task_progress(node[:12], task, MAX_PROGRESS))
        if not self.done:
            out.append(_overall(running, count, rollback))
            if running == count:
                self.done = True
        return running == count, out


def _iteration(service) -> int:
    return ((service.get("JobStatus") or {}).get("JobIteration") or {}).get("Index") or 0


def _job_task(id_: str, task: dict) -> dict:
    return _task_progress(id_, task, MAX_JOB_PROGRESS)


class ReplicatedJobUpdater:
    def __init__(self, service):
        job = service["Spec"]["Mode"]["ReplicatedJob"]
        self.concurrent = int(job.get("MaxConcurrent") or 0)
        self.total = int(job.get("TotalCompletions") or 0)
        self.iteration = _iteration(service)
        self.digits, self.active_digits = len(str(self.total)), len(str(self.concurrent))
        self.initialized = False

    def _overall(self, active: int, completed: int) -> list[dict]:
        desired = min(self.total - completed, self.concurrent)
        return [_message("job progress", f"{completed:>{self.digits}} out of {self.total} complete", completed,
                         self.total, True),
                _message("active tasks", f"{active:>{self.active_digits}} out of {desired:>{self.active_digits}} tasks")]

    def update(self, service, tasks, active_nodes, rollback) -> tuple[bool, list[dict]]:
        out: list[dict] = []
        if not self.initialized:
            out += self._overall(0, 0)
            if self.total <= MAX_PROGRESS_BARS:
                out += [_message(f"{i}/{self.total}", " ") for i in range(1, self.total + 1)]
            self.initialized = True
        by_slot: dict[int, dict] = {}
        for task in tasks:
            if ((task.get("JobIteration") or {}).get("Index") if task.get("JobIteration") else None) != self.iteration:
                continue
            if not _num(task, "DesiredState") or not _num(task, "State"):
                continue
            slot = task.get("Slot") or 0
            if slot not in by_slot or _num(by_slot[slot], "State") > _num(task, "State"):
                by_slot[slot] = task
        active = complete = 0
        for i in range(len(by_slot)):
            task = by_slot.get(i, {"Status": {}})
            if self.total <= MAX_PROGRESS_BARS:
                out.append(_job_task(f"{(task.get('Slot') or 0) + 1}/{self.total}", task))
            if _num(task, "State") < NUMBERED_STATES["complete"]:
                active += 1
            if (task.get("Status") or {}).get("State") == "complete":
                complete += 1
        out += self._overall(active, complete)
        return complete == self.total, out


class GlobalJobUpdater:
    def __init__(self):
        self.initialized = False
        self.total = self.digits = 0
        self.nodes: set[str] = set()

    def _overall(self, complete: int) -> dict:
        return _message("job progress", f"{complete:>{self.digits}} out of {self.total} complete", complete,
                        self.total, True)

    def update(self, service, tasks, active_nodes, rollback) -> tuple[bool, list[dict]]:
        out: list[dict] = []
        iteration = _iteration(service)
        current = [t for t in tasks if t.get("JobIteration") and (t["JobIteration"].get("Index") or 0) == iteration]
        if not self.initialized:
            if not tasks and active_nodes:
                return False, [_message("job progress", "waiting for tasks")]
            self.nodes = {t.get("NodeID") or "" for t in current}
            self.total = len(self.nodes)
            self.digits = len(str(self.total))
            out.append(self._overall(0))
            self.initialized = True
        by_node: dict[str, dict] = {}
        for task in current:
            node = task.get("NodeID") or ""
            if node not in self.nodes:
                continue
            if node not in by_node or _num(by_node[node], "State") > _num(task, "State"):
                by_node[node] = task
        complete = 0
        for node, task in by_node.items():
            if self.total <= MAX_PROGRESS_BARS:
                out.append(_job_task(node, task))
            if (task.get("Status") or {}).get("State") == "complete":
                complete += 1
        out.append(self._overall(complete))
        return complete == self.total, out


def updater_for(service):
    from ..errors import PydockError

    mode = service["Spec"].get("Mode") or {}
    if (mode.get("Replicated") or {}).get("Replicas") is not None:
        return ReplicatedUpdater()
    if "Global" in mode:
        return GlobalUpdater()
    if "ReplicatedJob" in mode:
        return ReplicatedJobUpdater(service)
    if "GlobalJob" in mode:
        return GlobalJobUpdater()
    raise PydockError("unrecognized service mode")


def progress_messages(poll, service_id: str, *, sleep=time.sleep, now=time.monotonic, interrupted=lambda: False):
    """ServiceProgress: yields the progress messages until the service converged (or a job completed);
    raises PydockError for a paused update or rollback."""
    from ..errors import PydockError

    updater = None
    converged = rollback = False
    converged_at = None
    monitor = 5.0
    message = None
    while True:
        service = poll.service()
        update_config = service["Spec"].get("UpdateConfig") or {}
        if update_config.get("Monitor"):
            monitor = update_config["Monitor"] / 1e9
        if updater is None:
            updater = updater_for(service)
        status = service.get("UpdateStatus") or {}
        state = status.get("State") or ""
        if state == "updating":
            rollback = False
        elif state == "completed":
            if not converged:
                return
        elif state == "paused":
            raise PydockError(f"service update paused: {status.get('Message', '')}")
        elif state == "rollback_started":
            if not rollback and status.get("Message"):
                yield _message("rollback", status["Message"])
            rollback = True
        elif state == "rollback_paused":
            raise PydockError(f"service rollback paused: {status.get('Message', '')}")
        elif state == "rollback_completed":
            if not converged:
                message = _status("rollback", status.get("Message") or "")
            rollback = True
        if converged and now() - converged_at >= monitor:
            yield _message("verify", f"Service {service_id} converged")
            if message is not None:
                yield message
            return
        tasks = poll.tasks(service["ID"])
        active = {n["ID"] for n in poll.nodes() if (n.get("Status") or {}).get("State") != "down"}
        converged, messages = updater.update(service, tasks, active, rollback)
        yield from messages
        if converged:
            if service.get("JobStatus") is not None:
                yield _status("", "job complete")
                return
            if converged_at is None:
                converged_at = now()
            wait = monitor - (now() - converged_at)
            if wait >= 0:
                yield _message("verify", f"Waiting {int(wait) + 1} seconds to verify that tasks are stable...")
        else:
            if converged_at is not None:
                yield _message("verify", "Detected task failure")
            converged_at = None
        for _ in range(int(POLL_INTERVAL / 0.05)):
            if interrupted():
                if not converged:
                    yield _status("", "Operation continuing in background.")
                    yield _status("", f"Use `pydock service ps {service_id}` to check progress.")
                return
            sleep(0.05)


# -- drawing: jsonmessage.DisplayJSONMessagesStream -------------------------------------------------------

def display(messages, out, *, tty: bool, width: int = 200) -> None:
    """Off a terminal the plain lines (a message with a bar is left out); on one docker's in-place lines:
    a new id opens a line below, an update moves the cursor up to its line, clears and rewrites it."""
    from .progress import has_progress, plain_line, progress_text

    ids: dict[str, int] = {}
    for message in messages:
        if not tty:
            line = plain_line(message)
            if line:
                out.write(line)
                out.flush()
            continue
        diff = 0
        if message.get("id") and has_progress(message):
            line_no = ids.get(message["id"])
            if line_no is None:
                line_no = ids[message["id"]] = len(ids)
                out.write("\n")
            diff = len(ids) - line_no
            if diff:
                out.write(f"\x1b[{diff}A")
        else:
            ids = {}
        text = f"{message['id']}: " if message.get("id") else ""
        if has_progress(message):
            out.write("\x1b[2K\r" + text + f"{message.get('status', '')} "
                      f"{progress_text(message['progressDetail'], width)}\r")
        else:
            out.write(text + f"{message.get('status', '')}\n")
        if message.get("id") and diff:
            out.write(f"\x1b[{diff}B")
        out.flush()
