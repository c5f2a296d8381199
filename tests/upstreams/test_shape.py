"""The shape checks: every wrong shape is an UPSTREAM_ERROR that says what was wrong."""

from __future__ import annotations

from typing import Any

import pytest

from upstreams import UpstreamProtocolError
from upstreams._shape import (
    Op,
    expect_list,
    expect_object,
    expect_objects,
    field,
    optional_field,
)

OP = Op("medallies", "listVendors")


def _detail(info: pytest.ExceptionInfo[UpstreamProtocolError]) -> str:
    error = info.value
    assert error.extensions["code"] == "UPSTREAM_ERROR"
    assert error.upstream == "medallies"
    assert error.operation == "listVendors"
    assert error.detail is not None
    return error.detail


def test_the_issues_broken_listing_is_an_error_not_an_empty_page() -> None:
    body = expect_object({"items": "x", "count": "many"}, OP)
    with pytest.raises(UpstreamProtocolError) as info:
        expect_list(body["items"], OP, "items")
    assert _detail(info) == "answer of the wrong shape: items is str, expected list"
    assert "medallies listVendors failed" in str(info.value)
    with pytest.raises(UpstreamProtocolError) as info:
        optional_field(body, "count", int, OP)
    assert _detail(info) == "answer of the wrong shape: count is str, expected int"


@pytest.mark.parametrize(
    ("value", "named"), [([], "list"), (None, "null"), ("x", "str"), (3, "int"), (True, "bool")]
)
def test_expect_object_names_what_it_got(value: object, named: str) -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        expect_object(value, OP)
    assert _detail(info) == f"answer of the wrong shape: the answer is {named}, expected object"


def test_values_of_the_right_shape_come_back_as_they_are() -> None:
    body: dict[str, Any] = {"items": [{"id": 1}], "count": 1, "ratio": 2, "name": "a"}
    assert expect_object(body, OP) is body
    assert expect_list(body["items"], OP, "items") is body["items"]
    assert expect_objects(body["items"], OP, "items") == [{"id": 1}]
    assert field(body, "count", int, OP) == 1
    assert field(body, "name", str, OP) == "a"
    ratio = field(body, "ratio", float, OP)
    assert ratio == 2.0
    assert isinstance(ratio, float)


def test_expect_objects_names_the_first_element_that_is_not_one() -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        expect_objects([{"id": 1}, 7, "x"], OP, "items")
    assert _detail(info) == "answer of the wrong shape: items[1] is int, expected object"


def test_a_required_field_must_be_present_and_not_null() -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        field({}, "count", int, OP)
    assert _detail(info) == "answer of the wrong shape: count is missing"
    with pytest.raises(UpstreamProtocolError) as info:
        field({"count": None}, "count", int, OP)
    assert _detail(info) == "answer of the wrong shape: count is null, expected int"


def test_a_bool_is_not_a_number() -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        field({"count": True}, "count", int, OP)
    assert _detail(info) == "answer of the wrong shape: count is bool, expected int"


def test_optional_fields_allow_absence_only() -> None:
    assert optional_field({}, "count", int, OP) is None
    assert optional_field({"count": None}, "count", int, OP) is None
    assert optional_field({"count": 4}, "count", int, OP) == 4
    with pytest.raises(UpstreamProtocolError):
        optional_field({"count": [4]}, "count", int, OP)
