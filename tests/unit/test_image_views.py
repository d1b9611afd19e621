"""Pure pieces of the image management commands: the history row view, the rmi/prune reports, tag's
reference checks, save's destination checks and atomic file, prune's filters, load's chunking."""

from __future__ import annotations

import io
import os
import time

import pytest

from pydock.cli.image.load import read_chunks
from pydock.cli.image.prune import prune_filter_pairs
from pydock.atomicfile import AtomicFile
from pydock.cli.image.save import destination_problem
from pydock.cli.image.tag import TagError, TagTarget, check_source, tag_target
from pydock.render.formatter import Format, prepare, render_rows
from pydock.render.views_images import (
    HISTORY_TABLE, HISTORY_TABLE_NOT_HUMAN, QUIET_FORMAT, HistoryView, delete_lines, history_format_source,
    history_rows, prune_report, rfc3339_utc,
)

NOW = 1_795_839_600.0  # 2026-11-28 04:20:00 UTC
FULL_ID = "sha256:9907f071311b2e886d3e2ad6f4572130654c9e8b2f482d66a314bfcce7a16b5f"


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def item(**kw) -> dict:
    base = {"Id": FULL_ID, "Created": int(NOW) - 3 * 3600, "CreatedBy": "/bin/sh -c #(nop)  CMD [\"sh\"]",
            "Size": 1982256, "Comment": "", "Tags": None}
    base.update(kw)
    return base


# -- HistoryView fields -------------------------------------------------------------------------------

@pytest.mark.parametrize("h, trunc, human, field, expected", [
    (item(), True, True, "ID", "9907f071311b"),
    (item(), False, True, "ID", FULL_ID),
    (item(Id="<missing>"), True, True, "ID", "<missing>"),
    (item(Id="<missing>"), False, True, "ID", "<missing>"),
    (item(Id=""), True, True, "ID", ""),
    (item(), True, True, "CreatedSince", "3 hours ago"),
    (item(Created=int(NOW) - 59), True, True, "CreatedSince", "59 seconds ago"),
    (item(Created=int(NOW) - 90), True, True, "CreatedSince", "About a minute ago"),
    (item(Created=946684800), True, True, "CreatedSince", "N/A"),  # the year-2000 cut-off itself
    (item(Created=0), True, True, "CreatedSince", "N/A"),
    (item(Created=946684801), True, True, "CreatedSince", "26 years ago"),
    (item(), True, False, "CreatedSince", "2026-11-28T01:20:00Z"),  # not human: CreatedAt
    (item(), True, True, "CreatedAt", "2026-11-28T01:20:00Z"),
    (item(Created=0), True, True, "CreatedAt", "1970-01-01T00:00:00Z"),
    (item(), True, True, "Size", "1.98MB"),
    (item(), True, False, "Size", "1982256"),
    (item(Size=0), True, True, "Size", "0B"),
    (item(Size=0), True, False, "Size", "0"),
    (item(Size=3216), True, True, "Size", "3.22kB"),
    (item(Size=999), True, True, "Size", "999B"),
    (item(Size=1000), True, True, "Size", "1kB"),
    (item(Comment="buildkit.dockerfile.v0"), True, True, "Comment", "buildkit.dockerfile.v0"),
    (item(Comment=None), True, True, "Comment", ""),
    # CREATED BY: tabs become spaces, then cut to 45 display columns ending in an ellipsis
    (item(CreatedBy="a\tb"), True, True, "CreatedBy", "a b"),
    (item(CreatedBy="a\tb"), False, True, "CreatedBy", "a b"),
    (item(CreatedBy="x" * 45), True, True, "CreatedBy", "x" * 45),
    (item(CreatedBy="x" * 46), True, True, "CreatedBy", "x" * 44 + "…"),
    (item(CreatedBy="x" * 46), False, True, "CreatedBy", "x" * 46),
    (item(CreatedBy="/bin/sh -c #(nop) COPY file:73e2b2d48642b21b357384b0cb81c1869cc5e0c48a00f61553756196"
                    "0c48a00f61553756196058304b9 in /bin/busybox"),
     True, True, "CreatedBy", "/bin/sh -c #(nop) COPY file:73e2b2d48642b21b…"),
    (item(CreatedBy="日本語" * 20), True, True, "CreatedBy", "日本語" * 7 + "日…"),  # wide runes count twice
    (item(CreatedBy=""), True, True, "CreatedBy", ""),
    (item(CreatedBy=None), True, True, "CreatedBy", ""),
])
def test_history_fields(utc, h, trunc, human, field, expected):
    assert getattr(HistoryView(h, trunc=trunc, human=human, now=NOW), field)() == expected


