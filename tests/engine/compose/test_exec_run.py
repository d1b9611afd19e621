"""`compose exec`, `attach` and `run` against the real v2 binary (helper H7).

The project (tests/compose_fixtures/ops-basic) is brought up by the oracle; both programs then address
the same containers by labels. Outputs, exit statuses and error lines are compared byte for byte; the
one-off containers `run` makes are compared field by field with v2's (names and slugs are random).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest

from tests.compose_oracle import compose_binary, run_compose, run_pydock_compose
from tests.conftest import ROOT, _env, read_pty, run_docker

FIXTURE = ROOT / "tests" / "compose_fixtures" / "ops-basic"


def both(project: str, *args: str, input: str = "", env: dict | None = None):
    v2 = run_compose("-p", project, *args, cwd=FIXTURE, input=input, env=env)
    ours = run_pydock_compose("-p", project, *args, cwd=FIXTURE, input=input, env=env)
    return v2, ours


def side_by_side(v2_project: str, ours_project: str, *args: str, **kw):
    """The same command through v2 and pydock at once, each on a project of its own (halves the wait)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        v2 = pool.submit(run_compose, "-p", v2_project, *args, cwd=FIXTURE, **kw)
        ours = pool.submit(run_pydock_compose, "-p", ours_project, *args, cwd=FIXTURE, **kw)
        return v2.result(), ours.result()


def same(v2, ours) -> None:
    assert (ours.returncode, ours.stdout, ours.stderr) == (v2.returncode, v2.stdout, v2.stderr), (v2, ours)


def inspect(ref: str) -> dict:
    r = run_docker("inspect", ref)
    assert r.returncode == 0, r
    return json.loads(r.stdout)[0]


def project_containers(project: str, *filters: str) -> list[str]:
    args = ["ps", "-a", "--format", "{{.Names}}", "--filter", f"label=com.docker.compose.project={project}"]
    for f in filters:
        args += ["--filter", f]
    return sorted(run_docker(*args).stdout.split())


def in_pty(argv: list[str], cwd, env: dict | None = None, timeout: float = 60) -> tuple[int, bytes]:
    """Run with stdin, stdout and stderr on a fresh pseudo-terminal; (status, everything written)."""
    import pty

    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=str(cwd), env=_env(env),
                         start_new_session=True)
    os.close(slave)
    out = read_pty(master, idle_timeout=timeout)
    return p.wait(timeout=timeout), out


# -- exec ---------------------------------------------------------------------------------------------

def test_exec_output_and_status(up):
    v2, ours = both(up, "exec", "-T", "web", "sh", "-c", "echo out; echo err >&2; exit 3")
    same(v2, ours)
    assert ours.returncode == 3 and ours.stdout == "out\n"


def test_exec_success_is_zero(up):
    v2, ours = both(up, "exec", "web", "echo", "hello")
    same(v2, ours)
    assert ours.returncode == 0 and ours.stdout == "hello\n"


def test_exec_flags(up):
    script = "echo $A $HOME $NOPE; pwd; id; hostname; env | sort"
    v2, ours = both(up, "exec", "-T", "--index", "2", "-e", "A=1", "-e", "HOME", "-e", "NOPE", "-u", "1:1",
                    "-w", "/bin", "web", "sh", "-c", script, env={"HOME": "/home/h7", "NOPE": None})
    same(v2, ours)
    assert "1 /home/h7" in ours.stdout and "uid=1 gid=1" in ours.stdout
    web2 = inspect(f"{up}-web-2")
    assert web2["Config"]["Hostname"] in ours.stdout


def test_exec_index_picks_the_container(up):
    for index, name in (("1", f"{up}-web-1"), ("2", f"{up}-web-2")):
        v2, ours = both(up, "exec", "--index", index, "web", "hostname")
        same(v2, ours)
        assert ours.stdout.strip() == inspect(name)["Config"]["Hostname"]


