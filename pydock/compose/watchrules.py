"""`compose watch`'s rules, pure (v2 pkg/compose/watch.go, pkg/watch/{dockerignore,ephemeral,debounce}.go).

- `rules_for(service, dockerignore)`: one `Rule` per `develop.watch` trigger, its ignore matcher made of
  the build context's .dockerignore, editors' ephemeral files, `.git/` and the trigger's own `ignore`.
- `Rule.matches(path)`: the path inside the container a changed host path maps to (or None).
- `plan(batch, rules)`: what one debounced batch of changed paths asks for: services to rebuild,
  files to sync per service, services to restart, exec hooks per service.
- `Debouncer`: v2's BatchDebounceEvents (a batch is flushed after 500 ms without a new event).
- Messages as v2 prints them (`go_quote_list` is Go's `%q` of a []string).

No I/O here except what the caller passes in (the .dockerignore's text, the clock).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..build.dockerignore import PatternMatcher, clean, read_ignore_file
from ..opts.timestamps import go_quote

QUIET_PERIOD = 0.5  # seconds, v2's watch.QuietPeriod

SYNC, REBUILD, RESTART, SYNC_RESTART, SYNC_EXEC = "sync", "rebuild", "restart", "sync+restart", "sync+exec"
SYNC_ACTIONS = (SYNC, SYNC_RESTART, SYNC_EXEC)

# EphemeralPathMatcher: editors' temporary files (GoLand, emacs, vim, kate, go's umask probe)
EPHEMERAL = ("**/*___jb_old___", "**/*___jb_tmp___", "**/.idea/**",
             "**/.#*", "**/#*#",
             "**/4913", "**/*~", "**/.*.swp", "**/.*.swx", "**/.*.swo", "**/.*.swn",
             "**/.*.kate-swp",
             "**/*-go-tmp-umask")

NOT_CONFIGURED = "none of the selected services is configured for watch, consider setting a 'develop' section"


def is_child(parent: str, path: str) -> bool:
    """internal/paths.IsChild: `path` is `parent` or below it (lexically, after cleaning; paths equal
    but for case are the same only when they name the same file)."""
    if parent == "":
        return False
    parent, current = clean(parent), clean(path)
    while True:
        if parent.lower() == current.lower():
            if parent == current:
                return True
            try:
                return os.path.samefile(parent, current)
            except OSError:
                return False
        if len(current) <= len(parent) or current == ".":
            return False
        current = _go_dir(current)


def _go_dir(path: str) -> str:
    """filepath.Dir."""
    i = path.rfind("/")
    return clean(path[:i + 1]) if i >= 0 else "."


def _go_join(*elems: str) -> str:
    """filepath.Join / path.Join: the non-empty elements joined with `/`, cleaned ('' when none)."""
    parts = [e for e in elems if e]
    return clean("/".join(parts)) if parts else ""


def _go_rel(basepath: str, targpath: str) -> str | None:
    """filepath.Rel (Unix), None where Go returns an error."""
    base, targ = clean(basepath), clean(targpath)
    if targ == base:
        return "."
    if base == ".":
        base = ""
    if base.startswith("/") != targ.startswith("/"):
        return None
    bl, tl = len(base), len(targ)
    b0 = bi = t0 = ti = 0
    while True:
        while bi < bl and base[bi] != "/":
            bi += 1
        while ti < tl and targ[ti] != "/":
            ti += 1
        if targ[t0:ti] != base[b0:bi]:
            break
        if bi < bl:
            bi += 1
        if ti < tl:
            ti += 1
        b0, t0 = bi, ti
    if base[b0:bi] == "..":
        return None
    if b0 != bl:
        rel = "/".join([".."] * (base[b0:bl].count("/") + 1))
        return rel + "/" + targ[t0:] if t0 != tl else rel
    return targ[t0:]


class DockerPathMatcher:
    """watch.dockerPathMatcher: patterns made absolute against `root`, matched with their parents."""

    def __init__(self, root: str, patterns=()):
        root = os.path.abspath(root)
        patterns = list(patterns)
        if "*" in patterns:  # "*" alone: only the exclusions mean anything
            patterns = [p for p in patterns if not p or p[0] == "!"]
        self.root = root
        self.matcher = PatternMatcher(_abs_patterns(root, patterns))

    def matches(self, path: str) -> bool:
        if not os.path.isabs(path):
            path = _go_join(self.root, path)
        return self.matcher.matches_or_parent_matches(path)


class AnyMatcher:
    def matches(self, path: str) -> bool:
        return True


class CompositeMatcher:
    def __init__(self, *matchers):
        self.matchers = matchers

    def matches(self, path: str) -> bool:
        return any(m.matches(path) for m in self.matchers)


def _abs_patterns(root: str, patterns) -> list[str]:
    out = []
    for p in patterns:
        p = p.strip()
        if not p:
            continue
        p = clean(p)
        exclusion = p.startswith("!")
        body = p[1:] if exclusion else p
        if not body.startswith("/"):
            body = _go_join(root, body)
        out.append(("!" + body) if exclusion else body)
    return out


def ephemeral_matcher() -> DockerPathMatcher:
    return DockerPathMatcher("/", EPHEMERAL)


def dockerignore_matcher(context: str, text: str | bytes | None) -> DockerPathMatcher:
    """LoadDockerIgnore: the build context's ignore file's patterns (None: no file)."""
    return DockerPathMatcher(context, read_ignore_file(text) if text is not None else ())


def dockerignore_candidates(build: dict) -> list[str]:
    """The ignore files LoadDockerIgnore tries, in order: `<dockerfile>.dockerignore`, `.dockerignore`
    (joined as filepath.Join does: an absolute `dockerfile` stays under the context; with only a
    `dockerfile_inline`, compose-go leaves Dockerfile empty)."""
    context = build.get("context") or ""
    dockerfile = build.get("dockerfile")
    if dockerfile is None:
        dockerfile = "" if build.get("dockerfile_inline") is not None else "Dockerfile"
    return [_go_join(context, dockerfile + ".dockerignore"), _go_join(context, ".dockerignore")]


@dataclass
class Rule:
    service: str
    action: str
    path: str
    target: str = ""
    include: object = field(default_factory=AnyMatcher)
    ignore: object = field(default_factory=AnyMatcher)
    exec: dict = field(default_factory=dict)

    def matches(self, host_path: str) -> tuple[str, str] | None:
        """(host path, container path) when `host_path` concerns this rule (watchRule.Matches)."""
        if not is_child(self.path, host_path):
            return None
        if not self.include.matches(host_path) or self.ignore.matches(host_path):
            return None
        container = ""
        if self.target:
            rel = _go_rel(self.path, host_path)
            if rel is None:
                return None
            container = _go_join(self.target, rel.replace(os.sep, "/"))  # path.Join: cleaned
        return host_path, container


def trigger_ignore(trigger: dict, dockerignore) -> CompositeMatcher:
    """What a trigger never reacts to: .dockerignore, editors' files, `.git/`, its own `ignore`."""
    return CompositeMatcher(dockerignore, ephemeral_matcher(), DockerPathMatcher("/", [".git/"]),
                            DockerPathMatcher(trigger["path"], trigger.get("ignore") or ()))


