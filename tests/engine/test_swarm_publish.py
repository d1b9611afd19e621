"""A published port of a replicated service answers on 127.0.0.1 (issue 14).

The tests' swarm daemon runs with --iptables=false, so that it never rewrites the main daemon's chains: the
routing mesh (`mode=ingress`, swarm's default) needs those rules and cannot answer here; `mode=host` is served
by the daemon's userland proxy on this machine's port, and is what this test reaches.
"""

from __future__ import annotations

import socket
import time
import urllib.request

from tests.conftest import run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.swarmd import swarm  # noqa: F401  (the fixture)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_host_mode_published_port_answers_on_localhost(swarm):  # noqa: F811
    port, name = _free_port(), f"pdpub-{RUN_ID}"
    out = run_pydock("service", "create", "-d", "--name", name, "--label", LABEL, "--replicas", "1",
                     "--stop-grace-period", "1s", "--publish", f"mode=host,published={port},target=80",
                     TEST_IMAGE, "sh", "-c", "mkdir -p /www; echo served-by-swarm > /www/index.html; httpd -f -p 80 -h /www",
                     env=swarm.env)
    try:
        assert out.returncode == 0, out.stderr
        body, deadline = None, time.monotonic() + 60
        while body is None and time.monotonic() < deadline:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2).read()
            except OSError:
                time.sleep(0.5)
        assert body == b"served-by-swarm\n"
        args = ("service", "ls", "--filter", f"name={name}", "--format", "{{.Replicas}}|{{.Ports}}")
        ours, theirs = run_pydock(*args, env=swarm.env), run_docker(*args, env=swarm.env)
        assert ours.stdout == theirs.stdout == "1/1|\n"  # host-mode ports are the tasks', not in docker's column
    finally:
        swarm.docker("service", "rm", name)
