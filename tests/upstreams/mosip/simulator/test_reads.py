"""The simulator: the four reads and the seeded data."""

from __future__ import annotations

from collections import Counter

from tests.upstreams.mosip.simulator.support import (
    AIRTEL,
    SCALE,
    TELECOM,
    TELECOM_KEY,
    Sim,
    codes,
    start,
)

_DETAIL_KEYS = {
    "id",
    "organizationName",
    "contactNumber",
    "emailID",
    "address",
    "status",
    "mispStatusCode",
}


async def test_all_misps_are_the_documented_then_the_generated(sim: Sim) -> None:
    details = (await sim.ok("GET", ""))["mispDetails"]
    assert len(details) == SCALE + 3
    assert [d["id"] for d in details[:3]] == [TELECOM, "93469837502851", AIRTEL]
    assert all(set(d) == _DETAIL_KEYS for d in details)
    assert len({d["id"] for d in details}) == len(details)
    assert len({d["organizationName"].lower() for d in details}) == len(details)
    states = Counter((d["status"], d["mispStatusCode"]) for d in details)
    assert set(states) == {
        ("Active", "approved"),
        ("De-Active", "approved"),
        ("Active", "in-progress"),
        ("De-Active", "in-progress"),
        ("De-Active", "rejected"),
    }


async def test_one_misp_answers_the_documented_details(sim: Sim) -> None:
    assert await sim.ok("GET", f"/{TELECOM}") == {
        "id": TELECOM,
        "organizationName": "telecom",
        "contactNumber": "9876998888",
        "emailID": "prm@telecom.com",
        "address": "India",
        "status": "Active",
        "mispStatusCode": "approved",
    }


async def test_an_unknown_misp_is_pms_msp_005_naming_the_id(sim: Sim) -> None:
    for misp_id in ("110", "not-a-number"):
        answer = await sim.call("GET", f"/{misp_id}")
        assert codes(answer) == ["PMS_MSP_005"]
        assert answer["errors"][0]["message"] == f"MISP ID does not exist {misp_id}"


async def test_by_name_matches_names_containing_it_keyed_by_name(sim: Sim) -> None:
    found = await sim.ok("GET", "/name/TELECOM")
    assert set(found) >= {"telecom", "telecomIndia"}
    telecom = found["telecom"]
    assert telecom["licenseKey"] == TELECOM_KEY
    assert telecom["licenseKeyStatus"] == "Active"
    assert telecom["licenseKeyExpiry"] == "2025-05-20"  # issued 10 days before, 90 days
    assert telecom["status"] == "Active"
    assert found["telecomIndia"]["id"] == "93469837502851"
    airtel = await sim.ok("GET", "/name/airtelInd")
    assert airtel["airtelInd"]["licenseKey"] is None


async def test_by_name_without_a_match_is_pms_msp_011(sim: Sim) -> None:
    answer = await sim.call("GET", "/name/nobody%20at%20all")
    assert codes(answer) == ["PMS_MSP_011"]
    assert answer["errors"][0]["message"] == "No MISP found for the organization"


async def test_no_misp_at_all_is_pms_msp_012() -> None:
    server, sim = await start(scale=0, documented=False)
    async with sim.http:
        await sim.login()
        assert codes(await sim.call("GET", "")) == ["PMS_MSP_012"]
    await server.close()


async def test_the_data_is_deterministic_per_seed() -> None:
    lists = []
    for seed in (3, 3, 4):
        server, sim = await start(seed=seed)
        async with sim.http:
            await sim.login()
            lists.append(await sim.ok("GET", ""))
            lists.append(await sim.ok("GET", f"/{lists[-1]['mispDetails'][-1]['id']}"))
        await server.close()
    assert lists[0] == lists[2]
    assert lists[1] == lists[3]
    assert lists[0] != lists[4]


async def test_generated_keys_include_expired_and_replaced_ones(sim: Sim) -> None:
    now = sim.clock()
    keys = [k for m in sim.api.store.misps.values() for k in m.keys]
    assert any(k.active and k.expired(now) for k in keys)
    assert any(not k.active and not k.expired(now) for k in keys)
    assert any(len(m.keys) == 2 for m in sim.api.store.misps.values())
    assert all(not m.keys for m in sim.api.store.misps.values() if m.approval != "approved")
