"""The simulator: memberships: reads."""

from __future__ import annotations

from tests.upstreams.medallies.simulator.support import (
    ACCOUNT_45,
    ORG_2,
    TYUS,
    Api,
    assert_error,
    flt,
)

# --- memberships: reads ---------------------------------------------------------------------


async def test_organization_memberships_of_the_document(api: Api) -> None:
    listing = await api.ok("GET", "/organizations/2/memberships")
    account_ids = [m["account"]["id"] for m in listing["items"]]
    assert account_ids == sorted(account_ids)
    assert listing["count"] == len(account_ids) > 2
    tyus = next(m for m in listing["items"] if m["account"]["id"] == 5)
    assert tyus == {
        "directAddressLocalPart": "exampleName",
        "createDateTime": "2016-10-07T16:46:37Z",
        "status": {"name": "Enabled", "code": 1},
        "businessEmail": "exampleName@business.email.com",
        "account": TYUS,
        "publishable": True,
        "lastUpdateDateTime": "2017-04-17T13:54:09Z",
        "directAddress": "example@tag.medalliesdirect.org",
        "organizationId": 2,
        "href": f"{api.base}/2/memberships/5",
    }
    page = await api.ok("GET", "/organizations/2/memberships", offset=1, limit=2)
    assert [m["account"]["id"] for m in page["items"]] == account_ids[1:3]
    assert page["count"] == listing["count"]


async def test_organization_memberships_filter_sort_and_directives(api: Api) -> None:
    found = await api.ok(
        "POST",
        "/organizations/2/memberships",
        {"filterOn": flt("account.lastName", 3, "Tyus")},
        _fields="account.lastName,directAddress",
    )
    assert found == {
        "count": 1,
        "items": [
            {
                "account": {"id": 5, "lastName": "Tyus"},
                "directAddress": "example@tag.medalliesdirect.org",
            }
        ],
    }
    listing = await api.ok("GET", "/organizations/2/memberships")
    by_type = await api.ok(
        "POST",
        "/organizations/2/memberships",
        {
            "sortOn": {"account.accountType": "asc"},
            "filterOn": flt("account.accountType", 6, "provider"),
        },
        _fields="account.accountType",
    )
    kinds = [m["account"]["accountType"] for m in by_type["items"]]
    assert kinds == sorted(kinds)
    assert "provider" not in kinds
    ids_by_kind: dict[str, list[int]] = {}
    for item in by_type["items"]:
        ids_by_kind.setdefault(item["account"]["accountType"], []).append(item["account"]["id"])
    assert all(ids == sorted(ids) for ids in ids_by_kind.values())
    departments = await api.ok(
        "POST", "/organizations/2/memberships", {"filterOn": flt("account.npin", 13)}, _count=""
    )
    assert departments["count"] == sum(
        m["account"]["accountType"] != "provider" for m in listing["items"]
    )
    collapsed = await api.ok("GET", "/organizations/2/memberships", _collapse="account", limit=1)
    first_id = listing["items"][0]["account"]["id"]
    assert collapsed["items"][0]["account"] == {
        "id": first_id,
        "href": f"{api.base}/accounts/{first_id}",
    }
    assert await api.ok("GET", "/organizations/2/memberships", _count="") == {
        "count": listing["count"]
    }
    only_items = await api.ok(
        "GET", "/organizations/2/memberships", _items="", limit=1, _fields="publishable"
    )
    assert only_items == {"items": [{"publishable": listing["items"][0]["publishable"]}]}


async def test_account_memberships_of_the_document(api: Api) -> None:
    listing = await api.ok("GET", "/accounts/45/memberships", offset=0, limit=10)
    organization = {k: v for k, v in ORG_2.items()}
    assert listing == {
        "count": 1,
        "items": [
            {
                "directAddressLocalPart": "addressExample",
                "createDateTime": "2017-07-18T20:16:38Z",
                "organization": organization,
                "accountId": 45,
                "status": {"name": "Enabled", "code": 1},
                "publishable": False,
                "lastUpdateDateTime": "2017-07-18T20:16:38Z",
                "directAddress": "addressName@tag.medalliesdirect.net",
                "businessEmail": None,
                "href": f"{api.base}/45/memberships/2",
            }
        ],
    }
    collapsed = await api.ok(
        "POST", "/accounts/45/memberships", {}, _collapse="organization.vendor"
    )
    assert collapsed["items"][0]["organization"]["vendor"] == {
        "id": 45,
        "href": f"{api.base}/vendors/45",
    }
    star = await api.ok("GET", "/accounts/45/memberships", _collapse="*", _fields="organization")
    assert star["items"] == [{"organization": {"id": 2, "href": f"{api.base}/organizations/2"}}]


async def test_shared_accounts_list_every_organization(api: Api) -> None:
    orgs = await api.all_organizations()
    seen: dict[int, list[int]] = {}
    for org in orgs:
        members = await api.ok(
            "GET", f"/organizations/{org['id']}/memberships", _fields="account.id"
        )
        for member in members["items"]:
            seen.setdefault(member["account"]["id"], []).append(org["id"])
    shared = {a: o for a, o in seen.items() if len(o) > 1}
    assert shared, "the seed shares some accounts between organizations"
    account_id, org_ids = next(iter(shared.items()))
    memberships = await api.ok("GET", f"/accounts/{account_id}/memberships")
    assert [m["organization"]["id"] for m in memberships["items"]] == sorted(org_ids)
    filtered = await api.ok(
        "POST",
        f"/accounts/{account_id}/memberships",
        {
            "filterOn": flt("organization.id", 3, org_ids[-1]),
            "sortOn": {"organization.organizationName": "desc"},
        },
    )
    assert [m["organization"]["id"] for m in filtered["items"]] == [org_ids[-1]]
    kinds = {
        a["accountType"] for a in [await api.ok("GET", f"/accounts/{i}") for i in list(seen)[:60]]
    }
    assert kinds == {"department", "provider", "nonProvider"}


async def test_accounts_by_id(api: Api) -> None:
    assert await api.ok("GET", "/accounts/45") == {**ACCOUNT_45, "href": f"{api.base}/accounts/45"}
    assert await api.ok("GET", "/accounts/5") == {**TYUS, "href": f"{api.base}/accounts/5"}
    assert await api.ok("GET", "/accounts/5", _fields="lastName,href") == {
        "id": 5,
        "lastName": "Tyus",
        "href": f"{api.base}/accounts/5",
    }
    assert_error(await api.get("/accounts/5", _fields="nope"), 400, 101, "_fields")
