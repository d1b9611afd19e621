"""Validation of a compose document, as compose-go v2.9.1 does it, with v2's one-line messages.

Three stages, at three places of the loading pipeline (compose-go loader/loader.go):

1. `validate_schema(document, filename)`: the Compose Specification JSON schema (compose-spec.json,
   draft-07), checked by compose-go with santhosh-tekuri/jsonschema v6 in `loadYamlFile`, once per YAML
   document, on the ACCUMULATED dict right after that document was interpolated, extended, merged into the
   previous files' (already canonical) dict and de-duplicated (`EnforceUnicity`), and BEFORE
   `transform.Canonical`. The message is `validating <filename>: <path> <what>`, `<filename>` being the
   file whose document was just merged. (After a successful validation compose-go drops `version` with
   the "obsolete" warning: that is the loader's business.)
2. `check_attributes(dict)`: compose-go `validation.Validate`, run once in `loadYamlModel` on the merged
   dict of all files after `transform.SetDefaultValues` (so ports are long-form mappings), before relative
   paths are resolved: external resources with other attributes, configs/secrets sources, port host_ip,
   develop.watch paths, device requests. Messages have no `validating` prefix.
3. `check_consistency(model, disabled=...)`: compose-go `checkConsistency`, run in `ModelToProject` on the
   normalised project after profiles were applied (our `Project.model`, shaped as `config --format json`),
   ending with the dependency cycle check (`graph.check_cycle`).

Go iterates maps in random order, so when a document has several errors at the same depth v2 reports
one of them at random; we report the first in document order (services in model order).

How: a small validator of our own for the subset of JSON schema compose-spec.json uses (type, enum, $ref,
properties, patternProperties, additionalProperties, required, items, uniqueItems, pattern, minimum,
maximum, oneOf; `format` does not occur). It builds the same error tree as santhosh-tekuri/jsonschema
(same evaluation order, same causes) and picks the error exactly as compose-go's `getMostSpecificError`
(the deepest instance location, additionalProperties counting one deeper, the first among equals), then
words it as compose-go's `validationError.Error()`.
Measured (this machine, Python 3.11): importing this module ~1 ms (the schema is read lazily); the first
validation loads and compiles compose-spec.json (~6 ms); validating a 10-service document then takes
~1 ms. The `jsonschema` library (4.26, available here) costs ~90 ms to import and ~25 ms per validation
with its own error wording, so it was not used.

Startup cost, `pydock compose config -q` on a 10-service project (ports, volumes, networks, healthcheck,
depends_on each), `env -u PYTHONDONTWRITEBYTECODE`, median of 20 runs, with vs without validate_schema
(patched out): wall 185 vs 177 ms, CPU 174 vs 171 ms (load ~3 on 2 CPUs; an earlier series at load ~12
gave CPU 219 vs 214 ms), so schema validation costs ~5-8 ms, ~4% of the command. In process: the first
validation 6.4 ms (compiling the schema), later documents ~0.6 ms. Why validate at all, and this way:
v2 rejects schema-invalid files with these exact messages, at
this exact point of the load (after interpolation, extends and merge, before canonical forms), so
skipping it or validating elsewhere would accept files v2 rejects or report a different error; a
validator of our own keeps jsonschema's ~90 ms import off every compose command.
"""

from __future__ import annotations

import math
import os

from ..errors import ComposeError
from ...opts.timestamps import go_quote as _go_quote

__all__ = ["validate_schema", "schema_error", "check_attributes", "check_consistency", "check_container_name_unicity"]

_SCHEMA_FILE = os.path.join(os.path.dirname(__file__), "compose-spec.json")
_ROOT = None  # the compiled schema, built on first use


# ---------------------------------------------------------------------------------------------------------
# the compiled schema


class _S:
    __slots__ = ("bool_", "types", "enum", "enum_types", "ref", "ref_ptr", "props", "pattern_props",
                 "additional", "required", "items", "unique", "pattern", "pattern_src", "minimum", "maximum",
                 "one_of", "any_of", "all_of", "not_")

    def __init__(self):
        self.bool_ = None
        self.types = None
        self.enum = None
        self.enum_types = None
        self.ref = None
        self.ref_ptr = None
        self.props = None
        self.pattern_props = None
        self.additional = None  # None (absent), bool, or _S
        self.required = None
        self.items = None
        self.unique = False
        self.pattern = None
        self.pattern_src = None
        self.minimum = None
        self.maximum = None
        self.one_of = None
        self.any_of = None
        self.all_of = None
        self.not_ = None


