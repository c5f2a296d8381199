"""The simulator: consents."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.datanexus.simulator.support import _post, _put

# --- consents -----------------------------------------------------------------------------


async def test_create_consent_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "consent": {
            "category": "some category",
            "consent_details": {},
            "consented_at": "2022-12-12T21:25:00Z",
            "member_response": True,
        }
    }
    response = await _post(client, "/api/members/QLayl/consents", body)
    assert response.status_code == 201
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["id"] > 1365
    assert response.headers["location"] == f"/api/members/QLayl/consents/{data['id']}"
    assert data == {
        "category": "some category",
        "consent_details": {},
        "consented_at": "2022-12-12T21:25:00Z",
        "id": data["id"],
        "member_id": "QLayl",
        "member_response": True,
    }
    shown = (await client.get("/api/members/QLayl")).json()["data"]
    assert shown["consents"] == [data]

    partial = await _post(
        client,
        "/api/members/MKGK5/consents",
        {"consent": {"category": "sms", "consent_details": {"confirmation_code": "abc123"}}},
    )
    assert partial.status_code == 201
    assert partial.json()["data"] == {
        "category": "sms",
        "consent_details": {"confirmation_code": "abc123"},
        "consented_at": None,
        "id": data["id"] + 1,
        "member_id": "MKGK5",
        "member_response": False,
    }


async def test_create_consent_with_list_details_and_offset_time(client: httpx.AsyncClient) -> None:
    details = [{"name": "sms_phone_number", "value": "555-867-5309"}]
    body = {
        "consent": {
            "category": "sms",
            "consent_details": details,
            "consented_at": "2022-01-01T23:01:00+01:00",
        }
    }
    response = await _post(client, "/api/members/EOE-COGITO55/consents", body)
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["consent_details"] == details
    assert data["consented_at"] == "2022-01-01T22:01:00Z"
    assert data["member_id"] == "o8YAO"
    assert response.headers["location"].startswith("/api/members/o8YAO/consents/")


async def test_create_consent_invalid_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "consent": {
            "category": None,
            "consent_details": None,
            "consented_at": None,
            "member_response": None,
        }
    }
    response = await _post(client, "/api/members/7wlmL/consents", body)
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"category": ["can't be blank"], "consent_details": ["can't be blank"]}
    }
    missing = await _post(client, "/api/members/7wlmL/consents", {"consent": {}})
    assert missing.json() == response.json()
    typed = await _post(
        client,
        "/api/members/7wlmL/consents",
        {
            "consent": {
                "category": "sms",
                "consent_details": "yes",
                "consented_at": "last tuesday",
                "member_response": "true",
            }
        },
    )
    assert typed.status_code == 422
    assert typed.json() == {
        "errors": {
            "consent_details": ["is invalid"],
            "consented_at": ["is invalid"],
            "member_response": ["is invalid"],
        }
    }
    assert (await client.get("/api/members/7wlmL")).json()["data"]["consents"] == []


async def test_update_consent_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {"consent": {"consented_at": "2024-01-31T09:08:07Z", "member_response": True}}
    response = await _put(client, "/api/members/o26WZ/consents/1365", body)
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "category": "sms",
            "consent_details": {"sms_number": "5555555555"},
            "consented_at": "2024-01-31T09:08:07Z",
            "id": 1365,
            "member_id": "o26WZ",
            "member_response": True,
        }
    }
    invalid = await _put(
        client,
        "/api/members/o26WZ/consents/1365",
        {"consent": {"category": "", "consented_at": "2024-02-30T00:00:00Z"}},
    )
    assert invalid.status_code == 422
    assert invalid.json() == {
        "errors": {"category": ["can't be blank"], "consented_at": ["is invalid"]}
    }
    shown = (await client.get("/api/members/o26WZ")).json()["data"]["consents"]
    assert shown == [response.json()["data"]]


async def test_delete_consent(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/members/o5kd3/consents/1362")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get("/api/members/o5kd3")).json()["data"]["consents"] == []
    again = await client.delete("/api/members/o5kd3/consents/1362")
    assert again.status_code == 404
    assert again.json() == {"errors": {"detail": "Not Found"}}


@pytest.mark.parametrize(
    "path",
    [
        "/api/members/o5kd3/consents/1360",  # another member's consent
        "/api/members/o5kd3/consents/999999",
        "/api/members/o5kd3/consents/abc",
    ],
)
async def test_consent_not_of_the_member_is_404(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.delete(path)).status_code == 404
    assert (await _put(client, path, {"consent": {"category": "x"}})).status_code == 404
