"""YAML read the way compose-go v2.9.1 reads it (go.yaml.in/yaml/v3 v3.0.4, YAML 1.2 core schema).

PyYAML's (libyaml) C parser supplies the event stream; everything above it is a port of yaml.v3 and of
compose-go's `loader/reset.go` ResetProcessor:

* composition (yaml.v3 `parser`): anchors live for the whole stream (an alias may name an anchor of an
  earlier document), an unknown alias is `yaml: unknown anchor 'x' referenced`;
* the ResetProcessor walk (`resolveReset`): duplicate keys (`line 4: mapping key "image" already defined
  at line 3`), alias cycles (`cycle detected: node at path ... references node at path ...`), `!reset`
  nodes removed (in a sequence the item just disappears), `!override` kept (its subtree is not walked);
* decoding into interface{} (yaml.v3 `decoder`): yaml.v3 scalar resolution (`resolve.go`): only
  true/True/TRUE/false/False/FALSE are booleans, `~`/null/Null/NULL/empty are null, ints are Go
  `strconv.ParseInt(s, 0, 64)` after dropping `_` (so `0755` is 493, `0o17` 15, `0x1F` 31, `0b101` 5,
  `08` is the float 8.0), floats need YAML syntax (`1e3`, `.5`, `.inf`, `.nan`), an out-of-range float
  stays a string, `22:22` and `yes` stay strings; unquoted timestamps (`2001-12-14`) become `Timestamp`;
  `<<` merge keys as yaml.v3 applies them (explicit keys win, earlier maps of a merge list win).

Where compose-go records a `!reset`/`!override` path, the document carries a wrapper instead, so the
merge stage can honour it:
* `Reset(value)` at a mapping key: the key is absent from this document and the path must be removed
  from what the document is merged into (compose-go `ResetProcessor.Apply`). `value` is what was tagged
  (compose-go ignores it);
* `Override(value)`: `value` replaces whatever the path had before (compose-go: path removed, then merge).
  `value` never contains further wrappers (compose-go does not walk an `!override` subtree: tags inside it
  are ignored, a tagged scalar being a string).
A `!reset` key that a `<<` merge also provides becomes `Override(merged value)` (compose-go removes the
node before decoding, so the merge fills the key in, and the recorded path still clears the earlier files:
exactly an override). `!reset`/`!override` items of a sequence are resolved here (dropped / unwrapped):
compose-go records list paths it can never match.

Errors are `YamlError` (a ComposeError) with v2's text:
`failed to parse /path/compose.yaml: yaml: line 4: mapping values are not allowed in this context`.
`YamlError.detail` is the text without the `failed to parse FILE: ` prefix (what v2 prints when the
pre-pass `yaml.Unmarshal` of cli/options.go fails first).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone

from ..errors import ComposeError
from ...opts.timestamps import go_quote

__all__ = ["load", "load_all", "iter_documents", "Reset", "Override", "Timestamp", "YamlError", "go_quote",
           "resolve_plain"]


class Reset:
    """A `!reset` value (see the module docstring)."""

    __slots__ = ("value",)

    def __init__(self, value=None):
        self.value = value

    def __eq__(self, other):
        return type(other) is Reset and other.value == self.value

    def __repr__(self):
        return f"Reset({self.value!r})"


class Override:
    """An `!override` value (see the module docstring)."""

    __slots__ = ("value",)

    def __init__(self, value=None):
        self.value = value

    def __eq__(self, other):
        return type(other) is Override and other.value == self.value

    def __repr__(self):
        return f"Override({self.value!r})"


class Timestamp:
    """An unquoted YAML timestamp: yaml.v3 decodes it as a Go time.Time (compose-go's schema then rejects
    it with `invalid jsonType time.Time`, except under `x-` keys, where `config` prints it RFC 3339).

    `text` is the source text, `dt` an aware datetime (microseconds), `nanos` the full fraction, `iso`
    Go's RFC3339Nano rendering (`2001-12-14T21:59:43.1Z`)."""

    __slots__ = ("text", "dt", "nanos", "iso")

    def __init__(self, text: str, dt: datetime, nanos: int, iso: str):
        self.text, self.dt, self.nanos, self.iso = text, dt, nanos, iso

    def __eq__(self, other):
        return type(other) is Timestamp and other.iso == self.iso

    def __hash__(self):
        return hash(self.iso)

    def __str__(self):
        return self.iso

    def __repr__(self):
        return f"Timestamp({self.iso!r})"