def _go_regex(src: str):
    # Go's `$` (without the m flag) only matches at the very end of the text, Python's also before a
    # final newline; the patterns in compose-spec.json are otherwise RE2 and Python alike.
    out = []
    escaped = False
    for ch in src:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "$":
            out.append(r"\Z")
        else:
            out.append(ch)
    import re

    return re.compile("".join(out))


class _Compiler:
    def __init__(self, raw: dict):
        self.raw = raw
        self.by_ptr: dict[str, _S] = {}
        self.pending: list[_S] = []

    def ref(self, ptr: str) -> _S:
        s = self.by_ptr.get(ptr)
        if s is None:
            node = self.raw
            if not ptr.startswith("#"):
                raise ValueError(f"unsupported $ref {ptr}")
            for tok in [t for t in ptr[1:].split("/") if t]:
                node = node[tok.replace("~1", "/").replace("~0", "~")]
            s = self.by_ptr[ptr] = _S()
            self.fill(s, node)
        return s

    def compile(self, node) -> _S:
        s = _S()
        self.fill(s, node)
        return s

    def fill(self, s: _S, node) -> None:
        if isinstance(node, bool):
            s.bool_ = node
            return
        t = node.get("type")
        if t is not None:
            s.types = frozenset([t] if isinstance(t, str) else t)
        if "enum" in node:
            s.enum = node["enum"]
            s.enum_types = frozenset(_jtype(v) for v in s.enum)
        if "$ref" in node:
            s.ref_ptr = node["$ref"]
            self.pending.append(s)
        if "properties" in node:
            s.props = {k: self.compile(v) for k, v in node["properties"].items()}
        if "patternProperties" in node:
            s.pattern_props = [(_go_regex(k), self.compile(v)) for k, v in node["patternProperties"].items()]
        if "additionalProperties" in node:
            a = node["additionalProperties"]
            s.additional = a if isinstance(a, bool) else self.compile(a)
        if node.get("required"):
            s.required = list(node["required"])
        if "items" in node:
            if isinstance(node["items"], list):
                raise ValueError("array form of items is not supported")
            s.items = self.compile(node["items"])
        s.unique = bool(node.get("uniqueItems"))
        if "pattern" in node:
            s.pattern_src = node["pattern"]
            s.pattern = _go_regex(node["pattern"])
        if "minimum" in node or "maximum" in node:
            from fractions import Fraction

            if "minimum" in node:
                s.minimum = Fraction(str(node["minimum"]))
            if "maximum" in node:
                s.maximum = Fraction(str(node["maximum"]))
        for kw, attr in (("oneOf", "one_of"), ("anyOf", "any_of"), ("allOf", "all_of")):
            if kw in node:
                setattr(s, attr, [self.compile(x) for x in node[kw]])
        if "not" in node:
            s.not_ = self.compile(node["not"])
        unsupported = set(node) & {"format", "const", "if", "dependencies", "propertyNames", "minItems",
                                   "maxItems", "minLength", "maxLength", "minProperties", "maxProperties",
                                   "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "contains",
                                   "additionalItems"}
        if unsupported:
            raise ValueError(f"compose-spec.json uses unsupported keywords {sorted(unsupported)}")

    def resolve(self) -> None:
        while self.pending:
            s = self.pending.pop()
            s.ref = self.ref(s.ref_ptr)


def _root() -> _S:
    global _ROOT
    if _ROOT is None:
        import json

        with open(_SCHEMA_FILE, encoding="utf-8") as f:
            raw = json.load(f)
        c = _Compiler(raw)
        root = c.compile(raw)
        c.resolve()
        _ROOT = root
    return _ROOT


# ---------------------------------------------------------------------------------------------------------
# values as santhosh-tekuri/jsonschema sees Go's decoded YAML


