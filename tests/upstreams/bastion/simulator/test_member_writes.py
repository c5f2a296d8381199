"""The simulator: remove, undo-delete, update-member-plan and update-enrollee-details."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tests.upstreams.bastion.simulator.support import JOHN, Clock, Json, simulator
from upstreams.bastion.wire import (
    ENROLLEE_PLAN_PATH,
    ENROLLEE_STATUS_PATH,
    ENROLLEE_UTILIZATION_PATH,
    REMOVE_PATH,
    REQUIRED_DETAILS_FIELDS,
    UNDO_DELETE_PATH,
    UPDATE_DETAILS_PATH,
    UPDATE_PLAN_PATH,
)

JONNY: Json = {
    "firstName": "Jonny",
    "middleName": "",
    "lastName": "Doe",
    "maidenName": "",
    "_email": "",
    "dob": "1962-01-10",
    "gender": "Male",
    "phone": "+2348039998888",
    "address": "7 Awolowo Road, Ikeja",
}


async def _status(api: httpx.AsyncClient, member_id: str = JOHN) -> str:
    body = (await api.get(ENROLLEE_STATUS_PATH, params={"memberId": member_id})).json()
    status = body["data"]["member"]["status"]
    assert isinstance(status, str)
    return status


# --- remove and undo-delete ---------------------------------------------------------------


async def test_remove_as_the_document_shows_it(api: httpx.AsyncClient) -> None:
    response = await api.post(REMOVE_PATH, json={"memberId": JOHN, "policyId": "2058"})
    assert response.status_code == 200
    assert response.json() == {
        "status": True,
        "data": {
            "success": 1,
            "message": "Endorsement deleted successfully.",
            "memberId": "100004976",
            "policyId": "2058",
        },
    }
    assert await _status(api) == "Deleted"


async def test_removing_a_removed_member_is_refused(api: httpx.AsyncClient) -> None:
    body = {"memberId": int(JOHN), "policyId": 2058}
    assert (await api.post(REMOVE_PATH, json=body)).json()["status"] is True
    again = await api.post(REMOVE_PATH, json=body)
    assert again.status_code == 200
    assert again.json() == {"status": False, "message": "Member 100004976 is already removed"}


async def test_remove_needs_the_members_own_policy(api: httpx.AsyncClient) -> None:
    response = await api.post(REMOVE_PATH, json={"memberId": JOHN, "policyId": "2001"})
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": "Member 100004976 is not on policy 2001"}
    assert await _status(api) == "Active"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"policyId": "2058"}, "memberId is required"),
        ({"memberId": JOHN}, "policyId is required"),
        ({}, "memberId is required; policyId is required"),
        ({"memberId": "a/b", "policyId": "2058"}, "memberId must be a Bastion member id"),
    ],
)
async def test_remove_needs_both_ids(api: httpx.AsyncClient, body: Json, message: str) -> None:
    response = await api.post(REMOVE_PATH, json=body)
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": message}


async def test_unknown_members_are_404_in_every_write(api: httpx.AsyncClient) -> None:
    unknown = "999999999"
    bodies = {
        REMOVE_PATH: {"memberId": unknown, "policyId": "2058"},
        UNDO_DELETE_PATH: {"memberId": unknown},
        UPDATE_PLAN_PATH: {"memberId": unknown, "oldPlanId": 85, "newPlanId": 10052},
        UPDATE_DETAILS_PATH: {"memberId": unknown, "policyId": "2058", "customer": JONNY},
    }
    for path, body in bodies.items():
        response = await api.post(path, json=body)
        assert response.status_code == 404, path
        assert response.json() == {"status": False, "message": f"Member {unknown} not found"}


async def test_undo_delete_reactivates_a_removed_member(api: httpx.AsyncClient) -> None:
    await api.post(REMOVE_PATH, json={"memberId": JOHN, "policyId": "2058"})
    response = await api.post(UNDO_DELETE_PATH, json={"memberId": JOHN})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] is True
    assert body["data"]["message"] == "Re-endorsed Member Successfully."
    details = body["data"]["membersDetails"]
    assert {k: details[k] for k in ("planId", "memberId", "policyId", "firstName", "lastName")} == {
        "planId": "85",
        "memberId": "100004976",
        "policyId": "2058",
        "firstName": "John",
        "lastName": "Doe",
    }
    assert await _status(api) == "Active"


async def test_undo_delete_of_an_active_member_is_refused(api: httpx.AsyncClient) -> None:
    response = await api.post(UNDO_DELETE_PATH, json={"memberId": JOHN})
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": "Member 100004976 is not removed"}
    missing = await api.post(UNDO_DELETE_PATH, json={})
    assert missing.json() == {"status": False, "message": "memberId is required"}


# --- update-member-plan -------------------------------------------------------------------


async def test_update_member_plan_moves_the_member(api: httpx.AsyncClient) -> None:
    body = {"memberId": JOHN, "oldPlanId": 85, "newPlanId": 10052}
    response = await api.post(UPDATE_PLAN_PATH, json=body)
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] is True
    # The document answers update-member-plan with undo-delete's message.
    assert answer["data"]["message"] == "Re-endorsed Member Successfully."
    assert answer["data"]["membersDetails"]["planId"] == "10052"
    plan = (await api.get(ENROLLEE_PLAN_PATH, params={"memberId": JOHN})).json()
    assert plan["data"]["member"]["planId"] == "10052"
    assert plan["data"]["member"]["planName"] == "Gold Plan"
    usage = (await api.get(ENROLLEE_UTILIZATION_PATH, params={"memberId": JOHN})).json()
    # Gold Plan's annual limit (3,000,000) less what John has spent (999).
    assert usage["data"]["membersDetails"]["balance"] == 2_999_001
    back = {"memberId": JOHN, "oldPlanId": "10052", "newPlanId": "85"}
    assert (await api.post(UPDATE_PLAN_PATH, json=back)).json()["status"] is True


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"memberId": JOHN, "oldPlanId": 10052, "newPlanId": 85},
            "oldPlanId 10052 is not the current plan of member 100004976",
        ),
        (
            {"memberId": JOHN, "oldPlanId": 85, "newPlanId": 4242},
            "newPlanId 4242 is not a known plan",
        ),
        ({"memberId": JOHN, "newPlanId": 10052}, "oldPlanId is required"),
        ({"memberId": JOHN, "oldPlanId": 85}, "newPlanId is required"),
        ({"memberId": JOHN, "oldPlanId": 85, "newPlanId": "gold"}, "newPlanId must be a"),
    ],
)
async def test_update_member_plan_refusals(
    api: httpx.AsyncClient, body: Json, message: str
) -> None:
    response = await api.post(UPDATE_PLAN_PATH, json=body)
    assert response.status_code == 200
    assert response.json()["status"] is False
    assert response.json()["message"].startswith(message)
    plan = (await api.get(ENROLLEE_PLAN_PATH, params={"memberId": JOHN})).json()
    assert plan["data"]["member"]["planId"] == "85"


async def test_a_removed_member_cannot_change_plan_or_details(api: httpx.AsyncClient) -> None:
    await api.post(REMOVE_PATH, json={"memberId": JOHN, "policyId": "2058"})
    plan = {"memberId": JOHN, "oldPlanId": 85, "newPlanId": 10052}
    details = {"memberId": JOHN, "policyId": "2058", "customer": JONNY}
    for path, body in ((UPDATE_PLAN_PATH, plan), (UPDATE_DETAILS_PATH, details)):
        response = await api.post(path, json=body)
        assert response.json() == {"status": False, "message": "Member 100004976 has been removed"}


# --- update-enrollee-details --------------------------------------------------------------


async def test_update_enrollee_details_as_the_document_shows_it() -> None:
    # 2024-06-01: John (born 1962-01-10) is 62.
    clock = Clock(datetime(2024, 6, 1, tzinfo=UTC).timestamp())
    async with simulator(now=clock) as api:
        body = {"memberId": JOHN, "policyId": "2058", "customer": JONNY}
        response = await api.post(UPDATE_DETAILS_PATH, json=body)
        assert response.status_code == 200
        assert response.json() == {
            "status": True,
            "data": {
                "success": 1,
                "message": "Member Information Updated Successfully.",
                "membersDetails": {
                    "memberId": "100004976",
                    "policyId": "2058",
                    "firstName": "Jonny",
                    "middleName": "",
                    "maidenName": "",
                    "lastName": "Doe",
                    "email": "",
                    "age": "62",
                    "dob": "10-01-1962",
                    "relation": "Self",
                    "gender": "Male",
                    "phone": "+2348039998888",
                    "address": "7 Awolowo Road, Ikeja",
                },
            },
        }
        # Elsewhere the date of birth stays YYYY-MM-DD.
        status = (await api.get(ENROLLEE_STATUS_PATH, params={"memberId": JOHN})).json()
        member = status["data"]["member"]
        assert (member["firstName"], member["dob"], member["email"]) == ("Jonny", "1962-01-10", "")
        assert member["phone"] == "+2348039998888"


async def test_update_enrollee_details_keeps_optional_fields_left_out(
    api: httpx.AsyncClient,
) -> None:
    customer = {k: JONNY[k] for k in REQUIRED_DETAILS_FIELDS}
    body = {"memberId": JOHN, "policyId": "2058", "customer": customer}
    details = (await api.post(UPDATE_DETAILS_PATH, json=body)).json()["data"]["membersDetails"]
    assert details["email"] == "john.doe@example.com"


@pytest.mark.parametrize("field", REQUIRED_DETAILS_FIELDS)
async def test_update_enrollee_details_required_fields(api: httpx.AsyncClient, field: str) -> None:
    customer = {k: v for k, v in JONNY.items() if k != field}
    body = {"memberId": JOHN, "policyId": "2058", "customer": customer}
    response = await api.post(UPDATE_DETAILS_PATH, json=body)
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": f"customer.{field} is required"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"memberId": JOHN, "policyId": "2001", "customer": JONNY}, "is not on policy 2001"),
        ({"memberId": JOHN, "customer": JONNY}, "policyId is required"),
        ({"memberId": JOHN, "policyId": "2058"}, "customer is required"),
        (
            {"memberId": JOHN, "policyId": "2058", "customer": {**JONNY, "gender": "M"}},
            "customer.gender must be one of",
        ),
        (
            {"memberId": JOHN, "policyId": "2058", "customer": {**JONNY, "phone": "x"}},
            "customer.phone must be a valid phone number",
        ),
        (
            {"memberId": JOHN, "policyId": "2058", "customer": {**JONNY, "dob": "10-01-1962"}},
            "customer.dob must be a date",
        ),
    ],
)
async def test_update_enrollee_details_refusals(
    api: httpx.AsyncClient, body: Json, message: str
) -> None:
    response = await api.post(UPDATE_DETAILS_PATH, json=body)
    assert response.status_code == 200
    assert response.json()["status"] is False
    assert message in response.json()["message"]
    status = (await api.get(ENROLLEE_STATUS_PATH, params={"memberId": JOHN})).json()
    assert status["data"]["member"]["firstName"] == "John"
