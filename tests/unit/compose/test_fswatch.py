"""compose watch's file watcher on real files, ported from Docker Compose v2.40.3's pkg/watch/notify_test.go,
watcher_naive_test.go and paths_test.go, run against both the inotify watcher and the poller.

The fixture mirrors notify_test.go's notifyFixture: `watch(path)` adds a path and rebuilds the watcher
(draining the old one first), `fsync()` writes a `sync-<n>.txt` file into the first watched directory
and collects events until that file is reported (so no fixed sleeps), dropping consecutive duplicates,
and `assert_events(...)` compares the collected events with the expected list.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time

import pytest

from pydock.compose import fswatch
from pydock.compose.fswatch import InotifyWatcher, PollingWatcher, WatchError, greatest_existing_ancestor

DEADLINE = 5.0


def make_watcher(cls, paths):
    if cls is PollingWatcher:
        return PollingWatcher(paths, interval=0.01)
    return cls(paths)


def write(path: str, data: str) -> str:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(data)
    return path


class Fixture:
    def __init__(self, cls, base: str):
        self.cls, self.base = cls, base
        self.paths: list[str] = []
        self.events: list[str] = []
        self.notify = None
        self.watch(self.tempdir("watched"))

    def tempdir(self, prefix: str) -> str:
        return tempfile.mkdtemp(prefix=prefix, dir=self.base)

    def join(self, *parts: str) -> str:
        return os.path.join(self.base, *parts)

    def watch(self, path: str) -> None:
        self.paths.append(path)
        self.rebuild()

    def rebuild(self) -> None:
        if self.notify is not None:
            self.fsync()
            self.notify.close()
        self.notify = make_watcher(self.cls, self.paths)

    def fsync(self) -> None:
        if not self.paths:
            return
        sync = os.path.join(self.paths[0], f"sync-{time.monotonic_ns()}.txt")
        any_sync = os.path.join(self.paths[0], "sync-")
        write(sync, "sync")
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            done = False
            for event in self.notify.events(0.05):
                if event == sync:
                    done = True
                    continue
                if event.startswith(any_sync):
                    continue
                if self.events and self.events[-1] == event:
                    continue
                self.events.append(event)
            if done:
                return
        pytest.fail("fsync: timeout")

    def assert_events(self, *expected: str, ordered: bool = True) -> None:
        self.fsync()
        got = self.events if ordered else sorted(self.events)
        want = list(expected) if ordered else sorted(expected)
        assert got == want

    def close(self) -> None:
        if self.notify is not None:
            self.notify.close()


@pytest.fixture(params=[InotifyWatcher, PollingWatcher], ids=["inotify", "polling"])
def f(request, tmp_path):
    fixture = Fixture(request.param, os.path.realpath(str(tmp_path)))
    yield fixture
    fixture.close()


def test_no_events(f):
    f.assert_events()


def test_no_watches(f):
    f.paths = []
    f.rebuild()
    f.assert_events()
    assert f.notify.events(0.01) == []


def test_event_ordering(f):
    dirs = []
    for _ in range(8):
        d = f.tempdir("watched")
        dirs.append(d)
        f.watch(d)
    f.fsync()
    f.events = []
    expected = []
    for i, d in enumerate(dirs):
        expected.append(write(os.path.join(d, f"{i}.txt"), f"{i}.txt"))
    # inotify reports in the order things happened; the poller only sees a snapshot difference
    f.assert_events(*expected, ordered=f.cls is InotifyWatcher)


def test_git_branch_switch(f):
    """A git branch switch: many directories created, filled and removed quickly; no error, and the
    watch on the first directory still works."""
    dirs = []
    for _ in range(10):
        d = f.tempdir("watched")
        dirs.append(d)
        f.watch(d)
    f.fsync()
    f.events = []
    for i, d in enumerate(dirs):
        for j in range(10):
            write(os.path.join(d, "x", "y", f"dir-{j}", "x.txt"), "contents")
            f.notify.events(0)  # consume in between, as the Go test does in the background
        if i != 0:
            shutil.rmtree(d)
    f.fsync()
    f.events = []
    path = write(os.path.join(dirs[0], "change"), "hello\n")
    f.fsync()
    f.assert_events(path)


def test_watches_are_recursive(f):
    root = f.tempdir("root")
    sub = os.path.join(root, "sub")
    os.makedirs(sub)
    f.watch(root)
    f.fsync()
    f.events = []
    change = write(os.path.join(sub, "change"), "change")
    f.assert_events(change)


def test_new_directories_are_recursively_watched(f):
    root = f.tempdir("root")
    f.watch(root)
    f.fsync()
    f.events = []
    sub = os.path.join(root, "sub")
    os.makedirs(sub)
    change = os.path.join(sub, "change")
    open(change, "a").close()
    f.assert_events(sub, change)


def test_new_directory_created_after_start_is_watched(f):
    """Beyond notify_test.go: a file written into a directory created (and already reported) earlier."""
    root = f.tempdir("root")
    f.watch(root)
    f.fsync()
    f.events = []
    sub = os.path.join(root, "a", "b")
    os.makedirs(sub)
    f.assert_events(os.path.join(root, "a"), sub)
    f.events = []
    later = write(os.path.join(sub, "later.txt"), "x")
    f.assert_events(later)


def test_watch_non_existent_path(f):
    root = f.tempdir("root")
    path = os.path.join(root, "change")
    f.watch(path)
    f.fsync()
    write(path, "hello\ngo\n")
    f.assert_events(path)


def test_watch_non_existent_path_does_not_fire_sibling_event(f):
    root = f.tempdir("root")
    watched_file = os.path.join(root, "a.txt")
    unwatched_sibling = os.path.join(root, "b.txt")
    f.watch(watched_file)
    f.fsync()
    write(unwatched_sibling, "hello\ngo\n")
    f.assert_events()


def test_remove(f):
    root = f.tempdir("root")
    path = write(os.path.join(root, "change"), "hello\ngo\n")
    f.watch(path)
    f.fsync()
    f.events = []
    os.remove(path)
    f.assert_events(path)


def test_remove_file_in_watched_dir(f):
    path = write(os.path.join(f.paths[0], "sub", "gone.txt"), "bye")
    f.fsync()
    f.events = []
    os.remove(path)
    f.assert_events(path)


def test_remove_and_add_back(f):
    path = os.path.join(f.paths[0], "change")
    write(path, "hello\ngo\n")
    f.watch(path)
    f.assert_events(path)
    os.remove(path)
    f.assert_events(path)
    f.events = []
    write(path, "hello\ngo\n")
    f.assert_events(path)


def test_single_file(f):
    root = f.tempdir("root")
    path = write(os.path.join(root, "change"), "hello\ngo\n")
    f.watch(path)
    f.fsync()
    with open(path, "w") as fh:
        fh.write("hello\nworld\n")
    f.assert_events(path)


def test_single_file_siblings_not_reported(f):
    root = f.tempdir("root")
    path = write(os.path.join(root, "watched.txt"), "a")
    sibling = write(os.path.join(root, "sibling.txt"), "a")
    f.watch(path)
    f.fsync()
    f.events = []
    with open(sibling, "w") as fh:
        fh.write("changed sibling")
    write(os.path.join(root, "newdir", "new.txt"), "x")
    f.assert_events()
    with open(path, "w") as fh:
        fh.write("changed watched")
    f.assert_events(path)


def test_paths_outside_every_root_not_reported(f):
    outside = f.tempdir("outside")
    f.fsync()
    f.events = []
    write(os.path.join(outside, "x.txt"), "x")
    write(f.join("top.txt"), "x")
    f.assert_events()


def test_write_broken_link(f):
    link = os.path.join(f.paths[0], "brokenLink")
    os.symlink(os.path.join(f.paths[0], "missingFile"), link)
    f.assert_events(link)


def test_write_good_link(f):
    good = write(os.path.join(f.paths[0], "goodFile"), "hello")
    link = os.path.join(f.paths[0], "goodFileSymlink")
    os.symlink(good, link)
    f.assert_events(good, link)


def test_watch_broken_link(f):
    new_root = f.tempdir("TestWatchBrokenLink")
    link = os.path.join(new_root, "brokenLink")
    os.symlink(os.path.join(new_root, "missingFile"), link)
    f.watch(new_root)
    os.remove(link)
    f.assert_events(link)


def test_move_and_replace(f):
    root = f.tempdir("root")
    file = write(os.path.join(root, "myfile"), "hello")
    f.watch(file)
    tmp = write(os.path.join(root, ".myfile.swp"), "world")
    os.rename(tmp, file)
    f.assert_events(file)


def test_watch_both_dir_and_file(f):
    d = f.join("foo")
    file_a = write(f.join("foo", "a"), "a")
    file_b = write(f.join("foo", "b"), "b")
    f.watch(file_a)
    f.watch(d)
    f.fsync()
    f.events = []
    write(file_b, "b-new")
    f.assert_events(file_b)


def test_watch_nonexistent_file_in_nonexistent_directory_created_simultaneously(f):
    os.mkdir(f.join("root"))
    file = f.join("root", "parent", "a")
    f.watch(file)
    f.fsync()
    f.events = []
    write(file, "hello")
    f.assert_events(file)


def test_watch_nonexistent_directory(f):
    os.mkdir(f.join("root"))
    parent = f.join("parent")
    file = f.join("parent", "a")
    f.watch(parent)
    f.fsync()
    f.events = []
    os.mkdir(parent)
    # for directories that were the root of an Add, we don't report creation
    f.assert_events()
    f.events = []
    write(file, "hello")
    f.assert_events(file)


def test_watch_nonexistent_file_in_nonexistent_directory(f):
    os.mkdir(f.join("root"))
    parent = f.join("parent")
    file = f.join("parent", "a")
    f.watch(file)
    f.assert_events()
    os.mkdir(parent)
    f.assert_events()
    write(file, "hello")
    f.assert_events(file)


def test_watch_count_inner_file(f):
    root = f.paths[0]
    a = os.path.join(root, "a")
    b = os.path.join(a, "b")
    file = write(os.path.join(b, "bigFile"), "hello")
    f.assert_events(a, b, file)
    if isinstance(f.notify, InotifyWatcher):  # one watch per directory: root, a, b
        assert sorted(f.notify.dirs.values()) == [root, a, b]


# -- watcher_naive_test.go ---------------------------------------------------------------------------

def test_dont_watch_each_file(f):
    watched = f.tempdir("watched")
    write(os.path.join(watched, "initial.txt"), "initial data")
    initial_dir = os.path.join(watched, "initial_dir")
    os.mkdir(initial_dir)
    for i in range(100):
        write(os.path.join(initial_dir, str(i)), "initial data")
    f.watch(watched)
    f.fsync()
    f.events = []  # the old watcher saw the files being written; the new one must not report them
    f.fsync()
    assert f.events == []

    inplace = os.path.join(watched, "inplace")
    os.mkdir(inplace)
    write(os.path.join(inplace, "inplace.txt"), "inplace data")
    inplace_dir = os.path.join(inplace, "inplace_dir")
    os.mkdir(inplace_dir)
    for i in range(100):
        write(os.path.join(inplace_dir, str(i)), "inplace data")
    f.fsync()
    assert len(f.events) >= 100
    assert os.path.join(inplace_dir, "99") in f.events
    f.events = []

    staged = f.tempdir("staged")
    write(os.path.join(staged, "staged.txt"), "staged data")
    staged_dir = os.path.join(staged, "staged_dir")
    os.mkdir(staged_dir)
    for i in range(100):
        write(os.path.join(staged_dir, str(i)), "staged data")
    os.rename(staged, os.path.join(watched, "staged"))
    f.fsync()
    assert len(f.events) >= 100
    assert os.path.join(watched, "staged", "staged_dir", "99") in f.events
    f.events = []

    if isinstance(f.notify, InotifyWatcher):  # directories only, never each file
        assert len(f.notify.dirs) <= 10


def test_dont_recurse_when_watching_parents_of_non_existent_files(f):
    watched = f.tempdir("watched")
    f.watch(os.path.join(watched, ".tiltignore"))
    excluded = os.path.join(watched, "excluded")
    for i in range(10):
        write(os.path.join(excluded, str(i), "data.txt"), "initial data")
    f.fsync()
    assert f.events == []
    if isinstance(f.notify, InotifyWatcher):
        assert excluded not in f.notify.dirs.values()
        assert len(f.notify.dirs) <= 5


# -- paths_test.go ---------------------------------------------------------------------------------

def test_greatest_existing_ancestor(tmp_path):
    p = str(tmp_path)
    assert greatest_existing_ancestor(p) == p
    assert greatest_existing_ancestor(os.path.join(p, "missing")) == p
    assert greatest_existing_ancestor(os.path.join(p, "missing", "a", "b")) == p
    with pytest.raises(WatchError, match="cannot watch root directory"):
        greatest_existing_ancestor("/missingDir/a/b/c")


@pytest.mark.parametrize("cls", [InotifyWatcher, PollingWatcher], ids=["inotify", "polling"])
def test_watching_below_missing_top_level_dir_is_an_error(cls):
    with pytest.raises(WatchError) as e:
        make_watcher(cls, ["/missingDir/a/b/c"])
    assert str(e.value) == "finding ancestor of /missingDir/a/b/c: cannot watch root directory"


@pytest.mark.parametrize("cls", [InotifyWatcher, PollingWatcher], ids=["inotify", "polling"])
def test_path_below_a_file_is_an_error(cls, tmp_path):
    file = write(str(tmp_path / "file"), "x")
    with pytest.raises(WatchError) as e:
        make_watcher(cls, [os.path.join(file, "sub")])
    assert str(e.value) == (f"finding ancestor of {file}/sub: os.Stat(\"{file}/sub\"): "
                            f"stat {file}/sub: not a directory")


def test_watcher_picks_inotify_unless_polling_asked(monkeypatch, tmp_path):
    w = fswatch.watcher([str(tmp_path)])
    try:
        assert isinstance(w, InotifyWatcher)
    finally:
        w.close()
    monkeypatch.setenv("PYDOCK_WATCH_POLL", "1")
    w = fswatch.watcher([str(tmp_path)])
    try:
        assert isinstance(w, PollingWatcher)
    finally:
        w.close()
