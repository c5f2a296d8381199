"""Organizations, vendors and accounts over HTTP, against the MedAllies simulator."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Graph

PAGE = """
query($first: Int, $after: String, $last: Int, $before: String,
      $filter: OrganizationFilter, $orderBy: [OrganizationOrder!]) {
  organizations(first: $first, after: $after, last: $last, before: $before,
                filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { organizationId organizationName } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""

ISSUE_FILTER = {
    "or": [{"organizationName": {"startsWith": "A"}}, {"address": {"state": {"in": ["NY", "NJ"]}}}],
    "npi": {"isNull": False},
}
BY_NAME = [{"field": "ORGANIZATION_NAME", "direction": "ASC"}]


async def test_organization_two_as_documented(graph: Graph) -> None:
    data = await graph.data(
        """{ organization(organizationId: 2) {
              id organizationId organizationName typeCode tin npi status directAbbreviation
              phoneNumber specialization endpointUri createdAt updatedAt
              address { streetAddress1 streetAddress2 city state postalCode }
              vendor { vendorId name product rootDomain endpointType { name code } }
              domain { domainId domainName } }
            missing: organization(organizationId: 999999) { id } }"""
    )
    org = data["organization"]
    assert org["organizationId"] == 2
    assert org["organizationName"] == "Organization Name"
    assert (org["npi"], org["tin"], org["typeCode"]) == ("1234567890", "123456789", 1)
    assert org["status"] == "ENABLED"
    assert org["address"] == {
        "streetAddress1": "Westage Business Drive",
        "streetAddress2": "Suite 001",
        "city": "City name",
        "state": "NY",
        "postalCode": "34776",
    }
    assert org["vendor"]["vendorId"] == 45
    assert org["vendor"]["endpointType"] == {"name": "XD", "code": 3}
    assert org["domain"] == {"domainId": 2, "domainName": "tag.medalliesdirect.net"}
    assert org["createdAt"].startswith("2016-10-07T16:46:23")
    assert data["missing"] is None


async def test_vendors_and_accounts(graph: Graph) -> None:
    data = await graph.data(
        """{ v56: vendor(vendorId: 56) { vendorId name product rootDomain }
             a5: account(accountId: 5) { __typename accountId accountType
                   ... on NonProviderAccount { firstName lastName gender credentials } }
             a45: account(accountId: 45) { __typename accountId }
             person: account(accountId: 5) { ... on PersonAccount { lastName } }
             none: account(accountId: 987654) { accountId }
             vendors(first: 3, orderBy: [{field: VENDOR_ID}]) { totalCount nodes { vendorId } } }"""
    )
    assert data["v56"] == {
        "vendorId": 56,
        "name": "VendorName",
        "product": "Vendor Name",
        "rootDomain": "vendordirect.net",
    }
    assert data["a5"]["__typename"] == "NonProviderAccount"
    assert data["a5"]["lastName"] == "Tyus"
    assert data["a45"]["accountId"] == 45
    assert data["person"] == {"lastName": "Tyus"}
    assert data["none"] is None
    assert data["vendors"]["totalCount"] >= 3
    ids = [n["vendorId"] for n in data["vendors"]["nodes"]]
    assert ids == sorted(ids)


async def walk(graph: Graph, size: int, *, backward: bool = False) -> tuple[list[int], int]:
    ids: list[int] = []
    cursor = None
    total = -1
    while True:
        variables: dict[str, Any] = {"filter": ISSUE_FILTER, "orderBy": BY_NAME}
        variables.update(
            {"last": size, "before": cursor} if backward else {"first": size, "after": cursor}
        )
        await graph.reset()
        page = (await graph.data(PAGE, variables))["organizations"]
        assert await graph.calls("medallies") == {"POST /OnBoard/services/v1/organizations": 1}
        got = [e["node"]["organizationId"] for e in page["edges"]]
        total = page["totalCount"]
        info = page["pageInfo"]
        if backward:
            ids[:0] = got
            if not info["hasPreviousPage"]:
                return ids, total
            cursor = info["startCursor"]
        else:
            ids.extend(got)
            if not info["hasNextPage"]:
                return ids, total
            cursor = info["endCursor"]
        assert len(got) == size


async def test_the_issue_query_pages_to_exactly_total_count(graph: Graph) -> None:
    forward, total = await walk(graph, 20)
    assert total > 20, "the data set must need several pages"
    assert len(forward) == total
    assert len(set(forward)) == total
    backward, _ = await walk(graph, 20, backward=True)
    assert backward == forward
    names = (await graph.data(PAGE, {"first": 100, "filter": ISSUE_FILTER, "orderBy": BY_NAME}))[
        "organizations"
    ]["edges"]
    listed = [e["node"]["organizationName"] for e in names]
    assert listed == sorted(listed)


async def test_selection_goes_down_as_directives(graph: Graph) -> None:
    await graph.reset()
    await graph.data("{ organizations { totalCount } }")
    (only_count,) = await graph.requests()
    assert only_count["query"].get("_count") == "true"
    assert "_items" not in only_count["query"]

    await graph.reset()
    await graph.data(
        "{ organizations(first: 3) { nodes { organizationName vendor { vendorId } } } }"
    )
    (items,) = await graph.requests()
    assert items["query"]["_items"] == "true"
    assert set(items["query"]["_fields"].split(",")) == {"organizationName", "vendor"}
    assert items["query"]["_collapse"] == "vendor"
    # No filter, default order: the plain GET list; one look-ahead item, no count.
    assert items["method"] == "GET"
    assert items["query"]["limit"] == "4"

    await graph.reset()
    await graph.data(
        "{ organizations(first: 2) { totalCount nodes { address { state } vendor { name } } } }"
    )
    (both,) = await graph.requests()
    assert "_items" not in both["query"]
    assert "_count" not in both["query"]
    assert set(both["query"]["_fields"].split(",")) == {"practiceState", "vendor.name"}


async def test_memberships_of_many_organizations_each_fetched_once(graph: Graph) -> None:
    await graph.reset()
    data = await graph.data(
        """{ organizations(first: 6, orderBy: [{field: ORGANIZATION_ID}]) { nodes {
              organizationId
              a: memberships(first: 5) { totalCount nodes { account { accountId } } }
              b: memberships(first: 5) { totalCount nodes { account { accountId } } } } } }"""
    )
    nodes = data["organizations"]["nodes"]
    assert len(nodes) == 6
    assert all(n["a"] == n["b"] for n in nodes)
    calls = await graph.calls("medallies")
    # No filter and the default order: the plain GET lists serve it.
    assert calls == {
        "GET /OnBoard/services/v1/organizations": 1,
        "GET /OnBoard/services/v1/organizations/{id}/memberships": 6,
    }
    await graph.reset()
    await graph.data(
        """{ organizations(first: 2, orderBy: [{field: ORGANIZATION_NAME}]) { nodes {
              memberships(first: 5, filter: {account: {accountType: {eq: PROVIDER}}}) {
                nodes { accountId } } } } }"""
    )
    assert await graph.calls("medallies") == {
        "POST /OnBoard/services/v1/organizations": 1,
        "POST /OnBoard/services/v1/organizations/{id}/memberships": 2,
    }


async def test_account_memberships_and_membership_nodes(graph: Graph) -> None:
    data = await graph.data(
        """{ account(accountId: 45) { memberships(first: 5) { totalCount nodes {
               id organizationId accountId directAddress
               organization { organizationName } } } } }"""
    )
    memberships = data["account"]["memberships"]
    assert memberships["totalCount"] >= 1
    first = memberships["nodes"][0]
    assert first["accountId"] == 45
    node = await graph.data(
        "query($id: ID!) { node(id: $id) { ... on OrganizationMembership { accountId "
        "organizationId directAddress } } }",
        {"id": first["id"]},
    )
    assert node["node"] == {
        "accountId": 45,
        "organizationId": first["organizationId"],
        "directAddress": first["directAddress"],
    }


async def test_reference_lists_are_cached(graph: Graph) -> None:
    query = """{ organizationTypes { code description } usStates { abbreviation }
                 accountDeactivationReasons { code reason value } accountCredentials { name }
                 accountSpecialties(search: "acupunct") { code name } }"""
    data = await graph.data(query)
    assert {"code": 1, "description": "Hospital"} in data["organizationTypes"]
    assert len(data["usStates"]) == 59
    assert data["accountDeactivationReasons"][4] == {
        "code": 5,
        "reason": "Lost Or Stolen Private Key",
        "value": "LOST_OR_STOLEN_PRIVATE_KEY",
    }
    assert len(data["accountCredentials"]) == 22
    assert {"code": "171100000X", "name": "Acupuncturist"} in data["accountSpecialties"]
    await graph.reset()
    assert await graph.data(query) == data
    assert await graph.calls("medallies") == {}


async def test_metadata_and_error_codes(graph: Graph) -> None:
    data = await graph.data(
        """{ medallies {
             dataTypeMetadata(dataType: "Organization") { dataType fields { fieldName fieldType
               filterable fields { fieldName } } }
             unknown: dataTypeMetadata(dataType: "Nope") { dataType }
             dataTypes
             errorCodes { code codeString } } }"""
    )
    fields = {f["fieldName"]: f for f in data["medallies"]["dataTypeMetadata"]["fields"]}
    assert "organizationName" in fields
    assert fields["vendor"]["fields"], "sub-datatypes carry their own fields"
    assert data["medallies"]["unknown"] is None
    assert {"Organization", "Vendor", "Provider"} <= set(data["medallies"]["dataTypes"])
    assert {"code": 101, "codeString": "REST_INVALID_PARAM"} in data["medallies"]["errorCodes"]


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": 5, "filter": {"npi": {"startsWith": "1"}}}, "BAD_USER_INPUT"),
        ({"first": 101}, "BAD_USER_INPUT"),
        ({"first": 5, "after": "nope"}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_input(graph: Graph, variables: dict[str, Any], code: str) -> None:
    body = await graph.gql(PAGE, variables, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == code


async def test_filtered_vendor_and_ordered_account_membership_lists(graph: Graph) -> None:
    await graph.reset()
    data = await graph.data(
        """{ vendors(first: 10, filter: {name: {startsWith: "V"}}) { totalCount nodes { name } }
             account(accountId: 45) { memberships(first: 5,
                 orderBy: [{field: ORGANIZATION_NAME, direction: DESC}]) {
               nodes { organization { organizationName } } } } }"""
    )
    assert data["vendors"]["totalCount"] >= 2
    assert all(v["name"].startswith("V") for v in data["vendors"]["nodes"])
    names = [n["organization"]["organizationName"] for n in data["account"]["memberships"]["nodes"]]
    assert names == sorted(names, reverse=True)
    calls = await graph.calls("medallies")
    assert calls["POST /OnBoard/services/v1/vendors"] == 1
    assert calls["POST /OnBoard/services/v1/accounts/{id}/memberships"] == 1
