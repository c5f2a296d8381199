from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from resolvers.core.predicates import And, Cmp, Not, Op, Or, conjuncts, evaluate, fields_of, negate

GETTERS = {name: (lambda r, n=name: r.get(n)) for name in ("name", "born", "tags")}
RECORDS: list[dict[str, Any]] = [
    {"name": "Alice", "born": date(1980, 1, 1), "tags": ["a", "b"]},
    {"name": "Bob", "born": date(1990, 6, 1), "tags": []},
    {"name": None, "born": None, "tags": ["c"]},
]


def names(predicate: Any) -> list[Any]:
    return [r["name"] for r in RECORDS if evaluate(predicate, r, GETTERS)]


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        (Op.EQ, "Alice", ["Alice"]),
        (Op.NE, "Alice", ["Bob", None]),
        (Op.IN, ("Bob", "Zed"), ["Bob"]),
        (Op.NOT_IN, ("Bob",), ["Alice", None]),
        (Op.LT, "B", ["Alice"]),
        (Op.LTE, "Bob", ["Alice", "Bob"]),
        (Op.GT, "Alice", ["Bob"]),
        (Op.GTE, "Alice", ["Alice", "Bob"]),
        (Op.BETWEEN, ("A", "B"), ["Alice"]),
        (Op.NOT_BETWEEN, ("A", "B"), ["Bob", None]),
        (Op.STARTS_WITH, "Al", ["Alice"]),
        (Op.NOT_STARTS_WITH, "Al", ["Bob", None]),
        (Op.CONTAINS, "o", ["Bob"]),
        (Op.NOT_CONTAINS, "o", ["Alice", None]),
        (Op.ENDS_WITH, "ce", ["Alice"]),
        (Op.NOT_ENDS_WITH, "ce", ["Bob", None]),
        (Op.IS_NULL, True, [None]),
        (Op.IS_NULL, False, ["Alice", "Bob"]),
    ],
)
def test_each_operator(op: Op, value: Any, expected: list[Any]) -> None:
    assert names(Cmp("name", op, value)) == expected


def test_string_comparisons_are_case_sensitive() -> None:
    assert names(Cmp("name", Op.CONTAINS, "ALI")) == []


def test_list_fields_match_when_any_element_does() -> None:
    assert names(Cmp("tags", Op.EQ, "b")) == ["Alice"]
    assert names(Cmp("tags", Op.NE, "b")) == ["Bob", None]
    assert names(Cmp("tags", Op.IS_NULL, True)) == ["Bob"]


def test_dates_compare_as_dates() -> None:
    assert names(Cmp("born", Op.GTE, date(1985, 1, 1))) == ["Bob"]


def test_and_or_not() -> None:
    alice, bob = Cmp("name", Op.EQ, "Alice"), Cmp("name", Op.EQ, "Bob")
    assert names(Or((alice, bob))) == ["Alice", "Bob"]
    assert names(And((alice, bob))) == []
    assert names(Not(alice)) == ["Bob", None]
    assert names(Or(())) == []
    assert names(And(())) == ["Alice", "Bob", None]


@pytest.mark.parametrize(
    "predicate",
    [
        Cmp("name", Op.EQ, "Alice"),
        Cmp("name", Op.LT, "B"),
        Cmp("name", Op.IS_NULL, True),
        Cmp("name", Op.NOT_CONTAINS, "o"),
        And((Cmp("name", Op.STARTS_WITH, "A"), Cmp("born", Op.GT, date(1970, 1, 1)))),
        Or((Cmp("name", Op.IN, ("Bob",)), Not(Cmp("born", Op.IS_NULL, False)))),
    ],
)
def test_negate_is_exactly_not(predicate: Any) -> None:
    negated = negate(predicate)
    for record in RECORDS:
        assert evaluate(negated, record, GETTERS) is not evaluate(predicate, record, GETTERS)


def test_negate_uses_negated_operators() -> None:
    assert negate(Cmp("name", Op.EQ, "x")) == Cmp("name", Op.NE, "x")
    assert negate(Cmp("name", Op.NOT_IN, ("x",))) == Cmp("name", Op.IN, ("x",))
    # No exact complement for lt: null matches NOT(lt) but not gte.
    assert negate(Cmp("name", Op.LT, "x")) == Not(Cmp("name", Op.LT, "x"))


def test_conjuncts_and_fields() -> None:
    a, b, c = Cmp("name", Op.EQ, 1), Cmp("born", Op.EQ, 2), Cmp("tags", Op.EQ, 3)
    assert conjuncts(And((a, And((b, c))))) == [a, b, c]
    assert conjuncts(Or((a, b))) == [Or((a, b))]
    assert conjuncts(None) == []
    assert fields_of(Or((a, Not(b)))) == {"name", "born"}
