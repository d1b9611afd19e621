"""compose watch's pure rules, ported from Docker Compose v2.40.3's Go tests and code.

Expected values come from pkg/watch/{dockerignore,ephemeral,debounce}_test.go, pkg/compose/watch_test.go
(TestWatch_Sync) and, where v2 has no test, from reading the Go code (cited per case): watchRule.Matches,
getWatchRules, handleWatchBatch, checkIfPathAlreadyBindMounted, writeWatchSyncMessage, Tar.Sync,
internal/paths.IsChild and moby/patternmatcher's MatchesOrParentMatches.
"""

from __future__ import annotations

import os

import pytest

from pydock.compose import watchrules as wr
from pydock.compose.errors import ComposeError
from pydock.compose.watchrules import (
    AnyMatcher,
    CompositeMatcher,
    Debouncer,
    DockerPathMatcher,
    Plan,
    Rule,
    bind_mounted,
    check_service,
    dockerignore_candidates,
    dockerignore_matcher,
    ephemeral_matcher,
    go_quote_list,
    is_child,
    plan,
    rules_for,
    split_deletions,
    sync_message,
)


def patterns_of(m: DockerPathMatcher) -> list[str]:
    return [("!" if p.exclusion else "") + str(p) for p in m.matcher.patterns]


# -- dockerignore_test.go: TestNewDockerPatternMatcher ------------------------------------------------

@pytest.mark.parametrize("name,root,patterns,expected", [
    ("Basic patterns without wildcard", "/repo", ["dir1/", "file.txt"], ["/repo/dir1", "/repo/file.txt"]),
    ("Patterns with exclusion", "/repo", ["dir1/", "!file.txt"], ["/repo/dir1", "!/repo/file.txt"]),
    ("Wildcard with exclusion", "/repo", ["*", "!file.txt"], ["!/repo/file.txt"]),
    ("No patterns", "/repo", [], []),
    ("Only exclusion pattern", "/repo", ["!file.txt"], ["!/repo/file.txt"]),
    # absPatterns: absolute patterns kept, others joined (and cleaned) onto the root, blanks dropped
    ("absolute pattern", "/repo", ["/abs/x", "  ", "../up", "a/./b/"], ["/abs/x", "/up", "/repo/a/b"]),
    ("exclusion of absolute", "/repo", ["!/abs/x"], ["!/abs/x"]),
])
def test_new_docker_pattern_matcher(name, root, patterns, expected):
    m = DockerPathMatcher(root, patterns)
    assert m.root == root
    assert patterns_of(m) == expected


def test_relative_root_is_made_absolute():
    m = DockerPathMatcher("ctx", ["a"])  # filepath.Abs(repoRoot)
    assert m.root == os.path.join(os.getcwd(), "ctx")
    assert patterns_of(m) == [os.path.join(os.getcwd(), "ctx", "a")]


@pytest.mark.parametrize("patterns,path,expected", [
    # MatchesOrParentMatches: the file or any of its parents
    (["dir1/", "file.txt"], "/repo/dir1", True),
    (["dir1/", "file.txt"], "/repo/dir1/x/y.txt", True),
    (["dir1/", "file.txt"], "/repo/file.txt", True),
    (["dir1/", "file.txt"], "/repo/other", False),
    (["dir1/", "file.txt"], "/repo/sub/file.txt", False),  # anchored at the root
    (["dir1/", "file.txt"], "/elsewhere/dir1", False),
    # relative paths are joined onto the root (dockerPathMatcher.Matches)
    (["dir1/", "file.txt"], "dir1/x", True),
    (["dir1/", "file.txt"], "file.txt", True),
    (["dir1/", "file.txt"], "x/../file.txt", True),  # filepath.Join cleans
    (["dir1/", "file.txt"], "other", False),
    # wildcards don't cross a separator; `**` does
    (["*.py"], "/repo/a.py", True),
    (["*.py"], "/repo/pkg/a.py", False),
    (["**/*.py"], "/repo/pkg/a.py", True),
    # `!` exclusions: the last pattern that matches wins, parents included
    (["dir1", "!dir1/keep"], "/repo/dir1/x", True),
    (["dir1", "!dir1/keep"], "/repo/dir1/keep", False),
    (["dir1", "!dir1/keep"], "/repo/dir1/keep/sub", False),
    (["!dir1/keep", "dir1"], "/repo/dir1/keep", True),
    # `*` alone: only exclusions are kept, and an exclusion alone matches nothing
    (["*"], "/repo/anything", False),
    (["*", "!file.txt"], "/repo/anything", False),
    (["*", "!file.txt"], "/repo/file.txt", False),
    # an absolute pattern is used as is
    (["/abs/x"], "/abs/x/y", True),
    (["/abs/x"], "/repo/abs/x", False),
])
def test_docker_path_matcher_matches(patterns, path, expected):
    assert DockerPathMatcher("/repo", patterns).matches(path) is expected


