"""The simulator: membership writes."""

from __future__ import annotations

import pytest

from tests.upstreams.medallies.simulator.support import Api, Json, assert_error, flt

# --- membership writes ----------------------------------------------------------------------


async def test_add_accounts_status_codes(api: Api) -> None:
    # 1: a new account and membership, for each account type.
    department = await api.post(
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "department", "departmentName": "Cardiology West"},
        },
    )
    assert department.status_code == 201
    body = department.json()
    assert body["statusCode"] == 1
    item = body["item"]
    assert item["organizationId"] == 2
    assert item["account"]["departmentName"] == "Cardiology West"
    assert item["account"]["accountType"] == "department"
    assert item["directAddressLocalPart"] == "cardiology-west"
    assert item["directAddress"] == "cardiology-west@tag.medalliesdirect.net"
    assert item["status"] == {"name": "Enabled", "code": 1}
    assert item["publishable"] is False
    new_id = item["account"]["id"]
    assert item["href"] == f"{api.base}/2/memberships/{new_id}"
    assert (await api.ok("GET", f"/accounts/{new_id}"))["departmentName"] == "Cardiology West"

    provider = {"accountType": "provider", "npin": "1098765432"}
    first = await api.ok("POST", "/accounts/add", {"organizationId": 2, "account": provider})
    assert first["statusCode"] == 1
    assert first["item"]["account"]["npin"] == "1098765432"
    person = {
        "accountType": "nonProvider",
        "firstName": "Ada",
        "lastName": "Okafor",
        "gender": "Female",
    }
    created = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": person,
            "directAddressLocalPart": "ada_okafor-1",
            "publishable": True,
            "businessEmail": "ada@example.org",
        },
    )
    assert created["statusCode"] == 1
    assert (created["item"]["directAddressLocalPart"], created["item"]["publishable"]) == (
        "ada_okafor-1",
        True,
    )
    assert created["item"]["businessEmail"] == "ada@example.org"

    # 2: an existing account (by npin; by names and gender, ignoring case) joins.
    other = await api.ok(
        "POST",
        "/accounts/add",
        {"organizationId": 1, "account": {**provider, "firstName": "Ignored"}},
    )
    assert other["statusCode"] == 2
    assert other["item"]["account"] == first["item"]["account"]
    tyus = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 3,
            "account": {
                "accountType": "nonProvider",
                "firstName": "EXAMPLE",
                "lastName": "tyus",
                "gender": "Female",
            },
        },
    )
    assert (tyus["statusCode"], tyus["item"]["account"]["id"]) == (2, 5)
    by_id = await api.ok("POST", "/accounts/add", {"organizationId": 4, "account": {"id": 45}})
    assert (by_id["statusCode"], by_id["item"]["account"]["id"]) == (2, 45)
    assert (await api.ok("GET", "/accounts/45/memberships", _count=""))["count"] == 2

    # 3: the account is already a member; nothing is added.
    count = (await api.ok("GET", "/organizations/2/memberships", _count=""))["count"]
    again = await api.ok("POST", "/accounts/add", {"organizationId": 2, "account": provider})
    assert again == {"statusCode": 3, "item": first["item"]}
    same_department = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "department", "departmentName": "cardiology WEST"},
        },
    )
    assert same_department["statusCode"] == 3
    assert (await api.ok("GET", "/organizations/2/memberships", _count=""))["count"] == count
    # A different person with the same name is a new account.
    other_gender = await api.ok(
        "POST", "/accounts/add", {"organizationId": 2, "account": {**person, "gender": "Male"}}
    )
    assert other_gender["statusCode"] == 1

    # 4: the requested local part is taken in the domain: an alternate is used.
    taken = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "provider", "npin": "1555555555"},
            "directAddressLocalPart": "exampleName",
        },
    )
    assert taken["statusCode"] == 4
    assert taken["item"]["directAddressLocalPart"] == "exampleName1"
    assert taken["item"]["directAddress"] == "exampleName1@tag.medalliesdirect.net"
    # The document's directAddress local part counts as taken too; case is ignored.
    second = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "provider", "npin": "1555555556"},
            "directAddressLocalPart": "EXAMPLE",
        },
    )
    assert (second["statusCode"], second["item"]["directAddressLocalPart"]) == (4, "EXAMPLE1")


