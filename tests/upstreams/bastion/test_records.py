from __future__ import annotations

from typing import Any

import pytest

from upstreams import UpstreamProtocolError
from upstreams._shape import Op
from upstreams.bastion import wire
from upstreams.bastion.records import (
    UnknownEvent,
    read_city,
    read_condition,
    read_endorsement,
    read_enrollee,
    read_enrollee_plan,
    read_event,
    read_plan,
    read_provider,
    read_region,
    read_removal,
    read_status,
    read_utilization,
)

OP = Op("bastion", "enrolleeStatus")


def details(**extra: Any) -> dict[str, Any]:
    return {"memberId": "100004976", "policyId": "2058", "firstName": "John", **extra}


def test_the_update_details_example_reads_as_documented() -> None:
    raw = {
        "memberId": "100004976",
        "policyId": "2058",
        "firstName": "Jonny",
        "middleName": "",
        "maidenName": "",
        "lastName": "Doe",
        "email": "",
        "age": "22",
        "dob": "10-01-1962",
        "relation": "Self",
    }
    record = read_enrollee(raw, OP)
    assert record == {
        "member_id": "100004976",
        "policy_id": "2058",
        "plan_id": None,
        "first_name": "Jonny",
        "middle_name": None,
        "last_name": "Doe",
        "maiden_name": None,
        "email": None,
        "dob": "1962-01-10",  # day-month-year
        "age": 22,
        "gender": None,
        "phone": None,
        "relation": "SELF",
        "marital_status": None,
        "country": None,
        "state": None,
        "city": None,
        "address": None,
        "genotype": None,
        "blood_group": None,
        "religion": None,
        "employee_id": None,
        "national_id": None,
        "nin_number": None,
        "height": None,
        "weight": None,
        "pre_existing_condition": None,
        "conditions": [],
    }


def test_a_whole_customer_with_codes_as_numbers_or_strings() -> None:
    raw = details(
        planId="85",
        _email="john@example.com",
        dob="1990-05-17",
        age=34,
        gender="Male",
        phone="+2348012345678",
        relation="Grand Mother",
        maritalStatus=2,
        country="162",
        state=15,
        city="271",
        address="1 Main St",
        genotype="6",
        bloodGroup=1,
        religion="2",
        employeeId=42,
        nationalId="N1",
        ninNumber="123",
        height="1.8",
        weight=80,
        preExistingCondition=1,
        condition=["651", 14],
    )
    record = read_enrollee(raw, OP)
    assert record["plan_id"] == 85
    assert record["email"] == "john@example.com"
    assert record["dob"] == "1990-05-17"
    assert record["gender"] == "MALE"
    assert record["relation"] == "GRANDMOTHER"
    assert record["marital_status"] == "MARRIED"
    assert (record["country"], record["state"], record["city"]) == (162, 15, 271)
    assert record["genotype"] == "AS"
    assert record["blood_group"] == "A_POSITIVE"
    assert record["religion"] == "CHRISTIANITY"
    assert record["employee_id"] == "42"
    assert record["height"] == 1.8
    assert record["weight"] == 80.0
    assert record["pre_existing_condition"] is True
    assert record["conditions"] == [651, 14]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"email": "a@b.c"}, "a@b.c"),
        ({"_email": "a@b.c"}, "a@b.c"),
        ({"email": "", "_email": "a@b.c"}, "a@b.c"),
        ({"email": "a@b.c", "_email": "x@y.z"}, "a@b.c"),
    ],
)
def test_email_under_either_key(raw: dict[str, Any], expected: str) -> None:
    assert read_enrollee(details(**raw), OP)["email"] == expected


@pytest.mark.parametrize(
    ("dob", "iso"),
    [
        ("1962-01-10", "1962-01-10"),
        ("10-01-1962", "1962-01-10"),
        ("31-12-1999", "1999-12-31"),
        ("1962-01-10T00:00:00.000Z", "1962-01-10"),
    ],
)
def test_dates_of_birth_in_either_order(dob: str, iso: str) -> None:
    assert read_enrollee(details(dob=dob), OP)["dob"] == iso


@pytest.mark.parametrize("member_id", [100004976, "100004976"])
def test_ids_as_numbers_or_strings(member_id: object) -> None:
    record = read_enrollee({"memberId": member_id, "policyId": 2058, "planId": 85}, OP)
    assert (record["member_id"], record["policy_id"], record["plan_id"]) == (
        "100004976",
        "2058",
        85,
    )


