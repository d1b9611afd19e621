"""`pydock compose ps`: the project's containers (v2 cmd/compose/ps.go, pkg/compose/ps.go,
cmd/formatter/container.go). Also home of what the read-only verbs share: `project_or_name`,
`project_name` (v2's projectOrName / toProjectName) and `ComposeContainerView`."""

from __future__ import annotations

import click

from .._lazy import command

DEFAULT_FORMAT = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}"
FORMAT_HELP = ("Format output using a custom template:\n'table':            Print output in table format with column "
               "headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n"
               "'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\n"
               "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output "
               "with templates")


# -- shared by the read-only verbs ------------------------------------------------------------------

def load(capp, services=()):
    """The project the compose files describe (v2's ToProject)."""
    from ...compose import progress
    from ...compose.loader import load_project

    return load_project(capp.load_options(services=tuple(services)),
                        warn=lambda m: progress.log_warning(capp.err, m, capp.environ))


def project_or_name(capp, services=()):
    """v2's projectOrName: (project or None, name). With `-p` and no `-f` the name alone; otherwise the
    loaded project, or COMPOSE_PROJECT_NAME alone when loading fails."""
    from ...compose.errors import ComposeError

    o = capp.options
    if o.files or not o.project_name:
        try:
            p = load(capp, services)
        except ComposeError:
            env_name = capp.environ.get("COMPOSE_PROJECT_NAME", "")
            if env_name:
                return None, env_name
            raise
        return p, p.name
    return None, o.project_name


def project_name(capp) -> str:
    """v2's toProjectName: -p, else COMPOSE_PROJECT_NAME, else the loaded project's name."""
    if capp.options.project_name:
        return capp.options.project_name
    env_name = capp.environ.get("COMPOSE_PROJECT_NAME", "")
    if env_name:
        return env_name
    return load(capp).name


def check_services(project, services) -> None:
    from ...compose.errors import ComposeError

    if project is None:
        return
    names = list(project.services)
    for s in services:
        if s not in names:
            raise ComposeError(f"no such service: {s}")


def canonical_name(c: dict) -> str:
    """v2's getCanonicalContainerName."""
    names = c.get("Names") or []
    if not names:
        return (c.get("Id") or "")[:12]
    for n in names:
        if n.rfind("/") == 0:
            return n[1:]
    return names[0].lstrip("/")


def _view_class():
    from ...render.views import ContainerView, displayable_ports, ellipsis, go_quote

    class ComposeContainerView(ContainerView):
        """v2's formatter.ContainerContext over its api.ContainerSummary."""

        go_type = "*formatter.ContainerContext"
        json_fields = ("Command", "CreatedAt", "ExitCode", "Health", "ID", "Image", "Labels", "LocalVolumes",
                       "Mounts", "Name", "Names", "Networks", "Ports", "Project", "Publishers", "RunningFor",
                       "Service", "Size", "State", "Status")
        headers = {"ID": "CONTAINER ID", "Name": "NAME", "Project": "PROJECT", "Service": "SERVICE",
                   "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT", "RunningFor": "CREATED",
                   "Ports": "PORTS", "State": "STATE", "Status": "STATUS", "Size": "SIZE", "Labels": "LABELS"}

        def __init__(self, c: dict, trunc: bool = True, inspect: dict | None = None):
            super().__init__(c, trunc)
            state = (inspect or {}).get("State") or {}
            self.health, self.exit_code = "", 0
            if state.get("Status") == "running":
                self.health = (state.get("Health") or {}).get("Status", "")
            elif state.get("Status") in ("exited", "dead"):
                self.exit_code = state.get("ExitCode", 0)
            ports = sorted(c.get("Ports") or [], key=lambda p: p.get("PrivatePort", 0))
            self.publishers = [Publisher(p.get("IP", ""), p.get("PrivatePort", 0), p.get("PublicPort", 0),
                                         p.get("Type", "")) for p in ports]

        def Name(self) -> str:  # noqa: N802
            return canonical_name(self.c)

        def Image(self) -> str:  # noqa: N802
            return self.c.get("Image", "")

        def Command(self) -> str:  # noqa: N802
            cmd = self.c.get("Command", "")
            return go_quote(ellipsis(cmd, 20) if self.trunc else cmd)

        def Service(self) -> str:  # noqa: N802
            return (self.c.get("Labels") or {}).get("com.docker.compose.service", "")

        def Project(self) -> str:  # noqa: N802
            return (self.c.get("Labels") or {}).get("com.docker.compose.project", "")

        def ExitCode(self) -> int:  # noqa: N802
            return self.exit_code

        def Health(self) -> str:  # noqa: N802
            return self.health

        def Publishers(self):  # noqa: N802
            return self.publishers

        def Ports(self) -> str:  # noqa: N802
            return displayable_ports([{"IP": p.URL, "PrivatePort": p.TargetPort, "PublicPort": p.PublishedPort,
                                       "Type": p.Protocol} for p in self.publishers])

        def Mounts(self) -> str:  # noqa: N802
            names = []
            for m in self.c.get("Mounts") or []:
                name = m.get("Name") or m.get("Source", "")
                names.append(ellipsis(name, 15) if self.trunc else name)
            return ",".join(names)

        def Networks(self) -> str:  # noqa: N802
            # v2 ranges over a Go map: the order is not defined; sorted here
            return ",".join(sorted(((self.c.get("NetworkSettings") or {}).get("Networks") or {})))

    return ComposeContainerView