async def test_add_accounts_in_a_batch(api: Api) -> None:
    response = await api.post(
        "/accounts/add",
        {
            "organizationId": 3,
            "items": [
                {"account": {"accountType": "provider", "npin": "1222222222"}},
                {"organizationId": 3, "account": {"accountType": "provider", "npin": "1222222222"}},
                {
                    "account": {"accountType": "department", "departmentName": "Billing 2"},
                    "directAddressLocalPart": "billing2",
                },
            ],
        },
        _fields="account.npin,directAddressLocalPart",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["count"] == 3
    assert [r["statusCode"] for r in body["items"]] == [1, 3, 1]
    assert body["items"][0]["item"]["account"]["npin"] == "1222222222"
    assert set(body["items"][2]["item"]) == {"account", "directAddressLocalPart"}


@pytest.mark.parametrize(
    ("body", "status", "code", "parameters"),
    [
        (
            {"account": {"accountType": "provider", "npin": "1234567890"}},
            400,
            102,
            ["organizationId"],
        ),
        (
            {"organizationId": 99999, "account": {"accountType": "provider", "npin": "1234567890"}},
            404,
            103,
            ["organizationId"],
        ),
        (
            {"organizationId": "2", "account": {"accountType": "provider", "npin": "1234567890"}},
            400,
            109,
            ["organizationId"],
        ),
        ({"organizationId": 2}, 400, 102, ["account"]),
        ({"organizationId": 2, "account": {}}, 400, 102, ["account.accountType"]),
        (
            {"organizationId": 2, "account": {"accountType": "robot"}},
            400,
            101,
            ["account.accountType"],
        ),
        (
            {"organizationId": 2, "account": {"accountType": "department"}},
            400,
            102,
            ["account.departmentName"],
        ),
        ({"organizationId": 2, "account": {"accountType": "provider"}}, 400, 102, ["account.npin"]),
        (
            {"organizationId": 2, "account": {"accountType": "provider", "npin": "123"}},
            400,
            101,
            ["account.npin"],
        ),
        (
            {"organizationId": 2, "account": {"accountType": "provider", "npin": 1234567890}},
            400,
            109,
            ["account.npin"],
        ),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890", "gender": "F"},
            },
            400,
            101,
            ["account.gender"],
        ),
        (
            {"organizationId": 2, "account": {"accountType": "nonProvider", "firstName": "A"}},
            400,
            102,
            ["account.lastName", "account.gender"],
        ),
        (
            {
                "organizationId": 2,
                "account": {
                    "accountType": "nonProvider",
                    "firstName": "A",
                    "lastName": "B",
                    "gender": "male",
                },
            },
            400,
            101,
            ["account.gender"],
        ),
        ({"organizationId": 2, "account": {"id": 99999}}, 404, 103, ["account.id"]),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890"},
                "directAddressLocalPart": "has space",
            },
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890"},
                "directAddressLocalPart": "a.b",
            },
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890"},
                "publishable": "yes",
            },
            400,
            109,
            ["publishable"],
        ),
    ],
)
async def test_add_account_validation(
    api: Api, body: Json, status: int, code: int, parameters: list[str]
) -> None:
    assert_error(await api.post("/accounts/add", body), status, code, *parameters)
    valid = {"organizationId": 2, "account": {"accountType": "provider", "npin": "1777777777"}}
    # In a batch every item must name one organization: mixing answers 101 instead.
    if body.get("organizationId") != 99999:
        batch = await api.post("/accounts/add", {"items": [valid, body]})
        assert batch.status_code == status
        assert batch.json()["parameterName"] == [f"items[1].{p}" for p in parameters]
    # Nothing was added, not even the valid item.
    assert (
        await api.ok(
            "POST",
            "/organizations/2/memberships",
            {"filterOn": flt("account.npin", 3, "1777777777")},
            _count="",
        )
    ) == {"count": 0}


async def test_add_accounts_needs_one_enabled_organization(api: Api) -> None:
    provider = {"accountType": "provider", "npin": "1333333333"}
    mixed = {
        "items": [
            {"organizationId": 2, "account": provider},
            {"organizationId": 3, "account": provider},
        ]
    }
    assert_error(await api.post("/accounts/add", mixed), 400, 101, "items[1].organizationId")
    await api.ok("GET", "/organizations/deactivate", orgId="3")
    assert_error(
        await api.post("/accounts/add", {"organizationId": 3, "account": provider}),
        400,
        101,
        "organizationId",
    )