ENROLLEE_WRONG_SHAPES: list[Any] = [
    "x",
    [],
    {"firstName": "John"},  # no memberId
    details(memberId={"id": 1}),
    details(dob="1962/13/45"),
    details(dob="31-02-1999"),
    details(dob=19620110),
    details(age="twenty"),
    details(maritalStatus=9),  # not a code
    details(maritalStatus="Married"),  # the name, not the code
    details(bloodGroup="A+"),
    details(gender="Other"),
    details(relation="Neighbour"),
    details(preExistingCondition=2),
    details(condition="651"),
    details(condition=["x"]),
    details(height=[1]),
    details(firstName={"a": 1}),
    details(planId=True),
]


@pytest.mark.parametrize("raw", ENROLLEE_WRONG_SHAPES)
def test_enrollees_of_the_wrong_shape_are_upstream_errors(raw: Any) -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        read_enrollee(raw, OP)
    assert info.value.extensions["code"] == "UPSTREAM_ERROR"
    assert "enrolleeStatus" in str(info.value)


def test_wrong_shape_messages_name_the_field_not_the_value() -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        read_enrollee(details(dob="1962/13/45"), OP)
    assert "dob" in str(info.value)
    assert "1962" not in str(info.value)


def test_status_words_become_the_graphs_names() -> None:
    data = {"success": 1, "message": "Member Status Details", "member": details(status="Active")}
    record = read_status(data, OP)
    assert record["status"] == "ACTIVE"
    assert record["enrollee"]["first_name"] == "John"
    assert read_status({"member": details(status="Deleted")}, OP)["status"] == "REMOVED"


@pytest.mark.parametrize(
    "data",
    [
        {"member": details(status="Suspended")},
        {"member": details()},
        {"member": "x"},
        {"success": 1},
        [],
    ],
)
def test_a_status_of_the_wrong_shape(data: Any) -> None:
    with pytest.raises(UpstreamProtocolError):
        read_status(data, OP)


def test_enrollee_plan_and_utilization() -> None:
    plan = read_enrollee_plan({"member": details(planId="85", planName="Plan")}, OP)
    assert (plan["plan_id"], plan["plan_name"]) == (85, "Plan")
    assert plan["enrollee"]["plan_id"] == 85
    usage = read_utilization(
        {
            "membersDetails": details(
                planName="Plan", provider="HOSPITAL", totalSpent=999, balance="9999999"
            )
        },
        OP,
    )
    assert usage["plan_name"] == "Plan"
    assert usage["provider"] == "HOSPITAL"
    assert usage["total_spent"] == 999.0
    assert usage["balance"] == 9999999.0
    with pytest.raises(UpstreamProtocolError):
        read_utilization({"membersDetails": details(totalSpent="lots")}, OP)
    with pytest.raises(UpstreamProtocolError):
        read_enrollee_plan({"membersDetails": details()}, OP)


def test_endorsement_results_and_removals() -> None:
    data = {"success": 1, "message": "ok", "membersDetails": details(planId="85")}
    assert read_endorsement(data, OP)["plan_id"] == 85
    with pytest.raises(UpstreamProtocolError):
        read_endorsement({"success": 1, "message": "ok"}, OP)
    removal = read_removal(
        {
            "success": 1,
            "message": "Endorsement deleted successfully.",
            "memberId": "100004976",
            "policyId": "2058",
        },
        OP,
    )
    assert removal == {
        "member_id": "100004976",
        "policy_id": "2058",
        "message": "Endorsement deleted successfully.",
    }
    with pytest.raises(UpstreamProtocolError):
        read_removal({"success": 1, "policyId": "2058"}, OP)


def test_plan() -> None:
    raw = {
        "id": 10052,
        "name": "Gold Plan",
        "description": "Lorem",
        "category": "string",
        "state": "Published",
        "premium": 64500.00,
    }
    assert read_plan(raw, OP) == {
        "id": 10052,
        "name": "Gold Plan",
        "description": "Lorem",
        "category": "string",
        "state": "Published",
        "premium": 64500.0,
    }
    assert read_plan({"id": "7", "name": "P", "premium": "10.5"}, OP)["premium"] == 10.5
    for wrong in ({"name": "P"}, {"id": 1}, {"id": "x", "name": "P"}, {"id": 1, "name": 2.5}):
        with pytest.raises(UpstreamProtocolError):
            read_plan(wrong, OP)


