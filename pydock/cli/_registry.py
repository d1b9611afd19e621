"""The one table of pydock's command tree: groups, verbs, aliases and their one-line help.

Root `--help` and TAB on a group read this table and import no command module. Top-level aliases
(`ps` = `container ls`) point at the same target, so they cannot drift apart.
"""

from __future__ import annotations



class Entry:
    """One command: `target` is "module:attribute" of a click command, or "" for a group. (A plain class:
    this module loads on every start, and a dataclass costs about 0.5 ms to define.)"""

    __slots__ = ("target", "help", "section")

    def __init__(self, target: str, help: str, section: str = "Commands"):
        self.target, self.help, self.section = target, help, section

    def __repr__(self) -> str:
        return f"Entry({self.target!r}, {self.help!r}, {self.section!r})"


# Management groups and their verbs. A verb's extra names (docker's aliases) follow it.
GROUPS: dict[str, Entry] = {
    "container": Entry("", "Manage containers", "Management Commands"),
    "image": Entry("", "Manage images", "Management Commands"),
    "system": Entry("", "Manage Docker", "Management Commands"),
    "network": Entry("", "Manage networks", "Management Commands"),
    "volume": Entry("", "Manage volumes", "Management Commands"),
    "context": Entry("", "Manage contexts", "Management Commands"),
    "compose": Entry("pydock.cli.compose:group", "Docker Compose", "Management Commands"),
    "builder": Entry("", "Manage builds", "Management Commands"),
    "plugin": Entry("", "Manage plugins", "Management Commands"),
    "manifest": Entry("", "Manage Docker image manifests and manifest lists", "Management Commands"),
    "config": Entry("", "Manage Swarm configs", "Swarm Commands"),
    "node": Entry("", "Manage Swarm nodes", "Swarm Commands"),
    "secret": Entry("", "Manage Swarm secrets", "Swarm Commands"),
    "service": Entry("", "Manage Swarm services", "Swarm Commands"),
    "stack": Entry("", "Manage Swarm stacks", "Swarm Commands"),
    "swarm": Entry("", "Manage Swarm", "Swarm Commands"),
}