# -- ephemeral_test.go: TestEphemeralPathMatcher (+ one case per pattern of ephemeral.go) ----------------

@pytest.mark.parametrize("path", [
    # ephemeral_test.go's list
    ".file.txt.swp", "/path/file.txt~", "/home/moby/proj/.idea/modules.xml", ".#file.txt", "#file.txt#",
    "/dir/.file.txt.kate-swp", "/go/app/1234-go-tmp-umask",
    # each pattern of EphemeralPathMatcher
    "/p/main.go___jb_old___", "/p/main.go___jb_tmp___", "/p/.idea/workspace/x.xml",
    "/p/.#main.go", "/p/#main.go#",
    "/p/4913", "/p/main.go~", "/p/.main.go.swp", "/p/.main.go.swx", "/p/.main.go.swo", "/p/.main.go.swn",
    "/p/.main.go.kate-swp", "/p/x-go-tmp-umask",
    # a match of a parent directory is a match
    "/p/.idea/deep/er/file",
])
def test_ephemeral_matches(path):
    assert ephemeral_matcher().matches(path) is True


@pytest.mark.parametrize("path", [
    "normal.txt",  # ephemeral_test.go's included path
    "/p/main.go", "/p/main.swp",  # `.*.swp` wants a leading dot
    "/p/.swp", "/p/49130", "/p/.idea",  # `**/.idea/**` wants something below .idea
    "/p/.main.go.swf", "/p/#main.go", "/p/main.go___jb_old",
])
def test_ephemeral_does_not_match(path):
    assert ephemeral_matcher().matches(path) is False


# -- LoadDockerIgnore ---------------------------------------------------------------------------------

@pytest.mark.parametrize("build,expected", [
    ({"context": "/ctx", "dockerfile": "Dockerfile"}, ["/ctx/Dockerfile.dockerignore", "/ctx/.dockerignore"]),
    ({"context": "/ctx", "dockerfile": "sub/app.Dockerfile"},
     ["/ctx/sub/app.Dockerfile.dockerignore", "/ctx/.dockerignore"]),
    ({"context": "/ctx"}, ["/ctx/Dockerfile.dockerignore", "/ctx/.dockerignore"]),
    # filepath.Join(repoRoot, build.Dockerfile+".dockerignore"): an absolute dockerfile stays under the context
    ({"context": "/ctx", "dockerfile": "/other/Dockerfile"},
     ["/ctx/other/Dockerfile.dockerignore", "/ctx/.dockerignore"]),
    ({"context": "/ctx/", "dockerfile": "./Dockerfile"}, ["/ctx/Dockerfile.dockerignore", "/ctx/.dockerignore"]),
    # dockerfile_inline: compose-go leaves Dockerfile empty, so the first candidate is `.dockerignore` itself
    ({"context": "/ctx", "dockerfile_inline": "FROM x"}, ["/ctx/.dockerignore", "/ctx/.dockerignore"]),
])
def test_dockerignore_candidates(build, expected):
    assert dockerignore_candidates(build) == expected