async def test_modify_accounts(api: Api) -> None:
    response = await api.post(
        "/accounts/modify",
        {
            "organizationId": 2,
            "account": {
                "id": 5,
                "specialty": "Emergency Medical Technician, Paramedic",
                "accountType": "provider",
            },
            "directAddressLocalPart": "etyus",
            "publishable": False,
            "businessEmail": None,
        },
    )
    assert response.status_code == 200
    item = response.json()
    assert item["account"]["specialty"] == "Emergency Medical Technician, Paramedic"
    assert item["account"]["accountType"] == "nonProvider"
    assert item["account"]["lastName"] == "Tyus"
    assert item["directAddressLocalPart"] == "etyus"
    assert item["directAddress"] == "etyus@tag.medalliesdirect.net"
    assert (item["publishable"], item["businessEmail"]) == (False, None)
    assert item["lastUpdateDateTime"] > "2017-04-17T13:54:09Z"
    # The account is one record wherever it is a member.
    assert (await api.ok("GET", "/accounts/5"))[
        "specialty"
    ] == "Emergency Medical Technician, Paramedic"

    batch = await api.post(
        "/accounts/modify",
        {
            "items": [
                {"organizationId": 2, "account": {"id": 45, "gender": "Male"}},
                {"organizationId": 2, "account": {"id": 5}, "publishable": True},
            ]
        },
        _fields="account.gender,publishable",
    )
    assert batch.status_code == 200
    assert batch.json() == {
        "count": 2,
        "items": [
            {"account": {"id": 45, "gender": "Male"}, "publishable": False},
            {"account": {"id": 5, "gender": "Female"}, "publishable": True},
        ],
    }
    # A renamed person is matched by the new name.
    renamed = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 3,
            "account": {
                "accountType": "nonProvider",
                "firstName": "firstName",
                "lastName": "lastName",
                "gender": "Male",
            },
        },
    )
    assert (renamed["statusCode"], renamed["item"]["account"]["id"]) == (2, 45)


@pytest.mark.parametrize(
    ("body", "status", "code", "parameters"),
    [
        ({"account": {"id": 5}}, 400, 102, ["organizationId"]),
        ({"organizationId": 2}, 400, 102, ["account"]),
        ({"organizationId": 2, "account": {}}, 400, 102, ["account.id"]),
        ({"organizationId": 2, "account": {"id": 99999}}, 404, 103, ["account.id"]),
        ({"organizationId": 3, "account": {"id": 45}}, 404, 103, ["account.id"]),
        ({"organizationId": 99999, "account": {"id": 5}}, 404, 103, ["organizationId"]),
        ({"organizationId": 2, "account": {"id": 5, "gender": "F"}}, 400, 101, ["account.gender"]),
        ({"organizationId": 2, "account": {"id": 5, "gender": None}}, 400, 102, ["account.gender"]),
        (
            {"organizationId": 2, "account": {"id": 5, "lastName": ""}},
            400,
            102,
            ["account.lastName"],
        ),
        (
            {"organizationId": 2, "account": {"id": 5}, "directAddressLocalPart": "addressExample"},
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {"organizationId": 2, "account": {"id": 5}, "directAddressLocalPart": "a b"},
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {"organizationId": 2, "account": {"id": 5}, "directAddressLocalPart": None},
            400,
            102,
            ["directAddressLocalPart"],
        ),
        ({"organizationId": 2, "account": {"id": 5}, "publishable": 1}, 400, 109, ["publishable"]),
    ],
)
async def test_modify_account_validation(
    api: Api, body: Json, status: int, code: int, parameters: list[str]
) -> None:
    assert_error(await api.post("/accounts/modify", body), status, code, *parameters)
    before = await api.ok("GET", "/accounts/5/memberships")
    valid = {"organizationId": 2, "account": {"id": 5, "firstName": "Changed"}}
    # In a batch every item must name one organization: mixing answers 101 instead.
    if body.get("organizationId", 2) == 2:
        batch = await api.post("/accounts/modify", {"items": [valid, body]})
        assert batch.status_code == status
        assert batch.json()["parameterName"] == [f"items[1].{p}" for p in parameters]
    mixed = await api.post("/accounts/modify", {"items": [valid, {**body, "organizationId": 3}]})
    assert mixed.status_code in (400, 404)
    assert await api.ok("GET", "/accounts/5/memberships") == before


