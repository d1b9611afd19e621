"""text/template in Python: fmt.Sprintf."""

from __future__ import annotations

import math

from ._base import MISSING
from .values import _format_float_v, _go_quote, _go_type, _quote_rune, _sorted_keys, _special_float, go_str


class _Flags:
    __slots__ = ("plus", "minus", "sharp", "space", "zero", "width", "prec")

    def __init__(self):
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.width = self.prec = None

    def pad(self, s: str, zero_ok: bool = True) -> str:
        w = self.width
        if w is None or len(s) >= w:
            return s
        if self.minus:
            return s + " " * (w - len(s))
        return ("0" if self.zero and zero_ok else " ") * (w - len(s)) + s


def _sprintf(fmt: str, args) -> str:
    return _Printer(fmt, args).run()


class _Printer:
    """fmt.Sprintf's directive loop: %[flags][[n]][width][.[n]prec]verb."""

    def __init__(self, fmt: str, args):
        self.fmt, self.args = fmt, args
        self.i = self.argi = 0
        self.reordered = False
        self.out: list[str] = []

    def run(self) -> str:
        fmt, out = self.fmt, self.out
        while self.i < len(fmt):
            j = fmt.find("%", self.i)
            if j < 0:
                out.append(fmt[self.i:])
                break
            out.append(fmt[self.i:j])
            self.i = j + 1
            if not self.directive():
                break
        if not self.reordered and self.argi < len(self.args):
            extra = ("<nil>" if a is None else _go_type(a) + "=" + go_str(a) for a in self.args[self.argi:])
            out.append("%!(EXTRA " + ", ".join(extra) + ")")
        return "".join(out)

    def directive(self) -> bool:
        fmt, args, out = self.fmt, self.args, self.out
        f = _Flags()
        self.i = _parse_flags(fmt, self.i, f)
        good = self.arg_index()
        self.width_and_precision(f)
        if self.i < len(fmt) and fmt[self.i] == ".":
            self.i += 1
            good = self.arg_index() and good
            self.width_and_precision(f, "prec")
        if self.i >= len(fmt):
            out.append("%!(NOVERB)")
            return False
        verb = fmt[self.i]
        self.i += 1
        if verb == "v":  # %+v and %#v select struct/Go syntax; they are not sign/alternate flags
            f.plus = f.sharp = False
        if verb == "%":
            out.append("%")
        elif not good:
            out.append("%!" + verb + "(BADINDEX)")
        elif self.argi >= len(args):
            out.append("%!" + verb + "(MISSING)")
        else:
            out.append(_fmt_arg(args[self.argi], verb, f))
            self.argi += 1
        return True

    def arg_index(self) -> bool:
        self.i, self.argi, good, moved = _arg_index(self.fmt, self.i, self.argi, len(self.args))
        self.reordered |= moved
        return good

    def width_and_precision(self, f: _Flags, what: str = "width") -> None:
        if self.i < len(self.fmt) and self.fmt[self.i] == "*":
            self.i += 1
            self.argi, bad = _star_arg(f, what, self.args, self.argi)
            if bad:
                self.out.append("%!(BADWIDTH)" if what == "width" else "%!(BADPREC)")
        elif what == "width":
            self.i, f.width = _parse_num(self.fmt, self.i)
        else:
            self.i, f.prec = _parse_num(self.fmt, self.i)
            f.prec = f.prec or 0


def _parse_flags(fmt: str, i: int, f: _Flags) -> int:
    names = {"+": "plus", "-": "minus", "#": "sharp", " ": "space", "0": "zero"}
    while i < len(fmt) and fmt[i] in names:
        setattr(f, names[fmt[i]], True)
        i += 1
    return i


def _parse_num(fmt: str, i: int):
    j = i
    while j < len(fmt) and fmt[j].isdigit() and fmt[j].isascii():
        j += 1
    return j, (int(fmt[i:j]) if j > i else None)


def _arg_index(fmt: str, i: int, argi: int, nargs: int):
    """Go's "[n]" explicit argument index: (index after, new argi, ok, reordered)."""
    if i >= len(fmt) or fmt[i] != "[":
        return i, argi, True, False
    close = fmt.find("]", i)
    if close < 0:
        return len(fmt), argi, False, True
    digits = fmt[i + 1:close]
    if not digits.isdigit() or not 1 <= int(digits) <= nargs:
        return close + 1, argi, False, True
    return close + 1, int(digits) - 1, True, True


def _star_arg(f: _Flags, what: str, args, argi: int):
    if argi >= len(args) or type(args[argi]) is not int:
        return argi + (argi < len(args)), True
    v = args[argi]
    if what == "width":
        f.width, f.minus = abs(v), f.minus or v < 0
        return argi + 1, False
    f.prec = v if v >= 0 else None
    return argi + 1, v < 0


def _bad_verb(arg, verb: str, f: _Flags) -> str:
    if arg is None or arg is MISSING:
        return "%!" + verb + "(<nil>)"
    return "%!" + verb + "(" + _go_type(arg) + "=" + _fmt_arg(arg, "v", f) + ")"


