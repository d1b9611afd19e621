""".env files as compose-go v2.9.1 reads them (dotenv/parser.go, godotenv.go, env.go, format.go).

* `KEY=VAL` (or `KEY: VAL`), an optional `export ` prefix, `#` comment lines, blank lines;
* unquoted values: up to the end of the line, cut at the first ` #`, right-trimmed, then `${VAR}`-expanded;
* single-quoted values: literal (a backslash only escapes the quote character), may span lines;
* double-quoted values: may span lines, escapes (`\\n`, `\\t`, `\\"`, `\\\\`, `\\$`, `\\0NNN` ...) then expansion;
* a bare `KEY` (no `=`) takes its value from `lookup` (absent when the lookup has none);
* expansion (template.Substitute) sees `lookup` first, then the values defined so far;
* a UTF-8 BOM is skipped;
* errors are ComposeError with compose-go's text (`line 3: unexpected character "!" in variable name
  "FO!O=bar"`, `line 2: unterminated quoted value "abc`, `line 1: key cannot contain a space`), prefixed
  `failed to read FILE: ` when a filename is given (dotenv.ParseWithFormat / GetEnvFromFile).

`lookup` is a callable name -> str | None or a dict.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Callable

from ..errors import ComposeError

__all__ = ["parse", "read_files", "DotenvError"]


class DotenvError(ComposeError):
    """A .env syntax or expansion error (`detail`: compose-go's text without the file prefix)."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail if detail is not None else message


class _Err(Exception):
    pass


_EXPORT = re.compile(r"export[\t\n\f\r ]+")
_ESCAPE_SEQ = re.compile(r"(\\(?:[abcfnrtv$\"\\]|0[0-9]{0,3}))")
_STARTS_WITH_DIGIT = re.compile(r"[\t\n\f\r ]*[0-9]")
_GO_SPACE_LATIN1 = frozenset("\t\n\v\f\r \x85\xa0")


def _is_space(c: str) -> bool:
    """dotenv isSpace (no newline)."""
    return c in "\t\v\f\r \x85\xa0"


def _go_unicode_space(c: str) -> bool:
    """unicode.IsSpace."""
    if c <= "\xff":
        return c in _GO_SPACE_LATIN1
    return c.isspace()


def _is_letter_or_number(c: str) -> bool:
    if c.isascii():
        return c.isalnum()
    cat = unicodedata.category(c)
    return cat[0] in ("L", "N")


def _lookup_fn(lookup) -> Callable[[str], str | None]:
    if lookup is None:
        return lambda _k: None
    if callable(lookup):
        return lookup
    return lookup.get


def _go_quote(s: str) -> str:
    from .yaml12 import go_quote

    return go_quote(s)


class _Parser:
    def __init__(self, warn):
        self.line = 1
        self.warn = warn

    def parse(self, src: str, out: dict, lookup) -> None:
        cutset = src
        while True:
            cutset = self._statement_start(cutset)
            if cutset == "":
                break
            key, left, inherited = self._locate_key_name(cutset)
            if " " in key:
                raise _Err(f"line {self.line}: key cannot contain a space")
            if inherited:
                value = lookup(key)
                if value is not None:
                    out[key] = value
                cutset = left
                continue
            value, left = self._extract_value(left, out, lookup)
            out[key] = value
            cutset = left

    def _index_of_non_space(self, src: str) -> int:
        for i, c in enumerate(src):
            if c == "\n":
                self.line += 1
            if not _go_unicode_space(c):
                return i
        return -1

    def _statement_start(self, src: str) -> str:
        while True:
            pos = self._index_of_non_space(src)
            if pos == -1:
                return ""
            src = src[pos:]
            if src[0] != "#":
                return src
            pos = src.find("\n")
            if pos == -1:
                return ""
            src = src[pos:]

    def _locate_key_name(self, src: str):
        key = ""
        inherited = False
        if _EXPORT.match(src):
            src = src[len("export"):]
            i = 0
            while i < len(src) and _is_space(src[i]):
                i += 1
            src = src[i:]
        offset = 0
        for i, c in enumerate(src):
            if _is_space(c):
                continue
            if c in "=:\n":
                key = src[:i]
                offset = i + 1
                inherited = c == "\n"
                break
            if c in "_.-[]":
                continue
            if _is_letter_or_number(c):
                continue
            raise _Err(f"line {self.line}: unexpected character {_go_quote(c)} in variable name "
                       f"{_go_quote(src.split(chr(10))[0])}")
        if src == "":
            raise _Err("zero length string")
        if inherited and " " not in key:
            self.line += 1
        while key and _go_unicode_space(key[-1]):
            key = key[:-1]
        rest = src[offset:]
        i = 0
        while i < len(rest) and _is_space(rest[i]):
            i += 1
        return key, rest[i:], inherited

    def _extract_value(self, src: str, env: dict, lookup):
        quote = src[:1]
        if quote not in ("'", '"') or src == "":
            value, _, rest = src.partition("\n")
            self.line += 1
            value = value.split(" #", 1)[0]
            while value and _go_unicode_space(value[-1]):
                value = value[:-1]
            return self._expand(value, env, lookup), rest
        prev_escape = False
        chars: list[str] = []
        for i in range(1, len(src)):
            c = src[i]
            if c == "\n":
                self.line += 1
            if c != quote:
                if not prev_escape and c == "\\":
                    prev_escape = True
                    continue
                if prev_escape:
                    prev_escape = False
                    chars.append("\\")
                chars.append(c)
                continue
            if prev_escape:
                prev_escape = False
                chars.append(c)
                continue
            value = "".join(chars)
            if quote == '"':
                value = self._expand(_expand_escapes(value), env, lookup)
            return value, src[i + 1:]
        end = src.find("\n")
        if end == -1:
            end = len(src)
        raise _Err(f"line {self.line}: unterminated quoted value {src[:end]}")

    def _expand(self, value: str, env: dict, lookup) -> str:
        if "$" not in value:
            return value
        from . import template

        def mapping(k):
            v = lookup(k)
            if v is not None:
                return v
            return env.get(k)

        try:
            return template.substitute(value, mapping, warn=self.warn)
        except (template.InvalidTemplateError, template.MissingRequiredError) as e:
            raise _Err(str(e)) from None


def _unquote_char(s: str):
    """strconv.UnquoteChar(s, '"') for one escape sequence `s` (the whole of it); None on error."""
    if len(s) < 2 or s[0] != "\\":
        return None
    c = s[1]
    simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"'}
    if c in simple:
        return simple[c] if len(s) == 2 else None
    if c in "01234567":
        if len(s) != 4 or any(ch not in "01234567" for ch in s[1:]):
            return None
        v = int(s[1:], 8)
        if v > 255:
            return None
        return chr(v)
    return None


def _expand_escapes(value: str) -> str:
    def repl(m):
        match = m.group(0)
        if match == "\\$":
            return "$$"
        if match.startswith("\\0"):
            match = match.replace("\\0", "\\", 1)
        v = _unquote_char(match)
        return match if v is None else v

    return _ESCAPE_SEQ.sub(repl, value)


def parse(text: str, lookup=None, filename: str = "", *, into: dict | None = None,
          warn: Callable[[str], None] | None = None) -> dict:
    """The variables of one .env text, in file order. `into` (optional) is the dict written to (and
    seen by `${VAR}` expansion after `lookup`), as compose-go's ParseWithFormat does with a service's
    environment across its env_files; it is also the return value. Errors name `filename` when given."""
    out = {} if into is None else into
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        _Parser(warn).parse(text, out, _lookup_fn(lookup))
    except _Err as e:
        detail = str(e)
        raise DotenvError(f"failed to read {filename}: {detail}" if filename else detail, detail) from None
    return out


def read_files(paths, lookup=None, *, warn: Callable[[str], None] | None = None) -> dict:
    """dotenv.GetEnvFromFile: the files in order into one dict (later files win); `${VAR}` and bare keys
    see `lookup` (the OS environment) first, then what the earlier lines and files defined."""
    env: dict[str, str] = {}
    base = _lookup_fn(lookup)

    def resolve(k):
        v = base(k)
        if v is not None:
            return v
        return env.get(k)

    for path in paths:
        path = os.path.abspath(path)
        if not os.path.exists(path):
            raise DotenvError(f"couldn't find env file: {path}")
        if os.path.isdir(path):
            raise DotenvError(f"{path} is a directory")
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise DotenvError(f"couldn't read env file: {path}") from None
        except OSError as e:
            raise DotenvError(f"open {path}: {e.strerror.lower() if e.strerror else e}") from None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        text = data.decode("utf-8", errors="surrogateescape")
        parse(text, resolve, path, into=env, warn=warn)
    return env


def read_with_lookup(paths, lookup=None, *, warn=None) -> dict:
    """godotenv.ReadWithLookup: each file parsed on its own (`lookup` only), merged later-wins, keys
    starting with a digit dropped."""
    out: dict[str, str] = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        got = parse(data.decode("utf-8", errors="surrogateescape"), lookup, warn=warn)
        for k, v in got.items():
            if _STARTS_WITH_DIGIT.match(k):
                continue
            out[k] = v
    return out
