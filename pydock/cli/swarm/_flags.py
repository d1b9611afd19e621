"""The flags `swarm init`, `swarm update` and `swarm ca` share (docker's addSwarmFlags/addSwarmCAFlags),
and the texts docker prints after init and on join-token / unlock-key."""

from __future__ import annotations

import click

from .._params import NegatableFlag, Parsed

DURATION = Parsed("duration", "units:parse_duration")
INT64 = Parsed("int", "units:parse_go_int")
UINT64 = Parsed("uint", "units:parse_go_uint")
UINT32 = Parsed("uint32", "swarm:parse_uint32")
NODE_ADDR = Parsed("node-addr", "swarm:node_addr")
EXTERNAL_CA = Parsed("external-ca", "swarm:external_ca")
IP_NETS = Parsed("ipNetSlice", "swarm:ip_nets")
PEM_FILE = Parsed("pem-file", "swarm:read_pem")

# the options of the spec; a flag left out (None) keeps the swarm's value
SPEC_KEYS = ("task_history_limit", "dispatcher_heartbeat", "max_snapshots", "snapshot_interval", "cert_expiry",
             "external_ca", "autolock")


def ca_flags(f):
    f = click.option("--external-ca", "external_ca", multiple=True, type=EXTERNAL_CA, metavar="external-ca",
                     help="Specifications of one or more certificate signing endpoints")(f)
    f = click.option("--cert-expiry", "cert_expiry", type=DURATION, default=None, metavar="duration",
                     help="Validity period for node certificates (ns|us|ms|s|m|h) (default 2160h0m0s)")(f)
    return f


def swarm_flags(f):
    f = click.option("--task-history-limit", "task_history_limit", type=INT64, default=None, metavar="int",
                     help="Task history retention limit (default 5)")(f)
    f = click.option("--snapshot-interval", "snapshot_interval", type=UINT64, default=None, metavar="uint",
                     help="Number of log entries between Raft snapshots (default 10000)")(f)
    f = click.option("--max-snapshots", "max_snapshots", type=UINT64, default=None, metavar="uint",
                     help="Number of additional Raft snapshots to retain")(f)
    f = click.option("--dispatcher-heartbeat", "dispatcher_heartbeat", type=DURATION, default=None, metavar="duration",
                     help="Dispatcher heartbeat period (ns|us|ms|s|m|h) (default 5s)")(f)
    return ca_flags(f)


def autolock_flag(help_text: str):
    return click.option("--autolock/--no-autolock", "autolock", cls=NegatableFlag, default=None, help=help_text)


def changed(**values) -> dict:
    """The spec flags that were given: click leaves the others None (or an empty tuple for lists)."""
    out = {k: v for k, v in values.items() if k in SPEC_KEYS and v is not None and v != ()}
    if "external_ca" in out:
        out["external_ca"] = list(out["external_ca"])
    return out


def unlock_text(key: str) -> str:
    """docker's printUnlockCommand (nothing for an empty key)."""
    if not key:
        return ""
    return ("To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n"
            f"command and provide the following key:\n\n    {key}\n\n"
            "Remember to store this key in a password manager, since without it you\n"
            "will not be able to restart the manager.\n")


def join_command_text(app, node_id: str, worker: bool, manager: bool) -> str:
    """docker's printJoinCommand: the `docker swarm join` lines for a manager node (nothing for a worker)."""
    from ...engine.api import swarm

    node = swarm.node_inspect(app.engine, node_id)
    tokens = swarm.inspect(app.engine).get("JoinTokens") or {}
    status = node.get("ManagerStatus")
    if status is None:
        return ""
    out = []
    if worker:
        out.append("To add a worker to this swarm, run the following command:\n\n"
                   f"    docker swarm join --token {tokens.get('Worker', '')} {status.get('Addr', '')}\n\n")
    if manager:
        out.append("To add a manager to this swarm, run the following command:\n\n"
                   f"    docker swarm join --token {tokens.get('Manager', '')} {status.get('Addr', '')}\n\n")
    return "".join(out)


def option_error(e) -> None:
    from ...errors import PydockError

    raise PydockError(str(e)) from None
