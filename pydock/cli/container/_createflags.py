"""Every `docker create`/`docker run` flag, and the turn from click's values into a CreateRequest.

- `create_flags(func)`: the click decorator. Names, shorthands, metavars, defaults and help follow
  `docker create --help`; repeatable flags are `multiple=True`; `-h` is `--hostname`. Values that docker
  checks while parsing flags (sizes, durations, -e, -l, --mount, --ulimit, ...) are converted here, so a
  bad one fails like pflag: `invalid argument "x" for "-m, --memory" flag: ...` + usage, exit 125.
- `build_request(values, image, command, *, environ, cwd)`: reads --env-file/--label-file/seccomp files
  and hands everything to the pure builder (`pydock.opts.create`). The checks docker makes after flag
  parsing fail as `pydock: <msg>\\n\\nRun 'pydock create --help' for more information` (exit 125), naming
  the verb being run (`create` or `run`).

Commands using these flags need `context_settings` with `allow_interspersed_args=False` and a trailing
`nargs=-1, type=click.UNPROCESSED` argument, so flags after the image belong to the container.
"""

from __future__ import annotations

import os

import click

from .._params import DockerParam, Parsed

# -- flag types --------------------------------------------------------------------------------------

INT = Parsed("int", "units:parse_go_int")
UINT16 = Parsed("uint16", "units:parse_go_uint16")
UINT64 = Parsed("uint64", "units:parse_go_uint")
BYTES = Parsed("bytes", "units:ram_in_bytes")
SWAP = Parsed("bytes", "units:mem_swap_bytes")
DECIMAL = Parsed("decimal", "units:nano_cpus")
DURATION = Parsed("duration", "units:parse_duration")
ENV = Parsed("list", "env:check_env_name")
LABEL = Parsed("list", "env:validate_label")
ATTACH = Parsed("list", "create:validate_attach")
DNS = Parsed("list", "network:validate_ip")
DNS_SEARCH = Parsed("list", "network:validate_dns_search")
HOST = Parsed("list", "network:validate_extra_host")
LINK = Parsed("list", "network:validate_link")
NETWORK = Parsed("network", "network:parse_network")
SYSCTL = Parsed("map", "env:validate_sysctl")
ULIMIT = Parsed("ulimit", "ulimits:parse_ulimit")
GPUS = Parsed("gpu-request", "devices:parse_gpus")
CGROUP_RULE = Parsed("list", "devices:validate_cgroup_rule")
WEIGHT_DEVICE = Parsed("list", "devices:weight_device")
BPS_DEVICE = Parsed("list", "devices:throttle_bps_device")
IOPS_DEVICE = Parsed("list", "devices:throttle_iops_device")


class _Mount(Parsed):
    """`--mount`: checked now (as pflag does), built later against the request's working directory.
    The one deprecation docker logs while parsing is logged here too, in logrus' text format."""

    def __init__(self):
        super().__init__("mount", "mounts:parse_mount")

    def convert(self, value, param, ctx):
        from ...opts._errors import OptionError
        from ...opts.mounts import parse_mount

        try:
            _, warnings = parse_mount(value, os.getcwd())
        except OptionError as e:
            self.fail_value(value, str(e), param, ctx)
        for warning in warnings if not ctx.meta.get("pydock.precheck") else ():
            click.echo(f'time="{_now()}" level=warning msg="{warning}"', err=True)
        return value


def _now() -> str:
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


MOUNT = _Mount()


