"""The simulator: listing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.upstreams.datanexus.simulator.support import (
    PARTIAL_KEYS,
    SCALE,
    Params,
    _fetch_all,
    _post,
    _put,
)

# --- listing ------------------------------------------------------------------------------


async def test_document_example_name_birthdate_and_program_eligibility(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        "/api/members?born_on=1976-07-04&first_name=Alexander&include_household=true"
        "&last_name=Hamilton&program_id=8355"
    )
    assert response.status_code == 200
    assert "x-next-cursor" not in response.headers
    eliza_enrollment = {
        "enrolled_at": "2022-12-14T22:39:00.000000Z",
        "expires_at": "2022-12-14T22:39:00Z",
        "id": 3226,
        "member_id": "7xZm3",
        "program_id": 8355,
    }
    assert response.json() == {
        "data": [
            {
                "born_on": "1976-07-04",
                "city": "Washington",
                "consents": [],
                "eligibility_start_on": "2021-06-07",
                "email": "ahamilton@continentalcongress.gov",
                "enrollments": [],
                "first_name": "Alexander",
                "gender": "male",
                "health_plan_identifier": "HAMILTON01",
                "household_members": [
                    {
                        "born_on": "1976-07-04",
                        "email": "ahamilton@continentalcongress.gov",
                        "enrollments": [],
                        "first_name": "Alexander",
                        "id": "7E8ln",
                        "last_name": "Hamilton",
                        "program_status": "pending",
                    },
                    {
                        "born_on": "1976-08-04",
                        "email": "ehamilton@schuylerhome.org",
                        "enrollments": [eliza_enrollment],
                        "first_name": "Eliza",
                        "id": "7xZm3",
                        "last_name": "Hamilton",
                        "program_status": "pending",
                    },
                ],
                "id": "7E8ln",
                "last_name": "Hamilton",
                "middle_name": "",
                "phone_number": None,
                "postal_code": "10101",
                "prefixed_sponsor_member_identifier": "CYN-HAMILTON01",
                "program_status": "pending",
                "soda_sponsor_id": None,
                "sponsor_member_identifier": "HAMILTON01",
                "state": "DC",
                "street_address_1": "1700 Pennsylvania Ave",
                "street_address_2": None,
            }
        ],
        "next_cursor": None,
        "prev_cursor": None,
    }


@pytest.mark.parametrize(
    ("params", "expected_ids"),
    [
        ({"last_name": "Hamilton"}, ["7E8ln", "7xZm3"]),
        ({"first_name": "Eliza", "last_name": "Hamilton"}, ["7xZm3"]),
        ({"first_name": "eliza", "last_name": "Hamilton"}, []),
        ({"born_on": "1955-05-15", "last_name": "Bluth"}, ["B6d8Y"]),
        ({"last_name": "Poppins", "pending": "true"}, ["QdVm0", "oRn65", "74BD4"]),
        ({"last_name": "Poppins", "pending": "false"}, ["7aYyR"]),
        ({"last_name": "Hamilton", "program_id": 8355}, ["7E8ln", "7xZm3"]),
        ({"last_name": "Hamilton", "program_id": 8366}, []),
        ({"last_name": "Kant", "program_id": 8366}, ["7ZbOm"]),
        ({"last_name": "Poppins", "updated_since": "2022-01-01T00:00:00Z"}, None),
        ({"last_name": "Poppins", "updated_since": "2023-06-01T00:00:01Z"}, []),
    ],
)
async def test_list_filters(
    client: httpx.AsyncClient, params: Params, expected_ids: list[str] | None
) -> None:
    records = await _fetch_all(client, params)
    if expected_ids is None:
        expected_ids = ["QdVm0", "7aYyR", "oRn65", "74BD4"]
    assert [r["id"] for r in records] == expected_ids


async def test_pending_splits_every_member(client: httpx.AsyncClient) -> None:
    pending = await _fetch_all(client, {"pending": "true"})
    settled = await _fetch_all(client, {"pending": "false"})
    assert {r["program_status"] for r in pending} == {"pending"}
    assert "pending" not in {r["program_status"] for r in settled}
    assert len(pending) + len(settled) == SCALE


async def test_program_eligibility_is_per_household(client: httpx.AsyncClient) -> None:
    for program_id in (8355, 8321, 8390):
        records = await _fetch_all(client, {"program_id": program_id, "include_household": "true"})
        everyone = await _fetch_all(client, {"include_household": "true"})
        eligible = {
            r["id"]
            for r in everyone
            if any(
                e["program_id"] == program_id
                for m in r["household_members"]  # type: ignore[attr-defined]
                for e in m["enrollments"]
            )
        }
        assert {r["id"] for r in records} == eligible


async def test_include_household_lists_the_whole_household_as_partial_records(
    client: httpx.AsyncClient,
) -> None:
    records = await _fetch_all(client, {"include_household": "true"})
    households: dict[str, set[str]] = {}
    for record in records:
        members = record["household_members"]
        assert isinstance(members, list)
        assert 1 <= len(members) <= 6
        assert all(set(m) == PARTIAL_KEYS for m in members)
        ids = {m["id"] for m in members}
        assert record["id"] in ids
        households[str(record["id"])] = ids
        for enrollment in (e for m in members for e in m["enrollments"]):
            assert "enrollment_events" not in enrollment
    for member_id, ids in households.items():
        assert all(households[other] == ids for other in ids), member_id
    plain = (await client.get("/api/members")).json()["data"]
    assert all("household_members" not in r and "household" not in r for r in plain)


async def test_updated_since_sees_writes(client: httpx.AsyncClient) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    since = {"updated_since": before.isoformat()}
    assert await _fetch_all(client, since) == []
    await _put(client, "/api/members/7aYyR", {"member": {"city": "Boston"}})
    await _post(client, "/api/members/QdVm0/consents", {"consent": {"category": "sms"}})
    await _post(
        client, "/api/members/QdVm0/consents", {"consent": {"category": "a", "consent_details": {}}}
    )
    assert [r["id"] for r in await _fetch_all(client, since)] == ["QdVm0", "7aYyR"]
