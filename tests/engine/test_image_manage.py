"""Image management against docker: tag, rmi / image rm, history, save, load, image prune.

Verbs that change state cannot run twice on one image, so those tests build twin images (`-d` for
docker, `-p` for pydock) and compare the outputs with the twins' names and IDs replaced by placeholders,
then compare the resulting engine state. Every image here is built from a Dockerfile that carries the
session label itself (so intermediate images have it too) plus a `pdc.role` label unique to the image."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

import pytest

from tests.conftest import ROOT, read_pty, run_docker, run_pydock
from tests.engine.conftest import LABEL, RUN_ID, TEST_IMAGE
from tests.engine.differential import as_pydock, assert_same

SUFFIX = RUN_ID[:6]
REPO = f"pydock-test/pdc-{SUFFIX}"
SHA = re.compile(r"sha256:[0-9a-f]{64}")
LABEL_KEY, LABEL_VALUE = LABEL.split("=", 1)
OURS = ("--filter", f"label={LABEL}")
NOT_NEVER = ("--filter", "label!=pdc.never=1")


def build(tag: str | None, role: str, extra: str = "") -> str:
    """A labelled image, unique by `role` from its first layer on (no layer shared with another role's image,
    so removing one never frees another's parents); returns its ID."""
    dockerfile = f"FROM {TEST_IMAGE}\nLABEL pdc.role={role}\nLABEL {LABEL_KEY}={LABEL_VALUE}\n{extra}"
    tag_args = ("-t", tag) if tag else ()
    r = run_docker("build", "-q", "--label", LABEL, *tag_args, "-", input=dockerfile, env={"DOCKER_BUILDKIT": "0"})
    assert r.returncode == 0, r
    return r.stdout.strip().splitlines()[-1]


def image_id(name: str) -> str | None:
    r = run_docker("image", "inspect", "--format", "{{.Id}}", name)
    return r.stdout.strip() if r.returncode == 0 else None


def parent_chain(ident: str) -> list[str]:
    """The image and its parents up to (not including) the test image."""
    stop = image_id(TEST_IMAGE)
    chain = []
    while ident and ident != stop:
        chain.append(ident)
        ident = run_docker("image", "inspect", "--format", "{{.Parent}}", ident).stdout.strip()
    return chain


def placeholders(text: str, names: dict[str, str] | None = None) -> str:
    """IDs become <ID1>, <ID2>... in order of first appearance; twin names become their role."""
    seen: dict[str, str] = {}
    text = SHA.sub(lambda m: seen.setdefault(m.group(0), f"<ID{len(seen) + 1}>"), text)
    for name, role in (names or {}).items():
        text = text.replace(name, role)
    return text


def twin_names(role: str) -> dict[str, str]:
    return {side: f"{REPO}-{role}-{side}" for side in ("d", "p")}


def cleanup(*names: str) -> None:
    for name in names:
        if image_id(name):
            run_docker("rmi", "-f", name)


# -- tag --------------------------------------------------------------------------------------------

def test_tag_twins_and_resulting_state():
    source = build(f"{REPO}-tagsrc:1", "tagsrc")
    targets = {side: f"{REPO}-tagged-{side}" for side in ("d", "p")}
    try:
        theirs = run_docker("tag", f"{REPO}-tagsrc:1", targets["d"])
        ours = run_pydock("tag", f"{REPO}-tagsrc:1", targets["p"])
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
        assert image_id(targets["d"] + ":latest") == image_id(targets["p"] + ":latest") == source
        # by short ID, by full ID, with an explicit tag, and a re-tag that moves nothing
        for src in (source[7:19], source, f"{REPO}-tagsrc:1"):
            theirs = run_docker("tag", src, targets["d"] + ":two")
            ours = run_pydock("tag", src, targets["p"] + ":two")
            assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
            assert image_id(targets["p"] + ":two") == source
    finally:
        cleanup(targets["d"], targets["d"] + ":two", targets["p"], targets["p"] + ":two", f"{REPO}-tagsrc:1")


@pytest.mark.parametrize("args", [
    ("nosuch-pdc-image", f"{REPO}-never:1"),
    (TEST_IMAGE, f"{REPO}-NEVER:1"),
    (TEST_IMAGE, "Abc"),
    (TEST_IMAGE, "a::b"),
    ("a::b", f"{REPO}-never:1"),
    (TEST_IMAGE, ""),
    (TEST_IMAGE, f"{REPO}-never:"),
    (TEST_IMAGE, f"{REPO}-never@sha256:" + "a" * 64),
    (TEST_IMAGE, "sha256:" + "b" * 64),
    (TEST_IMAGE, "x" * 260),
    (TEST_IMAGE,),
    (TEST_IMAGE, f"{REPO}-never:1", "extra"),
])
def test_tag_errors_create_nothing(args):
    assert_same("tag", *args)
    assert image_id(f"{REPO}-never:1") is None


# -- rmi ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("verb", [("rmi",), ("image", "rm"), ("image", "remove")])
def test_rmi_twins_several_images_in_argument_order(verb):
    names = twin_names("rmi-" + verb[-1])
    results, remaining = {}, {}
    for side, name in names.items():
        build(f"{name}:1", f"rmi-{verb[-1]}-{side}")
        run_docker("tag", f"{name}:1", f"{name}:2")
    try:
        for side, run in (("d", run_docker), ("p", run_pydock)):
            name = names[side]
            results[side] = run(*verb, f"{name}:2", "nosuch-pdc-image", f"{name}:1")
            remaining[side] = (image_id(f"{name}:1"), image_id(f"{name}:2"))
        d, p = results["d"], results["p"]
        assert p.returncode == d.returncode == 1
        assert placeholders(p.stdout, {names["p"]: "NAME"}) == placeholders(d.stdout, {names["d"]: "NAME"})
        assert p.stderr == as_pydock(d.stderr)
        assert p.stdout.startswith(f"Untagged: {names['p']}:2\nUntagged: {names['p']}:1\nDeleted: sha256:")
        assert remaining["p"] == remaining["d"] == (None, None)
    finally:
        for name in names.values():
            cleanup(f"{name}:1", f"{name}:2")


def test_rmi_no_prune_keeps_the_parents():
    names = twin_names("noprune")
    chains = {}
    for side, name in names.items():
        chains[side] = parent_chain(build(name, f"noprune-{side}"))
        assert len(chains[side]) >= 2
    try:
        d = run_docker("rmi", "--no-prune", names["d"])
        p = run_pydock("rmi", "--no-prune", names["p"])
        assert (p.returncode, placeholders(p.stdout, {names["p"]: "N"})) == \
            (d.returncode, placeholders(d.stdout, {names["d"]: "N"}))
        assert p.stdout == f"Untagged: {names['p']}:latest\nDeleted: {chains['p'][0]}\n"
        for side in ("d", "p"):
            assert image_id(chains[side][0]) is None
            assert all(image_id(parent) for parent in chains[side][1:])
    finally:
        for side in ("d", "p"):
            for ident in chains[side]:
                if image_id(ident):
                    run_docker("rmi", ident)


def test_rmi_of_an_image_used_by_a_container_is_a_conflict():
    name = f"{REPO}-used:1"
    ident = build(name, "used")
    r = run_docker("create", "--label", LABEL, name, "true")
    assert r.returncode == 0, r
    container = r.stdout.strip()
    try:
        ours = assert_same("rmi", name)
        assert ours.returncode == 1 and "conflict: unable to remove repository reference" in ours.stderr
        assert container[:12] in ours.stderr
        assert_same("rmi", ident[7:19])  # by ID: docker's other conflict message
        assert image_id(name) == ident
    finally:
        run_docker("rm", "-f", container)
        cleanup(name)


@pytest.mark.parametrize("args", [
    ("nosuch-pdc-image",), ("-f", "nosuch-pdc-image"), ("-f", "nosuch-pdc-image", "nosuch-pdc-2"),
    ("--no-prune", "nosuch-pdc-image"), ("NoSuch",), (), ("-f",), ("--bogus", "x"),
])
def test_rmi_errors(args):
    assert_same("rmi", *args)


def test_rmi_force_with_a_real_failure_still_fails():
    """-f forgives only "No such image"; a used image's ID with several tags can still not be removed."""
    name = f"{REPO}-forced"
    ident = build(f"{name}:1", "forced")
    run_docker("tag", f"{name}:1", f"{name}:2")
    r = run_docker("run", "-d", "--label", LABEL, f"{name}:1", "sleep", "300")
    assert r.returncode == 0, r
    container = r.stdout.strip()
    try:
        ours = assert_same("rmi", "-f", ident, "nosuch-pdc-image")
        assert ours.returncode == 1
        assert image_id(ident) == ident
    finally:
        run_docker("rm", "-f", container)
        cleanup(f"{name}:1", f"{name}:2", ident)


# -- history ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def history_image():
    name = f"{REPO}-history:1"
    long_value = "a-rather-long-label-value-" * 4
    build(name, "history",
          extra=f'LABEL pdc.long="{long_value}"\nLABEL pdc.tab="x\ty"\nLABEL pdc.uni="héllo wörld ✓"\n')
    yield name
    cleanup(name)


@pytest.mark.parametrize("flags", [
    (), ("--no-trunc",), ("-H=false",), ("--human=false",), ("-H=true",), ("-H", "--no-trunc"), ("-q",),
    ("-q", "--no-trunc"), ("--format", "json"), ("--format", "json", "--no-trunc"), ("--format", "json", "-H=false"),
    ("--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}"),
    ("--format", "table {{.ID}}\t{{.CreatedAt}}\t{{.Size}}"),
    ("--format", "table {{.CreatedBy}}", "-q"), ("--format", "table"), ("-q", "--format", "table"),
    ("--format", "{{json .}}"), ("--format", "{{.Foo}}"), ("--format", "{{.ID"), ("-H=maybe",),
])
def test_history(history_image, flags):
    assert_same("history", *flags, history_image)


def test_history_of_the_test_image_and_errors():
    assert_same("history", TEST_IMAGE)
    assert_same("image", "history", "--no-trunc", TEST_IMAGE)
    assert_same("history", "nosuch-pdc-image")
    assert_same("history")
    assert_same("history", TEST_IMAGE, "extra")


# -- save / load ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def saved_pair():
    names = (f"{REPO}-save-a:1", f"{REPO}-save-b:1")
    ids = [build(names[0], "save-a"), build(names[1], "save-b")]
    yield names, ids
    cleanup(*names)


def tar_members(data: bytes) -> dict[str, object]:
    """The archive's files and contents, symlinks resolved. Not the mtimes (docker sets them to the time
    of the save), nor which copy of a layer shared by two images is the file and which the symlink
    (docker's own order varies from one save to the next)."""
    import io
    import posixpath
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = {m.name.rstrip("/"): m for m in tar}
        out = {}
        for name, m in members.items():
            target = m
            while target.issym():
                target = members[posixpath.normpath(posixpath.join(posixpath.dirname(target.name), target.linkname))]
            out[name] = tar.extractfile(target).read() if target.isfile() else None
    if out.get("manifest.json"):  # one entry per image, in the daemon's map order
        out["manifest.json"] = sorted(json.loads(out["manifest.json"]), key=json.dumps)
    return out


def _bytes(prog: str, *args: str) -> subprocess.CompletedProcess:
    cmd = ["docker"] if prog == "docker" else [sys.executable, "-m", "pydock"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DOCKER_HOST", None)
    return subprocess.run([*cmd, *args], capture_output=True, env=env, timeout=120)


def test_save_to_stdout_is_docker_s_tar(saved_pair):
    names, _ = saved_pair
    for args in ((names[0],), names, (TEST_IMAGE, names[1])):
        theirs, ours = _bytes("docker", "save", *args), _bytes("pydock", "save", *args)
        assert ours.returncode == theirs.returncode == 0, ours.stderr
        assert tar_members(ours.stdout) == tar_members(theirs.stdout)
        assert ours.stderr == b""


def test_save_to_a_file_and_docker_loads_it(saved_pair, tmp_path):
    names, ids = saved_pair
    ours, theirs = tmp_path / "ours.tar", tmp_path / "theirs.tar"
    p = run_pydock("image", "save", "-o", str(ours), *names)
    d = run_docker("image", "save", "-o", str(theirs), *names)
    assert (p.returncode, p.stdout, p.stderr) == (d.returncode, d.stdout, d.stderr)
    assert tar_members(ours.read_bytes()) == tar_members(theirs.read_bytes())
    assert oct(ours.stat().st_mode & 0o777) == oct(theirs.stat().st_mode & 0o777)
    assert sorted(os.listdir(tmp_path)) == ["ours.tar", "theirs.tar"]  # no temporary file left
    # round trip: remove the images, docker loads pydock's tar, the same images come back
    for name in names:
        assert run_docker("rmi", name).returncode == 0
    r = run_docker("load", "-i", str(ours))
    assert r.returncode == 0, r
    assert sorted(r.stdout.splitlines()) == sorted(f"Loaded image: {n}" for n in names)
    assert [image_id(n) for n in names] == ids


def test_docker_save_then_pydock_load(saved_pair, tmp_path):
    names, ids = saved_pair
    tar = tmp_path / "theirs.tar"
    assert run_docker("save", "-o", str(tar), *names).returncode == 0
    for name in names:
        assert run_docker("rmi", name).returncode == 0
    p = run_pydock("load", "-i", str(tar))
    assert p.returncode == 0, p
    assert [image_id(n) for n in names] == ids
    # loading again (images present) prints the same report as docker, from a file and from stdin
    d = run_docker("load", "-i", str(tar))
    assert (p.returncode, p.stdout, p.stderr) == (d.returncode, d.stdout, d.stderr)
    for flags in ((), ("-q",)):
        with open(tar, "rb") as f:
            ours = subprocess.run([sys.executable, "-m", "pydock", "image", "load", *flags], stdin=f,
                                  capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
        with open(tar, "rb") as f:
            theirs = subprocess.run(["docker", "image", "load", *flags], stdin=f, capture_output=True, timeout=120)
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_load_of_an_image_saved_by_id(saved_pair, tmp_path):
    _, ids = saved_pair
    tar = tmp_path / "by-id.tar"
    assert run_pydock("save", "-o", str(tar), ids[0]).returncode == 0
    d = run_docker("load", "-i", str(tar))
    p = run_pydock("load", "-i", str(tar))
    assert (p.returncode, p.stdout, p.stderr) == (d.returncode, d.stdout, d.stderr)
    assert p.stdout == f"Loaded image ID: {ids[0]}\n"


def test_save_errors_leave_no_file(saved_pair, tmp_path):
    names, _ = saved_pair
    keep = tmp_path / "keep.tar"
    keep.write_bytes(b"old content")
    for args in (("-o", str(keep), names[0], "nosuch-pdc-image"), ("-o", str(tmp_path / "new.tar"), "nosuch-pdc-image"),
                 ("-o", "/nonexistent-pdc/x.tar", names[0]), ("-o", str(tmp_path), names[0]),
                 ("-o", "/dev/null", names[0]), ("nosuch-pdc-image",), ()):
        assert_same("save", *args)
    assert keep.read_bytes() == b"old content"
    assert sorted(os.listdir(tmp_path)) == ["keep.tar"]
    os.symlink(keep, tmp_path / "link.tar")
    assert_same("save", "-o", str(tmp_path / "link.tar"), names[0])
    assert keep.read_bytes() == b"old content"


def _under_pty(argv: list[str], *, stdin_pty: bool) -> tuple[int, bytes]:
    """Run with stdout (and stdin, if asked) on a pseudo-terminal; stderr collected apart."""
    import pty

    master, slave = pty.openpty()
    try:
        p = subprocess.run(argv, stdout=slave, stdin=slave if stdin_pty else subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    return p.returncode, p.stderr


def test_save_to_a_terminal_is_refused(saved_pair):
    names, _ = saved_pair
    theirs = _under_pty(["docker", "save", names[0]], stdin_pty=False)
    ours = _under_pty([sys.executable, "-m", "pydock", "save", names[0]], stdin_pty=False)
    assert ours == theirs
    assert theirs == (1, b"cowardly refusing to save to a terminal. Use the -o flag or redirect\n")


def test_load_from_a_terminal_stdin_is_refused():
    theirs = _under_pty(["docker", "load"], stdin_pty=True)
    ours = _under_pty([sys.executable, "-m", "pydock", "load"], stdin_pty=True)
    assert ours == theirs
    assert theirs == (1, b"requested load from stdin, but stdin is empty\n")


def test_load_on_a_terminal_draws_progress_and_loads(tmp_path):
    """On a terminal docker asks for the engine's progress (quiet=0): the layer lines, then the report."""
    import pty

    name = f"{REPO}-ttyload:1"
    ident = build(name, "ttyload", extra="RUN echo hi > /hello\n")
    tar = tmp_path / "tty.tar"
    try:
        assert run_docker("save", "-o", str(tar), name).returncode == 0
        assert run_docker("rmi", name).returncode == 0
        master, slave = pty.openpty()
        with open(tar, "rb") as stdin:
            p = subprocess.Popen([sys.executable, "-m", "pydock", "load"], stdin=stdin, stdout=slave,
                                 stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        os.close(slave)
        out = read_pty(master)
        assert p.wait(timeout=60) == 0, p.stderr.read()
        assert b"Loading layer" in out
        assert out.endswith(f"Loaded image: {name}\r\n".encode())
        assert image_id(name) == ident
        # a loaded image has no parent images: its history has <missing> rows
        ours = assert_same("history", name)
        assert "<missing>" in ours.stdout
        assert_same("history", "--no-trunc", "--format", "json", name)
    finally:
        cleanup(name)


@pytest.mark.parametrize("args", [
    ("save", "--platform", "linux/amd64", TEST_IMAGE),
    ("load", "--platform", "linux/amd64"),
    ("history", "--platform", "linux/amd64", TEST_IMAGE),
    ("rmi", "--platform", "linux/amd64", "nosuch-pdc-image"),
])
def test_platform_flags_need_a_newer_api(args):
    """The engine here speaks API 1.41: docker refuses --platform before any request (1.48, rmi 1.50)."""
    ours = assert_same(*args, input="")
    assert "requires API version" in ours.stderr


def test_load_errors(tmp_path):
    garbage = tmp_path / "garbage.tar"
    garbage.write_bytes(b"garbage\n")
    assert_same("load", "-i", str(garbage))
    assert_same("load", input="garbage\n")
    assert_same("load", "-i", str(tmp_path / "missing.tar"))
    # docker fails reading a directory inside the request ("error during connect: Post <url>: read <dir>: is a
    # directory"); pydock refuses before sending anything, with the same ending
    d, p = run_docker("load", "-i", str(tmp_path)), run_pydock("load", "-i", str(tmp_path))
    assert p.returncode == d.returncode == 1 and p.stdout == d.stdout == ""
    assert d.stderr.endswith(f": read {tmp_path}: is a directory\n")
    assert p.stderr == f"read {tmp_path}: is a directory\n"
    assert_same("load", "extra")
    # an empty tar: the daemon's message names a random temporary directory
    d, p = run_docker("load", input=""), run_pydock("load", input="")
    norm = lambda s: re.sub(r"docker-import-\d+", "docker-import-N", s)  # noqa: E731
    assert (p.returncode, p.stdout, norm(p.stderr)) == (d.returncode, d.stdout, norm(d.stderr))


def test_truncated_tar_fails_and_loads_nothing(saved_pair, tmp_path):
    names, _ = saved_pair
    whole = _bytes("docker", "save", names[0]).stdout
    cut = tmp_path / "cut.tar"
    cut.write_bytes(whole[: len(whole) // 2])
    assert_same("load", "-i", str(cut))


# -- image prune ------------------------------------------------------------------------------------

def _dangling(role: str) -> str:
    """A dangling labelled image: built under a tag that a second build then takes over."""
    tag = f"{REPO}-dangle-{role}"
    first = build(tag, f"dangle-{role}")
    build(tag, f"dangle-{role}-successor")
    assert run_docker("image", "inspect", "--format", "{{.RepoTags}}", first).stdout.strip() == "[]"
    return first


def test_prune_dangling_twins():
    ids = {side: _dangling(side) for side in ("d", "p")}
    try:
        out = {}
        for side, run in (("d", run_docker), ("p", run_pydock)):
            out[side] = run("image", "prune", "-f", *OURS, "--filter", f"label=pdc.role=dangle-{side}")
        assert out["p"].returncode == out["d"].returncode == 0
        assert placeholders(out["p"].stdout) == placeholders(out["d"].stdout)
        assert out["p"].stderr == out["d"].stderr == ""
        assert out["p"].stdout.startswith(f"Deleted Images:\ndeleted: {ids['p']}\n")
        assert image_id(ids["p"]) is None and image_id(ids["d"]) is None
        # the tagged successors are not dangling: still there
        assert image_id(f"{REPO}-dangle-p") and image_id(f"{REPO}-dangle-d")
    finally:
        cleanup(f"{REPO}-dangle-d", f"{REPO}-dangle-p")


def test_prune_all_with_prompt_twins():
    names = twin_names("pruneall")
    for side, name in names.items():
        build(name, f"pruneall-{side}")
    try:
        # declined: the prompt, exit 0, nothing removed
        for side in ("d", "p"):
            flt = ("--filter", f"label=pdc.role=pruneall-{side}")
            assert_same("image", "prune", "-a", *OURS, *flt, input="n\n")
            assert_same("image", "prune", *OURS, *flt, input="\n")
            assert image_id(names[side])
        out = {}
        for side, run in (("d", run_docker), ("p", run_pydock)):
            out[side] = run("image", "prune", "-a", *OURS, "--filter", f"label=pdc.role=pruneall-{side}", input="y\n")
        d, p = out["d"], out["p"]
        assert p.returncode == d.returncode == 0
        assert placeholders(p.stdout, {names["p"]: "N"}) == placeholders(d.stdout, {names["d"]: "N"})
        assert p.stdout.startswith("WARNING! This will remove all images without at least one container associated "
                                   "to them.\nAre you sure you want to continue? [y/N] Deleted Images:\n"
                                   f"untagged: {names['p']}:latest\ndeleted: sha256:")
        assert image_id(names["p"]) is None and image_id(names["d"]) is None
    finally:
        cleanup(*names.values())


@pytest.mark.parametrize("flags", [
    ("-f", "--filter", "label=pdc.role=nothing-matches"),
    ("-a", "-f", "--filter", "label!=" + LABEL_KEY),
    ("-a", "-f", "--filter", "until=abc"),
    ("-f", "--filter", "bogus=1"),
    ("-f", "--filter", "nonsense"),
    ("-f", "--filter", "label=pdc.role=nothing-matches", "extra"),
])
def test_prune_nothing_and_errors(flags):
    """Every prune here is restricted to this session's label, so it never touches other images."""
    assert_same("image", "prune", *OURS, *flags)


def test_prune_keeps_images_used_by_a_container():
    name = f"{REPO}-inuse"
    ident = build(name, "inuse")
    r = run_docker("create", "--label", LABEL, name, "true")
    assert r.returncode == 0, r
    try:
        assert_same("image", "prune", "-a", "-f", *OURS, "--filter", "label=pdc.role=inuse")
        assert image_id(name) == ident
    finally:
        run_docker("rm", "-f", r.stdout.strip())
        cleanup(name)


def test_config_prune_filters_apply(tmp_path):
    """config.json `pruneFilters` is merged into the request as docker does: a configured `label` only
    when --filter has `label!` values (filters.ExactMatch), so the test gives one that matches nothing."""
    name = f"{REPO}-cfgprune"
    build(name, "cfgprune")
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "config.json").write_text(json.dumps({"pruneFilters": ["label=pdc.role=cfgprune"]}))
    try:
        d = run_docker("--config", str(config), "image", "prune", "-a", "-f", *OURS, *NOT_NEVER)
        assert d.returncode == 0, d
        assert image_id(name) is None
        build(name, "cfgprune")
        p = run_pydock("--config", str(config), "image", "prune", "-a", "-f", *OURS, *NOT_NEVER)
        assert (p.returncode, placeholders(p.stdout), p.stderr) == (d.returncode, placeholders(d.stdout), d.stderr)
        assert image_id(name) is None
    finally:
        cleanup(name)


def test_tempdir_is_clean():
    assert not [f for f in os.listdir(tempfile.gettempdir()) if f.startswith(".tmp-") and "pdc" in f]
