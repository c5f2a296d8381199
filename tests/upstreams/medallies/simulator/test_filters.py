"""The simulator: the filter language as pure functions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.upstreams.medallies.simulator.support import Json, flt
from upstreams.medallies.simulator import filters as _filters
from upstreams.medallies.simulator.filters import FieldType, FilterError, parse_filter, parse_sort

# --- the filter language as pure functions --------------------------------------------------

TYPES = {
    "name": FieldType.STRING,
    "count": FieldType.NUMBER,
    "flag": FieldType.BOOLEAN,
    "at": FieldType.DATE,
    "sub.code": FieldType.NUMBER,
}
RECORDS: list[Json] = [
    {
        "id": 1,
        "name": "Alpha",
        "count": 1,
        "flag": True,
        "at": "2016-10-07T16:46:23Z",
        "sub": {"code": 1},
    },
    {
        "id": 2,
        "name": "beta",
        "count": 2.5,
        "flag": False,
        "at": "2017-01-01T00:00:00Z",
        "sub": None,
    },
    {"id": 3, "name": None, "count": None, "flag": None, "at": None, "sub": {"code": None}},
    {"id": 4, "name": "Alphabet", "count": 10, "flag": True, "at": "2020-02-24T17:20:01Z"},
]


def matching(filter_on: Any) -> list[int]:
    match = parse_filter(filter_on, TYPES)
    return [r["id"] for r in RECORDS if match(r)]


@pytest.mark.parametrize(
    ("filter_on", "ids"),
    [
        (flt("name", 0, "Alpha"), [1, 4]),
        (flt("name", 1, "ph"), [1, 4]),
        (flt("name", 2, "a"), [1, 2]),
        (flt("name", 3, "Alpha"), [1]),
        (flt("count", 3, 2.5), [2]),
        (flt("flag", 3, False), [2]),
        (flt("at", 3, "2016-10-07T18:46:23+02:00"), [1]),
        (flt("name", 4, "Alpha"), [2, 4]),
        (flt("flag", 4, True), [2]),
        (flt("count", 5, 1, 10), [1, 4]),
        (flt("at", 5, "2017-01-01T00:00:00Z", "2020-02-24"), [2]),
        (flt("name", 6, "beta"), [1, 4]),
        (flt("at", 7, "2016-01-01T00:00:00Z", "2017-01-01T00:00:00Z"), [1, 2]),
        (flt("at", 7, "2016-01-01T00:00:00Z:2017-01-01T00:00:00Z"), [1, 2]),
        (flt("at", 7, "2017-01-01T00:00:00Z", "2016-01-01T00:00:00Z"), []),
        (flt("at", 8, "2016-01-01T00:00:00Z", "2017-01-01T00:00:00Z"), [4]),
        (flt("count", 9, 2.5), [1]),
        (flt("name", 9, "B"), [1, 4]),
        (flt("at", 10, "2017-01-01T00:00:00Z"), [4]),
        (flt("count", 11, 2.5), [1, 2]),
        (flt("name", 12, "beta"), [2]),
        (flt("name", 13), [3]),
        ({"fieldName": "count", "method": 13, "fieldValues": None}, [3]),
        (flt("sub.code", 13), [2, 3, 4]),
        (flt("sub.code", 14), [1]),
        ({"method": 15, "filters": [flt("name", 0, "Alpha"), flt("count", 12, 5)]}, [4]),
        ({"method": 16, "filters": [flt("name", 13), flt("flag", 3, False)]}, [2, 3]),
        (flt("name", 17, "Alpha"), [2]),
        (flt("name", 18, "ph"), [2]),
        (flt("name", 19, "bet"), [1, 2]),
        (flt("sub.code", 3, 1), [1]),
        ({"fieldName": "count", "fieldValues": [1], "method": "3"}, [1]),
        (None, [1, 2, 3, 4]),
        ({}, [1, 2, 3, 4]),
    ],
)
def test_filter_methods(filter_on: Any, ids: list[int]) -> None:
    assert matching(filter_on) == ids


def test_filter_error_carries_code_and_path() -> None:
    with pytest.raises(FilterError) as raised:
        parse_filter({"method": 15, "filters": [flt("name", 3, "x"), flt("at", 7, "x")]}, TYPES)
    assert (raised.value.code, raised.value.parameter) == (158, "filterOn.filters[1]")
    assert raised.value.message == "TWO_FIELD_VALUES_REQUIRED"


def test_sort_keys() -> None:
    keys = parse_sort({"flag": "desc", "at": "asc"}, TYPES)
    ordered = _filters.sort_records(RECORDS, keys)
    assert [r["id"] for r in ordered] == [1, 4, 2, 3]
    assert parse_sort(None, TYPES) == []
    with pytest.raises(FilterError) as raised:
        parse_sort({"sub": "asc"}, TYPES)
    assert raised.value.parameter == "sortOn.sub"
