"""Go's strings.TrimSpace and strings.ToLower, and its two ways of quoting a string in messages, where Python's own differ: str.strip() also strips the
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


# -- Go's two quoting styles --------------------------------------------------------------------------

def go_quote_time(s: str) -> str:
    """The time package's quote: `"`, `\\` escaped; non-ASCII and control bytes as \\xNN (UTF-8)."""
    out = []
    for c in s:
        if ord(c) < 0x20 or ord(c) >= 0x80:
            out.extend(f"\\x{b:02x}" for b in c.encode("utf-8", "surrogateescape"))
        elif c in '"\\':
            out.append("\\" + c)
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
            "\\": "\\\\", '"': '\\"'}


def go_quote(s: str) -> str:
    """fmt's %q (strconv.Quote): printable runes kept, the rest escaped."""
    out = []
    for c in s:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif 0xDC80 <= ord(c) <= 0xDCFF:  # an undecodable byte of the argument
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif 0xD800 <= ord(c) <= 0xDFFF:  # any other lone surrogate: invalid UTF-8 to Go
            out.append("\\ufffd")
        elif c.isprintable():
            out.append(c)
        elif ord(c) < 0x80:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def duration_string(ns: int) -> str:
    """Go's time.Duration.String(): `0s`, `1.5µs`, `250ms`, `42s`, `1m30s`, `1h0m5.5s`."""
    if ns == 0:
        return "0s"
    neg, u = ns < 0, abs(ns)
    if u < 1000:
        text = f"{u}ns"
    elif u < 10**6:
        text = _fraction(u, 3) + "µs"
    elif u < 10**9:
        text = _fraction(u, 6) + "ms"
    else:
        text = _fraction(u % (60 * 10**9), 9) + "s"
        minutes = u // (60 * 10**9)
        if minutes:
            hours, minutes = divmod(minutes, 60)
            text = (f"{hours}h" if hours else "") + f"{minutes}m" + text
    return ("-" if neg else "") + text


def _fraction(v: int, digits: int) -> str:
    whole, frac = divmod(v, 10**digits)
    return str(whole) if frac == 0 else f"{whole}." + str(frac).rjust(digits, "0").rstrip("0")
