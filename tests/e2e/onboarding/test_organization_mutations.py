"""Every onboarding mutation over HTTP, with its bad-input answers."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Graph

CREATE = """mutation($input: CreateOrganizationsInput!) {
  createOrganizations(input: $input) {
    organizations { organizationId organizationName status npi vendor { vendorId } }
    userErrors { field message code } } }"""
MODIFY = """mutation($input: UpdateOrganizationsInput!) {
  updateOrganizations(input: $input) {
    organizations { organizationId organizationName address { city } }
    userErrors { field message code } } }"""
STATUS = """mutation($input: %(type)sInput!) {
  %(field)s(input: $input) {
    organizations { organizationId status } userErrors { field code } } }"""
ADD = """mutation($input: CreateOrganizationMembershipInput!) {
  createOrganizationMembership(input: $input) {
    processingStatus
    membership { organizationId accountId directAddressLocalPart directAddress
      account { accountId accountType } }
    userErrors { field message code } } }"""
MEMBERS = """query($id: Int!) { organization(organizationId: $id) { status
  memberships(first: 100) { totalCount nodes { accountId status } } } }"""


def org(**extra: Any) -> dict[str, Any]:
    return {
        "organizationName": "Acme Clinic",
        "typeCode": 2,
        "vendorId": 45,
        "tin": "987654321",
        "npi": "1098765432",
        "state": "NJ",
        "postalCode": "07030",
        "phoneNumber": "(201) 555-0100 ext 4",
        **extra,
    }


async def test_create_one_and_many(graph: Graph) -> None:
    one = (await graph.data(CREATE, {"input": {"organizations": [org()]}}))["createOrganizations"]
    assert one["userErrors"] == []
    (created,) = one["organizations"]
    assert created["organizationName"] == "Acme Clinic"
    assert created["npi"] == "1098765432"
    assert created["vendor"] == {"vendorId": 45}
    many = (
        await graph.data(
            CREATE,
            {
                "input": {
                    "organizations": [org(organizationName="B One"), org(organizationName="B Two")]
                }
            },
        )
    )["createOrganizations"]
    assert [o["organizationName"] for o in many["organizations"]] == ["B One", "B Two"]
    found = await graph.data(
        '{ organizations(filter: {organizationName: {startsWith: "B "}}) { totalCount } }'
    )
    assert found["organizations"]["totalCount"] == 2


async def test_checks_before_the_call(graph: Graph) -> None:
    await graph.reset()
    bad = org(
        tin="123",
        npi="12",
        postalCode="ABCDE",
        phoneNumber="555",
        state="ZZ",
        typeCode=9,
    )
    result = (await graph.data(CREATE, {"input": {"organizations": [org(), bad]}}))[
        "createOrganizations"
    ]
    assert result["organizations"] == []
    fields = {tuple(e["field"]) for e in result["userErrors"]}
    assert fields == {
        ("input", "organizations", "1", name)
        for name in ("tin", "npi", "postalCode", "phoneNumber", "state", "typeCode")
    }
    calls = await graph.calls("medallies")
    assert not any("/add" in route for route in calls), "nothing was sent"


async def test_upstream_refusals_become_user_errors(graph: Graph) -> None:
    result = (await graph.data(CREATE, {"input": {"organizations": [org(vendorId=999999)]}}))[
        "createOrganizations"
    ]
    assert result["organizations"] == []
    assert result["userErrors"], "an unknown vendor is refused by MedAllies"
    assert result["userErrors"][0]["field"][:3] == ["input", "organizations", "0"]


async def test_modify_and_unknown_organizations(graph: Graph) -> None:
    changed = (
        await graph.data(
            MODIFY,
            {"input": {"organizations": [{"organizationId": 2, "city": "Brewster"}]}},
        )
    )["updateOrganizations"]
    assert changed["userErrors"] == []
    assert changed["organizations"][0]["address"]["city"] == "Brewster"
    missing = (
        await graph.data(
            MODIFY, {"input": {"organizations": [{"organizationId": 999999, "tin": "123456789"}]}}
        )
    )["updateOrganizations"]
    assert missing["organizations"] == []
    assert missing["userErrors"][0]["code"] == "NOT_FOUND"


async def test_deactivation_cascades_to_memberships_and_activation_does_not(graph: Graph) -> None:
    before = (await graph.data(MEMBERS, {"id": 2}))["organization"]
    assert before["memberships"]["totalCount"] >= 1
    off = await graph.data(
        STATUS % {"type": "DeactivateOrganizations", "field": "deactivateOrganizations"},
        {"input": {"organizationIds": [2]}},
    )
    assert off["deactivateOrganizations"]["organizations"] == [
        {"organizationId": 2, "status": "DISABLED"}
    ]
    after = (await graph.data(MEMBERS, {"id": 2}))["organization"]
    assert after["status"] == "DISABLED"
    assert {m["status"] for m in after["memberships"]["nodes"]} == {"DISABLED"}
    on = await graph.data(
        STATUS % {"type": "ActivateOrganizations", "field": "activateOrganizations"},
        {"input": {"organizationIds": [2]}},
    )
    assert on["activateOrganizations"]["organizations"][0]["status"] == "ENABLED"
    again = (await graph.data(MEMBERS, {"id": 2}))["organization"]
    assert {m["status"] for m in again["memberships"]["nodes"]} == {"DISABLED"}
    account = again["memberships"]["nodes"][0]["accountId"]
    activated = await graph.data(
        """mutation($input: ActivateAccountMembershipInput!) {
             activateAccountMembership(input: $input) {
               membership { id accountId status } userErrors { code } } }""",
        {"input": {"organizationId": 2, "accountId": account}},
    )
    result = activated["activateAccountMembership"]
    assert result["userErrors"] == []
    assert result["membership"]["accountId"] == account
    assert result["membership"]["status"] == "ENABLED"
    assert result["membership"]["id"]
    unknown = await graph.data(
        STATUS % {"type": "DeactivateOrganizations", "field": "deactivateOrganizations"},
        {"input": {"organizationIds": [999999]}},
    )
    assert unknown["deactivateOrganizations"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_add_membership_processing_statuses(graph: Graph) -> None:
    def add(org_id: int, account: dict[str, Any], **extra: Any) -> Any:
        return graph.data(ADD, {"input": {"organizationId": org_id, "account": account, **extra}})

    person = {
        "accountType": "NON_PROVIDER",
        "firstName": "Ada",
        "lastName": "Quill",
        "gender": "FEMALE",
    }
    # "." is not allowed in a Direct local part: checked before the call.
    first = (await add(2, person, directAddressLocalPart="ada.q-1"))["createOrganizationMembership"]
    assert first["processingStatus"] is None
    assert [e["field"] for e in first["userErrors"]] == [["input", "directAddressLocalPart"]]
    ok = (await add(2, person, directAddressLocalPart="ada_q"))["createOrganizationMembership"]
    assert ok["userErrors"] == []
    assert ok["processingStatus"] == "ADDED"
    account_id = ok["membership"]["accountId"]
    again = (await add(2, person))["createOrganizationMembership"]
    assert again["processingStatus"] == "ALREADY_A_MEMBER"
    elsewhere = (await add(3, person))["createOrganizationMembership"]
    assert elsewhere["processingStatus"] == "EXISTING_ACCOUNT_USED"
    assert elsewhere["membership"]["accountId"] == account_id
    dept = {"accountType": "DEPARTMENT", "departmentName": "Radiology Desk"}
    clash = (await add(2, dept, directAddressLocalPart="ada_q"))["createOrganizationMembership"]
    assert clash["processingStatus"] == "ALTERNATE_DIRECT_ADDRESS"
    assert clash["membership"]["directAddressLocalPart"] != "ada_q"
    missing = (await add(2, {"accountType": "PROVIDER"}))["createOrganizationMembership"]
    assert missing["userErrors"][0]["code"] == "MISSING"


async def test_modify_and_deactivate_memberships(graph: Graph) -> None:
    members = (await graph.data(MEMBERS, {"id": 2}))["organization"]["memberships"]["nodes"]
    account_id = members[0]["accountId"]
    modified = await graph.data(
        """mutation($input: UpdateOrganizationMembershipsInput!) {
             updateOrganizationMemberships(input: $input) {
               memberships { accountId businessEmail } userErrors { field code } } }""",
        {
            "input": {
                "organizationId": 2,
                "memberships": [{"accountId": account_id, "businessEmail": "new@example.org"}],
            }
        },
    )
    result = modified["updateOrganizationMemberships"]
    assert result["userErrors"] == []
    assert result["memberships"] == [{"accountId": account_id, "businessEmail": "new@example.org"}]
    deactivated = await graph.data(
        """mutation($input: DeactivateAccountMembershipsInput!) {
             deactivateAccountMemberships(input: $input) {
               memberships { accountId status } userErrors { code } } }""",
        {
            "input": {
                "organizationId": 2,
                "memberships": [
                    {"accountId": account_id, "reason": "PROVIDER_LEAVING_ORGANIZATION"}
                ],
            }
        },
    )
    assert deactivated["deactivateAccountMemberships"] == {
        "memberships": [{"accountId": account_id, "status": "DISABLED"}],
        "userErrors": [],
    }
    now = (await graph.data(MEMBERS, {"id": 2}))["organization"]["memberships"]["nodes"]
    assert {m["accountId"]: m["status"] for m in now}[account_id] == "DISABLED"


async def test_empty_lists_are_refused_before_any_call(graph: Graph) -> None:
    await graph.reset()
    data = await graph.data(
        """mutation {
             a: deactivateOrganizations(input: {organizationIds: []}) { userErrors { field code } }
             b: deactivateAccountMemberships(input: {organizationId: 2, memberships: []}) {
               userErrors { field code } } }"""
    )
    assert data["a"]["userErrors"] == [{"field": ["input", "organizationIds"], "code": "BLANK"}]
    assert data["b"]["userErrors"] == [{"field": ["input", "memberships"], "code": "BLANK"}]
    assert await graph.calls("medallies") == {}
