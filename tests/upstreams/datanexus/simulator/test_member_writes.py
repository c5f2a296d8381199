"""The simulator: member writes."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.datanexus.simulator.support import Json, _fetch_all, _put

# --- member writes ------------------------------------------------------------------------


async def test_update_member_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "member": {
            "born_on": "2002-01-01",
            "email": "newemail@newplace.xyz",
            "first_name": "some updated first_name",
            "last_name": "some updated last_name",
            "middle_name": "some updated middle_name",
        }
    }
    response = await _put(client, "/api/members/olNmR", body)
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "born_on": "2002-01-01",
            "city": None,
            "consents": [],
            "eligibility_start_on": "2018-01-01",
            "email": "newemail@newplace.xyz",
            "enrollments": [],
            "first_name": "some updated first_name",
            "gender": "female",
            "health_plan_identifier": None,
            "id": "olNmR",
            "last_name": "some updated last_name",
            "middle_name": "some updated middle_name",
            "phone_number": None,
            "postal_code": None,
            "prefixed_sponsor_member_identifier": "NYU-COGITO55",
            "program_status": "pending",
            "soda_sponsor_id": None,
            "sponsor_member_identifier": "COGITO55",
            "state": None,
            "street_address_1": None,
            "street_address_2": None,
        }
    }
    assert (await client.get("/api/members/olNmR")).json() == response.json()
    found = await _fetch_all(client, {"first_name": "some updated first_name"})
    assert [r["id"] for r in found] == ["olNmR"]


async def test_update_member_clears_fields(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/members/QWqJn")).json()["data"]["street_address_2"]
    response = await _put(client, "/api/members/QWqJn", {"member": {"street_address_2": None}})
    assert response.status_code == 200
    assert response.json()["data"]["street_address_2"] is None
    cleared = await _put(client, "/api/members/A5c7X", {"member": {"email": None, "gender": None}})
    assert cleared.json()["data"]["email"] is None
    assert cleared.json()["data"]["gender"] is None


async def test_update_member_accepts_every_updatable_field(client: httpx.AsyncClient) -> None:
    changes = {
        "born_on": "1990-02-28",
        "email": "x@y.zz",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "middle_name": "King",
        "gender": "non_binary",
        "phone_number": "5551234567",
        "street_address_1": "12 St James's Square",
        "street_address_2": "Floor 2",
        "city": "Portland",
        "state": "OR",
        "postal_code": "97201",
        "program_status": "inactive",
        "id": "ZZZZZ",
        "unknown_key": 1,
    }
    data = (await _put(client, "/api/members/Mk9Pw", {"member": changes})).json()["data"]
    for key in ("program_status", "id", "unknown_key"):
        changes.pop(key)
    assert {k: data[k] for k in changes} == changes
    assert data["id"] == "Mk9Pw"
    assert data["program_status"] == "pending"


async def test_update_member_invalid_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "member": {
            "born_on": None,
            "email": None,
            "first_name": None,
            "gender": "hello",
            "last_name": None,
        }
    }
    before = (await client.get("/api/members/o1bgR")).json()
    response = await _put(client, "/api/members/o1bgR", body)
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "born_on": ["can't be blank"],
            "first_name": ["can't be blank"],
            "gender": ["is invalid"],
            "last_name": ["can't be blank"],
        }
    }
    assert (await client.get("/api/members/o1bgR")).json() == before


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"born_on": "2002-02-30"}, {"born_on": ["is invalid"]}),
        ({"born_on": "02/03/2002"}, {"born_on": ["is invalid"]}),
        ({"born_on": ""}, {"born_on": ["can't be blank"]}),
        (
            {"first_name": "", "last_name": "  "},
            {"first_name": ["can't be blank"], "last_name": ["can't be blank"]},
        ),
        ({"email": "not-an-email"}, {"email": ["has invalid format"]}),
        ({"email": "a@b"}, {"email": ["has invalid format"]}),
        ({"gender": "robot"}, {"gender": ["is invalid"]}),
        ({"city": 12, "email": "x@y.z"}, {"city": ["is invalid"]}),
    ],
)
async def test_update_member_validation(
    client: httpx.AsyncClient, changes: Json, errors: Json
) -> None:
    before = (await client.get("/api/members/7wlmL")).json()
    response = await _put(client, "/api/members/7wlmL", {"member": changes})
    assert response.status_code == 422
    assert response.json() == {"errors": errors}
    assert (await client.get("/api/members/7wlmL")).json() == before


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[]", b"null", b'{"member": []}', b'{"member": null}', b'{"x": {}}'],
)
async def test_malformed_write_bodies_answer_400(client: httpx.AsyncClient, content: bytes) -> None:
    for path in (
        "/api/members/7wlmL",
        "/api/members/7wlmL/consents/1360",
        "/api/members/7wlmL/enrollments/3226",
    ):
        response = await client.put(path, content=content)
        assert response.status_code in (400, 404)
    response = await client.put("/api/members/7wlmL", content=content)
    assert response.status_code == 400
    assert isinstance(response.json()["errors"]["detail"], str)
    for path in ("/api/members/7wlmL/consents", "/api/members/7wlmL/enrollments"):
        assert (await client.post(path, content=content)).status_code == 400


async def test_odd_inputs_never_crash(client: httpx.AsyncClient) -> None:
    member = "/api/members/7wlmL"
    odd_bodies: list[object] = [
        {"member": {"born_on": 20020101, "first_name": ["x"], "gender": {}}},
        {"member": {"email": "ü@ü.ü", "city": "\u0000"}},
        {"consent": {"category": 1, "consent_details": "x", "consented_at": 5}},
        {"enrollment": {"enrolled_at": True, "program_id": 1e30, "expires_at": []}},
        {"enrollment": {"enrolled_at": "9999-12-31T23:59:59-23:59", "program_id": "9" * 40}},
    ]
    for body in odd_bodies:
        for path in (member, member + "/consents", member + "/enrollments"):
            assert (await client.put(path, json=body)).status_code < 500
            assert (await client.post(path, json=body)).status_code < 500
    for query in ("cursor_next=%FF%FE", "program_id=99999999999999999999999999", "limit=%D9%A1"):
        assert (await client.get(f"/api/members?{query}")).status_code < 500
    assert (await client.get("/api/members/%F0%9F%92%A9")).status_code == 404