class _Option(click.Option):
    """An option whose extra spellings (`--net` for `--network`, a boolean's `--no-x`) work but stay
    out of the help."""

    def __init__(self, *a, hidden_decls: tuple[str, ...] = (), **kw):
        super().__init__(*a, **kw)
        self.hidden_decls = hidden_decls

    def add_to_parser(self, parser, ctx):
        """A single-valued flag with a checked type keeps every occurrence, so each is checked: pflag
        parses `--stop-timeout x --stop-timeout 1` value by value and fails on the `x`."""
        if self.is_flag or self.multiple or not isinstance(self.type, DockerParam):
            return super().add_to_parser(parser, ctx)
        parser.add_option(obj=self, opts=self.opts, dest=self.name, action="append", nargs=self.nargs)

    def type_cast_value(self, ctx, value):
        if isinstance(value, list) and not self.multiple and not self.is_flag:
            converted = [super(_Option, self).type_cast_value(ctx, v) for v in value]
            return converted[-1] if converted else None  # the last one wins, as in pflag
        return super().type_cast_value(ctx, value)

    def get_help_record(self, ctx):
        opts, secondary = self.opts, self.secondary_opts
        self.opts, self.secondary_opts = [o for o in opts if o not in self.hidden_decls], []
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts, self.secondary_opts = opts, secondary


# -- the flag table ---------------------------------------------------------------------------------
# (declarations, python name, type, metavar, help). A type of None is a boolean flag, str a string,
# and a trailing "*" on the metavar marks a repeatable flag. Hidden aliases follow a "|".

