"""pydock.build.dockerignore against moby/patternmatcher's own test tables (ported verbatim) and docker's
documented .dockerignore rules. Tricky cases are also checked against a real `docker build` in
tests/engine/test_build.py."""

from __future__ import annotations

import pytest

from pydock.build.dockerignore import (MatchInfo, PatternError, PatternMatcher, clean, matches, read_ignore_file,
                                       trim_build_files)

# patternmatcher_test.go TestMatches: (pattern, text, matched)
SINGLE = [
    ("**", "file", True), ("**", "file/", True), ("**/", "file", True), ("**/", "file/", True),
    ("**", "/", True), ("**/", "/", True), ("**", "dir/file", True), ("**/", "dir/file", True),
    ("**", "dir/file/", True), ("**/", "dir/file/", True), ("**/**", "dir/file", True),
    ("**/**", "dir/file/", True), ("dir/**", "dir/file", True), ("dir/**", "dir/file/", True),
    ("dir/**", "dir/dir2/file", True), ("dir/**", "dir/dir2/file/", True), ("**/dir", "dir", True),
    ("**/dir", "dir/file", True), ("**/dir2/*", "dir/dir2/file", True), ("**/dir2/*", "dir/dir2/file/", True),
    ("**/dir2/**", "dir/dir2/dir3/file", True), ("**/dir2/**", "dir/dir2/dir3/file/", True),
    ("**file", "file", True), ("**file", "dir/file", True), ("**/file", "dir/file", True),
    ("**file", "dir/dir/file", True), ("**/file", "dir/dir/file", True), ("**/file*", "dir/dir/file", True),
    ("**/file*", "dir/dir/file.txt", True), ("**/file*txt", "dir/dir/file.txt", True),
    ("**/file*.txt", "dir/dir/file.txt", True), ("**/file*.txt*", "dir/dir/file.txt", True),
    ("**/**/*.txt", "dir/dir/file.txt", True), ("**/**/*.txt2", "dir/dir/file.txt", False),
    ("**/*.txt", "file.txt", True), ("**/**/*.txt", "file.txt", True), ("a**/*.txt", "a/file.txt", True),
    ("a**/*.txt", "a/dir/file.txt", True), ("a**/*.txt", "a/dir/dir/file.txt", True),
    ("a/*.txt", "a/dir/file.txt", False), ("a/*.txt", "a/file.txt", True), ("a/*.txt**", "a/file.txt", True),
    ("a[b-d]e", "ae", False), ("a[b-d]e", "ace", True), ("a[b-d]e", "aae", False), ("a[^b-d]e", "aze", True),
    (".*", ".foo", True), (".*", "foo", False), ("abc.def", "abcdef", False), ("abc.def", "abc.def", True),
    ("abc.def", "abcZdef", False), ("abc?def", "abcZdef", True), ("abc?def", "abcdef", False),
    ("a\\\\", "a\\", True), ("**/foo/bar", "foo/bar", True), ("**/foo/bar", "dir/foo/bar", True),
    ("**/foo/bar", "dir/dir2/foo/bar", True), ("abc/**", "abc", False), ("abc/**", "abc/def", True),
    ("abc/**", "abc/def/ghi", True), ("**/.foo", ".foo", True), ("**/.foo", "bar.foo", False),
    ("a(b)c/def", "a(b)c/def", True), ("a(b)c/def", "a(b)c/xyz", False), ("a.|)$(}+{bc", "a.|)$(}+{bc", True),
    ("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
     "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", True),
    ("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", True),
    ("a\\*b", "a*b", True),
]