def test_history_json_is_every_field_sorted(utc):
    view = HistoryView(item(), now=NOW)
    assert list(view.to_json()) == ["Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size"]
    assert view.to_json()["Size"] == "1.98MB"


@pytest.mark.parametrize("tz, expected", [
    ("UTC", "2026-11-28T01:20:00Z"),
    ("Europe/Paris", "2026-11-28T02:20:00+01:00"),
    ("America/New_York", "2026-11-27T20:20:00-05:00"),
    ("Asia/Kolkata", "2026-11-28T06:50:00+05:30"),
])
def test_rfc3339_in_local_time(monkeypatch, tz, expected):
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        assert rfc3339_utc(int(NOW) - 3 * 3600) == expected
    finally:
        monkeypatch.undo()
        time.tzset()


# -- the format docker picks ------------------------------------------------------------------------

@pytest.mark.parametrize("source, quiet, human, expected", [
    (None, False, True, HISTORY_TABLE),
    ("", False, True, HISTORY_TABLE),
    ("table", False, True, HISTORY_TABLE),
    ("table", False, False, HISTORY_TABLE_NOT_HUMAN),
    ("table", True, True, QUIET_FORMAT),
    ("table", True, False, QUIET_FORMAT),  # quiet wins over -H=false
    ("json", True, True, "json"),  # -q only changes the default table
    ("{{.ID}}|{{.Size}}", True, False, "{{.ID}}|{{.Size}}"),
    ("table {{.CreatedBy}}", True, True, "table {{.CreatedBy}}"),
])
def test_history_format_source(source, quiet, human, expected):
    assert history_format_source(source, quiet, human) == expected


def _render(source, rows):
    fmt = Format.parse(source, HISTORY_TABLE)
    return render_rows(fmt, prepare(fmt), rows, HistoryView.headers)


def test_history_table_layout(utc):
    rows = history_rows([item(Size=0, CreatedBy="/bin/sh -c #(nop)  CMD [\"sh\"]"),
                         item(Id="<missing>", Size=3216, CreatedBy="/bin/busybox --install -s /bin")],
                        trunc=True, human=True, now=NOW)
    assert _render(HISTORY_TABLE, rows) == (
        "IMAGE          CREATED       CREATED BY                       SIZE      COMMENT\n"
        "9907f071311b   3 hours ago   /bin/sh -c #(nop)  CMD [\"sh\"]    0B        \n"
        "<missing>      3 hours ago   /bin/busybox --install -s /bin   3.22kB    \n")


@pytest.mark.parametrize("source, expected", [
    ("json", '{"Comment":"","CreatedAt":"2026-11-28T01:20:00Z","CreatedBy":"a -\\u003e b","CreatedSince":"3 hours ago",'
             '"ID":"9907f071311b","Size":"1.98MB"}\n'),
    ("{{.ID}}", "9907f071311b\n"),
    ("table {{.ID}}\t{{.CreatedAt}}", "IMAGE          CREATED AT\n9907f071311b   2026-11-28T01:20:00Z\n"),
    ("table {{upper .Comment}}|{{.Size}}", "COMMENT|SIZE\n|1.98MB\n"),
])
def test_history_templates(utc, source, expected):
    rows = history_rows([item(CreatedBy="a -> b")], trunc=True, human=True, now=NOW)
    assert _render(source, rows) == expected