FLAGS = (
    ("--add-host", "add_host", HOST, "list*", "Add a custom host-to-IP mapping (host:ip)"),
    ("--annotation", "annotation", str, "map*",
     "Add an annotation to the container (passed through to the OCI runtime) (default map[])"),
    ("-a --attach", "attach", ATTACH, "list*", "Attach to STDIN, STDOUT or STDERR"),
    ("--blkio-weight", "blkio_weight", UINT16, "uint16",
     "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
    ("--blkio-weight-device", "blkio_weight_device", WEIGHT_DEVICE, "list*",
     "Block IO weight (relative device weight) (default [])"),
    ("--cap-add", "cap_add", str, "list*", "Add Linux capabilities"),
    ("--cap-drop", "cap_drop", str, "list*", "Drop Linux capabilities"),
    ("--cgroup-parent", "cgroup_parent", str, "string", "Optional parent cgroup for the container"),
    ("--cgroupns", "cgroupns", str, "string",
     "\b\nCgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n"
     "'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as "
     "configured by the\n           default-cgroupns-mode option on the daemon (default)"),
    ("--cidfile", "cidfile", str, "string", "Write the container ID to the file"),
    ("--cpu-count", "cpu_count", INT, "int", "CPU count (Windows only)"),
    ("--cpu-percent", "cpu_percent", INT, "int", "CPU percent (Windows only)"),
    ("--cpu-period", "cpu_period", INT, "int", "Limit CPU CFS (Completely Fair Scheduler) period"),
    ("--cpu-quota", "cpu_quota", INT, "int", "Limit CPU CFS (Completely Fair Scheduler) quota"),
    ("--cpu-rt-period", "cpu_rt_period", INT, "int", "Limit CPU real-time period in microseconds"),
    ("--cpu-rt-runtime", "cpu_rt_runtime", INT, "int", "Limit CPU real-time runtime in microseconds"),
    ("-c --cpu-shares", "cpu_shares", INT, "int", "CPU shares (relative weight)"),
    ("--cpus", "cpus", DECIMAL, "decimal", "Number of CPUs"),
    ("--cpuset-cpus", "cpuset_cpus", str, "string", "CPUs in which to allow execution (0-3, 0,1)"),
    ("--cpuset-mems", "cpuset_mems", str, "string", "MEMs in which to allow execution (0-3, 0,1)"),
    ("--device", "device", str, "list*", "Add a host device to the container"),
    ("--device-cgroup-rule", "device_cgroup_rule", CGROUP_RULE, "list*", "Add a rule to the cgroup allowed devices list"),
    ("--device-read-bps", "device_read_bps", BPS_DEVICE, "list*",
     "Limit read rate (bytes per second) from a device (default [])"),
    ("--device-read-iops", "device_read_iops", IOPS_DEVICE, "list*",
     "Limit read rate (IO per second) from a device (default [])"),
    ("--device-write-bps", "device_write_bps", BPS_DEVICE, "list*",
     "Limit write rate (bytes per second) to a device (default [])"),
    ("--device-write-iops", "device_write_iops", IOPS_DEVICE, "list*",
     "Limit write rate (IO per second) to a device (default [])"),
    ("--disable-content-trust", "disable_content_trust", None, "", "Skip image verification (default true)"),
    ("--dns", "dns", DNS, "list*", "Set custom DNS servers"),
    ("--dns-option|--dns-opt", "dns_option", str, "list*", "Set DNS options"),
    ("--dns-search", "dns_search", DNS_SEARCH, "list*", "Set custom DNS search domains"),
    ("--domainname", "domainname", str, "string", "Container NIS domain name"),
    ("--entrypoint", "entrypoint", str, "string", "Overwrite the default ENTRYPOINT of the image"),
    ("-e --env", "env", ENV, "list*", "Set environment variables"),
    ("--env-file", "env_file", str, "list*", "Read in a file of environment variables"),
    ("--expose", "expose", str, "list*", "Expose a port or a range of ports"),
    ("--gpus", "gpus", GPUS, "gpu-request*", "GPU devices to add to the container ('all' to pass all GPUs)"),
    ("--group-add", "group_add", str, "list*", "Add additional groups to join"),
    ("--health-cmd", "health_cmd", str, "string", "Command to run to check health"),
    ("--health-interval", "health_interval", DURATION, "duration",
     "Time between running the check (ms|s|m|h) (default 0s)"),
    ("--health-retries", "health_retries", INT, "int", "Consecutive failures needed to report unhealthy"),
    ("--health-start-interval", "health_start_interval", DURATION, "duration",
     "Time between running the check during the start period (ms|s|m|h) (default 0s)"),
    ("--health-start-period", "health_start_period", DURATION, "duration",
     "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)"),
    ("--health-timeout", "health_timeout", DURATION, "duration",
     "Maximum time to allow one check to run (ms|s|m|h) (default 0s)"),
    ("-h --hostname", "hostname", str, "string", "Container host name"),
    ("--init", "init", None, "", "Run an init inside the container that forwards signals and reaps processes"),
    ("-i --interactive", "interactive", None, "", "Keep STDIN open even if not attached"),
    ("--io-maxbandwidth", "io_maxbandwidth", BYTES, "bytes",
     "Maximum IO bandwidth limit for the system drive (Windows only)"),
    ("--io-maxiops", "io_maxiops", UINT64, "uint64", "Maximum IOps limit for the system drive (Windows only)"),
    ("--ip", "ip", str, "string", "IPv4 address (e.g., 172.30.100.104)"),
    ("--ip6", "ip6", str, "string", "IPv6 address (e.g., 2001:db8::33)"),
    ("--ipc", "ipc", str, "string", "IPC mode to use"),
    ("--isolation", "isolation", str, "string", "Container isolation technology"),
    ("--kernel-memory", "kernel_memory", BYTES, "bytes", "Kernel memory limit"),
    ("-l --label", "label", LABEL, "list*", "Set meta data on a container"),
    ("--label-file", "label_file", str, "list*", "Read in a line delimited file of labels"),
    ("--link", "link", LINK, "list*", "Add link to another container"),
    ("--link-local-ip", "link_local_ip", str, "list*", "Container IPv4/IPv6 link-local addresses"),
    ("--log-driver", "log_driver", str, "string", "Logging driver for the container"),
    ("--log-opt", "log_opt", str, "list*", "Log driver options"),
    ("--mac-address", "mac_address", str, "string", "Container MAC address (e.g., 92:d0:c6:0a:29:33)"),
    ("-m --memory", "memory", BYTES, "bytes", "Memory limit"),
    ("--memory-reservation", "memory_reservation", BYTES, "bytes", "Memory soft limit"),
    ("--memory-swap", "memory_swap", SWAP, "bytes", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
    ("--memory-swappiness", "memory_swappiness", INT, "int", "Tune container memory swappiness (0 to 100) (default -1)"),
    ("--mount", "mount", MOUNT, "mount*", "Attach a filesystem mount to the container"),
    ("--name", "name", str, "string", "Assign a name to the container"),
    ("--network|--net", "network", NETWORK, "network*", "Connect a container to a network"),
    ("--network-alias|--net-alias", "network_alias", str, "list*", "Add network-scoped alias for the container"),
    ("--no-healthcheck", "no_healthcheck", None, "", "Disable any container-specified HEALTHCHECK"),
    ("--oom-kill-disable", "oom_kill_disable", None, "", "Disable OOM Killer"),
    ("--oom-score-adj", "oom_score_adj", INT, "int", "Tune host's OOM preferences (-1000 to 1000)"),
    ("--pid", "pid", str, "string", "PID namespace to use"),
    ("--pids-limit", "pids_limit", INT, "int", "Tune container pids limit (set -1 for unlimited)"),
    ("--platform", "platform", str, "string", "Set platform if server is multi-platform capable"),
    ("--privileged", "privileged", None, "", "Give extended privileges to this container"),
    ("-p --publish", "publish", str, "list*", "Publish a container's port(s) to the host"),
    ("-P --publish-all", "publish_all", None, "", "Publish all exposed ports to random ports"),
    ("--pull", "pull", str, "string", 'Pull image before creating ("always", "|missing", "never") (default "missing")'),
    ("-q --quiet", "quiet", None, "", "Suppress the pull output"),
    ("--read-only", "read_only", None, "", "Mount the container's root filesystem as read only"),
    ("--restart", "restart", str, "string", 'Restart policy to apply when a container exits (default "no")'),
    ("--rm", "rm", None, "", "Automatically remove the container and its associated anonymous volumes when it exits"),
    ("--runtime", "runtime", str, "string", "Runtime to use for this container"),
    ("--security-opt", "security_opt", str, "list*", "Security Options"),
    ("--shm-size", "shm_size", BYTES, "bytes", "Size of /dev/shm"),
    ("--stop-signal", "stop_signal", str, "string", "Signal to stop the container"),
    ("--stop-timeout", "stop_timeout", INT, "int", "Timeout (in seconds) to stop a container"),
    ("--storage-opt", "storage_opt", str, "list*", "Storage driver options for the container"),
    ("--sysctl", "sysctl", SYSCTL, "map*", "Sysctl options (default map[])"),
    ("--tmpfs", "tmpfs", str, "list*", "Mount a tmpfs directory"),
    ("-t --tty", "tty", None, "", "Allocate a pseudo-TTY"),
    ("--ulimit", "ulimit", ULIMIT, "ulimit*", "Ulimit options (default [])"),
    ("--use-api-socket", "use_api_socket", None, "", "Bind mount Docker API socket and required auth"),
    ("-u --user", "user", str, "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    ("--userns", "userns", str, "string", "User namespace to use"),
    ("--uts", "uts", str, "string", "UTS namespace to use"),
    ("-v --volume", "volume", str, "list*", "Bind mount a volume"),
    ("--volume-driver", "volume_driver", str, "string", "Optional volume driver for the container"),
    ("--volumes-from", "volumes_from", str, "list*", "Mount volumes from the specified container(s)"),
    ("-w --workdir", "workdir", str, "string", "Working directory inside the container"),
)

# Flags the connected daemon must support: (flag, minimum API version) and Windows-only flags.
VERSION_GATES = (("--annotation", "annotation", "1.43"), ("--health-start-interval", "health_start_interval", "1.44"))
WINDOWS_ONLY = (("--cpu-count", "cpu_count"), ("--cpu-percent", "cpu_percent"),
                ("--io-maxbandwidth", "io_maxbandwidth"), ("--io-maxiops", "io_maxiops"))


def _option(decls: str, name: str, type_, metavar: str, help_: str):
    visible, _, hidden = decls.partition("|")
    common = {"cls": _Option, "hidden_decls": tuple(hidden.split()), "default": None, "help": help_,
              "hidden": name in {n for _, n in WINDOWS_ONLY}}  # docker's help hides them on Linux daemons
    names = visible.split() + hidden.split()
    if type_ is None:  # a hidden `--no-x` carries pflag's `--x=false` (see DockerCommand._bool_values)
        names[-1] = f"{names[-1]}/--no-{names[-1][2:]}"
        return click.option(*names, name, is_flag=True, **common)
    return click.option(*names, name, type=type_, metavar=metavar.rstrip("*"), multiple=metavar.endswith("*"), **common)


def create_flags(func):
    """Add every `docker create` flag (run adds -d, --sig-proxy and --detach-keys on top)."""
    for flag in reversed(FLAGS):
        func = _option(*flag)(func)
    return func


# -- values → CreateRequest --------------------------------------------------------------------------

def build_request(values: dict, image: str, command: tuple[str, ...], *, environ: dict, cwd: str,
                  proxies: dict | None = None):
    """click's values → CreateRequest; docker's post-parse errors as UsageError (exit 125)."""
    from ...errors import UsageError
    from ...opts._errors import OptionError
    from ...opts.create import ContainerOptions, build_request as build

    options = _container_options(ContainerOptions, values, image, command, environ, cwd, proxies)
    try:
        req = build(options, name=values.get("name"), platform=values.get("platform"),
                    pull=values.get("pull") if values.get("pull") is not None else "missing")
    except OptionError as e:
        verb = _verb()
        raise UsageError(f"pydock: {e}\n\nRun 'pydock {verb} --help' for more information", exit_code=125) from None
    return req.replace(requires=_requirements(values), use_api_socket=bool(values.get("use_api_socket")))


def _verb() -> str:
    ctx = click.get_current_context(silent=True)
    return ctx.info_name if ctx is not None and ctx.info_name in ("create", "run") else "create"


def _container_options(cls, values: dict, image, command, environ, cwd, proxies):
    from ...opts.create import FIELDS as fields

    given = {k: (tuple(v) if isinstance(v, list) else v) for k, v in values.items()
             if k in fields and v is not None and v != ()}
    given["env_file"] = tuple((name, read_file(name, cwd)) for name in values.get("env_file") or ())
    given["label_file"] = tuple((name, read_file(name, cwd)) for name in values.get("label_file") or ())
    given["seccomp_files"] = {path: read_file(path, cwd) for path in _seccomp_paths(values.get("security_opt") or ())}
    for flag in ("init",):
        if values.get(flag) is None:
            given.pop(flag, None)
    return cls(image=image, command=tuple(command), cwd=cwd, environ=dict(environ), proxies=dict(proxies or {}),
               **{k: v for k, v in given.items() if k not in ("image", "command")})


def _seccomp_paths(security_opts) -> list[str]:
    paths = []
    for value in security_opts:
        key, sep, val = value.partition("=")
        if not sep:
            key, sep, val = value.partition(":")
        if key == "seccomp" and val not in ("", "builtin", "unconfined"):
            paths.append(val)
    return paths


def read_file(name: str, cwd: str):
    """A file's bytes, or the OSError opening it (the pure parsers word the message as Go does)."""
    try:
        with open(os.path.join(cwd, name), "rb") as f:
            return f.read()
    except OSError as e:
        return e


def _requirements(values: dict) -> tuple:
    gates = tuple((flag, version) for flag, name, version in VERSION_GATES if values.get(name) not in (None, ()))
    windows = tuple((flag, "windows") for flag, name in WINDOWS_ONLY if values.get(name) is not None)
    return gates + windows