MULTI = [
    (["**", "!util/docker/web"], "util/docker/web/foo", False),
    (["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", True),
    (["**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"],
     "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", False),
    (["**", "!dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", False),
    # docker's documented example (verified with docker build): the last matching pattern wins
    (["*.log", "sub/secret*", "!sub/secret-keep"], "sub/secret-keep", False),
    (["*.log", "sub/secret*", "!sub/secret-keep"], "sub/secret1", True),
    (["*.log", "sub/secret*", "!sub/secret-keep"], "a.log", True),
    (["*.log", "sub/secret*", "!sub/secret-keep"], "sub/a.log", False),  # `*` does not cross a `/`
    (["*/*.md", "!*/README.md"], "docs/README.md", False),
    (["!keep", "*"], "keep", True),  # an exception before the pattern it would undo does nothing
]

# Go's filepath.Match table as patternmatcher_test.go uses it (through the deprecated Matches)
GO_MATCH = [
    ("abc", "abc", True, False), ("*", "abc", True, False), ("*c", "abc", True, False), ("a*", "a", True, False),
    ("a*", "abc", True, False), ("a*", "ab/c", True, False), ("a*/b", "abc/b", True, False),
    ("a*/b", "a/c/b", False, False), ("a*b*c*d*e*/f", "axbxcxdxe/f", True, False),
    ("a*b*c*d*e*/f", "axbxcxdxexxx/f", True, False), ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", False, False),
    ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", False, False), ("a*b?c*x", "abxbbxdbxebxczzx", True, False),
    ("a*b?c*x", "abxbbxdbxebxczzy", False, False), ("ab[c]", "abc", True, False), ("ab[b-d]", "abc", True, False),
    ("ab[e-g]", "abc", False, False), ("ab[^c]", "abc", False, False), ("ab[^b-d]", "abc", False, False),
    ("ab[^e-g]", "abc", True, False), ("a\\*b", "a*b", True, False), ("a\\*b", "ab", False, False),
    ("a?b", "a☺b", True, False), ("a[^a]b", "a☺b", True, False), ("a???b", "a☺b", False, False),
    ("a[^a][^a][^a]b", "a☺b", False, False), ("[a-ζ]*", "α", True, False), ("*[a-ζ]", "A", False, False),
    ("a?b", "a/b", False, False), ("a*b", "a/b", False, False), ("[\\]a]", "]", True, False),
    ("[\\-]", "-", True, False), ("[x\\-]", "x", True, False), ("[x\\-]", "-", True, False),
    ("[x\\-]", "z", False, False), ("[\\-x]", "x", True, False), ("[\\-x]", "-", True, False),
    ("[\\-x]", "a", False, False), ("[]a]", "]", False, True), ("[-]", "-", False, True),
    ("[x-]", "x", False, True), ("[x-]", "-", False, True), ("[x-]", "z", False, True), ("[-x]", "x", False, True),
    ("[-x]", "-", False, True), ("[-x]", "a", False, True), ("\\", "a", False, True), ("[a-b-c]", "a", False, True),
    ("[", "a", False, True), ("[^", "a", False, True), ("[^bc", "a", False, True), ("a[", "a", False, True),
    ("a[", "ab", False, True), ("*x", "xxx", True, False),
]


def _with_parent_results(pm: PatternMatcher, text: str) -> bool:
    """How the tar walk calls it: each parent directory first, its MatchInfo handed down."""
    info = MatchInfo()
    parent = text.rpartition("/")[0] if "/" in text else "."
    parent = clean(parent) if parent else "/"
    if parent != ".":
        dirs = parent.split("/")
        for i in range(len(dirs)):
            _, info = pm.matches_using_parent_results("/".join(dirs[:i + 1]), info)
    return pm.matches_using_parent_results(text, info)[0]


@pytest.mark.parametrize("pattern, text, expected", SINGLE)
def test_single_pattern(pattern, text, expected):
    pm = PatternMatcher([pattern])
    assert pm.matches_or_parent_matches(text) is expected
    assert pm.matches_using_parent_results(text, None)[0] is expected
    assert _with_parent_results(pm, text) is expected


@pytest.mark.parametrize("patterns, text, expected", MULTI)
def test_several_patterns(patterns, text, expected):
    pm = PatternMatcher(patterns)
    assert pm.matches_or_parent_matches(text) is expected
    assert _with_parent_results(pm, text) is expected


@pytest.mark.parametrize("pattern, text, expected, bad", GO_MATCH)
def test_go_filepath_match_table(pattern, text, expected, bad):
    if bad:
        with pytest.raises(PatternError, match="syntax error in pattern"):
            matches(text, [pattern])
    else:
        assert matches(text, [pattern]) is expected


@pytest.mark.parametrize("patterns, text, expected", [
    (["*"], "fileutils.go", True), (["*.go"], "fileutils.go", True), (["!fileutils.go", "*.go"], "fileutils.go", True),
    (["docs", "!docs/README.md"], "docs/README.md", False), (["docs/", "!docs/README.md"], "docs/README.md", False),
    (["docs/*", "!docs/README.md"], "docs/README.md", False), (["*.go", "!fileutils.go"], "fileutils.go", False),
    (["*.go"], ".", False), ([], "/any/path/there", False),
])
def test_deprecated_matches(patterns, text, expected):
    assert matches(text, patterns) is expected


def test_single_exclamation_is_an_error():
    with pytest.raises(PatternError, match='illegal exclusion pattern: "!"'):
        PatternMatcher(["!"])


@pytest.mark.parametrize("path, expected", [
    ("", "."), (".", "."), ("a/b/../c", "a/c"), ("./a//b/", "a/b"), ("/../a", "/a"), ("../a", "../a"),
    ("a/../..", ".."), ("/", "/"), ("//a", "/a"), ("a/./b/.", "a/b"), ("a/b/c/../../..", "."),
])
def test_clean_is_go_filepath_clean(path, expected):
    assert clean(path) == expected


@pytest.mark.parametrize("text, expected", [
    ("a\nb\n", ["a", "b"]),
    ("\ufeff# comment\nx", ["x"]),                      # BOM stripped from line 1, then a comment
    ("  # not a comment\n", ["# not a comment"]),      # `#` only counts as the very first character
    ("\n\n  \t\n", []),                                # blank lines skipped
    ("  spaced  \r\n", ["spaced"]),                     # trimmed, CRLF
    ("/abs/path\n", ["abs/path"]),                      # leading slash dropped
    ("!/abs\n", ["!abs"]), ("! spaced\n", ["!spaced"]),
    ("a/../b\n./c/\n", ["b", "c"]),                     # filepath.Clean
    ("../x\n", ["../x"]), ("/\n", ["/"]), ("!\n", ["!"]),
    ("**/*.pyc\n!keep/**\n", ["**/*.pyc", "!keep/**"]),
    ("no-newline-at-end", ["no-newline-at-end"]),
])
def test_read_ignore_file(text, expected):
    assert read_ignore_file(text.encode()) == expected


def test_a_very_long_line_is_docker_error():
    with pytest.raises(PatternError, match="bufio.Scanner: token too long"):
        read_ignore_file(b"x" * 70000)


@pytest.mark.parametrize("excludes, dockerfile, stdin, expected", [
    ([], "Dockerfile", False, []),
    (["*"], "Dockerfile", False, ["*", "!.dockerignore", "!Dockerfile"]),
    (["Dockerfile"], "Dockerfile", False, ["Dockerfile", "!Dockerfile"]),
    (["Dockerfile"], "Dockerfile", True, ["Dockerfile"]),
    ([".dockerignore"], "Dockerfile", False, [".dockerignore", "!.dockerignore"]),
    (["build"], "build/Dockerfile", False, ["build", "!build/Dockerfile"]),
    (["*.txt"], "Dockerfile", False, ["*.txt"]),
])
def test_trim_build_files(excludes, dockerfile, stdin, expected):
    assert trim_build_files(excludes, dockerfile, stdin) == expected
