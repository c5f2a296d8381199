"""The simulator: show."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.datanexus.simulator.support import VENDOR, _fetch_all, _post, _put

# --- show ---------------------------------------------------------------------------------


async def test_show_member_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/members/7ZbA6")
    assert response.status_code == 200
    consent = {
        "category": "sms",
        "consent_details": {"sms_number": "5555555555"},
        "consented_at": "2022-12-12T12:12:12Z",
        "id": 1360,
        "member_id": "7ZbA6",
        "member_response": True,
    }
    hipaa = {**consent, "category": "hipaa", "consented_at": "2022-12-13T12:12:12Z", "id": 1361}
    assert response.json() == {
        "data": {
            "born_on": "2000-01-01",
            "city": None,
            "consents": [consent, hipaa],
            "eligibility_start_on": "2018-01-01",
            "email": "myemail@myplace.xyz",
            "enrollments": [],
            "first_name": "Emmanuel",
            "gender": "female",
            "health_plan_identifier": None,
            "id": "7ZbA6",
            "last_name": "Kant",
            "middle_name": "",
            "phone_number": None,
            "postal_code": None,
            "prefixed_sponsor_member_identifier": "GFC-COGITO55",
            "program_status": "pending",
            "soda_sponsor_id": "SODAID12345",
            "sponsor_member_identifier": "COGITO55",
            "state": None,
            "street_address_1": None,
            "street_address_2": None,
        }
    }
    marx = (await client.get("/api/members/ommXk")).json()["data"]
    assert marx["program_status"] == "inactive"
    assert [c["id"] for c in marx["consents"]] == [1358, 1359]
    assert marx["soda_sponsor_id"] == ""


async def test_show_member_by_prefixed_sponsor_identifier(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/members/EOE-COGITO55")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == "o8YAO"
    assert data["prefixed_sponsor_member_identifier"] == "EOE-COGITO55"
    assert (await client.get("/api/members/COGITO55")).status_code == 404


async def test_show_member_lists_the_other_household_members(client: httpx.AsyncClient) -> None:
    bluth = (await client.get("/api/members/A5c7X")).json()["data"]
    assert bluth["household"] == [
        {
            "born_on": "1955-05-15",
            "email": None,
            "enrollments": [],
            "first_name": "Michael",
            "id": "B6d8Y",
            "last_name": "Bluth",
            "program_status": "active",
        }
    ]
    assert bluth["street_address_1"] == "1 Lucille Lane"
    assert bluth["gender"] == "M"
    eliza = (await client.get("/api/members/7xZm3")).json()["data"]
    assert [m["id"] for m in eliza["household"]] == ["7E8ln"]
    assert eliza["enrollments"][0]["enrollment_events"] == []
    assert "household" not in (await client.get("/api/members/Mk9Pw")).json()["data"]


@pytest.mark.parametrize("member_id", ["nope0", "A5c7", "EOE-COGITO5", "%20"])
async def test_unknown_member_is_404(client: httpx.AsyncClient, member_id: str) -> None:
    for response in (
        await client.get(f"/api/members/{member_id}"),
        await _put(client, f"/api/members/{member_id}", {"member": {"city": "X"}}),
        await _post(client, f"/api/members/{member_id}/consents", {"consent": {}}),
        await _post(client, f"/api/members/{member_id}/enrollments", {"enrollment": {}}),
        await client.delete(f"/api/members/{member_id}/consents/1360"),
        await client.delete(f"/api/members/{member_id}/enrollments/3226"),
    ):
        assert response.status_code == 404
        assert response.json() == {"errors": {"detail": "Not Found"}}


async def test_vendor_data_is_only_for_the_vendor_key(client: httpx.AsyncClient) -> None:
    plain = (await client.get("/api/members/MOZ0p")).json()["data"]
    assert "vendor_data" not in plain
    vendor = (await client.get("/api/members/MOZ0p", headers=VENDOR)).json()["data"]
    assert vendor["vendor_data"] == [{"payment_card_status": "requested"}]
    assert "vendor_data" not in (await client.get("/api/members/MjymW", headers=VENDOR)).json()

    body = {"member": {"vendor_data": {"my_test_attribute": "excelsior"}}}
    ignored = await _put(client, "/api/members/oGRWv", body)
    assert ignored.status_code == 200
    assert "vendor_data" not in ignored.json()["data"]
    shown = (await client.get("/api/members/oGRWv", headers=VENDOR)).json()["data"]
    assert "vendor_data" not in shown

    stored = await client.put("/api/members/oGRWv", json=body, headers=VENDOR)
    assert stored.json()["data"]["vendor_data"] == [{"my_test_attribute": "excelsior"}]
    merged = await client.put(
        "/api/members/MOZ0p", json={"member": {"vendor_data": {"tier": 2}}}, headers=VENDOR
    )
    assert merged.json()["data"]["vendor_data"] == [{"payment_card_status": "requested", "tier": 2}]
    listed = (await client.get("/api/members?last_name=Kant", headers=VENDOR)).json()["data"]
    assert {r["id"] for r in listed if "vendor_data" in r} == {"MOZ0p", "oGRWv"}
    assert all("vendor_data" not in r for r in await _fetch_all(client, {"last_name": "Kant"}))

    cleared = await client.put(
        "/api/members/oGRWv", json={"member": {"vendor_data": None}}, headers=VENDOR
    )
    assert "vendor_data" not in cleared.json()["data"]
    bad = await client.put(
        "/api/members/oGRWv", json={"member": {"vendor_data": "x"}}, headers=VENDOR
    )
    assert bad.status_code == 422
    assert bad.json() == {"errors": {"vendor_data": ["is invalid"]}}