class Publisher:
    """api.PortPublisher: prints as Go prints a struct in a template (`{127.0.0.1 8080 32774 tcp}`)."""

    go_type = "api.PortPublisher"

    def __init__(self, url: str, target: int, published: int, protocol: str):
        self.URL, self.TargetPort, self.PublishedPort, self.Protocol = url, target, published, protocol

    def to_json(self) -> dict:
        return {"URL": self.URL, "TargetPort": self.TargetPort, "PublishedPort": self.PublishedPort,
                "Protocol": self.Protocol}

    def __str__(self) -> str:
        return f"{{{self.URL} {self.TargetPort} {self.PublishedPort} {self.Protocol}}}"


class GoBool(click.ParamType):
    """A pflag boolean that takes `--flag` or `--flag=false` (strconv.ParseBool's words)."""

    name = "bool"

    def convert(self, value, param, ctx):
        from .._lazy import GO_BOOLS

        if isinstance(value, bool):
            return value
        if value in GO_BOOLS:
            return GO_BOOLS[value]
        self.fail(f'invalid argument "{value}" for "--{param.name}" flag: strconv.ParseBool: parsing "{value}": '
                  "invalid syntax", param, ctx)


def _parse_filter(value: str) -> list[str]:
    from ...compose.errors import ComposeError

    if not value:
        return []
    key, eq, val = value.partition("=")
    if not eq:
        raise ComposeError("arguments to --filter should be in form KEY=VAL")
    if key == "status":
        return [val]
    if key == "source":
        raise ComposeError("not implemented")
    raise ComposeError(f"unknown filter {key}")


EXAMPLES = (
    ('Every container of the project, stopped ones too', 'pydock compose ps -a'),
    ('Service names only', 'pydock compose ps --services'),
)


@command("ps", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="List containers")
@click.argument("services", nargs=-1)
@click.option("-a", "--all", "all_", is_flag=True,
              help="Show all stopped containers (including those created by the run command)")
@click.option("--filter", "filter_", default="", metavar="string",
              help="Filter services by a property (supported filters: status)")
@click.option("--format", "format_", default="table", metavar="string", help=FORMAT_HELP)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.option("--orphans", type=GoBool(), is_flag=False, flag_value="true", default="true", metavar="",
              help="Include orphaned services (not declared by project) (default true)")
@click.option("-q", "--quiet", is_flag=True, help="Only display IDs")
@click.option("--services", "show_services", is_flag=True, help="Display services")
@click.option("--status", multiple=True, metavar="stringArray",
              help="Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]")
@click.pass_obj
def command(capp, services, all_, filter_, format_, no_trunc, orphans, quiet, show_services, status):
    capp.out.write(run_ps(capp, list(services), all_=all_, filter_=filter_, format_=format_, no_trunc=no_trunc,
                          orphans=orphans, quiet=quiet, show_services=show_services, status=list(status)))


def run_ps(capp, services: list[str], *, all_=False, filter_="", format_="table", no_trunc=False, orphans=True,
           quiet=False, show_services=False, status=()) -> str:
    from ...compose import state
    from ...engine.api import containers as api
    from ...render.formatter import Format, prepare, render_rows
    from .._parallel import in_parallel, joined

    status = list(status) + _parse_filter(filter_)
    project, name = project_or_name(capp, services)
    if project is not None:
        check_services(project, services)
        if not services and not orphans:
            services = list(project.services)
    all_ = all_ or bool(status)
    engine = capp.engine
    found = state.containers(engine, name.lower(), oneoff=state.ONEOFF_INCLUDE if all_ else state.ONEOFF_EXCLUDE,
                             all=all_, services=services)
    if services:
        found = [c for c in found if state.service_of(c) in services]
    inspected = {}
    results, errors = [], []
    for c, info, error in in_parallel(lambda c: api.inspect(engine, c["Id"]), found):
        (errors.append(error) if error else results.append((c, info)))
    if errors:
        raise joined(errors)
    inspected = {c["Id"]: info for c, info in results}
    if status:
        found = [c for c in found if c.get("State") in status]
    found.sort(key=canonical_name)
    if quiet:
        return "".join(c["Id"] + "\n" for c in found)
    if show_services:
        seen = []
        for c in found:
            if state.service_of(c) not in seen:
                seen.append(state.service_of(c))
        return "\n".join(seen) + "\n"
    if not format_:
        format_ = capp.app.config.get("psFormat") or ""
    view = _view_class()
    fmt = Format.parse(format_, DEFAULT_FORMAT)
    tmpl = prepare(fmt)
    rows = [view(c, trunc=not no_trunc, inspect=inspected.get(c["Id"])) for c in found]
    return render_rows(fmt, tmpl, rows, view.headers)