VERBS: dict[str, dict[str, Entry]] = {
    "container": {
        "attach": Entry("pydock.cli.container.attach:command", "Attach local standard input, output, and error streams to a running container"),
        "commit": Entry("pydock.cli.container.commit:command", "Create a new image from a container's changes"),
        "cp": Entry("pydock.cli.container.cp:command", "Copy files/folders between a container and the local filesystem"),
        "create": Entry("pydock.cli.container.create:command", "Create a new container"),
        "diff": Entry("pydock.cli.container.diff:command", "Inspect changes to files or directories on a container's filesystem"),
        "exec": Entry("pydock.cli.container.exec:command", "Execute a command in a running container"),
        "export": Entry("pydock.cli.container.export:command", "Export a container's filesystem as a tar archive"),
        "inspect": Entry("pydock.cli.container.inspect:command", "Display detailed information on one or more containers"),
        "kill": Entry("pydock.cli.container.kill:command", "Kill one or more running containers"),
        "logs": Entry("pydock.cli.container.logs:command", "Fetch the logs of a container"),
        "ls": Entry("pydock.cli.container.ls:command", "List containers"),
        "pause": Entry("pydock.cli.container.pause:command", "Pause all processes within one or more containers"),
        "port": Entry("pydock.cli.container.port:command", "List port mappings or a specific mapping for the container"),
        "prune": Entry("pydock.cli.container.prune:command", "Remove all stopped containers"),
        "rename": Entry("pydock.cli.container.rename:command", "Rename a container"),
        "restart": Entry("pydock.cli.container.restart:command", "Restart one or more containers"),
        "rm": Entry("pydock.cli.container.rm:command", "Remove one or more containers"),
        "run": Entry("pydock.cli.container.run:command", "Create and run a new container from an image"),
        "start": Entry("pydock.cli.container.start:command", "Start one or more stopped containers"),
        "stats": Entry("pydock.cli.container.stats:command", "Display a live stream of container(s) resource usage statistics"),
        "stop": Entry("pydock.cli.container.stop:command", "Stop one or more running containers"),
        "top": Entry("pydock.cli.container.top:command", "Display the running processes of a container"),
        "unpause": Entry("pydock.cli.container.unpause:command", "Unpause all processes within one or more containers"),
        "update": Entry("pydock.cli.container.update:command", "Update configuration of one or more containers"),
        "wait": Entry("pydock.cli.container.wait:command", "Block until one or more containers stop, then print their exit codes"),
    },
    "image": {
        "build": Entry("pydock.cli.image.build:command", "Build an image from a Dockerfile"),
        "import": Entry("pydock.cli.image.import_:command", "Import the contents from a tarball to create a filesystem image"),
        "history": Entry("pydock.cli.image.history:command", "Show the history of an image"),
        "inspect": Entry("pydock.cli.image.inspect:command", "Display detailed information on one or more images"),
        "load": Entry("pydock.cli.image.load:command", "Load an image from a tar archive or STDIN"),
        "ls": Entry("pydock.cli.image.ls:command", "List images"),
        "prune": Entry("pydock.cli.image.prune:command", "Remove unused images"),
        "pull": Entry("pydock.cli.image.pull:command", "Download an image from a registry"),
        "push": Entry("pydock.cli.image.push:command", "Upload an image to a registry"),
        "rm": Entry("pydock.cli.image.rm:command", "Remove one or more images"),
        "save": Entry("pydock.cli.image.save:command", "Save one or more images to a tar archive (streamed to STDOUT by default)"),
        "tag": Entry("pydock.cli.image.tag:command", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
    },
    "system": {
        "df": Entry("pydock.cli.system.df:command", "Show docker disk usage"),
        "dial-stdio": Entry("pydock.cli.system.dial_stdio:command",
                            "Proxy the stdio stream to the daemon connection. Should not be invoked manually.", "Hidden"),
        "events": Entry("pydock.cli.system.events:command", "Get real time events from the server"),
        "info": Entry("pydock.cli.system.info:command", "Display system-wide information"),
        "prune": Entry("pydock.cli.system.prune:command", "Remove unused data"),
    },
    "network": {
        "connect": Entry("pydock.cli.network.connect:command", "Connect a container to a network"),
        "create": Entry("pydock.cli.network.create:command", "Create a network"),
        "disconnect": Entry("pydock.cli.network.disconnect:command", "Disconnect a container from a network"),
        "inspect": Entry("pydock.cli.network.inspect:command", "Display detailed information on one or more networks"),
        "ls": Entry("pydock.cli.network.ls:command", "List networks"),
        "prune": Entry("pydock.cli.network.prune:command", "Remove all unused networks"),
        "rm": Entry("pydock.cli.network.rm:command", "Remove one or more networks"),
    },
    "volume": {
        "create": Entry("pydock.cli.volume.create:command", "Create a volume"),
        "inspect": Entry("pydock.cli.volume.inspect:command", "Display detailed information on one or more volumes"),
        "ls": Entry("pydock.cli.volume.ls:command", "List volumes"),
        "prune": Entry("pydock.cli.volume.prune:command", "Remove unused local volumes"),
        "rm": Entry("pydock.cli.volume.rm:command", "Remove one or more volumes"),
    },
    "context": {
        "create": Entry("pydock.cli.context.create:command", "Create a context"),
        "export": Entry("pydock.cli.context.export:command", "Export a context to a tar archive FILE or a tar stream on STDOUT."),
        "import": Entry("pydock.cli.context.import_:command", "Import a context from a tar or zip file"),
        "inspect": Entry("pydock.cli.context.inspect:command", "Display detailed information on one or more contexts"),
        "ls": Entry("pydock.cli.context.ls:command", "List contexts"),
        "rm": Entry("pydock.cli.context.rm:command", "Remove one or more contexts"),
        "show": Entry("pydock.cli.context.show:command", "Print the name of the current context"),
        "update": Entry("pydock.cli.context.update:command", "Update a context"),
        "use": Entry("pydock.cli.context.use:command", "Set the current docker context"),
    },
}

VERBS["builder"] = {
    "build": Entry(VERBS["image"]["build"].target, VERBS["image"]["build"].help),
    "prune": Entry("pydock.cli.builder.prune:command", "Remove build cache"),
}

VERBS["plugin"] = {
    "create": Entry("pydock.cli.plugin.create:command", "Create a plugin from a rootfs and configuration. Plugin data directory must contain config.json and rootfs directory."),
    "disable": Entry("pydock.cli.plugin.disable:command", "Disable a plugin"),
    "enable": Entry("pydock.cli.plugin.enable:command", "Enable a plugin"),
    "inspect": Entry("pydock.cli.plugin.inspect:command", "Display detailed information on one or more plugins"),
    "install": Entry("pydock.cli.plugin.install:command", "Install a plugin"),
    "ls": Entry("pydock.cli.plugin.ls:command", "List plugins"),
    "push": Entry("pydock.cli.plugin.push:command", "Push a plugin to a registry"),
    "rm": Entry("pydock.cli.plugin.rm:command", "Remove one or more plugins"),
    "set": Entry("pydock.cli.plugin.set:command", "Change settings for a plugin"),
    "upgrade": Entry("pydock.cli.plugin.upgrade:command", "Upgrade an existing plugin"),
}

VERBS["manifest"] = {
    "annotate": Entry("pydock.cli.manifest.annotate:command", "Add additional information to a local image manifest"),
    "create": Entry("pydock.cli.manifest.create:command", "Create a local manifest list for annotating and pushing to a registry"),
    "inspect": Entry("pydock.cli.manifest.inspect:command", "Display an image manifest, or manifest list"),
    "push": Entry("pydock.cli.manifest.push:command", "Push a manifest list to a repository"),
    "rm": Entry("pydock.cli.manifest.rm:command", "Delete one or more manifest lists from local storage"),
}

# Swarm mode (issue 14)
VERBS["service"] = {
    "create": Entry("pydock.cli.service.create:command", "Create a new service"),
    "inspect": Entry("pydock.cli.service.inspect:command", "Display detailed information on one or more services"),
    "logs": Entry("pydock.cli.service.logs:command", "Fetch the logs of a service or task"),
    "ls": Entry("pydock.cli.service.ls:command", "List services"),
    "ps": Entry("pydock.cli.service.ps:command", "List the tasks of one or more services"),
    "rm": Entry("pydock.cli.service.rm:command", "Remove one or more services"),
    "rollback": Entry("pydock.cli.service.rollback:command", "Revert changes to a service's configuration"),
    "scale": Entry("pydock.cli.service.scale:command", "Scale one or multiple replicated services"),
    "update": Entry("pydock.cli.service.update:command", "Update a service"),
}
VERBS["stack"] = {
    "deploy": Entry("pydock.cli.stack.deploy:command", "Deploy a new stack or update an existing stack"),
    "ls": Entry("pydock.cli.stack.ls:command", "List stacks"),
    "ps": Entry("pydock.cli.stack.ps:command", "List the tasks in the stack"),
    "rm": Entry("pydock.cli.stack.rm:command", "Remove one or more stacks"),
    "services": Entry("pydock.cli.stack.services:command", "List the services in the stack"),
}
VERBS["secret"] = {
    "create": Entry("pydock.cli.secret.create:command", "Create a secret from a file or STDIN as content"),
    "inspect": Entry("pydock.cli.secret.inspect:command", "Display detailed information on one or more secrets"),
    "ls": Entry("pydock.cli.secret.ls:command", "List secrets"),
    "rm": Entry("pydock.cli.secret.rm:command", "Remove one or more secrets"),
}
VERBS["config"] = {
    "create": Entry("pydock.cli.config.create:command", "Create a config from a file or STDIN"),
    "inspect": Entry("pydock.cli.config.inspect:command", "Display detailed information on one or more configs"),
    "ls": Entry("pydock.cli.config.ls:command", "List configs"),
    "rm": Entry("pydock.cli.config.rm:command", "Remove one or more configs"),
}
VERBS["node"] = {
    "demote": Entry("pydock.cli.node.demote:command", "Demote one or more nodes from manager in the swarm"),
    "inspect": Entry("pydock.cli.node.inspect:command", "Display detailed information on one or more nodes"),
    "ls": Entry("pydock.cli.node.ls:command", "List nodes in the swarm"),
    "promote": Entry("pydock.cli.node.promote:command", "Promote one or more nodes to manager in the swarm"),
    "ps": Entry("pydock.cli.node.ps:command", "List tasks running on one or more nodes, defaults to current node"),
    "rm": Entry("pydock.cli.node.rm:command", "Remove one or more nodes from the swarm"),
    "update": Entry("pydock.cli.node.update:command", "Update a node"),
}
VERBS["swarm"] = {
    "ca": Entry("pydock.cli.swarm.ca:command", "Display and rotate the root CA"),
    "init": Entry("pydock.cli.swarm.init:command", "Initialize a swarm"),
    "join": Entry("pydock.cli.swarm.join:command", "Join a swarm as a node and/or manager"),
    "join-token": Entry("pydock.cli.swarm.join_token:command", "Manage join tokens"),
    "leave": Entry("pydock.cli.swarm.leave:command", "Leave the swarm"),
    "unlock": Entry("pydock.cli.swarm.unlock:command", "Unlock swarm"),
    "unlock-key": Entry("pydock.cli.swarm.unlock_key:command", "Manage the unlock key"),
    "update": Entry("pydock.cli.swarm.update:command", "Update the swarm"),
}

# `compose` verbs: one module each under pydock/cli/compose/ (add a line when a verb lands).
VERBS["compose"] = {
    "ps": Entry("pydock.cli.compose.ps:command", "List containers"),
    "logs": Entry("pydock.cli.compose.logs:command", "View output from containers"),
    "ls": Entry("pydock.cli.compose.ls:command", "List running compose projects"),
    "images": Entry("pydock.cli.compose.images:command", "List images used by the created containers"),
    "top": Entry("pydock.cli.compose.top:command", "Display the running processes"),
    "port": Entry("pydock.cli.compose.port:command", "Print the public port for a port binding"),
    "events": Entry("pydock.cli.compose.events:command", "Receive real time events from containers"),
    "wait": Entry("pydock.cli.compose.wait:command", "Block until containers of all (or specified) services stop."),
    "version": Entry("pydock.cli.compose.version:command", "Show the Docker Compose version information"),
    "volumes": Entry("pydock.cli.compose.volumes:command", "List volumes"),
    "run": Entry("pydock.cli.compose.run:command", "Run a one-off command on a service"),
    "stats": Entry("pydock.cli.compose.stats:command", "Display a live stream of container(s) resource usage statistics"),
    "build": Entry("pydock.cli.compose.build:command", "Build or rebuild services"),
    "push": Entry("pydock.cli.compose.push:command", "Push service images"),
    "scale": Entry("pydock.cli.compose.scale:command", "Scale services "),
    "unpause": Entry("pydock.cli.compose.unpause:command", "Unpause services"),
    "pause": Entry("pydock.cli.compose.pause:command", "Pause services"),
    "kill": Entry("pydock.cli.compose.kill:command", "Force stop service containers"),
    "rm": Entry("pydock.cli.compose.rm:command", "Removes stopped service containers"),
    "restart": Entry("pydock.cli.compose.restart:command", "Restart service containers"),
    "stop": Entry("pydock.cli.compose.stop:command", "Stop services"),
    "start": Entry("pydock.cli.compose.start:command", "Start services"),
    "create": Entry("pydock.cli.compose.create:command", "Creates containers for a service"),
    "down": Entry("pydock.cli.compose.down:command", "Stop and remove containers, networks"),
    "up": Entry("pydock.cli.compose.up:command", "Create and start containers"),
    "config": Entry("pydock.cli.compose.config:command", "Parse, resolve and render compose file in canonical format"),
    "pull": Entry("pydock.cli.compose.pull:command", "Pull service images"),
    "export": Entry("pydock.cli.compose.export:command", "Export a service container's filesystem as a tar archive"),
    "cp": Entry("pydock.cli.compose.cp:command", "Copy files/folders between a service container and the local filesystem"),
    "commit": Entry("pydock.cli.compose.commit:command", "Create a new image from a service container's changes"),
    "attach": Entry("pydock.cli.compose.attach:command", "Attach local standard input, output, and error streams to a service's running container"),
    "exec": Entry("pydock.cli.compose.exec:command", "Execute a command in a running container"),
    "watch": Entry("pydock.cli.compose.watch:command", "Watch build context for service and rebuild/refresh containers when files are updated"),
}


VERB_ALIASES: dict[str, dict[str, str]] = {
    "container": {"ps": "ls", "list": "ls", "remove": "rm"},
    "image": {"list": "ls", "remove": "rm", "rmi": "rm"},
    "network": {"list": "ls", "remove": "rm"},
    "volume": {"list": "ls", "remove": "rm"},
    "context": {"list": "ls", "remove": "rm"},
    "plugin": {"list": "ls", "remove": "rm"},
    "stack": {"up": "deploy", "list": "ls", "remove": "rm", "down": "rm"},
    "service": {"list": "ls", "remove": "rm"},
    "secret": {"list": "ls", "remove": "rm"},
    "config": {"list": "ls", "remove": "rm"},
    "node": {"list": "ls", "remove": "rm"},
}

# Top-level commands: docker's shortcuts (same target as the group verb) and root-only commands.
TOP: dict[str, Entry] = {
    "ps": Entry(VERBS["container"]["ls"].target, "List containers", "Common Commands"),
    "build": Entry(VERBS["image"]["build"].target, VERBS["image"]["build"].help, "Common Commands"),
    "pull": Entry(VERBS["image"]["pull"].target, VERBS["image"]["pull"].help, "Common Commands"),
    "push": Entry(VERBS["image"]["push"].target, VERBS["image"]["push"].help, "Common Commands"),
    "images": Entry(VERBS["image"]["ls"].target, "List images", "Common Commands"),
    "login": Entry("pydock.cli.login:command", "Authenticate to a registry", "Common Commands"),
    "logout": Entry("pydock.cli.logout:command", "Log out from a registry", "Common Commands"),
    "version": Entry("pydock.cli.system.version:command", "Show the Docker version information", "Common Commands"),
    "info": Entry(VERBS["system"]["info"].target, "Display system-wide information", "Common Commands"),
    "inspect": Entry("pydock.cli.inspect:command", "Return low-level information on Docker objects"),
    "run": Entry(VERBS["container"]["run"].target, VERBS["container"]["run"].help, "Common Commands"),
    "exec": Entry(VERBS["container"]["exec"].target, VERBS["container"]["exec"].help, "Common Commands"),
    "search": Entry("pydock.cli.search:command", "Search Docker Hub for images"),
    "completion": Entry("pydock.cli.completion:command", "Generate the autocompletion script for the specified shell"),
}

# docker's other top-level shortcuts for container verbs (`docker rm` = `docker container rm`).
for _verb in ("attach", "commit", "cp", "create", "diff", "export", "kill", "logs", "pause", "port", "rename", "restart", "rm",
              "start", "stop", "top", "unpause", "update", "wait"):
    TOP[_verb] = Entry(VERBS["container"][_verb].target, VERBS["container"][_verb].help)
TOP["stats"] = Entry(VERBS["container"]["stats"].target, VERBS["container"]["stats"].help)
for _verb in ("history", "import", "load", "save", "tag"):
    TOP[_verb] = Entry(VERBS["image"][_verb].target, VERBS["image"][_verb].help)
TOP["rmi"] = Entry(VERBS["image"]["rm"].target, "Remove one or more images")
TOP["events"] = Entry(VERBS["system"]["events"].target, VERBS["system"]["events"].help)

# docker commands pydock leaves out on purpose: each answers one line on stderr, exit status 1 (as an unknown
# command does in docker), naming what it is; the README's "Not supported" list says why.
UNSUPPORTED: dict[str, str] = {
    "trust": "docker content trust",
    "checkpoint": "experimental checkpoints",
}

SECTION_ORDER = ("Common Commands", "Management Commands", "Swarm Commands", "Commands")


def all_command_paths() -> list[tuple[str, ...]]:
    """Every command path pydock has, for tests, man pages and completion scripts."""
    paths: list[tuple[str, ...]] = [(name,) for name in TOP]
    for group, verbs in VERBS.items():
        paths.append((group,))
        paths.extend((group, verb) for verb in verbs)
    return sorted(paths)
