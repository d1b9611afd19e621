"""`.dockerignore` as docker reads and applies it (moby/patternmatcher and its ignorefile package).

- `read_ignore_file(data)`: the patterns of a .dockerignore (BOM, `#` comments, trimming, `!`, Clean, leading `/`).
- `PatternMatcher(patterns)`: docker's matcher. `*`, `?`, `[...]` stay within one path segment, `**` spans
  directories, `\\` escapes, the last matching pattern wins, `!` re-includes; a pattern matching a parent
  directory matches everything below it.
- `matches(file, patterns)`: patternmatcher.Matches (the older one-parent check docker still uses to decide
  whether the Dockerfile and .dockerignore must be re-included); `trim_build_files(...)` does that.

Pure: no I/O. Paths are slash-separated and relative to the context root.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BOM = "\ufeff"
MAX_LINE = 64 * 1024  # bufio.Scanner's default token limit
_ESCAPE = set(".+()|{}$")


class PatternError(ValueError):
    """A pattern docker refuses (the message is Go's)."""


def clean(path: str) -> str:
    """Go's filepath.Clean for slash-separated paths."""
    if path == "":
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(comp)
    out = "/".join(parts)
    if rooted:
        return "/" + out
    return out or "."


def read_ignore_file(data: bytes | str) -> list[str]:
    """ignorefile.ReadAll: one pattern per non-empty, non-comment line."""
    text = data.decode("utf-8", "surrogateescape") if isinstance(data, bytes) else data
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    excludes = []
    for number, line in enumerate(lines):
        if line.endswith("\r"):
            line = line[:-1]
        if len(line.encode("utf-8", "surrogateescape")) > MAX_LINE:
            raise PatternError("error reading .dockerignore: bufio.Scanner: token too long")
        if number == 0 and line.startswith(BOM):
            line = line[len(BOM):]
        if line.startswith("#"):
            continue
        pattern = line.strip()
        if not pattern:
            continue
        invert = pattern[0] == "!"
        if invert:
            pattern = pattern[1:].strip()
        if pattern:
            pattern = clean(pattern)
            if len(pattern) > 1 and pattern[0] == "/":
                pattern = pattern[1:]
        excludes.append("!" + pattern if invert else pattern)
    return excludes


# -- Go's filepath.Match syntax check --------------------------------------------------------------

def _get_esc(p: str, i: int) -> int:
    """filepath.getEsc: one (possibly escaped) character of a class; returns the index after it."""
    if i >= len(p) or p[i] in "-]":
        raise PatternError("syntax error in pattern")
    if p[i] == "\\":
        i += 1
        if i >= len(p):
            raise PatternError("syntax error in pattern")
    i += 1
    if i >= len(p):
        raise PatternError("syntax error in pattern")
    return i


def check_go_pattern(p: str) -> None:
    """Raise PatternError where Go's filepath.Match would return ErrBadPattern."""
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            i += 1
            if i >= n:
                raise PatternError("syntax error in pattern")
            i += 1
        elif c == "[":
            i += 1
            if i < n and p[i] == "^":
                i += 1
            ranges = 0
            while True:
                if i < n and p[i] == "]" and ranges > 0:
                    i += 1
                    break
                i = _get_esc(p, i)
                if p[i] == "-":
                    i = _get_esc(p, i + 1)
                ranges += 1
        else:
            i += 1


# -- the matcher ------------------------------------------------------------------------------------

EXACT, PREFIX, SUFFIX, REGEXP = "exact", "prefix", "suffix", "regexp"


@dataclass
class Pattern:
    cleaned: str
    exclusion: bool = False
    kind: str = ""
    regexp: re.Pattern | None = None

    def __str__(self) -> str:
        return self.cleaned

    def compile(self) -> None:
        reg, kind, p = "^", EXACT, self.cleaned
        i = pos = 0
        n = len(p)
        while pos < n:
            ch = p[pos]
            pos += 1
            if ch == "*":
                if pos < n and p[pos] == "*":
                    pos += 1
                    if pos < n and p[pos] == "/":
                        pos += 1
                    if pos >= n:
                        if kind == EXACT:
                            kind = PREFIX
                        else:
                            reg += ".*"
                            kind = REGEXP
                    else:
                        reg += "(.*/)?"
                        kind = REGEXP
                    if i == 0:
                        kind = SUFFIX
                else:
                    reg += "[^/]*"
                    kind = REGEXP
            elif ch == "?":
                reg += "[^/]"
                kind = REGEXP
            elif ch in _ESCAPE:
                reg += "\\" + ch
            elif ch == "\\":
                if pos < n:
                    reg += "\\" + p[pos]
                    pos += 1
                    kind = REGEXP
                else:
                    reg += "\\"
            elif ch in "[]":
                reg += ch
                kind = REGEXP
            else:
                reg += ch
            i += 1
        if kind == REGEXP:
            try:
                self.regexp = re.compile(reg + r"\Z")
            except re.error:
                raise PatternError("syntax error in pattern") from None
        self.kind = kind

    def match(self, path: str) -> bool:
        if not self.kind:
            self.compile()
        if self.kind == EXACT:
            return path == self.cleaned
        if self.kind == PREFIX:
            return path.startswith(self.cleaned[:-2])
        if self.kind == SUFFIX:
            suffix = self.cleaned[2:]
            if path.endswith(suffix):
                return True
            return suffix[:1] == "/" and path == suffix[1:]
        return bool(self.regexp.match(path))


@dataclass
class MatchInfo:
    parent_matched: list[bool] = field(default_factory=list)


class PatternMatcher:
    def __init__(self, patterns):
        self.patterns: list[Pattern] = []
        self.exclusions = False
        for raw in patterns:
            p = raw.strip()
            if not p:
                continue
            p = clean(p)
            exclusion = False
            if p[0] == "!":
                if len(p) == 1:
                    raise PatternError('illegal exclusion pattern: "!"')
                exclusion = True
                p = p[1:]
                self.exclusions = True
            check_go_pattern(p)
            self.patterns.append(Pattern(p, exclusion))
        for pattern in self.patterns:
            pattern.compile()

    def matches_or_parent_matches(self, file: str) -> bool:
        matched = False
        parent = _dir(file)
        parent_dirs = parent.split("/")
        for pattern in self.patterns:
            if pattern.exclusion != matched:
                continue
            match = pattern.match(file)
            if not match and parent != ".":
                for i in range(len(parent_dirs)):
                    if pattern.match("/".join(parent_dirs[:i + 1])):
                        match = True
                        break
            if match:
                matched = not pattern.exclusion
        return matched

    def matches_single_parent(self, file: str) -> bool:
        """The deprecated PatternMatcher.Matches: only the parent prefix as deep as the pattern is checked."""
        matched = False
        parent = _dir(file)
        parent_dirs = parent.split("/")
        for pattern in self.patterns:
            if pattern.exclusion != matched:
                continue
            match = pattern.match(file)
            if not match and parent != ".":
                depth = len(pattern.cleaned.split("/"))
                if depth <= len(parent_dirs):
                    match = pattern.match("/".join(parent_dirs[:depth]))
            if match:
                matched = not pattern.exclusion
        return matched

    def matches_using_parent_results(self, file: str, parent: MatchInfo | None) -> tuple[bool, MatchInfo]:
        parent_matched = parent.parent_matched if parent else []
        matched = False
        info = MatchInfo([False] * len(self.patterns))
        for i, pattern in enumerate(self.patterns):
            match = parent_matched[i] if parent_matched else False
            if not match:
                if pattern.exclusion != matched:
                    continue
                match = pattern.match(file)
                if not match and not parent_matched:
                    parent_path = _dir(file)
                    if parent_path != ".":
                        dirs = parent_path.split("/")
                        for j in range(len(dirs)):
                            if pattern.match("/".join(dirs[:j + 1])):
                                match = True
                                break
            info.parent_matched[i] = match
            if match:
                matched = not pattern.exclusion
        return matched, info


def _dir(path: str) -> str:
    """filepath.Dir."""
    i = path.rfind("/")
    return "." if i < 0 else clean(path[:i + 1])


def matches(file: str, patterns) -> bool:
    """patternmatcher.Matches (deprecated one-parent variant), as TrimBuildFilesFromExcludes calls it."""
    pm = PatternMatcher(patterns)
    file = clean(file)
    if file == ".":
        return False
    return pm.matches_single_parent(file)


def matches_or_parent_matches(file: str, patterns) -> bool:
    pm = PatternMatcher(patterns)
    file = clean(file)
    if file == ".":
        return False
    return pm.matches_or_parent_matches(file)


def trim_build_files(excludes: list[str], dockerfile: str, dockerfile_from_stdin: bool) -> list[str]:
    """build.TrimBuildFilesFromExcludes: the Dockerfile and .dockerignore are always sent (the daemon
    drops them from the final context itself); not the Dockerfile when it comes from stdin."""
    excludes = list(excludes)
    if matches(".dockerignore", excludes):
        excludes.append("!.dockerignore")
    if matches(dockerfile, excludes) and not dockerfile_from_stdin:
        excludes.append("!" + dockerfile)
    return excludes