async def test_deactivate_and_activate_memberships(api: Api) -> None:
    single = await api.post("/accounts/deactivate", {"orgId": 2, "accountId": 5, "reasonCode": 4})
    assert single.status_code == 200
    assert single.json() == {
        "count": 1,
        "items": [{"organizationId": 2, "accountId": 5, "status": {"name": "Disabled", "code": 2}}],
    }
    tyus = await api.ok("GET", "/accounts/5/memberships")
    assert tyus["items"][0]["status"]["code"] == 2
    # The organization itself stays enabled.
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 1

    many = await api.ok(
        "POST",
        "/accounts/deactivate",
        {
            "orgId": 2,
            "items": [{"accountId": 45, "reasonCode": 1}, {"accountId": 5, "reasonCode": 5}],
        },
    )
    assert [(i["accountId"], i["status"]["code"]) for i in many["items"]] == [(45, 2), (5, 2)]

    activated = await api.get("/accounts/activate", orgId="2", accountId="5,45")
    assert activated.status_code == 200
    assert activated.json() == {
        "count": 2,
        "items": [
            {"organizationId": 2, "accountId": 5, "status": {"name": "Enabled", "code": 1}},
            {"organizationId": 2, "accountId": 45, "status": {"name": "Enabled", "code": 1}},
        ],
    }
    assert (await api.ok("GET", "/accounts/45/memberships"))["items"][0]["status"]["code"] == 1


@pytest.mark.parametrize(
    ("body", "status", "code", "parameters"),
    [
        ({"accountId": 5, "reasonCode": 1}, 400, 102, ["orgId"]),
        ({"orgId": "2", "accountId": 5, "reasonCode": 1}, 400, 109, ["orgId"]),
        ({"orgId": 99999, "accountId": 5, "reasonCode": 1}, 404, 103, ["orgId"]),
        ({"orgId": 2, "reasonCode": 1}, 400, 102, ["accountId"]),
        ({"orgId": 2, "accountId": 5}, 400, 102, ["reasonCode"]),
        ({"orgId": 2, "accountId": 5, "reasonCode": 0}, 400, 101, ["reasonCode"]),
        ({"orgId": 2, "accountId": 5, "reasonCode": 6}, 400, 101, ["reasonCode"]),
        ({"orgId": 3, "accountId": 45, "reasonCode": 1}, 404, 103, ["accountId"]),
        (
            {
                "orgId": 2,
                "items": [{"accountId": 5, "reasonCode": 1}, {"accountId": 45, "reasonCode": 9}],
            },
            400,
            101,
            ["items[1].reasonCode"],
        ),
        ({"orgId": 2, "items": []}, 400, 102, ["items"]),
    ],
)
async def test_deactivate_membership_validation(
    api: Api, body: Json, status: int, code: int, parameters: list[str]
) -> None:
    assert_error(await api.post("/accounts/deactivate", body), status, code, *parameters)
    assert (await api.ok("GET", "/accounts/5/memberships"))["items"][0]["status"]["code"] == 1


async def test_activate_membership_validation(api: Api) -> None:
    assert_error(await api.get("/accounts/activate", accountId="5"), 400, 102, "orgId")
    assert_error(await api.get("/accounts/activate", orgId="2"), 400, 102, "accountId")
    assert_error(await api.get("/accounts/activate", orgId="2,3", accountId="5"), 400, 101, "orgId")
    assert_error(
        await api.get("/accounts/activate", orgId="2", accountId="five"), 400, 101, "accountId"
    )
    assert_error(
        await api.get("/accounts/activate", orgId="99999", accountId="5"), 404, 103, "orgId"
    )
    assert_error(
        await api.get("/accounts/activate", orgId="2", accountId="5,99999"), 404, 103, "accountId"
    )
    await api.ok("GET", "/organizations/deactivate", orgId="2")
    assert_error(await api.get("/accounts/activate", orgId="2", accountId="5"), 400, 101, "orgId")