def test_history_empty_table_is_the_header_only():
    assert _render(HISTORY_TABLE, []) == "IMAGE     CREATED   CREATED BY   SIZE      COMMENT\n"


# -- rmi and prune reports ------------------------------------------------------------------------

@pytest.mark.parametrize("items, prune_style, expected", [
    ([], False, ""),
    ([{"Untagged": "a:1"}], False, "Untagged: a:1\n"),
    ([{"Untagged": "a:1"}, {"Deleted": "sha256:aa"}, {"Deleted": "sha256:bb"}], False,
     "Untagged: a:1\nDeleted: sha256:aa\nDeleted: sha256:bb\n"),
    ([{"Untagged": "a:1"}, {"Deleted": "sha256:aa"}], True, "untagged: a:1\ndeleted: sha256:aa\n"),
    ([{"Untagged": "a@sha256:cc", "Deleted": ""}], False, "Untagged: a@sha256:cc\n"),
    ([{"Untagged": "", "Deleted": "sha256:aa"}], False, "Deleted: sha256:aa\n"),
    ([{}], False, "Untagged: \n"),  # docker prints the empty Untagged too
])
def test_delete_lines(items, prune_style, expected):
    assert delete_lines(items, prune_style=prune_style) == expected


@pytest.mark.parametrize("report, expected", [
    ({}, "Total reclaimed space: 0B\n"),
    ({"ImagesDeleted": None, "SpaceReclaimed": 0}, "Total reclaimed space: 0B\n"),
    ({"ImagesDeleted": [], "SpaceReclaimed": 123}, "Total reclaimed space: 0B\n"),  # nothing deleted: 0
    ({"ImagesDeleted": [{"Untagged": "a:1"}, {"Deleted": "sha256:aa"}], "SpaceReclaimed": 1982256},
     "Deleted Images:\nuntagged: a:1\ndeleted: sha256:aa\n\nTotal reclaimed space: 1.982MB\n"),
    ({"ImagesDeleted": [{"Deleted": "sha256:aa"}], "SpaceReclaimed": None},
     "Deleted Images:\ndeleted: sha256:aa\n\nTotal reclaimed space: 0B\n"),
])
def test_prune_report(report, expected):
    assert prune_report(report) == expected


@pytest.mark.parametrize("filters, all_, expected", [
    ((), False, (("dangling", "true"),)),
    ((), True, (("dangling", "false"),)),
    ((("label", "a=b"),), True, (("label", "a=b"), ("dangling", "false"))),
    ((("until", "1h"), ("label!", "x")), False, (("until", "1h"), ("label!", "x"), ("dangling", "true"))),
])
def test_prune_filter_pairs(filters, all_, expected):
    assert prune_filter_pairs(filters, all_) == expected


# -- tag's reference checks -------------------------------------------------------------------------

@pytest.mark.parametrize("target, expected", [
    ("x", TagTarget("docker.io/library/x", "latest")),
    ("x:1", TagTarget("docker.io/library/x", "1")),
    ("pydock-test/pdc-a:v1.0", TagTarget("docker.io/pydock-test/pdc-a", "v1.0")),
    ("127.0.0.1:5000/a/b", TagTarget("127.0.0.1:5000/a/b", "latest")),
    ("localhost/a:2", TagTarget("localhost/a", "2")),
    ("UPPER/case", TagTarget("UPPER/case", "latest")),  # an upper-case first part is a domain: the daemon decides
    ("index.docker.io/a", TagTarget("docker.io/library/a", "latest")),
])
def test_tag_target(target, expected):
    assert tag_target(target) == expected


