"""The flags `service create` and `service update` share (docker's addServiceFlags), and each one's own.

Flag types are the ones `run` uses (pydock/cli/container/_createflags: -e, -l, --dns, --host, --mount,
--ulimit, sizes, durations, CPUs) plus the swarm ones from pydock/opts/service.py; a bad value fails while
the flags are parsed, in pflag's words (`invalid argument "x" for "--replicas" flag: ...`, exit 125).
Every option defaults to None, so a command can tell a flag given from one left out (pflag's Changed).
"""

from __future__ import annotations

from .._params import Parsed
from ..container._createflags import (BYTES, DECIMAL, DNS, DNS_SEARCH, DURATION, ENV, HOST, INT, LABEL, MOUNT,
                                      NETWORK, ULIMIT, _option)

UINT = Parsed("uint", "service:uint64")
FLOAT = Parsed("float", "service:float32")
POSITIVE_DURATION = Parsed("duration", "service:positive_duration")
SECRET = Parsed("secret", "service:secret_reference")
CONFIG = Parsed("config", "service:config_reference")
PREF = Parsed("pref", "service:placement_preference")
PORT = Parsed("port", "ports:parse_service_port")
COMMAND = Parsed("command", "service:shlex_split")
CREDENTIAL_SPEC = Parsed("credential-spec", "service:credential_spec")