def _jtype(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "invalid"


def _is_integer(v) -> bool:
    if isinstance(v, int):
        return True
    return math.isfinite(v) and float(v).is_integer()


def _equals(a, b) -> bool:
    ta, tb = _jtype(a), _jtype(b)
    if ta != tb:
        return False
    if ta == "object":
        return len(a) == len(b) and all(k in b and _equals(x, b[k]) for k, x in a.items())
    if ta == "array":
        return len(a) == len(b) and all(_equals(x, y) for x, y in zip(a, b))
    if ta == "number":
        if not (math.isfinite(a) and math.isfinite(b)):
            return False  # big.Rat cannot parse +Inf/NaN
        return a == b  # Python compares int and float exactly, as big.Rat does
    return a == b


_TYPE_ORDER = ("null", "boolean", "number", "integer", "string", "array", "object")


class _E:
    """A santhosh-tekuri/jsonschema ValidationError: instance location, kind, kind data, causes."""

    __slots__ = ("loc", "kind", "data", "causes")

    def __init__(self, loc, kind, data=None, causes=None):
        self.loc = loc
        self.kind = kind
        self.data = data
        self.causes = causes or []


def _validate(s: _S, v, loc: tuple) -> _E | None:
    if s.bool_ is not None:
        return None if s.bool_ else _E(loc, "false")
    t = _jtype(v)
    if t == "invalid":
        return _E(loc, "invalid", type(v).__name__)
    if s.types is not None:
        if not (t in s.types or ("integer" in s.types and t == "number" and _is_integer(v))):
            return _E(loc, "type", [x for x in _TYPE_ORDER if x in s.types])
    if s.enum is not None:
        if not (t in s.enum_types and any(_equals(v, x) for x in s.enum)):
            return _E(loc, "enum", s.enum)
    if s.ref is not None:  # draft-07: $ref ignores its siblings
        err = _validate(s.ref, v, loc)
        if err is None:
            return None
        return _E(loc, "ref", None, err.causes if err.kind == "group" else [err])

    errors: list[_E] = []
    if t == "object":
        if s.required:
            missing = [p for p in s.required if p not in v]
            if missing:
                errors.append(_E(loc, "required", missing))
        additional = []
        for name, value in v.items():
            evaluated = False
            if s.props is not None:
                sub = s.props.get(name)
                if sub is not None:
                    evaluated = True
                    err = _validate(sub, value, loc + (name,))
                    if err is not None:
                        errors.append(err)
            if s.pattern_props is not None:
                for rx, sub in s.pattern_props:
                    if rx.search(name):
                        evaluated = True
                        err = _validate(sub, value, loc + (name,))
                        if err is not None:
                            errors.append(err)
            if not evaluated and s.additional is not None:
                if s.additional is False:
                    additional.append(name)
                elif s.additional is not True:
                    err = _validate(s.additional, value, loc + (name,))
                    if err is not None:
                        errors.append(err)
        if additional:
            errors.append(_E(loc, "additional", additional))
    elif t == "array":
        if s.unique and len(v) > 1:
            dup = _duplicates(v)
            if dup is not None:
                errors.append(_E(loc, "unique", dup))
        if s.items is not None:
            for i, item in enumerate(v):
                err = _validate(s.items, item, loc + (str(i),))
                if err is not None:
                    errors.append(err)
    elif t == "string":
        if s.pattern is not None and not s.pattern.search(v):
            errors.append(_E(loc, "pattern", (v, s.pattern_src)))
    elif t == "number":
        if s.minimum is not None or s.maximum is not None:
            n = v if math.isfinite(v) else None  # exact comparisons with the Fraction bounds
            if n is not None and s.minimum is not None and n < s.minimum:
                errors.append(_E(loc, "minimum", s.minimum))
            if n is not None and s.maximum is not None and n > s.maximum:
                errors.append(_E(loc, "maximum", s.maximum))

    if s.not_ is not None and _validate(s.not_, v, loc) is None:
        errors.append(_E(loc, "not"))
    if s.all_of is not None:
        errs = [e for e in (_validate(x, v, loc) for x in s.all_of) if e is not None]
        if errs:
            errors.append(_E(loc, "allOf", None, errs))
    if s.any_of is not None:
        errs = []
        for x in s.any_of:
            e = _validate(x, v, loc)
            if e is None:
                break
            errs.append(e)
        else:
            errors.append(_E(loc, "anyOf", None, errs))
    if s.one_of is not None:
        matched = -1
        errs = []
        for i, x in enumerate(s.one_of):
            e = _validate(x, v, loc)
            if e is not None:
                if matched == -1:
                    errs.append(e)
            elif matched == -1:
                matched = i
            else:
                errors.append(_E(loc, "oneOfMany", (matched, i)))
                break
        if matched == -1:
            errors.append(_E(loc, "oneOf", None, errs))

    if not errors:
        return None
    if len(errors) == 1:
        return errors[0]
    return _E(loc, "group", None, errors)


def _duplicates(arr: list):
    for i in range(1, len(arr)):
        for j in range(i):
            if _equals(arr[i], arr[j]):
                return (j, i)
    return None


def _most_specific(err: _E) -> _E:
    if not err.causes:
        return err
    best, best_spec = None, -1
    for cause in err.causes:
        cause = _most_specific(cause)
        spec = len(cause.loc) + (1 if cause.kind == "additional" else 0)
        if spec > best_spec:
            best, best_spec = cause, spec
    return best


# ---------------------------------------------------------------------------------------------------------
# messages (santhosh-tekuri/jsonschema kind/*.go LocalizedString, overridden by compose-go schema.go)




def _quote(s: str) -> str:
    q = _go_quote(s)
    q = q.replace('\\"', '"').replace("'", "\\'")
    return "'" + q[1:-1] + "'"


def _go_value(v) -> str:
    """fmt's %v of a decoded JSON/YAML primitive."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return _go_float(v)
    return str(v)


def _go_float(f: float) -> str:
    """fmt's %v of a float64: the shortest digits, an exponent when it is < -4 or >= 21."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    from decimal import Decimal

    sign, digits, exp = Decimal(repr(abs(f))).normalize().as_tuple()
    ds = "".join(map(str, digits)) or "0"
    e10 = len(ds) + exp - 1
    neg = "-" if math.copysign(1, f) < 0 else ""
    if f == 0:
        return neg + "0"
    if e10 < -4 or e10 >= 21:
        m = ds[0] + ("." + ds[1:] if len(ds) > 1 else "")
        return f"{neg}{m}e{'-' if e10 < 0 else '+'}{abs(e10):02d}"
    if e10 >= len(ds) - 1:
        return neg + ds + "0" * (e10 - len(ds) + 1)
    if e10 >= 0:
        return neg + ds[: e10 + 1] + "." + ds[e10 + 1:]
    return neg + "0." + "0" * (-e10 - 1) + ds


def _display(v) -> str:
    if isinstance(v, str):
        return _quote(v)
    if isinstance(v, (list, dict)):
        return "value"
    return _go_value(v)


def _human_type(want: list[str]) -> str:
    if len(want) == 1:
        return "mapping" if want[0] == "object" else want[0]
    names = sorted(_human_type([w]) for w in want)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _kind_text(e: _E) -> str:
    k = e.kind
    if k == "additional":
        return f"additional properties {', '.join(_quote(p) for p in e.data)} not allowed"
    if k == "required":
        if len(e.data) == 1:
            return f"missing property {_quote(e.data[0])}"
        return f"missing properties {', '.join(_quote(p) for p in e.data)}"
    if k == "enum":
        if any(isinstance(x, (list, dict)) for x in e.data):
            return "enum failed"
        if len(e.data) == 1:
            return f"value must be {_display(e.data[0])}"
        return f"value must be one of {', '.join(_display(x) for x in e.data)}"
    if k == "pattern":
        return f"{_quote(e.data[0])} does not match pattern {_quote(e.data[1])}"
    if k == "unique":
        return f"items at {e.data[0]} and {e.data[1]} are equal"
    if k == "oneOfMany":
        return f"oneOf failed, subschemas {e.data[0]}, {e.data[1]} matched"
    if k == "oneOf":
        return "oneOf failed, none matched"
    if k == "anyOf":
        return "anyOf failed"
    if k == "allOf":
        return "allOf failed"
    if k == "not":
        return "not failed"
    if k == "false":
        return "false schema"
    if k == "invalid":
        return f"invalid jsonType {e.data}"
    return "validation failed"


def schema_error(document: dict) -> str | None:
    """The message compose-go's `schema.Validate` gives for `document` (without the `validating <file>: `
    prefix), or None when the document is valid."""
    err = _validate(_root(), document, ())
    if err is None:
        return None
    causes = err.causes if err.kind == "group" else [err]
    e = _most_specific(_E((), "schema", None, causes))
    path = ".".join(e.loc)
    if e.kind == "type":
        return f"{path} must be a {_human_type(list(e.data))}"
    if e.kind == "minimum":
        return f"{path} must be greater than or equal to {e.data.numerator}"
    if e.kind == "maximum":
        return f"{path} must be less than or equal to {e.data.numerator}"
    return f"{path} {_kind_text(e)}"


def validate_schema(document: dict, filename: str) -> None:
    """Check `document` (the accumulated dict after merging one YAML document of `filename`, before
    canonicalisation) against compose-spec.json; raise ComposeError(`validating <filename>: <msg>`)."""
    msg = schema_error(document)
    if msg is not None:
        raise ComposeError(f"validating {filename}: {msg}")


# ---------------------------------------------------------------------------------------------------------
# compose-go validation.Validate: attribute checks on the merged dict (after SetDefaultValues)

_EXTENSIONS = "#extensions"


def _check_external(v: dict, path: str) -> None:
    if v.get("external") is not True:
        return
    for k in v:
        if k in ("name", "external", _EXTENSIONS) or k.startswith("x-"):
            continue
        raise ComposeError(f'{path}: conflicting parameters "external" and {_go_quote(k)} specified')


def _check_volume(value, path: str) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise ComposeError(f"expected volume, got {value}")
    _check_external(value, path)


def _check_file_object(*keys: str):
    def check(value, path: str) -> None:
        v = value if isinstance(value, dict) else {}
        count = sum(1 for k in keys if k in v)
        if count > 1:
            raise ComposeError(f"{path}: {'|'.join(keys)} attributes are mutually exclusive")
        if count == 0 and "driver" not in v and "external" not in v:
            raise ComposeError(f"{path}: one of {'|'.join(keys)} must be set")
    return check


def _parse_ip(s) -> bool:
    """Go's net.ParseIP: dotted IPv4 (no leading zeros) or IPv6 (no zone)."""
    import ipaddress

    if not isinstance(s, str) or "%" in s:
        return False
    try:
        ipaddress.ip_address(s)
    except ValueError:
        return False
    return True


def _check_ip_address(value, path: str) -> None:
    if isinstance(value, dict) and "host_ip" in value and not _parse_ip(value["host_ip"]):
        raise ComposeError(f"{path}: invalid ip address: {value['host_ip']}")


def _check_path(value, path: str) -> None:
    if value == "":
        raise ComposeError(f"{path}: value can't be blank")


def _check_device_request(value, path: str) -> None:
    if isinstance(value, dict) and "count" in value and "device_ids" in value:
        raise ComposeError(f'{path}: "count" and "device_ids" attributes are exclusive')


_CHECKS = [
    (("volumes", "*"), _check_volume),
    (("configs", "*"), _check_file_object("file", "environment", "content")),
    (("secrets", "*"), _check_file_object("file", "environment")),
    (("services", "*", "ports", "*"), _check_ip_address),
    (("services", "*", "develop", "watch", "*", "path"), _check_path),
    (("services", "*", "deploy", "resources", "reservations", "devices", "*"), _check_device_request),
    (("services", "*", "gpus", "*"), _check_device_request),
]


def _matches(parts: tuple, pattern: tuple) -> bool:
    return len(parts) == len(pattern) and all(p == "*" or p == x for x, p in zip(parts, pattern))


def _walk_checks(value, parts: tuple) -> None:
    for pattern, fn in _CHECKS:
        if _matches(parts, pattern):
            fn(value, ".".join(parts))
            return
    if isinstance(value, dict):
        for k, v in value.items():
            _walk_checks(v, parts + (str(k),))
    elif isinstance(value, list):
        for v in value:
            _walk_checks(v, parts + ("[]",))


def check_attributes(document: dict) -> None:
    """compose-go `validation.Validate`, on the dict of all files merged, after defaults were set (ports
    in long form). Messages are as v2's: `volumes.v: conflicting parameters "external" and "driver"
    specified`, `secrets.s: one of file|environment must be set`, `services.web.ports.[]: invalid ip
    address: 1.2.3`, ..."""
    _walk_checks(document, ())


# ---------------------------------------------------------------------------------------------------------
# compose-go loader/validate.go checkConsistency, on the normalised model (`config --format json` shape)

_INVALID = "invalid compose project"


def _int(v, default=0) -> int:
    if v is None:
        return default
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _float(v) -> float:
    if v is None:
        return 0.0
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def _f32(x: float) -> float:
    import struct

    return struct.unpack("f", struct.pack("f", x))[0]


def check_consistency(model: dict, disabled: dict[str, dict] | None = None) -> None:
    """compose-go `checkConsistency` on the loaded model after profiles were applied (`disabled`: the
    services switched off by profiles, as Project.disabled). Raises ComposeError with v2's message."""
    from ..graph import check_cycle

    services = model.get("services") or {}
    disabled = disabled or {}
    networks = model.get("networks") or {}
    volumes = model.get("volumes") or {}
    secrets = model.get("secrets") or {}
    configs = model.get("configs") or {}
    models = model.get("models") or {}

    for name, s in services.items():
        s = s or {}
        build = s.get("build")
        if build is None and not s.get("image") and s.get("provider") is None:
            raise ComposeError(f"service {_go_quote(name)} has neither an image nor a build context specified: "
                               f"{_INVALID}")
        if build is not None:
            if build.get("dockerfile_inline") and build.get("dockerfile"):
                raise ComposeError(f"service {_go_quote(name)} declares mutualy exclusive dockerfile and "
                                   f"dockerfile_inline: {_INVALID}")
            for add, c in (build.get("additional_contexts") or {}).items():
                if isinstance(c, str) and c.startswith("service:"):
                    target = c[len("service:"):]
                    if target not in services:
                        raise ComposeError(f"service {_go_quote(name)} declares unknown service "
                                           f"{_go_quote(target)} as additional contexts {add}")
                    if (services[target] or {}).get("build") is None:
                        raise ComposeError(f"service {_go_quote(name)} declares non-buildable service "
                                           f"{_go_quote(target)} as additional contexts {add}")
            platforms = build.get("platforms") or []
            if platforms and s.get("platform") and s["platform"] not in platforms:
                raise ComposeError(f"service.build.platforms MUST include service.platform "
                                   f"{_go_quote(s['platform'])}: {_INVALID}")

        network_mode = s.get("network_mode") or ""
        if network_mode and s.get("networks"):
            raise ComposeError(f"service {name} declares mutually exclusive `network_mode` and `networks`: "
                               f"{_INVALID}")
        for network in s.get("networks") or {}:
            if network not in networks:
                raise ComposeError(f"service {_go_quote(name)} refers to undefined network {network}: {_INVALID}")

        test = (s.get("healthcheck") or {}).get("test") or []
        if test and test[0] not in ("CMD", "CMD-SHELL", "NONE"):
            raise ComposeError('healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"')

        for dep, cfg in (s.get("depends_on") or {}).items():
            if dep not in services:
                if dep in disabled and isinstance(cfg, dict) and cfg.get("required") is False:
                    continue
                raise ComposeError(f"service {_go_quote(name)} depends on undefined service {_go_quote(dep)}: "
                                   f"{_INVALID}")

        if network_mode.startswith("service:"):
            target = network_mode[len("service:"):]
            if target not in services:
                raise ComposeError(f"service {_go_quote(target)} not found for network_mode 'service:{target}'")

        for vol in s.get("volumes") or []:
            if vol.get("type") == "volume" and vol.get("source") and vol["source"] not in volumes:
                raise ComposeError(f"service {_go_quote(name)} refers to undefined volume {vol['source']}: "
                                   f"{_INVALID}")
        if build is not None:
            for sec in build.get("secrets") or []:
                if sec.get("source") not in secrets:
                    raise ComposeError(f"service {_go_quote(name)} refers to undefined build secret "
                                       f"{sec.get('source', '')}: {_INVALID}")
        for cfg in s.get("configs") or []:
            if cfg.get("source") not in configs:
                raise ComposeError(f"service {_go_quote(name)} refers to undefined config {cfg.get('source', '')}: "
                                   f"{_INVALID}")
        for m in s.get("models") or {}:
            if m not in models:
                raise ComposeError(f"service {_go_quote(name)} refers to undefined model {m}: {_INVALID}")
        for sec in s.get("secrets") or []:
            if sec.get("source") not in secrets:
                raise ComposeError(f"service {_go_quote(name)} refers to undefined secret {sec.get('source', '')}: "
                                   f"{_INVALID}")

        deploy = s.get("deploy")
        scale = s.get("scale")
        replicas = deploy.get("replicas") if deploy is not None else None
        if scale is not None and deploy is not None:
            if replicas is not None and _int(scale) != _int(replicas):
                raise ComposeError(f"services.{name}: can't set distinct values on 'scale' and 'deploy.replicas': "
                                   f"{_INVALID}")
            replicas = scale
        if scale is not None and _int(scale) < 0:
            raise ComposeError(f"services.{name}.scale: must be greater than or equal to 0")
        if replicas is not None and _int(replicas) < 0:
            raise ComposeError(f"services.{name}.deploy.replicas: must be greater than or equal to 0")

        resources = (deploy or {}).get("resources") or {}
        limits = resources.get("limits")
        reservations = resources.get("reservations")
        if _float(s.get("cpus")) != 0 and deploy is not None and limits is not None:
            if _f32(_float(limits.get("cpus"))) != _f32(_float(s.get("cpus"))):
                raise ComposeError(f"services.{name}: can't set distinct values on 'cpus' and "
                                   f"'deploy.resources.limits.cpus': {_INVALID}")
        if _int(s.get("mem_limit")) != 0 and deploy is not None and limits is not None:
            if _int(limits.get("memory")) != _int(s.get("mem_limit")):
                raise ComposeError(f"services.{name}: can't set distinct values on 'mem_limit' and "
                                   f"'deploy.resources.limits.memory': {_INVALID}")
        if _int(s.get("mem_reservation")) != 0 and deploy is not None and reservations is not None:
            if _int(reservations.get("memory")) != _int(s.get("mem_reservation")):
                raise ComposeError(f"services.{name}: can't set distinct values on 'mem_reservation' and "
                                   f"'deploy.resources.reservations.memory': {_INVALID}")
        if _int(s.get("pids_limit")) != 0 and deploy is not None and limits is not None:
            if _int(limits.get("pids")) != _int(s.get("pids_limit")):
                raise ComposeError(f"services.{name}: can't set distinct values on 'pids_limit' and "
                                   f"'deploy.resources.limits.pids': {_INVALID}")

        eff_scale = _int(scale) if scale is not None else (_int(replicas, 1) if replicas is not None else 1)
        if eff_scale > 1 and s.get("container_name"):
            attr = "scale" if scale is not None else "deploy.replicas"
            # v2's format arguments are swapped: `services.scale: can't set container_name and web ...`
            raise ComposeError(f"services.{attr}: can't set container_name and {name} as container name must "
                               f"be unique: {_INVALID}")

        for watch in ((s.get("develop") or {}).get("watch") or []):
            if not watch.get("target") and watch.get("action") not in ("rebuild", "restart"):
                raise ComposeError(f"services.{name}.develop.watch: target is required for non-rebuild actions: "
                                   f"{_INVALID}")

        mounts: dict[str, str] = {}
        for i, tmpfs in enumerate(s.get("tmpfs") or []):
            loc = f"services.{name}.tmpfs[{i}]"
            path = str(tmpfs).split(":", 1)[0]
            if path in mounts:
                raise ComposeError(f"{loc}: target {path} already mounted as {mounts[path]}")
            mounts[path] = loc
        for i, vol in enumerate(s.get("volumes") or []):
            loc = f"services.{name}.volumes[{i}]"
            target = vol.get("target", "")
            if target in mounts:
                raise ComposeError(f"{loc}: target {target} already mounted as {mounts[target]}")
            mounts[target] = loc

    for name, secret in secrets.items():
        secret = secret or {}
        if secret.get("external"):
            continue
        if not secret.get("file") and not secret.get("environment"):
            raise ComposeError(f"secret {_go_quote(name)} must declare either `file` or `environment`: {_INVALID}")

    check_cycle(services, disabled)


def check_container_name_unicity(model: dict) -> None:
    """compose-go `Project.CheckContainerNameUnicity`, which v2 runs in `config` (unless
    --no-consistency) and at the start of `create`/`up`. v2's message keeps its stray `{}"`."""
    names: set[str] = set()
    for name, s in (model.get("services") or {}).items():
        cn = (s or {}).get("container_name")
        if cn:
            if cn in names:
                raise ComposeError(f"services.{name}: container name {_go_quote(cn)} is already in use by "
                                   'service {}"')
            names.add(cn)
