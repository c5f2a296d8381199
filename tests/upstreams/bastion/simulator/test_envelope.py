"""The simulator: Bastion's envelopes, success and failure, and the kit's plumbing in them."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.bastion.simulator.support import add_body
from upstreams.bastion.wire import (
    ADD_PATH,
    CONDITIONS_PATH,
    PLANS_PATH,
    REMOVE_PATH,
    UNDO_DELETE_PATH,
    UPDATE_DETAILS_PATH,
    UPDATE_PLAN_PATH,
    VENDOR_CONFIG_PATH,
)

WRITES = (ADD_PATH, REMOVE_PATH, UNDO_DELETE_PATH, UPDATE_PLAN_PATH, UPDATE_DETAILS_PATH)


async def test_a_refused_write_is_status_false_on_http_200(api: httpx.AsyncClient) -> None:
    response = await api.post(ADD_PATH, json=add_body(gender="Other"))
    assert response.status_code == 200
    body = response.json()
    assert body == {"status": False, "message": body["message"]}
    assert "customer.gender" in body["message"]


async def test_a_listing_is_status_message_data(api: httpx.AsyncClient) -> None:
    body = (await api.get(PLANS_PATH)).json()
    assert set(body) == {"status", "message", "data"}
    assert body["status"] is True
    assert body["message"] == "Broker Plans Retrieved Successfully!"


async def test_conditions_answer_status_code_instead_of_status(api: httpx.AsyncClient) -> None:
    body = (await api.get(CONDITIONS_PATH, params={"query": "abdominal"})).json()
    assert set(body) == {"statusCode", "message", "data"}
    assert body["statusCode"] == 200
    assert body["message"] == "Successful!"


async def test_a_write_answers_success_message_and_members_details(
    api: httpx.AsyncClient,
) -> None:
    body = (await api.post(ADD_PATH, json=add_body())).json()
    assert set(body) == {"status", "data"}
    assert body["status"] is True
    assert set(body["data"]) == {"success", "message", "membersDetails"}
    assert body["data"]["success"] == 1


@pytest.mark.parametrize("content", [b"", b"not json", b"{", b"[]", b"null", b"42", b'"x"'])
async def test_unreadable_bodies_answer_400_with_status_false(
    api: httpx.AsyncClient, content: bytes
) -> None:
    for path in WRITES:
        response = await api.post(path, content=content)
        assert response.status_code == 400, path
        body = response.json()
        assert body["status"] is False
        assert isinstance(body["message"], str)
    config = await api.patch(VENDOR_CONFIG_PATH, content=content)
    assert config.status_code == 400


async def test_unknown_routes_and_methods_answer_the_envelope(api: httpx.AsyncClient) -> None:
    missing = await api.get("/api/v2/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"status": False, "message": "Not Found"}
    wrong = await api.get(ADD_PATH)
    assert wrong.status_code == 405
    assert wrong.json() == {"status": False, "message": "Method Not Allowed"}
    # Password change and reset are not simulated (not graph features).
    assert (await api.post("/api/v2/auth/change-password", json={})).status_code == 404
    assert (await api.get("/api/v2/auth/password-reset?email=a@b.c")).status_code == 404


async def test_injected_faults_answer_the_envelope(api: httpx.AsyncClient) -> None:
    set_fault = await api.post("/__faults", json={"path": "/vendors/plans$", "status": 503})
    assert set_fault.status_code == 204
    response = await api.get(PLANS_PATH)
    assert response.status_code == 503
    assert response.json() == {"status": False, "message": "Injected fault"}
    assert (await api.get(f"{PLANS_PATH}/10052")).status_code == 200


async def test_odd_inputs_never_crash(api: httpx.AsyncClient) -> None:
    odd: list[object] = [
        {"memberId": ["x"], "policyId": {}, "customer": "x"},
        {"memberId": "1" * 70, "oldPlanId": 1e30, "newPlanId": "\uff19"},
        {"reference": True, "plan_id": -1, "policyId": "../x", "customer": {"dob": 19900101}},
        add_body(dob="2020-02-30", phone=123, condition=[None], height="tall", state="15"),
        add_body(firstName="\u0000", condition="651", preExistingCondition=True),
        {"memberId": 100004976, "policyId": 2058, "customer": []},
    ]
    for body in odd:
        for path in WRITES:
            assert (await api.post(path, json=body)).status_code < 500
        assert (await api.patch(VENDOR_CONFIG_PATH, json=body)).status_code < 500
    for query in (
        "/api/v2/miscs/providers-list?state_id=%FF",
        "/api/v2/miscs/cities?state_id=99999999999",
        "/api/v2/enrollee-status?memberId=%F0%9F%92%A9",
        "/api/v2/conditions?query=%00",
        f"{PLANS_PATH}/%F0%9F%92%A9",
    ):
        assert (await api.get(query)).status_code < 500