# (declarations, python name, type, metavar, help), as in _createflags: None is a boolean flag, a trailing
# "*" on the metavar a repeatable one.
SHARED = (
    ("--cap-add", "cap_add", str, "list*", "Add Linux capabilities"),
    ("--cap-drop", "cap_drop", str, "list*", "Drop Linux capabilities"),
    ("--credential-spec", "credential_spec", CREDENTIAL_SPEC, "credential-spec",
     "Credential spec for managed service account (Windows only)"),
    ("-d --detach", "detach", None, "", "Exit immediately instead of waiting for the service to converge"),
    ("--endpoint-mode", "endpoint_mode", str, "string", "Endpoint mode (vip or dnsrr)"),
    ("--entrypoint", "entrypoint", COMMAND, "command", "Overwrite the default ENTRYPOINT of the image"),
    ("--health-cmd", "health_cmd", str, "string", "Command to run to check health"),
    ("--health-interval", "health_interval", POSITIVE_DURATION, "duration", "Time between running the check (ms|s|m|h)"),
    ("--health-retries", "health_retries", INT, "int", "Consecutive failures needed to report unhealthy"),
    ("--health-start-interval", "health_start_interval", POSITIVE_DURATION, "duration",
     "Time between running the check during the start period (ms|s|m|h)"),
    ("--health-start-period", "health_start_period", POSITIVE_DURATION, "duration",
     "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)"),
    ("--health-timeout", "health_timeout", POSITIVE_DURATION, "duration", "Maximum time to allow one check to run (ms|s|m|h)"),
    ("--hostname", "hostname", str, "string", "Container hostname"),
    ("--init", "init", None, "", "Use an init inside each service container to forward signals and reap processes"),
    ("--isolation", "isolation", str, "string", "Service container isolation mode"),
    ("--limit-cpu", "limit_cpu", DECIMAL, "decimal", "Limit CPUs"),
    ("--limit-memory", "limit_memory", BYTES, "bytes", "Limit Memory"),
    ("--limit-pids", "limit_pids", INT, "int", "Limit maximum number of processes (default 0 = unlimited)"),
    ("--log-driver", "log_driver", str, "string", "Logging driver for service"),
    ("--log-opt", "log_opt", ENV, "list*", "Logging driver options"),
    ("--max-concurrent", "max_concurrent", UINT, "uint",
     "Number of job tasks to run concurrently (default equal to --replicas)"),
    ("--no-healthcheck", "no_healthcheck", None, "", "Disable any container-specified HEALTHCHECK"),
    ("--no-resolve-image", "no_resolve_image", None, "",
     "Do not query the registry to resolve image digest and supported platforms"),
    ("--oom-score-adj", "oom_score_adj", INT, "int", "Tune host's OOM preferences (-1000 to 1000) "),
    ("-q --quiet", "quiet", None, "", "Suppress progress output"),
    ("--read-only", "read_only", None, "", "Mount the container's root filesystem as read only"),
    ("--replicas", "replicas", UINT, "uint", "Number of tasks"),
    ("--replicas-max-per-node", "replicas_max_per_node", UINT, "uint",
     "Maximum number of tasks per node (default 0 = unlimited)"),
    ("--reserve-cpu", "reserve_cpu", DECIMAL, "decimal", "Reserve CPUs"),
    ("--reserve-memory", "reserve_memory", BYTES, "bytes", "Reserve Memory"),
    ("--restart-condition", "restart_condition", str, "string", 'Restart when condition is met ("none", "on-failure", "any")'),
    ("--restart-delay", "restart_delay", DURATION, "duration", "Delay between restart attempts (ns|us|ms|s|m|h)"),
    ("--restart-max-attempts", "restart_max_attempts", UINT, "uint", "Maximum number of restarts before giving up"),
    ("--restart-window", "restart_window", DURATION, "duration", "Window used to evaluate the restart policy (ns|us|ms|s|m|h)"),
    ("--rollback-delay", "rollback_delay", DURATION, "duration", "Delay between task rollbacks (ns|us|ms|s|m|h)"),
    ("--rollback-failure-action", "rollback_failure_action", str, "string", 'Action on rollback failure ("pause", "continue")'),
    ("--rollback-max-failure-ratio", "rollback_max_failure_ratio", FLOAT, "float", "Failure rate to tolerate during a rollback"),
    ("--rollback-monitor", "rollback_monitor", DURATION, "duration",
     "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)"),
    ("--rollback-order", "rollback_order", str, "string", 'Rollback order ("start-first", "stop-first")'),
    ("--rollback-parallelism", "rollback_parallelism", UINT, "uint",
     "Maximum number of tasks rolled back simultaneously (0 to roll back all at once)"),
    ("--stop-grace-period", "stop_grace_period", DURATION, "duration",
     "Time to wait before force killing a container (ns|us|ms|s|m|h)"),
    ("--stop-signal", "stop_signal", str, "string", "Signal to stop the container"),
    ("-t --tty", "tty", None, "", "Allocate a pseudo-TTY"),
    ("--update-delay", "update_delay", DURATION, "duration", "Delay between updates (ns|us|ms|s|m|h)"),
    ("--update-failure-action", "update_failure_action", str, "string",
     'Action on update failure ("pause", "continue", "rollback")'),
    ("--update-max-failure-ratio", "update_max_failure_ratio", FLOAT, "float", "Failure rate to tolerate during an update"),
    ("--update-monitor", "update_monitor", DURATION, "duration",
     "Duration after each task update to monitor for failure (ns|us|ms|s|m|h)"),
    ("--update-order", "update_order", str, "string", 'Update order ("start-first", "stop-first")'),
    ("--update-parallelism", "update_parallelism", UINT, "uint",
     "Maximum number of tasks updated simultaneously (0 to update all at once)"),
    ("-u --user", "user", str, "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    ("--with-registry-auth", "with_registry_auth", None, "", "Send registry authentication details to swarm agents"),
    ("-w --workdir", "workdir", str, "string", "Working directory inside the container"),
)

# docker's "(default ...)" notes, shown by `service create --help` only (update's flags keep the service's)
CREATE_DEFAULTS = {
    "endpoint_mode": '"vip"', "restart_condition": '"any"', "restart_delay": "5s", "rollback_delay": "0s",
    "rollback_failure_action": '"pause"', "rollback_max_failure_ratio": "0", "rollback_monitor": "5s",
    "rollback_order": '"stop-first"', "rollback_parallelism": "1", "stop_grace_period": "10s",
    "update_delay": "0s", "update_failure_action": '"pause"', "update_max_failure_ratio": "0",
    "update_monitor": "5s", "update_order": '"stop-first"', "update_parallelism": "1",
}

CREATE_ONLY = (
    ("--config", "config", CONFIG, "config*", "Specify configurations to expose to the service"),
    ("--constraint", "constraint", str, "list*", "Placement constraints"),
    ("--container-label", "container_label", LABEL, "list*", "Container labels"),
    ("--dns", "dns", DNS, "list*", "Set custom DNS servers"),
    ("--dns-option", "dns_option", str, "list*", "Set DNS options"),
    ("--dns-search", "dns_search", DNS_SEARCH, "list*", "Set custom DNS search domains"),
    ("-e --env", "env", ENV, "list*", "Set environment variables"),
    ("--env-file", "env_file", str, "list*", "Read in a file of environment variables"),
    ("--group", "group", str, "list*", "Set one or more supplementary user groups for the container"),
    ("--host", "host", HOST, "list*", "Set one or more custom host-to-IP mappings (host:ip)"),
    ("-l --label", "label", LABEL, "list*", "Service labels"),
    ("--mode", "mode", str, "string", 'Service mode ("replicated", "global", "replicated-job", "global-job")'),
    ("--mount", "mount", MOUNT, "mount*", "Attach a filesystem mount to the service"),
    ("--name", "name", str, "string", "Service name"),
    ("--network", "network", NETWORK, "network*", "Network attachments"),
    ("--placement-pref", "placement_pref", PREF, "pref*", "Add a placement preference"),
    ("-p --publish", "publish", PORT, "port*", "Publish a port as a node port"),
    ("--secret", "secret", SECRET, "secret*", "Specify secrets to expose to the service"),
    ("--sysctl", "sysctl", str, "list*", "Sysctl options"),
    ("--ulimit", "ulimit", ULIMIT, "ulimit*", "Ulimit options (default [])"),
)

UPDATE_ONLY = (
    ("--args", "args", COMMAND, "command", "Service command args"),
    ("--config-add", "config_add", CONFIG, "config*", "Add or update a config file on a service"),
    ("--config-rm", "config_rm", str, "list*", "Remove a configuration file"),
    ("--constraint-add", "constraint_add", str, "list*", "Add or update a placement constraint"),
    ("--constraint-rm", "constraint_rm", str, "list*", "Remove a constraint"),
    ("--container-label-add", "container_label_add", LABEL, "list*", "Add or update a container label"),
    ("--container-label-rm", "container_label_rm", str, "list*", "Remove a container label by its key"),
    ("--dns-add", "dns_add", DNS, "list*", "Add or update a custom DNS server"),
    ("--dns-option-add", "dns_option_add", str, "list*", "Add or update a DNS option"),
    ("--dns-option-rm", "dns_option_rm", str, "list*", "Remove a DNS option"),
    ("--dns-rm", "dns_rm", str, "list*", "Remove a custom DNS server"),
    ("--dns-search-add", "dns_search_add", DNS_SEARCH, "list*", "Add or update a custom DNS search domain"),
    ("--dns-search-rm", "dns_search_rm", str, "list*", "Remove a DNS search domain"),
    ("--env-add", "env_add", ENV, "list*", "Add or update an environment variable"),
    ("--env-rm", "env_rm", str, "list*", "Remove an environment variable"),
    ("--force", "force", None, "", "Force update even if no changes require it"),
    ("--group-add", "group_add", str, "list*", "Add an additional supplementary user group to the container"),
    ("--group-rm", "group_rm", str, "list*", "Remove a previously added supplementary user group from the container"),
    ("--host-add", "host_add", HOST, "list*", 'Add a custom host-to-IP mapping ("host:ip")'),
    ("--host-rm", "host_rm", str, "list*", 'Remove a custom host-to-IP mapping ("host:ip")'),
    ("--image", "image", str, "string", "Service image tag"),
    ("--label-add", "label_add", LABEL, "list*", "Add or update a service label"),
    ("--label-rm", "label_rm", str, "list*", "Remove a label by its key"),
    ("--mount-add", "mount_add", MOUNT, "mount*", "Add or update a mount on a service"),
    ("--mount-rm", "mount_rm", str, "list*", "Remove a mount by its target path"),
    ("--network-add", "network_add", NETWORK, "network*", "Add a network"),
    ("--network-rm", "network_rm", str, "list*", "Remove a network"),
    ("--placement-pref-add", "placement_pref_add", PREF, "pref*", "Add a placement preference"),
    ("--placement-pref-rm", "placement_pref_rm", PREF, "pref*", "Remove a placement preference"),
    ("--publish-add", "publish_add", PORT, "port*", "Add or update a published port"),
    ("--publish-rm", "publish_rm", PORT, "port*", "Remove a published port by its target port"),
    ("--rollback", "rollback", None, "", "Rollback to previous specification"),
    ("--secret-add", "secret_add", SECRET, "secret*", "Add or update a secret on a service"),
    ("--secret-rm", "secret_rm", str, "list*", "Remove a secret"),
    ("--sysctl-add", "sysctl_add", str, "list*", "Add or update a Sysctl option"),
    ("--sysctl-rm", "sysctl_rm", str, "list*", "Remove a Sysctl option"),
    ("--ulimit-add", "ulimit_add", ULIMIT, "ulimit*", "Add or update a ulimit option"),
    ("--ulimit-rm", "ulimit_rm", str, "list*", "Remove a ulimit option"),
)


def _sorted(flags):
    return sorted(flags, key=lambda f: f[0].split()[-1].lstrip("-"))


def create_flags(func):
    for decls, name, type_, metavar, help_ in reversed(_sorted(SHARED + CREATE_ONLY)):
        if name in CREATE_DEFAULTS:
            help_ = f"{help_} (default {CREATE_DEFAULTS[name]})"
        func = _option(decls, name, type_, metavar, help_)(func)
    return func


def update_flags(func):
    for flag in reversed(_sorted(SHARED + UPDATE_ONLY)):
        func = _option(*flag)(func)
    return func


# flags newer than API 1.40 (docker's "version" annotations): given to an older daemon, they are an error
VERSION_GATES = (("cap-add", "cap_add", "1.41"), ("cap-drop", "cap_drop", "1.41"),
                 ("health-start-interval", "health_start_interval", "1.44"), ("limit-pids", "limit_pids", "1.41"),
                 ("max-concurrent", "max_concurrent", "1.41"), ("oom-score-adj", "oom_score_adj", "1.46"),
                 ("ulimit", "ulimit", "1.41"), ("ulimit-add", "ulimit_add", "1.41"), ("ulimit-rm", "ulimit_rm", "1.41"))


def check_versions(app, v: dict) -> None:
    """Every flag too new for the daemon, one line each (docker joins the errors)."""
    from ...errors import PydockError

    lines = [f'"--{flag}" requires API version {version}, but the Docker daemon API version is '
             f"{app.engine.api_version}" for flag, key, version in VERSION_GATES
             if key in v and not app.engine.version_at_least(version)]
    if lines:
        raise PydockError("\n".join(lines))


def given(values: dict) -> dict:
    """The flags given on the command line (pflag's Changed): click's None/() mean left out."""
    return {k: (tuple(v) if isinstance(v, list) else v) for k, v in values.items() if v is not None and v != ()}


# -- what docker asks the daemon while it builds a spec -------------------------------------------------

def resolve_networks(app, attachments) -> list[dict]:
    """convertNetworks + resolveNetworkID: each Target the network's ID (scope swarm), sorted by ID."""
    from ...engine.api import swarm
    from ...opts.service import network_attachment

    out = []
    for attachment in attachments:
        config = network_attachment(attachment)
        config["Target"] = swarm.network_inspect_swarm(app.engine, config["Target"])["Id"]
        out.append(config)
    return sorted(out, key=lambda n: n["Target"])


def resolve_secrets(app, refs) -> list[dict]:
    """ParseSecrets: names to IDs through the secret list filtered by name."""
    return _resolve(app, refs, "/secrets", "SecretName", "SecretID", "secret")


def resolve_configs(app, refs) -> list[dict]:
    return _resolve(app, refs, "/configs", "ConfigName", "ConfigID", "config")


def _resolve(app, refs, path, name_key, id_key, kind) -> list[dict]:
    from ...errors import PydockError
    from ...opts._errors import OptionError
    from ...opts.service import resolve_references
    from .._swarm import name_ids

    if not refs:
        return []
    found = name_ids(app, path, {r[name_key] for r in refs})
    try:
        return resolve_references(list(refs), name_key, id_key, kind, found)
    except OptionError as e:
        raise PydockError(str(e)) from None


def tagged_image(image: str) -> str:
    """imageWithTagString: the familiar name with `:latest` when neither tag nor digest is given."""
    from ...opts.reference import InvalidReference, parse_normalized

    try:
        ref = parse_normalized(image)
    except InvalidReference:
        return image
    if ref.digest:
        return ref.familiar_name() + (f":{ref.tag}" if ref.tag else "") + f"@{ref.digest}"
    return f"{ref.familiar_name()}:{ref.tag or 'latest'}"


def digest_warning(image: str) -> str:
    return (f"image {image} could not be accessed on a registry to record\nits digest. Each node will access "
            f"{image} independently,\npossibly leading to different nodes running different\nversions of the image.\n")


def resolve_image(app, task: dict, query_registry: bool, registry_auth: str | None) -> list[str]:
    """The Go client's ServiceCreate/ServiceUpdate: the image gets its tag, then (unless --no-resolve-image)
    its digest and platforms from the registry, or a warning when the registry cannot be asked."""
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts.reference import InvalidReference, parse_normalized

    cspec = task["ContainerSpec"]
    cspec["Image"] = tagged_image(cspec["Image"])
    if not query_registry:
        return []
    try:
        info = swarm.distribution_inspect(app.engine, cspec["Image"], registry_auth=registry_auth)
    except PydockError:
        return [digest_warning(cspec["Image"])]
    descriptor = info.get("Descriptor") or {}
    digest = descriptor.get("digest") or descriptor.get("Digest") or ""  # an OCI descriptor: lower-case keys
    try:
        ref = parse_normalized(cspec["Image"])
        if not ref.digest and digest:
            cspec["Image"] = ref.familiar_name() + (f":{ref.tag}" if ref.tag else "") + f"@{digest}"
    except InvalidReference:
        pass
    platforms = [{"Architecture": "" if (p.get("architecture") or "").lower() == "arm" else p.get("architecture") or "",
                  "OS": p.get("os") or ""} for p in info.get("Platforms") or ()]
    if platforms:
        task.setdefault("Placement", {})["Platforms"] = platforms
    return []


def registry_auth(app, image: str) -> str:
    from ...auth.store import registry_auth as header

    return header(app.config, image)


def wait_on_service(app, service_id: str, quiet: bool) -> None:
    """WaitOnService: the convergence progress (pydock/render/service_progress), discarded with -q. Ctrl-C
    stops the wait, not the update (docker's "Operation continuing in background.")."""
    import os
    import signal

    from ...engine.api import swarm
    from ...render import service_progress

    class Poll:
        def service(self):
            return swarm.service_inspect(app.engine, service_id)

        def tasks(self, sid):
            return swarm.task_list(app.engine, filters={"service": [sid], "_up-to-date": ["true"]})

        def nodes(self):
            return swarm.node_list(app.engine)

    interrupted = []
    previous = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
    except ValueError:  # not the main thread
        previous = None
    try:
        messages = service_progress.progress_messages(Poll(), service_id, interrupted=lambda: bool(interrupted))
        if quiet:
            for _ in messages:
                pass
            return
        tty = app.out_is_tty()
        width = 200
        if tty:  # jsonmessage's width: the terminal's (0 on a pty never sized: no bar), 200 if unknown
            try:
                width = os.get_terminal_size(app.out.fileno()).columns
            except (OSError, ValueError, AttributeError):
                width = 200
        service_progress.display(messages, app.out, tty=tty, width=width)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
