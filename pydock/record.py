"""Read-only value classes that cost nothing to define.

`@dataclass` writes `__init__`, `__eq__`, `__repr__` (and, frozen, `__setattr__`, `__hash__`) as source
text and compiles it with exec() when the class statement runs: 0.4 to 2 ms per class, paid by every
invocation that imports the module. The classes every common command loads (its options, Endpoint,
Reference, Format, the create request) derive from `Record` instead, which does the same work per
instance from the class's annotations, in microseconds, and costs nothing at import.

    class StopOptions(Record):
        containers: tuple[str, ...]     # no default: required
        timeout: int | None = None      # class attribute: the default (shared: use immutable values)

Instances take their fields positionally in annotation order or by name, compare equal field by field
(same class only), hash when all values do, refuse assignment, and `replace(**changes)` copies.
"""

from __future__ import annotations


class Record:
    _fields: tuple[str, ...] = ()
    _fieldset: frozenset[str] = frozenset()
    _required: frozenset[str] = frozenset()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__annotations__", ()):
                if not name.startswith("_") and name not in names:
                    names.append(name)
        cls._fields = tuple(names)
        cls._fieldset = frozenset(names)
        cls._required = frozenset(n for n in names if not hasattr(cls, n))

    def __init__(self, *args, **values) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} fields, got {len(args)}")
        own = self.__dict__
        own.update(zip(fields, args))
        known = self._fieldset
        for name, value in values.items():
            if name not in known or name in own:
                problem = "an unexpected" if name not in known else "a repeated"
                raise TypeError(f"{type(self).__name__} got {problem} field {name!r}")
            own[name] = value
        missing = self._required - own.keys()
        if missing:
            raise TypeError(f"{type(self).__name__} misses {', '.join(sorted(missing))}")

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def replace(self, **changes) -> "Record":
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)

    def __setattr__(self, name, value) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot set {name}")

    def __delattr__(self, name) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot delete {name}")

    def __eq__(self, other) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"
