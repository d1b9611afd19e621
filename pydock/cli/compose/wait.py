"""`pydock compose wait`: block until the services' running containers stop (v2 cmd/compose/wait.go,
pkg/compose/wait.go). Exits with the status code of the container that stopped last."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ('Wait for the migrations to finish, then stop the project', 'pydock compose wait --down-project migrate'),
)


@command("wait", examples=EXAMPLES, usage="SERVICE [SERVICE...] [OPTIONS]", args=(1, None),
         help="Block until containers of all (or specified) services stop.")
@click.argument("services", nargs=-1)
@click.option("--down-project", is_flag=True, help="Drops project when the first container stops")
@click.pass_obj
def command(capp, services, down_project):
    from .events import interruptible

    with interruptible(capp):
        _wait(capp, services, down_project)


def _wait(capp, services, down_project):
    import threading

    from ...compose import state
    from ...compose.errors import ComposeError
    from ...engine.api import containers as api
    from ...errors import PydockError
    from .ps import project_or_name

    services = list(services)
    _, name = project_or_name(capp)
    found = state.containers(capp.engine, name, oneoff=state.ONEOFF_INCLUDE, all=False, services=services)
    if not found:
        raise ComposeError(f'no containers for project "{name}"')
    _ = capp.engine.api_version
    lock = threading.Lock()
    result = {"code": 0, "errors": []}

    def wait_one(cid: str) -> None:
        try:
            code = (api.wait(capp.engine, cid) or {}).get("StatusCode", 0)
        except PydockError as e:
            with lock:
                result["errors"].append(e)
            return
        with lock:
            capp.out.write(f'container "{cid}" exited with status code {code}\n')
            capp.out.flush()
            result["code"] = code

    threads = [threading.Thread(target=wait_one, args=(c["Id"],), daemon=True) for c in found]
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(0.2)
    if result["errors"]:
        raise PydockError(str(result["errors"][0]), 42 if False else 1)
    if down_project:
        from ...compose import lifecycle

        target = lifecycle.project_or_name(capp)
        lifecycle.run_with_progress(capp, "Running", lambda c: lifecycle.down(c, target, (), remove_orphans=True))
    if result["code"]:
        raise PydockError("", result["code"])
