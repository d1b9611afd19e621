"""`pydock compose run`: a one-off container of a service (v2 cmd/compose/run.go, pkg/compose/run.go).

Order as v2: load the project (the service and its dependencies), apply the flags to the service, create
and start the dependencies (unless --no-deps) with `up`'s converge code, check the TTY, name the
container `<project>-<service>-run-<12 hex>` (labels oneoff=True and slug), make sure its image exists
(pull/build), wait for the dependencies' conditions, create it (no restart policy, no number), then
start it: attached (a TTY by default when on a terminal; stdin kept open) with the command's exit
status, or with -d print its ID.
"""

from __future__ import annotations

import click

from ...errors import StatusError
from .exec import cobra_command, flag_given

SETTINGS = {"help_option_names": ["--help"], "max_content_width": 100, "allow_interspersed_args": False}
PULL_POLICIES = ("always", "missing", "never", "build", "if_not_present", "")


def _multi(*decls, help):
    return click.option(*decls, multiple=True, metavar="stringArray", help=help)


EXAMPLES = (
    ('A one-off command, removed afterwards', 'pydock compose run --rm web python manage.py migrate'),
)


@cobra_command("run", examples=EXAMPLES, usage="[OPTIONS] SERVICE [COMMAND] [ARGS...]", args=(1, None),
               help="Run a one-off command on a service", context_settings=SETTINGS)
@click.option("--build", is_flag=True, help="Build image before starting container")
@click.option("--cap-add", multiple=True, metavar="list", help="Add Linux capabilities")
@click.option("--cap-drop", multiple=True, metavar="list", help="Drop Linux capabilities")
@click.option("-d", "--detach", is_flag=True, help="Run container in background and print container ID")
@click.option("--entrypoint", default=None, metavar="string", help="Override the entrypoint of the image")
@_multi("-e", "--env", help="Set environment variables")
@_multi("--env-from-file", help="Set environment variables from file")
@click.option("-i", "--interactive", is_flag=True, default=True, help="Keep STDIN open even if not attached (default true)")
@_multi("-l", "--label", "--labels", "labels", help="Add or override a label")
@click.option("--name", default="", metavar="string", help="Assign a name to the container")
@click.option("-T", "--no-TTY", "--no-tty", "no_tty", is_flag=True,
              help="Disable pseudo-TTY allocation (default: auto-detected) (default true)")
