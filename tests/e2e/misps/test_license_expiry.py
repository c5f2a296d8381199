"""A license key expiring (the simulator's clock moved past it): a query shows the key
without renewing it; downloadMispLicenseKey renews it once, and the old key is inactive.

Its own module: moving the simulator's clock 91 days ages every key and token of the
module's simulators."""

from __future__ import annotations

from tests.e2e.conftest import Graph
from tests.e2e.misps.support import GET_KEY, NAMED, mosip_calls

CREATE = """mutation { createMisp(input: {organizationName: "Plover Networks",
  email: "ops@plover.example", address: "Rabat, Morocco"}) { mispId userErrors { code } } }"""
APPROVE = """mutation($id: String!) { decideMisp(input: {mispId: $id, decision: APPROVED}) {
  licenseKey { key expiresAt } userErrors { code } } }"""
SHOW_KEY = """query($id: String!) { misp(mispId: $id) {
  licenseKey { masked status expiresAt } } }"""
DOWNLOAD = """mutation($id: String!) { downloadMispLicenseKey(input: {mispId: $id}) {
  licenseKey { key masked status expiresAt } userErrors { code message } } }"""
VALIDATE = """mutation($id: String!, $key: String!) {
  validateMispLicenseKey(input: {mispId: $id, licenseKey: $key}) {
    valid userErrors { code message } } }"""


async def test_an_expired_key_is_renewed_by_download_only_and_the_old_one_is_inactive(
    graph: Graph,
) -> None:
    misp_id = (await graph.data(CREATE))["createMisp"]["mispId"]
    issued = (await graph.data(APPROVE, {"id": misp_id}))["decideMisp"]["licenseKey"]
    old = issued["key"]

    moved = await graph.upstream(
        "POST", "/__clock/advance", upstream="mosip", json={"seconds": 91 * 86400}
    )
    assert moved.status_code == 200
    await graph.reset()

    # A query shows the (expired) key as it is: the same key, no renewal.
    shown = (await graph.data(SHOW_KEY, {"id": misp_id}))["misp"]["licenseKey"]
    assert shown["masked"] == "…" + old[-4:]
    assert shown["status"] == "ACTIVE"  # MOSIP's word stays Active until it renews
    calls = mosip_calls(await graph.calls("mosip"))
    assert calls[NAMED] == 1
    assert GET_KEY not in calls

    # The old key no longer validates (expired).
    stale = (await graph.data(VALIDATE, {"id": misp_id, "key": old}))["validateMispLicenseKey"]
    assert stale["valid"] is False
    assert [e["code"] for e in stale["userErrors"]] == ["PMS_MSP_008"]

    # Downloading renews it: a fresh key, valid 90 more days.
    await graph.reset()
    fresh = (await graph.data(DOWNLOAD, {"id": misp_id}))["downloadMispLicenseKey"]
    assert fresh["userErrors"] == []
    new = fresh["licenseKey"]["key"]
    assert new != old
    assert fresh["licenseKey"]["status"] == "ACTIVE"
    assert fresh["licenseKey"]["expiresAt"] > issued["expiresAt"]
    assert mosip_calls(await graph.calls("mosip")) == {GET_KEY: 1}

    # The old key is inactive now, the new one valid; queries show the new one.
    old_now = (await graph.data(VALIDATE, {"id": misp_id, "key": old}))["validateMispLicenseKey"]
    assert [e["code"] for e in old_now["userErrors"]] == ["PMS_MSP_008"]
    new_now = (await graph.data(VALIDATE, {"id": misp_id, "key": new}))["validateMispLicenseKey"]
    assert new_now == {"valid": True, "userErrors": []}
    shown = (await graph.data(SHOW_KEY, {"id": misp_id}))["misp"]["licenseKey"]
    assert shown["masked"] == "…" + new[-4:]

    # Downloading again answers the same key: nothing more is renewed.
    again = (await graph.data(DOWNLOAD, {"id": misp_id}))["downloadMispLicenseKey"]
    assert again["licenseKey"]["key"] == new
