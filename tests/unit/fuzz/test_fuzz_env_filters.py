"""`-e`, `--env-file`/`--label-file` bodies, `-l`, `--sysctl`, `--filter` (pydock.opts.env, opts.filters): only
the typed errors escape; what parses renders back to input that parses the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pydock.opts._errors import OptionError
from pydock.opts.env import (check_env_name, labels_map, merge_env_flags, parse_kv_file, validate_env,
                             validate_label, validate_sysctl)
from pydock.opts.filters import FilterSyntaxError, build_filters, parse_filter

from ._fuzz import check_typed, junk, spliced

names = st.sampled_from(["A", "PATH", "HOSTVAR", "_x", "a.b", "a b", "a\tb", "", " ", "é", "net.ipv4.ip_forward",
                         "kernel.shmmax", "kernel.bogus", "fs.mqueue.x", "label.with=eq"])
values = st.sampled_from(["", "1", "a b ", " spaced", "x=y", '"quoted"', "#not a comment", "é", "\\n", "${X}"])
assignments = st.one_of(spliced(names, "=", values), spliced(names), junk)

lead = st.sampled_from(["", " ", "\t", "  \t", "\x1c", "\xa0", "\u2028", "\u3000", "\ufeff"])
ends = st.sampled_from([b"\n", b"\r\n", b"\r\r\n", b""])
line = st.one_of(spliced(lead, st.sampled_from(["", "#", "# "]), names, st.sampled_from(["=", ""]), values),
                 junk)


@st.composite
def kv_files(draw):
    lines = draw(st.lists(st.tuples(line, ends), max_size=6))
    body = b"".join(text.encode("utf-8", "surrogateescape") + end for text, end in lines)
    if draw(st.integers(0, 9)) == 0:  # an invalid UTF-8 byte somewhere
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + body[at:]
    return body


def lookup(name: str) -> str | None:
    return {"A": "from-env", "PATH": "/bin", "é": "e"}.get(name)


@given(kv_files(), st.booleans())
def test_kv_file_raises_only_option_error_and_is_stable(data, with_lookup):
    lines, _ = check_typed(parse_kv_file, data, lookup if with_lookup else None, errors=(OptionError,))
    if lines is not None:
        # \r\n line ends: ScanLines drops one \r, so a value's own trailing \r survives the trip
        rendered = "".join(f"{text}\r\n" for text in lines).encode("utf-8", "surrogateescape")
        assert parse_kv_file(rendered, None) == lines


@given(st.lists(assignments, max_size=5))
def test_env_flags_raise_only_option_error_and_merge_stably(values_):
    for value in values_:
        check_typed(check_env_name, value, errors=(OptionError,))
        check_typed(validate_label, value, errors=(OptionError,))
        check_typed(validate_sysctl, value, errors=(OptionError,))
    valid, _ = check_typed(lambda vs: [validate_env(v, {"HOSTVAR": "h"}) for v in vs], values_, errors=(OptionError,))
    if valid is not None:
        merged = merge_env_flags(valid, {"httpProxy": "http://proxy"})
        assert merge_env_flags(merged, {"httpProxy": "http://proxy"}) == merged
    labels = labels_map(values_)
    assert labels_map(f"{k}={v}" for k, v in labels.items()) == labels


keys = st.sampled_from(["label", "LABEL", " name ", "status", "before", "\x1cid", "é", "İd", "ΑΣ", ""])
filters = st.one_of(spliced(keys, "=", values), spliced(keys, "=", keys, "=", values), junk)


@given(st.lists(filters, max_size=4))
def test_filter_raises_only_filter_syntax_error_and_round_trips(values_):
    pairs = []
    for value in values_:
        pair, _ = check_typed(parse_filter, value, errors=(FilterSyntaxError,))
        if pair is not None:
            assert parse_filter(f"{pair[0]}={pair[1]}") == pair
            pairs.append(pair)
    built = build_filters(pairs)
    assert build_filters(parse_filter(f"{k}={v}") for k, vs in built.items() for v in vs) == built


def test_found_by_fuzzing():
    """Defects the fuzzing found, checked against the docker CLI: Go trims unicode.IsSpace (not U+001C..F)
    and lower-cases rune by rune; an empty --filter is no filter."""
    assert parse_filter("") is None
    assert parse_filter("\x1cid = x\x1f") == ("\x1cid", "x\x1f")
    assert parse_filter("İD=1") == ("id", "1")
    assert parse_kv_file(b"\x1cA=1\n\xc2\xa0B=2\n", None) == ["\x1cA=1", "B=2"]