def _load(build: dict):
    """What watch.Session does with the candidates: the first that exists is read (LoadDockerIgnore)."""
    for candidate in dockerignore_candidates(build):
        if os.path.exists(candidate):
            with open(candidate, "rb") as f:
                return dockerignore_matcher(build["context"], f.read())
    return dockerignore_matcher(build["context"], None)


def test_dockerfile_specific_ignore_file_wins(tmp_path):
    ctx = str(tmp_path)
    (tmp_path / ".dockerignore").write_text("global.txt\n")
    (tmp_path / "app.Dockerfile.dockerignore").write_text("specific.txt\n")
    m = _load({"context": ctx, "dockerfile": "app.Dockerfile"})
    assert m.matches(f"{ctx}/specific.txt") is True
    assert m.matches(f"{ctx}/global.txt") is False
    m = _load({"context": ctx, "dockerfile": "Dockerfile"})  # no Dockerfile.dockerignore: the global one
    assert m.matches(f"{ctx}/global.txt") is True
    assert m.matches(f"{ctx}/specific.txt") is False


def test_no_ignore_file_matches_nothing(tmp_path):
    m = _load({"context": str(tmp_path), "dockerfile": "Dockerfile"})
    assert m.matches(f"{tmp_path}/anything") is False
    assert patterns_of(m) == []


def test_dockerignore_contents():
    text = b"# comment\nnode_modules\n!node_modules/keep\n/build\n\n  *.log  \r\n"
    m = dockerignore_matcher("/ctx", text)
    assert patterns_of(m) == ["/ctx/node_modules", "!/ctx/node_modules/keep", "/ctx/build", "/ctx/*.log"]
    assert m.matches("/ctx/node_modules/x/y") is True
    assert m.matches("/ctx/node_modules/keep") is False
    assert m.matches("/ctx/build/out") is True
    assert m.matches("/ctx/src/build") is False  # ignorefile.ReadAll strips the leading `/`: anchored
    assert m.matches("/ctx/a.log") is True
    assert m.matches("/ctx/comment") is False


# -- internal/paths.IsChild ---------------------------------------------------------------------------

@pytest.mark.parametrize("parent,path,expected", [
    ("/a", "/a", True), ("/a", "/a/b", True), ("/a", "/a/b/c", True), ("/a/", "/a/b", True),
    ("/a", "/ab", False), ("/a/b", "/a", False), ("/a", "/a/../b", False), ("/", "/x", True),
    ("", "/a", False), ("", "", False), ("/a", "a/b", False), ("a", "a/b", True),
    (".", "a", False),  # len(current) <= len(dir) stops the walk up before "." is reached
])
def test_is_child(parent, path, expected):
    assert is_child(parent, path) is expected


# -- watchRule.Matches / getWatchRules ---------------------------------------------------------------

def _service(*triggers, build=None):
    s = {"develop": {"watch": list(triggers)}}
    if build is not None:
        s["build"] = build
    return s


NO_IGNORE = dockerignore_matcher("/", None)

# TestWatch_Sync's rules
SYNC_TRIGGER = {"path": "/sync", "action": "sync", "target": "/work", "ignore": ["ignore"]}
REBUILD_TRIGGER = {"path": "/rebuild", "action": "rebuild"}


@pytest.mark.parametrize("path,expected", [
    ("/sync/changed", ("/sync/changed", "/work/changed")),  # TestWatch_Sync
    ("/sync/changed/sub", ("/sync/changed/sub", "/work/changed/sub")),  # TestWatch_Sync
    ("/sync", ("/sync", "/work")),  # path.Join(target, ".")
    ("/sync/ignore", None),  # the trigger's own ignore, relative to its path
    ("/sync/ignore/deep/file", None),  # ... parents included
    ("/sync/sub/ignore", ("/sync/sub/ignore", "/work/sub/ignore")),  # anchored at the trigger's path
    ("/syncx/a", None),  # not below the trigger's path
    ("/other", None),
    ("/sync/.a.swp", None), ("/sync/a~", None), ("/sync/.idea/x", None),  # editors' files
])
def test_sync_rule_matches(path, expected):
    rule = rules_for("test", _service(SYNC_TRIGGER), NO_IGNORE)[0]
    assert rule.matches(path) == expected