def test_exec_stdin_is_attached(up):
    v2, ours = both(up, "exec", "-T", "web", "cat", input="piped\n")
    same(v2, ours)
    assert ours.stdout == "piped\n"


def test_exec_detach(up):
    v2 = run_compose("-p", up, "exec", "-d", "db", "touch", "/made-by-v2", cwd=FIXTURE, input="")
    r = run_pydock_compose("-p", up, "exec", "-d", "db", "touch", "/made-by-exec", cwd=FIXTURE, input="")
    assert (r.returncode, r.stdout, r.stderr) == (v2.returncode, v2.stdout, v2.stderr) == (0, "", "")
    for path in ("/made-by-v2", "/made-by-exec"):
        for _ in range(20):
            if run_docker("exec", f"{up}-db-1", "ls", path).returncode == 0:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"exec -d did not run the command ({path})")


@pytest.mark.parametrize("args", [
    ("exec", "nosuch", "ls"),
    ("exec", "--index", "5", "web", "ls"),
    ("exec", "app", "ls"),  # a service with no container
    ("exec", "web"),
    ("exec",),
    ("exec", "--bogus", "web", "ls"),  # bad flags: cobra's message and usage line
    ("exec", "--index", "x", "web", "ls"),
    ("exec", "-e"),
])
def test_exec_errors(up, args):
    v2, ours = both(up, *args)
    same(v2, ours)
    assert ours.returncode == 1


def test_exec_stopped_service_is_not_running(db_stopped):
    up = db_stopped
    v2, ours = both(up, "exec", "db", "ls")
    same(v2, ours)
    assert ours.stderr == 'service "db" is not running\n'


def test_exec_tty_on_a_terminal(up):
    argv_v2 = [str(compose_binary()), "-p", up, "exec", "web", "sh", "-c", "tty; exit 2"]
    argv_ours = [sys.executable, "-m", "pydock", "compose", "-p", up, "exec", "web", "sh", "-c", "tty; exit 2"]
    rc_v2, out_v2 = in_pty(argv_v2, FIXTURE)
    rc_ours, out_ours = in_pty(argv_ours, FIXTURE)
    assert rc_ours == rc_v2 == 2
    assert b"/dev/pts/" in out_v2 and b"/dev/pts/" in out_ours
    # -T on a terminal: no TTY in the container
    rc, out = in_pty(argv_ours[:7] + ["-T"] + argv_ours[7:], FIXTURE)
    assert rc == 2 and b"not a tty" in out


# -- attach -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tool", ["v2", "pydock"])
def test_attach_streams_and_returns_the_status(compose_project, tool):
    project = f"{compose_project}-{tool}"
    r = run_compose("-p", project, "--profile", "ticker", "up", "-d", "ticker", cwd=FIXTURE)
    assert r.returncode == 0, r
    run = run_compose if tool == "v2" else run_pydock_compose
    a = run("-p", project, "attach", "--no-stdin", "ticker", cwd=FIXTURE, input="")
    # the same expectation for both tools (each on a project of its own, brought up just before it
    # attaches): the ticker's status, and v2's StatusError printed as an empty line on stderr
    assert (a.returncode, a.stdout, a.stderr) == (5, "tick\n", "\n"), a


def test_attach_errors(db_stopped):
    up = db_stopped
    for args in (("attach", "nosuch"), ("attach", "--index", "3", "web"), ("attach",), ("attach", "--bogus", "web"),
                 ("attach", "db"), ("attach", "app")):  # a stopped service, a service without containers
        v2, ours = both(up, *args)
        same(v2, ours)


# -- run ----------------------------------------------------------------------------------------------

RUN_NAME = re.compile(r"^(?P<project>.+)-app-run-(?P<slug>[0-9a-f]{12})$")


def oneoffs(project: str) -> list[dict]:
    names = project_containers(project, "label=com.docker.compose.oneoff=True")
    return [inspect(n) for n in names]


