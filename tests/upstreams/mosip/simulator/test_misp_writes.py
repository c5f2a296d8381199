"""The simulator: creating and updating MISPs, and their status transitions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.upstreams.mosip.simulator.support import AIRTEL, TELECOM, Sim, codes

_NEW = {"organizationName": "NewTel", "emailId": "ops@newtel.com", "address": "Kenya"}


def _first_in(sim: Sim, approval: str, *, active: bool) -> str:
    return next(
        m.id for m in sim.api.store.misps.values() if m.approval == approval and m.active is active
    )


# --- create -------------------------------------------------------------------------------


async def test_create_answers_the_new_id_active_and_awaiting_approval(sim: Sim) -> None:
    created = await sim.ok("POST", "", {**_NEW, "contactNumber": "9876998888"})
    assert set(created) == {"mispStatus", "mispID"}
    assert created["mispStatus"] == "Active"
    assert created["mispID"].isdigit()
    shown = await sim.ok("GET", f"/{created['mispID']}")
    assert shown["organizationName"] == "NewTel"
    assert shown["emailID"] == "ops@newtel.com"
    assert shown["contactNumber"] == "9876998888"
    assert shown["mispStatusCode"] == "in-progress"


async def test_create_reads_the_seed_examples_spellings(sim: Sim) -> None:
    # The seed's example: `name` for the organization name, `emailId`.
    created = await sim.ok(
        "POST", "", {"name": "SeedTel", "emailID": "x@seedtel.com", "address": "India"}
    )
    shown = await sim.ok("GET", f"/{created['mispID']}")
    assert (shown["organizationName"], shown["emailID"]) == ("SeedTel", "x@seedtel.com")
    assert shown["contactNumber"] is None


async def test_a_taken_name_is_pms_msp_003_ignoring_case(sim: Sim) -> None:
    answer = await sim.call("POST", "", {**_NEW, "organizationName": "TELECOM"})
    assert codes(answer) == ["PMS_MSP_003"]
    assert answer["errors"][0]["message"] == "A MISP is already registered with name - TELECOM"


@pytest.mark.parametrize("name", ["organizationName", "emailId", "address"])
async def test_a_missing_required_detail_is_pms_cor_001(sim: Sim, name: str) -> None:
    request = {k: v for k, v in _NEW.items() if k != name}
    answer = await sim.call("POST", "", request)
    assert codes(answer) == ["PMS_COR_001"]
    assert answer["errors"][0]["message"] == f"Missing Input Parameter - {name}"
    blank = await sim.call("POST", "", {**_NEW, name: "  "})
    assert codes(blank) == ["PMS_COR_001"]


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"emailId": "not-an-email"}, "emailId"),
        ({"contactNumber": "call me"}, "contactNumber"),
        ({"organizationName": "../misps"}, "organizationName"),
        ({"address": 7}, "address"),
    ],
)
async def test_a_malformed_detail_is_pms_cor_002(
    sim: Sim, changes: dict[str, Any], name: str
) -> None:
    answer = await sim.call("POST", "", {**_NEW, **changes})
    assert codes(answer) == ["PMS_COR_002"]
    assert answer["errors"][0]["message"] == f"Invalid Input Parameter - {name}"


# --- update -------------------------------------------------------------------------------


async def test_update_changes_only_the_given_details_and_echoes_spellings(sim: Sim) -> None:
    updated = await sim.ok("PUT", f"/{TELECOM}", {"emailId": "new@telecom.com"})
    assert updated == {
        "id": TELECOM,
        "organizationName": "telecom",
        "contactNumber": "9876998888",
        "emailId": "new@telecom.com",
        "address": "India",
    }
    documented = await sim.ok(
        "PUT", f"/{TELECOM}", {"organizationName": "telecom", "emailID": "prm@telecom.com"}
    )
    assert documented["emailID"] == "prm@telecom.com"
    assert (await sim.ok("GET", f"/{TELECOM}"))["emailID"] == "prm@telecom.com"


async def test_update_failures(sim: Sim) -> None:
    assert codes(await sim.call("PUT", f"/{TELECOM}", {})) == ["PMS_MSP_004"]
    assert codes(await sim.call("PUT", f"/{TELECOM}", {"address": " "})) == ["PMS_MSP_004"]
    assert codes(await sim.call("PUT", "/110", {"address": "x"})) == ["PMS_MSP_005"]
    clash = await sim.call("PUT", f"/{AIRTEL}", {"organizationName": "Telecom"})
    assert codes(clash) == ["PMS_MSP_003"]
    bad = await sim.call("PUT", f"/{TELECOM}", {"emailID": "nope"})
    assert codes(bad) == ["PMS_COR_002"]
    # Its own name again is no clash.
    assert (await sim.ok("PUT", f"/{TELECOM}", {"organizationName": "TELECOM"}))["id"] == TELECOM


# --- approval -----------------------------------------------------------------------------


async def test_approval_issues_an_active_key_with_an_expiry(sim: Sim) -> None:
    approved = await sim.ok("PATCH", f"/{AIRTEL}/status", {"mispStatus": "approved"})
    assert approved["mispStatus"] == "Active"
    assert approved["mispStatusCode"] == "approved"
    assert approved["mispID"] == AIRTEL
    assert approved["mispLicenseKeyStatus"] == "active"
    assert approved["message"] == "MISP approved successfully"
    assert len(approved["mispLicenseKey"]) == 50
    assert approved["mispLicenseKeyExpiry"] == "2025-05-30T12:00:00.000000000"
    key = await sim.ok("GET", f"/{AIRTEL}/licenseKey")
    assert key["mispLicenseKey"] == approved["mispLicenseKey"]


async def test_a_decision_is_taken_once(sim: Sim) -> None:
    assert await sim.ok("PATCH", f"/{AIRTEL}/status", {"mispStatus": "Approved"})
    again = await sim.call("PATCH", f"/{AIRTEL}/status", {"mispStatus": "approved"})
    assert codes(again) == ["PMS_MSP_010"]
    assert again["errors"][0]["message"] == "MISP status already in the requested status"
    other = await sim.call("PATCH", f"/{AIRTEL}/status", {"mispStatus": "Rejected"})
    assert codes(other) == ["PMS_MSP_009"]


async def test_rejection_de_activates_and_issues_no_key(sim: Sim) -> None:
    rejected = await sim.ok("PATCH", f"/{AIRTEL}/status", {"mispStatus": "Rejected"})
    assert rejected == {
        "mispStatus": "De-Active",
        "mispID": AIRTEL,
        "mispStatusCode": "rejected",
        "message": "MISP rejected successfully",
    }
    assert codes(await sim.call("GET", f"/{AIRTEL}/licenseKey")) == ["PMS_MSP_006"]
    approve = await sim.call("PATCH", f"/{AIRTEL}/status", {"mispStatus": "approved"})
    assert codes(approve) == ["PMS_MSP_009"]


async def test_approval_failures(sim: Sim) -> None:
    assert codes(await sim.call("PATCH", f"/{AIRTEL}/status", {})) == ["PMS_MSP_004"]
    maybe = await sim.call("PATCH", f"/{AIRTEL}/status", {"mispStatus": "maybe"})
    assert codes(maybe) == ["PMS_COR_002"]
    unknown = await sim.call("PATCH", "/110/status", {"mispStatus": "approved"})
    assert codes(unknown) == ["PMS_MSP_005"]
    assert unknown["errors"][0]["message"] == "MISP ID does not exist 110"


# --- activation ---------------------------------------------------------------------------


async def test_de_activate_and_activate(sim: Sim) -> None:
    off = await sim.ok("PATCH", f"/{TELECOM}", {"mispStatus": "De-Active"})
    assert off == {"message": "MISP deactivated successfully"}
    assert (await sim.ok("GET", f"/{TELECOM}"))["status"] == "De-Active"
    again = await sim.call("PATCH", f"/{TELECOM}", {"mispStatus": "de-active"})
    assert codes(again) == ["PMS_MSP_010"]
    on = await sim.ok("PATCH", f"/{TELECOM}", {"mispStatus": "Active"})
    assert on == {"message": "MISP activated successfully"}
    assert (await sim.ok("GET", f"/{TELECOM}"))["status"] == "Active"


async def test_activation_failures(sim: Sim) -> None:
    rejected = _first_in(sim, "rejected", active=False)
    activate = await sim.call("PATCH", f"/{rejected}", {"mispStatus": "Active"})
    assert codes(activate) == ["PMS_MSP_009"]
    assert activate["errors"][0]["message"] == "Failed to update MISP status"
    assert codes(await sim.call("PATCH", f"/{rejected}", {"mispStatus": "De-Active"})) == [
        "PMS_MSP_010"
    ]
    assert codes(await sim.call("PATCH", f"/{TELECOM}", {})) == ["PMS_MSP_004"]
    assert codes(await sim.call("PATCH", f"/{TELECOM}", {"mispStatus": "Off"})) == ["PMS_COR_002"]
    assert codes(await sim.call("PATCH", "/110", {"mispStatus": "Active"})) == ["PMS_MSP_005"]
    # An inactive MISP awaiting approval can be activated.
    waiting = _first_in(sim, "in-progress", active=False)
    assert await sim.ok("PATCH", f"/{waiting}", {"mispStatus": "Active"})
