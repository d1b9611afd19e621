"""compose-go template.ExtractVariables (`config --variables`): every `${VAR...}` / `$VAR` of the
uninterpolated model, with its default (`:-`/`-`), alternate (`:+`/`+`) value and whether it is required
(`:?`/`?`)."""

from __future__ import annotations

import re

_PATTERN = re.compile(
    r"\$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>)))")


def extract_variables(model) -> dict[str, dict]:
    out: dict[str, dict] = {}
    _walk(model, out)
    return out


def _walk(v, out):
    if isinstance(v, str):
        for var in _extract(v):
            out[var["Name"]] = var
    elif isinstance(v, dict):
        for e in v.values():
            _walk(e, out)
    elif isinstance(v, list):
        for e in v:
            _walk(e, out)


def _first_brace_closing(s: str) -> int:
    depth = 0
    i = 0
    while i < len(s):
        if s[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        if s[i] == "{":
            depth += 1
            i += 1
        i += 1
    return -1


def _extract(s: str) -> list[dict]:
    values: list[dict] = []
    for m in _PATTERN.finditer(s):
        if m.group("escaped"):
            continue
        val = m.group("named") or ""
        if not val:
            val = m.group("braced") or ""
            whole = m.group(0)
            i = _first_brace_closing(whole)
            if i > 0:
                val = whole[2:i]
                if len(whole) > i:
                    values.extend(_extract(whole[i + 1:]))
        name = val
        default = presence = ""
        required = False
        i = next((k for k, c in enumerate(val) if not (c.isascii() and (c.isalnum() or c == "_"))), -1)
        if i > 0:
            name = val[:i]
            rest = val[i:]
            if rest.startswith(":?") or rest.startswith("?"):
                required = True
            elif rest.startswith(":-"):
                default = rest[2:]
            elif rest.startswith("-"):
                default = rest[1:]
            elif rest.startswith(":+"):
                presence = rest[2:]
            elif rest.startswith("+"):
                presence = rest[1:]
        values.append({"Name": name, "DefaultValue": default, "PresenceValue": presence, "Required": required})
        if default:
            values.extend(_extract(default))
        if presence:
            values.extend(_extract(presence))
    return values
