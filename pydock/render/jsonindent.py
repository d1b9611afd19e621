"""Go's json.Indent and json.Compact over raw JSON text.

`inspect` prints the daemon's own bytes re-indented, never decoded and re-encoded, so escapes
(`\\u003c`), number spellings and key order stay exactly as the daemon sent them.
"""

from __future__ import annotations


def go_indent(raw: str, indent: str | None = "    ", prefix: str = "") -> str:
    """Re-indent JSON text like Go's json.Indent; `indent=None` compacts like json.Compact."""
    out: list[str] = []
    depth = 0
    need_indent = False
    in_string = False
    escaped = False

    def newline(d: int) -> None:
        if indent is not None:
            out.append("\n" + prefix + indent * d)

    for ch in raw.strip():
        if in_string:
            out.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch in " \t\r\n":
            continue
        if need_indent and ch not in "]}":
            need_indent = False
            depth += 1
            newline(depth)
        if ch == '"':
            in_string = True
            out.append(ch)
        elif ch in "{[":
            need_indent = True
            out.append(ch)
        elif ch == ",":
            out.append(ch)
            newline(depth)
        elif ch == ":":
            out.append(": " if indent is not None else ":")
        elif ch in "}]":
            if need_indent:
                need_indent = False
            else:
                depth -= 1
                newline(depth)
            out.append(ch)
        else:
            out.append(ch)
    return "".join(out)
