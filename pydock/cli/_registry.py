"""The one table of pydock's command tree: groups, verbs, aliases and their one-line help.

Root `--help` and TAB on a group read this table and import no command module. Top-level aliases
(`ps` = `container ls`) point at the same target, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    target: str  # "module:attribute" of a click command, or "" for a group
    help: str
    section: str = "Commands"


# Management groups and their verbs. A verb's extra names (docker's aliases) follow it.
GROUPS: dict[str, Entry] = {
    "container": Entry("", "Manage containers", "Management Commands"),
    "image": Entry("", "Manage images", "Management Commands"),
    "system": Entry("", "Manage Docker", "Management Commands"),
}

VERBS: dict[str, dict[str, Entry]] = {
    "container": {
        "inspect": Entry("pydock.cli.container.inspect:command", "Display detailed information on one or more containers"),
        "ls": Entry("pydock.cli.container.ls:command", "List containers"),
    },
    "image": {
        "inspect": Entry("pydock.cli.image.inspect:command", "Display detailed information on one or more images"),
        "ls": Entry("pydock.cli.image.ls:command", "List images"),
    },
    "system": {
        "info": Entry("pydock.cli.system.info:command", "Display system-wide information"),
    },
}

VERB_ALIASES: dict[str, dict[str, str]] = {
    "container": {"ps": "ls", "list": "ls"},
    "image": {"list": "ls"},
}

# Top-level commands: docker's shortcuts (same target as the group verb) and root-only commands.
TOP: dict[str, Entry] = {
    "ps": Entry(VERBS["container"]["ls"].target, "List containers", "Common Commands"),
    "images": Entry(VERBS["image"]["ls"].target, "List images", "Common Commands"),
    "version": Entry("pydock.cli.system.version:command", "Show the Docker version information", "Common Commands"),
    "info": Entry(VERBS["system"]["info"].target, "Display system-wide information", "Common Commands"),
    "inspect": Entry("pydock.cli.inspect:command", "Return low-level information on Docker objects"),
    "completion": Entry("pydock.cli.completion:command", "Generate the autocompletion script for the specified shell"),
}

SECTION_ORDER = ("Common Commands", "Management Commands", "Commands")


def all_command_paths() -> list[tuple[str, ...]]:
    """Every command path pydock has, for tests, man pages and completion scripts."""
    paths: list[tuple[str, ...]] = [(name,) for name in TOP]
    for group, verbs in VERBS.items():
        paths.append((group,))
        paths.extend((group, verb) for verb in verbs)
    return sorted(paths)
