"""The simulator: organization writes."""

from __future__ import annotations

import pytest

from tests.upstreams.medallies.simulator.support import SCALE, Api, Json, assert_error, flt

# --- organization writes -------------------------------------------------------------------

NEW_ORG: Json = {
    "organizationName": "Zephyr Hills Pediatrics",
    "typeCode": 2,
    "vendor": {"id": 63},
    "tin": "987654321",
    "npi": 1999999999,
    "practiceStreet1": "1 Main Street",
    "practiceCity": "Newark",
    "practiceState": "NJ",
    "practiceZip": "07102-1234",
    "telephoneNumber": "(973) 555-0100 ext. 12",
}


async def test_add_one_organization(api: Api) -> None:
    response = await api.post("/organizations/add", NEW_ORG)
    assert response.status_code == 201
    org = response.json()
    assert org["id"] == SCALE + 1
    assert {k: org[k] for k in NEW_ORG if k != "vendor"} == {
        k: v for k, v in NEW_ORG.items() if k != "vendor"
    }
    assert org["vendor"]["name"] == "Vendor"
    assert org["status"] == {"name": "Enabled", "code": 1}
    assert org["domain"]["domainName"] == f"{org['directAbbreviation']}.medalliesdirect.net"
    assert org["practiceStreet2"] is None
    assert org["creationDateTime"] == org["lastUpdateDateTime"]
    assert org["href"] == f"{api.base}/organizations/{org['id']}"
    assert await api.ok("GET", f"/organizations/{org['id']}") == org
    assert (await api.ok("GET", "/organizations", _count=""))["count"] == SCALE + 1
    shaped = await api.post(
        "/organizations/add",
        {**NEW_ORG, "directAbbreviation": "zhp"},
        _fields="domain",
        _collapse="vendor",
    )
    assert shaped.json() == {
        "id": SCALE + 2,
        "domain": {"id": shaped.json()["domain"]["id"], "domainName": "zhp.medalliesdirect.net"},
    }


async def test_add_organizations_in_a_batch(api: Api) -> None:
    minimal = {"organizationName": "Queensbury Laboratory", "typeCode": 3, "vendor": {"id": 45}}
    response = await api.post("/organizations/add", {"items": [NEW_ORG, minimal]})
    assert response.status_code == 201
    body = response.json()
    assert body["count"] == 2
    assert [o["id"] for o in body["items"]] == [SCALE + 1, SCALE + 2]
    assert body["items"][1]["npi"] is None
    assert body["items"][1]["tin"] is None


@pytest.mark.parametrize(
    ("changes", "code", "parameters"),
    [
        ({"tin": "12345678"}, 101, ["tin"]),
        ({"tin": "12345678a"}, 101, ["tin"]),
        ({"tin": 123456789}, 109, ["tin"]),
        ({"npi": 123456789}, 101, ["npi"]),
        ({"npi": 12345678901}, 101, ["npi"]),
        ({"npi": "1234567890"}, 109, ["npi"]),
        ({"typeCode": 4}, 101, ["typeCode"]),
        ({"typeCode": "1"}, 109, ["typeCode"]),
        ({"practiceState": "XX"}, 101, ["practiceState"]),
        ({"practiceState": "ny"}, 101, ["practiceState"]),
        ({"practiceZip": "1234"}, 101, ["practiceZip"]),
        ({"practiceZip": "12345-12"}, 101, ["practiceZip"]),
        ({"practiceZip": 12345}, 109, ["practiceZip"]),
        ({"telephoneNumber": "555-555-5555"}, 101, ["telephoneNumber"]),
        ({"telephoneNumber": "(555) 555-55555"}, 101, ["telephoneNumber"]),
        ({"organizationName": None}, 102, ["organizationName"]),
        ({"organizationName": "  "}, 102, ["organizationName"]),
        ({"typeCode": None}, 102, ["typeCode"]),
        ({"vendor": None}, 102, ["vendor.id"]),
        ({"vendor": {}}, 102, ["vendor.id"]),
        ({"vendor": {"id": 999}}, 101, ["vendor.id"]),
        ({"vendor": 45}, 109, ["vendor"]),
        ({"id": 7}, 101, ["id"]),
        ({"directAbbreviation": "tag"}, 101, ["directAbbreviation"]),
        ({"directAbbreviation": "has space"}, 101, ["directAbbreviation"]),
        ({"tin": "1", "practiceZip": "1", "npi": "x"}, 109, ["npi"]),
        ({"tin": "1", "practiceZip": "1"}, 101, ["tin", "practiceZip"]),
        ({"tin": "1", "organizationName": None}, 102, ["organizationName"]),
    ],
)
async def test_organization_validation(
    api: Api, changes: Json, code: int, parameters: list[str]
) -> None:
    body = {k: v for k, v in {**NEW_ORG, **changes}.items()}
    assert_error(await api.post("/organizations/add", body), 400, code, *parameters)
    batch = {"items": [NEW_ORG, body]}
    prefixed = [f"items[1].{p}" for p in parameters]
    assert_error(await api.post("/organizations/add", batch), 400, code, *prefixed)
    # Nothing was created, not even the valid first item.
    assert (await api.ok("GET", "/organizations", _count=""))["count"] == SCALE


