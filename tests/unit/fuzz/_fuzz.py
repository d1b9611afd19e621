"""Shared pieces of the parser fuzz tests: the typed-error check and strategies for near-valid input.

A parser under fuzz may return or raise one of its typed errors (OptionError and friends), whose message
is one line naming the problem; any other exception (KeyError, IndexError, a bare ValueError, TypeError,
RecursionError, ...) is a defect and fails the test with the input that caused it.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Characters flag parsers split on or treat specially, plus a few that tend to break naive code
# (non-ASCII digits and spaces, NUL, a lone surrogate as Python sees undecodable argv bytes).
SPECIAL = ":/-,=[]@.\"' \t\n\r\\0123456789abcxyzAZ_$%{}#*+~!?|()" + "µé٣\u00a0\u2028\x00\x1c\udc80"

junk = st.one_of(
    st.text(alphabet=SPECIAL, max_size=12),
    st.text(max_size=8),
    st.sampled_from(["", " ", ":", "::", "=", ",", "-", "/", "0", "-1", "9" * 25, "\n", "\x00", "é"]),
)



def check_typed(fn, *args, errors: tuple[type[BaseException], ...], one_line: bool = True, **kwargs):
    """fn(*args): (result, None), or (None, the typed error). Anything else propagates: a defect."""
    try:
        return fn(*args, **kwargs), None
    except errors as e:
        message = str(e)
        assert message.strip(), f"{type(e).__name__} with an empty message for {args!r}"
        if one_line:
            assert "\n" not in message.strip("\n") or _has_newline(args), (
                f"a multi-line message for {args!r}: {message!r}")
        return None, e


def _has_newline(value) -> bool:
    """Does any string in value (nested lists, tuples, dicts) hold a line break? A message quoting the
    bad token may then span lines, as docker's does."""
    if isinstance(value, (str, bytes)):
        return any(c in value for c in (("\n", "\r", "\u2028", "\x85") if isinstance(value, str) else (b"\n", b"\r")))
    if isinstance(value, dict):
        return _has_newline(list(value.items()))
    if isinstance(value, (list, tuple)):
        return any(_has_newline(v) for v in value)
    return False


@st.composite
def spliced(draw, *pieces, junk_rate: int = 8):
    """Concatenate one draw from each piece (a strategy or a literal string); about one piece in
    `junk_rate` is replaced by junk, dropped or doubled, so most inputs get past the first checks."""
    out = []
    for piece in pieces:
        strategy = piece if isinstance(piece, st.SearchStrategy) else st.just(piece)
        roll = draw(st.integers(0, junk_rate - 1))
        if roll == 0:
            out.append(draw(junk))
        elif roll == 1 and junk_rate > 2:
            continue
        elif roll == 2 and junk_rate > 3:
            text = draw(strategy)
            out.append(text + text)
        else:
            out.append(draw(strategy))
    return "".join(out)


def near(valid: st.SearchStrategy, junk_weight: int = 1) -> st.SearchStrategy:
    """Mostly `valid`, sometimes plain junk text."""
    return st.one_of(*([valid] * 4), *([junk] * junk_weight))


numbers = st.one_of(st.integers(0, 70000).map(str), st.integers(-5, 5).map(str),
                    st.sampled_from(["", "0", "00", "080", "65535", "65536", "1e3", "0x10", " 80", "٣", "+1",
                                     "18446744073709551616", "9223372036854775807", "9223372036854775808"]))
