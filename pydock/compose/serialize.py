"""`docker compose config` output, byte for byte: Go's encoding/json MarshalIndent and gopkg.in/yaml.v3's
encoder (indent 2), over the typed model (pydock.compose.loader.structs).

`to_json(project)` / `to_yaml(project)`: what `config` prints (before `$` is re-escaped as `$$`, which
`escape_dollars` does, as v2 does on the whole text). `raw_to_json(d)` / `raw_to_yaml(d)`: a plain
map marshalled as Go marshals a map[string]any (`config --no-interpolate`): every key sorted.
"""

from __future__ import annotations

import re

from ..opts.gojson import _bits, float_g, go_json

# ---------------------------------------------------------------------------------------------------------
# YAML (gopkg.in/yaml.v3 encoder + its libyaml emitter port; unicode on, no line width, indent 2)

_OLD_BOOL = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"}
_RESOLVE_MAP = {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", ".nan",
                ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                "<<"}
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                        r"(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?"
                        r"(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$")


def _go_parse_int(s: str) -> bool:
    t = s
    if t[:1] in "+-":
        t = t[1:]
    if not t:
        return False
    try:
        if t[:2] in ("0x", "0X"):
            int(t[2:], 16) if t[2:] and "_" not in t[2:] else int("x")
        elif t[:2] in ("0o", "0O"):
            int(t[2:], 8) if t[2:] else int("x")
        elif t[:2] in ("0b", "0B"):
            int(t[2:], 2) if t[2:] else int("x")
        elif t[0] == "0" and len(t) > 1:
            int(t[1:], 8)
        else:
            if not t.isdigit() or not t.isascii():
                return False
    except ValueError:
        return False
    return True


def _resolves_to_non_string(s: str) -> bool:
    if s in _RESOLVE_MAP:
        return True
    c = s[0]
    if c == ".":
        try:
            float(s)
            return "_" not in s and s.strip() == s
        except ValueError:
            return False
    if c in "+-0123456789":
        if c.isdigit() and _TIMESTAMP.match(s):
            return True
        plain = s.replace("_", "")
        if plain and _go_parse_int(plain):
            return True
        if _YAML_FLOAT.match(plain):
            return True
        if plain.startswith(("0b", "-0b", "0o", "-0o")):
            return True
    return False


def _printable(ch: str) -> bool:
    """yaml.v3 is_printable (on UTF-8 bytes): no U+0085, no BOM, nothing beyond the BMP."""
    o = ord(ch)
    return (o == 0x0A or 0x20 <= o <= 0x7E or (0xA0 <= o <= 0xD7FF)
            or (0xE000 <= o <= 0xFFFD and o != 0xFEFF))


_BREAKS = "\r\n\x85\u2028\u2029"


def _analyze(s: str):
    """libyaml yaml_emitter_analyze_scalar -> (block_plain, single_quoted, block_allowed, multiline)."""
    if not s:
        return False, True, False, False  # flow_plain False, block_plain True? (empty handled by caller)
    block_ind = flow_ind = False
    if s.startswith("---") or s.startswith("..."):
        block_ind = flow_ind = True
    line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = previous_space = previous_break = False
    preceded_ws = True
    n = len(s)
    for i, ch in enumerate(s):
        followed_ws = i + 1 >= n or s[i + 1] in " \t" + _BREAKS
        if i == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                flow_ind = block_ind = True
            if ch in "?:":
                flow_ind = True
                if followed_ws:
                    block_ind = True
            if ch == "-" and followed_ws:
                flow_ind = block_ind = True
        else:
            if ch in ",?[]{}":
                flow_ind = True
            if ch == ":":
                flow_ind = True
                if followed_ws:
                    block_ind = True
            if ch == "#" and preceded_ws:
                flow_ind = block_ind = True
        if not _printable(ch):
            special = True
        if ch in _BREAKS:
            line_breaks = True
        if ch == " ":
            if i == 0:
                leading_space = True
            if i == n - 1:
                trailing_space = True
            if previous_break:
                break_space = True
            previous_space, previous_break = True, False
        elif ch in _BREAKS:
            if i == 0:
                leading_break = True
            if i == n - 1:
                trailing_break = True
            if previous_space:
                space_break = True
            previous_break, previous_space = True, False
        else:
            previous_space = previous_break = False
        preceded_ws = ch in " \t" + _BREAKS
    block_plain = single = block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        block_plain = False
    if trailing_space:
        block = False
    if break_space:
        block_plain = single = False
    if space_break or special:
        block_plain = single = block = False
    if line_breaks:
        block_plain = False
    if block_ind:
        block_plain = False
    return block_plain, single, block, line_breaks


