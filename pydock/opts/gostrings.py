"""Go's strings.TrimSpace and strings.ToLower, where Python's own differ: str.strip() also strips the
separators U+001C..U+001F, which unicode.IsSpace does not count as space, and str.lower() maps `İ` to two
runes and a word-final `Σ` to `ς`, where Go maps rune by rune (`i`, `σ`)."""

from __future__ import annotations

SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def trim_space(text: str) -> str:
    return text.strip(SPACE)


def trim_left_space(text: str) -> str:
    return text.lstrip(SPACE)


def to_lower(text: str) -> str:
    if text.isascii():
        return text.lower()
    return "".join("i" if c == "\u0130" else c.lower() for c in text)
