from typing import Any

import pytest

from upstreams import UpstreamProtocolError
from upstreams._shape import Op
from upstreams.datanexus.records import normalize_consent, normalize_member

OP = Op("datanexus", "getMember")


def whole(**extra: Any) -> dict[str, Any]:
    return {"id": "A5c7X", "consents": [], "enrollments": [], **extra}


def test_consent_details_as_an_object_become_name_values() -> None:
    consent = normalize_consent(
        {"id": 7, "member_id": 3, "consent_details": {"sms_phone_number": 5551234}}, OP
    )
    assert consent["id"] == "7"
    assert consent["member_id"] == "3"
    assert consent["details"] == [{"name": "sms_phone_number", "value": "5551234"}]


def test_string_member_response_is_read_as_a_boolean() -> None:
    assert normalize_consent({"id": 1, "member_response": "true"}, OP)["member_response"] is True
    assert normalize_consent({"id": 1, "member_response": "false"}, OP)["member_response"] is False


def test_household_members_exclude_the_member_and_are_partial() -> None:
    record = normalize_member(
        whole(id="A", household_members=[{"id": "A"}, {"id": "B", "first_name": "Bo"}]), OP
    )
    household = record["household"]
    assert household is not None
    assert [m["id"] for m in household] == ["B"]
    assert household[0]["complete"] is False
    assert household[0]["first_name"] == "Bo"
    assert "city" not in household[0]


def test_no_household_key_means_unknown() -> None:
    assert normalize_member(whole(), OP)["household"] is None


# Probe rows A17 and D6: each once crashed ("Unexpected error.") or read as an empty list.
WRONG_SHAPES: list[Any] = [
    "x",
    [whole()],
    {"id": 5, "consents": [], "enrollments": []},
    {"id": None, "consents": [], "enrollments": []},
    {"id": 5},
    {"id": "A5c7X"},
    whole(consents="x"),
    whole(consents=None),
    whole(consents=["x"]),
    whole(consents=[{"member_id": "A5c7X"}]),
    whole(consents=[{"id": True}]),
    whole(consents=[{"id": 1, "consent_details": "x"}]),
    whole(consents=[{"id": 1, "consent_details": [1]}]),
    whole(enrollments=None),
    whole(enrollments={"id": 1}),
    whole(enrollments=[{"id": 1, "enrollment_events": "x"}]),
    whole(enrollments=[{"id": 1, "program_id": [8355]}]),
    whole(first_name={"a": 1}),
    whole(household="x"),
    whole(household=[{"id": 7}]),
    whole(household=[{"id": "B", "enrollments": "x"}]),
]


@pytest.mark.parametrize("raw", WRONG_SHAPES)
def test_answers_of_the_wrong_shape_are_upstream_errors(raw: Any) -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        normalize_member(raw, OP)
    assert info.value.extensions["code"] == "UPSTREAM_ERROR"
    assert info.value.extensions["upstream"] == "datanexus"
    assert "getMember" in str(info.value)