def _double_quoted(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if not _printable(ch) or o == 0xFEFF or ch in _BREAKS or ch == '"' or ch == "\\":
            esc = {0: "0", 7: "a", 8: "b", 9: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f", 0x0D: "r", 0x1B: "e",
                   0x22: '"', 0x5C: "\\", 0x85: "N", 0xA0: "_", 0x2028: "L", 0x2029: "P"}.get(o)
            if esc is None:
                if o <= 0xFF:
                    esc = "x%02X" % o
                elif o <= 0xFFFF:
                    esc = "u%04X" % o
                else:
                    esc = "U%08X" % o
            out.append("\\" + esc)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _single_quoted(s: str, indent: int) -> str:
    """yaml_emitter_write_single_quoted (no folding: yaml.v3 has no line width)."""
    out = ["'"]
    breaks = False
    for ch in s:
        if ch in _BREAKS:
            if not breaks and ch == "\n":
                out.append("\n")
            out.append(ch if ch != "\r" else "\r")
            breaks = True
        else:
            if breaks:
                out.append(" " * indent)
            if ch == "'":
                out.append("''")
            else:
                out.append(ch)
            breaks = False
    out.append("'")
    return "".join(out)


_LEGACY = [False]


def _literal(s: str, indent: int) -> str:
    """`|` block: header, then lines at `indent` (no trailing newline added after the last line).

    gopkg.in/yaml.v3 (used by `config --no-interpolate`) lacks go.yaml.in/yaml/v3's fix for yaml#755:
    a leading line break of the value doubles as the header's end of line (the break is lost)."""
    hint = ""
    if s[0] == " " or s[0] in _BREAKS:
        hint = "2"
    if s[-1] not in _BREAKS:
        chomp = "-"
    elif len(s) == 1:
        chomp = "+"
    elif s[-2] in _BREAKS:
        chomp = "+"
    else:
        chomp = ""
    out = ["|" + hint + chomp, "\n"]
    if _LEGACY[0] and s[0] in _BREAKS:
        out.pop()
    pad = " " * indent
    breaks = True
    for ch in s:
        if ch in _BREAKS:
            out.append("\n")
            breaks = True
        else:
            if breaks:
                out.append(pad)
                breaks = False
            out.append(ch)
    text = "".join(out)
    if text.endswith("\n"):
        text = text[:-1]
    return text


def yaml_scalar_str(s: str, indent: int, key: bool = False) -> str:
    """A Go string as yaml.v3 writes it (indent: the block's indentation, for literal style)."""
    if "\n" in s:
        style = "literal"
    elif not _resolves_to_non_string(s) and not _BASE60.match(s) and s not in _OLD_BOOL:
        style = "plain"
    else:
        style = "double"
    if style == "double":
        return _double_quoted(s)
    block_plain, single, block, _ = _analyze(s)
    if style == "plain":
        if not block_plain or (not s and key):
            style = "single"
        else:
            return s
    if style == "single":
        if not single:
            return _double_quoted(s)
        return _single_quoted(s, indent)
    # literal
    if not block or key:
        return _double_quoted(s)
    return _literal(s, indent)


def _yaml_scalar(v, indent: int, key: bool = False) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return yaml_scalar_str(v, indent, key)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return float_g(v, _bits(v))
    if type(v).__name__ == "Timestamp":  # yaml.v3 writes a time.Time as a plain RFC 3339 timestamp
        return v.iso
    return yaml_scalar_str(str(v), indent, key)


def yaml_key_sorted(keys) -> list:
    import functools

    return sorted(keys, key=functools.cmp_to_key(_yaml_key_cmp))


def _yaml_key_cmp(a, b) -> int:
    if _yaml_less(a, b):
        return -1
    if _yaml_less(b, a):
        return 1
    return 0


def _is_letter(c: str) -> bool:
    return c.isalpha()


def _is_digit(c: str) -> bool:
    return c.isdigit()


def _yaml_less(a, b) -> bool:
    """yaml.v3 keyList.Less for two keys (strings, or numbers/bools which sort first by value)."""
    an = _keyfloat(a)
    bn = _keyfloat(b)
    if an is not None and bn is not None:
        return an < bn
    if not isinstance(a, str) or not isinstance(b, str):
        return _kind(a) < _kind(b)
    ar, br = a, b
    digits = False
    for i in range(min(len(ar), len(br))):
        if ar[i] == br[i]:
            digits = _is_digit(ar[i])
            continue
        al = _is_letter(ar[i])
        bl = _is_letter(br[i])
        if al and bl:
            return ar[i] < br[i]
        if al or bl:
            return al if digits else bl
        an_ = bn_ = 0
        if ar[i] == "0" or br[i] == "0":
            j = i - 1
            while j >= 0 and _is_digit(ar[j]):
                if ar[j] != "0":
                    an_ = bn_ = 1
                    break
                j -= 1
        ai = i
        while ai < len(ar) and _is_digit(ar[ai]):
            an_ = an_ * 10 + int(ar[ai]) if ar[ai].isascii() else an_
            ai += 1
        bi = i
        while bi < len(br) and _is_digit(br[bi]):
            bn_ = bn_ * 10 + int(br[bi]) if br[bi].isascii() else bn_
            bi += 1
        if an_ != bn_:
            return an_ < bn_
        if ai != bi:
            return ai < bi
        return ar[i] < br[i]
    return len(ar) < len(br)


def _keyfloat(v):
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    return None


def _kind(v) -> int:
    # reflect.Kind order: Bool=1, Int=2, ..., Float64=14, ..., Map=21, ..., String=24
    if isinstance(v, bool):
        return 1
    if isinstance(v, int):
        return 2
    if isinstance(v, float):
        return 14
    if isinstance(v, str):
        return 24
    return 20


class YamlMap(dict):
    """A mapping whose keys are emitted in insertion order (a Go struct), not sorted (a Go map)."""


_STEP = [2]


def go_yaml(v, sort_maps: bool = True, indent: int = 2) -> str:
    """Encode one document (yaml.v3 Encoder with SetIndent(indent); yaml.Marshal uses 4). Plain dicts are
    Go maps (keys sorted as yaml.v3 sorts them) unless `sort_maps` is False; YamlMap keeps its order."""
    _STEP[0] = indent
    try:
        return _go_yaml(v, sort_maps)
    finally:
        _STEP[0] = 2


def _go_yaml(v, sort_maps: bool) -> str:
    out: list[str] = []
    if isinstance(v, dict):
        if not v:
            return "{}\n"
        _ymap(v, out, 0, sort_maps)
    elif isinstance(v, list):
        if not v:
            return "[]\n"
        _yseq(v, out, 0, sort_maps)
    else:
        return _yaml_scalar(v, 0) + "\n"
    return "".join(out)


def _keys(d, sort_maps):
    if isinstance(d, YamlMap) or not sort_maps:
        return list(d)
    return yaml_key_sorted(list(d))


def _ymap(d: dict, out: list, indent: int, sort_maps: bool, first_inline: bool = False):
    pad = " " * indent
    for n, k in enumerate(_keys(d, sort_maps)):
        val = d[k]
        prefix = "" if (first_inline and n == 0) else pad
        out.append(prefix + _yaml_scalar(k, indent, key=True) + ":")
        _yvalue(val, out, indent, sort_maps)


def _yvalue(val, out, indent, sort_maps):
    if isinstance(val, dict):
        if not val:
            out.append(" {}\n")
        else:
            out.append("\n")
            _ymap(val, out, indent + _STEP[0], sort_maps)
    elif isinstance(val, list):
        if not val:
            out.append(" []\n")
        else:
            out.append("\n")
            _yseq(val, out, indent + _STEP[0], sort_maps)
    else:
        out.append(" " + _yaml_scalar(val, indent + _STEP[0]) + "\n")


def _yseq(lst: list, out: list, indent: int, sort_maps: bool, first_inline: bool = False):
    pad = " " * indent
    for n, e in enumerate(lst):
        prefix = "" if (first_inline and n == 0) else pad
        if isinstance(e, dict) and e:
            out.append(prefix + "- ")
            _ymap(e, out, indent + _STEP[0], sort_maps, first_inline=True)
        elif isinstance(e, list) and e:
            out.append(prefix + "- ")
            _yseq(e, out, indent + _STEP[0], sort_maps, first_inline=True)
        elif isinstance(e, dict):
            out.append(prefix + "- {}\n")
        elif isinstance(e, list):
            out.append(prefix + "- []\n")
        else:
            out.append(prefix + "- " + _yaml_scalar(e, indent + _STEP[0]) + "\n")


# ---------------------------------------------------------------------------------------------------------
# the project


def _raw_of(project) -> dict:
    raw = getattr(project, "raw", None)
    if raw is None:
        raw = project.__dict__.get("raw") if hasattr(project, "__dict__") else None
    return raw if raw is not None else project.model


def to_json(project) -> str:
    """`config --format json` (no trailing newline, `$` not yet escaped)."""
    from .loader.structs import shape_project

    return go_json(shape_project(_raw_of(project), "json"))


def to_yaml(project) -> str:
    """`config` (YAML), `$` not yet escaped."""
    from .loader.structs import shape_project

    return go_yaml(shape_project(_raw_of(project), "yaml"), sort_maps=True)


def raw_to_json(d: dict) -> str:
    return go_json(d, sort_keys=True)


def raw_to_yaml(d: dict) -> str:
    _LEGACY[0] = True
    try:
        return go_yaml(d, sort_maps=True)
    finally:
        _LEGACY[0] = False


def escape_dollars(text: str) -> str:
    return text.replace("$", "$$")