def test_rule_without_target_maps_to_empty_container_path():
    rule = rules_for("test", _service(REBUILD_TRIGGER), NO_IGNORE)[0]
    assert rule.matches("/rebuild") == ("/rebuild", "")
    assert rule.matches("/rebuild/x") == ("/rebuild/x", "")
    assert rule.matches("/sync/changed") is None


@pytest.mark.parametrize("target,path,expected", [
    ("/work/", "/src/a/b", "/work/a/b"),  # path.Join cleans
    ("/work/./x/..", "/src/a", "/work/a"),
    ("/work", "/src", "/work"),
    ("//work", "/src/a", "/work/a"),
    ("rel", "/src/a", "rel/a"),
])
def test_target_mapping(target, path, expected):
    rule = rules_for("s", _service({"path": "/src", "action": "sync", "target": target}), NO_IGNORE)[0]
    assert rule.matches(path) == (path, expected)


def test_file_trigger_maps_to_target_itself():
    rule = rules_for("s", _service({"path": "/app/main.py", "action": "sync", "target": "/srv/main.py"}),
                     NO_IGNORE)[0]
    assert rule.matches("/app/main.py") == ("/app/main.py", "/srv/main.py")
    assert rule.matches("/app/other.py") is None
    assert rule.matches("/app") is None


@pytest.mark.parametrize("include,path,included", [
    (["*.py"], "/src/a.py", True),
    (["*.py"], "/src/a.txt", False),
    (["*.py"], "/src/pkg/a.py", False),  # `*` stops at a separator
    (["**/*.py"], "/src/pkg/a.py", True),
    (["pkg/"], "/src/pkg/a/b.txt", True),  # a parent matches
    (["pkg/", "!pkg/skip"], "/src/pkg/skip/x", False),
    (["*"], "/src/a.py", False),  # "*" alone leaves no pattern: nothing is included
])
def test_include(include, path, included):
    rule = rules_for("s", _service({"path": "/src", "action": "sync", "target": "/t", "include": include}),
                     NO_IGNORE)[0]
    assert (rule.matches(path) is not None) is included


def test_ignore_wins_over_include():
    rule = rules_for("s", _service({"path": "/src", "action": "sync", "target": "/t", "include": ["*.py"],
                                    "ignore": ["secret.py"]}), NO_IGNORE)[0]
    assert rule.matches("/src/app.py") == ("/src/app.py", "/t/app.py")
    assert rule.matches("/src/secret.py") is None


def test_dockerignore_applies_to_every_trigger():
    di = dockerignore_matcher("/src", b"*.log\nnode_modules\n")
    rules = rules_for("s", _service({"path": "/src", "action": "sync", "target": "/t"},
                                    {"path": "/src/app", "action": "restart"}), di)
    for rule in rules:
        assert rule.matches("/src/node_modules/x") is None
    assert rules[0].matches("/src/a.log") is None
    # `*.log` is anchored at the context (`*` stops at a separator): a log below it is not ignored
    assert rules[0].matches("/src/app/x.log") == ("/src/app/x.log", "/t/app/x.log")
    assert rules[1].matches("/src/app/main.c") == ("/src/app/main.c", "")


