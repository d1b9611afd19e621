"""Image references (pydock.opts.reference, distribution/reference): only InvalidReference escapes; a parsed
reference renders (normalised or familiar) to a string that parses to the same reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pydock.opts.reference import InvalidReference, familiar_image, parse_normalized

from ._fuzz import check_typed, junk, spliced

domains = st.sampled_from(["", "localhost/", "localhost:5000/", "127.0.0.1:5000/", "example.com/", "Example.COM/",
                           "docker.io/", "index.docker.io/", "[::1]:5000/", "[fe80::1]/", "a-b.c/", "-bad.com/",
                           "x:/", "host:port/"])
component = st.from_regex(r"[a-z0-9]{1,6}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,4}){0,2}", fullmatch=True)
path = st.lists(st.one_of(component, st.sampled_from(["library", "UPPER", "a..b", "_a", "a-", ""])), min_size=1,
                max_size=3).map("/".join)
tags = st.one_of(st.just(""), st.from_regex(r":[\w][\w.-]{0,20}", fullmatch=True),
                 st.sampled_from([":", ":-x", ":" + "t" * 128, ":" + "t" * 129, ":é"]))
digests = st.one_of(st.just(""), st.from_regex(r"@sha256:[0-9a-f]{64}", fullmatch=True),
                    st.sampled_from(["@sha256:abc", "@sha512:" + "a" * 128, "@md5:" + "0" * 32, "@", "@sha256:" + "A" * 64]))
references = st.one_of(spliced(domains, path, tags, digests, junk_rate=12), st.from_regex(r"[a-f0-9]{64}", fullmatch=True),
                       junk)


@given(references)
def test_reference_raises_only_invalid_reference_and_round_trips(text):
    ref, _ = check_typed(parse_normalized, text, errors=(InvalidReference,))
    if ref is not None:
        assert parse_normalized(str(ref)) == ref
        first = ref.familiar_name().split("/", 1)[0]
        if ref.domain != "docker.io" or "/" not in ref.familiar_name() or not (
                any(c in first for c in ".:") or first == "localhost"):
            # (docker.io/docker.io/x's familiar name docker.io/x names another repository, in Go as here)
            assert parse_normalized(ref.familiar_string()) == ref
        assert familiar_image(str(ref)) == familiar_image(text)


def test_long_names_do_not_backtrack():
    """Pathological lengths finish at once (the deadline catches a regular expression gone exponential)."""
    for text in ("a" * 5000 + "!", "a-" * 3000 + "!", "a." * 3000, "a/" * 2000 + "A", "a" * 256,
                 "[" + ":" * 3000, "a:" + "b" * 5000, "a@sha256:" + "0" * 5000 + "g"):
        check_typed(parse_normalized, text, errors=(InvalidReference,))
