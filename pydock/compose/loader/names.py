"""Project names: compose-go loader.NormalizeProjectName and the precedence of cli/options.go
(`-p` > COMPOSE_PROJECT_NAME > top-level `name:` > the project directory's basename)."""

from __future__ import annotations

import re

from ..errors import ComposeError

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


def go_quote(s: str) -> str:
    """Go's %q of a string (strconv.Quote)."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\a":
            out.append("\\a")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\v":
            out.append("\\v")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif not ch.isprintable() and o > 0x7F:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
