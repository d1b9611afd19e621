"""The convergence progress of `service create/update` (pydock.render.service_progress), against docker/cli
v28.2.2 cli/command/service/progress/progress.go and jsonmessage's DisplayJSONMessagesStream: a scripted daemon
(service, tasks, nodes per poll) and a fake clock."""

from __future__ import annotations

import io

import pytest

from pydock.errors import PydockError
from pydock.render import service_progress as sp


class Script:
    """Poll answers: the i-th poll of the service gets states[i] for its tasks (the last one repeats)."""

    def __init__(self, replicas, states, update_status=None, mode=None):
        self.replicas, self.states, self.calls = replicas, states, 0
        self.update_status = update_status
        self.mode = mode or {"Replicated": {"Replicas": replicas}}

    def service(self):
        self.calls += 1
        out = {"ID": "sid", "Spec": {"Mode": self.mode}}
        if self.update_status:
            out["UpdateStatus"] = self.update_status
        return out

    def tasks(self, sid):
        states = self.states[min(self.calls, len(self.states)) - 1]
        return [{"Slot": i + 1, "NodeID": "n1", "DesiredState": "running", "Status": {"State": st}}
                for i, st in enumerate(states)]

    def nodes(self):
        return [{"ID": "n1", "Status": {"State": "ready"}}]


class Clock:
    def __init__(self):
        self.t = 0.0

    def now(self):
        self.t += 1e-6  # time passes between two readings, as on a real clock
        return self.t

    def sleep(self, seconds):
        self.t += seconds


def _run(script):
    clock = Clock()
    return list(sp.progress_messages(script, "sid", sleep=clock.sleep, now=clock.now))


def _plain(messages) -> str:
    out = io.StringIO()
    sp.display(messages, out, tty=False)
    return out.getvalue()


def test_replicated_converges_after_the_monitor_period():
    messages = _run(Script(2, [["pending", "pending"], ["running", "starting"], ["running", "running"]]))
    lines = _plain(messages).splitlines()
    assert lines[:3] == ["overall progress: 0 out of 2 tasks", "1/2:  ", "2/2:  "]
    assert "overall progress: 1 out of 2 tasks" in lines and "overall progress: 2 out of 2 tasks" in lines
    waits = [line for line in lines if line.startswith("verify: Waiting")]
    assert waits[0] == "verify: Waiting 5 seconds to verify that tasks are stable..."
    assert waits[-1] == "verify: Waiting 1 seconds to verify that tasks are stable..."
    assert lines[-1] == "verify: Service sid converged"
    # the per-task states carry a bar: never printed off a terminal
    assert not any("running" in line or "pending" in line for line in lines)


def test_task_state_messages_are_bars_of_nine():
    messages = _run(Script(1, [["preparing"], ["running"]]))
    preparing = next(m for m in messages if m.get("id") == "1/1" and "preparing" in m["status"])
    assert preparing == {"id": "1/1", "status": "preparing", "progressDetail": {"current": 6, "total": 9,
                                                                                  "hidecounts": True}}


def test_task_error_is_shown_truncated():
    script = Script(1, [["rejected"], ["running"]])
    tasks = script.tasks

    def with_error(sid):
        out = tasks(sid)
        if script.calls == 1:
            out[0]["Status"]["Err"] = "no such image: " + "x" * 100
        return out

    script.tasks = with_error
    lines = _plain(_run(script)).splitlines()
    err = next(line for line in lines if line.startswith("1/1: no such image"))
    assert len(err) == len("1/1: ") + 75 and err.endswith("…")


def test_paused_update_is_an_error():
    with pytest.raises(PydockError, match="^service update paused: update paused due to failure$"):
        _run(Script(1, [["running"]], update_status={"State": "paused", "Message": "update paused due to failure"}))


def test_global_waits_for_tasks():
    script = Script(0, [[], ["running"]], mode={"Global": {}})
    lines = _plain(_run(script)).splitlines()
    assert lines[0] == "overall progress: waiting for new tasks"
    assert "overall progress: 1 out of 1 tasks" in lines


def test_terminal_redraws_each_id_in_place():
    messages = [sp._message("overall progress", "0 out of 1 tasks"), sp._message("1/1", " "),
                sp._message("1/1", "running  ", 9, 9, True), sp._message("overall progress", "1 out of 1 tasks")]
    out = io.StringIO()
    sp.display(messages, out, tty=True, width=120)
    text = out.getvalue()
    # jsonmessage: a new id opens a line ("\n"), then cursor up by (ids - line), clear, text, "\r", cursor down
    assert text.startswith("\n\x1b[1A\x1b[2K\roverall progress: 0 out of 1 tasks \r\x1b[1B")
    assert "\n\x1b[1A\x1b[2K\r1/1:   \r\x1b[1B" in text
    assert "\x1b[1A\x1b[2K\r1/1: running   [" + "=" * 50 + ">] \r\x1b[1B" in text
    assert text.endswith("\x1b[2A\x1b[2K\roverall progress: 1 out of 1 tasks \r\x1b[2B")
