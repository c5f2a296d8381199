from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from resolvers.core.errors import BadUserInput
from resolvers.core.predicates import And, Cmp, Not, Op, Or
from resolvers.onboarding import ORGANIZATION_FIELDS
from resolvers.onboarding.filter_on import METHODS, to_filter_on, wire_datetime

NAME = "organization_name"


def dsl(predicate: Any) -> Any:
    return to_filter_on(predicate, ORGANIZATION_FIELDS)


def test_every_operator_has_a_method_but_is_null() -> None:
    assert set(METHODS) | {Op.IS_NULL} == set(Op)
    assert len(set(METHODS.values())) == len(METHODS)


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        (Op.EQ, "A", {"fieldName": "organizationName", "method": 3, "fieldValues": ["A"]}),
        (
            Op.IN,
            ("A", "B"),
            {"fieldName": "organizationName", "method": 5, "fieldValues": ["A", "B"]},
        ),
        (Op.STARTS_WITH, "A", {"fieldName": "organizationName", "method": 0, "fieldValues": ["A"]}),
        (Op.CONTAINS, "A", {"fieldName": "organizationName", "method": 1, "fieldValues": ["A"]}),
        (Op.ENDS_WITH, "A", {"fieldName": "organizationName", "method": 2, "fieldValues": ["A"]}),
        (Op.LT, "A", {"fieldName": "organizationName", "method": 9, "fieldValues": ["A"]}),
        (Op.GT, "A", {"fieldName": "organizationName", "method": 10, "fieldValues": ["A"]}),
        (Op.LTE, "A", {"fieldName": "organizationName", "method": 11, "fieldValues": ["A"]}),
        (Op.GTE, "A", {"fieldName": "organizationName", "method": 12, "fieldValues": ["A"]}),
        (Op.IS_NULL, True, {"fieldName": "organizationName", "method": 13}),
        (Op.IS_NULL, False, {"fieldName": "organizationName", "method": 14}),
    ],
)
def test_positive_operators_map_to_one_method(op: Op, value: Any, expected: Any) -> None:
    assert dsl(Cmp(NAME, op, value)) == expected


@pytest.mark.parametrize(
    ("op", "method"),
    [
        (Op.NE, 4),
        (Op.NOT_IN, 6),
        (Op.NOT_STARTS_WITH, 17),
        (Op.NOT_CONTAINS, 18),
        (Op.NOT_ENDS_WITH, 19),
    ],
)
def test_negated_operators_also_match_null(op: Op, method: int) -> None:
    value = ("A",) if op is Op.NOT_IN else "A"
    assert dsl(Cmp(NAME, op, value)) == {
        "method": 16,
        "filters": [
            {"fieldName": "organizationName", "method": method, "fieldValues": ["A"]},
            {"fieldName": "organizationName", "method": 13},
        ],
    }


def test_between_is_native_for_dates_and_two_comparisons_otherwise() -> None:
    low, high = datetime(2020, 1, 1, tzinfo=UTC), datetime(2021, 1, 1, tzinfo=UTC)
    assert dsl(Cmp("created_at", Op.BETWEEN, (low, high))) == {
        "fieldName": "creationDateTime",
        "method": 7,
        "fieldValues": ["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"],
    }
    assert dsl(Cmp("npi", Op.BETWEEN, (1, 5))) == {
        "method": 15,
        "filters": [
            {"fieldName": "npi", "method": 12, "fieldValues": [1]},
            {"fieldName": "npi", "method": 11, "fieldValues": [5]},
        ],
    }
    assert dsl(Cmp("npi", Op.NOT_BETWEEN, (1, 5)))["filters"][-1] == {
        "fieldName": "npi",
        "method": 13,
    }


def test_not_is_pushed_down() -> None:
    assert dsl(Not(Cmp(NAME, Op.EQ, "A")))["filters"][0]["method"] == 4
    assert dsl(Not(Cmp("npi", Op.LT, 5))) == {
        "method": 16,
        "filters": [
            {"fieldName": "npi", "method": 12, "fieldValues": [5]},
            {"fieldName": "npi", "method": 13},
        ],
    }
    assert dsl(Not(And((Cmp(NAME, Op.IS_NULL, True), Cmp("npi", Op.IS_NULL, False))))) == {
        "method": 16,
        "filters": [
            {"fieldName": "organizationName", "method": 14},
            {"fieldName": "npi", "method": 13},
        ],
    }


def test_groups_dotted_fields_and_empties() -> None:
    predicate = Or((Cmp(NAME, Op.STARTS_WITH, "A"), Cmp("vendor.name", Op.EQ, "V")))
    assert dsl(predicate) == {
        "method": 16,
        "filters": [
            {"fieldName": "organizationName", "method": 0, "fieldValues": ["A"]},
            {"fieldName": "vendor.name", "method": 3, "fieldValues": ["V"]},
        ],
    }
    assert dsl(None) is None
    nothing = dsl(Or(()))
    assert nothing is not None
    assert [f["method"] for f in nothing["filters"]] == [13, 14]  # x IS NULL AND x IS NOT NULL
    assert len({f["fieldName"] for f in nothing["filters"]}) == 1
    assert dsl(And(())) is None


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (Cmp(NAME, Op.IN, ()), "nothing"),
        (Cmp(NAME, Op.NOT_IN, ()), None),
        (Not(Cmp(NAME, Op.IN, ())), None),
        (Or((Cmp(NAME, Op.IN, ()), Cmp(NAME, Op.EQ, "A"))), "name"),
        (And((Cmp(NAME, Op.NOT_IN, ()), Cmp(NAME, Op.EQ, "A"))), "name"),
        (And((Cmp(NAME, Op.IN, ()), Cmp(NAME, Op.EQ, "A"))), "nothing"),
        (Or((Cmp(NAME, Op.NOT_IN, ()), Cmp(NAME, Op.EQ, "A"))), None),
    ],
)
def test_empty_lists_mean_nothing_and_everything_as_on_every_connection(
    predicate: Any, expected: str | None
) -> None:
    """MedAllies refuses an empty LIST; the grammar's meaning is sent instead."""
    answer = dsl(predicate)
    if expected is None:
        assert answer is None
    elif expected == "name":
        assert answer == {"fieldName": "organizationName", "method": 3, "fieldValues": ["A"]}
    else:
        assert answer is not None
        assert [f["method"] for f in answer["filters"]] == [13, 14]


def test_text_operators_on_numbers_are_refused() -> None:
    with pytest.raises(BadUserInput, match="needs a text field"):
        dsl(Cmp("npi", Op.STARTS_WITH, "1"))


@pytest.mark.parametrize(
    "moment",
    [
        datetime.fromisoformat("9999-12-31T23:59:59-05:00"),
        datetime.fromisoformat("0001-01-01T00:00:00+05:00"),
    ],
)
def test_an_instant_outside_the_utc_calendar_is_the_callers_error(moment: datetime) -> None:
    with pytest.raises(BadUserInput) as info:
        wire_datetime(moment)
    assert info.value.extensions["argument"] == "filter"


def test_instants_are_sent_in_utc() -> None:
    moment = datetime.fromisoformat("2024-01-01T05:00:00+05:00")
    assert wire_datetime(moment) == "2024-01-01T00:00:00Z"