async def test_required_organization_fields_on_add(api: Api) -> None:
    assert_error(
        await api.post("/organizations/add", {"tin": "123456789"}),
        400,
        102,
        "organizationName",
        "typeCode",
        "vendor.id",
    )
    assert_error(await api.post("/organizations/add", {"items": []}), 400, 102, "items")
    taken_twice = {
        "items": [{**NEW_ORG, "directAbbreviation": "zz"}, {**NEW_ORG, "directAbbreviation": "ZZ"}]
    }
    assert_error(
        await api.post("/organizations/add", taken_twice), 400, 101, "items[1].directAbbreviation"
    )


async def test_modify_organizations_partially(api: Api) -> None:
    before = await api.ok("GET", "/organizations/2")
    response = await api.post(
        "/organizations/modify",
        {"id": 2, "practiceCity": "Fishkill", "vendor": {"id": 56}, "status": {"code": 2}},
    )
    assert response.status_code == 200
    after = response.json()
    assert after["practiceCity"] == "Fishkill"
    assert after["vendor"]["id"] == 56
    # Read-only fields are ignored, the rest kept.
    assert after["status"] == before["status"]
    assert after["creationDateTime"] == before["creationDateTime"]
    assert after["lastUpdateDateTime"] > before["lastUpdateDateTime"]
    unchanged = {"organizationName", "tin", "npi", "practiceState", "domain", "directAbbreviation"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert await api.ok("GET", "/organizations/2") == after

    cleared = await api.ok(
        "POST", "/organizations/modify", {"id": 2, "npi": None, "practiceStreet2": None}
    )
    assert (cleared["npi"], cleared["practiceStreet2"]) == (None, None)

    batch = await api.post(
        "/organizations/modify",
        {"items": [{"id": 1, "typeCode": 3}, {"id": 3, "tin": "000000000"}]},
        _fields="typeCode,tin",
    )
    assert batch.status_code == 200
    assert batch.json()["count"] == 2
    assert batch.json()["items"][0]["typeCode"] == 3
    assert batch.json()["items"][1] == {
        "id": 3,
        "typeCode": batch.json()["items"][1]["typeCode"],
        "tin": "000000000",
    }


async def test_modify_organization_errors_change_nothing(api: Api) -> None:
    before = await api.all_organizations()
    assert_error(await api.post("/organizations/modify", {"tin": "123456789"}), 400, 102, "id")
    assert_error(await api.post("/organizations/modify", {"id": 99999, "tin": "1"}), 404, 103, "id")
    assert_error(
        await api.post(
            "/organizations/modify", {"items": [{"id": 1, "tin": "111111111"}, {"id": 3, "npi": 5}]}
        ),
        400,
        101,
        "items[1].npi",
    )
    assert_error(
        await api.post(
            "/organizations/modify", {"items": [{"id": 1, "tin": "111111111"}, {"id": 0}]}
        ),
        404,
        103,
        "items[1].id",
    )
    assert_error(
        await api.post("/organizations/modify", {"id": 2, "organizationName": ""}),
        400,
        102,
        "organizationName",
    )
    assert_error(
        await api.post("/organizations/modify", {"id": 2, "typeCode": 9}), 400, 101, "typeCode"
    )
    assert_error(
        await api.post("/organizations/modify", {"id": 2, "vendor": {"id": 1}}),
        400,
        101,
        "vendor.id",
    )
    assert await api.all_organizations() == before


async def test_deactivate_and_activate_organizations(api: Api) -> None:
    members = (await api.ok("GET", "/organizations/2/memberships"))["items"]
    assert any(m["status"]["code"] == 1 for m in members)
    response = await api.get("/organizations/deactivate", orgId="2,1")
    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "items": [
            {"id": 2, "status": {"name": "Disabled", "code": 2}},
            {"id": 1, "status": {"name": "Disabled", "code": 2}},
        ],
    }
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 2
    disabled = await api.ok(
        "POST", "/organizations/2/memberships", {"filterOn": flt("status.code", 3, 2)}, _count=""
    )
    assert disabled == {"count": len(members)}
    # Every membership of organization 2 went down with it, on the account side too.
    tyus = await api.ok("GET", "/accounts/5/memberships")
    assert tyus["items"][0]["status"] == {"name": "Disabled", "code": 2}
    assert tyus["items"][0]["organization"]["status"] == {"name": "Disabled", "code": 2}

    activated = await api.ok("GET", "/organizations/activate", orgId="2")
    assert activated == {"count": 1, "items": [{"id": 2, "status": {"name": "Enabled", "code": 1}}]}
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 1
    # Members are not reactivated with their organization.
    still = await api.ok(
        "POST", "/organizations/2/memberships", {"filterOn": flt("status.code", 3, 1)}, _count=""
    )
    assert still == {"count": 0}

    assert_error(await api.get("/organizations/deactivate", orgId="3,99999"), 404, 103, "orgId")
    assert (await api.ok("GET", "/organizations/3"))["status"]["code"] == 1
    assert_error(await api.get("/organizations/deactivate"), 400, 102, "orgId")
    assert_error(await api.get("/organizations/activate", orgId="x"), 400, 101, "orgId")
    assert_error(await api.get("/organizations/activate", orgId="1,,2"), 400, 101, "orgId")


async def test_failed_deactivation_changes_nothing(api: Api) -> None:
    assert_error(await api.get("/organizations/deactivate", orgId="2,99999"), 404, 103, "orgId")
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 1