def test_run_output_and_status(compose_project):
    v2, ours = side_by_side(compose_project + "-o", compose_project, "run", "app", "sh", "-c",
                            "echo $FOO $APPVAR; exit 4", input="")
    assert (ours.returncode, ours.stdout) == (v2.returncode, v2.stdout) == (4, "fromfile\n")
    # the dependency was created and started first, as v2 does, with the same progress lines (v2 creates
    # and starts the two replicas concurrently: their lines interleave in any order)
    def lines(text: str) -> list[str]:
        return sorted(line for line in text.splitlines() if line)

    assert lines(ours.stderr) == lines(v2.stderr.replace(compose_project + "-o", compose_project))
    assert project_containers(compose_project, "status=running") == [f"{compose_project}-web-1",
                                                                       f"{compose_project}-web-2"]


def _comparable(info: dict, project: str) -> dict:
    cfg, host = info["Config"], info["HostConfig"]
    labels = {k: v for k, v in cfg["Labels"].items() if k not in ("com.docker.compose.slug",
                                                                   "com.docker.compose.config-hash")}
    labels["com.docker.compose.project"] = labels["com.docker.compose.project"].replace(project, "P")
    nets = info["NetworkSettings"]["Networks"]
    return {
        "name": re.sub(r"[0-9a-f]{12}$", "X", info["Name"].replace(project, "P")),
        "labels": labels, "cmd": cfg["Cmd"], "entrypoint": cfg["Entrypoint"], "env": sorted(cfg["Env"]),
        "user": cfg["User"], "workdir": cfg["WorkingDir"], "tty": cfg["Tty"], "open_stdin": cfg["OpenStdin"],
        "attach_stdin": cfg["AttachStdin"], "restart": host["RestartPolicy"], "auto_remove": host["AutoRemove"],
        "ports": host["PortBindings"], "binds": host["Binds"],
        "networks": {k.replace(project, "P"): len(v["Aliases"] or []) for k, v in nets.items()},
    }


@pytest.mark.parametrize("flags", [
    (),
    ("-e", "X=1", "-e", "FOO", "-u", "1:2", "-w", "/bin", "-l", "extra=yes", "--entrypoint", "sh -c",
     "-v", "/tmp:/hosttmp:ro", "-p", "127.0.0.1::81"),
    ("--service-ports", "--no-deps"),
    ("--use-aliases",),
    ("--rm", "-T", "--no-deps"),
])
def test_run_detached_container_matches_v2(compose_project, flags):
    v2p, ours_p = compose_project + "-o", compose_project
    cmd = ("sleep 30",) if "--entrypoint" in flags else ("sleep", "30")
    env = {"FOO": "from-os"}
    v2, ours = side_by_side(v2p, ours_p, "run", "-d", *flags, "app", *cmd, input="", env=env)
    assert v2.returncode == 0, v2
    assert ours.returncode == 0, ours
    [theirs] = oneoffs(v2p)
    [mine] = oneoffs(ours_p)
    assert ours.stdout == mine["Id"] + "\n" and v2.stdout == theirs["Id"] + "\n"
    m = RUN_NAME.match(mine["Name"].lstrip("/"))
    assert m and m["project"] == ours_p
    slug = mine["Config"]["Labels"]["com.docker.compose.slug"]
    assert re.fullmatch(r"[0-9a-f]{64}", slug) and slug[:12] == m["slug"]
    assert "com.docker.compose.container-number" not in mine["Config"]["Labels"]
    assert _comparable(mine, ours_p) == _comparable(theirs, v2p)
    deps_v2 = project_containers(v2p, "label=com.docker.compose.oneoff=False")
    deps_ours = project_containers(ours_p, "label=com.docker.compose.oneoff=False")
    assert [n.replace(v2p, "P") for n in deps_v2] == [n.replace(ours_p, "P") for n in deps_ours]