class YamlError(ComposeError):
    """A YAML error with v2's text; `detail` is the part after `failed to parse FILE: `."""

    def __init__(self, filename: str, detail: str, stage: str = "parse"):
        self.filename = filename
        self.detail = detail
        self.stage = stage  # "parse": the YAML syntax; "decode": compose-go's checks of a parsed document
        super().__init__(f"failed to parse {filename}: {detail}")


class _Fail(Exception):
    """yaml.v3 failf/fail: the message (already with its `yaml: ` prefix where Go has one)."""


# ---------------------------------------------------------------------------------------------------------
# Go helpers




_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _go_parse_uint(s: str, base: int = 0) -> int | None:
    """strconv.ParseUint(s, base, 64) (underscores already removed by the caller); None on error."""
    if not s:
        return None
    if base == 0:
        base = 10
        if s[0] == "0":
            if len(s) >= 3 and s[1] in "bB":
                base, s = 2, s[2:]
            elif len(s) >= 3 and s[1] in "oO":
                base, s = 8, s[2:]
            elif len(s) >= 3 and s[1] in "xX":
                base, s = 16, s[2:]
            else:
                base, s = 8, s[1:]
    n = 0
    for c in s.lower():
        d = _DIGITS.find(c)
        if d < 0 or d >= base:
            return None
        n = n * base + d
    if n >= 1 << 64:
        return None
    return n


def _go_parse_int(s: str) -> int | None:
    """strconv.ParseInt(s, 0, 64)."""
    if not s:
        return None
    neg = False
    if s[0] == "+":
        s = s[1:]
    elif s[0] == "-":
        neg, s = True, s[1:]
    u = _go_parse_uint(s)
    if u is None:
        return None
    if neg:
        return -u if u <= 1 << 63 else None
    return u if u < 1 << 63 else None


# ---------------------------------------------------------------------------------------------------------
# Scalar resolution (yaml.v3 resolve.go, v3.0.4)

_MERGE = object()  # the value of a plain `<<`
_NULL, _BOOL, _STR, _INT, _FLOAT, _TIMESTAMP, _MERGE_TAG = ("!!null", "!!bool", "!!str", "!!int", "!!float",
                                                            "!!timestamp", "!!merge")
_BINARY = "!!binary"

