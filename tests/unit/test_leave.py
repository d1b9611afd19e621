"""pydock/__main__.py `_leave`: the process ends without the interpreter's finalization, but everything
finalization would have done that anyone can see still happens."""

import os
import subprocess
import sys

import pytest


def leave(body: str) -> subprocess.CompletedProcess:
    code = f"import atexit, sys, threading, time\nfrom pydock.__main__ import _leave\n{body}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)


def test_buffered_output_atexit_functions_and_threads_all_finish_before_the_exit():
    p = leave("def late():\n    time.sleep(0.3)\n    sys.stdout.write('thread;')\n"
              "threading.Thread(target=late).start()\n"
              "atexit.register(lambda: sys.stdout.write('atexit;'))\n"
              "sys.stdout.write('buffered;')\nsys.stderr.write('err')\n_leave(3)")
    assert (p.returncode, p.stdout, p.stderr) == (3, "buffered;thread;atexit;", "err")


def test_an_executor_left_open_is_shut_down_as_at_a_normal_exit():
    p = leave("from concurrent.futures import ThreadPoolExecutor\n"
              "pool = ThreadPoolExecutor(2)\npool.submit(lambda: time.sleep(0.2) or sys.stdout.write('work;'))\n"
              "_leave(0)")
    assert (p.returncode, p.stdout) == (0, "work;")


def test_a_daemon_thread_does_not_hold_the_exit():
    p = leave("threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n_leave(0)")
    assert p.returncode == 0


def test_a_temporary_directory_is_removed_as_at_a_normal_exit(tmp_path):
    p = leave(f"import tempfile\nt = tempfile.TemporaryDirectory(dir={str(tmp_path)!r})\nprint(t.name)\n_leave(0)")
    assert p.returncode == 0 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code, status", [(None, 0), (0, 0), (1, 1), (125, 125), (256 + 7, 7), (-1, 255), ("x", 1)])
def test_the_status_is_what_sys_exit_would_give(code, status):
    assert leave(f"_leave({code!r})").returncode == status
    assert subprocess.run([sys.executable, "-c", f"import sys; sys.exit({code!r})"],
                          capture_output=True).returncode == status


def test_a_reader_gone_before_the_last_flush_is_a_quiet_141():
    code = "import sys, time\nfrom pydock.__main__ import _leave\nsys.stdout.write('x' * 100)\ntime.sleep(0.5)\n_leave(0)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # the write must stay buffered
    p = subprocess.run(f"{sys.executable} -c \"{code}\" | true; echo ${{PIPESTATUS[0]}}", env=env,
                       shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=30)
    assert (p.stdout.strip(), p.stderr) == ("141", "")