def test_run_rm_and_name(compose_project):
    results = {}
    for tool, project, run in (("v2", compose_project + "-o", run_compose), ("ours", compose_project, run_pydock_compose)):
        name = f"{project}-named"
        r = run("-p", project, "run", "--rm", "--name", name, "app", "sh", "-c", "echo gone; exit 2",
                cwd=FIXTURE, input="")
        assert project_containers(project, "label=com.docker.compose.oneoff=True") == [], tool  # --rm: nothing left
        d = run("-p", project, "run", "-d", "--no-deps", "--name", name, "app", "sleep", "30", cwd=FIXTURE, input="")
        assert d.returncode == 0, d
        info = inspect(name)
        assert d.stdout == info["Id"] + "\n"
        results[tool] = (r.returncode, r.stdout, _comparable(info, project))
    assert results["ours"] == results["v2"]
    assert results["ours"][:2] == (2, "gone\n")


def test_run_stdin_is_attached(compose_project):
    v2, ours = side_by_side(compose_project + "-o", compose_project, "run", "--rm", "--no-deps", "-T", "app",
                            "sh", "-c", "cat; exit 6", input="piped\nlines\n")
    assert (ours.returncode, ours.stdout) == (v2.returncode, v2.stdout) == (6, "piped\nlines\n")
    # v2 ends a non-zero status with an empty line on stderr (its StatusError without a message)
    assert ours.stderr == v2.stderr.replace(compose_project + "-o", compose_project)
    assert ours.stderr.endswith(" Created\n\n")


def test_run_tty_on_a_terminal(compose_project):
    tail = ["run", "--rm", "--no-deps", "app", "sh", "-c", "tty; exit 3"]
    argv = [sys.executable, "-m", "pydock", "compose", "-p", compose_project, *tail]
    argv_v2 = [str(compose_binary()), "-p", compose_project + "-o", *tail]
    for cmd in (argv_v2, argv):
        rc, out = in_pty(cmd, FIXTURE)
        assert rc == 3 and b"/dev/pts/" in out, out
        at = cmd.index("run") + 1
        rc, out = in_pty(cmd[:at] + ["-T"] + cmd[at:], FIXTURE)
        assert rc == 3 and b"not a tty" in out, out


@pytest.mark.parametrize("args", [
    ("run", "nosuch"),
    ("run", "-p", "80", "--service-ports", "app"),
    ("run", "-l", "novalue", "app"),
    ("run",),
    ("run", "--bogus", "app"),  # bad flags: cobra's message and usage line
    ("run", "--pull", "sometimes", "app"),
    ("run", "--tty", "-T", "app", "ls"),
    ("run", "-p", "notaport:x", "app"),
    # left out: `-v a:b:c:d` parses and fails only at the daemon, after the dependencies were started
])
def test_run_errors(compose_project, args):
    v2, ours = both(compose_project, *args)
    same(v2, ours)
    assert ours.returncode == 1
    assert project_containers(compose_project) == []


def test_run_quiet_hides_progress_only(compose_project):
    """-q: v2 silences its progress display, not the container's output nor the -d container ID."""
    results = []
    for project, run in ((compose_project + "-o", run_compose), (compose_project, run_pydock_compose)):
        r = run("-p", project, "run", "-q", "--rm", "app", "echo", "hi", cwd=FIXTURE, input="")
        d = run("-p", project, "run", "-q", "-d", "--no-deps", "app", "sleep", "30", cwd=FIXTURE, input="")
        [ctr] = oneoffs(project)
        assert d.stdout == ctr["Id"] + "\n"
        running = [re.sub(r"-run-[0-9a-f]{12}$", "-run-X", n.replace(project, "P"))
                   for n in project_containers(project, "status=running")]
        results.append((r.returncode, r.stdout, r.stderr, d.returncode, d.stderr, running))
    v2, ours = results
    assert ours == v2
    assert ours[5] == ["P-app-run-X", "P-web-1", "P-web-2"]
    assert ours[:3] == (0, "hi\n", "")
