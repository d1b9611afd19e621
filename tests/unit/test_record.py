"""pydock.record.Record: the dataclass stand-in the hot command paths use."""

import pytest

from pydock.record import Record


class Point(Record):
    x: int
    y: int = 0
    tags: tuple = ()


class Point3(Point):
    z: int = 9


def test_fields_positionally_and_by_name_with_class_defaults():
    p = Point(1, tags=("a",))
    assert (p.x, p.y, p.tags) == (1, 0, ("a",))
    assert Point(y=2, x=1) == Point(1, 2)
    assert Point._fields == ("x", "y", "tags")
    assert Point3(1, 2).z == 9 and Point3._fields == ("x", "y", "tags", "z")


@pytest.mark.parametrize("make, message", [
    (lambda: Point(), "Point misses x"),
    (lambda: Point(1, w=2), "Point got an unexpected field 'w'"),
    (lambda: Point(1, x=2), "Point got a repeated field 'x'"),
    (lambda: Point(1, 2, (), 4), "Point takes 3 fields, got 4"),
])
def test_bad_construction_is_a_type_error(make, message):
    with pytest.raises(TypeError, match=f"^{message}$"):
        make()


def test_read_only():
    p = Point(1)
    with pytest.raises(AttributeError, match="read-only: cannot set x"):
        p.x = 2
    with pytest.raises(AttributeError, match="read-only: cannot delete x"):
        del p.x
    assert p.x == 1


def test_equality_and_hash_by_value_and_class():
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(1, 3)
    assert Point3(1, 2, (), 9) != Point(1, 2)  # another class, even with the same leading fields
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_replace_copies_with_changes_and_checks_names():
    p = Point(1, 2)
    q = p.replace(y=5)
    assert (p.y, q.y, q.x) == (2, 5, 1) and type(q) is Point
    with pytest.raises(TypeError):
        p.replace(w=1)


def test_repr_lists_every_field_in_order():
    assert repr(Point(1, tags=("a",))) == "Point(x=1, y=0, tags=('a',))"