def test_condition() -> None:
    raw = {
        "id": "651",
        "pec_name": "Abdominal pregnancy",
        "pec_chapter_id": "14",
        "pec_status": "1",
    }
    assert read_condition(raw, OP) == {
        "id": 651,
        "name": "Abdominal pregnancy",
        "chapter_id": 14,
        "active": True,
    }
    assert read_condition({"id": 1, "pec_name": "X", "pec_status": 0}, OP)["active"] is False
    for wrong in ({"id": "651"}, {"pec_name": "X"}, {"id": 1, "pec_name": "X", "pec_status": "y"}):
        with pytest.raises(UpstreamProtocolError):
            read_condition(wrong, OP)


def test_region_and_city() -> None:
    assert read_region({"id": 15, "name": "Abuja (FCT)", "country_id": 162}, OP) == {
        "id": 15,
        "name": "Abuja (FCT)",
        "country_id": 162,
    }
    assert read_city({"id": 271, "name": "Gwagwalada", "state_id": 15}, OP)["region_id"] == 15
    # The state asked for stands in when the answer leaves it out.
    assert read_city({"id": 271, "name": "Gwagwalada"}, OP, region_id=15)["region_id"] == 15
    with pytest.raises(UpstreamProtocolError):
        read_city({"id": 271, "name": "Gwagwalada"}, OP)
    with pytest.raises(UpstreamProtocolError):
        read_region({"id": 15}, OP)


def test_provider_numbers_sent_as_strings() -> None:
    raw = {
        "name": "ABC Health",
        "category": "category",
        "email": "abc@health.com",
        "phone": "+234909291111111",
        "code": "ABC-HEALTH",
        "addressLine1": "Address line 1",
        "addressLine2": "Address line 2",
        "state": "Lagos",
        "city": "Ikeja",
        "longitude": "0.000000024",
        "latitude": "0.000232108",
        "rating": "5",
    }
    record = read_provider(raw, OP)
    assert record == {
        "code": "ABC-HEALTH",
        "name": "ABC Health",
        "category": "category",
        "type": None,  # a category that names no provider type
        "email": "abc@health.com",
        "phone": "+234909291111111",
        "address_line1": "Address line 1",
        "address_line2": "Address line 2",
        "state": "Lagos",
        "city": "Ikeja",
        "longitude": 0.000000024,
        "latitude": 0.000232108,
        "rating": 5.0,
    }


@pytest.mark.parametrize(("code", "name"), sorted(wire.PROVIDER_TYPE_NAMES.items(), key=str))
def test_a_category_naming_a_provider_type_gives_its_type(code: int, name: str) -> None:
    assert read_provider({"name": "P", "category": name}, OP)["type"] == wire.PROVIDER_TYPES[code]


@pytest.mark.parametrize(
    "raw",
    [
        {"category": "Hospital"},
        {"name": "P", "rating": "five"},
        {"name": "P", "longitude": "nan"},
        {"name": "P", "latitude": {"v": 1}},
        {"name": "P", "state": ["Lagos"]},
    ],
)
def test_providers_of_the_wrong_shape(raw: dict[str, Any]) -> None:
    with pytest.raises(UpstreamProtocolError):
        read_provider(raw, OP)


def test_events() -> None:
    body = {
        "event": "added-policy-member",
        "accessKey": "k",
        "data": details(planId="85"),
    }
    event = read_event(body)
    assert event["kind"] == "MEMBER_ADDED"
    assert event["access_key"] == "k"
    assert event["enrollee"]["member_id"] == "100004976"
    assert read_event({**body, "event": "re-endorsed-member"})["kind"] == "MEMBER_REENDORSED"


def test_an_unknown_event_is_told_apart_from_a_wrong_shape() -> None:
    with pytest.raises(UnknownEvent) as info:
        read_event({"event": "member-exploded", "accessKey": "k", "data": {}})
    assert info.value.event == "member-exploded"
    assert not isinstance(info.value, UpstreamProtocolError)


@pytest.mark.parametrize(
    "body",
    [
        "x",
        {"accessKey": "k", "data": details()},
        {"event": 3, "data": details()},
        {"event": "added-policy-member", "accessKey": "k"},
        {"event": "added-policy-member", "accessKey": 5, "data": details()},
        {"event": "added-policy-member", "data": {"firstName": "John"}},
    ],
)
def test_event_bodies_of_the_wrong_shape(body: Any) -> None:
    with pytest.raises(UpstreamProtocolError):
        read_event(body)