def rules_for(name: str, service: dict, dockerignore) -> list[Rule]:
    """getWatchRules for one service."""
    rules = []
    for trigger in (service.get("develop") or {}).get("watch") or []:
        include = (DockerPathMatcher(trigger["path"], trigger["include"]) if trigger.get("include")
                   else AnyMatcher())
        rules.append(Rule(name, trigger.get("action", ""), trigger["path"], trigger.get("target", ""),
                          include, trigger_ignore(trigger, dockerignore), trigger.get("exec") or {}))
    return rules


def bind_mounted(path: str, volumes) -> bool:
    """checkIfPathAlreadyBindMounted: `path` is at or below the source of a volume with bind options
    (compose-go sets `Bind` for short-syntax host paths and for long syntax with a `bind:` key; v2
    tests `volume.Bind != nil`, not the type) -- a relative path that cannot be made relative counts
    as not mounted, and so does one starting with `..` (`..x` included, as strings.HasPrefix)."""
    for v in volumes or ():
        if v.get("bind") is not None:
            rel = _go_rel(v.get("source") or "", path)
            if rel is not None and not rel.startswith(".."):
                return True
    return False


def check_service(name: str, service: dict, *, build: bool = True) -> None:
    """The errors v2's watch gives for a service's triggers before watching starts."""
    from .errors import ComposeError

    for trigger in (service.get("develop") or {}).get("watch") or []:
        if trigger.get("action") == REBUILD:
            if service.get("build") is None:
                raise ComposeError(f"can't watch service {go_quote(name)} with action {REBUILD} without a build context")
            if not build:
                raise ComposeError(f"--no-build is incompatible with watch action {REBUILD} in service {name}")