_RESOLVE_MAP = {}
for _v, _t, _l in (
    (True, _BOOL, ("true", "True", "TRUE")),
    (False, _BOOL, ("false", "False", "FALSE")),
    (None, _NULL, ("", "~", "null", "Null", "NULL")),
    (math.nan, _FLOAT, (".nan", ".NaN", ".NAN")),
    (math.inf, _FLOAT, (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF")),
    (-math.inf, _FLOAT, ("-.inf", "-.Inf", "-.INF")),
    ("<<", _MERGE_TAG, ("<<",)),
):
    for _s in _l:
        _RESOLVE_MAP[_s] = (_t, _v)

_HINT = {c: "D" for c in "0123456789"}
_HINT.update({"+": "S", "-": "S", ".": "."})
_HINT.update({c: "M" for c in "yYnNtTfFoO~"})

_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DOT_FLOAT = re.compile(r"\.[0-9]+([eE][-+]?[0-9]+)?\Z")  # Go ParseFloat on a string starting with '.'

_LONG_TAG_PREFIX = "tag:yaml.org,2002:"


def _short_tag(tag: str) -> str:
    if tag.startswith(_LONG_TAG_PREFIX):
        return "!!" + tag[len(_LONG_TAG_PREFIX):]
    return tag


def _go_float(s: str):
    f = float(s)
    if math.isinf(f):
        return None  # Go: ErrRange
    return f


def resolve_plain(value: str):
    """(tag, value) of an untagged plain scalar, as yaml.v3 resolve("", value)."""
    return _resolve(value, True)


def _resolve(value: str, try_timestamp: bool):
    hint = _HINT.get(value[:1], "N" if value == "" else None)
    if hint is None:
        return _STR, value
    item = _RESOLVE_MAP.get(value)
    if item is not None:
        return item
    if hint == ".":
        if _DOT_FLOAT.match(value):
            f = _go_float(value)
            if f is not None:
                return _FLOAT, f
    elif hint in ("D", "S"):
        if try_timestamp:
            ts = _parse_timestamp(value)
            if ts is not None:
                return _TIMESTAMP, ts
        plain = value.replace("_", "")
        i = _go_parse_int(plain)
        if i is not None:
            return _INT, i
        u = _go_parse_uint(plain)
        if u is not None:
            return _INT, u
        if _YAML_FLOAT.match(plain):
            f = _go_float(plain)
            if f is not None:
                return _FLOAT, f
    return _STR, value


def _resolve_tagged(tag: str, value: str):
    """yaml.v3 resolve(tag, value) for an explicit resolvable tag (short form)."""
    if tag in (_STR, _BINARY):
        return _STR, value
    rtag, out = _resolve(value, tag == _TIMESTAMP)
    if tag == rtag:
        return rtag, out
    if tag == _FLOAT and rtag == _INT:
        return _FLOAT, float(out)
    raise _Fail(f"yaml: cannot decode {rtag} `{value}` as a {tag}")


# Go time.Parse with the layouts of yaml.v3 allowedTimestampFormats
_TS = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?P<sep>[Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(?P<tz>Z|[+-]\d{2}:\d{2})?)?\Z")


def _parse_timestamp(s: str):
    if len(s) < 5 or not s[:4].isdigit() or s[4] != "-":
        return None
    m = _TS.match(s)
    if not m:
        return None
    sep, tz = m.group("sep"), m.group("tz")
    if sep in ("T", "t") and tz is None:
        return None  # the T layouts need a zone
    if sep == " " and tz is not None:
        return None  # the space layout has none
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hh = mi = ss = nanos = 0
    if sep:
        hh, mi, ss = int(m.group(5)), int(m.group(6)), int(m.group(7))
        frac = m.group(8)
        if frac:
            frac = frac[:9]
            nanos = int(frac.ljust(9, "0"))
    if not (1 <= mo <= 12) or hh >= 24 or mi >= 60 or ss >= 60:
        return None
    tzinfo = timezone.utc
    if tz and tz != "Z":
        sign = -1 if tz[0] == "-" else 1
        th, tm = int(tz[1:3]), int(tz[4:6])
        if th >= 24 or tm >= 60:
            return None
        off = sign * (th * 3600 + tm * 60)
        tzinfo = timezone(timedelta(seconds=off)) if off else timezone.utc
    try:
        dt = datetime(y, mo, d, hh, mi, ss, nanos // 1000, tzinfo=tzinfo)
    except ValueError:
        return None
    iso = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if nanos:
        iso += "." + f"{nanos:09d}".rstrip("0")
    off = dt.utcoffset().total_seconds()
    if off == 0:
        iso += "Z"
    else:
        o = int(off)
        sign = "-" if o < 0 else "+"
        o = abs(o)
        iso += f"{sign}{o // 3600:02d}:{o % 3600 // 60:02d}"
    return Timestamp(s, dt, nanos, iso)


# ---------------------------------------------------------------------------------------------------------
# Nodes and composition (yaml.v3 parser)

_SCALAR, _SEQ, _MAP, _ALIAS = 1, 2, 3, 4


class _Node:
    __slots__ = ("kind", "tag", "value", "quoted", "line", "content", "alias", "rtag", "rval")

    def __init__(self, kind, tag, value, quoted, line):
        self.kind = kind
        self.tag = tag  # "" when untagged (or "!"), else Go's short tag ("!!int", "!reset")
        self.value = value
        self.quoted = quoted  # quoted, literal or folded scalar
        self.line = line
        self.content = []
        self.alias = None
        self.rtag = None
        self.rval = None

    def resolved(self):
        """(tag, value) of an untagged plain scalar (cached)."""
        if self.rtag is None:
            self.rtag, self.rval = resolve_plain(self.value)
        return self.rtag, self.rval


def _parser_cls():
    try:
        from yaml._yaml import CParser
        return CParser
    except ImportError:  # pragma: no cover - pure-Python PyYAML
        import yaml

        class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
            def __init__(self, stream):
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)

            def dispose(self):
                pass

        return _PyParser


def _syntax_message(e) -> str:
    import yaml

    if isinstance(e, yaml.reader.ReaderError):
        return f"yaml: {e.reason}"
    if isinstance(e, yaml.MarkedYAMLError):
        scanner = isinstance(e, yaml.scanner.ScannerError)
        line = 0
        cm, pm = e.context_mark, e.problem_mark
        if cm is not None and cm.line != 0:
            line = cm.line + (1 if scanner else 0)
        elif pm is not None and pm.line != 0:
            line = pm.line + (1 if scanner else 0)
        where = f"line {line}: " if line else ""
        return f"yaml: {where}{e.problem or 'unknown problem parsing YAML content'}"
    return f"yaml: {e}"


class _Composer:
    def __init__(self, text: str):
        import yaml.events as ev

        self.ev = ev
        self.parser = _parser_cls()(text)
        self.anchors: dict[str, _Node] = {}
        self.started = False

    def _next(self):
        import yaml

        try:
            return self.parser.get_event()
        except yaml.YAMLError as e:
            raise _Fail(_syntax_message(e)) from None

    def documents(self):
        ev = self.ev
        try:
            self._next()  # stream start
            while True:
                e = self._next()
                if isinstance(e, ev.StreamEndEvent):
                    return
                root = self._node(self._next())
                self._next()  # document end
                yield root
        finally:
            try:
                self.parser.dispose()
            except Exception:  # noqa: BLE001
                pass

    def _node(self, e):
        ev = self.ev
        line = e.start_mark.line + 1
        cls = type(e)
        if cls is ev.ScalarEvent:
            tag = e.tag or ""
            if tag == "!":
                tag = ""
            quoted = bool(e.style)
            n = _Node(_SCALAR, _short_tag(tag), e.value, quoted, line)
            if e.anchor is not None:
                self.anchors[e.anchor] = n
            return n
        if cls is ev.AliasEvent:
            target = self.anchors.get(e.anchor)
            if target is None:
                raise _Fail(f"yaml: unknown anchor '{e.anchor}' referenced")
            n = _Node(_ALIAS, "", e.anchor, False, line)
            n.alias = target
            return n
        if cls is ev.SequenceStartEvent or cls is ev.MappingStartEvent:
            tag = e.tag or ""
            if tag == "!":
                tag = ""
            kind = _SEQ if cls is ev.SequenceStartEvent else _MAP
            n = _Node(kind, _short_tag(tag), "", False, line)
            if e.anchor is not None:
                self.anchors[e.anchor] = n
            end = ev.SequenceEndEvent if kind == _SEQ else ev.MappingEndEvent
            content = n.content
            while True:
                c = self._next()
                if type(c) is end:
                    break
                content.append(self._node(c))
            return n
        raise _Fail(f"yaml: unexpected event {cls.__name__}")  # pragma: no cover


# ---------------------------------------------------------------------------------------------------------
# compose-go ResetProcessor.resolveReset


class _ResetWalker:
    def __init__(self):
        self.visited: dict[int, list[str]] = {}
        self.paths: list[tuple] = []

    def walk(self, node: _Node, path: tuple):
        """The node to keep (an alias is replaced by its target), None for a `!reset` node; records the
        paths of `!reset` and `!override` nodes."""
        if "<<" in path[1:]:
            i = path.index("<<", 1)
            path = path[:i] + path[i + 1:]
        if node.kind == _ALIAS:
            self._check_cycle(node.alias, path)
            return self.walk(node.alias, path)
        if node.tag == "!reset":
            self.paths.append(path)
            return None
        if node.tag == "!override":
            self.paths.append(path)
            return node
        if node.kind == _SEQ:
            kept = []
            for idx, v in enumerate(node.content):
                r = self.walk(v, path + (str(idx),))
                if r is not None:
                    kept.append(r)
            node.content = kept
        elif node.kind == _MAP:
            keys: dict[str, int] = {}
            kept = []
            content = node.content
            for i in range(0, len(content) - 1, 2):
                k, v = content[i], content[i + 1]
                key = k.value
                if key in keys:
                    raise _Fail(f"line {k.line}: mapping key {go_quote(key)} already defined at line {keys[key]}")
                keys[key] = k.line
                r = self.walk(v, path + (key,))
                if r is not None:
                    kept.append(k)
                    kept.append(r)
            node.content = kept
        return node

    def _check_cycle(self, node: _Node, path: tuple):
        paths = self.visited.setdefault(id(node), [])
        s = ".".join(path)
        for prev in paths:
            if s == prev:
                continue
            if "<<" in prev or "<<" in s:
                continue
            if (s.startswith(prev + ".") or prev.startswith(s + ".")) and not _different_services(s, prev):
                raise _Fail(f"cycle detected: node at path {s} references node at path {prev}")
        paths.append(s)


def _different_services(p1: str, p2: str) -> bool:
    a, b = p1.split("."), p2.split(".")
    for i in range(min(len(a), len(b))):
        if a[i] == "services" and i + 1 < len(a) and b[i] == "services" and i + 1 < len(b):
            return a[i + 1] != b[i + 1]
    return False


def _place_wrappers(doc, paths: list[tuple]):
    """Turn compose-go's recorded reset/override paths into wrappers in the decoded document: the value
    now at the path (if any) becomes Override(value), an absent one Reset(). Paths crossing a list are
    dropped (compose-go's Apply names list items `[i]`, so they never match)."""
    for path in sorted(set(paths), key=len, reverse=True):
        if not path or not isinstance(doc, dict):
            continue
        parent = doc
        ok = True
        for part in path[:-1]:
            child = _get(parent, part)
            if type(child) is Override:
                child = child.value
            if not isinstance(child, dict):
                ok = False
                break
            parent = child
        if not ok:
            continue
        last = path[-1]
        key = _key_for(parent, last)
        if key is _MISSING:
            parent[last] = Reset()
        else:
            v = parent[key]
            if type(v) is not Override and type(v) is not Reset:
                parent[key] = Override(_strip_wrappers(v))
    return doc


_MISSING = object()


def _key_for(d: dict, part: str):
    if part in d:
        return part
    for k in d:
        if not isinstance(k, str) and _go_key_text(k) == part:
            return k
    return _MISSING


def _get(d: dict, part: str):
    k = _key_for(d, part)
    return None if k is _MISSING else d[k]


def _go_key_text(k) -> str:
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "~"
    return str(k)


def _strip_wrappers(v):
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if type(x) is Reset:
                continue
            out[k] = _strip_wrappers(x.value if type(x) is Override else x)
        return out
    if isinstance(v, list):
        return [_strip_wrappers(x) for x in v]
    return v


# ---------------------------------------------------------------------------------------------------------
# Decoding (yaml.v3 decoder into interface{})


class _Decoder:
    def __init__(self):
        self.terrors: list[str] = []
        self.aliases: set[int] = set()

    def decode(self, n):
        kind = n.kind
        if kind == _SCALAR:
            return self.scalar(n)
        if kind == _MAP:
            return self.mapping(n, {}, None)
        if kind == _SEQ:
            return [self.decode(c) for c in n.content]
        if kind == _ALIAS:
            if id(n) in self.aliases:
                raise _Fail(f"yaml: anchor '{n.value}' value contains itself")
            self.aliases.add(id(n))
            try:
                return self.decode(n.alias)
            finally:
                self.aliases.discard(id(n))
        raise _Fail("yaml: cannot decode node")  # pragma: no cover

    def scalar(self, n: _Node):
        tag = n.tag
        if not tag:
            if n.quoted:
                return n.value
            rtag, v = n.resolved()
            if rtag == _MERGE_TAG:
                return "<<"
            return v
        if tag == _STR:
            return n.value
        if tag in (_NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP):
            return _resolve_tagged(tag, n.value)[1]
        if tag == _BINARY:
            import base64
            import binascii

            try:
                data = base64.b64decode(n.value.replace("\n", "").replace(" ", ""), validate=True)
            except (binascii.Error, ValueError):
                raise _Fail("yaml: !!binary value contains invalid base64 data") from None
            return data.decode("utf-8", errors="surrogateescape")
        return n.value  # any other tag: yaml.v3 keeps the text

    def _check_unique(self, n: _Node) -> bool:
        c = n.content
        nerrs = len(self.terrors)
        for i in range(0, len(c), 2):
            ni = c[i]
            for j in range(i + 2, len(c), 2):
                nj = c[j]
                if ni.kind == nj.kind and ni.value == nj.value:
                    self.terrors.append(f"line {nj.line}: mapping key {go_quote(nj.value)} already defined at line "
                                        f"{ni.line}")
        return len(self.terrors) == nerrs

    def key(self, k):
        v = self.decode(k)
        if isinstance(v, (dict, list)):
            raise _Fail(f"yaml: invalid map key: {v!r}")
        return v

    def mapping(self, n: _Node, out: dict, merged_fields: set | None):
        """yaml.v3 decoder.mapping into the map `out`; `merged_fields` holds the keys already set when this
        mapping is merged (`<<`) into another (they are not overwritten)."""
        if n.kind == _ALIAS:
            if id(n) in self.aliases:
                raise _Fail(f"yaml: anchor '{n.value}' value contains itself")
            self.aliases.add(id(n))
            try:
                return self.mapping(n.alias, out, merged_fields)
            finally:
                self.aliases.discard(id(n))
        if not self._check_unique(n):
            return out
        content = n.content
        merge_node = None
        for i in range(0, len(content), 2):
            k = content[i]
            if _is_merge(k):
                merge_node = content[i + 1]
                continue
            key = self.key(k)
            if merged_fields is not None:
                hk = _hashable(key)
                if hk in merged_fields:
                    continue
                merged_fields.add(hk)
            out[key] = self.decode(content[i + 1])
        if merge_node is not None:
            self.merge(n, merge_node, out, merged_fields)
        return out

    def merge(self, parent: _Node, merge: _Node, out: dict, merged_fields: set | None):
        if merged_fields is None:
            merged_fields = set()
            content = parent.content
            for i in range(0, len(content), 2):
                merged_fields.add(_hashable(self.decode(content[i])))
        kind = merge.kind
        want_map = "yaml: map merge requires map or sequence of maps as the value"
        if kind == _MAP:
            self.mapping(merge, out, merged_fields)
        elif kind == _ALIAS:
            if merge.alias.kind != _MAP:
                raise _Fail(want_map)
            self.mapping(merge, out, merged_fields)
        elif kind == _SEQ:
            for ni in merge.content:
                if ni.kind == _ALIAS:
                    if ni.alias.kind != _MAP:
                        raise _Fail(want_map)
                elif ni.kind != _MAP:
                    raise _Fail(want_map)
                self.mapping(ni, out, merged_fields)
        else:
            raise _Fail(want_map)


class _TopLevelDecoder(_Decoder):
    """Decodes the root node; below it, mappings and sequences are left out (returned empty)."""

    def __init__(self):
        super().__init__()
        self.level = 0

    def decode(self, n):
        target = n.alias if n.kind == _ALIAS else n
        if self.level > 0 and target is not None and target.kind in (_MAP, _SEQ):
            return {} if target.kind == _MAP else []
        self.level += 1
        try:
            return super().decode(n)
        finally:
            self.level -= 1


def _hashable(k):
    try:
        hash(k)
        return k
    except TypeError:  # pragma: no cover
        return repr(k)


def _is_merge(k) -> bool:
    return k.kind == _SCALAR and k.value == "<<" and not k.quoted and k.tag in ("", _MERGE_TAG)


# ---------------------------------------------------------------------------------------------------------
# API


def iter_documents(text: str, filename: str):
    """Yield each document of `text` decoded as compose-go decodes it (errors raised lazily, at the
    document where v2 meets them, as YamlError naming `filename`). An empty stream yields nothing;
    an empty explicit document (`---`) yields None."""
    comp = _Composer(text)
    gen = comp.documents()
    while True:
        try:
            root = next(gen)
        except StopIteration:
            return
        except _Fail as e:
            raise YamlError(filename, str(e)) from None
        except RecursionError:
            raise YamlError(filename, "yaml: exceeded max depth") from None
        try:
            yield _decode_document(root)
        except _Fail as e:
            raise YamlError(filename, str(e), stage="decode") from None
        except RecursionError:
            raise YamlError(filename, "yaml: exceeded max depth", stage="decode") from None


def first_document_leniently(text: str, filename: str):
    """The first document as cli/options.go's `yaml.Unmarshal(content, &struct{Name string})` decodes it:
    only the top level (its duplicate keys are errors, raised as YamlError; nothing below it is looked
    at: a mapping or sequence value is returned empty). None when there is no document."""
    comp = _Composer(text)
    try:
        for root in comp.documents():
            d = _TopLevelDecoder()
            value = d.decode(root)
            if d.terrors:
                raise _Fail("yaml: unmarshal errors:\n  " + "\n  ".join(d.terrors))
            return value
    except _Fail as e:
        raise YamlError(filename, str(e)) from None
    except RecursionError:
        return None
    return None


def _decode_document(root: _Node):
    walker = _ResetWalker()
    walked = walker.walk(root, ())
    if walked is None:
        return None
    d = _Decoder()
    value = d.decode(walked)
    if d.terrors:
        raise _Fail("yaml: unmarshal errors:\n  " + "\n  ".join(d.terrors))
    if walker.paths:
        value = _place_wrappers(value, walker.paths)
    return value


def load_all(text: str, filename: str) -> list:
    """Every document of `text` (see iter_documents); [] for an empty stream."""
    return list(iter_documents(text, filename))


def load(text: str, filename: str):
    """The first document of `text` (None when there is none)."""
    for doc in iter_documents(text, filename):
        return doc
    return None
