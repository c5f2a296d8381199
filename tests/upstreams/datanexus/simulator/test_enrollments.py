"""The simulator: enrollments."""

from __future__ import annotations

import httpx

from tests.upstreams.datanexus.simulator.support import _fetch_all, _post, _put

# --- enrollments --------------------------------------------------------------------------


async def test_create_enrollment_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "enrollment": {
            "enrolled_at": "2024-03-13T15:52:35.365801Z",
            "member_id": "QdV6d",
            "program_id": 8370,
        }
    }
    response = await _post(client, "/api/members/QdV6d/enrollments", body)
    assert response.status_code == 201
    data = response.json()["data"]
    assert response.headers["location"] == f"/api/members/QdV6d/enrollments/{data['id']}"
    assert isinstance(data["id"], int)
    assert data["id"] > 3230
    events = data.pop("enrollment_events")
    assert data == {
        "enrolled_at": "2024-03-13T15:52:35.365801Z",
        "expires_at": None,
        "id": data["id"],
        "member_id": "QdV6d",
        "program_id": 8370,
    }
    assert len(events) == 1
    assert events[0]["category"] == "created"
    assert events[0]["details"] == {"source": "api"}
    assert isinstance(events[0]["id"], int)
    eligible = await _fetch_all(client, {"program_id": 8370, "last_name": "Kant"})
    assert [r["id"] for r in eligible] == ["QdV6d"]

    textual = await _post(
        client,
        "/api/members/QdV6d/enrollments",
        {"enrollment": {"enrolled_at": "2024-03-13T15:52:35Z", "program_id": "8371"}},
    )
    assert textual.status_code == 201
    assert textual.json()["data"]["program_id"] == 8371
    assert textual.json()["data"]["enrolled_at"] == "2024-03-13T15:52:35.000000Z"
    assert textual.json()["data"]["id"] == data["id"] + 1


async def test_create_enrollment_invalid_as_the_document_shows_it(
    client: httpx.AsyncClient,
) -> None:
    response = await _post(
        client, "/api/members/Mn85R/enrollments", {"enrollment": {"expires_at": "hello"}}
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "enrolled_at": ["can't be blank"],
            "expires_at": ["is invalid"],
            "program_id": ["can't be blank"],
        }
    }
    typed = await _post(
        client,
        "/api/members/Mn85R/enrollments",
        {"enrollment": {"enrolled_at": "2024-13-01T00:00:00Z", "program_id": "eighty"}},
    )
    assert typed.json() == {"errors": {"enrolled_at": ["is invalid"], "program_id": ["is invalid"]}}
    for program_id in (True, 83.5, [8370], -4):
        bad = await _post(
            client,
            "/api/members/Mn85R/enrollments",
            {"enrollment": {"enrolled_at": "2024-01-01T00:00:00Z", "program_id": program_id}},
        )
        assert bad.json() == {"errors": {"program_id": ["is invalid"]}}
    assert (await client.get("/api/members/Mn85R")).json()["data"]["enrollments"] == []


async def test_update_enrollment_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    response = await _put(
        client,
        "/api/members/7ZbOm/enrollments/3228",
        {"enrollment": {"expires_at": "2024-03-13T15:52:33.427005Z"}},
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "enrolled_at": "2022-12-14T22:39:00.000000Z",
            "enrollment_events": [],
            "expires_at": "2024-03-13T15:52:33Z",
            "id": 3228,
            "member_id": "7ZbOm",
            "program_id": 8366,
        }
    }
    moved = await _put(
        client, "/api/members/7ZbOm/enrollments/3228", {"enrollment": {"program_id": 8399}}
    )
    assert moved.json()["data"]["program_id"] == 8399
    assert await _fetch_all(client, {"program_id": 8366, "last_name": "Kant"}) == []


async def test_update_enrollment_invalid_as_the_document_shows_it(
    client: httpx.AsyncClient,
) -> None:
    response = await _put(
        client, "/api/members/MOZN5/enrollments/3230", {"enrollment": {"expires_at": "hello"}}
    )
    assert response.status_code == 422
    assert response.json() == {"errors": {"expires_at": ["is invalid"]}}
    blanks = await _put(
        client,
        "/api/members/MOZN5/enrollments/3230",
        {"enrollment": {"enrolled_at": None, "program_id": None}},
    )
    assert blanks.json() == {
        "errors": {"enrolled_at": ["can't be blank"], "program_id": ["can't be blank"]}
    }


async def test_delete_enrollment(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/members/o1b0e/enrollments/3227")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get("/api/members/o1b0e")).json()["data"]["enrollments"] == []
    assert (await client.delete("/api/members/o1b0e/enrollments/3227")).status_code == 404
    # Eliza's enrollment, addressed through Alexander: not his.
    assert (await client.delete("/api/members/7E8ln/enrollments/3226")).status_code == 404
    assert (
        await _put(client, "/api/members/7E8ln/enrollments/3226", {"enrollment": {}})
    ).status_code == 404