@dataclass
class Plan:
    rebuild: list[str] = field(default_factory=list)
    sync: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    restart: list[str] = field(default_factory=list)
    exec: dict[str, list[int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rebuild or self.sync or self.restart or self.exec)


def plan(batch, rules: list[Rule]) -> Plan:
    """handleWatchBatch's first half: every rule each changed path matches, grouped by action."""
    rebuild: dict[str, None] = {}
    restart: dict[str, None] = {}
    sync: dict[str, list[tuple[str, str]]] = {}
    execs: dict[str, list[int]] = {}
    for path in batch:
        for i, rule in enumerate(rules):
            mapping = rule.matches(path)
            if mapping is None:
                continue
            if rule.action == REBUILD:
                rebuild[rule.service] = None
            elif rule.action == RESTART:
                restart[rule.service] = None
            elif rule.action in SYNC_ACTIONS:
                sync.setdefault(rule.service, []).append(mapping)
                if rule.action == SYNC_RESTART:
                    restart[rule.service] = None
                elif rule.action == SYNC_EXEC and i not in execs.setdefault(rule.service, []):
                    execs[rule.service].append(i)
    return Plan(sorted(rebuild), sync, sorted(restart), {s: sorted(v) for s, v in execs.items()})


def go_quote_list(items) -> str:
    """fmt.Sprintf("%q", []string{...}): `["a" "b"]`."""
    return "[" + " ".join(go_quote(s) for s in items) + "]"


def sync_message(service: str, mappings, debug: bool = False) -> str:
    if debug:
        return f"Syncing service {go_quote(service)} after changes were detected: " + ", ".join(h for h, _ in mappings)
    return f"Syncing service {go_quote(service)} after {len(mappings)} changes were detected"


def split_deletions(mappings, exists) -> tuple[list[tuple[str, str]], list[str]]:
    """Tar.Sync: host paths that are gone become container paths to `rm -rf`; the rest are copied."""
    copy, delete = [], []
    for host, container in mappings:
        if exists(host):
            copy.append((host, container))
        else:
            delete.append(container)
    return copy, delete


class Debouncer:
    """BatchDebounceEvents: events collect (each once, in arrival order) until QUIET_PERIOD passes
    without a new one; then `flush` hands the batch over."""

    def __init__(self, quiet: float = QUIET_PERIOD):
        self.quiet = quiet
        self.seen: dict[str, None] = {}
        self.last = 0.0

    def add(self, path: str, now: float) -> None:
        self.seen.setdefault(path, None)
        self.last = now

    def due(self, now: float) -> bool:
        return bool(self.seen) and now - self.last >= self.quiet

    def timeout(self, now: float) -> float | None:
        """How long a waiter may sleep before the batch is due (None: nothing pending)."""
        if not self.seen:
            return None
        return max(0.0, self.quiet - (now - self.last))

    def flush(self) -> list[str]:
        batch, self.seen = list(self.seen), {}
        return batch
