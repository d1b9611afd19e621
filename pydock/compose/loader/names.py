"""Project names: compose-go loader.NormalizeProjectName and the precedence of cli/options.go
(`-p` > COMPOSE_PROJECT_NAME > top-level `name:` > the project directory's basename)."""

from __future__ import annotations

import re

from ..errors import ComposeError
from ...opts.timestamps import go_quote

_KEEP = re.compile(r"[a-z0-9_-]")


def normalize_project_name(s: str) -> str:
    s = s.lower()
    return "".join(_KEEP.findall(s)).lstrip("_-")


def invalid_project_name(v: str) -> ComposeError:
    return ComposeError(f"invalid project name {go_quote(v)}: must consist only of lowercase alphanumeric "
                        "characters, hyphens, and underscores as well as start with a letter or number")


def check_project_name(v: str) -> str:
    if normalize_project_name(v) != v:
        raise invalid_project_name(v)
    return v