def test_dot_git_ignore_is_rooted_at_filesystem_root():
    # getWatchRules: NewDockerPatternMatcher("/", []string{".git/"}) -> the single pattern "/.git"
    # (absPatterns joins it onto "/"), which patternmatcher matches exactly (with parents): a `.git`
    # below the trigger's path is NOT ignored by it in v2.40.3.
    git = wr.trigger_ignore({"path": "/"}, NO_IGNORE).matchers[2]
    assert patterns_of(git) == ["/.git"]
    root_rule = rules_for("s", _service({"path": "/", "action": "sync", "target": "/t"}), NO_IGNORE)[0]
    assert root_rule.matches("/.git") is None
    assert root_rule.matches("/.git/config") is None
    assert root_rule.matches("/.gitignore") == ("/.gitignore", "/t/.gitignore")
    rule = rules_for("s", _service({"path": "/src", "action": "sync", "target": "/t"}), NO_IGNORE)[0]
    assert rule.matches("/src/.git/config") == ("/src/.git/config", "/t/.git/config")


def test_rules_for_builds_one_rule_per_trigger():
    svc = _service({"path": "/a", "action": "sync", "target": "/x"}, {"path": "/b", "action": "rebuild"},
                   {"path": "/c", "action": "sync+exec", "target": "/y", "exec": {"command": ["true"]}})
    rules = rules_for("web", svc, NO_IGNORE)
    assert [(r.service, r.action, r.path, r.target) for r in rules] == [
        ("web", "sync", "/a", "/x"), ("web", "rebuild", "/b", ""), ("web", "sync+exec", "/c", "/y")]
    assert isinstance(rules[0].include, AnyMatcher)  # no include: watch.AnyMatcher
    assert isinstance(rules[0].ignore, CompositeMatcher)
    assert rules[2].exec == {"command": ["true"]}
    assert rules_for("web", {}, NO_IGNORE) == []


def test_composite_and_any_matchers():
    assert AnyMatcher().matches("/whatever") is True
    assert CompositeMatcher().matches("/x") is False  # NewCompositeMatcher() is EmptyMatcher
    assert CompositeMatcher(DockerPathMatcher("/", ["a"]), DockerPathMatcher("/", ["b"])).matches("/b/c") is True
    assert CompositeMatcher(DockerPathMatcher("/", ["a"])).matches("/c") is False


# -- handleWatchBatch's grouping ----------------------------------------------------------------------

def _rules():
    return [
        *rules_for("a", _service({"path": "/sync", "action": "sync", "target": "/w"}), NO_IGNORE),  # 0
        *rules_for("b", _service({"path": "/build", "action": "rebuild"}), NO_IGNORE),  # 1
        *rules_for("c", _service({"path": "/conf", "action": "restart"}), NO_IGNORE),  # 2
        *rules_for("d", _service({"path": "/sr", "action": "sync+restart", "target": "/w"}), NO_IGNORE),  # 3
        *rules_for("e", _service({"path": "/ex", "action": "sync+exec", "target": "/w",
                                  "exec": {"command": ["one"]}},
                                 {"path": "/ex2", "action": "sync+exec", "target": "/v",
                                  "exec": {"command": ["two"]}}), NO_IGNORE),  # 4, 5
        *rules_for("f", _service({"path": "/build2", "action": "rebuild"}), NO_IGNORE),  # 6
    ]


@pytest.mark.parametrize("batch,expected", [
    (["/sync/x", "/sync/y"], Plan(sync={"a": [("/sync/x", "/w/x"), ("/sync/y", "/w/y")]})),
    (["/build/Dockerfile", "/build/src/x"], Plan(rebuild=["b"])),
    (["/build2/x", "/build/x"], Plan(rebuild=["b", "f"])),
    (["/conf/a", "/conf/b"], Plan(restart=["c"])),
    (["/sr/x"], Plan(sync={"d": [("/sr/x", "/w/x")]}, restart=["d"])),
    # sync+exec: every file synced, the hook once per rule however many files matched
    (["/ex/1", "/ex/2", "/ex/3"], Plan(sync={"e": [("/ex/1", "/w/1"), ("/ex/2", "/w/2"), ("/ex/3", "/w/3")]},
                                       exec={"e": [4]})),
    (["/ex2/1", "/ex/1", "/ex2/2"], Plan(sync={"e": [("/ex2/1", "/v/1"), ("/ex/1", "/w/1"), ("/ex2/2", "/v/2")]},
                                         exec={"e": [4, 5]})),
    (["/nowhere", "/syncx"], Plan()),
    (["/sync/x", "/build/x", "/conf/x"], Plan(rebuild=["b"], sync={"a": [("/sync/x", "/w/x")]}, restart=["c"])),
])
def test_plan(batch, expected):
    assert plan(batch, _rules()) == expected