@pytest.mark.parametrize("target, message", [
    ("a/B", 'Error parsing reference: "a/B" is not a valid repository/tag: invalid reference format: '
            "repository name (a/B) must be lowercase"),
    ("Abc", 'Error parsing reference: "Abc" is not a valid repository/tag: invalid reference format: '
            "repository name (library/Abc) must be lowercase"),
    ("a::b", 'Error parsing reference: "a::b" is not a valid repository/tag: invalid reference format'),
    ("", 'Error parsing reference: "" is not a valid repository/tag: invalid reference format'),
    ("x:", 'Error parsing reference: "x:" is not a valid repository/tag: invalid reference format'),
    ("a" * 256, f'Error parsing reference: "{"a" * 256}" is not a valid repository/tag: '
                "repository name must not be more than 255 characters"),
    ("a" * 64, f'Error parsing reference: "{"a" * 64}" is not a valid repository/tag: '
               f"invalid repository name ({'a' * 64}), cannot specify 64-byte hexadecimal strings"),
    ("x@sha256:" + "a" * 64, "refusing to create a tag with a digest reference"),
    ("x:1@sha256:" + "a" * 64, "refusing to create a tag with a digest reference"),
])
def test_tag_target_errors(target, message):
    with pytest.raises(TagError) as e:
        tag_target(target)
    assert str(e.value) == message


@pytest.mark.parametrize("source", [
    "x", "x:1", "9907f071311b", "a" * 64, FULL_ID, "sha512:" + "b" * 128, "sha384:" + "c" * 96,
    "pydock-test/busybox:latest", "x@sha256:" + "a" * 64,
    "sha256:abc",  # not a digest (too short), but a valid name `sha256` with tag `abc`: the daemon decides
])
def test_check_source_accepts(source):
    check_source(source)


@pytest.mark.parametrize("source, why", [
    ("a::b", "invalid reference format"),
    ("Abc", "invalid reference format: repository name (library/Abc) must be lowercase"),
    ("", "invalid reference format"),
])
def test_check_source_rejects(source, why):
    with pytest.raises(TagError) as e:
        check_source(source)
    assert str(e.value) == f'Error parsing reference: "{source}" is not a valid repository/tag: {why}'


# -- save's destination and atomic file -------------------------------------------------------------

def test_destination_problems(tmp_path):
    regular = tmp_path / "f.tar"
    regular.write_bytes(b"x")
    (tmp_path / "link.tar").symlink_to(regular)
    os.mkfifo(tmp_path / "fifo")
    cases = {
        str(tmp_path / "new.tar"): None,
        str(regular): None,
        "": "file name is empty",
        "relative-new.tar": None,
        str(tmp_path): "cannot write to a directory",
        str(tmp_path / "link.tar"): "cannot write to a symbolic link directly",
        str(tmp_path / "fifo"): "cannot write to a named pipe (FIFO)",
        "/dev/null": "cannot write to a character device file",
        "/nonexistent-pdc/x.tar": "invalid output path: stat /nonexistent-pdc: no such file or directory",
        str(regular / "x.tar"): f"invalid output path: stat {regular}: not a directory",
    }
    for path, expected in cases.items():
        assert destination_problem(path) == expected, path


def test_atomic_file_commits_whole_or_nothing(tmp_path):
    target = tmp_path / "out.tar"
    target.write_bytes(b"old")
    f = AtomicFile(str(target))
    f.write(b"new ")
    f.write(b"content")
    assert target.read_bytes() == b"old"  # nothing visible before the commit
    f.commit()
    assert target.read_bytes() == b"new content"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert os.listdir(tmp_path) == ["out.tar"]
    g = AtomicFile(str(target))
    g.write(b"half")
    g.discard()
    assert target.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["out.tar"]


# -- load's body --------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, size, expected", [
    (b"", 4, []),
    (b"abc", 4, [b"abc"]),
    (b"abcd", 4, [b"abcd"]),
    (b"abcdefghij", 4, [b"abcd", b"efgh", b"ij"]),
])
def test_read_chunks(data, size, expected):
    assert list(read_chunks(io.BytesIO(data), size)) == expected


def test_read_chunks_is_lazy():
    class Source:
        reads = 0

        def read(self, n):
            self.reads += 1
            return b"x" * n

    src = Source()
    chunks = read_chunks(src, 8)
    assert next(chunks) == b"x" * 8 and src.reads == 1
