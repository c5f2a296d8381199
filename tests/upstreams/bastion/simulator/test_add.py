"""The simulator: `endorsement/add`, its required fields, codes and the conditions rule."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.bastion.simulator.support import CUSTOMER, JOHN, SCALE, Json, add_body
from upstreams.bastion.simulator.seed import build_seed
from upstreams.bastion.wire import ADD_PATH, ENROLLEE_STATUS_PATH, REQUIRED_CUSTOMER_FIELDS


async def test_add_answers_every_customer_field_with_string_ids(api: httpx.AsyncClient) -> None:
    response = await api.post(ADD_PATH, json=add_body())
    assert response.status_code == 200
    body = response.json()
    assert body["status"] is True
    assert body["data"]["message"] == "Endorsement created successfully."
    details = body["data"]["membersDetails"]
    ids = {"planId": "85", "memberId": details["memberId"], "policyId": "2058"}
    assert list(details)[:3] == list(ids)
    assert details["memberId"].isdigit()
    # Every customer field as sent, in the document's order (dob as YYYY-MM-DD), `_email`
    # answered as `email`.
    sent = {("email" if k == "_email" else k): v for k, v in CUSTOMER.items()}
    assert details == {**ids, **sent}
    assert list(details)[3:] == list(sent)


def _last_seeded_member_id() -> int:
    return max(int(e.member_id) for e in build_seed(scale=SCALE, seed=5).enrollees)


async def test_new_member_ids_follow_the_seeded_ones(api: httpx.AsyncClient) -> None:
    first = (await api.post(ADD_PATH, json=add_body())).json()["data"]["membersDetails"]
    second = (await api.post(ADD_PATH, json=add_body())).json()["data"]["membersDetails"]
    assert int(first["memberId"]) == _last_seeded_member_id() + 1
    assert int(second["memberId"]) == int(first["memberId"]) + 1
    assert int(first["memberId"]) > int(JOHN)
    status = await api.get(ENROLLEE_STATUS_PATH, params={"memberId": first["memberId"]})
    member = status.json()["data"]["member"]
    assert member["status"] == "Active"
    assert member["firstName"] == "Amaka"


async def test_optional_fields_may_be_left_out(api: httpx.AsyncClient) -> None:
    optional = ("middleName", "maidenName", "_email", "genotype", "bloodGroup", "religion")
    more = ("employeeId", "nationalId", "ninNumber", "height", "weight")
    body = add_body(**dict.fromkeys((*optional, *more), ...))
    body["customer"].pop("preExistingCondition")
    body["customer"].pop("condition")
    response = await api.post(ADD_PATH, json=body)
    assert response.json()["status"] is True, response.text
    details = response.json()["data"]["membersDetails"]
    assert details["middleName"] == details["email"] == details["ninNumber"] == ""
    assert details["genotype"] is details["height"] is details["preExistingCondition"] is None
    assert details["condition"] == []


async def test_ids_may_be_numbers_or_digit_strings(api: httpx.AsyncClient) -> None:
    body = add_body(condition=["651"], relation="Self")
    body.update(plan_id="10052", policyId=3001)
    details = (await api.post(ADD_PATH, json=body)).json()["data"]["membersDetails"]
    assert (details["planId"], details["policyId"], details["condition"]) == (
        "10052",
        "3001",
        [651],
    )


@pytest.mark.parametrize("relation", ["Self", "Grand Father", "Grand Mother", "Friend", "Son"])
async def test_every_documented_relation_and_self_is_accepted(
    api: httpx.AsyncClient, relation: str
) -> None:
    response = await api.post(ADD_PATH, json=add_body(relation=relation))
    assert response.json()["data"]["membersDetails"]["relation"] == relation


async def test_pre_existing_condition_0_may_omit_the_conditions(api: httpx.AsyncClient) -> None:
    omitted: tuple[object, ...] = ([], ...)
    for condition in omitted:
        body = add_body(preExistingCondition=0, condition=condition)
        response = await api.post(ADD_PATH, json=body)
        assert response.json()["status"] is True, response.text
        assert response.json()["data"]["membersDetails"]["condition"] == []


@pytest.mark.parametrize("field", REQUIRED_CUSTOMER_FIELDS)
async def test_each_required_customer_field_is_required(api: httpx.AsyncClient, field: str) -> None:
    for value in (..., None):
        response = await api.post(ADD_PATH, json=add_body(**{field: value}))
        assert response.status_code == 200
        assert response.json() == {"status": False, "message": f"customer.{field} is required"}


@pytest.mark.parametrize("field", ["firstName", "lastName", "address"])
async def test_blank_required_text_is_missing(api: httpx.AsyncClient, field: str) -> None:
    response = await api.post(ADD_PATH, json=add_body(**{field: "  "}))
    assert response.json() == {"status": False, "message": f"customer.{field} is required"}


@pytest.mark.parametrize("field", ["reference", "plan_id", "policyId"])
async def test_each_required_top_level_field_is_required(
    api: httpx.AsyncClient, field: str
) -> None:
    body = add_body()
    del body[field]
    response = await api.post(ADD_PATH, json=body)
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": f"{field} is required"}


async def test_a_missing_customer_is_refused(api: httpx.AsyncClient) -> None:
    body = add_body()
    del body["customer"]
    response = await api.post(ADD_PATH, json=body)
    assert response.json()["status"] is False
    assert "customer is required" in response.json()["message"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"gender": "male"}, "customer.gender"),
        ({"gender": "Other"}, "customer.gender"),
        ({"relation": "Uncle"}, "customer.relation"),
        ({"relation": "self"}, "customer.relation"),
        ({"maritalStatus": 6}, "customer.maritalStatus"),
        ({"maritalStatus": "2"}, "customer.maritalStatus"),
        ({"genotype": 7}, "customer.genotype"),
        ({"bloodGroup": 9}, "customer.bloodGroup"),
        ({"religion": 0}, "customer.religion"),
        ({"phone": "0803 111 2222"}, "customer.phone"),
        ({"phone": "+0123456789"}, "customer.phone"),
        ({"phone": "12345"}, "customer.phone"),
        ({"phone": "+2348031112222x"}, "customer.phone"),
        ({"dob": "14-03-1988"}, "customer.dob"),
        ({"dob": "1988-02-30"}, "customer.dob"),
        ({"dob": "2999-01-01"}, "customer.dob"),
        ({"_email": "not-an-email"}, "customer._email"),
        ({"height": -3}, "customer.height"),
        ({"weight": "heavy"}, "customer.weight"),
        ({"country": 1}, "customer.country"),
        ({"state": 99}, "customer.state"),
        ({"city": 451}, "customer.city"),  # Ikeja is in Lagos, not the FCT
        ({"preExistingCondition": 2}, "customer.preExistingCondition"),
        ({"preExistingCondition": True}, "customer.preExistingCondition"),
        ({"condition": [999999]}, "customer.condition"),
        ({"condition": "651"}, "customer.condition"),
    ],
)
async def test_bad_values_are_refused_naming_the_field(
    api: httpx.AsyncClient, changes: Json, field: str
) -> None:
    response = await api.post(ADD_PATH, json=add_body(**changes))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] is False
    assert body["message"].startswith(field), body["message"]
    assert "data" not in body


async def test_pre_existing_condition_1_needs_known_conditions(api: httpx.AsyncClient) -> None:
    missing: tuple[object, ...] = ([], ..., None)
    for condition in missing:
        response = await api.post(ADD_PATH, json=add_body(condition=condition))
        body = response.json()
        assert body["status"] is False
        assert "customer.condition is required" in body["message"]
        assert "preExistingCondition is 1" in body["message"]
    unknown = await api.post(ADD_PATH, json=add_body(condition=[651, 4242]))
    assert unknown.json() == {
        "status": False,
        "message": "customer.condition: unknown condition id(s) 4242",
    }


async def test_conditions_without_the_flag_are_refused(api: httpx.AsyncClient) -> None:
    response = await api.post(ADD_PATH, json=add_body(preExistingCondition=0))
    assert response.json()["status"] is False
    assert "preExistingCondition is 1" in response.json()["message"]


async def test_an_unknown_plan_is_refused_on_http_200(api: httpx.AsyncClient) -> None:
    body = add_body()
    body["plan_id"] = 12345
    response = await api.post(ADD_PATH, json=body)
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": "plan_id 12345 is not a known plan"}


async def test_every_problem_is_named_in_one_message(api: httpx.AsyncClient) -> None:
    body = add_body(gender="X", phone="nope", firstName=...)
    body["plan_id"] = "abc"
    message = (await api.post(ADD_PATH, json=body)).json()["message"]
    for field in ("plan_id", "customer.firstName", "customer.gender", "customer.phone"):
        assert field in message


async def test_a_refused_add_creates_nobody(api: httpx.AsyncClient) -> None:
    await api.post(ADD_PATH, json=add_body(gender="X"))
    created = (await api.post(ADD_PATH, json=add_body())).json()["data"]["membersDetails"]
    assert int(created["memberId"]) == _last_seeded_member_id() + 1
