"""The simulator: enrollee reads by `memberId` (status, plan, utilization)."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.bastion.simulator.support import JOHN
from upstreams.bastion.simulator.seed import build_seed
from upstreams.bastion.wire import (
    ENROLLEE_PLAN_PATH,
    ENROLLEE_STATUS_PATH,
    ENROLLEE_STATUSES,
    ENROLLEE_UTILIZATION_PATH,
    REMOVE_PATH,
)

READS = (ENROLLEE_STATUS_PATH, ENROLLEE_PLAN_PATH, ENROLLEE_UTILIZATION_PATH)
JOHN_DETAILS = {
    "planId": "85",
    "memberId": "100004976",
    "policyId": "2058",
    "firstName": "John",
    "middleName": "",
    "lastName": "Doe",
    "maidenName": "",
    "email": "john.doe@example.com",
    "dob": "1962-01-10",
    "gender": "Male",
    "phone": "+2348031234567",
    "relation": "Self",
    "maritalStatus": 2,
    "country": 162,
    "state": 25,
    "city": 451,
    "address": "12 Allen Avenue, Ikeja",
    "genotype": 1,
    "bloodGroup": 2,
    "religion": 2,
    "employeeId": "EMP-0042",
    "nationalId": "",
    "ninNumber": "12345678901",
    "height": 178,
    "weight": 82,
    "preExistingCondition": 0,
    "condition": [],
}


async def test_enrollee_status_as_the_document_shows_it(api: httpx.AsyncClient) -> None:
    response = await api.get(ENROLLEE_STATUS_PATH, params={"memberId": JOHN})
    assert response.status_code == 200
    assert response.json() == {
        "status": True,
        "data": {
            "success": 1,
            "message": "Member Status Details",
            "member": {**JOHN_DETAILS, "status": "Active"},
        },
    }


async def test_enrollee_plan_as_the_document_shows_it(api: httpx.AsyncClient) -> None:
    response = await api.get(ENROLLEE_PLAN_PATH, params={"memberId": JOHN})
    assert response.json() == {
        "status": True,
        "data": {
            "success": 1,
            "message": "Member Plan Details",
            "member": {**JOHN_DETAILS, "planName": "Bronze Plan"},
        },
    }


async def test_enrollee_utilization_as_the_document_shows_it(api: httpx.AsyncClient) -> None:
    response = await api.get(ENROLLEE_UTILIZATION_PATH, params={"memberId": JOHN})
    assert response.json() == {
        "status": True,
        "data": {
            "success": 1,
            "message": "Fetched Member Utilization Successfully.",
            "membersDetails": {
                **JOHN_DETAILS,
                "planName": "Bronze Plan",
                "provider": "ABC Health",
                "totalSpent": 999,
                "balance": 9999999,
            },
        },
    }


async def test_a_removed_member_reads_as_deleted(api: httpx.AsyncClient) -> None:
    await api.post(REMOVE_PATH, json={"memberId": JOHN, "policyId": "2058"})
    body = (await api.get(ENROLLEE_STATUS_PATH, params={"memberId": JOHN})).json()
    assert body["data"]["member"]["status"] == "Deleted"
    # Still readable in the other two parts.
    for path in (ENROLLEE_PLAN_PATH, ENROLLEE_UTILIZATION_PATH):
        assert (await api.get(path, params={"memberId": JOHN})).status_code == 200


async def test_generated_members_read_in_every_part(api: httpx.AsyncClient) -> None:
    seeded = build_seed(scale=60, seed=5).enrollees
    statuses: set[str] = set()
    for enrollee in seeded[1:12]:
        params = {"memberId": enrollee.member_id}
        status = (await api.get(ENROLLEE_STATUS_PATH, params=params)).json()["data"]["member"]
        assert status["memberId"] == enrollee.member_id
        assert status["status"] in ENROLLEE_STATUSES
        statuses.add(status["status"])
        usage = (await api.get(ENROLLEE_UTILIZATION_PATH, params=params)).json()["data"]
        details = usage["membersDetails"]
        assert isinstance(details["totalSpent"], int | float)
        assert isinstance(details["balance"], int | float)
        assert details["provider"] is None or isinstance(details["provider"], str)
        assert details["planName"]
    assert "Active" in statuses


@pytest.mark.parametrize("path", READS)
async def test_a_missing_member_id_is_400(api: httpx.AsyncClient, path: str) -> None:
    for params in ({}, {"memberId": ""}, {"memberId": "  "}):
        response = await api.get(path, params=params)
        assert response.status_code == 400
        assert response.json() == {"status": False, "message": "memberId is required"}


@pytest.mark.parametrize("path", READS)
async def test_an_unknown_member_is_404(api: httpx.AsyncClient, path: str) -> None:
    response = await api.get(path, params={"memberId": "123"})
    assert response.status_code == 404
    assert response.json() == {"status": False, "message": "Member 123 not found"}
