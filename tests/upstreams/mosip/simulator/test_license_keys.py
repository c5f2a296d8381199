"""The simulator: license keys read, renewed on expiry, validated, (de-)activated."""

from __future__ import annotations

from tests.upstreams.mosip.simulator.support import AIRTEL, TELECOM, TELECOM_KEY, Sim, codes

_OTHER = "93469837502851"  # telecomIndia
_OTHER_KEY = "ty604-affcd-33201-04770"


def _validate(key: str) -> dict[str, str]:
    return {"mispLicenseKey": key}


async def test_the_current_key_is_read_while_it_is_valid(sim: Sim) -> None:
    key = await sim.ok("GET", f"/{TELECOM}/licenseKey")
    assert key == {
        "mispLicenseKey": TELECOM_KEY,
        "mispLicenseKeyExpiry": "2025-05-20T12:00:00.000000000",
        "mispLicenseKeyStatus": "Active",
    }
    assert await sim.ok("GET", f"/{TELECOM}/licenseKey") == key


async def test_an_expired_key_is_replaced_on_read_and_the_old_one_made_inactive(
    sim: Sim,
) -> None:
    sim.clock.advance(days=80)  # the key expires 2025-05-20 12:00, 80 days on
    await sim.login()
    fresh = await sim.ok("GET", f"/{TELECOM}/licenseKey")
    assert fresh["mispLicenseKey"] != TELECOM_KEY
    assert fresh["mispLicenseKeyStatus"] == "Active"
    assert fresh["mispLicenseKeyExpiry"] == "2025-08-18T12:00:00.000000000"
    # Read again: the same fresh key, no second renewal.
    assert await sim.ok("GET", f"/{TELECOM}/licenseKey") == fresh
    old = await sim.call("PATCH", f"/{TELECOM}/licenseKey", _validate(TELECOM_KEY))
    assert codes(old) == ["PMS_MSP_008"]
    assert sim.api.store.by_key[TELECOM_KEY].active is False
    valid = await sim.ok("PATCH", f"/{TELECOM}/licenseKey", _validate(fresh["mispLicenseKey"]))
    assert valid == {"message": "MISP License key is valid"}
    by_name = await sim.ok("GET", "/name/telecom")
    assert by_name["telecom"]["licenseKey"] == fresh["mispLicenseKey"]


async def test_seeded_expired_keys_are_replaced_on_read(sim: Sim) -> None:
    now = sim.clock()
    misp = next(
        m
        for m in sim.api.store.misps.values()
        if m.current_key and m.current_key.active and m.current_key.expired(now)
    )
    expired = misp.current_key
    assert expired is not None
    invalid = await sim.call("PATCH", f"/{misp.id}/licenseKey", _validate(expired.key))
    assert codes(invalid) == ["PMS_MSP_008"]
    fresh = await sim.ok("GET", f"/{misp.id}/licenseKey")
    assert fresh["mispLicenseKey"] != expired.key
    assert expired.active is False


async def test_no_key_is_pms_msp_006(sim: Sim) -> None:
    for misp_id in (AIRTEL, "110"):
        answer = await sim.call("GET", f"/{misp_id}/licenseKey")
        assert codes(answer) == ["PMS_MSP_006"]
        assert answer["errors"][0]["message"] == "MISP ID/MISP License Key does not exist"


async def test_validation_failures_in_the_documented_order(sim: Sim) -> None:
    path = f"/{TELECOM}/licenseKey"
    assert codes(await sim.call("PATCH", path, {})) == ["PMS_COR_001"]
    assert codes(await sim.call("PATCH", path, _validate("not a key"))) == ["PMS_COR_002"]
    unknown = await sim.call("PATCH", path, _validate("fa604-affcd-33201-04234"))
    assert codes(unknown) == ["PMS_MSP_006"]
    assert codes(await sim.call("PATCH", "/110/licenseKey", _validate(TELECOM_KEY))) == [
        "PMS_MSP_006"
    ]
    others = await sim.call("PATCH", path, _validate(_OTHER_KEY))
    assert codes(others) == ["PMS_MSP_007"]
    assert others["errors"][0]["message"] == "MISP License key not associated to MISP ID"
    assert await sim.ok("PATCH", path, _validate(TELECOM_KEY)) == {
        "message": "MISP License key is valid"
    }


async def test_a_key_is_de_activated_and_activated(sim: Sim) -> None:
    path = f"/{TELECOM}/licenseKey"
    off = await sim.ok(
        "PUT",
        path,
        {
            "mispStatus": "Active",
            "mispLicenseKey": TELECOM_KEY,
            "mispLicenseKeyStatus": "De-Active",
        },
    )
    assert off == {"status": "De-Active"}
    not_valid = await sim.call("PATCH", path, _validate(TELECOM_KEY))
    assert codes(not_valid) == ["PMS_MSP_008"]
    assert not_valid["errors"][0]["message"] == "MISP License key not valid"
    # A de-activated key that has not expired is read as it is, not replaced.
    assert (await sim.ok("GET", path))["mispLicenseKeyStatus"] == "De-Active"
    on = await sim.ok(
        "PUT", path, {"mispLicenseKey": TELECOM_KEY, "mispLicenseKeyStatus": "active"}
    )
    assert on == {"status": "Active"}
    assert await sim.ok("PATCH", path, _validate(TELECOM_KEY))


async def test_key_status_failures(sim: Sim) -> None:
    path = f"/{TELECOM}/licenseKey"
    assert codes(await sim.call("PUT", path, {})) == ["PMS_MSP_004"]
    only_misp = await sim.call("PUT", path, {"mispStatus": "Active", "mispLicenseKey": TELECOM_KEY})
    assert codes(only_misp) == ["PMS_MSP_004"]
    assert codes(await sim.call("PUT", path, {"mispLicenseKeyStatus": "Active"})) == ["PMS_COR_001"]
    wrong_word = {"mispLicenseKey": TELECOM_KEY, "mispLicenseKeyStatus": "gone"}
    assert codes(await sim.call("PUT", path, wrong_word)) == ["PMS_COR_002"]
    unknown = {"mispLicenseKey": "fa604-affcd-33201-04234", "mispLicenseKeyStatus": "Active"}
    assert codes(await sim.call("PUT", path, unknown)) == ["PMS_MSP_006"]
    others = {"mispLicenseKey": _OTHER_KEY, "mispLicenseKeyStatus": "Active"}
    assert codes(await sim.call("PUT", path, others)) == ["PMS_MSP_007"]
