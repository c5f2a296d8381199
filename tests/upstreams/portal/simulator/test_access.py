"""The simulator: access requests from request to decision to client, and the emails."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.upstreams.portal.simulator.support import EXAMPLE_API_ID, Bed, publish

REQUEST_KEYS = {
    "id",
    "apiId",
    "apiName",
    "environment",
    "url",
    "serverId",
    "status",
    "reason",
    "projectId",
    "requestedDate",
    "updatedDate",
}


async def _fresh_api(bed: Bed) -> tuple[str, dict[str, Any]]:
    """A newly published API (no requests yet) and its Sandbox server."""
    api_id = (await publish(bed.producer)).json()["id"]
    api = (await bed.consumer.get(f"/apis/{api_id}")).json()
    sandbox = next(s for s in api["hostServers"] if s["serverName"] == "Sandbox")
    return api_id, sandbox


async def _request(client: httpx.AsyncClient, api_id: str, server: dict[str, Any]) -> str:
    body = {
        "apiId": api_id,
        "environment": server["serverName"],
        "url": server["hostName"],
        "serverId": server["id"],
    }
    response = await client.post("/subscriptions", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Insert Successful"
    return str(response.json()["id"])


async def test_from_request_to_approval_to_client(bed: Bed) -> None:
    api_id, server = await _fresh_api(bed)
    request_id = await _request(bed.consumer, api_id, server)
    (mine,) = (await bed.consumer.get(f"/subscriptions/{api_id}")).json()
    assert set(mine) == REQUEST_KEYS
    assert (mine["id"], mine["status"], mine["projectId"]) == (request_id, "Pending", None)

    # A client needs an approved request.
    client_body = {
        "apiId": api_id,
        "serverId": server["id"],
        "url": server["hostName"],
        "environment": "Sandbox",
        "requestId": request_id,
        "projectId": "prj-guess",
        "redirectURI": ["https://app.example/callback"],
        "grantType": "authorization_code",
    }
    early = await bed.consumer.post("/clients", json=client_body)
    assert (early.status_code, early.json()["code"]) == (409, "REQUEST_NOT_APPROVED")

    decided = await bed.producer.put(
        "/subscriptions", json={"id": request_id, "status": "Approved", "reason": ""}
    )
    assert decided.status_code == 200
    decision = decided.json()
    assert decision["message"] == "Update Successful"
    assert decision["status"] == "Approved"
    project_id = decision["projectId"]
    assert project_id

    (mine,) = (await bed.consumer.get(f"/subscriptions/{api_id}")).json()
    assert (mine["status"], mine["projectId"]) == ("Approved", project_id)

    wrong = await bed.consumer.post("/clients", json=client_body)  # the guessed project id
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == [
        {"field": "projectId", "message": "does not match the approved request"}
    ]
    created = await bed.consumer.post("/clients", json={**client_body, "projectId": project_id})
    assert created.status_code == 200
    client = created.json()
    secret = client["clientSecret"]
    assert len(secret) >= 32
    assert client["clientId"].startswith("cl-")
    assert client["redirectURI"] == ["https://app.example/callback"]
    assert client["grantType"] == "authorization_code"

    listed = await bed.consumer.get("/clients", params={"serverId": server["id"]})
    assert listed.status_code == 200
    (seen,) = listed.json()
    assert seen["clientId"] == client["clientId"]
    assert "clientSecret" not in seen
    assert secret not in listed.text  # the secret is in the create answer only
    # Another consumer sees none of them, and cannot use the request.
    assert (await bed.consumer2.get("/clients", params={"serverId": server["id"]})).json() == []
    stolen = await bed.consumer2.post("/clients", json={**client_body, "projectId": project_id})
    assert stolen.status_code == 404


async def test_the_producer_view_holds_history_and_requester(bed: Bed) -> None:
    api_id, server = await _fresh_api(bed)
    request_id = await _request(bed.consumer, api_id, server)
    await bed.producer.put("/subscriptions", json={"id": request_id, "status": "Approved"})
    await bed.producer.put(
        "/subscriptions", json={"id": request_id, "status": "Denied", "reason": "Contract ended"}
    )
    (entry,) = (await bed.producer.get(f"/subscriptions/requests/{api_id}")).json()
    assert set(entry) == REQUEST_KEYS | {"requesterProfile", "approvalHistory"}
    assert entry["requesterProfile"] == {
        "id": "u-dana-whitfield",
        "name": "Dana Whitfield",
        "email": "dana.whitfield@brightpath.example",
        "organization": "BrightPath Health Apps",
    }
    history = [(h["status"], h["reason"], h["changedBy"]["id"]) for h in entry["approvalHistory"]]
    assert history == [
        ("Pending", None, "u-dana-whitfield"),
        ("Approved", None, "u-jordan-ellis"),
        ("Denied", "Contract ended", "u-jordan-ellis"),
    ]
    assert (entry["status"], entry["reason"]) == ("Denied", "Contract ended")


@pytest.mark.parametrize("reason", [None, "", "   "])
async def test_a_denial_without_a_reason_is_refused(bed: Bed, reason: str | None) -> None:
    api_id, server = await _fresh_api(bed)
    request_id = await _request(bed.consumer, api_id, server)
    body: dict[str, Any] = {"id": request_id, "status": "Denied"}
    if reason is not None:
        body["reason"] = reason
    response = await bed.producer.put("/subscriptions", json=body)
    assert response.status_code == 400
    assert response.json() == {
        "message": "A denial needs a reason for the consumer",
        "code": "REASON_REQUIRED",
        "errors": [{"field": "reason", "message": "A denial needs a reason for the consumer"}],
    }
    (mine,) = (await bed.consumer.get(f"/subscriptions/{api_id}")).json()
    assert mine["status"] == "Pending"


async def test_decisions_refuse_other_statuses_and_repeats(bed: Bed) -> None:
    api_id, server = await _fresh_api(bed)
    request_id = await _request(bed.consumer, api_id, server)
    bad = await bed.producer.put("/subscriptions", json={"id": request_id, "status": "Pending"})
    assert bad.status_code == 400
    ok = await bed.producer.put("/subscriptions", json={"id": request_id, "status": "Approved"})
    assert ok.status_code == 200
    again = await bed.producer.put("/subscriptions", json={"id": request_id, "status": "Approved"})
    assert (again.status_code, again.json()["code"]) == (409, "ALREADY_DECIDED")
    missing = await bed.producer.put("/subscriptions", json={"id": "nope", "status": "Approved"})
    assert missing.status_code == 404


async def test_one_open_request_per_server_and_a_new_one_after_a_denial(bed: Bed) -> None:
    api_id, server = await _fresh_api(bed)
    first = await _request(bed.consumer, api_id, server)
    body = {
        "apiId": api_id,
        "environment": "Sandbox",
        "url": server["hostName"],
        "serverId": server["id"],
    }
    again = await bed.consumer.post("/subscriptions", json=body)
    assert (again.status_code, again.json()["code"]) == (409, "DUPLICATE_REQUEST")
    await bed.producer.put("/subscriptions", json={"id": first, "status": "Denied", "reason": "No"})
    second = await _request(bed.consumer, api_id, server)
    assert second != first
    # Each consumer sees only their own.
    await _request(bed.consumer2, api_id, server)
    assert {r["id"] for r in (await bed.consumer.get(f"/subscriptions/{api_id}")).json()} == {
        first,
        second,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"environment": "Staging"}, "environment"),
        ({"environment": "Production"}, "environment"),  # not the type of that server
        ({"url": "https://elsewhere.example"}, "url"),
        ({"serverId": "not-a-server"}, "serverId"),
        ({"apiId": ""}, "apiId"),
    ],
)
async def test_a_request_must_name_one_of_the_apis_servers(
    bed: Bed, changes: dict[str, str], field: str
) -> None:
    api_id, server = await _fresh_api(bed)
    body = {
        "apiId": api_id,
        "environment": "Sandbox",
        "url": server["hostName"],
        "serverId": server["id"],
        **changes,
    }
    response = await bed.consumer.post("/subscriptions", json=body)
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}


async def test_a_request_emails_the_consumer_and_the_producer(bed: Bed) -> None:
    await bed.anonymous.delete("/__emails")
    api_id, server = await _fresh_api(bed)
    await _request(bed.consumer, api_id, server)
    emails = (await bed.emails())["emails"]
    assert [(e["source"], e["templateId"], e["email"]) for e in emails] == [
        ("subscription", "partner-portal-access-requested", "dana.whitfield@brightpath.example"),
        ("subscription", "partner-portal-access-received", "jordan.ellis@centene.example"),
    ]
    assert emails[0]["substitutionData"] == {
        "producerName": "Jordan Ellis",
        "consumerName": "Dana Whitfield",
        "serverName": "Sandbox",
        "apiName": "Test Claims API",
        "reasonForDenial": "",
        "contactUs": "partnerportal@centene.com",
    }


def _decision_email(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "templateId": "partner-portal-access-denied",
        "templateName": "Access Request Denied",
        "email": "dana.whitfield@brightpath.example",
        "substitutionData": {
            "producerName": "Jordan Ellis",
            "consumerName": "Dana Whitfield",
            "serverName": "Sandbox",
            "apiName": "Member Eligibility API",
            "reasonForDenial": "Production access needs a signed agreement.",
            "contactUs": "partnerportal@centene.com",
        },
    }
    body.update(changes)
    return body


async def test_a_decision_does_not_email_and_spark_post_email_does(bed: Bed) -> None:
    api_id, server = await _fresh_api(bed)
    request_id = await _request(bed.consumer, api_id, server)
    await bed.anonymous.delete("/__emails")
    await bed.producer.put(
        "/subscriptions", json={"id": request_id, "status": "Denied", "reason": "No"}
    )
    assert (await bed.emails())["emails"] == []  # the caller sends the decision email
    response = await bed.producer.post("/sparkPostEmail", json=_decision_email())
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Email Sent"
    (email,) = (await bed.emails())["emails"]
    assert email["id"] == body["results"]["id"]
    assert email["source"] == "sparkPostEmail"
    assert email["substitutionData"] == _decision_email()["substitutionData"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (_decision_email(templateId="welcome"), "UNKNOWN_TEMPLATE"),
        (_decision_email(email="not-an-address"), "VALIDATION_ERROR"),
        (
            _decision_email(substitutionData={"consumerName": "Dana", "apiName": "X"}),
            "VALIDATION_ERROR",
        ),
        (_decision_email(substitutionData=[1]), "VALIDATION_ERROR"),
    ],
)
async def test_an_email_body_outside_the_template_is_refused(
    bed: Bed, body: dict[str, Any], code: str
) -> None:
    response = await bed.producer.post("/sparkPostEmail", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == code


async def test_the_mail_switch_fails_emails_but_not_requests(bed: Bed) -> None:
    await bed.anonymous.delete("/__emails")
    assert (await bed.anonymous.post("/__emails/failing")).status_code == 204
    response = await bed.producer.post("/sparkPostEmail", json=_decision_email())
    assert (response.status_code, response.json()["code"]) == (502, "EMAIL_FAILED")
    api_id, server = await _fresh_api(bed)
    await _request(bed.consumer, api_id, server)  # the request stands
    state = await bed.emails()
    assert state["emails"] == []
    assert len(state["failed"]) == 3
    assert state["failing"] is True
    assert (await bed.anonymous.delete("/__emails/failing")).status_code == 204
    assert (await bed.producer.post("/sparkPostEmail", json=_decision_email())).status_code == 200


async def test_a_kit_fault_fails_the_email_route_alone(bed: Bed) -> None:
    fault = {"path": "/sparkPostEmail$", "status": 503}
    assert (await bed.anonymous.post("/__faults", json=fault)).status_code == 204
    assert (await bed.producer.post("/sparkPostEmail", json=_decision_email())).status_code == 503
    assert (await bed.producer.get("/health")).status_code == 200


async def test_the_seed_has_the_demo_consumers_requests_in_every_state(bed: Bed) -> None:
    mine = (await bed.consumer.get(f"/subscriptions/{EXAMPLE_API_ID}")).json()
    assert {r["status"] for r in mine} == {"Approved", "Denied"}
    every = (await bed.producer.get(f"/subscriptions/requests/{EXAMPLE_API_ID}")).json()
    assert {r["status"] for r in every} == {"Pending", "Approved", "Denied"}
    denied = next(r for r in every if r["status"] == "Denied")
    assert denied["reason"]
    approved = next(r for r in every if r["status"] == "Approved")
    assert approved["projectId"]
    # The seeded client of the approved request (its secret was never shown).
    clients = (await bed.consumer.get("/clients", params={"serverId": approved["serverId"]})).json()
    assert [c["requestId"] for c in clients] == [approved["id"]]


async def test_a_revoked_approval_disables_its_clients(bed: Bed) -> None:
    every = (await bed.producer.get(f"/subscriptions/requests/{EXAMPLE_API_ID}")).json()
    approved = next(r for r in every if r["status"] == "Approved")
    await bed.producer.put(
        "/subscriptions", json={"id": approved["id"], "status": "Denied", "reason": "Revoked"}
    )
    clients = (await bed.consumer.get("/clients", params={"serverId": approved["serverId"]})).json()
    assert {c["status"] for c in clients} == {"Disabled"}


async def test_listing_clients_needs_a_server_id(bed: Bed) -> None:
    response = await bed.consumer.get("/clients")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "serverId", "message": "is required"}]


async def test_editing_a_client_is_not_implemented_as_the_document_says(bed: Bed) -> None:
    response = await bed.consumer.put("/clients/cl-1", json={"status": "Disabled"})
    assert response.status_code == 501
    body = response.json()
    assert body["code"] == "NOT_IMPLEMENTED"
    assert "https://partners.centene.com" in body["message"]