def test_plan_watch_sync_batches():
    # TestWatch_Sync: the rules of its `test` service, and the two batches it sends
    rules = rules_for("test", _service(SYNC_TRIGGER, REBUILD_TRIGGER), NO_IGNORE)
    p = plan(["/sync/changed", "/sync/changed/sub"], rules)
    assert p == Plan(sync={"test": [("/sync/changed", "/work/changed"),
                                    ("/sync/changed/sub", "/work/changed/sub")]})
    p = plan(["/rebuild", "/sync/changed"], rules)
    assert p.rebuild == ["test"] and p.sync == {"test": [("/sync/changed", "/work/changed")]}


def test_plan_overlapping_rules_each_apply():
    rules = rules_for("s", _service({"path": "/src", "action": "sync", "target": "/a"},
                                    {"path": "/src/sub", "action": "sync", "target": "/b"}), NO_IGNORE)
    assert plan(["/src/sub/f"], rules).sync == {"s": [("/src/sub/f", "/a/sub/f"), ("/src/sub/f", "/b/f")]}


def test_plan_unknown_action_is_ignored_and_empty_plan_is_falsy():
    rules = [Rule("s", "frobnicate", "/x")]
    p = plan(["/x/y"], rules)
    assert p == Plan() and not p
    assert plan(["/sync/x"], _rules())


# -- messages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("items,expected", [
    (["a", "b"], '["a" "b"]'),
    (["web"], '["web"]'),
    ([], "[]"),
    (['x"y', "back\\slash"], '["x\\"y" "back\\\\slash"]'),
    (["tab\there"], '["tab\\there"]'),
    (["café"], '["café"]'),
])
def test_go_quote_list(items, expected):
    assert go_quote_list(items) == expected


def test_sync_message():
    mappings = [("/src/a", "/w/a"), ("/src/b", "/w/b")]
    assert sync_message("web", mappings) == 'Syncing service "web" after 2 changes were detected'
    assert sync_message("web", mappings, debug=True) == \
        'Syncing service "web" after changes were detected: /src/a, /src/b'
    assert sync_message("web", mappings[:1]) == 'Syncing service "web" after 1 changes were detected'


def test_not_configured_message():
    assert wr.NOT_CONFIGURED == \
        "none of the selected services is configured for watch, consider setting a 'develop' section"


# -- checkIfPathAlreadyBindMounted ----------------------------------------------------------------------

SHORT_BIND = {"type": "bind", "source": "/src", "target": "/app", "bind": {"create_host_path": True}}


@pytest.mark.parametrize("path,volumes,expected", [
    ("/src", [SHORT_BIND], True),
    ("/src/sub/file", [SHORT_BIND], True),
    ("/srcx", [SHORT_BIND], False),  # Rel -> "../srcx"
    ("/", [SHORT_BIND], False),
    ("/other", [SHORT_BIND], False),
    ("/src/..hidden", [SHORT_BIND], False),  # strings.HasPrefix(rel, "..")
    ("/src/sub/../x", [SHORT_BIND], True),  # Rel cleans
    ("/src", [{"type": "volume", "source": "data", "target": "/d", "volume": {}}], False),
    # long syntax without `bind:` options: compose-go leaves Bind nil, and v2 tests Bind, not the type
    ("/src", [{"type": "bind", "source": "/src", "target": "/app"}], False),
    ("/src", [{"type": "bind", "source": "/src", "target": "/app", "bind": {}}], True),
    ("/src", [{"type": "bind", "source": "src", "target": "/app", "bind": {}}], False),  # Rel errors
    ("/src", [{"type": "bind", "source": "", "target": "/app", "bind": {}}], False),
    ("/src", [], False), ("/src", None, False),
    ("/src/x", [{"type": "volume", "source": "v", "target": "/v"}, SHORT_BIND], True),
])
def test_bind_mounted(path, volumes, expected):
    assert bind_mounted(path, volumes) is expected