def _fmt_arg(arg, verb: str, f: _Flags) -> str:
    if verb == "T":
        return f.pad(_go_type(arg))
    if arg is None or arg is MISSING:
        return f.pad("<nil>") if verb == "v" else _bad_verb(arg, verb, f)
    t = type(arg)
    if t is bool:
        return f.pad("true" if arg else "false") if verb in "tv" else _bad_verb(arg, verb, f)
    if t is int:
        return _fmt_int(arg, verb, f) if verb in "bcdoOqxXUv" else _bad_verb(arg, verb, f)
    if t is float:
        return _fmt_float(arg, verb, f) if verb in "veEfFgGxX" else _bad_verb(arg, verb, f)
    if t is str:
        return _fmt_str(arg, verb, f) if verb in "vsqxX" else _bad_verb(arg, verb, f)
    if isinstance(arg, (list, tuple)):
        return "[" + " ".join(_fmt_arg(v, verb, f) for v in arg) + "]"
    if isinstance(arg, dict):
        items = (_fmt_arg(k, verb, f) + ":" + _fmt_arg(arg[k], verb, f) for k in _sorted_keys(arg))
        return "map[" + " ".join(items) + "]"
    if verb in "vsqxX":
        return _fmt_str(go_str(arg), verb, f)
    return _bad_verb(arg, verb, f)


def _sign(neg: bool, f: _Flags) -> str:
    return "-" if neg else "+" if f.plus else " " if f.space else ""


def _fmt_int(v: int, verb: str, f: _Flags) -> str:
    if verb == "c":
        return f.pad(chr(v) if 0 <= v <= 0x10FFFF else "\ufffd")
    if verb == "q":
        return f.pad(_quote_rune(v, f.plus))
    if verb == "U":
        s = "U+%04X" % v
        if f.sharp and 0 <= v <= 0x10FFFF and chr(v).isprintable():
            s += " '%s'" % chr(v)
        return f.pad(s)
    base_fmt = {"d": "d", "v": "d", "b": "b", "o": "o", "O": "o", "x": "x", "X": "X"}[verb]
    neg = v < 0
    digits = format(abs(v), base_fmt)
    sign = _sign(neg, f)
    if f.prec is not None:
        digits = "" if f.prec == 0 and v == 0 else digits.zfill(f.prec)
    elif f.zero and f.width is not None and not f.minus:
        digits = digits.zfill(f.width - len(sign))
    prefix = ""
    if verb == "O" or (f.sharp and verb == "o" and not digits.startswith("0")):
        prefix = "0o" if verb == "O" else "0"
    elif f.sharp and verb in "bxX":
        prefix = {"b": "0b", "x": "0x", "X": "0X"}[verb]
    return f.pad(sign + prefix + digits, False)


def _fmt_float(v: float, verb: str, f: _Flags) -> str:
    special = _special_float(v)
    if special:
        if special == "+Inf" and not f.plus:
            special = " Inf" if f.space else "+Inf"
        return f.pad(special, False)
    neg = math.copysign(1.0, v) < 0
    a = abs(v)
    if verb in "xX":
        s = _hex_float(a, verb == "X", f.prec)
    elif f.prec is None and verb in "vgG":
        s = _format_float_v(a, verb == "G")
    else:
        prec = 6 if f.prec is None else f.prec
        s = ("%." + str(prec) + ("g" if verb == "v" else verb)) % a
    sign = _sign(neg, f)
    if f.zero and f.width is not None and not f.minus:
        s = s.zfill(f.width - len(sign))
    return f.pad(sign + s, False)


def _hex_float(a: float, upper: bool, prec) -> str:
    """fmt's %x of a float64: 0x1.8p+01."""
    if a == 0:
        mant, exp = "0x0", 0
    else:
        h = a.hex()  # 0x1.8000000000000p+1
        body, _, e = h.partition("p")
        ip, _, fp = body.partition(".")
        fp = fp.rstrip("0")
        if prec is not None:
            fp = fp[:prec].ljust(prec, "0")
        mant, exp = ip + ("." + fp if fp else ""), int(e)
    s = "%sp%s%02d" % (mant, "-" if exp < 0 else "+", abs(exp))
    return s.upper() if upper else s


def _fmt_str(s: str, verb: str, f: _Flags) -> str:
    if verb in "vs":
        if f.prec is not None:
            s = s[:f.prec]
        return f.pad(s)
    if verb == "q":
        if f.prec is not None:
            s = s[:f.prec]
        if f.sharp and "`" not in s and all(c == "\t" or (c.isprintable() and c != "\ufeff") for c in s):
            return f.pad("`" + s + "`")
        return f.pad(_go_quote(s, f.plus))
    data = s.encode("utf-8", "surrogatepass")
    if f.prec is not None:
        data = data[:f.prec]
    digits = ["%02x" % b for b in data]
    if f.space:
        s = " ".join(("0x" + d if f.sharp else d) for d in digits)
    else:
        s = ("0x" if f.sharp and digits else "") + "".join(digits)
    return f.pad(s.upper() if verb == "X" else s)


def _sprint(args) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    parts: list[str] = []
    prev_string = False
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i > 0 and not is_string and not prev_string:
            parts.append(" ")
        parts.append(go_str(a))
        prev_string = is_string
    return "".join(parts)


def _sprintln(args) -> str:
    return " ".join(go_str(a) for a in args) + "\n"