@click.option("--no-deps", is_flag=True, help="Don't start linked services")
@_multi("-p", "--publish", help="Publish a container's port(s) to the host")
@click.option("--pull", default="policy", metavar="string", help='Pull image before running ("always"|"missing"|"never") (default "policy")')
@click.option("-q", "--quiet", is_flag=True, help="Don't print anything to STDOUT")
@click.option("--quiet-build", is_flag=True, help="Suppress progress output from the build process")
@click.option("--quiet-pull", is_flag=True, help="Pull without printing progress information")
@click.option("--remove-orphans", is_flag=True, help="Remove containers for services not defined in the Compose file")
@click.option("--rm", is_flag=True, help="Automatically remove the container when it exits")
@click.option("-P", "--service-ports", is_flag=True, help="Run command with all service's ports enabled and mapped to the host")
@click.option("-t", "--tty", "tty_flag", is_flag=True, default=True, hidden=True, help="Allocate a pseudo-TTY")
@click.option("--use-aliases", is_flag=True, help="Use the service's network useAliases in the network(s) the container connects to")
@click.option("-u", "--user", default="", metavar="string", help="Run as specified username or uid")
@_multi("-v", "--volume", "--volumes", "volumes", help="Bind mount a volume")
@click.option("-w", "--workdir", default="", metavar="string", help="Working directory inside the container")
@click.argument("args", metavar="SERVICE [COMMAND] [ARGS...]", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def command(ctx, args, **o):
    import sys

    from ...compose.errors import ComposeError
    from ...compose.loader.structs import shell_split
    from ...compose.oneoff import RunSpec

    capp = ctx.obj
    service, cmd = args[0], list(args[1:])
    if o["publish"] and o["service_ports"]:
        raise ComposeError("--service-ports and --publish are incompatible")
    entrypoint = shell_split(o["entrypoint"]) if flag_given(ctx, "entrypoint") else None
    no_tty = o["no_tty"] if flag_given(ctx, "no_tty") else not capp.app.out_is_tty()
    if flag_given(ctx, "tty_flag"):
        if flag_given(ctx, "no_tty"):
            raise ComposeError("--tty and --no-TTY can't be used together")
        no_tty = not o["tty_flag"]
    elif not flag_given(ctx, "no_tty") and not flag_given(ctx, "interactive") and not _isatty(sys.stdin):
        no_tty = True
    pull_changed = flag_given(ctx, "pull")
    if pull_changed and o["pull"] not in PULL_POLICIES:
        raise ComposeError(f'invalid --pull option "{o["pull"]}"')
    spec = RunSpec(service=service, command=cmd, name=o["name"], tty=not no_tty, interactive=o["interactive"],
                   user=o["user"], workdir=o["workdir"], entrypoint=entrypoint, cap_add=list(o["cap_add"]),
                   cap_drop=list(o["cap_drop"]), service_ports=o["service_ports"], publish=list(o["publish"]),
                   volumes=list(o["volumes"]))
    status = run_oneoff(capp, spec, env=o["env"], env_files=o["env_from_file"], label_values=o["labels"],
                        detach=o["detach"], rm=o["rm"], no_deps=o["no_deps"], quiet=o["quiet"],
                        quiet_pull=o["quiet_pull"], force_build=o["build"], remove_orphans=o["remove_orphans"],
                        pull=o["pull"] if pull_changed else None, use_aliases=o["use_aliases"])
    if status:
        # v2 returns cli.StatusError{Status: ""} and the plugin runner prints it: an empty line on stderr
        capp.err.write("\n")
        capp.err.flush()
        raise StatusError("", status)


def _isatty(stream) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def run_oneoff(capp, spec, *, env=(), env_files=(), label_values=(), detach=False, rm=False, no_deps=False,
               quiet=False, quiet_pull=False, force_build=False, remove_orphans=False, pull=None,
               use_aliases=False) -> int:
    """-q is v2's `progress.Mode = quiet` plus `os.Stdout = devnull`; the latter does not reach the
    container's output nor the -d ID (written to dockerCli.Out(), opened before): only progress goes."""
    import dataclasses

    saved = capp.options
    if quiet:
        capp.options = dataclasses.replace(saved, progress="quiet")
    try:
        return _run(capp, spec, env=env, env_files=env_files, label_values=label_values, detach=detach, rm=rm,
                    no_deps=no_deps, quiet=quiet, quiet_pull=quiet_pull, force_build=force_build,
                    remove_orphans=remove_orphans, pull=pull, use_aliases=use_aliases)
    finally:
        capp.options = saved


def _run(capp, spec, *, env, env_files, label_values, detach, rm, no_deps, quiet, quiet_pull, force_build,
         remove_orphans, pull, use_aliases) -> int:
    """RunOneOffContainer: prepareRun, then start (attached, or -d printing the ID)."""
    import copy
    import sys

    from ...compose import convert, lifecycle, oneoff, progress
    from ...compose.converge import Compose, CreateOptions, StartOptions, depends_on, string_to_bool
    from ...compose.errors import ComposeError
    from ...compose.state import is_oneoff, service_of
    from ...engine.api import containers as api
    from ...engine.api import networks as napi
    from ...errors import PydockError
    from .._attach import check_tty, start_attached

    # runOptions.apply (--no-deps selection, ports, volumes), createOptions.Apply (--pull, --build),
    # the labels, the environment: all checked before anything is created
    project = lifecycle.load(capp, [spec.service])
    if no_deps:
        project = lifecycle.select_services(project, [spec.service], with_deps=False)
    if spec.service not in project.services:
        raise ComposeError(f"no such service: {spec.service}")
    project = copy.copy(project)
    project.model = dict(project.model)
    services = dict(project.services)
    services[spec.service] = oneoff.apply_cli(services[spec.service], spec)
    for name in services:
        if pull is not None:
            services[name] = {**services[name], "pull_policy": pull}
        if force_build and services[name].get("build") is not None:
            services[name] = {**services[name], "pull_policy": "build"}
    project.model["services"] = services
    spec.labels = oneoff.parse_labels(label_values)
    spec.environment = _environment(env, env_files, project.environment)
    ignore_orphans = string_to_bool(project.environment.get("COMPOSE_IGNORE_ORPHANS", ""))

    # startDependencies: the project without the target (WithServicesDisabled): create, then start
    deps = _without_service(project, spec.service)
    create_opts = CreateOptions(services=(), remove_orphans=remove_orphans, ignore_orphans=ignore_orphans,
                                quiet_pull=quiet_pull)
    compose = Compose.for_app(capp)
    with compose.capp_writer("") as w:
        c = compose.with_writer(w)
        c.create(deps, create_opts)
        if deps.services:
            c.start(deps, StartOptions())

    service = project.services[spec.service]
    slug = oneoff.new_slug()
    service, name = oneoff.apply_run_options(service, spec, slug, project.name, project.environment)
    check_tty(sys.stdin, spec.interactive, bool(service.get("tty")))
    services = dict(project.services)
    services[spec.service] = service
    project.model["services"] = services

    with compose.capp_writer("") as w:
        # only the target's image: the dependencies' were handled by startDependencies. v2 runs this
        # outside any progress display: pulls open their own (shown), build events go nowhere
        c = compose.with_writer(_WithoutBuildEvents(w, progress))
        images = c.ensure_images(project, {spec.service: service},
                                 CreateOptions(quiet_pull=quiet_pull, force_build=force_build))
        observed = c.containers(project.name, oneoff="include")
        if not no_deps:
            c.wait_dependencies(project, spec.service, depends_on(service), observed)

    def lookup(dep: str) -> list[dict]:
        return [x for x in observed if service_of(x) == dep and not is_oneoff(x)]

    plan = convert.container_plan(
        project, spec.service, number=-1, name=name,
        image_id=images.get(convert.image_name(project.name, spec.service, service)),
        api_version=capp.engine.api_version, lookup_container=lookup, oneoff=True,
        extra_labels=oneoff.slug_labels(slug), proxies=capp.app.proxy_settings(),
        use_network_aliases=use_aliases, attach_stdin=spec.interactive, auto_remove=rm)
    for warning in plan.warnings:
        progress.log_warning(capp.err, warning, capp.environ)
    try:
        created = api.create(capp.engine, plan.body, name=plan.name, platform=plan.platform or None)
        cid = created["Id"]
        for net, endpoint in _connect_items(plan.connect):
            napi.connect(capp.engine, net, cid, endpoint)
        info = api.inspect(capp.engine, cid)
    except ComposeError:
        raise
    except PydockError as e:
        raise ComposeError(str(e)) from None

    if detach:
        try:
            api.start(capp.engine, cid)
        except PydockError as e:
            raise ComposeError(str(e)) from None
        capp.app.write(cid + "\n")
        capp.app.out.flush()
        return 0
    return start_attached(capp.app, info, interactive=spec.interactive, detach_keys=None)


class _WithoutBuildEvents:
    """A progress writer that drops the build step's `Building`/`Built` events."""

    def __init__(self, inner, progress):
        self.inner = inner
        self.events = progress.Writer.events.__get__(self)

    def event(self, e) -> None:
        if "Building" in (e.text, e.status_text) or "Built" in (e.text, e.status_text):
            return
        self.inner.event(e)

    def tail(self, message: str) -> None:
        self.inner.tail(message)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _without_service(project, name: str):
    """compose-go WithServicesDisabled: `name` moves to the disabled services and the others' depends_on
    entries on it are dropped."""
    import copy

    p = copy.copy(project)
    p.model = dict(project.model)
    enabled = {}
    for n, s in project.services.items():
        if n == name:
            continue
        if name in (s.get("depends_on") or {}):
            s = dict(s)
            s["depends_on"] = {d: c for d, c in s["depends_on"].items() if d != name}
        enabled[n] = s
    p.model["services"] = enabled
    p.disabled = {**(project.disabled or {}), name: project.services[name]}
    return p


def _connect_items(connect) -> list:
    if not connect:
        return []
    if isinstance(connect, dict):
        return list(connect.items())
    return list(connect)


def _environment(values, files, project_env: dict) -> list[str]:
    """getEnvironment: -e resolved against the project environment (unset names dropped), then each
    --env-from-file adds the names not already set."""
    from ...compose.errors import ComposeError

    env: dict[str, str] = {}
    for value in values:
        key, eq, rest = value.partition("=")
        if eq:
            env[key] = rest
        elif key in project_env:
            env[key] = project_env[key]
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise ComposeError(f"open {path}: {e.strerror.lower() if e.strerror else e}") from None
        for key, value in _parse_dotenv(text, env).items():
            env.setdefault(key, value)
    return [f"{k}={v}" for k, v in env.items()]


def _parse_dotenv(text: str, lookup: dict) -> dict[str, str]:
    try:
        from ...compose.loader import dotenv  # the loader's parser, when present

        return dict(dotenv.parse(text, lambda k: (lookup[k], True) if k in lookup else ("", False)))
    except (ImportError, AttributeError, TypeError):
        pass
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[7:].lstrip()
        key, eq, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not eq:
            if key in lookup:
                out[key] = lookup[key]
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key] = value
    return out