# -- Tar.Sync ---------------------------------------------------------------------------------------

def test_split_deletions():
    mappings = [("/h/a", "/c/a"), ("/h/gone", "/c/gone"), ("/h/b", "/c/b"), ("/h/gone2", "/c/gone2")]
    copy, delete = split_deletions(mappings, {"/h/a", "/h/b"}.__contains__)
    assert copy == [("/h/a", "/c/a"), ("/h/b", "/c/b")]
    assert delete == ["/c/gone", "/c/gone2"]
    assert split_deletions([], lambda p: True) == ([], [])


def test_split_deletions_on_disk(tmp_path):
    (tmp_path / "here").write_text("x")
    copy, delete = split_deletions([(str(tmp_path / "here"), "/c/here"), (str(tmp_path / "gone"), "/c/gone")],
                                   os.path.exists)
    assert copy == [(str(tmp_path / "here"), "/c/here")] and delete == ["/c/gone"]


# -- debounce_test.go: Test_BatchDebounceEvents -----------------------------------------------------------

def test_batch_debounce_events():
    d = Debouncer()
    assert d.quiet == 0.5 == wr.QUIET_PERIOD
    for i in range(100):
        d.add("/b" if i % 2 == 0 else "/a", 10.0)
    assert not d.due(10.0 + 0.499)
    assert d.due(10.0 + 0.5)
    batch = d.flush()
    assert sorted(batch) == ["/a", "/b"]
    assert batch == ["/b", "/a"]  # arrival order, each once
    # there should only be a single batch
    assert not d.due(11.0)
    assert d.flush() == []


def test_debounce_window_slides_with_each_event():
    d = Debouncer()
    d.add("/x", 0.0)
    d.add("/y", 0.4)
    assert not d.due(0.6)  # 0.2 since the last event
    assert d.due(0.9)
    assert d.flush() == ["/x", "/y"]


def test_debounce_timeout():
    d = Debouncer()
    assert d.timeout(5.0) is None  # nothing pending
    d.add("/x", 1.0)
    assert d.timeout(1.0) == pytest.approx(0.5)
    assert d.timeout(1.2) == pytest.approx(0.3)
    assert d.timeout(2.0) == 0.0
    d.flush()
    assert d.timeout(2.0) is None


# -- the checks of watch() before watching ----------------------------------------------------------------

@pytest.mark.parametrize("service,build,message", [
    (_service({"path": "/b", "action": "rebuild"}), True,
     'can\'t watch service "web" with action rebuild without a build context'),
    (_service({"path": "/b", "action": "rebuild"}, build={"context": "."}), False,
     "--no-build is incompatible with watch action rebuild in service web"),
    (_service({"path": "/a", "action": "sync", "target": "/t"}, {"path": "/b", "action": "rebuild"}), False,
     'can\'t watch service "web" with action rebuild without a build context'),
])
def test_check_service_errors(service, build, message):
    with pytest.raises(ComposeError) as e:
        check_service("web", service, build=build)
    assert str(e.value) == message


@pytest.mark.parametrize("service,build", [
    (_service({"path": "/b", "action": "rebuild"}, build={"context": "."}), True),
    (_service({"path": "/a", "action": "sync", "target": "/t"}), False),  # no build needed but for rebuild
    (_service({"path": "/a", "action": "restart"}), False),
    ({}, False),
])
def test_check_service_ok(service, build):
    assert check_service("web", service, build=build) is None
